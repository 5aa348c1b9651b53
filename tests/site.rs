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
    let css = html
        .split("<link rel=\"stylesheet\" href=\"/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("home links its stylesheet");
    assert!(
        css.starts_with("css/site.") && css.len() == "css/site..css".len() + 16,
        "{css}"
    );
    bytes += site()[css].len();
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

/// The thai_gdc (ckanext-thai_gdc `ckan_dataset.json`) fields every dataset of `data/catalog.json`
/// carries.
const GDC_FIELDS: [&str; 21] = [
    "name",
    "title",
    "notes",
    "data_type",
    "objective",
    "update_frequency_unit",
    "update_frequency_interval",
    "geo_coverage",
    "data_source",
    "data_format",
    "data_category",
    "license_id",
    "accessible_condition",
    "maintainer",
    "maintainer_email",
    "tags",
    "data_language",
    "url",
    "created_date",
    "last_updated_date",
    "resources",
];

#[test]
fn the_catalogue_lists_every_data_file_with_the_thai_gdc_fields() {
    let catalog = json("data/catalog.json");
    assert_eq!(catalog["license_id"], "cc-by");
    let datasets = catalog["datasets"].as_array().unwrap();
    let mut listed = BTreeMap::new();
    for d in datasets {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        let mut expected = GDC_FIELDS.to_vec();
        expected.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, expected, "{}", d["name"]);
        for f in [
            "title",
            "notes",
            "maintainer",
            "update_frequency_unit",
            "data_source",
        ] {
            assert!(!d[f].as_str().unwrap().is_empty(), "{f} of {}", d["name"]);
        }
        assert!(
            d["name"]
                .as_str()
                .unwrap()
                .starts_with("muangluang-go-th-procurement-")
        );
        assert_eq!(d["license_id"], "cc-by");
        assert_eq!(d["data_category"], "ข้อมูลสาธารณะ");
        assert!(d["maintainer_email"].is_string());
        // Dates come from the data: no later than the build's as_of, and in order.
        let (created, updated) = (
            d["created_date"].as_str().unwrap(),
            d["last_updated_date"].as_str().unwrap(),
        );
        assert!(
            created <= updated && updated <= "2026-11-01",
            "{created} {updated}"
        );
        for r in d["resources"].as_array().unwrap() {
            let url = r["url"].as_str().unwrap();
            let path = url
                .strip_prefix("https://www.muangluang.go.th/")
                .unwrap_or_else(|| panic!("{url}"));
            listed.insert(path.to_owned(), r["size"].as_u64().unwrap());
            assert!(r["last_modified"].as_str().unwrap() <= updated);
        }
    }
    // Every file under data/ but the catalogue itself (thai_gdc, DCAT) and the pages (/data/ and
    // the folders' index pages), each with its real size.
    let written: BTreeMap<String, u64> = site()
        .iter()
        .filter(|(p, _)| {
            p.starts_with("data/") && !p.starts_with("data/catalog.") && !p.ends_with("index.html")
        })
        .map(|(p, b)| (p.clone(), b.len() as u64))
        .collect();
    assert_eq!(listed, written);
    let ids: Vec<&str> = datasets
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    for kind in ["procurements", "plan", "months", "ocds"] {
        assert!(
            ids.contains(&format!("muangluang-go-th-procurement-{kind}").as_str()),
            "{kind} in {ids:?}"
        );
    }
    // The DCAT form lists the same files.
    let dcat = json("data/catalog.jsonld");
    assert_eq!(dcat["@type"], "dcat:Catalog");
    let n: usize = dcat["dcat:dataset"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["dcat:distribution"].as_array().unwrap().len())
        .sum();
    assert_eq!(n, written.len());
    // And the page shows each dataset with its licence, sizes and update date.
    let page = text("data/index.html");
    for d in datasets {
        assert!(page.contains(d["title"].as_str().unwrap()));
    }
    assert!(page.contains("CC-BY-4.0") && page.contains(" KB") && page.contains("ปรับปรุงข้อมูลล่าสุด"));
}

#[test]
fn hosting_files_are_written() {
    let htaccess = text(".htaccess");
    assert!(htaccess.contains("ErrorDocument 404 /404.html"));
    assert!(htaccess.contains("Content-Security-Policy \"default-src 'self'"));
    for h in [
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "DEFLATE",
        // Without it a compressed page never answers 304 (tests/apache proves the effect).
        "RequestHeader edit* If-None-Match",
    ] {
        assert!(htaccess.contains(h), "{h}");
    }
    assert!(htaccess.contains(
        "AddType application/vnd.openxmlformats-officedocument.spreadsheetml.sheet .xlsx"
    ));
    let sec = text(".well-known/security.txt");
    // The sample agency.yaml has no e-mail or phone: its contact page.
    assert!(
        sec.contains("Contact: https://www.muangluang.go.th/contact/"),
        "{sec}"
    );
    assert!(sec.contains("Expires: 2027-10-31T00:00:00+07:00"), "{sec}");
    assert!(sec.contains("Preferred-Languages: th, en"));
    assert!(sec.contains("Canonical: https://www.muangluang.go.th/.well-known/security.txt"));
    // The icon browsers ask for by name, and one every page declares.
    assert!(site()["favicon.ico"].starts_with(&[0, 0, 1, 0]));
    // No folder is left for a host to list: each has an index.html (its own or generated).
    for path in site().keys() {
        let mut dir = path.as_str();
        while let Some((d, _)) = dir.rsplit_once('/') {
            assert!(
                site().contains_key(&format!("{d}/index.html")),
                "{d}/ has no index.html"
            );
            dir = d;
        }
    }
    // Every page loads fingerprinted assets that exist (a folder's index page may still link the
    // unhashed copies it lists), never inline script or style.
    for (path, bytes) in site().iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let loads: Vec<&str> = ["<link ", "<script "]
            .iter()
            .flat_map(|t| html.split(t).skip(1))
            .map(|tag| tag.split('>').next().unwrap())
            .collect();
        for attr in ["href=\"/", "src=\"/"] {
            for part in loads.iter().flat_map(|tag| tag.split(attr).skip(1)) {
                let target = part.split('"').next().unwrap();
                if [".css", ".js", ".woff2"]
                    .iter()
                    .any(|e| target.ends_with(e))
                {
                    assert!(site().contains_key(target), "{path} links /{target}");
                    let stem = target.rsplit_once('.').unwrap().0;
                    let hash = stem.rsplit_once('.').map(|(_, h)| h).unwrap_or("");
                    assert!(
                        hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
                        "{path} links unhashed /{target}"
                    );
                }
            }
        }
        assert!(
            html.contains("<link rel=\"icon\" href=\"/favicon."),
            "{path} declares no icon"
        );
        assert!(!html.contains(" style=\""), "{path} has an inline style");
        assert!(
            html.matches("<script").count()
                == html.matches("<script src=").count()
                    + html
                        .matches("<script type=\"application/ld+json\">")
                        .count(),
            "{path} has an inline script"
        );
    }
}

#[test]
fn procurement_feed_has_every_published_month_and_plan() {
    let xml = text("procurement/feed.xml");
    let loaded = prongsai_load::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let months: usize = loaded.data.years.values().map(|y| y.months.len()).sum();
    let plans = loaded
        .data
        .years
        .values()
        .filter(|y| y.plan.is_some())
        .count();
    assert_eq!(xml.matches("<entry>").count(), (months + plans).min(30));
    assert!(xml.contains(
        "<link rel=\"self\" href=\"https://www.muangluang.go.th/procurement/feed.xml\"/>"
    ));
    for page in [
        "procurement/index.html",
        "procurement/2569/index.html",
        "procurement/2569/months/2568-10/index.html",
    ] {
        let html = text(page);
        assert!(
            html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""),
            "{page}"
        );
        assert!(
            html.contains("<a href=\"/procurement/feed.xml\">"),
            "{page}"
        );
    }
}

#[test]
fn pages_carry_link_previews_and_their_data_date() {
    let record = text("procurement/2569/records/2568-10-1/index.html");
    assert!(record.contains("<meta property=\"og:title\""));
    assert!(
        record.contains("<meta property=\"og:description\" content=\"ราคาที่ตกลง "),
        "a record's preview shows its amount"
    );
    assert!(record.contains("<meta property=\"og:url\" content=\"https://www.muangluang.go.th/procurement/2569/records/2568-10-1/\">"));
    assert!(record.contains("<meta name=\"twitter:card\""));
    let month = text("procurement/2569/months/2568-10/index.html");
    assert!(
        month.contains("ปรับปรุงข้อมูลล่าสุด <time datetime=\"2025-10-31\">"),
        "a month's data is as new as its last day"
    );
}

/// DGA asks every page to say when it was last updated: every HTML page of the sample, generated
/// or written, carries the line, and its date is one the site's own files give.
#[test]
fn every_page_says_when_it_was_last_updated() {
    let missing: Vec<&String> = site()
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter(|(_, bytes)| {
            !String::from_utf8_lossy(bytes).contains("ปรับปรุงข้อมูลล่าสุด <time datetime=\"")
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        missing.is_empty(),
        "pages without a last-updated line: {missing:?}"
    );
    // A page with `updated:` in its front matter shows that date, not its section's or the build's.
    assert!(text("contact/index.html").contains("ปรับปรุงข้อมูลล่าสุด <time datetime=\"2025-10-01\">"));
    // A section is as new as its newest page (news: its newest published item, 2025-11-10; the draft dated later does not count).
    assert!(text("news/index.html").contains("ปรับปรุงข้อมูลล่าสุด <time datetime=\"2025-11-10\">"));
}
