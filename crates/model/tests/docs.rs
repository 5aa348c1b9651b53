//! docs/diagnostics.md is generated from the code registry: this fails when it is out of date,
//! and rewrites it when run with UPDATE_DOCS=1.

use std::path::PathBuf;

#[test]
fn diagnostics_md_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/diagnostics.md");
    let want = prongsai_model::codes::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &want).expect("write docs/diagnostics.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/diagnostics.md is out of date: run UPDATE_DOCS=1 cargo test -p prongsai_model --test docs"
    );
}

#[test]
fn every_code_has_a_section() {
    let md = prongsai_model::codes::markdown();
    for c in prongsai_model::codes::ALL {
        assert!(md.contains(&format!("\n### {}\n", c.code)), "{}", c.code);
    }
}
