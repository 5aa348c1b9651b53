mod common;

use common::*;
use prongsai_export::{plan_json, procurements_json};
use serde_json::Value;

fn parse(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

#[test]
fn procurements_round_trip() {
    let fy = fiscal_year();
    let v = parse(&procurements_json(&fy, Some(&agency(false))));
    assert_eq!(v["schema"], "prongsai/procurements@1");
    assert_eq!(v["fiscal_year"], 2568);
    assert_eq!(v["sample"], false);
    assert_eq!(v["agency"]["name"], "องค์การบริหารส่วนตำบลเมืองหลวง");
    assert_eq!(v["count"], 3);
    let records = v["records"].as_array().expect("records array");
    assert_eq!(records.len(), fy.records().count());
    // November exists with no records: published as an explicit "none", not missing.
    assert_eq!(v["months"][1]["month"], "2567-11");
    assert_eq!(v["months"][1]["count"], 0);

    let r = &records[0];
    assert_eq!(r["id"], "2567-10-1");
    assert_eq!(r["month"], "2567-10");
    assert_eq!(r["fiscal_year"], 2568);
    assert_eq!(r["seq"], 1);
    assert_eq!(r["egp_project_no"], "67109123456");
    assert_eq!(r["plan_id"], "P68-001");
    assert_eq!(
        r["title"],
        "จ้างเหมาซ่อมแซมถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่ หมู่ที่ 3 ตำบลเมืองหลวง"
    );
    assert_eq!(r["budget"].as_f64(), Some(500000.0));
    assert_eq!(r["reference_price"].as_f64(), Some(498500.5));
    assert_eq!(r["agreed_price"].as_f64(), Some(498000.25));
    assert_eq!(r["method"], "วิธีเฉพาะเจาะจง");
    assert_eq!(r["status"], "อยู่ระหว่างระยะสัญญา");
    assert_eq!(r["bids"][0]["name"], "ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง");
    assert_eq!(r["bids"][1]["price"].as_f64(), Some(499500.0));
    assert_eq!(r["winner_tin"], "0994000165510");
    // ISO 8601, Christian era: 15/10/2567 is 2024-10-15.
    assert_eq!(r["contract_date"], "2024-10-15");
    assert_eq!(r["contract_end"], "2025-01-15");
    assert_eq!(
        r["source"]["file"],
        "procurement-data/2568/months/2567-10.csv"
    );
    assert_eq!(r["source"]["line"], 2);

    // Every key is present on every record, null when empty, so readers see one schema.
    let keys: Vec<&String> = r.as_object().expect("object").keys().collect();
    for rec in records {
        let these: Vec<&String> = rec.as_object().expect("object").keys().collect();
        assert_eq!(these, keys);
    }
    let cancelled = &records[2];
    assert_eq!(cancelled["status"], "ยกเลิกการดำเนินการ");
    assert!(cancelled["winner"].is_null());
    assert!(cancelled["agreed_price"].is_null());
    assert!(cancelled["contract_date"].is_null());
    assert_eq!(cancelled["bids"].as_array().map(Vec::len), Some(0));
    // JSON is data, not a spreadsheet: text is kept exactly as typed.
    assert_eq!(
        records[1]["title"],
        "=HYPERLINK(\"http://evil.example\",\"คลิก\")"
    );
}

#[test]
fn plan_round_trip() {
    let fy = fiscal_year();
    let v = parse(&plan_json(&fy, Some(&agency(true))));
    assert_eq!(v["schema"], "prongsai/plan@1");
    assert_eq!(v["sample"], true);
    assert_eq!(v["count"], 2);
    assert_eq!(v["total_budget"].as_f64(), Some(512345.5));
    assert_eq!(v["plan"]["approved_on"], "2024-10-01");
    let l = &v["records"][1];
    assert_eq!(l["plan_id"], "P68-002");
    assert_eq!(l["division"], "กองคลัง");
    assert_eq!(l["budget"].as_f64(), Some(12345.5));
    assert_eq!(l["method"], "e-market");
    assert_eq!(l["expected_month"], "2568-01");
    assert_eq!(l["source"]["line"], 3);
}

#[test]
fn empty_year_and_no_agency() {
    let fy = prongsai_model::FiscalYear {
        year: 2569,
        ..Default::default()
    };
    let v = parse(&procurements_json(&fy, None));
    assert_eq!(v["count"], 0);
    assert!(v["agency"].is_null());
    let p = parse(&plan_json(&fy, None));
    assert_eq!(p["count"], 0);
    assert!(p["plan"].is_null());
}

#[test]
fn deterministic() {
    let fy = fiscal_year();
    assert_eq!(
        procurements_json(&fy, Some(&agency(false))),
        procurements_json(&fy, Some(&agency(false)))
    );
}
