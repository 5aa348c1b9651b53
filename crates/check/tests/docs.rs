//! docs/rules.md is generated from `rules()`: this fails when it is out of date, and rewrites it
//! when run with UPDATE_DOCS=1.

use std::path::PathBuf;

#[test]
fn rules_md_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let want = prongsai_check::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &want).expect("write docs/rules.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/rules.md is out of date: run UPDATE_DOCS=1 cargo test -p prongsai_check --test docs"
    );
}

#[test]
fn every_rule_is_documented_once_with_a_source() {
    let rules = prongsai_check::rules();
    let mut codes: Vec<&str> = rules.iter().map(|r| r.code).collect();
    assert!(
        codes.is_sorted(),
        "rules() must list codes in order: {codes:?}"
    );
    let n = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), n, "duplicate rule codes");
    for r in rules {
        assert!(r.code.starts_with('C') && r.code.len() == 4, "{}", r.code);
        assert!(
            !r.title_th.is_empty()
                && !r.title_en.is_empty()
                && !r.source.is_empty()
                && r.doc.len() > 40,
            "{}",
            r.code
        );
    }
    // Red flags are never errors: they are worth a look, not a verdict.
    assert!(
        rules
            .iter()
            .filter(|r| r.code.starts_with("C4"))
            .all(|r| r.severity == prongsai_model::Severity::Warning)
    );
}
