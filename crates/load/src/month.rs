//! `months/<BE year>-<MM>[ suffix].csv` (or `.xlsx`, `.xls`) to a [`MonthFile`] of
//! [`Procurement`] records, in whichever layout the file is: prongsai's template, the แบบ สขร.1
//! form or the ITA list (recognised from the header, [`crate::recognise`]).

use crate::assemble::{Declared, assemble, columns_of, titles};
use crate::cells::{BidCell, RowCtx, cell_loc};
use crate::csv::Row;
use crate::diag;
use crate::headers::unknown_column;
use crate::recognise::{Header, Miss, recognise, required};
use crate::values::{
    parse_bids, parse_bids_beside, parse_date, parse_egp_no, parse_method, parse_money, parse_seq,
    parse_status, parse_tin, parse_unspsc, split_named_amount,
};
use prongsai_model::{
    Bid, Diagnostic, Field, Layout, Location, Money, MonthFile, Procurement, SourceFile, Status,
    ValueError, YearMonth,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A month file read: its records (`None` when it cannot be published, reported), and what it
/// says of the agency, for the check against agency.yaml.
#[derive(Default)]
pub(crate) struct Read {
    pub month: Option<MonthFile>,
    pub declared: Vec<Declared>,
}

/// Parses a decoded month file.
pub(crate) fn parse(
    path: &str,
    month: YearMonth,
    text: &str,
    encoding: &'static str,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Read {
    let Some(rows) = crate::csv::read(text, path, limits, diags) else {
        return Read::default();
    };
    let Some(header) = find_header(path, &rows.rows, diags) else {
        return Read::default();
    };
    from_header(
        path,
        month,
        encoding,
        None,
        &header,
        &rows.rows,
        &BTreeMap::new(),
        diags,
    )
}

/// Recognises the header among a file's first rows, reporting a file without one.
pub(crate) fn find_header(path: &str, rows: &[Row], diags: &mut Vec<Diagnostic>) -> Option<Header> {
    let first: Vec<Vec<&str>> = rows
        .iter()
        .take(crate::recognise::HEADER_SEARCH_ROWS + 1)
        .map(|r| r.cells.iter().collect())
        .collect();
    let lines: Vec<u32> = rows.iter().map(|r| r.line).collect();
    match recognise(&first) {
        Ok(h) => Some(h),
        Err(miss) => {
            diags.extend(miss_diagnostics(path, &miss, &first, &lines));
            None
        }
    }
}

/// The layout's own list of the columns it must have, for messages.
fn required_list(layout: Layout, fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| column_name(layout, *f))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A field's name as the layout's own form spells its column.
fn column_name(layout: Layout, field: Field) -> &'static str {
    match (layout, field) {
        (Layout::Skr1, Field::Title) => "งานที่จัดซื้อหรือจัดจ้าง",
        (Layout::Skr1, Field::Budget) => "วงเงินที่จะซื้อหรือจ้าง",
        (Layout::Skr1, Field::Method) => "วิธีซื้อหรือจ้าง",
        (Layout::Skr1, Field::Winner | Field::AgreedPrice) => "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
        (Layout::Skr1, Field::Reason) => "เหตุผลที่คัดเลือกโดยสรุป",
        (Layout::Skr1, Field::ContractNo | Field::ContractDate) => {
            "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"
        }
        (Layout::Ita, Field::Title) => "ชื่อรายการของงานที่ซื้อหรือจ้าง",
        (Layout::Ita, Field::Budget) => "วงเงินงบประมาณที่ได้รับจัดสรร",
        (Layout::Ita, Field::Status) => "สถานะการจัดซื้อจัดจ้าง",
        (Layout::Ita, Field::Winner) => "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
        (Layout::Ita, Field::EgpProjectNo) => "เลขที่โครงการในระบบ e-GP",
        _ => field.thai(),
    }
}

fn miss_diagnostics(path: &str, miss: &Miss, rows: &[Vec<&str>], lines: &[u32]) -> Vec<Diagnostic> {
    let line_of = |r: usize| lines.get(r).copied().unwrap_or(1);
    let text_of = |r: usize| rows.get(r).map(|c| c.join(",")).unwrap_or_default();
    match miss {
        Miss::Nothing => {
            let expected = crate::headers::expected_list(crate::headers::Kind::Month);
            vec![
                Diagnostic::error(
                    diag::NO_HEADER,
                    format!("ไม่พบแถวหัวตารางใน {} แถวแรก: แถวหัวตารางต้องเป็นชื่อคอลัมน์ ตามแม่แบบ ({expected}) หรือตามแบบ สขร.1 หรือรายการ ITA", crate::recognise::HEADER_SEARCH_ROWS),
                    format!("no header row in the first {} rows: it must name the columns, as in the template ({expected}), the แบบ สขร.1 form or the ITA list", crate::recognise::HEADER_SEARCH_ROWS),
                )
                .at(Location::line(path, line_of(0)))
                .with_text(text_of(0)),
            ]
        }
        Miss::Incomplete {
            row,
            layout: Layout::Template,
            lacking,
        } => {
            let found: Vec<&str> = rows
                .get(*row)
                .map(|r| {
                    r.iter()
                        .map(|c| crate::values::clean(c))
                        .filter(|c| !c.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            lacking
                .iter()
                .map(|f| {
                    crate::headers::missing_column(
                        f.thai(),
                        f.alias(),
                        &found.join(", "),
                        path,
                        line_of(*row),
                        &text_of(*row),
                    )
                })
                .collect()
        }
        Miss::Incomplete {
            row,
            layout,
            lacking,
        } => {
            let mut names: Vec<&str> = lacking.iter().map(|f| column_name(*layout, *f)).collect();
            names.dedup();
            let list = names.join(", ");
            let line = line_of(*row);
            vec![
                Diagnostic::error(
                    diag::NO_HEADER,
                    format!(
                        "ไม่พบแถวหัวตารางที่ครบ: แถวที่ {line} ใกล้เคียง{} ที่สุด แต่ขาดคอลัมน์ {list}: เพิ่มคอลัมน์ที่ขาด (คอลัมน์ที่ต้องมี: {})",
                        layout.thai(),
                        required_list(*layout, required(*layout))
                    ),
                    format!(
                        "no complete header row: row {line} comes closest, to {}, but lacks {list}: add the missing columns",
                        layout.english()
                    ),
                )
                .at(Location::line(path, line))
                .with_text(text_of(*row)),
            ]
        }
        Miss::Ambiguous { row, layouts } => {
            let line = line_of(*row);
            vec![
                Diagnostic::error(
                    diag::TWO_LAYOUTS,
                    format!(
                        "แถวหัวตารางที่ {line} เป็นได้ทั้ง{}และ{}: แยกเป็นสองไฟล์ (เช่น เดือน สขร1.xlsx และ เดือน ITA.xlsx) หรือลบคอลัมน์ของรูปแบบที่ไม่ใช้",
                        layouts.0.thai(),
                        layouts.1.thai()
                    ),
                    format!(
                        "the header on row {line} reads as both {} and {}: split it into two files (e.g. <month> สขร1.xlsx and <month> ITA.xlsx) or delete the other layout's columns",
                        layouts.0.english(),
                        layouts.1.english()
                    ),
                )
                .at(Location::line(path, line))
                .with_text(text_of(*row)),
            ]
        }
    }
}

/// The records of a month file whose header is recognised: `rows` are all its rows, title rows
/// and header included, as read from CSV or a worksheet (`sheet`); `merged_across` the rows of
/// a worksheet with cells merged across columns.
#[allow(clippy::too_many_arguments)]
pub(crate) fn from_header(
    path: &str,
    month: YearMonth,
    encoding: &'static str,
    sheet: Option<String>,
    header: &Header,
    rows: &[Row],
    merged_across: &BTreeMap<u32, String>,
    diags: &mut Vec<Diagnostic>,
) -> Read {
    let lines: Vec<u32> = rows.iter().map(|r| r.line).collect();
    let header_line = header.line(&lines);
    let columns = columns_of(header, path, header_line, diags);
    let file = Arc::new(SourceFile {
        path: path.to_owned(),
        encoding,
        layout: header.layout,
        columns,
        sheet,
    });
    let expected = required_list(header.layout, required(header.layout));
    for (c, (col, shown)) in header.cols.iter().zip(&header.shown).enumerate() {
        if col.is_none() && !shown.is_empty() {
            diags.push(unknown_column(
                shown,
                &expected,
                path,
                header_line,
                c as u32 + 1,
            ));
        }
    }
    let mut read = Read::default();
    let titles = titles(&file, &rows[..header.first.min(rows.len())]);
    if let Some((said, loc, text)) = titles.month
        && said != month
    {
        diags.push(
            Diagnostic::error(
                diag::OTHER_MONTH,
                format!(
                    "หัวเรื่องของไฟล์บอกว่าเป็นเดือน{} แต่ชื่อไฟล์เป็นเดือน{}: ตรวจว่าบันทึกไฟล์ถูกเดือนหรือไม่ แล้วแก้ชื่อไฟล์หรือหัวเรื่องให้ตรงกัน",
                    said.thai_long(),
                    month.thai_long()
                ),
                format!(
                    "the title says the summary covers {}, the file name says {}: check the right file was saved under this name, then correct the name or the title",
                    said.key(),
                    month.key()
                ),
            )
            .at(loc)
            .with_text(text),
        );
    }
    if let Some((name, loc)) = titles.agency {
        read.declared.push(Declared::Agency {
            col: crate::headers::AgencyCol::Name,
            value: name,
            loc,
        });
    }
    let data = &rows[(header.last + 1).min(rows.len())..];
    let assembled = assemble(&file, header, data, merged_across, diags);
    read.declared.extend(assembled.declared);
    let complete = crate::recognise::required(header.layout)
        .iter()
        .all(|f| file.column(*f).is_some());
    let mut records: Vec<Procurement> = Vec::with_capacity(assembled.rows.len());
    let mut seen: HashMap<u32, u32> = HashMap::new();
    let mut wrong_year: Vec<String> = Vec::new();
    for (i, row) in assembled.rows.iter().enumerate() {
        if let Some(fy) = &row.fiscal_year {
            check_fiscal_year(&file, month, fy, &mut wrong_year, diags);
        }
        let mut ctx = RowCtx {
            file: &file,
            row,
            diags,
            ok: true,
        };
        let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let record = parse_row(&mut ctx, month, &file, position);
        let line = row.line;
        let Some(record) = record.filter(|_| ctx.ok) else {
            continue;
        };
        if let Some(first) = seen.get(&record.seq) {
            let text = ctx.text(Field::Seq).unwrap_or_default().to_owned();
            let d = Diagnostic::error(
                diag::DUPLICATE_SEQ,
                format!(
                    "ลำดับที่ {} ซ้ำกับแถวที่ {first}: ลำดับที่ในไฟล์เดียวกันต้องไม่ซ้ำ ให้แก้เป็นเลขถัดไป",
                    record.seq
                ),
                format!(
                    "sequence number {} was already used on line {first}: numbers must be unique in the file; renumber this row",
                    record.seq
                ),
            )
            .at(ctx.loc(Field::Seq))
            .with_text(text);
            ctx.diags.push(d);
            continue;
        }
        seen.insert(record.seq, line);
        records.push(record);
    }
    read.month = complete.then_some(MonthFile {
        month,
        file,
        joined: Vec::new(),
        records,
    });
    read
}

/// An ITA list's ปีงบประมาณ must be the folder's: another year is the wrong file under this name.
fn check_fiscal_year(
    file: &SourceFile,
    month: YearMonth,
    cell: &crate::cells::Cell<'_>,
    reported: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let text = crate::values::clean(&cell.text);
    let digits = prongsai_model::thai_to_arabic_digits(text);
    let year = digits
        .trim_start_matches("พ.ศ.")
        .trim()
        .parse::<i32>()
        .ok()
        .map(|y| if y < 100 { 2500 + y } else { y });
    let fy = month.fiscal_year();
    if year == Some(fy) || reported.iter().any(|r| r == text) {
        return;
    }
    reported.push(text.to_owned());
    diags.push(
        Diagnostic::error(
            diag::OTHER_MONTH,
            format!(
                "ปีงบประมาณในแถวนี้คือ \"{text}\" แต่ไฟล์อยู่ในโฟลเดอร์ปีงบประมาณ {fy}: ตรวจว่าเป็นไฟล์ของเดือน{}หรือไม่",
                month.thai_long()
            ),
            format!(
                "the fiscal year on this row is \"{text}\", but the file is in fiscal year {fy}'s folder: check it is the file for {}",
                month.key()
            ),
        )
        .at(cell_loc(file, cell.line, cell.col))
        .with_text(text),
    );
}

/// A money cell of a form, where the amount may come after words (`ราคาที่ตกลง 12,100 บาท`).
fn parse_amount(text: &str) -> Result<Money, ValueError> {
    match split_named_amount(text) {
        Ok((name, Some(price))) if name.is_empty() => parse_money(&price),
        _ => parse_money(text),
    }
}

/// Every cell is parsed (so all its problems are reported) before deciding whether the record
/// stands. `position` numbers a record in a list without ลำดับ.
fn parse_row(
    ctx: &mut RowCtx<'_, '_>,
    month: YearMonth,
    file: &Arc<SourceFile>,
    position: u32,
) -> Option<Procurement> {
    let form = file.layout != Layout::Template;
    let money: fn(&str) -> Result<Money, ValueError> =
        if form { parse_amount } else { parse_money };
    let seq = if file.column(Field::Seq).is_some() {
        ctx.required(Field::Seq, diag::BAD_SEQ, parse_seq)
    } else {
        Some(position)
    };
    let egp_project_no = ctx.optional(Field::EgpProjectNo, diag::BAD_EGP, parse_egp_no);
    let plan_id = ctx.optional_text(Field::PlanId);
    let title = ctx.required_text(Field::Title);
    let budget = ctx.required(Field::Budget, diag::BAD_MONEY, money);
    let budget_source = ctx.required_text(Field::BudgetSource);
    let reference_price = ctx.required(Field::ReferencePrice, diag::BAD_MONEY, money);
    let method = ctx.required(Field::Method, diag::BAD_METHOD, parse_method);
    let status = if file.column(Field::Status).is_some() {
        ctx.required(Field::Status, diag::BAD_STATUS, parse_status)
    } else {
        ctx.row.status
    };
    // A cancelled procurement has no winner, price or contract; the others need them.
    let needed = status != Some(Status::Cancelled);
    let bids = read_bids(ctx, needed);
    let text_field = |ctx: &mut RowCtx<'_, '_>, f: Field| {
        if needed {
            ctx.required_text(f)
        } else {
            ctx.optional_text(f)
        }
    };
    let winner = text_field(ctx, Field::Winner);
    let winner_tin = ctx.optional(Field::WinnerTin, diag::BAD_TIN, parse_tin);
    let agreed_price = if needed {
        ctx.required(Field::AgreedPrice, diag::BAD_MONEY, money)
    } else {
        ctx.optional(Field::AgreedPrice, diag::BAD_MONEY, money)
    };
    let reason = text_field(ctx, Field::Reason);
    let contract_no = text_field(ctx, Field::ContractNo);
    let contract_date = if needed {
        ctx.required(Field::ContractDate, diag::BAD_DATE, parse_date)
    } else {
        ctx.optional(Field::ContractDate, diag::BAD_DATE, parse_date)
    };
    let contract_end = ctx.optional(Field::ContractEnd, diag::BAD_DATE, parse_date);
    let legal_ground = ctx.optional_text(Field::LegalGround);
    let explanation = ctx.optional_text(Field::Explanation);
    let tender_start = ctx.optional(Field::TenderStart, diag::BAD_DATE, parse_date);
    let tender_end = ctx.optional(Field::TenderEnd, diag::BAD_DATE, parse_date);
    let unspsc = ctx.optional(Field::Unspsc, diag::BAD_UNSPSC, parse_unspsc);
    Some(Procurement {
        file: Arc::clone(file),
        line: ctx.line(),
        joined: None,
        month,
        seq: seq?,
        egp_project_no,
        plan_id,
        title: title?,
        budget: budget?,
        budget_source,
        reference_price,
        method: method?,
        bids,
        winner,
        winner_tin,
        agreed_price,
        reason,
        contract_no,
        contract_date,
        contract_end,
        status,
        legal_ground,
        explanation,
        tender_start,
        tender_end,
        unspsc,
        egp: None,
    })
}

/// The record's bidders from each of its bid cells (its own row's and its continuation rows').
/// A bid without a price is a warning in the template, which lists prices in the same cell by
/// contract; the สขร.1 form is made to report the prices, so there it is an error.
fn read_bids(ctx: &mut RowCtx<'_, '_>, needed: bool) -> Vec<Bid> {
    if ctx.row.bids.is_empty() {
        if needed && ctx.file.column(Field::Bids).is_some() {
            // Reported as the empty required cell it is.
            ctx.required_text(Field::Bids);
        }
        return Vec::new();
    }
    let strict = ctx.file.layout == Layout::Skr1;
    let mut bids = Vec::new();
    for cell in &ctx.row.bids {
        let (parsed, at) = match cell {
            BidCell::Listed(c) => (parse_bids(&c.text), c),
            BidCell::Beside { names, prices } => (
                parse_bids_beside(&names.text, prices.as_ref().map_or("", |p| &p.text)),
                prices.as_ref().unwrap_or(names),
            ),
        };
        let loc = cell_loc(ctx.file, at.line, at.col);
        match parsed {
            Ok((found, no_price)) => {
                for name in no_price {
                    let th = format!(
                        "ผู้เสนอราคา \"{name}\" ไม่มีราคาที่เสนอ: เขียนราคาต่อท้ายชื่อ เช่น {name} 12,000 บาท"
                    );
                    let en = format!(
                        "the bid of \"{name}\" has no price: write the price after the name, e.g. {name} 12,000 บาท"
                    );
                    let d = if strict {
                        ctx.ok = false;
                        Diagnostic::error(diag::BID_NO_PRICE, th, en)
                    } else {
                        Diagnostic::warning(diag::BID_NO_PRICE, th, en)
                    };
                    ctx.diags
                        .push(d.at(loc.clone()).with_text(at.text.clone().into_owned()));
                }
                bids.extend(found);
            }
            Err(e) => {
                ctx.diags
                    .push(diag::value_error(diag::BAD_BIDS, e, loc, &at.text));
                if needed {
                    ctx.ok = false;
                }
            }
        }
    }
    bids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Read, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let r = parse(
            "m.csv",
            YearMonth::new(2567, 10),
            text,
            "UTF-8",
            &crate::Limits::default(),
            &mut d,
        );
        (r, d)
    }

    #[test]
    fn a_template_reads_as_before() {
        let header: Vec<&str> = Field::MONTH.iter().map(|f| f.thai()).collect();
        let text = format!(
            "{}\n1,,,จัดซื้อวัสดุ,500,เงินสะสม,500,วิธีเฉพาะเจาะจง,ร้าน ก 450,ร้าน ก,,450,ราคาต่ำสุด,1/2568,16/10/2567,,สิ้นสุดสัญญา,\n",
            header.join(",")
        );
        let (r, d) = read(&text);
        assert!(d.is_empty(), "{d:?}");
        let m = r.month.unwrap();
        assert_eq!(m.file.layout, Layout::Template);
        assert_eq!(m.records[0].budget_source.as_deref(), Some("เงินสะสม"));
    }
}
