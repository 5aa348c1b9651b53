//! The ITA evidence index states the cross-check with e-GP for the items whose evidence is the
//! month files: `ตรงกับข้อมูล e-GP N จาก M สัญญา`.

use prongsai_check::{CheckOptions, check};
use prongsai_model::Date;
use std::path::Path;

#[test]
fn month_items_state_how_many_egp_contracts_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../load/tests/fixtures/egp_cross_check");
    let loaded = prongsai_load::load(&root);
    // 2 November 2567: October has ended; of its five e-GP contracts one is in no month file
    // and two differ, so two agree.
    let mut opts = CheckOptions::new(Date::from_be(2567, 11, 2).expect("date"));
    opts.ita_year = Some(2568);
    let report = check(&loaded.data, &[], &opts);
    let statements: Vec<String> = report
        .ita
        .iter()
        .flat_map(|e| e.items.iter().filter_map(|i| i.egp_th.clone()))
        .collect();
    assert!(
        statements
            .iter()
            .any(|s| s == "ตรงกับข้อมูล e-GP 2 จาก 5 สัญญา"),
        "{statements:?}"
    );
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "C220").count(),
        1,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| **c == "C320").count(),
        2,
        "{codes:?}"
    );
}
