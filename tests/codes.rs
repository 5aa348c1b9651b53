//! One registry of diagnostic codes: every code-shaped string in the sources is registered, and
//! `prongsai explain` prints an entry or suggests the nearest codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn explain(code: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["explain", code])
        .output()
        .expect("run prongsai")
}

#[test]
fn explain_prints_the_entry_and_a_rules_documentation() {
    let o = explain("c401");
    assert!(o.status.success(), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    let c = prongsai_model::codes::C401;
    for part in [
        c.title_th, c.title_en, c.fix_th, c.fix_en, c.source, "warning",
    ] {
        assert!(out.contains(part), "{part:?} missing from\n{out}");
    }
    let rule = prongsai_check::rules()
        .iter()
        .find(|r| r.code == "C401")
        .expect("C401 is a rule");
    assert!(out.contains(rule.doc), "{out}");

    let o = explain("P121");
    assert!(o.status.success(), "{o:?}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("จำนวนเงินไม่ถูกต้อง") && out.contains("Example: "),
        "{out}"
    );
}

#[test]
fn explain_an_unknown_code_suggests_the_nearest() {
    let o = explain("C13");
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("C130") && err.contains("ไม่รู้จักรหัส"), "{err}");
    assert!(o.stdout.is_empty());

    let o = explain("OCDS-EMPTY");
    assert!(o.status.success(), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("is now called O100"));
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// String literals shaped as a code (`"C130"`: a stage letter and three digits), and the former
/// `"OCDS-…"` names: a code written outside the registry that the registry does not know is a
/// code no reference documents.
fn code_literals(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    for i in 0..b.len() {
        if b[i] != b'"' {
            continue;
        }
        let shaped = b.len() > i + 5
            && matches!(b[i + 1], b'P' | b'C' | b'O' | b'R' | b'S')
            && b[i + 2..i + 5].iter().all(u8::is_ascii_digit)
            && b[i + 5] == b'"';
        if shaped {
            found.push(text[i + 1..i + 5].to_owned());
        } else if text[i + 1..].starts_with("OCDS-") {
            found.push(
                text[i + 1..]
                    .split('"')
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
    }
    found
}

#[test]
fn every_code_in_the_sources_is_registered() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    for krate in std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .flatten()
    {
        sources(&krate.path().join("src"), &mut files);
    }
    assert!(files.len() > 50, "{} source files", files.len());
    let mut unknown = Vec::new();
    // The registry itself names the former `OCDS-…` codes, to map them to their new ones.
    files.retain(|f| !f.ends_with("crates/model/src/codes.rs"));
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for code in code_literals(&text) {
            if prongsai_model::codes::get(&code).is_none() {
                unknown.push(format!("{}: {code}", f.display()));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "codes not in prongsai_model::codes (crates/model/src/codes.rs):\n{}",
        unknown.join("\n")
    );
    assert_eq!(
        code_literals(r#"x("C130", "OCDS-EMPTY", "C13", "C1300")"#),
        ["C130", "OCDS-EMPTY"]
    );
}
