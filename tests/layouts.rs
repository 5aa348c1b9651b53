//! The sample's months kept in the layouts agencies already make (issue 30): a แบบ สขร.1 workbook,
//! an ITA list and a month given as both. Each loads to the records of its template twin
//! (tests/fixtures/layout-twin/, written by scripts/gen-sample-data.py) in every field its layout
//! gives, and says ไม่ระบุ for the rest on the built site.

use prongsai_model::{Field, Layout, Procurement, YearMonth};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A field's value as text, for comparing two records field by field.
fn value(p: &Procurement, f: Field) -> String {
    match f {
        Field::Seq => p.seq.to_string(),
        Field::EgpProjectNo => format!("{:?}", p.egp_project_no),
        Field::PlanId => format!("{:?}", p.plan_id),
        Field::Title => p.title.clone(),
        Field::Budget => p.budget.to_string(),
        Field::BudgetSource => format!("{:?}", p.budget_source),
        Field::ReferencePrice => format!("{:?}", p.reference_price),
        Field::Method => p.method.to_string(),
        Field::Bids => format!("{:?}", p.bids),
        Field::Winner => format!("{:?}", p.winner),
        Field::WinnerTin => format!("{:?}", p.winner_tin),
        Field::AgreedPrice => format!("{:?}", p.agreed_price),
        Field::Reason => format!("{:?}", p.reason),
        Field::ContractNo => format!("{:?}", p.contract_no),
        Field::ContractDate => format!("{:?}", p.contract_date),
        Field::ContractEnd => format!("{:?}", p.contract_end),
        Field::Status => format!("{:?}", p.status),
        Field::LegalGround => format!("{:?}", p.legal_ground),
        Field::Explanation => format!("{:?}", p.explanation),
        Field::TenderStart => format!("{:?}", p.tender_start),
        Field::TenderEnd => format!("{:?}", p.tender_end),
        Field::Unspsc => format!("{:?}", p.unspsc),
        Field::Division | Field::ExpectedMonth => String::new(),
    }
}

fn twin(name: &str, month: YearMonth) -> Vec<Procurement> {
    let path = repo()
        .join("tests/fixtures/layout-twin")
        .join(format!("{name}.csv"));
    let bytes = std::fs::read(&path).expect("twin");
    let (m, d) = prongsai_load::parse_month_bytes(&format!("{name}.csv"), month, &bytes);
    assert!(!d.iter().any(|d| d.is_error()), "{d:#?}");
    m.expect("twin loads").records
}

#[test]
fn the_samples_real_layout_months_load_to_their_twins() {
    let loaded = prongsai_load::load(&repo());
    assert!(
        !loaded.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        loaded.diagnostics
    );
    let fy = &loaded.data.years[&2568];
    for (name, layouts) in [
        ("2567-11", vec![Layout::Skr1]),
        ("2567-12", vec![Layout::Ita]),
        ("2568-01", vec![Layout::Skr1, Layout::Ita]),
    ] {
        let month = YearMonth::new(name[..4].parse().unwrap(), name[5..].parse().unwrap());
        let m = &fy.months[&month];
        let got: Vec<Layout> = m.files().map(|f| f.layout).collect();
        assert_eq!(got, layouts, "{name}");
        let want = twin(name, month);
        assert_eq!(m.records.len(), want.len(), "{name}");
        let mut not_given = 0;
        for (r, w) in m.records.iter().zip(&want) {
            for f in Field::MONTH {
                if r.given(f) {
                    assert_eq!(value(r, f), value(w, f), "{name} {} {f:?}", r.seq);
                } else {
                    not_given += 1;
                }
            }
        }
        assert!(not_given > 0, "{name}: its layout lacks some fields");
    }
}

#[test]
fn the_built_site_says_not_given_where_a_layout_is_silent() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("site");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = |p: &str| std::fs::read_to_string(Path::new(&out).join(p)).expect(p);
    // The สขร.1 workbook's first record: no budget source or status in the form.
    let skr1 = page("procurement/2568/records/2567-11-1/index.html");
    assert!(skr1.contains("ไม่ระบุ"), "{skr1}");
    assert!(skr1.contains("2567-11 สขร1.xlsx"));
    // The ITA list's: no bidders or contract.
    let ita = page("procurement/2568/records/2567-12-1/index.html");
    assert!(ita.contains("ไม่ระบุ") && ita.contains("2567-12 ITA.csv"));
    // The joined month cites both files.
    let joined = page("procurement/2568/records/2568-01-1/index.html");
    assert!(joined.contains("2568-01 สขร1.csv") && joined.contains("2568-01 ITA.csv"));
    // The year's CSV says ไม่ระบุ in the cells the layout is silent on, never a blank.
    let csv = page("data/2568/procurements.csv");
    let row = csv
        .lines()
        .find(|l| l.contains("2567-11 สขร1.xlsx"))
        .expect("a row of the workbook");
    assert!(row.contains("ไม่ระบุ"), "{row}");
}
