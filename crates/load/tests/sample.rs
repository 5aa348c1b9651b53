//! The repository's sample data (`procurement-data/` at the repo root) must load cleanly.

use prongsai_load::load;
use std::path::Path;

#[test]
fn repository_sample_loads_without_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert!(
        root.join("procurement-data").is_dir(),
        "the sample procurement-data/ folder is missing from the repository root"
    );
    let loaded = load(&root);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let agency = loaded.data.agency.as_ref().expect("agency.yaml loads");
    assert!(agency.sample);
    assert_eq!(agency.district, "ห้วยทับทัน");
    let fy = &loaded.data.years[&2568];
    assert!(fy.records().count() >= 150, "{}", fy.records().count());
    assert!(fy.months.len() >= 10);
    assert!(fy.plan.as_ref().is_some_and(|p| !p.lines.is_empty()));
    assert!(
        fy.plan_meta
            .as_ref()
            .is_some_and(|m| m.approved_on.is_some())
    );
    assert!(fy.annual.as_ref().is_some_and(|a| a.headings.len() >= 3));
    // Records keep file order and physical lines (header = line 1).
    let first = fy.records().next().expect("a record");
    assert_eq!(first.file.path, "procurement-data/2568/months/2567-10.csv");
    assert_eq!(first.line, 2);
}
