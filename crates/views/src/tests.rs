use super::*;
use prongsai_model::{
    Bid, Date, FiscalYear, Method, Money, MonthFile, Plan, PlanLine, Procurement, SourceFile,
    Status, YearMonth,
};
use std::sync::Arc;

fn record(ym: YearMonth, seq: u32, title: &str, plan_id: Option<&str>, agreed: i64) -> Procurement {
    Procurement {
        joined: None,
        file: Arc::new(SourceFile {
            layout: prongsai_model::Layout::Template,
            path: format!("procurement-data/2568/months/{}.csv", ym.key()),
            ..SourceFile::default()
        }),
        line: seq + 1,
        month: ym,
        seq,
        egp_project_no: None,
        plan_id: plan_id.map(str::to_owned),
        title: title.into(),
        budget: Money::from_baht(agreed + 100),
        budget_source: Some("งบประมาณรายจ่ายประจำปี".into()),
        reference_price: Some(Money::from_baht(agreed + 50)),
        method: Method::Specific,
        bids: vec![Bid {
            name: "ร้านเมืองหลวงพาณิชย์".into(),
            price: Some(Money::from_baht(agreed)),
            status: None,
            date: None,
        }],
        winner: Some("ร้านเมืองหลวงพาณิชย์".into()),
        winner_tin: None,
        agreed_price: Some(Money::from_baht(agreed)),
        reason: Some("ราคาต่ำสุด".into()),
        contract_no: Some(format!("{seq}/2568")),
        contract_date: Date::from_be(ym.year_be, ym.month, 10),
        contract_end: None,
        status: Some(Status::Completed),
        legal_ground: None,
        explanation: None,
        tender_start: None,
        tender_end: None,
        unspsc: None,
        egp: None,
    }
}

fn data() -> Data {
    let oct = YearMonth::new(2567, 10);
    let nov = YearMonth::new(2567, 11);
    let file = Arc::new(SourceFile::default());
    let mut fy = FiscalYear {
        year: 2568,
        ..FiscalYear::default()
    };
    fy.months.insert(
        oct,
        MonthFile {
            joined: Vec::new(),
            month: oct,
            file: file.clone(),
            records: vec![
                record(oct, 1, "ก่อสร้างถนนคอนกรีต หมู่ที่ 3", Some("P1"), 400_000),
                record(oct, 2, "วัสดุสำนักงาน", None, 5_000),
            ],
        },
    );
    fy.months.insert(
        nov,
        MonthFile {
            joined: Vec::new(),
            month: nov,
            file: file.clone(),
            records: vec![],
        },
    );
    fy.plan = Some(Plan {
        path: "procurement-data/2568/plan.csv".into(),
        lines: vec![
            PlanLine {
                file: file.clone(),
                line: 2,
                seq: 1,
                plan_id: "P1".into(),
                title: "ก่อสร้างถนนคอนกรีต".into(),
                division: "กองช่าง".into(),
                budget: Money::from_baht(450_000),
                budget_source: "งบประมาณรายจ่ายประจำปี".into(),
                method: Method::Specific,
                expected_month: oct,
            },
            PlanLine {
                file,
                line: 3,
                seq: 2,
                plan_id: "P2".into(),
                title: "ขุดลอกหนองน้ำ".into(),
                division: "กองช่าง".into(),
                budget: Money::from_baht(300_000),
                budget_source: "เงินสะสม".into(),
                method: Method::EMarket,
                expected_month: YearMonth::new(2568, 3),
            },
        ],
    });
    let mut d = Data::default();
    d.years.insert(2568, fy);
    d
}

fn opts() -> Options {
    Options {
        as_of: Date::from_ce(2025, 1, 15).unwrap(),
        due: prongsai_model::DueRules::default(),
        fmt: Fmt::default(),
        egp_public: true,
    }
}

#[test]
fn every_page_type_is_produced_once() {
    let pages = pages(&data(), &opts());
    let urls: Vec<&str> = pages.iter().map(|p| p.url.as_str()).collect();
    for expected in [
        "/procurement/",
        "/procurement/2568/",
        "/procurement/2568/plan/",
        "/procurement/2568/months/2567-10/",
        "/procurement/2568/months/2567-11/",
        "/procurement/2568/records/2567-10-1/",
        "/procurement/2568/records/2567-10-2/",
        "/suppliers/",
        "/search/",
    ] {
        assert_eq!(
            urls.iter().filter(|u| **u == expected).count(),
            1,
            "{expected} in {urls:?}"
        );
    }
    // The year has not ended and has no annual.md: no annual page yet.
    assert!(!urls.contains(&"/procurement/2568/annual/"));
    let mut outputs: Vec<&str> = pages.iter().map(|p| p.output.as_str()).collect();
    outputs.sort_unstable();
    let n = outputs.len();
    outputs.dedup();
    assert_eq!(outputs.len(), n, "duplicate output paths");
}

#[test]
fn month_grid_tells_published_empty_missing_and_upcoming_apart() {
    let pages = pages(&data(), &opts());
    let year = pages
        .iter()
        .find(|p| p.url == "/procurement/2568/")
        .unwrap();
    let year_ctx = json(year);
    let states: Vec<&str> = year_ctx["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["state"].as_str().unwrap())
        .collect();
    // Oct published, Nov empty file, Dec ended without a file, Jan (as of the 15th) not ended.
    assert_eq!(&states[..4], ["published", "empty", "missing", "upcoming"]);
    assert_eq!(year_ctx["months"][1]["state_th"], "ไม่มีการจัดซื้อจัดจ้าง");
    assert_eq!(year_ctx["glance"]["total"]["agreed"], "405,000.00");
    let svg = year_ctx["chart_months"].as_str().unwrap();
    assert!(roxmltree::Document::parse(svg).is_ok());
    assert!(svg.contains(r#"data-value="405000""#));
}

#[test]
fn plan_lines_show_progress_and_their_records() {
    let pages = pages(&data(), &opts());
    let plan = pages
        .iter()
        .find(|p| p.url == "/procurement/2568/plan/")
        .unwrap();
    let plan_ctx = json(plan);
    let rows = plan_ctx["rows"].as_array().unwrap();
    assert_eq!(rows[0]["progress"], "contracted");
    assert_eq!(
        rows[0]["records"][0]["url"],
        "/procurement/2568/records/2567-10-1/"
    );
    assert_eq!(rows[1]["progress"], "not_started");
    let record = pages
        .iter()
        .find(|p| p.url == "/procurement/2568/records/2567-10-1/")
        .unwrap();
    let record_ctx = json(record);
    assert_eq!(record_ctx["plan_url"], "/procurement/2568/plan/#plan-P1");
    assert!(
        record_ctx["supplier_url"]
            .as_str()
            .unwrap()
            .starts_with("/suppliers/n-")
    );
}

#[test]
fn search_finds_thai_records() {
    let docs = search_docs(&data(), &opts());
    let files = prongsai_search::build(&docs);
    // The record titled with the word first, then the pages listing it.
    let found = prongsai_search::query(&files, "ถนน");
    assert_eq!(docs[found[0] as usize].kind, "รายการจัดซื้อจัดจ้าง");
    assert!(docs[found[0] as usize].title.contains("ถนน"));
    // The supplier page (titled with the name) first, then its record, then the pages listing it.
    let found = prongsai_search::query(&files, "เมืองหลวงพาณิชย์");
    assert_eq!(docs[found[0] as usize].kind, "ผู้ประกอบการ");
    assert!(found.len() >= 3, "{found:?}");
}

#[test]
fn sample_data_builds_every_page_with_consistent_totals() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let loaded = prongsai_load::load(&root);
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        loaded.diagnostics
    );
    let opts = Options {
        as_of: Date::from_ce(2026, 11, 1).unwrap(),
        due: prongsai_model::DueRules::default(),
        fmt: Fmt::default(),
        egp_public: true,
    };
    let pages = pages(&loaded.data, &opts);
    let records = loaded.data.records().count();
    assert!(records >= 300);
    assert_eq!(
        pages
            .iter()
            .filter(|p| p.template == "procurement-record.html")
            .count(),
        records
    );
    for fy in [2568, 2569] {
        let year = pages
            .iter()
            .find(|p| p.url == format!("/procurement/{fy}/"))
            .unwrap();
        let year_ctx = json(year);
        let states: Vec<&str> = year_ctx["months"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["state"].as_str().unwrap())
            .collect();
        assert!(!states.contains(&"missing"), "FY {fy}: {states:?}");
        assert!(
            pages
                .iter()
                .any(|p| p.url == format!("/procurement/{fy}/annual/"))
        );
    }
}

/// A page's context as JSON, to index into.
fn json(page: &PageView) -> serde_json::Value {
    serde_json::to_value(&page.context).unwrap()
}
