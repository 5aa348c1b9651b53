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
    assert_eq!(pkg["publisher"]["scheme"], "TH-EGP");
    assert_eq!(pkg["publisher"]["uid"], "6330903");
    assert_eq!(
        pkg["license"],
        "https://opendefinition.org/licenses/odc-by/"
    );
    assert_eq!(
        pkg["publicationPolicy"],
        "https://www.muangluang.go.th/open-data/"
    );
    assert_eq!(pkg["extensions"], serde_json::json!([BIDS_EXTENSION]));
    // 7 rows, plus both plan lines: a plan line's process stays whether or not a row realised it.
    assert_eq!(pkg["releases"].as_array().map(Vec::len), Some(9));
}

fn build_records(data: &Data) -> (Json, Json, Vec<u8>) {
    let (pkg, _) = release_package(data, 2568, &opts());
    let records = record_package(&pkg, 2568);
    let bytes = record_json_bytes(&records);
    let json: Json = serde_json::from_slice(&bytes).expect("output is JSON");
    let releases = serde_json::to_value(&pkg).expect("JSON");
    (json, releases, bytes)
}

#[test]
fn record_package_is_valid_ocds() {
    let (records, releases, bytes) = build_records(&fixture());
    let p = record_problems(&records, &releases);
    assert!(p.is_empty(), "{}", p.join("\n"));
    assert_eq!(
        records["uri"],
        "https://www.muangluang.go.th/data/2568/ocds-records.json"
    );
    assert_eq!(
        records["packages"],
        serde_json::json!(["https://www.muangluang.go.th/data/2568/ocds.json"])
    );
    for key in [
        "publishedDate",
        "publisher",
        "license",
        "publicationPolicy",
        "extensions",
    ] {
        assert_eq!(records[key], releases[key], "{key}");
    }
    let recs = records["records"].as_array().unwrap();
    assert_eq!(recs.len(), 9, "one record per ocid");
    let road = recs
        .iter()
        .find(|r| r["ocid"] == "ocds-abc123-2568-67109123456")
        .unwrap();
    assert_eq!(
        road["releases"][0]["url"],
        "https://www.muangluang.go.th/data/2568/ocds.json#ocds-abc123-2568-67109123456-tender-award-contract"
    );
    assert_eq!(
        road["compiledRelease"]["tag"],
        serde_json::json!(["compiled"])
    );
    assert_eq!(
        road["compiledRelease"]["id"],
        "ocds-abc123-2568-67109123456-2024-10-02T00:00:00+07:00"
    );
    // Same input, same bytes.
    assert_eq!(bytes, build_records(&fixture()).2);
    // And the validator is not a rubber stamp.
    let mut broken = records.clone();
    broken["records"][0]["releases"][0]["url"] = "https://example.org/x.json#nope".into();
    broken["records"][1]["compiledRelease"]["tag"] = serde_json::json!(["compiled", "nonsense"]);
    let p = record_problems(&broken, &releases);
    assert!(p.iter().any(|e| e.contains("#nope")), "{p:#?}");
    assert!(p.iter().any(|e| e.contains("nonsense")), "{p:#?}");
}

/// The fixture's October 2567 rows, to change one.
fn october(data: &mut Data) -> &mut Vec<Procurement> {
    &mut data
        .years
        .get_mut(&2568)
        .unwrap()
        .months
        .get_mut(&YearMonth::new(2567, 10))
        .unwrap()
        .records
}

#[test]
fn bids_extension() {
    let (pkg, ..) = build(&fixture());
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    let bids = road["bids"]["details"].as_array().unwrap();
    assert_eq!(bids.len(), 3);
    assert_eq!(bids[0]["id"], "67109123456-bid-1");
    assert_eq!(bids[0]["tenderers"][0]["id"], "TH-TIN-0994000165510");
    assert_eq!(
        bids[0]["value"],
        serde_json::json!({"amount": 2_390_000.0, "currency": "THB"})
    );
    // Every bid has a status: a bid listed with its price was submitted and evaluated, so it is
    // valid unless the list marks it; the list marks the third withdrawn.
    assert_eq!(bids[0]["status"], "valid");
    assert_eq!(bids[1]["status"], "valid");
    assert_eq!(bids[2]["status"], "withdrawn");
    assert!(bids[2].get("value").is_none());
    assert_eq!(road["awards"][0]["relatedBid"], "67109123456-bid-1");
    assert_eq!(road["tender"]["numberOfTenderers"], 3);

    // A disqualified bid is published as such, and one firm bidding twice is one tenderer.
    let mut data = fixture();
    let rows = october(&mut data);
    rows[0].bids[1].status = Some(prongsai_model::BidStatus::Disqualified);
    rows[0].bids[2].name = "บริษัท ห้วยทับทันวิศวกรรม จำกัด".into();
    let (pkg, ..) = build(&data);
    assert_valid(&pkg);
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    assert_eq!(road["bids"]["details"][1]["status"], "disqualified");
    assert_eq!(road["bids"]["details"].as_array().map(Vec::len), Some(3));
    assert_eq!(road["tender"]["numberOfTenderers"], 2);

    // No bid list, no bids section (a cancelled row).
    let cancelled = release(&build(&fixture()).0, "ocds-abc123-2568-2567-11-1").clone();
    assert!(cancelled.get("bids").is_none());
}

/// The optional e-GP columns: the tender period, a date per bid and the UNSPSC code become
/// `tender.tenderPeriod`, `bids.details[].date` and an item classified by UNSPSC (on the tender
/// and the award, where the red-flag tools look for it); a คำชี้แจง becomes a document of the
/// tender naming the finding it answers and its place on the record page.
#[test]
fn tender_period_bid_dates_items_and_the_explanation() {
    let mut data = fixture();
    let row = &mut october(&mut data)[0];
    row.tender_start = Date::from_be(2567, 9, 10);
    row.tender_end = Date::from_be(2567, 9, 24);
    row.bids[0].date = Date::from_be(2567, 9, 24);
    row.unspsc = prongsai_model::Unspsc::new("72141103", Some("งานก่อสร้างถนน"));
    row.plan_id = None;
    row.explanation = Some("ซ่อมถนนเร่งด่วนหลังอุทกภัย ตามมาตรา 11".into());
    let (pkg, ..) = build(&data);
    assert_valid(&pkg);
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    assert_eq!(
        road["tender"]["tenderPeriod"],
        serde_json::json!({"startDate": "2024-09-10T00:00:00+07:00", "endDate": "2024-09-24T23:59:59+07:00"})
    );
    assert_eq!(
        road["bids"]["details"][0]["date"],
        "2024-09-24T00:00:00+07:00"
    );
    assert!(road["bids"]["details"][1].get("date").is_none());
    let item = serde_json::json!([{
        "id": "1",
        "description": road["tender"]["title"],
        "classification": {"scheme": "UNSPSC", "id": "72141103", "description": "งานก่อสร้างถนน"}
    }]);
    assert_eq!(road["tender"]["items"], item);
    assert_eq!(road["awards"][0]["items"], item);
    let doc = &road["tender"]["documents"][0];
    assert_eq!(doc["id"], "67109123456-explanation");
    assert_eq!(doc["description"], "ซ่อมถนนเร่งด่วนหลังอุทกภัย ตามมาตรา 11");
    assert!(
        doc["title"].as_str().unwrap().contains("C306"),
        "names the finding it answers: {doc}"
    );
    assert_eq!(
        doc["url"],
        "https://www.muangluang.go.th/procurement/2568/records/2567-10-1/#explanation"
    );
    // Without the columns, none of it.
    let (pkg, ..) = build(&fixture());
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    for key in ["tenderPeriod", "items", "documents"] {
        assert!(road["tender"].get(key).is_none(), "{key}");
    }
}

#[test]
fn agency_tax_id_identifies_publisher_and_buyer() {
    let mut data = fixture();
    data.agency.as_mut().unwrap().tax_id = Tin::new("0994000612346");
    let (pkg, diags, _) = build(&data);
    assert!(diags.is_empty(), "{diags:#?}");
    assert_valid(&pkg);
    assert_eq!(pkg["publisher"]["scheme"], "TH-TIN");
    assert_eq!(pkg["publisher"]["uid"], "0994000612346");
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    let buyer = &road["parties"][0];
    assert_eq!(buyer["id"], "TH-TIN-0994000612346");
    assert_eq!(buyer["identifier"]["scheme"], "TH-TIN");
    assert_eq!(buyer["identifier"]["id"], "0994000612346");
    assert_eq!(
        buyer["additionalIdentifiers"],
        serde_json::json!([{"scheme": "TH-EGP", "id": "6330903", "legalName": "องค์การบริหารส่วนตำบลเมืองหลวง"}])
    );
    assert_eq!(road["buyer"]["id"], "TH-TIN-0994000612346");
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
    // The realised plan line keeps its planning process, and the row points to it.
    let realised = release(&pkg, "ocds-abc123-2568-plan-ผ01/68");
    assert_eq!(realised["tag"], serde_json::json!(["planning"]));
    let road = release(&pkg, "ocds-abc123-2568-67109123456");
    assert_eq!(
        road["relatedProcesses"],
        serde_json::json!([{
            "id": "plan",
            "relationship": ["planning"],
            "title": "ก่อสร้างถนน คสล. หมู่ที่ ๓",
            "scheme": "ocid",
            "identifier": "ocds-abc123-2568-plan-ผ01/68"
        }])
    );
    // A row without a plan line has no related process.
    assert!(
        release(&pkg, "ocds-abc123-2568-2567-10-2")
            .get("relatedProcesses")
            .is_none()
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
    assert!(text.contains("\"id\":\"๑๒/๒๕๖๘\""));
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
    // Not even the plan line the new row realises: its process keeps its ocid and release.
    for rel in before["releases"].as_array().unwrap() {
        let ocid = rel["ocid"].as_str().unwrap();
        assert_eq!(release(&after, ocid), rel, "{ocid} changed");
    }
    let jan_row = release(&after, "ocds-abc123-2568-2568-01-1");
    assert_eq!(
        jan_row["relatedProcesses"][0]["identifier"],
        "ocds-abc123-2568-plan-ผ02/68"
    );
    release(&after, "ocds-abc123-2568-2567-12-9");
}

/// Two builds, the second with a plan line split into two more procurements: compiled, every
/// organisation has one id, every plan ocid survives, and each procurement points to its plan.
#[test]
fn compiled_records_keep_plan_ocids_and_one_id_per_organisation() {
    let data = fixture();
    let (first, first_releases, _) = build_records(&data);
    let mut more = data;
    let fy = more.years.get_mut(&2568).unwrap();
    let jan = YearMonth::new(2568, 1);
    for seq in [1, 2] {
        let mut row = base_record(jan, seq);
        row.plan_id = Some("ผ01/68".into()); // ผ01/68 split: the road plus two more rows
        // The road's losing tenderer, spelled differently, now also bids here.
        row.bids.push(prongsai_model::Bid {
            name: "บริษัท  ห้วยทับทันวิศวกรรม จำกัด".into(),
            price: Some(Money::from_baht(49_000)),
            status: None,
            date: None,
        });
        fy.months.get_mut(&jan).unwrap().records.push(row);
    }
    let (second, second_releases, _) = build_records(&more);
    for (records, releases) in [(&first, &first_releases), (&second, &second_releases)] {
        let p = record_problems(records, releases);
        assert!(p.is_empty(), "{}", p.join("\n"));
    }
    let ocids = |r: &Json| -> std::collections::BTreeSet<String> {
        r["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["ocid"].as_str().unwrap().to_owned())
            .collect()
    };
    let plan_ocids: Vec<String> = ocids(&first)
        .into_iter()
        .filter(|o| o.contains("-plan-"))
        .collect();
    assert_eq!(plan_ocids.len(), 2);
    for o in &plan_ocids {
        assert!(ocids(&second).contains(o), "{o} lost");
    }
    let compiled: Vec<&Json> = second["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["compiledRelease"])
        .collect();
    let realising: Vec<&str> = compiled
        .iter()
        .filter(|c| c["relatedProcesses"][0]["identifier"] == "ocds-abc123-2568-plan-ผ01/68")
        .map(|c| c["ocid"].as_str().unwrap())
        .collect();
    assert_eq!(
        realising,
        [
            "ocds-abc123-2568-67109123456",
            "ocds-abc123-2568-2568-01-1",
            "ocds-abc123-2568-2568-01-2"
        ]
    );
    // One id per organisation (by the /suppliers/ pages' normalised name) and one organisation
    // per id, across every compiled release; each party once per release.
    let mut id_of: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    let mut name_of: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for c in &compiled {
        let parties = c["parties"].as_array().unwrap();
        let ids: std::collections::BTreeSet<&str> =
            parties.iter().map(|p| p["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids.len(),
            parties.len(),
            "a party listed twice in {}",
            c["ocid"]
        );
        for p in parties {
            let key = normalise_name(&thai_to_arabic_digits(p["name"].as_str().unwrap()));
            let id = p["id"].as_str().unwrap().to_owned();
            id_of.entry(key.clone()).or_default().insert(id.clone());
            name_of.entry(id).or_default().insert(key);
        }
    }
    assert!(id_of.values().all(|ids| ids.len() == 1), "{id_of:#?}");
    assert!(name_of.values().all(|n| n.len() == 1), "{name_of:#?}");
    let engineering = &id_of[&normalise_name("บริษัท ห้วยทับทันวิศวกรรม จำกัด")];
    assert_eq!(engineering.len(), 1);
    // The January rows' parties: the buyer, the winner (supplier and tenderer), the tenderer.
    let jan_row = compiled
        .iter()
        .find(|c| c["ocid"] == "ocds-abc123-2568-2568-01-1")
        .unwrap();
    let roles: Vec<&Json> = jan_row["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["roles"])
        .collect();
    assert_eq!(
        roles,
        [
            &serde_json::json!(["buyer", "procuringEntity"]),
            &serde_json::json!(["supplier", "tenderer"]),
            &serde_json::json!(["tenderer"])
        ]
    );
}

#[test]
fn missing_prefix_uses_placeholder_and_says_how_to_register() {
    let mut data = fixture();
    data.agency.as_mut().unwrap().ocid_prefix = None;
    let (pkg, diags, _) = build(&data);
    assert_valid(&pkg);
    release(&pkg, "ocds-xxxxxx-2568-67109123456");
    let d = diags.iter().find(|d| d.code == "O110").expect("warning");
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
            .any(|d| d.code == "O111" && d.text.as_deref() == Some("OCDS-ABC"))
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
    assert!(diags.iter().any(|d| d.code == "O130"));
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
    assert!(diags.iter().any(|d| d.code == "O131"));
}

#[test]
fn empty_year_is_not_publishable_and_missing_agency_still_maps() {
    let (pkg, diags) = release_package(&fixture(), 2570, &opts());
    assert!(pkg.releases.is_empty() && !pkg.is_publishable());
    assert!(diags.iter().any(|d| d.code == "O100"));
    // Exactly why such a package is not written: the schema wants at least one release.
    let p = problems(&serde_json::to_value(&pkg).unwrap());
    assert_eq!(p.len(), 1, "{p:#?}");

    let mut data = fixture();
    data.agency = None;
    let (pkg, diags) = release_package(&data, 2568, &opts());
    assert!(diags.iter().any(|d| d.code == "O101" && d.is_error()));
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
    assert_eq!(diags.iter().filter(|d| d.code == "O121").count(), 2);
    assert_eq!(diags.iter().filter(|d| d.code == "O120").count(), 2);
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

/// One release (one record) a line, each line a complete JSON value, and nothing indented: the
/// packages are tens of megabytes a year and indentation was half of their bytes.
#[test]
fn packages_have_one_release_or_record_a_line() {
    let (pkg, _, bytes) = build(&fixture());
    let (_, _, record_bytes) = build_records(&fixture());
    for (bytes, key, n) in [
        (&bytes, "releases", 9),
        (
            &record_bytes,
            "records",
            pkg["releases"].as_array().map_or(0, Vec::len),
        ),
    ] {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        assert!(
            text.ends_with("\n]\n}\n"),
            "{key}: {}",
            &text[text.len() - 20..]
        );
        assert!(!text.contains("\n "), "{key}: indented");
        let lines: Vec<&str> = text.lines().collect();
        let start = lines
            .iter()
            .position(|l| *l == format!("\"{key}\":["))
            .unwrap_or_else(|| panic!("no line opening {key}"));
        let items = &lines[start + 1..lines.len() - 2];
        assert_eq!(items.len(), n, "{key}");
        for (i, line) in items.iter().enumerate() {
            let line = line.strip_suffix(',').unwrap_or(line);
            let v: Json = serde_json::from_str(line).expect("each line is one JSON object");
            assert!(v["ocid"].is_string(), "{key} line {i}");
        }
        assert_eq!(lines[0], "{");
        assert!(lines[1].starts_with("\"uri\":"), "{}", lines[1]);
    }
}
