//! A year with e-GP's contract data (`<FY>/egp/`): the e-GP project number is the tender's
//! identifier, and a release whose values came from e-GP (or differ from it) cites e-GP.
mod common;

use prongsai_ocds::{OcdsOptions, release_package, to_json_bytes};
use serde_json::Value as Json;
use std::path::Path;

#[test]
fn egp_numbers_identify_tenders_and_egp_values_are_cited() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../load/tests/fixtures/egp_cross_check");
    let loaded = prongsai_load::load(&root);
    let opts = OcdsOptions {
        base_url: "https://www.muangluang.go.th".into(),
        published_date: Some("2024-11-01T00:00:00+07:00".into()),
        license: None,
        publication_policy: None,
    };
    let (pkg, diags) = release_package(&loaded.data, 2568, &opts);
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:#?}");
    let json: Json = serde_json::from_slice(&to_json_bytes(&pkg)).expect("JSON");
    common::assert_valid(&json);
    let releases = json["releases"].as_array().expect("releases");
    let by_tender = |id: &str| {
        releases
            .iter()
            .find(|r| r["tender"]["id"] == id)
            .unwrap_or_else(|| panic!("no tender {id}"))
    };
    // Filled from e-GP: the TIN and the contract end, cited with the file and line.
    let filled = by_tender("67099000001");
    let doc = &filled["tender"]["documents"][0];
    assert_eq!(doc["id"], "egp-67099000001");
    let text = doc["description"].as_str().expect("description");
    assert!(
        text.contains("เลขประจำตัวผู้เสียภาษี") && text.contains("cgd-contract-2568.csv บรรทัดที่ 2"),
        "{text}"
    );
    // The number itself came from e-GP for the row of a month file without the column.
    let numbered = by_tender("67099000006");
    assert!(
        numbered["tender"]["documents"][0]["description"]
            .as_str()
            .is_some_and(|t| t.contains("เลขที่โครงการ"))
    );
    // A differing value is cited with e-GP's; the release keeps the agency's.
    let differs = by_tender("67099000002");
    assert_eq!(differs["awards"][0]["value"]["amount"], 12100.0);
    assert!(
        differs["tender"]["documents"][0]["description"]
            .as_str()
            .is_some_and(|t| t.contains("e-GP: 12,000.00"))
    );
}
