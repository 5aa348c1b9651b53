//! The README's first command (`prongsai build`, no `--as-of`) on the real clock and, through
//! libfaketime (Debian `faketime`, installed by scripts/setup), on dates up to 2036: the sample
//! site pins the date it describes in site.yaml (`as_of`), so it builds on any day and the same
//! input gives the same bytes; a real site without `as_of` builds too, reporting its gaps.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `prongsai build` of `root` into `out` with no date flag, the clock at `fake` (or real).
fn build(root: &Path, out: &Path, fake: Option<&str>) -> Output {
    let bin = env!("CARGO_BIN_EXE_prongsai");
    let mut cmd = match fake {
        Some(when) => {
            let mut c = Command::new("faketime");
            c.arg(when).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.env_remove("SOURCE_DATE_EPOCH")
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run prongsai (faketime comes with scripts/setup)")
}

const DATES: [&str; 6] = [
    "2026-12-02 09:00:00",
    "2027-10-02 09:00:00",
    "2028-12-01 09:00:00",
    "2031-02-28 23:30:00",
    "2033-10-01 00:10:00",
    "2036-09-30 12:00:00",
];

#[test]
fn the_sample_builds_on_any_date_with_the_same_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let today = tmp.path().join("today");
    let o = build(&repo(), &today, None);
    assert!(o.status.success(), "real clock: {}", common::stderr(&o));
    let reference = common::tree(&today);
    for when in DATES {
        let out = tmp.path().join(when.replace([' ', ':'], "_"));
        let o = build(&repo(), &out, Some(when));
        assert!(
            o.status.success(),
            "clock at {when}: {}",
            common::stderr(&o)
        );
        assert!(
            common::tree(&out) == reference,
            "the sample built at {when} differs from today's build"
        );
    }
}

#[test]
fn a_live_site_without_as_of_builds_years_later_and_shows_its_gaps() {
    let root = repo().join("tests/fixtures/calendar");
    let tmp = tempfile::tempdir().expect("tempdir");
    for when in DATES {
        let out = tmp.path().join(when.replace([' ', ':'], "_"));
        let o = build(&root, &out, Some(when));
        assert!(
            o.status.success(),
            "clock at {when}: {}",
            common::stderr(&o)
        );
        let stderr = common::stderr(&o);
        assert!(stderr.contains("warning[C201]"), "{when}: {stderr}");
        let home = std::fs::read_to_string(out.join("index.html")).expect("home page");
        assert!(home.contains("ข้อมูลที่ยังไม่เผยแพร่"), "{when}: no gap list");
        assert!(
            home.contains("เลยกำหนดเผยแพร่"),
            "{when}: nothing overdue shown"
        );
    }
}
