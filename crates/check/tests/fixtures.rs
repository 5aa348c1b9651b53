//! Fixture folders through the real loader: `tests/fixtures/<rule>/{bad,good}/procurement-data/…`
//! with `expected.txt`, one `location severity[code]` line per diagnostic (loader and checker),
//! checked as of 1 November 2567 BE, when only October 2567 has ended. A case may also have
//! `content/` pages, a `site.yaml` (its `checks:` and `ita:` sections) and a `criteria/` folder,
//! read as the build reads them, and an `ita_year` file holding the year `check --ita` asks for.
//! Every rule code has a `bad` and a `good` case; a confirmable finding (C304–C306) also has an
//! `explained` case: the bad row confirmed in its คำชี้แจง column, a warning rather than an error
//! (the root crate's tests/findings.rs builds these cases and finds the explanation published).

use prongsai_check::{CheckOptions, check, page_refs};
use prongsai_model::{Date, sort_diagnostics};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn cases() -> Vec<PathBuf> {
    let root = fixtures();
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&root).expect("fixtures folder") {
        let rule = rule.expect("entry").path();
        for kind in ["bad", "good", "explained"] {
            let case = rule.join(kind);
            if case.is_dir() {
                out.push(case);
            }
        }
    }
    out.sort();
    out
}

fn run(case: &Path) -> String {
    let as_of = Date::from_be(2567, 11, 1).expect("date");
    // As the build reads a site: site.yaml once, its limits for the data, its sections for check.
    let (config, config_diags) = prongsai_config::load(case);
    let loaded = prongsai_load::load_with(case, &config.limits);
    let content = prongsai_content::load_with(case, config, config_diags);
    let pages = page_refs(&content.site);
    let (mut opts, site_diags) = CheckOptions::for_site(as_of, &content.site.config);
    let criteria = case.join("criteria");
    opts.criteria_dir = criteria.is_dir().then_some(criteria);
    // `check --ita <year>`, for the rules about the year asked for.
    opts.ita_year = std::fs::read_to_string(case.join("ita_year"))
        .ok()
        .and_then(|y| y.trim().parse().ok());
    let report = check(&loaded.data, &pages, &opts);
    let mut all = loaded.diagnostics;
    all.extend(content.diagnostics);
    all.extend(site_diags);
    all.extend(report.diagnostics);
    sort_diagnostics(&mut all);
    all.iter()
        // The loader notes which encoding it used; that is not what these fixtures are about.
        .filter(|d| d.severity != prongsai_model::Severity::Info || d.code.starts_with('C'))
        .map(|d| {
            let loc = d
                .location
                .as_ref()
                .map(|l| l.to_string())
                .unwrap_or_default();
            format!("{loc}: {}[{}]\n", d.severity, d.code)
        })
        .collect()
}

#[test]
fn fixtures_report_exactly_what_expected_txt_says() {
    let cases = cases();
    assert!(cases.len() >= 10, "fixtures missing");
    let mut failures = Vec::new();
    for case in &cases {
        let want = std::fs::read_to_string(case.join("expected.txt")).unwrap_or_default();
        let have = run(case);
        // UPDATE_FIXTURES=1 rewrites expected.txt: review the diff before committing it.
        if have != want && std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v == "1") {
            std::fs::write(case.join("expected.txt"), &have).expect("write expected.txt");
            continue;
        }
        if have != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}--- got\n{have}",
                case.display()
            ));
        }
        let rule = case
            .parent()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if case.ends_with("bad") {
            assert!(
                want.contains(&format!("[{rule}]")),
                "{}: a bad case must expect {rule}",
                case.display()
            );
        } else if case.ends_with("explained") {
            assert!(
                want.contains(&format!("warning[{rule}]"))
                    && !want.contains(&format!("error[{rule}]")),
                "{}: an explained case must expect {rule} as a warning only",
                case.display()
            );
        } else {
            assert!(
                !want.contains(&format!("[{rule}]")),
                "{}: a good case must not expect its rule",
                case.display()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_bad_and_a_good_case() {
    let root = fixtures();
    let missing: Vec<&str> = prongsai_check::rules()
        .iter()
        .map(|r| r.code)
        .filter(|code| {
            !["bad", "good"]
                .iter()
                .all(|k| root.join(code).join(k).is_dir())
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules without tests/fixtures/<CODE>/bad and good: {missing:?}"
    );
}

/// A confirmable finding is tested both ways: an error without a คำชี้แจง, a warning with one.
#[test]
fn every_confirmable_rule_has_an_explained_case() {
    let root = fixtures();
    for r in prongsai_check::rules() {
        let explained = root.join(r.code).join("explained").is_dir();
        let confirmable = r.class == prongsai_check::rules::RuleClass::Confirmable;
        assert_eq!(
            explained, confirmable,
            "{}: tests/fixtures/<CODE>/explained exists exactly for confirmable findings",
            r.code
        );
    }
}

#[test]
fn every_fixture_folder_names_a_rule() {
    let codes: Vec<&str> = prongsai_check::rules().iter().map(|r| r.code).collect();
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(fixtures()).expect("fixtures folder") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy().into_owned();
        if !codes.contains(&name.as_str()) {
            stray.push(name);
        }
    }
    assert!(stray.is_empty(), "fixture folders of no rule: {stray:?}");
}
