//! `data/<FY>/months/<BE year>-<MM>.xlsx`: one month in the ITA procurement-list layout.
//!
//! Sheet 1 (`ITA`) is the NACC's 16-field list, header in row 1, one record a row, the agency
//! columns filled on every row (assessors reject blank cells and altered templates). Sheet 2
//! (`สขร.1`) is the same month in the แบบ สขร.1 layout, for offices that file that form too.

use crate::form::{SKR1_HEADERS, SKR1_MONEY_COLUMNS, agency_line, skr1_cells, skr1_title};
use crate::safe::neutralise_formula;
use crate::{ExportError, ExportOptions, NO_PROCUREMENT, NOT_APPLICABLE, SAMPLE_NOTE};
use prongsai_model::{Agency, Money, Procurement, YearMonth};
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
const FONT: &str = "TH SarabunPSK";
const FONT_SIZE: f64 = 14.0;
const MONEY_FORMAT: &str = "#,##0.00";

struct Formats {
    header: Format,
    text: Format,
    number: Format,
    money: Format,
}

impl Formats {
    fn new() -> Self {
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
fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: &Format) -> Result<(), ExportError> {
    ws.write_string_with_format(row, col, neutralise_formula(s), f)?;
    Ok(())
}

fn ours(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: &Format) -> Result<(), ExportError> {
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

fn ita_sheet(
    ws: &mut Worksheet,
    agency: &Agency,
    fy: i32,
    records: &[Procurement],
    fm: &Formats,
) -> Result<(), ExportError> {
    ws.set_name("ITA")?;
    for (col, (header, width)) in (0u16..).zip(ITA_HEADERS) {
        ours(ws, 0, col, header, &fm.header)?;
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    if records.is_empty() {
        // ITA: a month without procurement is stated, on the template, with no blank cell.
        ws.write_number_with_format(1, 0, 1.0, &fm.number)?;
        agency_columns(ws, 1, agency, fy, fm)?;
        ours(ws, 1, 7, NO_PROCUREMENT, &fm.text)?;
        for col in 8..16 {
            ours(ws, 1, col, NOT_APPLICABLE, &fm.text)?;
        }
        return Ok(());
    }
    for (row, p) in (1u32..).zip(records) {
        ws.write_number_with_format(row, 0, f64::from(p.seq), &fm.number)?;
        agency_columns(ws, row, agency, fy, fm)?;
        text(ws, row, 7, &p.title, &fm.text)?;
        ws.write_number_with_format(row, 8, p.budget.as_f64(), &fm.money)?;
        text(ws, row, 9, &p.budget_source, &fm.text)?;
        ours(ws, row, 10, p.status.canonical(), &fm.text)?;
        ours(ws, row, 11, p.method.thai(), &fm.text)?;
        money_or_dash(ws, row, 12, p.reference_price, fm)?;
        money_or_dash(ws, row, 13, p.agreed_price, fm)?;
        match &p.winner {
            Some(w) => text(ws, row, 14, w, &fm.text)?,
            None => ours(ws, row, 14, NOT_APPLICABLE, &fm.text)?,
        }
        match &p.egp_project_no {
            Some(n) => ours(ws, row, 15, n.as_str(), &fm.text)?,
            None => ours(ws, row, 15, NOT_APPLICABLE, &fm.text)?,
        }
    }
    Ok(())
}

const SKR1_WIDTHS: [f64; 9] = [7.0, 40.0, 16.0, 16.0, 22.0, 36.0, 34.0, 26.0, 26.0];

fn skr1_sheet(
    ws: &mut Worksheet,
    agency: &Agency,
    month: YearMonth,
    records: &[Procurement],
    fm: &Formats,
) -> Result<(), ExportError> {
    ws.set_name("สขร.1")?;
    let title = Format::new()
        .set_font_name(FONT)
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 8, &skr1_title(month), &title)?;
    ws.merge_range(
        1,
        0,
        1,
        8,
        &neutralise_formula(&agency_line(agency)),
        &title,
    )?;
    let mut row = 2;
    if agency.sample {
        ws.merge_range(row, 0, row, 8, SAMPLE_NOTE, &title)?;
        row += 1;
    }
    for (col, (header, width)) in (0u16..).zip(SKR1_HEADERS.iter().zip(SKR1_WIDTHS)) {
        ours(ws, row, col, header, &fm.header)?;
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(row + 1, 0)?;
    ws.set_repeat_rows(row, row)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    row += 1;
    if records.is_empty() {
        ws.merge_range(row, 0, row, 8, NO_PROCUREMENT, &fm.number)?;
        return Ok(());
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
    Ok(())
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
    let mut wb = Workbook::new();
    let created = opts.created_for(month);
    let created = ExcelDateTime::from_ymd(
        u16::try_from(created.year_ce()).unwrap_or(1970),
        created.month(),
        created.day(),
    )?;
    let mut title = format!("{} {}", skr1_title(month), agency.name);
    if agency.sample {
        title = format!("{title} ({SAMPLE_NOTE})");
    }
    // The creation time is the only clock-dependent part of an XLSX from rust_xlsxwriter (zip
    // entries carry a fixed 1980 timestamp), so fixing it makes the file reproducible.
    let props = DocProperties::new()
        .set_title(title)
        .set_author(agency.name.as_str())
        .set_company(agency.name.as_str())
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    ita_sheet(wb.add_worksheet(), agency, fy, records, &fm)?;
    skr1_sheet(wb.add_worksheet(), agency, month, records, &fm)?;
    Ok(wb.save_to_buffer()?)
}
