//! `prongsai new year` and `prongsai init` through the binary, on temporary folders: what they
//! write, that they never overwrite, and that the result checks and builds clean. The last test
//! holds init's site to the sample site (the sample is init plus sample data).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn prongsai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The errors of `check --format json` at `as_of`, with the exit code.
fn check_errors(root: &Path, as_of: &str) -> (Option<i32>, Vec<serde_json::Value>, usize) {
    let o = prongsai(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    let diags = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .cloned()
        .collect();
    (o.status.code(), errors, diags.len())
}

const AGENCY: &str = "name: เทศบาลตำบลทดสอบ\nshort_name: ทต.ทดสอบ\nagency_type: องค์กรปกครองส่วนท้องถิ่น\ndistrict: เมือง\nprovince: ศรีสะเกษ\nministry: กระทรวงมหาดไทย\nwebsite: https://www.example.go.th\n";

#[test]
fn new_year_writes_the_plan_and_the_months_already_due_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("procurement-data")).unwrap();
    std::fs::write(root.join("procurement-data/agency.yaml"), AGENCY).unwrap();
    let args = [
        "new",
        "year",
        "2570",
        "--root",
        root.to_str().unwrap(),
        "--as-of",
        "2570-01-20",
    ];
    let o = prongsai(&args);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files: BTreeSet<String> = common::tree(root).into_keys().collect();
    // December 2569 fell due on 15 January 2570, January 2570 has not ended.
    let expected: BTreeSet<String> = [
        "procurement-data/agency.yaml",
        "procurement-data/2570/plan.csv",
        "procurement-data/2570/plan.yaml",
        "procurement-data/2570/months/2569-10.csv",
        "procurement-data/2570/months/2569-11.csv",
        "procurement-data/2570/months/2569-12.csv",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(files, expected);
    assert_eq!(
        std::fs::read(root.join("procurement-data/2570/plan.csv")).unwrap(),
        std::fs::read(repo().join("templates/plan.csv")).unwrap(),
        "plan.csv is the template's header"
    );
    assert_eq!(
        std::fs::read(root.join("procurement-data/2570/months/2569-12.csv")).unwrap(),
        std::fs::read(repo().join("templates/month.csv")).unwrap(),
    );
    let guide = stdout(&o);
    assert!(guide.contains("สิ่งที่ต้องกรอก") && guide.contains("what to fill in"));
    assert!(guide.contains("prongsai new month 2570-01"), "{guide}");

    let (code, errors, _) = check_errors(root, "2570-01-20");
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(code, Some(0));

    // Again: refused, and nothing changed (a filled-in month must survive a repeated command).
    std::fs::write(
        root.join("procurement-data/2570/months/2569-10.csv"),
        "filled in",
    )
    .unwrap();
    let o = prongsai(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("already exist"));
    assert_eq!(
        std::fs::read_to_string(root.join("procurement-data/2570/months/2569-10.csv")).unwrap(),
        "filled in"
    );
}

#[test]
fn new_year_on_the_sample_adds_next_years_plan_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for part in ["site.yaml", "content", "procurement-data"] {
        copy(&repo().join(part), &root.join(part));
    }
    // site.yaml pins as_of to 2569-11-01: no month of 2571 is due.
    let o = prongsai(&["new", "year", "2571", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(root.join("procurement-data/2571/plan.yaml").is_file());
    assert!(!root.join("procurement-data/2571/months").exists());
    let (code, errors, _) = check_errors(root, "2569-11-01");
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(code, Some(0));
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

const INIT_FLAGS: [&str; 12] = [
    "--name",
    "องค์การบริหารส่วนตำบลทดสอบ",
    "--short-name",
    "อบต.ทดสอบ",
    "--district",
    "อำเภอห้วยทับทัน",
    "--province",
    "ศรีสะเกษ",
    "--website",
    "https://www.example.go.th/",
    "--as-of",
    "2569-12-02",
];

fn init(dir: &Path) -> Output {
    let mut args = vec!["init", dir.to_str().unwrap()];
    args.extend_from_slice(&INIT_FLAGS);
    prongsai(&args)
}

#[test]
fn init_then_build_gives_a_real_site_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let o = init(&root);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let files: BTreeSet<String> = common::tree(&root).into_keys().collect();
    for f in [
        "site.yaml",
        "procurement-data/agency.yaml",
        "content/_index.md",
        "content/about/_index.md",
        "content/contact.md",
        ".github/workflows/site.yml",
        "README.md",
        "procurement-data/2570/plan.csv",
        "procurement-data/2570/plan.yaml",
        "procurement-data/2570/months/2569-10.csv",
    ] {
        assert!(files.contains(f), "{f} missing from {files:#?}");
    }
    // November 2569 is not due until 15 December.
    assert!(!files.contains("procurement-data/2570/months/2569-11.csv"));
    let workflow = std::fs::read_to_string(root.join(".github/workflows/site.yml")).unwrap();
    assert!(
        workflow.contains(&format!(
            "PRONGSAI_VERSION: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "the workflow pins this version"
    );
    assert!(workflow.contains("prongsai check --format github"));
    // e-GP is fetched before the check, only when the secret is there.
    let fetch = workflow
        .find("prongsai egp fetch")
        .expect("the workflow fetches e-GP");
    assert!(
        fetch
            < workflow
                .rfind("run: prongsai check --format github")
                .unwrap_or(0)
    );
    assert!(workflow.contains("secrets.EGP_API_KEY"));
    assert!(workflow.contains("scripts/deploy public"));

    let (code, errors, _) = check_errors(&root, "2569-12-02");
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(code, Some(0));
    let out = dir.path().join("out");
    let o = prongsai(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2569-12-02",
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        !home.contains("sample-banner"),
        "a real site has no sample banner"
    );
    assert!(home.contains("องค์การบริหารส่วนตำบลทดสอบ"));
    let contact = std::fs::read_to_string(out.join("contact/index.html")).unwrap();
    assert!(
        contact.contains("อำเภอห้วยทับทัน จังหวัดศรีสะเกษ"),
        "district without its prefix doubled"
    );

    // A second init into the same, now non-empty, folder is refused.
    let o = init(&root);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("not empty"));
}

#[test]
fn init_without_a_terminal_lists_the_missing_flags() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let o = prongsai(&["init", root.to_str().unwrap(), "--name", "อบต.ทดสอบ"]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    for flag in ["--short-name", "--district", "--province", "--website"] {
        assert!(err.contains(flag), "{flag} not named in:\n{err}");
    }
    assert!(!root.exists(), "nothing is written");
}

/// Top-level keys of a YAML file, and the keys it offers commented out (`# key: …`).
fn yaml_keys(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let key = |line: &str| -> Option<String> {
        let (k, _) = line.split_once(':')?;
        (!k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .then(|| k.to_owned())
    };
    let set: BTreeSet<String> = text.lines().filter_map(key).collect();
    let commented = text
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter_map(key)
        .collect();
    (set, commented)
}

fn content_pages(root: &Path) -> BTreeSet<String> {
    common::tree(&root.join("content"))
        .into_keys()
        .filter(|p| p.ends_with(".md"))
        .collect()
}

/// The sample site is what init makes plus the sample data: the same settings and agency keys
/// (the sample also pins `as_of` and says `sample: true`), and every page init makes.
#[test]
fn init_makes_the_sample_site_without_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let o = init(&root);
    assert!(o.status.success(), "{}", common::stderr(&o));
    for (file, sample_only) in [
        ("site.yaml", &["as_of"][..]),
        ("procurement-data/agency.yaml", &["sample"][..]),
    ] {
        let (ours, offered) = yaml_keys(&std::fs::read_to_string(root.join(file)).unwrap());
        let (sample, _) = yaml_keys(&std::fs::read_to_string(repo().join(file)).unwrap());
        let extra: Vec<_> = ours.difference(&sample).collect();
        assert!(
            extra.is_empty(),
            "{file}: init writes keys the sample lacks: {extra:?}"
        );
        let missing: Vec<_> = sample
            .iter()
            .filter(|k| {
                !ours.contains(*k) && !offered.contains(*k) && !sample_only.contains(&k.as_str())
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{file}: the sample has keys init neither writes nor offers commented out: {missing:?}"
        );
    }
    let ours = content_pages(&root);
    let sample = content_pages(&repo());
    let missing: Vec<_> = ours.difference(&sample).collect();
    assert!(
        missing.is_empty(),
        "pages init makes but the sample lacks: {missing:?}"
    );
}
