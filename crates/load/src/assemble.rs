//! A month file's rows below its recognised header to one [`FieldRow`] per record, whatever the
//! layout: shared cells split (the winner and the price, the contract's number and date), a
//! record's further bidders on the rows below it gathered, the table ended at its totals or
//! signature lines, and "ไม่มีการจัดซื้อจัดจ้าง" read as a month without procurement. The rows
//! above the header are read for the month and the agency they name.

use crate::cells::{BidCell, Cell, FieldRow, cell_loc, check_extra_cells};
use crate::csv::Row;
use crate::diag;
use crate::headers::{AgencyCol, Col, TailOf};
use crate::recognise::Header;
use crate::values::{clean, parse_seq, split_contract, split_named_amount};
use prongsai_model::{
    Diagnostic, Field, Layout, Location, SourceFile, Status, THAI_MONTHS_LONG, THAI_MONTHS_SHORT,
    YearMonth, thai_to_arabic_digits,
};
use prongsai_text::match_key;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What a file says of itself beside its records: checked against the file's month and folder
/// here, and against agency.yaml once it is loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Declared {
    /// A title row or an ITA list's agency column naming the agency.
    Agency {
        col: AgencyCol,
        value: String,
        loc: Location,
    },
}

/// The records of a month file, as rows of fields.
pub(crate) struct Assembled<'a> {
    pub rows: Vec<FieldRow<'a>>,
    pub declared: Vec<Declared>,
}

/// Where each column of the header is, by what it holds.
struct Columns {
    by_col: Vec<Option<Col>>,
}

impl Columns {
    fn find(&self, want: Col) -> Option<usize> {
        self.by_col.iter().position(|c| *c == Some(want))
    }
}

fn text_at(row: &Row, c: usize) -> &str {
    row.cells.get(c).map_or("", clean)
}

/// Lines a table ends at (its totals and the signatures under it), by the start of the row's
/// first filled cell, compared as keys.
const END_WORDS: [&str; 12] = [
    "รวม",
    "total",
    "ลงชื่อ",
    "(ลงชื่อ)",
    "ลงนาม",
    "ผู้รายงาน",
    "ผู้จัดทำ",
    "ผู้ตรวจสอบ",
    "ผู้อนุมัติ",
    "ตำแหน่ง",
    "หมายเหตุ",
    "หัวหน้าเจ้าหน้าที่",
];

fn starts_with_end_word(row: &Row) -> bool {
    let Some(first) = row.cells.iter().map(clean).find(|c| !c.is_empty()) else {
        return false;
    };
    let k = match_key(first);
    END_WORDS.iter().any(|w| k.starts_with(&match_key(w)))
}

/// "ไม่มีการจัดซื้อจัดจ้าง" in any cell of the row: the month had no procurement.
pub(crate) fn says_no_procurement(cells: impl IntoIterator<Item = impl AsRef<str>>) -> bool {
    let needle = match_key("ไม่มีการจัดซื้อจัดจ้าง");
    let short = match_key("ไม่มีการจัดซื้อ");
    cells.into_iter().any(|c| {
        let k = match_key(c.as_ref());
        k.contains(&needle) || k.contains(&short)
    })
}

/// The file's columns (field, 1-based column, header as written) from its header: a shared
/// cell's column gives two fields; a column that names a field again is reported.
pub(crate) fn columns_of(
    header: &Header,
    path: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Field, u32, String)> {
    let mut columns: Vec<(Field, u32, String)> = Vec::new();
    for (c, col) in header.cols.iter().enumerate() {
        let Some(col) = col else { continue };
        let n = c as u32 + 1;
        let shown = header.shown.get(c).cloned().unwrap_or_default();
        for field in col.fields() {
            match columns.iter().find(|(f, ..)| *f == field) {
                // The prices beside the names, a heading's blank tail: the same field, by design.
                Some(_) if matches!(col, Col::BidPrices | Col::Tail(_)) => {}
                Some((_, first, _)) => {
                    diags.push(crate::headers::duplicate_column(
                        &shown, *first, path, line, n,
                    ));
                }
                None => columns.push((field, n, shown.clone())),
            }
        }
    }
    columns
}

/// The rows under the header to records.
pub(crate) fn assemble<'a>(
    file: &SourceFile,
    header: &Header,
    data: &'a [Row],
    merged_across: &BTreeMap<u32, String>,
    diags: &mut Vec<Diagnostic>,
) -> Assembled<'a> {
    let cols = Columns {
        by_col: header.cols.clone(),
    };
    let width = header.cols.len();
    let mut out = Assembled {
        rows: Vec::with_capacity(data.len()),
        declared: Vec::new(),
    };
    if file.layout == Layout::Template {
        for row in data {
            check_extra_cells(file, row.line, &row.cells, width, diags);
            merged_record(file, row, merged_across, diags);
            out.rows
                .push(FieldRow::from_record(file, row.line, &row.cells));
        }
        return out;
    }
    let seq_col = cols.find(Col::Field(Field::Seq));
    let method_col = cols.find(Col::Field(Field::Method));
    let bid_cols: Vec<usize> = header
        .cols
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c,
                Some(Col::Field(Field::Bids) | Col::BidPrices | Col::Tail(TailOf::Bids))
            )
        })
        .map(|(i, _)| i)
        .collect();
    for row in data {
        let has_seq = seq_col.is_some_and(|c| parse_seq(text_at(row, c)).is_ok());
        if !has_seq {
            // A list without ลำดับ ends where a row without a method begins with รวม or ลงชื่อ.
            let ends = starts_with_end_word(row)
                && (seq_col.is_some() || method_col.is_none_or(|c| text_at(row, c).is_empty()));
            if ends {
                break;
            }
            if says_no_procurement(row.cells.iter()) {
                continue;
            }
            let filled: Vec<usize> = (0..row.cells.len())
                .filter(|c| !text_at(row, *c).is_empty())
                .collect();
            let continues = file.layout == Layout::Skr1
                && seq_col.is_some()
                && !filled.is_empty()
                && filled.iter().all(|c| bid_cols.contains(c));
            if continues && let Some(last) = out.rows.last_mut() {
                last.bids.extend(bid_cells(&cols, row));
                continue;
            }
        }
        check_extra_cells(file, row.line, &row.cells, width, diags);
        merged_record(file, row, merged_across, diags);
        out.rows
            .push(split_row(file, &cols, row, &mut out.declared, diags));
    }
    out
}

/// Cells merged across columns in a record's row cannot say which column holds the value.
fn merged_record(
    file: &SourceFile,
    row: &Row,
    merged_across: &BTreeMap<u32, String>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(range) = merged_across.get(&row.line) else {
        return;
    };
    let first_col = range
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .fold(0u32, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1));
    diags.push(
        Diagnostic::error(
            diag::MERGED_CELLS,
            format!("ช่อง {range} ผสานข้ามคอลัมน์ จึงไม่รู้ว่าค่าเป็นของคอลัมน์ใด: เลือกช่องแล้วกด ผสานและจัดกึ่งกลาง อีกครั้งเพื่อยกเลิกการผสาน แล้วใส่ค่าในคอลัมน์ที่ถูกต้อง"),
            format!("cells {range} are merged across columns, so it is unclear which column the value belongs to: select them and click Merge & Center again to unmerge, then put the value in its column"),
        )
        .at(cell_loc(file, row.line, first_col.max(1)))
        .with_text(range.clone()),
    );
}

fn cell_of(row: &Row, c: usize) -> Option<Cell<'_>> {
    let text = row.cells.get(c)?;
    (!clean(text).is_empty()).then(|| Cell {
        text: Cow::Borrowed(text),
        line: row.line,
        col: c as u32 + 1,
    })
}

/// The bidders of a row: the names column with the prices beside it, if the header splits them.
fn bid_cells<'a>(cols: &Columns, row: &'a Row) -> Vec<BidCell<'a>> {
    let Some(names_col) = cols.find(Col::Field(Field::Bids)) else {
        return Vec::new();
    };
    let prices_col = cols
        .find(Col::BidPrices)
        .or_else(|| cols.find(Col::Tail(TailOf::Bids)));
    let names = cell_of(row, names_col);
    let prices = prices_col.and_then(|c| cell_of(row, c));
    match (names, prices, prices_col) {
        (Some(names), prices, Some(_)) => vec![BidCell::Beside { names, prices }],
        (Some(names), _, None) => vec![BidCell::Listed(names)],
        (None, Some(prices), _) => {
            // Prices with no names: read as a list, which reports the names it lacks.
            vec![BidCell::Listed(prices)]
        }
        (None, None, _) => Vec::new(),
    }
}

fn owned(cell: &Cell<'_>, text: String) -> Cell<'static> {
    Cell {
        text: Cow::Owned(text),
        line: cell.line,
        col: cell.col,
    }
}

/// One record's row of a สขร.1 form or an ITA list, its shared cells split.
fn split_row<'a>(
    file: &SourceFile,
    cols: &Columns,
    row: &'a Row,
    declared: &mut Vec<Declared>,
    diags: &mut Vec<Diagnostic>,
) -> FieldRow<'a> {
    let mut out = FieldRow {
        line: row.line,
        ..FieldRow::default()
    };
    let tail = |t: TailOf| cols.find(Col::Tail(t)).and_then(|c| cell_of(row, c));
    for (c, col) in cols.by_col.iter().enumerate() {
        let Some(col) = col else { continue };
        let Some(cell) = cell_of(row, c) else {
            continue;
        };
        match *col {
            Col::Field(Field::Bids) => {}
            // "ยกเลิก…" where the winner would be: no winner, and the record is cancelled.
            Col::WinnerAndPrice | Col::Field(Field::Winner) if cancelled(&cell.text) => {}
            Col::Field(f) => out.set(f, cell),
            Col::WinnerAndPrice => match split_named_amount(&cell.text) {
                Ok((name, price)) => {
                    if !name.is_empty() {
                        out.set(Field::Winner, owned(&cell, name));
                    }
                    match (price, tail(TailOf::Winner)) {
                        (Some(p), _) => out.set(Field::AgreedPrice, owned(&cell, p)),
                        (None, Some(t)) => out.set(Field::AgreedPrice, t),
                        (None, None) if cancelled(&cell.text) => {}
                        (None, None) => {
                            out.reported.push(Field::AgreedPrice);
                            diags.push(
                                Diagnostic::error(
                                    diag::BAD_MONEY,
                                    "ไม่พบราคาที่ตกลงซื้อหรือจ้างในช่องนี้: เขียนชื่อผู้ได้รับการคัดเลือกแล้วตามด้วยราคา เช่น ร้านสมใจ ราคาที่ตกลง 12,100.00 บาท",
                                    "no agreed price in this cell: write the winner's name, then the price, e.g. ร้านสมใจ ราคาที่ตกลง 12,100.00 บาท",
                                )
                                .at(cell_loc(file, cell.line, cell.col))
                                .with_text(cell.text.clone().into_owned()),
                            );
                        }
                    }
                }
                Err(e) => {
                    out.reported.extend([Field::Winner, Field::AgreedPrice]);
                    diags.push(diag::value_error(
                        diag::BAD_BIDS,
                        e,
                        cell_loc(file, cell.line, cell.col),
                        &cell.text,
                    ));
                }
            },
            Col::ContractAndDate => {
                let (no, date) = split_contract(&cell.text);
                if let Some(no) = no {
                    out.set(Field::ContractNo, owned(&cell, no));
                }
                match (date, tail(TailOf::Contract)) {
                    (Some(d), _) => out.set(Field::ContractDate, owned(&cell, d)),
                    (None, Some(t)) => out.set(Field::ContractDate, t),
                    (None, None) if cancelled(&cell.text) => {}
                    (None, None) => {
                        out.reported.push(Field::ContractDate);
                        diags.push(
                            Diagnostic::error(
                                diag::BAD_DATE,
                                "ไม่พบวันที่ของสัญญาในช่องนี้: เขียนเลขที่แล้วตามด้วยวันที่ เช่น สัญญาจ้าง 3/2568 ลว. 28 ต.ค. 2567",
                                "no contract date in this cell: write the number, then the date, e.g. สัญญาจ้าง 3/2568 ลว. 28 ต.ค. 2567",
                            )
                            .at(cell_loc(file, cell.line, cell.col))
                            .with_text(cell.text.clone().into_owned()),
                        );
                    }
                }
            }
            Col::BidPrices | Col::Connector | Col::Tail(_) => {}
            Col::Agency(a) => {
                if !declared
                    .iter()
                    .any(|Declared::Agency { col, value, .. }| *col == a && *value == *cell.text)
                {
                    declared.push(Declared::Agency {
                        col: a,
                        value: clean(&cell.text).to_owned(),
                        loc: cell_loc(file, cell.line, cell.col),
                    });
                }
            }
            Col::FiscalYear => out.fiscal_year = Some(cell),
        }
    }
    out.bids = bid_cells(cols, row);
    // The สขร.1 form has no status column: a procurement it reports as cancelled says so in
    // its winner, reason or contract cell.
    if file.layout == Layout::Skr1 {
        let said = [Field::Winner, Field::Reason, Field::ContractNo]
            .iter()
            .filter_map(|f| out.cell(*f))
            .chain(
                cols.find(Col::WinnerAndPrice)
                    .and_then(|c| cell_of(row, c))
                    .as_ref(),
            )
            .any(|c| cancelled(&c.text));
        if said {
            out.status = Some(Status::Cancelled);
        }
    }
    out
}

fn cancelled(text: &str) -> bool {
    match_key(text).contains(&match_key("ยกเลิก"))
}

/// A Thai month name and a year (four digits, or two, Buddhist Era) at the start of `text`.
fn month_and_year(text: &str) -> Option<YearMonth> {
    let text = clean(text);
    let names = THAI_MONTHS_LONG
        .iter()
        .zip(1u8..)
        .chain(THAI_MONTHS_SHORT.iter().zip(1u8..));
    // The longest name that fits: มกราคม rather than a shorter name it starts with.
    let mut found: Option<(usize, u8)> = None;
    for (name, m) in names {
        if text.starts_with(name) && found.is_none_or(|(len, _)| name.len() > len) {
            found = Some((name.len(), m));
        }
    }
    let (len, month) = found?;
    let year_text: String = clean(&text[len..])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let year = match year_text.len() {
        4 => year_text.parse::<i32>().ok()?,
        2 => 2500 + year_text.parse::<i32>().ok()?,
        _ => return None,
    };
    (2400..=2700)
        .contains(&year)
        .then(|| YearMonth::new(year, month))
}

/// The month a title row says the summary covers: "…ในรอบเดือนตุลาคม 2567", "ประจำเดือน
/// มีนาคม 2568". The date the form was signed ("วันที่ 5 เดือน พฤศจิกายน พ.ศ. 2567") is not it.
pub(crate) fn month_in_title(text: &str) -> Option<YearMonth> {
    let t = thai_to_arabic_digits(text).replace("พ.ศ.", " ");
    let mut rest = t.as_str();
    while let Some(i) = rest.find("เดือน") {
        let before = clean(&rest[..i]);
        rest = &rest[i + "เดือน".len()..];
        // "วันที่ 5 เดือน …" is the day the form was made.
        if before.ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some(ym) = month_and_year(rest) {
            return Some(ym);
        }
    }
    None
}

/// The month a sheet's name gives: "ตุลาคม 2567", "สขร.1 ต.ค. 67".
pub(crate) fn month_named(text: &str) -> Option<YearMonth> {
    let t = thai_to_arabic_digits(text).replace("พ.ศ.", " ");
    t.char_indices().find_map(|(i, _)| month_and_year(&t[i..]))
}

/// The words a local government's name starts with, in full and abbreviated: what a title row's
/// agency is found by, and what is set aside when two spellings of a name are compared.
pub(crate) const AGENCY_TYPES: [&str; 8] = [
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "อบต.",
    "อบจ.",
    "ทต.",
];

/// The agency a title row names: the words from an agency type (องค์การบริหารส่วนตำบล,
/// เทศบาลตำบล, อบต. …) to the next blank or bracket.
pub(crate) fn agency_in_title(text: &str) -> Option<String> {
    let t = clean(text);
    let (i, ty) = AGENCY_TYPES
        .iter()
        .filter_map(|ty| t.find(ty).map(|i| (i, *ty)))
        .min_by_key(|(i, _)| *i)?;
    let rest = &t[i + ty.len()..];
    let rest = rest.trim_start_matches(prongsai_text::is_blank_char);
    let name: String = rest
        .chars()
        .take_while(|c| !prongsai_text::is_blank_char(*c) && !matches!(c, '(' | ')' | ','))
        .collect();
    (!name.is_empty()).then(|| format!("{ty}{name}"))
}

/// The month and the agency the title rows above the header name, with their cells.
pub(crate) struct Titles {
    pub month: Option<(YearMonth, Location, String)>,
    pub agency: Option<(String, Location)>,
}

pub(crate) fn titles(file: &SourceFile, rows: &[Row]) -> Titles {
    let mut out = Titles {
        month: None,
        agency: None,
    };
    for row in rows {
        for (c, text) in row.cells.iter().enumerate() {
            let text = clean(text);
            if text.is_empty() {
                continue;
            }
            // A title cell is above the columns: it is named by its place alone.
            let loc = || {
                Location::cell(file.path.clone(), row.line, c as u32 + 1, "")
                    .in_sheet(file.sheet.clone())
            };
            if out.month.is_none()
                && let Some(ym) = month_in_title(text)
            {
                out.month = Some((ym, loc(), text.to_owned()));
            }
            if out.agency.is_none()
                && let Some(a) = agency_in_title(text)
            {
                out.agency = Some((a, loc()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_a_title_covers() {
        let ym = |y, m| Some(YearMonth::new(y, m));
        assert_eq!(
            month_in_title("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม 2567"),
            ym(2567, 10)
        );
        assert_eq!(
            month_in_title("สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน มีนาคม พ.ศ. 2568"),
            ym(2568, 3)
        );
        assert_eq!(month_in_title("เดือน ต.ค. 67"), ym(2567, 10));
        assert_eq!(month_in_title("วันที่ 5 เดือน พฤศจิกายน พ.ศ. 2567"), None);
        assert_eq!(
            month_in_title("วันที่ ๕ เดือน พฤศจิกายน พ.ศ. ๒๕๖๗ สรุปผลรอบเดือนตุลาคม ๒๕๖๗"),
            ym(2567, 10)
        );
        assert_eq!(
            month_in_title("แบบสรุปผลการจัดหาพัสดุในแต่ละรอบเดือน (แบบ สขร. 1)"),
            None
        );
    }

    #[test]
    fn the_month_a_sheet_is_named_for() {
        let ym = |y, m| Some(YearMonth::new(y, m));
        assert_eq!(month_named("ตุลาคม 2567"), ym(2567, 10));
        assert_eq!(month_named("สขร.1 ต.ค. 67"), ym(2567, 10));
        assert_eq!(month_named("สขร1"), None);
        assert_eq!(month_named("Sheet1"), None);
    }

    #[test]
    fn the_agency_a_title_names() {
        assert_eq!(
            agency_in_title("องค์การบริหารส่วนตำบลเมืองหลวง (แบบ สขร.1)").as_deref(),
            Some("องค์การบริหารส่วนตำบลเมืองหลวง")
        );
        assert_eq!(
            agency_in_title("อบต. เมืองหลวง อำเภอห้วยทับทัน").as_deref(),
            Some("อบต.เมืองหลวง")
        );
        assert_eq!(agency_in_title("แบบ สขร.1"), None);
    }

    #[test]
    fn no_procurement() {
        assert!(says_no_procurement(["", "- ไม่มีการจัดซื้อจัดจ้าง -"]));
        assert!(says_no_procurement(["ไม่มีการจัดซ้ือจัดจ้ำง"]));
        assert!(!says_no_procurement(["จัดซื้อวัสดุ"]));
    }
}
