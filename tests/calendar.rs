//! The site keeps publishing as the calendar turns (issue 14). `tests/fixtures/calendar` is a real
//! (non-sample) agency whose files stop in March 2568. It is checked and built at every month
//! end, the day before and the day after, from its first fiscal year to two years past its last
//! file: a missing disclosure is a gap (info, then an overdue warning), never a failed build.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calendar")
}

fn prongsai() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prongsai"));
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

/// The gap findings of `check --format json` at `as_of`: (code, severity, file, English message).
fn gaps(as_of: &str) -> Vec<(String, String, String, String)> {
    let out = prongsai()
        .args(["check", "--format", "json", "--as-of", as_of, "--root"])
        .arg(fixture())
        .output()
        .expect("run check");
    assert!(
        out.status.success(),
        "check at {as_of} failed: {}",
        common::stderr(&out)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check json");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| matches!(d["code"].as_str(), Some("C201" | "C205" | "C208")))
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("severity"), s("file"), s("message_en"))
        })
        .collect()
}

/// Every month end of FY 2568 to FY 2570, with the day before and the day after.
fn sweep_dates() -> Vec<prongsai_date::D> {
    let mut out = Vec::new();
    for fy in 2568..=2570 {
        for (i, month) in [10u8, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9].iter().enumerate() {
            let year = if i < 3 { fy - 1 } else { fy };
            let last = prongsai_date::last_day(year - 543, *month);
            for d in [last - 1, last, last + 1] {
                out.push(prongsai_date::D {
                    year_ce: year - 543,
                    month: *month,
                    day: d,
                });
            }
        }
    }
    out
}

/// Calendar arithmetic for the sweep, kept apart from the code under test.
mod prongsai_date {
    pub struct D {
        pub year_ce: i32,
        pub month: u8,
        /// May be 0 or one past the month's end: normalised by `iso`.
        pub day: u8,
    }

    pub fn last_day(year: i32, month: u8) -> u8 {
        match month {
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    impl D {
        pub fn iso(&self) -> String {
            let (mut y, mut m, mut d) = (self.year_ce, self.month, self.day);
            if d == 0 {
                (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
                d = last_day(y, m);
            } else if d > last_day(y, m) {
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                d = 1;
            }
            format!("{y:04}-{m:02}-{d:02}")
        }
    }
}

#[test]
fn every_date_builds_and_gaps_only_grow() {
    let out_root = tempfile::tempdir().expect("tempdir");
    let mut last = 0usize;
    for d in sweep_dates() {
        let as_of = d.iso();
        let gaps = gaps(&as_of);
        assert!(
            gaps.len() >= last,
            "gaps shrank on {as_of}: {} after {last}",
            gaps.len()
        );
        last = gaps.len();
        for (code, severity, ..) in &gaps {
            assert!(
                severity == "info" || severity == "warning",
                "{code} is {severity} on {as_of}: a gap is never an error"
            );
        }

        let out = out_root.path().join(&as_of);
        let build = prongsai()
            .args(["build", "--as-of", &as_of, "--root"])
            .arg(fixture())
            .arg("--out")
            .arg(&out)
            .output()
            .expect("run build");
        assert!(
            build.status.success(),
            "build at {as_of} failed: {}",
            common::stderr(&build)
        );

        // The month grids show exactly the months check reports missing.
        let c201: BTreeSet<String> = gaps
            .iter()
            .filter(|g| g.0 == "C201")
            .map(|g| g.2.rsplit('/').next().unwrap_or_default()[..7].to_owned())
            .collect();
        let mut grid = BTreeSet::new();
        for fy in 2568..=2571 {
            let page = out.join(format!("procurement/{fy}/index.html"));
            if let Ok(html) = std::fs::read_to_string(&page) {
                let missing = html.matches("month month-missing").count();
                let keys: Vec<&String> = c201
                    .iter()
                    .filter(|k| {
                        let (y, m): (i32, u8) = (k[..4].parse().unwrap(), k[5..].parse().unwrap());
                        (if m >= 10 { y + 1 } else { y }) == fy
                    })
                    .collect();
                assert_eq!(
                    missing,
                    keys.len(),
                    "{as_of}: FY {fy}'s grid shows {missing} missing months, check reports {keys:?}"
                );
                grid.extend(keys.into_iter().cloned());
            }
        }
        assert_eq!(grid, c201, "{as_of}: a reported month has no year page");

        // The ITA pages never call a month missing that check does not.
        for entry in std::fs::read_dir(out.join("ita")).expect("ita folder") {
            // Each assessment year's folder (ita/index.html is the folder's own index page).
            let year = entry.expect("entry").path();
            if !year.is_dir() {
                continue;
            }
            let page = year.join("index.html");
            let html = std::fs::read_to_string(&page).expect("ita page");
            for (i, _) in html.match_indices("months/") {
                let Some(rest) = html.get(i + 7..i + 19) else {
                    continue;
                };
                if let Some(key) = rest.strip_suffix(".csv)") {
                    assert!(
                        c201.contains(key),
                        "{as_of}: {} calls {key} missing; check reports {c201:?}",
                        page.display()
                    );
                }
            }
        }
    }
    assert!(
        last > 20,
        "two years past the last file have many gaps: {last}"
    );
}

#[test]
fn gap_lists_at_three_dates() {
    for as_of in ["2568-05-10", "2568-10-31", "2570-01-02"] {
        let text: String = gaps(as_of)
            .into_iter()
            .map(|(code, severity, file, en)| format!("{severity}[{code}] {file}: {en}\n"))
            .collect();
        insta::assert_snapshot!(format!("gaps_{as_of}"), text);
    }
}

/// The CI workflow's view: an overdue month is a warning annotation, `check` exits 0, and
/// `build` publishes, so the deploy job (which runs after both) still deploys.
#[test]
fn an_overdue_month_is_an_annotation_not_a_failure() {
    let out = prongsai()
        .args([
            "check",
            "--format",
            "github",
            "--as-of",
            "2568-06-01",
            "--root",
        ])
        .arg(fixture())
        .output()
        .expect("run check");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("::warning")
            && l.contains("file=procurement-data/2568/months/2568-04.csv")
            && l.contains("C201")),
        "{text}"
    );
    let site = tempfile::tempdir().expect("tempdir");
    let build = prongsai()
        .args(["build", "--as-of", "2568-06-01", "--root"])
        .arg(fixture())
        .arg("--out")
        .arg(site.path().join("public"))
        .output()
        .expect("run build");
    assert!(build.status.success(), "{}", common::stderr(&build));
    let workflow = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/ci.yml"),
    )
    .expect("ci.yml");
    assert!(workflow.contains("prongsai check --format github"));
}
