//! The repository's own sample `procurement-data/`, loaded by the real loader, must give a valid
//! package for every fiscal year: the end-to-end form of the fixture tests.
mod common;

use prongsai_ocds::{
    OcdsOptions, record_json_bytes, record_package, release_package, to_json_bytes,
};
use std::path::Path;

#[test]
fn every_sample_year_is_valid_ocds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let loaded = prongsai_load::load(&root);
    assert!(
        !loaded.data.years.is_empty(),
        "no sample data under {}",
        root.display()
    );
    let opts = OcdsOptions {
        base_url: "https://www.muangluang.go.th".into(),
        published_date: None,
        license: None,
        publication_policy: None,
    };
    let mut published = 0;
    for &year in loaded.data.years.keys() {
        let (pkg, diags) = release_package(&loaded.data, year, &opts);
        assert!(!diags.iter().any(|d| d.is_error()), "{year}: {diags:#?}");
        if !pkg.is_publishable() {
            continue;
        }
        let bytes = to_json_bytes(&pkg);
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let problems = common::problems(&json);
        assert!(problems.is_empty(), "{year}:\n{}", problems.join("\n"));
        let records: serde_json::Value =
            serde_json::from_slice(&record_json_bytes(&record_package(&pkg, year))).expect("JSON");
        let problems = common::record_problems(&records, &json);
        assert!(
            problems.is_empty(),
            "{year} records:\n{}",
            problems.join("\n")
        );
        // Same data, same bytes.
        assert_eq!(
            bytes,
            to_json_bytes(&release_package(&loaded.data, year, &opts).0)
        );
        published += 1;
    }
    assert!(published > 0, "no fiscal year produced a package");
}

#[test]
#[ignore = "prints the sample packages' diagnostics and sizes"]
fn print_sample() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let loaded = prongsai_load::load(&root);
    for &year in loaded.data.years.keys() {
        let (pkg, diags) = release_package(&loaded.data, year, &OcdsOptions::default());
        println!(
            "{year}: {} releases, {} bytes",
            pkg.releases.len(),
            to_json_bytes(&pkg).len()
        );
        for d in diags {
            println!("  {d}");
        }
    }
}

/// Across every year's package, a firm (by the `/suppliers/` pages' normalised name) has exactly
/// one party id, and a firm that gives its TIN on any row is `TH-TIN` everywhere.
#[test]
fn one_id_per_organisation_across_years() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let loaded = prongsai_load::load(&root);
    let mut ids: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for &year in loaded.data.years.keys() {
        let (pkg, _) = release_package(&loaded.data, year, &OcdsOptions::default());
        for rel in &pkg.releases {
            for p in &rel.parties {
                let key =
                    prongsai_model::normalise_name(&prongsai_model::thai_to_arabic_digits(&p.name));
                ids.entry(key).or_default().insert(p.id.clone());
            }
        }
    }
    assert!(ids.len() > 1, "no parties in the sample");
    let split: Vec<_> = ids.iter().filter(|(_, v)| v.len() > 1).collect();
    assert!(split.is_empty(), "firms with several ids: {split:#?}");
}
