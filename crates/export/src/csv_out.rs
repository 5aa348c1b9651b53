//! `data/<FY>/procurements.csv` and `data/<FY>/plan.csv`: for people who open them in Excel.
//!
//! UTF-8 with a byte-order mark (without it Excel on Windows reads Thai as mojibake), CRLF line
//! ends, RFC 4180 quoting, Thai headers in the data contract's order. Values are written the way a
//! Thai finance officer types them into the month files, so a row can be pasted back into one:
//! money `1234.50` (a number to Excel), dates `15/10/2567` (day/month/BE year), TINs grouped
//! `0-9940-00165-51-0` (as text, so Excel keeps the leading zero). Every text cell goes through
//! [`neutralise_formula`](crate::neutralise_formula).

use crate::safe::neutralise_formula;
use crate::thai_numeric_date;
use prongsai_model::{Field, FiscalYear, Money, NOT_GIVEN_TH, Procurement};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Extra leading/trailing columns around the contract's month columns. The month is written
/// `ต.ค. 2567` rather than `2567-10` because Excel would turn `2567-10` into a date.
const MONTH_HEADER: &str = "เดือน";
const SOURCE_FILE_HEADER: &str = "ไฟล์ต้นฉบับ";
const SOURCE_LINE_HEADER: &str = "บรรทัด";
/// Three more columns when the year has e-GP data (`<FY>/egp/`): which values came from e-GP,
/// e-GP's value where the agency's differs, and the e-GP row.
const EGP_FILLED_HEADER: &str = "ข้อมูลจาก e-GP";
const EGP_DIFFERS_HEADER: &str = "ค่าใน e-GP ที่ต่างจากของหน่วยงาน";
const EGP_SOURCE_HEADER: &str = "แถวในไฟล์ e-GP";

/// The e-GP columns of a record: the Thai names of the fields e-GP filled, `name: e-GP's value`
/// for each that differs, and `file:line` of the e-GP row.
fn egp_cells(p: &Procurement) -> [Cell<'_>; 3] {
    let Some(l) = &p.egp else {
        return [
            Cell::Ours(String::new()),
            Cell::Ours(String::new()),
            Cell::Ours(String::new()),
        ];
    };
    let filled: Vec<&str> = l.filled.iter().map(|f| f.thai()).collect();
    let differs: Vec<String> = l
        .differs
        .iter()
        .map(|d| {
            let v = match &d.egp {
                prongsai_model::EgpValue::Money(m) => m.plain(),
                prongsai_model::EgpValue::Date(x) => thai_numeric_date(*x),
                other => neutralise_formula(&other.to_string()).into_owned(),
            };
            format!("{}: {v}", d.field.thai())
        })
        .collect();
    [
        Cell::Ours(filled.join("; ")),
        Cell::Ours(differs.join("; ")),
        Cell::Ours(format!("{}:{}", l.file.path, l.line)),
    ]
}

/// One cell: either our own formatted value (money, dates, numbers) or user text to neutralise.
enum Cell<'a> {
    Ours(String),
    Text(&'a str),
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(BOM.to_vec())
}

fn write_row(w: &mut csv::Writer<Vec<u8>>, cells: &[Cell<'_>]) {
    let row = cells.iter().map(|c| match c {
        Cell::Ours(s) => std::borrow::Cow::Borrowed(s.as_str()),
        Cell::Text(s) => neutralise_formula(s),
    });
    // Writing into a Vec cannot fail with an I/O error, and every row has the header's length.
    let _ = w.write_record(row.map(|c| c.into_owned()));
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    // into_inner only fails when flushing a failing writer; a Vec never fails.
    w.into_inner().unwrap_or_default()
}

fn money(m: Option<Money>) -> String {
    m.map(Money::plain).unwrap_or_default()
}

/// One bid a line, `name price (status)`, as the month-file contract reads them back.
fn bids_cell(p: &Procurement) -> String {
    p.bids
        .iter()
        .map(|b| {
            let mut line = match b.price {
                Some(price) => format!("{} {}", neutralise_formula(&b.name), price),
                None => neutralise_formula(&b.name).into_owned(),
            };
            line.push_str(&b.marker());
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn opt(s: Option<&str>) -> Cell<'_> {
    Cell::Text(s.unwrap_or(""))
}

fn month_cell(p: &Procurement, field: Field) -> Cell<'_> {
    match field {
        Field::Seq => Cell::Ours(p.seq.to_string()),
        Field::EgpProjectNo => Cell::Ours(
            p.egp_project_no
                .as_ref()
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
        ),
        Field::PlanId => opt(p.plan_id.as_deref()),
        Field::Title => Cell::Text(&p.title),
        Field::Budget => Cell::Ours(p.budget.plain()),
        Field::BudgetSource => opt(p.budget_source.as_deref()),
        Field::ReferencePrice => Cell::Ours(money(p.reference_price)),
        Field::Method => Cell::Ours(p.method.canonical().to_owned()),
        // Already neutralised line by line: the first line is what a spreadsheet evaluates.
        Field::Bids => Cell::Ours(bids_cell(p)),
        Field::Winner => opt(p.winner.as_deref()),
        Field::WinnerTin => Cell::Ours(
            p.winner_tin
                .as_ref()
                .map(|t| t.grouped())
                .unwrap_or_default(),
        ),
        Field::AgreedPrice => Cell::Ours(money(p.agreed_price)),
        Field::Reason => opt(p.reason.as_deref()),
        Field::ContractNo => opt(p.contract_no.as_deref()),
        Field::ContractDate => {
            Cell::Ours(p.contract_date.map(thai_numeric_date).unwrap_or_default())
        }
        Field::ContractEnd => Cell::Ours(p.contract_end.map(thai_numeric_date).unwrap_or_default()),
        Field::Status => Cell::Ours(p.status_text().to_owned()),
        Field::LegalGround => opt(p.legal_ground.as_deref()),
        Field::Explanation => opt(p.explanation()),
        Field::TenderStart => Cell::Ours(p.tender_start.map(thai_numeric_date).unwrap_or_default()),
        Field::TenderEnd => Cell::Ours(p.tender_end.map(thai_numeric_date).unwrap_or_default()),
        // Starts with the code's digits, so never read as a formula.
        Field::Unspsc => Cell::Ours(
            p.unspsc
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
        // Plan-only fields never appear in Field::MONTH.
        Field::Division | Field::ExpectedMonth => Cell::Ours(String::new()),
    }
}

/// `data/<FY>/procurements.csv`: เดือน, the month-file columns in contract order, then the source.
pub fn procurements_csv(fy: &FiscalYear) -> Vec<u8> {
    let mut w = writer();
    let mut header: Vec<Cell<'_>> = vec![Cell::Text(MONTH_HEADER)];
    header.extend(Field::MONTH.iter().map(|f| Cell::Text(f.thai())));
    header.push(Cell::Text(SOURCE_FILE_HEADER));
    header.push(Cell::Text(SOURCE_LINE_HEADER));
    let egp = fy.egp.is_some();
    if egp {
        header.extend([EGP_FILLED_HEADER, EGP_DIFFERS_HEADER, EGP_SOURCE_HEADER].map(Cell::Text));
    }
    write_row(&mut w, &header);
    for p in fy.records() {
        let mut row = Vec::with_capacity(Field::MONTH.len() + 3);
        row.push(Cell::Ours(p.month.thai_short()));
        // A field no file of the record gives says so, rather than a blank read as nothing.
        row.extend(Field::MONTH.iter().map(|&f| {
            if p.given(f) {
                month_cell(p, f)
            } else {
                Cell::Ours(NOT_GIVEN_TH.to_owned())
            }
        }));
        row.push(Cell::Text(&p.file.path));
        row.push(Cell::Ours(p.line.to_string()));
        if egp {
            row.extend(egp_cells(p));
        }
        write_row(&mut w, &row);
    }
    finish(w)
}

/// A month in prongsai's template (`prongsai convert`): the contract's columns and headers only,
/// so the file loads as a template month. A field the month's own files do not give is left
/// blank, for the officer to fill in where the template needs it.
pub fn month_template_csv(m: &prongsai_model::MonthFile) -> Vec<u8> {
    let mut w = writer();
    let header: Vec<Cell<'_>> = Field::MONTH.iter().map(|f| Cell::Text(f.thai())).collect();
    write_row(&mut w, &header);
    for p in &m.records {
        let row: Vec<Cell<'_>> = Field::MONTH
            .iter()
            .map(|&f| {
                if p.given(f) {
                    month_cell(p, f)
                } else {
                    Cell::Ours(String::new())
                }
            })
            .collect();
        write_row(&mut w, &row);
    }
    finish(w)
}

/// `data/<FY>/plan.csv`: the plan columns in contract order (expected month as `ม.ค. 2568`).
pub fn plan_csv(fy: &FiscalYear) -> Vec<u8> {
    let mut w = writer();
    let mut header: Vec<Cell<'_>> = Field::PLAN
        .iter()
        .map(|f| Cell::Text(f.thai_in_plan()))
        .collect();
    header.push(Cell::Text(SOURCE_FILE_HEADER));
    header.push(Cell::Text(SOURCE_LINE_HEADER));
    write_row(&mut w, &header);
    for l in fy.plan.iter().flat_map(|p| p.lines.iter()) {
        let mut row: Vec<Cell<'_>> = Field::PLAN
            .iter()
            .map(|f| match f {
                Field::Seq => Cell::Ours(l.seq.to_string()),
                Field::PlanId => Cell::Text(&l.plan_id),
                Field::Title => Cell::Text(&l.title),
                Field::Division => Cell::Text(&l.division),
                Field::Budget => Cell::Ours(l.budget.plain()),
                Field::BudgetSource => Cell::Text(&l.budget_source),
                Field::Method => Cell::Ours(l.method.canonical().to_owned()),
                Field::ExpectedMonth => Cell::Ours(l.expected_month.thai_short()),
                _ => Cell::Ours(String::new()),
            })
            .collect();
        row.push(Cell::Text(&l.file.path));
        row.push(Cell::Ours(l.line.to_string()));
        write_row(&mut w, &row);
    }
    finish(w)
}

/// Any table as the CSV people open in Excel, the same way as the downloads above: BOM, CRLF,
/// every cell neutralised (the ITA evidence index's titles and labels are typed by people).
pub fn table_csv<R: AsRef<[String]>>(headers: &[&str], rows: &[R]) -> Vec<u8> {
    let mut w = writer();
    let head: Vec<Cell<'_>> = headers.iter().map(|h| Cell::Text(h)).collect();
    write_row(&mut w, &head);
    for r in rows {
        let cells: Vec<Cell<'_>> = r.as_ref().iter().map(|c| Cell::Text(c)).collect();
        write_row(&mut w, &cells);
    }
    finish(w)
}
