//! Fixture folders through the real loader: `tests/fixtures/<rule>/{bad,good}/procurement-data/…`
//! with `expected.txt`, one `location severity[code]` line per diagnostic (loader and checker),
//! checked as of 1 November 2567 BE, when only October 2567 has ended. A case may also have
//! `content/` pages and a `site.yaml` (its `ita:` section), read by the real content loader.

use prongsai_check::{CheckOptions, PageRef, check};
use prongsai_model::{Date, sort_diagnostics};
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&root).expect("fixtures folder") {
        let rule = rule.expect("entry").path();
        for kind in ["bad", "good"] {
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
    let loaded = prongsai_load::load(case);
    let as_of = Date::from_be(2567, 11, 1).expect("date");
    let content = prongsai_content::load(case);
    let pages: Vec<PageRef> = content
        .site
        .pages
        .iter()
        .map(|p| PageRef {
            url_path: p.url.clone(),
            title: p.title.clone(),
            ita: p.ita.clone(),
            source: p.source.clone(),
            ita_lines: p.ita_lines.clone(),
        })
        .collect();
    let mut opts = CheckOptions::new(as_of);
    let (evidence, site_diags) = prongsai_check::ita_evidence_from_site_yaml(
        content.site.config.source_text(),
        prongsai_content::SITE_FILE,
    );
    opts.ita_evidence = evidence;
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
                "{}: a bad case must expect its rule",
                case.display()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
