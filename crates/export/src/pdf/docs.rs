//! The documents assessors ask for besides the month's แบบ สขร.1, laid out with the same parts:
//! `data/<FY>/quarters/<FY>-Q<n>.pdf` (ITA O11), `data/<FY>/annual-summary.pdf` (ITA O12) and
//! `data/<FY>/plan.pdf` (ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง, มาตรา 11).

use super::{
    Align, BODY_SIZE, CELL_PAD, Columns, DocInfo, Face, Layout, SUBTITLE_SIZE, ShapeCache,
    agency_year_line, document, line_height, skr1_table,
};
use crate::form::{
    Block, NO_NARRATIVE, PLAN_MONEY_COLUMNS, QuarterMonth, SUMMARY_HEADERS, annual_title,
    approval_line, month_heading, narrative_blocks, not_published, plan_cells, plan_headers,
    plan_preamble, plan_title, plan_total, quarter_created, quarter_title, summary_tables,
    tally_cells,
};
use crate::{ExportError, ExportOptions};
use prongsai_model::{
    Agency, AnnualReport, Date, DueRules, FiscalYear, Plan, PlanMeta, YearMonth, fiscal_year_end,
    fiscal_year_start,
};

/// Room a heading keeps with what follows it: a table header and a row.
fn keep_with_table() -> f32 {
    line_height(BODY_SIZE) * 5.0 + 4.0 * CELL_PAD
}

/// The quarter's three months of แบบ สขร.1 in one document (ITA O11): each month under its
/// heading, an empty month stated as ไม่มีการจัดซื้อจัดจ้าง, a month without a file as
/// ยังไม่เผยแพร่ with its due date.
pub fn quarter_pdf(
    agency: &Agency,
    fy: i32,
    q: u8,
    months: &[(YearMonth, QuarterMonth<'_>)],
    due: &DueRules,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    quarter_pdf_with(agency, fy, q, months, due, opts, true, None)
}

/// [`quarter_pdf`] with the build's shared shaping cache (see [`super::month_pdf_shared`]): the
/// quarter draws the same rows as its months' documents, so its text is shaped already.
pub fn quarter_pdf_shared(
    agency: &Agency,
    fy: i32,
    q: u8,
    months: &[(YearMonth, QuarterMonth<'_>)],
    due: &DueRules,
    opts: &ExportOptions,
    shapes: &ShapeCache,
) -> Result<Vec<u8>, ExportError> {
    quarter_pdf_with(agency, fy, q, months, due, opts, true, Some(shapes))
}

#[allow(
    clippy::too_many_arguments,
    reason = "the public signature plus the test switches"
)]
fn quarter_pdf_with(
    agency: &Agency,
    fy: i32,
    q: u8,
    months: &[(YearMonth, QuarterMonth<'_>)],
    due: &DueRules,
    opts: &ExportOptions,
    cache: bool,
    shared: Option<&ShapeCache>,
) -> Result<Vec<u8>, ExportError> {
    let info = DocInfo {
        title: quarter_title(fy, q),
        subtitles: vec![agency_year_line(agency, fy)],
        subject: "แบบ สขร.1 รายไตรมาส",
        footer: "แบบ สขร.1",
        created: opts.created_for(quarter_created(months)),
    };
    document(agency, &info, cache, shared, |layout| {
        for (month, shown) in months {
            layout.heading(&month_heading(*month), SUBTITLE_SIZE, keep_with_table());
            match shown {
                QuarterMonth::Filed(records) => skr1_table(layout, records),
                QuarterMonth::Missing => {
                    layout.note_row(&not_published(*month, due));
                    layout.end_table();
                }
            }
        }
    })
}

fn summary_columns(group: &str) -> Columns {
    let mut header = vec![group.to_owned()];
    header.extend(SUMMARY_HEADERS.iter().map(|s| (*s).to_owned()));
    let mut align = vec![Align::Left, Align::Center, Align::Center];
    align.extend([Align::Right; 4]);
    Columns {
        widths: vec![226.0, 70.0, 50.0, 115.0, 115.0, 115.0, 95.0],
        header,
        align,
    }
}

/// The fiscal year's annual summary (แบบสรุปผลการจัดซื้อจัดจ้าง, ITA O12): the figures by
/// method, budget source and month, computed from the month files, then the narrative of
/// annual.md and its approval.
pub fn annual_summary_pdf(
    agency: &Agency,
    fy: &FiscalYear,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    annual_summary_pdf_with(agency, fy, opts, true, None)
}

/// [`annual_summary_pdf`] with the build's shared shaping cache.
pub fn annual_summary_pdf_shared(
    agency: &Agency,
    fy: &FiscalYear,
    opts: &ExportOptions,
    shapes: &ShapeCache,
) -> Result<Vec<u8>, ExportError> {
    annual_summary_pdf_with(agency, fy, opts, true, Some(shapes))
}

fn annual_summary_pdf_with(
    agency: &Agency,
    fy: &FiscalYear,
    opts: &ExportOptions,
    cache: bool,
    shared: Option<&ShapeCache>,
) -> Result<Vec<u8>, ExportError> {
    let info = DocInfo {
        title: annual_title(fy.year),
        subtitles: vec![crate::form::agency_line(agency)],
        subject: "แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ",
        footer: "แบบสรุปผลการจัดซื้อจัดจ้าง",
        created: opts
            .created
            .or_else(|| annual_date(fy.annual.as_ref(), fy.year))
            .unwrap_or_else(|| Date::from_days(0)),
    };
    document(agency, &info, cache, shared, |layout| {
        for table in summary_tables(fy) {
            layout.heading(&table.title, SUBTITLE_SIZE, keep_with_table());
            layout.begin_table(&summary_columns(table.group), 0.0);
            for (label, tally) in &table.rows {
                let mut cells = vec![label.clone()];
                cells.extend(tally_cells(tally));
                layout.record(&cells, Face::Regular);
            }
            let mut total = vec!["รวมทั้งสิ้น".to_owned()];
            total.extend(tally_cells(&table.total));
            layout.record(&total, Face::Bold);
            layout.end_table();
        }
        layout.heading(
            "ผลการวิเคราะห์ ปัญหาและอุปสรรค และแนวทางการปรับปรุง",
            SUBTITLE_SIZE,
            line_height(BODY_SIZE) * 3.0,
        );
        narrative(layout, fy.annual.as_ref());
    })
}

/// The annual documents' date: the day the report was approved, else the fiscal year's end.
pub(crate) fn annual_date(annual: Option<&AnnualReport>, fy: i32) -> Option<Date> {
    annual
        .and_then(|a| a.approved_on)
        .or_else(|| fiscal_year_end(fy))
}

fn narrative(layout: &mut Layout<'_, '_>, annual: Option<&AnnualReport>) {
    let Some(annual) = annual else {
        layout.paragraph(NO_NARRATIVE, 0.0);
        return;
    };
    for block in narrative_blocks(&annual.body) {
        match block {
            Block::Heading(t) => {
                layout.heading(&t, BODY_SIZE + 3.0, line_height(BODY_SIZE) * 3.0);
            }
            Block::Paragraph(t) => layout.paragraph(&t, 0.0),
            Block::Item(marker, t) => layout.paragraph(&format!("{marker} {t}"), 14.0),
        }
    }
    if let Some(line) = approval_line(annual.approved_by.as_deref(), annual.approved_on) {
        layout.heading(&line, BODY_SIZE + 2.0, 0.0);
    }
}

fn plan_columns() -> Columns {
    let widths = vec![40.0, 66.0, 220.0, 110.0, 80.0, 110.0, 90.0, 70.0];
    let align = (0..widths.len())
        .map(|c| {
            if c == 0 {
                Align::Center
            } else if PLAN_MONEY_COLUMNS.contains(&c) {
                Align::Right
            } else {
                Align::Left
            }
        })
        .collect();
    Columns {
        widths,
        header: plan_headers().map(str::to_owned).to_vec(),
        align,
    }
}

/// The procurement plan as the announcement มาตรา 11 asks for: the legal ground, approval and
/// e-GP details from plan.yaml, then every line of plan.csv and the total.
pub fn plan_pdf(
    agency: &Agency,
    fy: i32,
    plan: &Plan,
    meta: Option<&PlanMeta>,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    plan_pdf_with(agency, fy, plan, meta, opts, true, None)
}

/// [`plan_pdf`] with the build's shared shaping cache.
pub fn plan_pdf_shared(
    agency: &Agency,
    fy: i32,
    plan: &Plan,
    meta: Option<&PlanMeta>,
    opts: &ExportOptions,
    shapes: &ShapeCache,
) -> Result<Vec<u8>, ExportError> {
    plan_pdf_with(agency, fy, plan, meta, opts, true, Some(shapes))
}

/// The plan's date: when it was published, else approved, else the fiscal year's first day.
pub(crate) fn plan_date(fy: i32, meta: Option<&PlanMeta>) -> Option<Date> {
    meta.and_then(|m| m.published_on.or(m.approved_on))
        .or_else(|| fiscal_year_start(fy))
}

fn plan_pdf_with(
    agency: &Agency,
    fy: i32,
    plan: &Plan,
    meta: Option<&PlanMeta>,
    opts: &ExportOptions,
    cache: bool,
    shared: Option<&ShapeCache>,
) -> Result<Vec<u8>, ExportError> {
    let info = DocInfo {
        title: plan_title(agency, fy),
        subtitles: vec![format!(
            "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fy} {}",
            crate::form::agency_line(agency)
        )],
        subject: "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง",
        footer: "แผนการจัดซื้อจัดจ้าง (มาตรา 11)",
        created: opts
            .created
            .or_else(|| plan_date(fy, meta))
            .unwrap_or_else(|| Date::from_days(0)),
    };
    document(agency, &info, cache, shared, |layout| {
        for p in plan_preamble(agency, fy, meta) {
            layout.paragraph(&p, 0.0);
        }
        layout.y -= 4.0;
        layout.begin_table(&plan_columns(), line_height(BODY_SIZE) * 2.0);
        for l in &plan.lines {
            layout.record(&plan_cells(l), Face::Regular);
        }
        let total = plan_total(&plan.lines);
        let mut cells = vec![String::new(); 8];
        cells[2] = format!("รวม {} รายการ", plan.lines.len());
        cells[4] = total.to_string();
        layout.record(&cells, Face::Bold);
        layout.end_table();
    })
}
