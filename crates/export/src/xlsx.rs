//! `data/<FY>/months/<BE year>-<MM>.xlsx`: one month in the ITA procurement-list layout.
//!
//! Sheet 1 (`ITA`) is the NACC's 16-field list, header in row 1, one record a row, the agency
//! columns filled on every row (assessors reject blank cells and altered templates). Sheet 2
//! (`สขร.1`) is the same month in the แบบ สขร.1 layout, for offices that file that form too.
//! `data/<FY>/quarters/<FY>-Q<n>.xlsx` (ITA O11) is the same two sheets over a quarter's three
//! months. The annual summary and the plan are in `xlsx_docs.rs`, with the helpers here.

use crate::form::{
    QuarterMonth, SKR1_HEADERS, SKR1_MONEY_COLUMNS, agency_line, month_heading, not_published,
    quarter_created, quarter_title, skr1_cells, skr1_title,
};
use crate::safe::neutralise_formula;
use crate::{ExportError, ExportOptions, NO_PROCUREMENT, NOT_APPLICABLE, SAMPLE_NOTE};
use prongsai_model::{Agency, Date, DueRules, Field, Money, NOT_GIVEN_TH, Procurement, YearMonth};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// The 16 ITA fields (O12, ITA 2568), in the assessment template's order, with column widths.
pub(crate) const ITA_HEADERS: [(&str, f64); 16] = [
    ("ที่", 6.0),
    ("ปีงบประมาณ", 11.0),
    ("ชื่อหน่วยงาน", 30.0),
    ("อำเภอ", 13.0),
    ("จังหวัด", 12.0),
    ("กระทรวง", 14.0),
    ("ประเภทหน่วยงาน", 22.0),
    ("ชื่อรายการของงานที่ซื้อหรือจ้าง", 45.0),
    ("วงเงินงบประมาณที่ได้รับจัดสรร (บาท)", 18.0),
    ("แหล่งที่มาของงบประมาณ", 22.0),
    ("สถานะการจัดซื้อจัดจ้าง", 20.0),
    ("วิธีการจัดซื้อจัดจ้าง", 26.0),
    ("ราคากลาง (บาท)", 16.0),
    ("ราคาที่ตกลงซื้อหรือจ้าง (บาท)", 18.0),
    ("รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก", 32.0),
    ("เลขที่โครงการในระบบ e-GP", 16.0),
];

/// Thai government documents are set in TH SarabunPSK (Cabinet resolution, 2553), which Thai
/// government PCs have; elsewhere Excel substitutes a Thai-capable font.
pub(crate) const FONT: &str = "TH SarabunPSK";
pub(crate) const FONT_SIZE: f64 = 14.0;
pub(crate) const MONEY_FORMAT: &str = "#,##0.00";

pub(crate) struct Formats {
    pub header: Format,
    pub text: Format,
    pub number: Format,
    pub money: Format,
}

impl Formats {
    pub(crate) fn new() -> Self {
        let base = Format::new()
            .set_font_name(FONT)
            .set_font_size(FONT_SIZE)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xD9E1F2),
            text: base.clone().set_text_wrap(),
            number: base.clone().set_align(FormatAlign::Center),
            money: base.set_num_format(MONEY_FORMAT),
        }
    }
}

/// Writes user text with formula neutralisation; our own constants go through [`ours`].
pub(crate) fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
) -> Result<(), ExportError> {
    ws.write_string_with_format(row, col, neutralise_formula(s), f)?;
    Ok(())
}

pub(crate) fn ours(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
) -> Result<(), ExportError> {
    ws.write_string_with_format(row, col, s, f)?;
    Ok(())
}

fn money_or_dash(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    m: Option<Money>,
    fm: &Formats,
) -> Result<(), ExportError> {
    match m {
        Some(m) => {
            ws.write_number_with_format(row, col, m.as_f64(), &fm.money)?;
        }
        None => ours(ws, row, col, NOT_APPLICABLE, &fm.text)?,
    }
    Ok(())
}

/// Columns 1–6 (ปีงบประมาณ … ประเภทหน่วยงาน), identical on every row.
fn agency_columns(
    ws: &mut Worksheet,
    row: u32,
    agency: &Agency,
    fy: i32,
    fm: &Formats,
) -> Result<(), ExportError> {
    ws.write_number_with_format(row, 1, f64::from(fy), &fm.number)?;
    for (col, value) in [
        (2, &agency.name),
        (3, &agency.district),
        (4, &agency.province),
        (5, &agency.ministry),
        (6, &agency.agency_type),
    ] {
        text(ws, row, col, value, &fm.text)?;
    }
    Ok(())
}

fn ita_header(ws: &mut Worksheet, fm: &Formats) -> Result<(), ExportError> {
    ws.set_name("ITA")?;
    for (col, (header, width)) in (0u16..).zip(ITA_HEADERS) {
        ours(ws, 0, col, header, &fm.header)?;
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    Ok(())
}

/// ITA: a month without procurement (or, in a quarter, not yet published) is stated on the
/// template itself, with no blank cell.
fn ita_note(
    ws: &mut Worksheet,
    row: u32,
    agency: &Agency,
    fy: i32,
    note: &str,
    fm: &Formats,
) -> Result<(), ExportError> {
    ws.write_number_with_format(row, 0, f64::from(row), &fm.number)?;
    agency_columns(ws, row, agency, fy, fm)?;
    ours(ws, row, 7, note, &fm.text)?;
    for col in 8..16 {
        ours(ws, row, col, NOT_APPLICABLE, &fm.text)?;
    }
    Ok(())
}

fn ita_record(
    ws: &mut Worksheet,
    row: u32,
    no: u32,
    agency: &Agency,
    fy: i32,
    p: &Procurement,
    fm: &Formats,
) -> Result<(), ExportError> {
    ws.write_number_with_format(row, 0, f64::from(no), &fm.number)?;
    agency_columns(ws, row, agency, fy, fm)?;
    text(ws, row, 7, &p.title, &fm.text)?;
    ws.write_number_with_format(row, 8, p.budget.as_f64(), &fm.money)?;
    text(ws, row, 9, p.budget_source_text(), &fm.text)?;
    ours(ws, row, 10, p.status_text(), &fm.text)?;
    ours(ws, row, 11, p.method.thai(), &fm.text)?;
    money_or_dash(ws, row, 12, p.reference_price, fm)?;
    money_or_dash(ws, row, 13, p.agreed_price, fm)?;
    match &p.winner {
        Some(w) => text(ws, row, 14, w, &fm.text)?,
        None => ours(ws, row, 14, NOT_APPLICABLE, &fm.text)?,
    }
    match &p.egp_project_no {
        Some(n) => ours(ws, row, 15, n.as_str(), &fm.text)?,
        None if !p.given(Field::EgpProjectNo) => ours(ws, row, 15, NOT_GIVEN_TH, &fm.text)?,
        None => ours(ws, row, 15, NOT_APPLICABLE, &fm.text)?,
    }
    Ok(())
}

fn ita_sheet(
    ws: &mut Worksheet,
    agency: &Agency,
    fy: i32,
    records: &[Procurement],
    fm: &Formats,
) -> Result<(), ExportError> {
    ita_header(ws, fm)?;
    if records.is_empty() {
        return ita_note(ws, 1, agency, fy, NO_PROCUREMENT, fm);
    }
    for (row, p) in (1u32..).zip(records) {
        ita_record(ws, row, p.seq, agency, fy, p, fm)?;
    }
    Ok(())
}

/// The quarter's months on the ITA template, one after another, numbered through (each
/// month's ลำดับที่ is on the สขร.1 sheet); a month with no rows is a note row naming it.
fn ita_quarter_sheet(
    ws: &mut Worksheet,
    agency: &Agency,
    fy: i32,
    months: &[(YearMonth, QuarterMonth<'_>)],
    due: &DueRules,
    fm: &Formats,
) -> Result<(), ExportError> {
    ita_header(ws, fm)?;
    let mut row = 1u32;
    for (month, shown) in months {
        match shown {
            QuarterMonth::Filed(records) if !records.is_empty() => {
                for p in *records {
                    ita_record(ws, row, row, agency, fy, p, fm)?;
                    row += 1;
                }
            }
            QuarterMonth::Filed(_) => {
                let note = format!("{NO_PROCUREMENT} ({})", month_heading(*month));
                ita_note(ws, row, agency, fy, &note, fm)?;
                row += 1;
            }
            QuarterMonth::Missing => {
                let note = format!("{} {}", month_heading(*month), not_published(*month, due));
                ita_note(ws, row, agency, fy, &note, fm)?;
                row += 1;
            }
        }
    }
    Ok(())
}

const SKR1_WIDTHS: [f64; 9] = [7.0, 40.0, 16.0, 16.0, 22.0, 36.0, 34.0, 26.0, 26.0];

fn title_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
}

/// The title lines a form's sheet opens with, merged over `last_col + 1` columns; returns the
/// next free row.
pub(crate) fn title_rows(
    ws: &mut Worksheet,
    agency: &Agency,
    lines: &[String],
    last_col: u16,
) -> Result<u32, ExportError> {
    let title = title_format();
    let mut row = 0;
    let sample = agency.sample.then_some(SAMPLE_NOTE);
    for line in lines
        .iter()
        .map(|l| neutralise_formula(l))
        .chain(sample.map(Into::into))
    {
        // A one-column sheet has nothing to merge (and rust_xlsxwriter refuses a single cell).
        if last_col == 0 {
            ws.write_string_with_format(row, 0, line.as_ref(), &title)?;
        } else {
            ws.merge_range(row, 0, row, last_col, &line, &title)?;
        }
        row += 1;
    }
    Ok(row)
}

fn skr1_header(ws: &mut Worksheet, row: u32, fm: &Formats) -> Result<(), ExportError> {
    for (col, header) in (0u16..).zip(SKR1_HEADERS) {
        ours(ws, row, col, header, &fm.header)?;
    }
    Ok(())
}

/// One month's แบบ สขร.1 rows from `row` on (the note when it had none); returns the next row.
fn skr1_rows(
    ws: &mut Worksheet,
    mut row: u32,
    records: &[Procurement],
    fm: &Formats,
) -> Result<u32, ExportError> {
    if records.is_empty() {
        ws.merge_range(row, 0, row, 8, NO_PROCUREMENT, &fm.number)?;
        return Ok(row + 1);
    }
    for p in records {
        let cells = skr1_cells(p);
        ws.write_number_with_format(row, 0, f64::from(p.seq), &fm.number)?;
        for (col, cell) in (1u16..).zip(cells.iter().skip(1)) {
            if SKR1_MONEY_COLUMNS.contains(&usize::from(col)) {
                let amount = if col == 2 {
                    Some(p.budget)
                } else {
                    p.reference_price
                };
                money_or_dash(ws, row, col, amount, fm)?;
            } else {
                text(ws, row, col, cell, &fm.text)?;
            }
        }
        row += 1;
    }
    Ok(row)
}

fn skr1_page_setup(ws: &mut Worksheet) -> Result<(), ExportError> {
    ws.set_name("สขร.1")?;
    for (col, width) in (0u16..).zip(SKR1_WIDTHS) {
        ws.set_column_width(col, width)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}

fn skr1_sheet(
    ws: &mut Worksheet,
    agency: &Agency,
    month: YearMonth,
    records: &[Procurement],
    fm: &Formats,
) -> Result<(), ExportError> {
    skr1_page_setup(ws)?;
    let row = title_rows(ws, agency, &[skr1_title(month), agency_line(agency)], 8)?;
    skr1_header(ws, row, fm)?;
    ws.set_freeze_panes(row + 1, 0)?;
    ws.set_repeat_rows(row, row)?;
    skr1_rows(ws, row + 1, records, fm)?;
    Ok(())
}

/// The quarter's months in the แบบ สขร.1 layout, each under its own heading and header row.
fn skr1_quarter_sheet(
    ws: &mut Worksheet,
    agency: &Agency,
    fy: i32,
    q: u8,
    months: &[(YearMonth, QuarterMonth<'_>)],
    due: &DueRules,
    fm: &Formats,
) -> Result<(), ExportError> {
    skr1_page_setup(ws)?;
    let lines = [quarter_title(fy, q), agency_line(agency)];
    let mut row = title_rows(ws, agency, &lines, 8)?;
    let heading = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_bold();
    for (month, shown) in months {
        row += 1;
        ws.merge_range(row, 0, row, 8, &month_heading(*month), &heading)?;
        row += 1;
        skr1_header(ws, row, fm)?;
        row += 1;
        row = match shown {
            QuarterMonth::Filed(records) => skr1_rows(ws, row, records, fm)?,
            QuarterMonth::Missing => {
                ws.merge_range(row, 0, row, 8, &not_published(*month, due), &fm.number)?;
                row + 1
            }
        };
    }
    Ok(())
}

/// Deflate level of the zip of every workbook a build writes (the committed input templates keep
/// rust_xlsxwriter's default: they are made once). The default (6) spent about 2.5 times
/// level 3's CPU for files 15 % smaller (a 10,000-record year's month and quarter workbooks were
/// a seventh of a 100,000-record build, most of it deflate); level 3 is zlib's fast matcher.
pub(crate) const ZIP_LEVEL: u8 = 3;

/// A workbook dated `created` (the only clock-dependent part of an XLSX from rust_xlsxwriter:
/// zip entries carry a fixed 1980 timestamp, so fixing it makes the file reproducible).
pub(crate) fn workbook(
    agency: &Agency,
    title: &str,
    created: Date,
) -> Result<Workbook, ExportError> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(ZIP_LEVEL);
    let created = ExcelDateTime::from_ymd(
        u16::try_from(created.year_ce()).unwrap_or(1970),
        created.month(),
        created.day(),
    )?;
    let mut title = format!("{title} {}", agency.name);
    if agency.sample {
        title = format!("{title} ({SAMPLE_NOTE})");
    }
    let props = DocProperties::new()
        .set_title(title)
        .set_author(agency.name.as_str())
        .set_company(agency.name.as_str())
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

/// The month's XLSX: sheet `ITA` (16 fields) and sheet `สขร.1`.
pub fn month_xlsx(
    agency: &Agency,
    fy: i32,
    month: YearMonth,
    records: &[Procurement],
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let fm = Formats::new();
    let mut wb = workbook(agency, &skr1_title(month), opts.created_for(month))?;
    ita_sheet(wb.add_worksheet(), agency, fy, records, &fm)?;
    skr1_sheet(wb.add_worksheet(), agency, month, records, &fm)?;
    Ok(wb.save_to_buffer()?)
}

/// The quarter's XLSX (ITA O11): its three months on sheet `ITA` (16 fields, numbered through)
/// and on sheet `สขร.1` under a heading each; an empty month says ไม่มีการจัดซื้อจัดจ้าง, a month
/// without a file ยังไม่เผยแพร่.
pub fn quarter_xlsx(
    agency: &Agency,
    fy: i32,
    q: u8,
    months: &[(YearMonth, QuarterMonth<'_>)],
    due: &DueRules,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let fm = Formats::new();
    let created = opts.created_for(quarter_created(months));
    let mut wb = workbook(agency, &quarter_title(fy, q), created)?;
    ita_quarter_sheet(wb.add_worksheet(), agency, fy, months, due, &fm)?;
    skr1_quarter_sheet(wb.add_worksheet(), agency, fy, q, months, due, &fm)?;
    Ok(wb.save_to_buffer()?)
}
