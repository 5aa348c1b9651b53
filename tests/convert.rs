//! `prongsai convert`: a month in another layout, written out in prongsai's template, loads back
//! to the same records once the fields its layout lacked are filled in.

mod common;

use prongsai_model::{Field, YearMonth};
use std::path::{Path, PathBuf};
use std::process::Command;

fn layouts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/load/tests/fixtures/layouts")
}

fn convert(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .arg("convert")
        .args(args)
        .output()
        .expect("run prongsai")
}

#[test]
fn a_skr1_workbook_converts_to_the_template_and_reads_back() {
    let src = layouts().join("2567-10 skr1 titles.xlsx");
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("2567-10.csv");
    let o = convert(&[src.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    // The officer is told what the form did not give.
    let said = common::stderr(&o);
    assert!(
        said.contains("แหล่งที่มาของงบประมาณ") && said.contains("สถานะ"),
        "{said}"
    );
    // Refuses to replace a file.
    let again = convert(&[src.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(again.status.code(), Some(2));

    // Fill in what the form lacked, as the officer would, then read it as a template month.
    let text = std::fs::read_to_string(&out).expect("read");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    let col = |f: Field| Field::MONTH.iter().position(|x| *x == f).expect("column");
    let mut w = csv::Writer::from_writer(Vec::new());
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(str::to_owned).collect();
        if i > 0 {
            if cells[col(Field::BudgetSource)].is_empty() {
                cells[col(Field::BudgetSource)] = "งบประมาณรายจ่ายประจำปี".into();
            }
            if cells[col(Field::Status)].is_empty() {
                cells[col(Field::Status)] = "สิ้นสุดสัญญา".into();
            }
        }
        w.write_record(&cells).expect("write");
    }
    let filled = w.into_inner().expect("csv");
    let oct = YearMonth::new(2567, 10);
    let (back, d) = prongsai_load::parse_month_bytes("2567-10.csv", oct, &filled);
    assert!(!d.iter().any(|d| d.is_error()), "{d:#?}");
    let back = back.expect("loads");
    assert_eq!(back.file.layout, prongsai_model::Layout::Template);
    let bytes = std::fs::read(&src).expect("fixture");
    let (orig, _) = prongsai_load::parse_month_bytes("2567-10 skr1 titles.xlsx", oct, &bytes);
    let orig = orig.expect("fixture loads");
    assert_eq!(back.records.len(), orig.records.len());
    for (a, b) in orig.records.iter().zip(&back.records) {
        assert_eq!(
            (&a.title, a.budget, a.reference_price, a.method),
            (&b.title, b.budget, b.reference_price, b.method)
        );
        assert_eq!(
            (&a.bids, &a.winner, a.agreed_price),
            (&b.bids, &b.winner, b.agreed_price)
        );
        assert_eq!(
            (&a.reason, &a.contract_no, a.contract_date),
            (&b.reason, &b.contract_no, b.contract_date)
        );
    }
}

#[test]
fn a_file_whose_name_gives_no_month_needs_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = tmp.path().join("สขร1.csv");
    std::fs::copy(layouts().join("2567-10 ita16.csv"), &src).expect("copy");
    let o = convert(&[src.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    let o = convert(&[src.as_os_str(), "--month".as_ref(), "2567-10".as_ref()]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(csv.starts_with("\u{FEFF}ลำดับที่,เลขที่โครงการ"));
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn a_file_with_errors_is_not_converted() {
    let src = layouts().join("2567-10 skr1 bad.xlsx");
    let o = convert(&[src.as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(common::stderr(&o).contains("P121"));
}
