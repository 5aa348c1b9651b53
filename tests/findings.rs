//! What is true is published (issue 32), end to end with the real binary: a finding about
//! conduct confirmed in its คำชี้แจง is published with the record (page, downloads, OCDS), the
//! unconfirmed one stops the build, a year whose plan is a gap still builds and shows the gap,
//! and `check --summary` writes the staff report the workflows put in the job summary.

mod common;
use common::{stderr, tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The check crate's fixture of one rule: `bad` (no explanation) or `explained`.
fn rule_fixture(code: &str, case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/check/tests/fixtures")
        .join(code)
        .join(case)
}

fn prongsai(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("run prongsai")
}

fn build(root: &Path, out: &Path, as_of: &str) -> Output {
    let out = out.to_str().expect("utf-8 path");
    prongsai(&["build", "--out", out, "--as-of", as_of], root)
}

fn text(t: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8_lossy(t.get(path).unwrap_or_else(|| panic!("{path} not built"))).into_owned()
}

/// The one explanation in a fixture's month file.
fn explanation_of(root: &Path) -> String {
    let csv = fs::read_to_string(root.join("procurement-data/2568/months/2567-10.csv")).unwrap();
    let last_cell = csv.lines().nth(1).unwrap().rsplit(',').next().unwrap();
    last_cell.trim().to_owned()
}

#[test]
fn a_confirmed_finding_is_published_with_its_explanation_and_an_unconfirmed_one_is_not_built() {
    let dir = tempfile::tempdir().unwrap();
    for code in ["C304", "C305", "C306"] {
        let bad = rule_fixture(code, "bad");
        let o = build(&bad, &dir.path().join(format!("{code}-bad")), "2567-11-01");
        assert_eq!(o.status.code(), Some(1), "{code}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("error[{code}]")),
            "{code}: {}",
            stderr(&o)
        );

        let root = rule_fixture(code, "explained");
        let out = dir.path().join(code);
        let o = build(&root, &out, "2567-11-01");
        assert_eq!(o.status.code(), Some(0), "{code}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("warning[{code}]")),
            "{code}: {}",
            stderr(&o)
        );
        let said = explanation_of(&root);
        let t = tree(&out);
        let page = text(&t, "procurement/2568/records/2567-10-1/index.html");
        assert!(
            page.contains("<h2 id=\"h-explanation\">คำชี้แจงของหน่วยงาน</h2>"),
            "{code}: {page}"
        );
        assert!(
            page.contains(&said),
            "{code}: the explanation on the record page"
        );
        let title = prongsai_model::codes::get(code).unwrap().title_th;
        assert!(
            page.contains(&format!("<strong>{title}</strong> <small>({code})</small>")),
            "{code}: the rule it answers"
        );
        assert!(
            text(&t, "data/2568/procurements.csv").contains(&said),
            "{code}: CSV"
        );
        let json: serde_json::Value =
            serde_json::from_str(&text(&t, "data/2568/procurements.json")).unwrap();
        let record = &json["records"][0];
        assert_eq!(record["explanation"], said.as_str(), "{code}: JSON");
        assert_eq!(record["explanation_answers"], serde_json::json!([code]));
        let ocds: serde_json::Value =
            serde_json::from_str(&text(&t, "data/2568/ocds.json")).unwrap();
        let doc = &ocds["releases"][0]["tender"]["documents"][0];
        assert_eq!(doc["description"], said.as_str(), "{code}: OCDS");
        assert!(
            doc["title"].as_str().unwrap().contains(code),
            "{code}: {doc}"
        );
    }
}

/// A year whose plan is not yet committed: its large contract is not an error (C306 waits for
/// the plan, as info), the site is built, and it shows the plan as a gap with its due date.
#[test]
fn a_year_without_its_plan_builds_and_shows_the_gap() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let months = root.join("procurement-data/2568/months");
    fs::create_dir_all(&months).unwrap();
    fs::copy(
        rule_fixture("C306", "bad").join("procurement-data/agency.yaml"),
        root.join("procurement-data/agency.yaml"),
    )
    .unwrap();
    fs::copy(
        rule_fixture("C306", "bad").join("procurement-data/2568/months/2567-10.csv"),
        months.join("2567-10.csv"),
    )
    .unwrap();
    // 1 December 2567: November's file and the plan are overdue, the build goes on.
    let out = dir.path().join("public");
    let o = build(&root, &out, "2567-12-20");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("info[C306]"), "{err}");
    assert!(err.contains("ตรวจได้เมื่อมีแผน"), "{err}");
    assert!(err.contains("warning[C208]"), "{err}");
    let t = tree(&out);
    assert!(t.contains_key("procurement/2568/records/2567-10-1/index.html"));
    let home = text(&t, "index.html");
    assert!(
        home.contains("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ 2568</a> — เลยกำหนดเผยแพร่"),
        "the home page shows the plan's gap: {home}"
    );
}

/// `check --summary FILE` appends the staff report (what GitHub shows as the job summary):
/// the finding with its explanation, the overdue months, the ITA items with how to add them.
#[test]
fn check_writes_the_job_summary_and_the_workflows_ask_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("step-summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    let root = rule_fixture("C306", "explained");
    let s = summary.to_str().unwrap();
    let o = prongsai(
        &[
            "check",
            "--format",
            "github",
            "--as-of",
            "2568-01-20",
            "--ita",
            "2568",
            "--summary",
            s,
        ],
        &root,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("earlier step\n## ผลการตรวจข้อมูล"),
        "appended: {md}"
    );
    assert!(md.contains("**สร้างเว็บไซต์ได้**"), "{md}");
    assert!(md.contains("`C306` warning"), "{md}");
    assert!(md.contains(&explanation_of(&root)), "{md}");
    assert!(md.contains("### เอกสารที่เลยกำหนดเผยแพร่"), "{md}");
    assert!(md.contains("2567-11.csv"), "{md}");
    assert!(md.contains("### ITA 2568"), "{md}");
    assert!(md.contains("`prongsai new month 2567-11`"), "{md}");

    // An unconfirmed finding: the summary is still written, and says what stops the build.
    let bad = dir.path().join("bad.md");
    let o = prongsai(
        &[
            "check",
            "--as-of",
            "2567-11-01",
            "--summary",
            bad.to_str().unwrap(),
        ],
        &rule_fixture("C306", "bad"),
    );
    assert_eq!(o.status.code(), Some(1));
    let md = fs::read_to_string(&bad).unwrap();
    assert!(md.contains("**ยังสร้างเว็บไซต์ไม่ได้**"), "{md}");
    assert!(md.contains("`C306`"), "{md}");

    // Every run writes it: the data-only CI path (this repository's workflow) and the workflow
    // `prongsai init` gives an agency.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ci = fs::read_to_string(repo.join("scripts/ci-data-only")).unwrap();
    assert!(
        ci.contains("--summary \"$GITHUB_STEP_SUMMARY\""),
        "scripts/ci-data-only"
    );
    let site = fs::read_to_string(repo.join("src/scaffold/workflows/site.yml")).unwrap();
    assert!(
        site.contains("prongsai check --format github --summary \"$GITHUB_STEP_SUMMARY\""),
        "src/scaffold/workflows/site.yml"
    );
}
