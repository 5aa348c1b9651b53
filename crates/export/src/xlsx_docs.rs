//! `data/<FY>/annual-summary.xlsx` (ITA O12) and `data/<FY>/plan.xlsx` (มาตรา 11): the same
//! content as their PDFs (see `form.rs`), in the month XLSX's fonts and formats, with amounts as
//! numbers so that Excel users can add them up again.

use crate::form::{
    Block, NO_NARRATIVE, PLAN_MONEY_COLUMNS, SUMMARY_HEADERS, SummaryTable, agency_line,
    annual_title, approval_line, narrative_blocks, plan_cells, plan_headers, plan_preamble,
    plan_title, plan_total, summary_tables,
};
use crate::pdf::{annual_date, plan_date};
use crate::xlsx::{FONT, FONT_SIZE, Formats, ours, text, title_rows, workbook};
use crate::{ExportError, ExportOptions};
use prongsai_model::{Agency, Date, FiscalYear, Plan, PlanMeta, Tally};
use rust_xlsxwriter::{Format, FormatAlign, Worksheet};

fn bold(fm: &Format) -> Format {
    fm.clone().set_bold()
}

fn tally_row(
    ws: &mut Worksheet,
    row: u32,
    t: &Tally,
    fm: &Formats,
    strong: bool,
) -> Result<(), ExportError> {
    let (number, money) = if strong {
        (bold(&fm.number), bold(&fm.money))
    } else {
        (fm.number.clone(), fm.money.clone())
    };
    let percent = money.clone().set_num_format("0.00");
    ws.write_number_with_format(row, 1, f64::from(t.count), &number)?;
    ws.write_number_with_format(row, 2, f64::from(t.cancelled), &number)?;
    ws.write_number_with_format(row, 3, t.budget.as_f64(), &money)?;
    ws.write_number_with_format(row, 4, t.agreed.as_f64(), &money)?;
    ws.write_number_with_format(row, 5, t.savings.as_f64(), &money)?;
    // Rounded as the PDF shows it, so the two files agree to the digit.
    let p = (t.savings_percent() * 100.0).round() / 100.0;
    ws.write_number_with_format(row, 6, p, &percent)?;
    Ok(())
}

fn summary_table(
    ws: &mut Worksheet,
    mut row: u32,
    table: &SummaryTable,
    fm: &Formats,
    heading: &Format,
) -> Result<u32, ExportError> {
    ws.merge_range(row, 0, row, 6, &table.title, heading)?;
    row += 1;
    ours(ws, row, 0, table.group, &fm.header)?;
    for (col, h) in (1u16..).zip(SUMMARY_HEADERS) {
        ours(ws, row, col, h, &fm.header)?;
    }
    row += 1;
    for (label, t) in &table.rows {
        text(ws, row, 0, label, &fm.text)?;
        tally_row(ws, row, t, fm, false)?;
        row += 1;
    }
    ours(ws, row, 0, "รวมทั้งสิ้น", &bold(&fm.text))?;
    tally_row(ws, row, &table.total, fm, true)?;
    Ok(row + 2)
}

/// The annual summary's XLSX: sheet `สรุป` with the three tables (by method, by budget source,
/// by month, each with its total) and sheet `รายงาน` with annual.md's narrative.
pub fn annual_summary_xlsx(
    agency: &Agency,
    fy: &FiscalYear,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let fm = Formats::new();
    let created = opts
        .created
        .or_else(|| annual_date(fy.annual.as_ref(), fy.year))
        .unwrap_or_else(|| Date::from_days(0));
    let title = annual_title(fy.year);
    let mut wb = workbook(agency, &title, created)?;
    let heading = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_bold();

    let ws = wb.add_worksheet();
    ws.set_name("สรุป")?;
    for (col, width) in (0u16..).zip([40.0, 14.0, 10.0, 22.0, 24.0, 22.0, 16.0]) {
        ws.set_column_width(col, width)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    let lines = [title.clone(), agency_line(agency)];
    let mut row = title_rows(ws, agency, &lines, 6)? + 1;
    for table in summary_tables(fy) {
        row = summary_table(ws, row, &table, &fm, &heading)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name("รายงาน")?;
    ws.set_column_width(0, 120.0)?;
    ws.set_paper_size(9);
    let lines = [title, agency_line(agency)];
    let mut row = title_rows(ws, agency, &lines, 0)? + 1;
    let para = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let item = para.clone().set_indent(1);
    match &fy.annual {
        None => {
            ours(ws, row, 0, NO_NARRATIVE, &para)?;
        }
        Some(annual) => {
            for block in narrative_blocks(&annual.body) {
                match block {
                    Block::Heading(t) => text(ws, row, 0, &t, &heading)?,
                    Block::Paragraph(t) => text(ws, row, 0, &t, &para)?,
                    Block::Item(m, t) => text(ws, row, 0, &format!("{m} {t}"), &item)?,
                }
                row += 1;
            }
            if let Some(line) = approval_line(annual.approved_by.as_deref(), annual.approved_on) {
                row += 1;
                text(ws, row, 0, &line, &heading)?;
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}

const PLAN_WIDTHS: [f64; 8] = [7.0, 12.0, 50.0, 26.0, 18.0, 24.0, 22.0, 18.0];

/// The plan's XLSX: the announcement's lines, then plan.csv's columns and the total.
pub fn plan_xlsx(
    agency: &Agency,
    fy: i32,
    plan: &Plan,
    meta: Option<&PlanMeta>,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let fm = Formats::new();
    let created = opts
        .created
        .or_else(|| plan_date(fy, meta))
        .unwrap_or_else(|| Date::from_days(0));
    let title = plan_title(agency, fy);
    let mut wb = workbook(agency, &title, created)?;
    let ws = wb.add_worksheet();
    ws.set_name("แผนการจัดซื้อจัดจ้าง")?;
    for (col, width) in (0u16..).zip(PLAN_WIDTHS) {
        ws.set_column_width(col, width)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    let mut row = title_rows(ws, agency, &[title, agency_line(agency)], 7)?;
    let para = Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for p in plan_preamble(agency, fy, meta) {
        ws.merge_range(row, 0, row, 7, &crate::neutralise_formula(&p), &para)?;
        // A merged cell does not grow with its text: give the long preamble room.
        if p.chars().count() > 120 {
            ws.set_row_height(row, 40.0)?;
        }
        row += 1;
    }
    row += 1;
    for (col, h) in (0u16..).zip(plan_headers()) {
        ours(ws, row, col, h, &fm.header)?;
    }
    ws.set_freeze_panes(row + 1, 0)?;
    ws.set_repeat_rows(row, row)?;
    row += 1;
    for l in &plan.lines {
        for (col, cell) in (0u16..).zip(plan_cells(l)) {
            if col == 0 {
                ws.write_number_with_format(row, col, f64::from(l.seq), &fm.number)?;
            } else if PLAN_MONEY_COLUMNS.contains(&usize::from(col)) {
                ws.write_number_with_format(row, col, l.budget.as_f64(), &fm.money)?;
            } else {
                text(ws, row, col, &cell, &fm.text)?;
            }
        }
        row += 1;
    }
    let strong = bold(&fm.text);
    for col in 0..8u16 {
        ours(ws, row, col, "", &strong)?;
    }
    ours(
        ws,
        row,
        2,
        &format!("รวม {} รายการ", plan.lines.len()),
        &strong,
    )?;
    ws.write_number_with_format(row, 4, plan_total(&plan.lines).as_f64(), &bold(&fm.money))?;
    Ok(wb.save_to_buffer()?)
}
