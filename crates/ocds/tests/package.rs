mod common;

use common::*;
use prongsai_model::*;
use prongsai_ocds::*;
use serde_json::Value as Json;

fn opts() -> OcdsOptions {
    OcdsOptions {
        base_url: "https://www.muangluang.go.th/".into(),
        published_date: Some("2025-01-31T09:00:00+07:00".into()),
        license: Some("https://opendefinition.org/licenses/odc-by/".into()),
        publication_policy: Some("https://www.muangluang.go.th/open-data/".into()),
    }
}

fn build(data: &Data) -> (Json, Vec<Diagnostic>, Vec<u8>) {
    let (pkg, diags) = release_package(data, 2568, &opts());
    let bytes = to_json_bytes(&pkg);
    let json: Json = serde_json::from_slice(&bytes).expect("output is JSON");
    (json, diags, bytes)
}

fn release<'a>(pkg: &'a Json, ocid: &str) -> &'a Json {
    pkg["releases"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["ocid"] == ocid))
        .unwrap_or_else(|| panic!("no release {ocid}"))
}

#[test]
fn fixture_package_is_valid_ocds() {
    let (pkg, diags, _) = build(&fixture());
    assert_valid(&pkg);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(
        pkg["uri"],
        "https://www.muangluang.go.th/data/2568/ocds.json"
    );
    assert_eq!(pkg["version"], "1.1");
    assert_eq!(pkg["publishedDate"], "2025-01-31T09:00:00+07:00");
    assert_eq!(pkg["publisher"]["name"], "องค์การบริหารส่วนตำบลเมืองหลวง");
    // 7 rows, plus the plan line no row links to.
    assert_eq!(pkg["releases"].as_array().map(Vec::len), Some(8));
}

#[test]
fn the_validator_rejects_what_it_should() {
    // Guards the guard: a closed codelist value outside the list and a broken awardID must fail.
    let (mut pkg, ..) = build(&fixture());
    pkg["releases"][0]["tender"]["procurementMethod"] = "direct-ish".into();
    pkg["releases"][0]["contracts"][0]["awardID"] = "nope".into();
    pkg["releases"][0]["date"] = "2024-10-02".into();
    let p = problems(&pkg);
    assert!(p.iter().any(|e| e.contains("direct-ish")), "{p:#?}");
    assert!(p.iter().any(|e| e.contains("matches no award")), "{p:#?}");
    assert!(p.iter().any(|e| e.contains("2024-10-02")), "{p:#?}");
}

#[test]
fn ocid_uses_egp_number_else_record_id() {
    let (pkg, ..) = build(&fixture());
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    assert_eq!(
        road["id"],
        "ocds-abc123-2568-67109123456-tender-award-contract"
    );
    assert_eq!(road["date"], "2024-10-02T00:00:00+07:00");
    release(&pkg, "ocds-abc123-2568-2567-10-2");
    let plan = release(&pkg, "ocds-abc123-2568-plan-ผ02/68");
    assert_eq!(plan["tag"], serde_json::json!(["planning"]));
    assert_eq!(plan["date"], "2024-09-25T00:00:00+07:00");
    assert_eq!(plan["tender"]["status"], "planning");
    assert_eq!(
        plan["tender"]["tenderPeriod"]["startDate"],
        "2025-03-01T00:00:00+07:00"
    );
    assert_eq!(plan["planning"]["budget"]["amount"]["amount"], 2_500_000.0);
    // The linked plan line is not repeated as a planning release: its process has a record.
    assert!(
        !pkg["releases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ocid"] == "ocds-abc123-2568-plan-ผ01/68")
    );
}

#[test]
fn record_mapping() {
    let (pkg, ..) = build(&fixture());
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    let tender = &road["tender"];
    assert_eq!(tender["procurementMethod"], "open");
    assert_eq!(
        tender["procurementMethodDetails"],
        "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    );
    assert_eq!(
        tender["value"],
        serde_json::json!({"amount": 2_480_000.0, "currency": "THB"})
    );
    assert_eq!(tender["numberOfTenderers"], 3);
    assert_eq!(tender["status"], "complete");
    assert_eq!(road["planning"]["budget"]["projectID"], "ผ01/68");
    assert_eq!(
        road["planning"]["budget"]["project"],
        "ก่อสร้างถนน คสล. หมู่ที่ ๓"
    );
    assert_eq!(
        road["planning"]["budget"]["description"],
        "งบประมาณรายจ่ายประจำปี"
    );

    // The winner, spelled without a space, is the first bidder: one party, two roles, with TIN.
    let parties = road["parties"].as_array().unwrap();
    assert_eq!(parties.len(), 4);
    let winner = &parties[1];
    assert_eq!(winner["id"], "TH-TIN-0994000165510");
    assert_eq!(winner["identifier"]["scheme"], "TH-TIN");
    assert_eq!(winner["roles"], serde_json::json!(["supplier", "tenderer"]));
    let buyer = &parties[0];
    assert_eq!(buyer["id"], "TH-EGP-6330903");
    assert_eq!(
        buyer["roles"],
        serde_json::json!(["buyer", "procuringEntity"])
    );
    assert_eq!(road["buyer"]["id"], "TH-EGP-6330903");

    let award = &road["awards"][0];
    assert_eq!(award["status"], "active");
    assert_eq!(award["suppliers"][0]["id"], "TH-TIN-0994000165510");
    assert_eq!(award["value"]["amount"], 2_390_000.0);
    let contract = &road["contracts"][0];
    assert_eq!(contract["id"], "๑๒/๒๕๖๘");
    assert_eq!(contract["awardID"], award["id"]);
    assert_eq!(contract["status"], "active");
    assert_eq!(contract["period"]["startDate"], "2024-10-02T00:00:00+07:00");
    assert_eq!(contract["period"]["endDate"], "2024-11-01T23:59:59+07:00");
    assert_eq!(contract["dateSigned"], "2024-10-02T00:00:00+07:00");
}

#[test]
fn method_and_status_mappings() {
    let (pkg, ..) = build(&fixture());
    let by_ocid = |k: &str| release(&pkg, &format!("ocds-abc123-2568-{k}")).clone();

    let cancelled = by_ocid("2567-11-1");
    assert_eq!(cancelled["tender"]["procurementMethod"], "selective");
    assert_eq!(cancelled["tender"]["status"], "cancelled");
    assert_eq!(
        cancelled["tag"],
        serde_json::json!(["tender", "tenderCancellation"])
    );
    assert!(cancelled.get("awards").is_none());
    // Dated at the end of the month it was reported in.
    assert_eq!(cancelled["date"], "2024-11-30T00:00:00+07:00");

    let design = by_ocid("2567-11-2");
    assert_eq!(design["tender"]["procurementMethod"], "open");
    assert_eq!(design["contracts"][0]["status"], "terminated");
    assert_eq!(
        design["tag"],
        serde_json::json!(["tender", "award", "contract", "contractTermination"])
    );

    let unsigned = by_ocid("2567-12-1");
    assert_eq!(unsigned["tender"]["procurementMethod"], "open");
    assert_eq!(unsigned["awards"][0]["status"], "pending");
    assert_eq!(unsigned["contracts"][0]["status"], "pending");
    assert!(unsigned["contracts"][0].get("dateSigned").is_none());

    assert_eq!(by_ocid("2567-12-2")["tender"]["procurementMethod"], "open");
    let specific = by_ocid("2567-12-3");
    assert_eq!(specific["tender"]["procurementMethod"], "limited");
    assert_eq!(
        specific["tender"]["procurementMethodDetails"],
        "วิธีเฉพาะเจาะจง"
    );
    assert_eq!(
        specific["tender"]["procurementMethodRationale"],
        "มาตรา ๕๖ (๒) (ข)"
    );

    for s in Status::ALL {
        let _ = (tender_status(s), award_status(s), contract_status(s));
    }
    for m in Method::ALL {
        let _ = procurement_method(m);
    }
}

#[test]
fn thai_text_and_digits_round_trip_as_utf8() {
    let (pkg, _, bytes) = build(&fixture());
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    assert!(!text.contains("\\u0e"), "Thai must not be \\u-escaped");
    assert!(text.contains("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๓ บ้านเมืองหลวง"));
    assert!(text.contains("\"id\": \"๑๒/๒๕๖๘\""));
    let title = &release(&pkg, "ocds-abc123-2568-2567-10-2")["tender"]["title"];
    assert_eq!(title, "จัดซื้อวัสดุสำนักงาน ๑๐ รายการ ชุดที่ 2");
    assert_eq!(pkg["releases"][0]["language"], "th");
    assert!(text.ends_with("}\n"));
}

#[test]
fn same_input_same_bytes() {
    let data = fixture();
    let (_, _, a) = build(&data);
    let (_, _, b) = build(&data.clone());
    assert_eq!(a, b);
    // Row order inside a month file does not matter either: output follows ลำดับที่.
    let mut shuffled = data;
    for m in shuffled.years.get_mut(&2568).unwrap().months.values_mut() {
        m.records.reverse();
    }
    let (_, _, c) = build(&shuffled);
    assert_eq!(a, c);
}

#[test]
fn adding_a_row_elsewhere_changes_no_existing_release() {
    let data = fixture();
    let (before, ..) = build(&data);
    let mut more = data;
    let jan = YearMonth::new(2568, 1);
    let mut row = base_record(jan, 1);
    row.plan_id = Some("ผ02/68".into()); // also consumes the planning release of ผ02/68
    more.years
        .get_mut(&2568)
        .unwrap()
        .months
        .get_mut(&jan)
        .unwrap()
        .records
        .push(row);
    // And a second row in December, before the existing ones in ลำดับที่ order? No: after.
    let dec = YearMonth::new(2567, 12);
    let extra = base_record(dec, 9);
    more.years
        .get_mut(&2568)
        .unwrap()
        .months
        .get_mut(&dec)
        .unwrap()
        .records
        .insert(0, extra);

    let (after, ..) = build(&more);
    assert_valid(&after);
    for rel in before["releases"].as_array().unwrap() {
        let ocid = rel["ocid"].as_str().unwrap();
        if ocid.ends_with("plan-ผ02/68") {
            continue;
        }
        assert_eq!(release(&after, ocid), rel, "{ocid} changed");
    }
    release(&after, "ocds-abc123-2568-2568-01-1");
    release(&after, "ocds-abc123-2568-2567-12-9");
}

#[test]
fn missing_prefix_uses_placeholder_and_says_how_to_register() {
    let mut data = fixture();
    data.agency.as_mut().unwrap().ocid_prefix = None;
    let (pkg, diags, _) = build(&data);
    assert_valid(&pkg);
    release(&pkg, "ocds-xxxxxx-2568-67109123456");
    let d = diags
        .iter()
        .find(|d| d.code == "OCDS-PREFIX-MISSING")
        .expect("warning");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message_en.contains("OCDS Helpdesk") && d.message_en.contains("ocid_prefix"));
    assert!(d.message_th.contains("ocid_prefix") && d.message_th.contains("agency.yaml"));
}

#[test]
fn malformed_prefix_is_used_but_warned() {
    let mut data = fixture();
    data.agency.as_mut().unwrap().ocid_prefix = Some(" OCDS-ABC ".into());
    let (pkg, diags, _) = build(&data);
    assert_valid(&pkg);
    release(&pkg, "OCDS-ABC-2568-67109123456");
    assert!(
        diags
            .iter()
            .any(|d| d.code == "OCDS-PREFIX-MALFORMED" && d.text.as_deref() == Some("OCDS-ABC"))
    );
}

#[test]
fn published_date_is_derived_from_the_data_never_the_clock() {
    let data = fixture();
    let o = OcdsOptions {
        published_date: None,
        ..opts()
    };
    let (pkg, diags) = release_package(&data, 2568, &o);
    assert!(diags.is_empty());
    // The latest release date: the last December row's contract date.
    assert_eq!(pkg.published_date, "2024-12-31T00:00:00+07:00");

    let bad = OcdsOptions {
        published_date: Some("yesterday".into()),
        ..opts()
    };
    let (pkg2, diags) = release_package(&data, 2568, &bad);
    assert_eq!(pkg2.published_date, pkg.published_date);
    assert!(diags.iter().any(|d| d.code == "OCDS-PUBLISHED-DATE"));
}

#[test]
fn bad_urls_are_reported_and_left_out() {
    let o = OcdsOptions {
        base_url: String::new(),
        license: Some("CC-BY".into()),
        ..opts()
    };
    let (pkg, diags) = release_package(&fixture(), 2568, &o);
    // Empty base_url falls back to the agency website.
    assert_eq!(pkg.uri, "https://www.muangluang.go.th/data/2568/ocds.json");
    assert!(pkg.license.is_none());
    assert!(diags.iter().any(|d| d.code == "OCDS-NOT-A-URL"));
}

#[test]
fn empty_year_is_not_publishable_and_missing_agency_still_maps() {
    let (pkg, diags) = release_package(&fixture(), 2570, &opts());
    assert!(pkg.releases.is_empty() && !pkg.is_publishable());
    assert!(diags.iter().any(|d| d.code == "OCDS-EMPTY"));
    // Exactly why such a package is not written: the schema wants at least one release.
    let p = problems(&serde_json::to_value(&pkg).unwrap());
    assert_eq!(p.len(), 1, "{p:#?}");

    let mut data = fixture();
    data.agency = None;
    let (pkg, diags) = release_package(&data, 2568, &opts());
    assert!(
        diags
            .iter()
            .any(|d| d.code == "OCDS-NO-AGENCY" && d.is_error())
    );
    assert!(!pkg.releases.is_empty());
}

#[test]
fn duplicate_egp_numbers_and_seqs_keep_ocids_unique() {
    let mut data = fixture();
    let fy = data.years.get_mut(&2568).unwrap();
    let dec = YearMonth::new(2567, 12);
    let recs = &mut fy.months.get_mut(&dec).unwrap().records;
    recs[0].egp_project_no = EgpNo::new("67129000001");
    recs[1].egp_project_no = EgpNo::new("67129000001");
    let mut twin = recs[2].clone();
    twin.line = 40;
    recs.push(twin);
    let (pkg, diags, _) = build(&data);
    assert_valid(&pkg);
    release(&pkg, "ocds-abc123-2568-2567-12-1");
    release(&pkg, "ocds-abc123-2568-2567-12-2");
    release(&pkg, "ocds-abc123-2568-2567-12-3-line4");
    release(&pkg, "ocds-abc123-2568-2567-12-3-line40");
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == "OCDS-DUPLICATE-EGP-NO")
            .count(),
        2
    );
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == "OCDS-DUPLICATE-OCID")
            .count(),
        2
    );
}

#[test]
fn sample_data_says_so() {
    let mut data = fixture();
    data.agency.as_mut().unwrap().sample = true;
    let (pkg, _) = release_package(&data, 2568, &opts());
    assert!(pkg.publisher.name.contains("ข้อมูลตัวอย่าง"));
}

#[test]
fn no_tin_no_egp_code_gives_name_based_ids() {
    let mut data = fixture();
    data.agency.as_mut().unwrap().egp_department_code = None;
    let (pkg, ..) = build(&data);
    assert_valid(&pkg);
    let office = release(&pkg, "ocds-abc123-2568-2567-10-2");
    let buyer = &office["parties"][0];
    assert!(buyer["id"].as_str().unwrap().starts_with("name-"));
    assert!(buyer.get("identifier").is_none());
    let supplier = &office["parties"][1];
    assert_eq!(supplier["id"], party_id("ร้านเมืองหลวงพาณิชย์", None));
    assert!(supplier.get("identifier").is_none());
}

#[test]
#[ignore = "prints the fixture package for eyeballing"]
fn print_fixture() {
    let (_, _, bytes) = build(&fixture());
    println!("{}", String::from_utf8_lossy(&bytes));
}
