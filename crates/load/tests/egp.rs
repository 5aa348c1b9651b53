//! `<FY>/egp/` read beside the month files: the fixture `egp_cross_check` holds the data.go.th
//! CSV with FY 2568's shifted header (26 names, 28 values), an API-shaped JSON, and a month file
//! that agrees with e-GP on one contract, lacks values e-GP gives on others, differs on two,
//! and leaves out one contract of an ended month and one of a month not yet ended.

use prongsai_model::{Data, EgpValue, Field, Money, Procurement, YearMonth};
use std::path::Path;

fn fixture(name: &str) -> prongsai_load::Loaded {
    prongsai_load::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

fn record(data: &Data, seq: u32) -> &Procurement {
    data.years[&2568].months[&YearMonth::new(2567, 10)]
        .records
        .iter()
        .find(|r| r.seq == seq)
        .expect("record")
}

#[test]
fn the_shifted_csv_is_read_aligned_and_only_the_agencys_rows_are_kept() {
    let loaded = fixture("egp_cross_check");
    let egp = loaded.data.years[&2568].egp.as_ref().expect("egp read");
    assert_eq!(egp.files.len(), 2);
    let nos: Vec<&str> = egp
        .contracts
        .iter()
        .map(|c| c.project_no.as_str())
        .collect();
    // Not: another agency, a namesake in another province, a national department, the row with
    // an amount in words, the row cut short, a project with no contract yet.
    assert_eq!(
        nos,
        [
            "67099000001",
            "67099000002",
            "67099000003",
            "67109000004",
            "67119000005",
            "67099000006"
        ]
    );
    let first = &egp.contracts[0];
    // After จังหวัด the rows have two values the header does not name: read aligned, the TIN
    // and the winner are where the header says, not two columns off.
    assert_eq!(
        first.winner_tin.as_ref().map(|t| t.as_str()),
        Some("0333990001130")
    );
    assert_eq!(first.winner.as_deref(), Some("ร้านสมใจ"));
    assert_eq!(first.line, 2);
    assert_eq!(first.file.loc(2, Field::WinnerTin).column, Some(22));
    let json = egp.contracts.last().expect("json contract");
    assert_eq!(json.file.path, "procurement-data/2568/egp/egp-2568.json");
    assert_eq!(json.line, 3, "the line the project's object starts on");
    assert_eq!(json.agreed_price, Some(Money::from_baht(5_000)));
    let infos: Vec<(&str, String)> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message_en.clone()))
        .collect();
    assert!(
        infos
            .iter()
            .any(|(c, m)| *c == "P164" && m.contains("skipped 3 rows")),
        "{infos:?}"
    );
    assert!(
        infos
            .iter()
            .any(|(c, m)| *c == "P163" && m.contains("หนึ่งหมื่น")),
        "{infos:?}"
    );
}

#[test]
fn fields_the_month_file_lacks_are_filled_from_egp_and_marked() {
    let loaded = fixture("egp_cross_check");
    let r = record(&loaded.data, 1);
    let link = r.egp.as_ref().expect("joined");
    assert_eq!(link.filled, [Field::WinnerTin, Field::ContractEnd]);
    assert!(link.differs.is_empty(), "{:?}", link.differs);
    assert_eq!(
        r.winner_tin.as_ref().map(|t| t.as_str()),
        Some("0333990001130")
    );
    assert!(r.egp_filled(Field::WinnerTin) && r.given(Field::WinnerTin));
    // Its place is e-GP's line and cell, not the month file's.
    let loc = r.loc(Field::WinnerTin);
    assert_eq!(loc.file, "procurement-data/2568/egp/cgd-contract-2568.csv");
    assert_eq!(loc.line, Some(2));
    // e-GP's status is filled where the month file left it to e-GP: never over the agency's.
    assert!(!link.filled(Field::Status));
}

#[test]
fn a_record_without_a_number_pairs_by_month_price_and_title_and_takes_the_number() {
    let loaded = fixture("egp_cross_check");
    let r = record(&loaded.data, 4);
    let link = r.egp.as_ref().expect("joined by month, price and title");
    assert_eq!(
        r.egp_project_no.as_ref().map(|n| n.as_str()),
        Some("67099000006")
    );
    assert!(link.filled(Field::EgpProjectNo));
    assert!(link.filled(Field::WinnerTin));
    let egp = loaded.data.years[&2568].egp.as_ref().expect("egp");
    assert_eq!(egp.contracts[5].disclosed_by.as_deref(), Some("2567-10-4"));
}

#[test]
fn values_both_give_that_differ_keep_the_agencys_and_note_egps() {
    let loaded = fixture("egp_cross_check");
    let r = record(&loaded.data, 2);
    let link = r.egp.as_ref().expect("joined");
    let fields: Vec<Field> = link.differs.iter().map(|d| d.field).collect();
    assert_eq!(fields, [Field::AgreedPrice]);
    assert_eq!(r.agreed_price, Some(Money::from_baht(12_100)));
    assert_eq!(
        link.differs[0].egp,
        EgpValue::Money(Money::from_baht(12_000))
    );
    assert_eq!(link.differs[0].ours, "12,100.00");
    let r = record(&loaded.data, 3);
    let fields: Vec<Field> = r
        .egp
        .as_ref()
        .expect("joined")
        .differs
        .iter()
        .map(|d| d.field)
        .collect();
    assert_eq!(fields, [Field::Winner]);
}

#[test]
fn contracts_no_month_file_holds_are_left_undisclosed() {
    let loaded = fixture("egp_cross_check");
    let egp = loaded.data.years[&2568].egp.as_ref().expect("egp");
    let open: Vec<&str> = egp
        .contracts
        .iter()
        .filter(|c| c.disclosed_by.is_none())
        .map(|c| c.project_no.as_str())
        .collect();
    assert_eq!(open, ["67109000004", "67119000005"]);
    let as_of = prongsai_model::Date::from_be(2567, 11, 1).expect("date");
    let due: Vec<&str> = egp.due(as_of).map(|c| c.project_no.as_str()).collect();
    assert!(due.contains(&"67109000004") && !due.contains(&"67119000005"));
}

#[test]
fn files_of_neither_shape_are_errors_naming_what_they_lack() {
    let loaded = fixture("egp_bad_files");
    let month = loaded
        .diagnostics
        .iter()
        .find(|d| {
            d.location
                .as_ref()
                .is_some_and(|l| l.file.ends_with("2567-10.csv"))
        })
        .expect("the month file saved into egp/");
    assert_eq!(month.code, "P160");
    assert!(month.message_th.contains("รหัสโครงการ") && month.message_th.contains("ชื่อหน่วยงาน"));
    assert!(loaded.data.years[&2568].egp.is_none());
}

#[test]
fn a_site_without_egp_is_as_before() {
    let loaded = fixture("valid");
    assert!(loaded.data.years.values().all(|y| y.egp.is_none()));
    assert!(loaded.data.records().all(|r| r.egp.is_none()));
}

/// The fixture site copied to a temporary folder, for tests that add a file to it.
fn copy_of(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let p = e.path();
            let dest = tmp.path().join(p.strip_prefix(&src).expect("inside"));
            if p.is_dir() {
                std::fs::create_dir_all(&dest).expect("mkdir");
                stack.push(p);
            } else {
                std::fs::copy(&p, &dest).expect("copy");
            }
        }
    }
    tmp
}

#[test]
fn an_egp_file_over_its_size_limit_is_not_read() {
    let site = copy_of("egp_cross_check");
    let limits = prongsai_load::Limits {
        max_egp_file_bytes: 100,
        ..prongsai_load::Limits::default()
    };
    let loaded = prongsai_load::load_with(site.path(), &limits);
    let too_large: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "P105")
        .collect();
    assert_eq!(too_large.len(), 2, "{:#?}", loaded.diagnostics);
    assert!(too_large[0].message_en.contains("max_egp_file_mb"));
    assert!(loaded.data.years[&2568].egp.is_none());
}

#[test]
fn a_line_longer_than_any_row_stops_the_read_without_filling_memory() {
    let site = copy_of("egp_cross_check");
    let csv = site
        .path()
        .join("procurement-data/2568/egp/cgd-contract-2568.csv");
    let mut text = std::fs::read_to_string(&csv).expect("read");
    // One cell of 4 MiB on a line of its own, past the first rows.
    text.push_str(&"ก".repeat(4 * 1024 * 1024 / 3));
    text.push('\n');
    std::fs::write(&csv, text).expect("write");
    let loaded = prongsai_load::load(site.path());
    let stopped = loaded
        .diagnostics
        .iter()
        .find(|d| d.message_en.contains("longer than"))
        .expect("the long line is reported");
    assert!(
        stopped
            .location
            .as_ref()
            .is_some_and(|l| l.file.ends_with(".csv"))
    );
    // The rows before it are kept.
    assert!(loaded.data.years[&2568].egp.is_some());
}
