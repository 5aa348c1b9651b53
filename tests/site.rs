//! The public site as built from the repository's sample (issue 5): pages, downloads and charts
//! checked against the data they come from.

mod common;
use common::{stderr, tree};

use calamine::{Reader, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// The sample site, built once for every test in this file.
fn site() -> &'static BTreeMap<String, Vec<u8>> {
    static SITE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let o = Command::new(env!("CARGO_BIN_EXE_prongsai"))
            .args(["build", "--as-of", "2026-11-01", "--root"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")))
            .arg("--out")
            .arg(&out)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        tree(&out)
    })
}

fn text(path: &str) -> String {
    String::from_utf8(
        site()
            .get(path)
            .unwrap_or_else(|| panic!("{path} not built"))
            .clone(),
    )
    .unwrap()
}

fn json(path: &str) -> serde_json::Value {
    serde_json::from_str(&text(path)).unwrap()
}

#[test]
fn home_page_is_light_before_fonts() {
    let html = text("index.html");
    // What a phone fetches before fonts: the page and what it links (one stylesheet, no script).
    let mut bytes = html.len();
    assert!(html.contains("/css/site.css"), "home links its stylesheet");
    bytes += site()["css/site.css"].len();
    assert!(
        html.matches("<script").count()
            == html
                .matches("<script type=\"application/ld+json\">")
                .count(),
        "the home page needs no JavaScript"
    );
    assert!(
        bytes < 150 * 1024,
        "home page weighs {bytes} bytes before fonts"
    );
    assert!(html.contains("ข้อมูลตัวอย่าง"), "sample data is said plainly");
    assert!(
        html.contains("ปีงบประมาณ พ.ศ. 2570"),
        "the current year at a glance"
    );
}

#[test]
fn month_page_lists_exactly_the_month_records_in_the_sor1_layout() {
    let data = json("data/2568/procurements.json");
    let records: Vec<&serde_json::Value> = data["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["month"] == "2567-10")
        .collect();
    assert!(!records.is_empty());
    let html = text("procurement/2568/months/2567-10/index.html");
    let table = &html[html.find("<table class=\"sor1\"").expect("สขร.1 table")..];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    assert_eq!(body.matches("<tr").count(), records.len());
    for r in &records {
        let title = r["title"].as_str().unwrap();
        assert!(
            body.contains(&title.replace('"', "&quot;")),
            "{title} on the month page"
        );
        let page = format!(
            "procurement/2568/records/{}/index.html",
            r["id"].as_str().unwrap()
        );
        assert!(site().contains_key(&page), "{page}");
    }
    for link in [
        "/data/2568/months/2567-10.pdf",
        "/data/2568/months/2567-10.xlsx",
    ] {
        assert!(html.contains(link), "month page links {link}");
    }
}

#[test]
fn an_empty_month_says_so_and_still_has_both_ita_files() {
    let html = text("procurement/2568/months/2568-04/index.html");
    assert!(html.contains("ไม่มีการจัดซื้อจัดจ้าง"));
    assert!(site().contains_key("data/2568/months/2568-04.pdf"));
    assert!(site().contains_key("data/2568/months/2568-04.xlsx"));
}

#[test]
fn month_xlsx_has_the_ita_columns_and_every_record() {
    let data = json("data/2568/procurements.json");
    let titles: Vec<&str> = data["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["month"] == "2567-10")
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(site()["data/2568/months/2567-10.xlsx"].clone())).unwrap();
    let sheet = book.worksheet_range("ITA").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0].len(),
        16,
        "the ITA layout has 16 fields: {:?}",
        rows[0]
    );
    assert_eq!(rows[0][2], "ชื่อหน่วยงาน");
    let body = &rows[1..];
    assert_eq!(body.len(), titles.len());
    for (row, title) in body.iter().zip(&titles) {
        assert_eq!(row[2], "องค์การบริหารส่วนตำบลเมืองหลวง");
        assert_eq!(row[3], "ห้วยทับทัน");
        assert_eq!(row[4], "ศรีสะเกษ");
        assert_eq!(row[7], *title);
    }
}

#[test]
fn month_pdf_text_is_thai_and_extractable() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("m.pdf");
    std::fs::write(&pdf, &site()["data/2568/months/2567-10.pdf"]).unwrap();
    let o = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils; scripts/setup installs it)");
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("สรุปผลการดำเนินการจัดซื้อจัดจ้าง"), "{text}");
    assert!(text.contains("องค์การบริหารส่วนตำบลเมืองหลวง"));
    let data = json("data/2568/procurements.json");
    let winner = data["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["month"] == "2567-10" && r["winner"].is_string())
        .and_then(|r| r["winner"].as_str())
        .unwrap();
    // Cells wrap, so a long name may be split over lines: each word of it must be there.
    for word in winner.split_whitespace() {
        assert!(text.contains(word), "{word} of {winner} in the PDF");
    }
}

#[test]
fn year_chart_values_match_the_data() {
    let data = json("data/2569/procurements.json");
    let mut by_month: BTreeMap<String, f64> = BTreeMap::new();
    for r in data["records"].as_array().unwrap() {
        if r["status"] != "ยกเลิกการดำเนินการ" {
            *by_month
                .entry(r["month"].as_str().unwrap().to_owned())
                .or_default() += r["agreed_price"].as_f64().unwrap_or(0.0);
        }
    }
    let html = text("procurement/2569/index.html");
    let start = html.find("<svg").unwrap();
    let svg = &html[start..start + html[start..].find("</svg>").unwrap() + 6];
    let values: Vec<f64> = svg
        .split("data-value=")
        .skip(1)
        .map(|s| {
            s.trim_start_matches('"')
                .split(['"', ' ', '/', '>'])
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(values.len(), 12, "one column per month");
    let months = [
        "2568-10", "2568-11", "2568-12", "2569-01", "2569-02", "2569-03", "2569-04", "2569-05",
        "2569-06", "2569-07", "2569-08", "2569-09",
    ];
    for (m, v) in months.iter().zip(&values) {
        let expected = by_month.get(*m).copied().unwrap_or(0.0);
        assert!(
            (expected - v).abs() < 0.01,
            "{m}: chart {v}, data {expected}"
        );
    }
}

#[test]
fn every_record_page_links_its_plan_month_and_supplier() {
    let html = text("procurement/2569/records/2569-05-8/index.html");
    assert!(html.contains("/procurement/2569/months/2569-05/"));
    assert!(html.contains("/suppliers/"));
    assert!(html.contains("/procurement/2569/plan/#plan-"));
    assert!(
        html.contains("เหตุผลตามมาตรา 56"),
        "the documented มาตรา 56 exception is shown"
    );
}

#[test]
fn json_exports_hold_exactly_the_records_of_the_csvs() {
    let loaded = prongsai_load::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(loaded.diagnostics.iter().all(|d| !d.is_error()));
    for (fy, year) in &loaded.data.years {
        let json = json(&format!("data/{fy}/procurements.json"));
        let records = json["records"].as_array().unwrap();
        let mut from_json: Vec<(String, u64)> = records
            .iter()
            .map(|r| {
                (
                    r["source"]["file"].as_str().unwrap().to_owned(),
                    r["source"]["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let mut from_csv: Vec<(String, u64)> = year
            .records()
            .map(|r| (r.file.path.clone(), u64::from(r.line)))
            .collect();
        from_json.sort();
        from_csv.sort();
        assert_eq!(from_json, from_csv, "FY {fy}");
        assert_eq!(json["count"].as_u64(), Some(from_csv.len() as u64));
    }
}

fn pdf_text(path: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("d.pdf");
    std::fs::write(&pdf, &site()[path]).unwrap();
    let o = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils; scripts/setup installs it)");
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

/// Issue 17: the quarter files (ITA O11), the annual summary (O12) and the plan document
/// (มาตรา 11) are built exactly when they are due, and nothing links a file that is not built.
#[test]
fn quarter_annual_and_plan_documents_exist_when_due_and_every_download_link_resolves() {
    let built = |p: &str| site().contains_key(p);
    for ext in ["pdf", "xlsx"] {
        for q in 1..=4 {
            assert!(built(&format!("data/2569/quarters/2569-Q{q}.{ext}")));
        }
        // As of 1 Nov 2569 only October of FY 2570 has ended.
        assert!(built(&format!("data/2570/quarters/2570-Q1.{ext}")));
        assert!(!built(&format!("data/2570/quarters/2570-Q2.{ext}")));
        assert!(built(&format!("data/2568/annual-summary.{ext}")));
        assert!(built(&format!("data/2569/annual-summary.{ext}")));
        assert!(!built(&format!("data/2570/annual-summary.{ext}")));
        for fy in [2568, 2569, 2570] {
            assert!(built(&format!("data/{fy}/plan.{ext}")));
        }
    }
    for (path, bytes) in site() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in html.split("href=\"/data/").skip(1) {
            let target = &link[..link.find('"').unwrap()];
            if target.is_empty() || target.ends_with('/') {
                continue;
            }
            assert!(
                built(&format!("data/{target}")),
                "{path} links /data/{target}, which is not built"
            );
        }
    }
    let year = text("procurement/2569/index.html");
    for link in [
        "/data/2569/quarters/2569-Q1.pdf",
        "/data/2569/quarters/2569-Q4.xlsx",
        "/data/2569/annual-summary.pdf",
        "/data/2569/plan.pdf",
    ] {
        assert!(year.contains(link), "{link} on the year page");
        assert!(text("data/index.html").contains(link), "{link} on /data/");
    }
    let ita = text("ita/2569/index.html");
    for link in [
        "https://www.muangluang.go.th/data/2569/quarters/2569-Q1.pdf",
        "https://www.muangluang.go.th/data/2568/annual-summary.pdf",
    ] {
        assert!(ita.contains(link), "{link} in the ITA evidence");
    }
}

#[test]
fn quarter_and_annual_files_hold_exactly_the_month_files_figures() {
    let loaded = prongsai_load::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let fy = &loaded.data.years[&2569];
    for q in 1..=4u8 {
        let months = prongsai_model::fiscal_quarter_months(2569, q);
        let records: Vec<&prongsai_model::Procurement> = months
            .iter()
            .flat_map(|m| {
                fy.months
                    .get(m)
                    .map(|f| f.records.iter())
                    .into_iter()
                    .flatten()
            })
            .collect();
        let bytes = site()[&format!("data/2569/quarters/2569-Q{q}.xlsx")].clone();
        let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        let ita = wb.worksheet_range("ITA").unwrap();
        let empty = months
            .iter()
            .filter(|m| fy.months.get(m).is_none_or(|f| f.records.is_empty()))
            .count();
        assert_eq!(ita.height(), 1 + records.len() + empty, "Q{q}");
        let titles: Vec<String> = (1..ita.height() as u32)
            .map(|r| {
                ita.get_value((r, 7))
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            })
            .collect();
        for r in &records {
            assert!(titles.contains(&r.title), "Q{q}: {}", r.title);
        }
        let text = pdf_text(&format!("data/2569/quarters/2569-Q{q}.pdf"));
        assert!(text.contains(&format!("ไตรมาสที่ {q}")), "{text}");
        for m in months {
            assert!(text.contains(&format!("เดือน{}", m.thai_long())), "{text}");
        }
    }

    let live: Vec<&prongsai_model::Procurement> =
        fy.records().filter(|r| !r.is_cancelled()).collect();
    let budget: prongsai_model::Money = live.iter().map(|r| r.budget).sum();
    let agreed: prongsai_model::Money = live.iter().filter_map(|r| r.agreed_price).sum();
    let bytes = site()["data/2569/annual-summary.xlsx"].clone();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheet = wb.worksheet_range("สรุป").unwrap();
    let total_row = (0..sheet.height() as u32)
        .find(|r| {
            sheet
                .get_value((*r, 0))
                .is_some_and(|v| matches!(v, calamine::Data::String(s) if s == "รวมทั้งสิ้น"))
        })
        .expect("a total row");
    let n = |c: u32| match sheet.get_value((total_row, c)) {
        Some(calamine::Data::Float(f)) => *f,
        other => panic!("{other:?}"),
    };
    assert_eq!(n(1), live.len() as f64);
    assert_eq!(n(3), budget.as_f64());
    assert_eq!(n(4), agreed.as_f64());
    let text = pdf_text("data/2569/annual-summary.pdf");
    assert!(text.contains("แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569"));
    assert!(text.contains(&budget.to_string()), "{text}");
    assert!(
        text.contains("แนวทางการปรับปรุง"),
        "the narrative of annual.md"
    );
}
