//! Each folder under `tests/fixtures/` is a site root; loading it must produce exactly the
//! diagnostics listed in its `expected.txt`, one per line as `file:line:col: severity[code]`.
//! Set `PRONGSAI_BLESS=1` to rewrite the expected files after an intended change.

use prongsai_load::load;
use std::path::Path;

fn render(root: &Path) -> String {
    let loaded = load(root);
    let mut out = String::new();
    for d in &loaded.diagnostics {
        if let Some(loc) = &d.location {
            out.push_str(&format!("{loc}: "));
        }
        out.push_str(&format!("{}[{}]\n", d.severity, d.code));
    }
    out
}

#[test]
fn fixtures_match_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "fixtures missing");
    let bless = std::env::var_os("PRONGSAI_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let got = render(case);
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every diagnostic of every fixture says how to fix it in both languages and carries a code
/// of the registry (docs/diagnostics.md).
#[test]
fn messages_are_bilingual_and_documented() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let case = entry.unwrap().path();
        if !case.is_dir() {
            continue;
        }
        for d in load(&case).diagnostics {
            assert!(d.code.starts_with('P') && d.code.len() == 4, "{d}");
            assert!(
                prongsai_model::codes::get(&d.code).is_some(),
                "{} undocumented",
                d.code
            );
            assert!(
                d.message_th
                    .chars()
                    .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
                "{d}"
            );
            assert!(d.message_en.contains(':'), "no fix given: {d}");
        }
    }
}

#[test]
fn valid_fixture_loads_into_the_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let loaded = load(&root);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let fy = &loaded.data.years[&2568];
    let oct = &fy.months[&prongsai_model::YearMonth::new(2567, 10)];
    assert_eq!(oct.file.encoding, "UTF-8 (BOM)");
    assert_eq!(oct.records.len(), 3);
    let lines: Vec<u32> = oct.records.iter().map(|r| r.line).collect();
    assert_eq!(
        lines,
        [2, 3, 5],
        "the second record spans two physical lines"
    );
    assert_eq!(oct.records[1].bids.len(), 2);
    assert!(oct.records[2].is_cancelled() && oct.records[2].winner.is_none());
    assert_eq!(
        oct.records[1].contract_date.map(|d| d.iso()).as_deref(),
        Some("2024-10-16")
    );
    let nov = &fy.months[&prongsai_model::YearMonth::new(2567, 11)];
    assert!(
        nov.records.is_empty(),
        "a header-only month means no procurement"
    );
    let plan = fy.plan.as_ref().unwrap();
    assert_eq!(plan.lines.len(), 2);
    assert_eq!(
        plan.lines[1].budget,
        prongsai_model::Money::from_baht(1_500_000)
    );
    assert_eq!(
        fy.plan_meta.as_ref().unwrap().egp_plan_no.as_deref(),
        Some("P68100000151")
    );
    assert_eq!(fy.annual.as_ref().unwrap().headings.len(), 3);
    assert!(loaded.data.is_sample());
}

#[test]
fn single_file_reload_matches_full_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let full = load(&root);
    let (month, diags) =
        prongsai_load::load_month_file(&root, "procurement-data/2568/months/2567-10.csv");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        month.as_ref(),
        full.data.years[&2568]
            .months
            .get(&prongsai_model::YearMonth::new(2567, 10))
    );
    let (plan, diags) = prongsai_load::load_plan_file(&root, "procurement-data/2568/plan.csv");
    assert!(diags.is_empty());
    assert_eq!(plan.as_ref(), full.data.years[&2568].plan.as_ref());
    let (none, diags) =
        prongsai_load::load_month_file(&root, "procurement-data/2568/months/2568-10.csv");
    assert!(none.is_none());
    assert_eq!(diags[0].code, "P141");
}

#[test]
fn content_only_site_loads_empty() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(dir.path());
    assert!(loaded.diagnostics.is_empty());
    assert!(loaded.data.years.is_empty() && loaded.data.agency.is_none());
}

/// The optional columns an e-GP agency has: the tender period, the UNSPSC code, a date per bid,
/// and the agency's คำชี้แจง (a cell of blanks is none).
#[test]
fn optional_columns_load_into_the_model() {
    use prongsai_model::{BidStatus, Date, YearMonth};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/optional_columns");
    let loaded = load(&root);
    let oct = &loaded.data.years[&2568].months[&YearMonth::new(2567, 10)];
    // The second row has an unreadable bid date, tender date and UNSPSC code: its คำชี้แจง changes
    // nothing about them (expected.txt lists each error), and the record is left out.
    assert_eq!(oct.records.len(), 1);
    let r = &oct.records[0];
    let date = |d, m, y| Date::from_be(y, m, d);
    assert_eq!(r.tender_start, date(12, 9, 2567));
    assert_eq!(r.tender_end, date(19, 9, 2567));
    let u = r.unspsc.as_ref().expect("unspsc");
    assert_eq!((u.code(), u.description()), ("11111501", Some("หินคลุก")));
    assert_eq!(
        r.explanation(),
        Some("ราคาต่ำกว่าราคากลางมากเพราะผู้ขายมีแหล่งหินในตำบล")
    );
    let dates: Vec<Option<Date>> = r.bids.iter().map(|b| b.date).collect();
    assert_eq!(dates, [date(18, 9, 2567), date(19, 9, 2567), None]);
    let status: Vec<BidStatus> = r.bids.iter().map(|b| b.status_or_valid()).collect();
    assert_eq!(
        status,
        [
            BidStatus::Valid,
            BidStatus::Disqualified,
            BidStatus::Withdrawn
        ]
    );
}
