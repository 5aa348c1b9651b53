use crate::outputs::{self, Format, Kind, Period};
use crate::{Link, Options, PageView, urls};
use prongsai_charts::{Bar, Column, bar_chart, column_chart};
use prongsai_model::{
    Data, FiscalYear, Method, PlanProgress, Procurement, Tally, YearMonth, YearSummary,
    fiscal_year_months,
};
use prongsai_text::markdown::report_html;
use serde::Serialize;

/// A tally as shown: formatted figures plus the raw number a chart or a sort needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TallyView {
    pub label: String,
    pub count: String,
    pub count_n: u32,
    pub cancelled: u32,
    pub budget: String,
    pub agreed: String,
    pub agreed_n: f64,
    pub savings: String,
    pub savings_percent: String,
}

pub fn tally_view(label: String, t: &Tally, opts: &Options) -> TallyView {
    let f = opts.fmt;
    TallyView {
        label,
        count: f.int(t.count),
        count_n: t.count,
        cancelled: t.cancelled,
        budget: f.money(t.budget),
        agreed: f.money(t.agreed),
        agreed_n: t.agreed.as_f64(),
        savings: f.money(t.savings),
        savings_percent: f.percent(t.savings_percent()),
    }
}

/// The headline figures of a year (home page and year overview).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Glance {
    pub fy: i32,
    pub fy_label: String,
    pub url: String,
    pub planned_budget: String,
    pub plan_lines: String,
    pub total: TallyView,
    pub by_method: Vec<TallyView>,
    pub months_published: u32,
    pub months_ended: u32,
}

pub fn glance(fy: &FiscalYear, opts: &Options) -> Glance {
    let s = YearSummary::of(fy);
    let f = opts.fmt;
    let grid = month_grid(fy, &s, opts);
    Glance {
        fy: fy.year,
        fy_label: format!("ปีงบประมาณ พ.ศ. {}", f.year(fy.year)),
        url: urls::year(fy.year),
        planned_budget: f.money(s.planned_budget),
        plan_lines: f.int(s.plan_lines),
        total: tally_view("รวม".to_owned(), &s.all, opts),
        by_method: s
            .by_method
            .iter()
            .map(|(m, t)| tally_view(m.thai().to_owned(), t, opts))
            .collect(),
        months_published: grid
            .iter()
            .filter(|c| matches!(c.state, "published" | "empty"))
            .count() as u32,
        months_ended: grid.iter().filter(|c| c.state != "upcoming").count() as u32,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthCell {
    pub key: String,
    pub label: String,
    pub label_short: String,
    /// `published` (has records), `empty` (file with no rows: ไม่มีการจัดซื้อจัดจ้าง),
    /// `missing` (ended, no file: not yet published), `upcoming` (not ended, no file).
    pub state: &'static str,
    pub state_th: &'static str,
    pub url: Option<String>,
    pub count: String,
    pub value: String,
    pub xlsx: Option<String>,
    pub pdf: Option<String>,
    /// For a missing month: `เลยกำหนดเผยแพร่ 3 วัน (ครบกำหนด 15 ธ.ค. 2569)` or its due date.
    pub due_th: Option<String>,
    pub overdue: bool,
}

pub fn month_grid(fy: &FiscalYear, s: &YearSummary, opts: &Options) -> Vec<MonthCell> {
    let f = opts.fmt;
    let months = outputs::output(Kind::Month);
    fiscal_year_months(fy.year)
        .into_iter()
        .map(|ym| {
            let file = fy.months.get(&ym);
            let ended = ym.last_day().is_some_and(|d| d < opts.as_of);
            let (state, state_th) = match file {
                Some(m) if !m.records.is_empty() => ("published", "เผยแพร่แล้ว"),
                Some(_) => ("empty", "ไม่มีการจัดซื้อจัดจ้าง"),
                None if ended => ("missing", "ยังไม่เผยแพร่"),
                None => ("upcoming", "ยังไม่สิ้นเดือน"),
            };
            let t = s.by_month.get(&ym).cloned().unwrap_or_default();
            // The same gap `check` reports (C201), so the grid and the check never disagree.
            let gap = (state == "missing")
                .then(|| prongsai_model::month_due(ym, &opts.due))
                .flatten()
                .map(|due| prongsai_model::Gap {
                    fiscal_year: fy.year,
                    what: prongsai_model::Disclosure::Month(ym),
                    due,
                    overdue_days: opts.as_of.days() - due.days(),
                });
            MonthCell {
                due_th: gap.as_ref().map(prongsai_model::Gap::status_th),
                overdue: gap.as_ref().is_some_and(prongsai_model::Gap::is_overdue),
                key: ym.key(),
                label: f.month(ym),
                label_short: f.month_short(ym),
                state,
                state_th,
                url: file.map(|_| urls::month(ym)),
                count: f.int(t.count + t.cancelled),
                value: f.money(t.agreed),
                xlsx: months.link(fy, Period::Month(ym), Format::Xlsx, opts.as_of),
                pdf: months.link(fy, Period::Month(ym), Format::Pdf, opts.as_of),
            }
        })
        .collect()
}

/// A fiscal year's downloads: exactly the files the build writes for it on `as_of`
/// ([`outputs::files`], which the render stage's download jobs write), months aside: the
/// month grid links those.
fn year_downloads(fy: &FiscalYear, opts: &Options) -> Vec<Link> {
    outputs::files(fy, opts.as_of)
        .into_iter()
        .filter(|f| f.kind != Kind::Month)
        .map(|f| download_link(&f))
        .collect()
}

/// The plan's downloads, as the plan page lists them.
fn plan_downloads(fy: &FiscalYear, opts: &Options) -> Vec<Link> {
    outputs::files(fy, opts.as_of)
        .into_iter()
        .filter(|f| matches!(f.kind, Kind::PlanDocument | Kind::PlanData))
        .map(|f| download_link(&f))
        .collect()
}

/// A download as a year's list names it.
pub(crate) fn download_link(f: &outputs::File) -> Link {
    let y = f.fy;
    let what = match (f.kind, f.period) {
        (Kind::Procurements, _) => "รายการจัดซื้อจัดจ้างทั้งปี".to_owned(),
        (Kind::AnnualSummary, _) => format!("แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ {y}"),
        (Kind::Quarter, Period::Quarter(q)) => format!("แบบ สขร.1 ไตรมาสที่ {q}"),
        (Kind::PlanDocument, _) if f.format == Format::Pdf => {
            "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง".to_owned()
        }
        (Kind::PlanDocument | Kind::PlanData, _) => "แผนการจัดซื้อจัดจ้าง".to_owned(),
        // One file each, in one format: the package is its own name.
        (Kind::Ocds, _) => {
            return named(
                f,
                "Open Contracting Data Standard (OCDS 1.1) ชุดรายการเผยแพร่ (release package)",
            );
        }
        (Kind::OcdsRecords, _) => {
            return named(
                f,
                "Open Contracting Data Standard (OCDS 1.1) ชุดระเบียนรวม (record package)",
            );
        }
        // Month files are linked from the month grid and the month page.
        _ => "ข้อมูล".to_owned(),
    };
    named(f, &format!("{what} ({})", format_named(f.format)))
}

/// A format as a link names it: a CSV says it opens in Excel.
fn format_named(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV สำหรับ Excel",
        other => other.label(),
    }
}

fn named(f: &outputs::File, label: &str) -> Link {
    Link {
        label: label.to_owned(),
        url: f.url.clone(),
        format: f.format.label(),
    }
}

#[derive(Serialize)]
struct YearsIndex {
    years: Vec<Glance>,
}

pub fn years_index(data: &Data, opts: &Options) -> PageView {
    let years = data
        .years
        .values()
        .rev()
        .map(|fy| glance(fy, opts))
        .collect();
    PageView::new(
        urls::years(),
        "procurement-years.html",
        "การจัดซื้อจัดจ้าง".into(),
        "แผน ความก้าวหน้า และผลการจัดซื้อจัดจ้าง แยกตามปีงบประมาณ".into(),
        YearsIndex { years },
    )
    .updated(crate::dates::data_updated(data, opts.as_of).unwrap_or(opts.as_of))
}

/// Overview, plan, months and annual report of one fiscal year.
pub fn year_pages(fy: &FiscalYear, opts: &Options) -> Vec<PageView> {
    let s = YearSummary::of(fy);
    let mut out = vec![overview(fy, &s, opts)];
    if fy.plan.is_some() {
        out.push(plan_page(fy, opts));
    }
    let months: Vec<YearMonth> = fy.months.keys().copied().collect();
    for (i, ym) in months.iter().enumerate() {
        out.push(month_page(
            fy,
            *ym,
            i.checked_sub(1).map(|p| months[p]),
            months.get(i + 1).copied(),
            opts,
        ));
    }
    if prongsai_model::annual_report_shown(fy, opts.as_of) {
        out.push(annual_page(fy, &s, opts));
    }
    out
}

#[derive(Serialize)]
struct Overview {
    glance: Glance,
    by_method: Vec<TallyView>,
    by_source: Vec<TallyView>,
    months: Vec<MonthCell>,
    chart_months: String,
    chart_methods: String,
    chart_sources: String,
    downloads: Vec<Link>,
    plan_url: Option<String>,
    annual_url: String,
    has_annual: bool,
    /// The cross-check with e-GP, when the year has `egp/` data and the site shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    egp: Option<crate::egp::YearCheck>,
}

fn overview(fy: &FiscalYear, s: &YearSummary, opts: &Options) -> PageView {
    let f = opts.fmt;
    let by_method: Vec<TallyView> = s
        .by_method
        .iter()
        .map(|(m, t)| tally_view(m.thai().to_owned(), t, opts))
        .collect();
    let by_source: Vec<TallyView> = s
        .by_budget_source
        .iter()
        .map(|(k, t)| tally_view(k.clone(), t, opts))
        .collect();
    let months = month_grid(fy, s, opts);
    let year = f.year(fy.year);
    let chart_months = column_chart(
        &format!("chart-months-{}", fy.year),
        &format!("มูลค่าที่ตกลงซื้อหรือจ้างรายเดือน ปีงบประมาณ {year}"),
        "แผนภูมิแท่งแสดงมูลค่าตามสัญญาในแต่ละเดือน ตัวเลขเดียวกันอยู่ในตารางรายเดือน",
        &months
            .iter()
            .map(|c| {
                let t = s
                    .by_month
                    .get(&parse_key(&c.key))
                    .cloned()
                    .unwrap_or_default();
                Column {
                    label: c
                        .label_short
                        .split(' ')
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                    value: t.agreed.as_f64(),
                    display: format!("{} บาท", c.value),
                }
            })
            .collect::<Vec<_>>(),
    );
    let bars = |items: &[TallyView]| -> Vec<Bar> {
        items
            .iter()
            .map(|t| Bar {
                label: t.label.clone(),
                value: t.agreed_n,
                display: format!("{} บาท ({} รายการ)", t.agreed, t.count),
            })
            .collect()
    };
    let chart_methods = bar_chart(
        &format!("chart-methods-{}", fy.year),
        &format!("มูลค่าตามวิธีการจัดซื้อจัดจ้าง ปีงบประมาณ {year}"),
        "แผนภูมิแท่งแนวนอน ตัวเลขเดียวกันอยู่ในตารางตามวิธีการจัดซื้อจัดจ้าง",
        &bars(&by_method),
    );
    let chart_sources = bar_chart(
        &format!("chart-sources-{}", fy.year),
        &format!("มูลค่าตามแหล่งที่มาของงบประมาณ ปีงบประมาณ {year}"),
        "แผนภูมิแท่งแนวนอน ตัวเลขเดียวกันอยู่ในตารางตามแหล่งที่มาของงบประมาณ",
        &bars(&by_source),
    );
    PageView::new(
        urls::year(fy.year),
        "procurement-year.html",
        format!("การจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {year}"),
        format!("ภาพรวม แผน และผลการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ พ.ศ. {year}"),
        Overview {
            glance: glance(fy, opts),
            by_method,
            by_source,
            months,
            chart_months,
            chart_methods,
            chart_sources,
            downloads: year_downloads(fy, opts),
            plan_url: fy.plan.as_ref().map(|_| urls::plan(fy.year)),
            annual_url: urls::annual(fy.year),
            has_annual: fy.annual.is_some(),
            egp: crate::egp::year_check(fy, opts),
        },
    )
    .updated(crate::dates::year_updated(fy, opts.as_of))
}

fn parse_key(key: &str) -> YearMonth {
    let (y, m) = key.split_once('-').unwrap_or_default();
    YearMonth::new(y.parse().unwrap_or_default(), m.parse().unwrap_or_default())
}

#[derive(Serialize)]
struct RecordRef {
    id: String,
    url: String,
    title: String,
    agreed: String,
    status: &'static str,
    month: String,
}

fn record_ref(r: &Procurement, opts: &Options) -> RecordRef {
    RecordRef {
        id: r.id(),
        url: urls::record(r),
        title: r.title.clone(),
        agreed: opts.fmt.money_opt(r.agreed_price),
        status: r.status_text(),
        month: opts.fmt.month_short(r.month),
    }
}

#[derive(Serialize)]
struct PlanRow {
    seq: String,
    plan_id: String,
    anchor: String,
    title: String,
    division: String,
    budget: String,
    budget_n: f64,
    budget_source: String,
    method: &'static str,
    expected_month: String,
    expected_key: String,
    progress: PlanProgress,
    progress_th: &'static str,
    agreed: String,
    records: Vec<RecordRef>,
}

fn plan_page(fy: &FiscalYear, opts: &Options) -> PageView {
    let f = opts.fmt;
    let progress = YearSummary::plan_progress(fy);
    let lines = fy
        .plan
        .as_ref()
        .map(|p| p.lines.as_slice())
        .unwrap_or_default();
    let rows: Vec<PlanRow> = lines
        .iter()
        .zip(progress)
        .map(|(l, (p, recs))| PlanRow {
            seq: f.int(l.seq),
            plan_id: l.plan_id.clone(),
            anchor: urls::plan_anchor(&l.plan_id),
            title: l.title.clone(),
            division: l.division.clone(),
            budget: f.money(l.budget),
            budget_n: l.budget.as_f64(),
            budget_source: l.budget_source.clone(),
            method: l.method.thai(),
            expected_month: f.month_short(l.expected_month),
            expected_key: l.expected_month.key(),
            progress: p,
            progress_th: p.thai(),
            agreed: f.money(
                recs.iter()
                    .filter(|r| !r.is_cancelled())
                    .filter_map(|r| r.agreed_price)
                    .sum(),
            ),
            records: recs.iter().map(|r| record_ref(r, opts)).collect(),
        })
        .collect();
    let count = |p: PlanProgress| rows.iter().filter(|r| r.progress == p).count();
    let meta = fy.plan_meta.as_ref();
    let year = f.year(fy.year);
    PageView::new(
        urls::plan(fy.year),
        "procurement-plan.html",
        format!("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {year}"),
        format!(
            "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ ปีงบประมาณ พ.ศ. {year} พร้อมความก้าวหน้าของแต่ละรายการ"
        ),
        serde_json::json!({
            "fy": fy.year,
            "year_url": urls::year(fy.year),
            "rows": rows,
            "total": f.money(lines.iter().map(|l| l.budget).sum()),
            "count": f.int(lines.len() as i64),
            "not_started": count(PlanProgress::NotStarted),
            "in_progress": count(PlanProgress::InProgress),
            "contracted": count(PlanProgress::Contracted),
            "approved_on": meta.and_then(|m| m.approved_on).map(|d| f.date(d)),
            "published_on": meta.and_then(|m| m.published_on).map(|d| f.date(d)),
            "egp_plan_no": meta.and_then(|m| m.egp_plan_no.clone()),
            "note": meta.and_then(|m| m.note.clone()),
            "over_500k": lines.iter().any(|l| l.budget > prongsai_model::Money::from_baht(500_000)),
            "downloads": plan_downloads(fy, opts),
        }),
    )
    .updated(crate::dates::plan_updated(fy, opts.as_of))
}

/// One row of the แบบ สขร.1 table.
#[derive(Serialize)]
pub struct Sor1Row {
    pub seq: String,
    pub url: String,
    pub title: String,
    pub budget: String,
    pub reference_price: String,
    pub method: &'static str,
    pub bids: Vec<String>,
    pub winner: String,
    pub agreed: String,
    pub reason: String,
    pub contract_no: String,
    pub contract_date: String,
    /// ISO date, for sorting the column by date rather than by its Thai text.
    pub contract_key: String,
    pub status: &'static str,
    pub cancelled: bool,
}

pub fn sor1_row(r: &Procurement, opts: &Options) -> Sor1Row {
    let f = opts.fmt;
    Sor1Row {
        seq: f.int(r.seq),
        url: urls::record(r),
        title: r.title.clone(),
        budget: f.money(r.budget),
        reference_price: f.money_opt(r.reference_price),
        method: r.method.thai(),
        bids: r
            .bids
            .iter()
            .map(|b| match b.price {
                Some(p) => format!("{} {} บาท{}", b.name, f.money(p), b.marker()),
                None => format!("{}{}", b.name, b.marker()),
            })
            .collect(),
        winner: r.winner.clone().unwrap_or_else(|| "-".into()),
        agreed: f.money_opt(r.agreed_price),
        reason: r.reason.clone().unwrap_or_else(|| "-".into()),
        contract_no: r.contract_no.clone().unwrap_or_else(|| "-".into()),
        contract_date: f.date_opt(r.contract_date),
        contract_key: r.contract_date.map(|d| d.iso()).unwrap_or_default(),
        status: r.status_text(),
        cancelled: r.is_cancelled(),
    }
}

fn month_page(
    fy: &FiscalYear,
    ym: YearMonth,
    prev: Option<YearMonth>,
    next: Option<YearMonth>,
    opts: &Options,
) -> PageView {
    let f = opts.fmt;
    let records = fy
        .months
        .get(&ym)
        .map(|m| m.records.as_slice())
        .unwrap_or_default();
    let rows: Vec<Sor1Row> = records.iter().map(|r| sor1_row(r, opts)).collect();
    let mut t = Tally::default();
    for r in records {
        t.add(r);
    }
    let label = f.month(ym);
    let nav = |o: Option<YearMonth>| {
        o.map(|m| serde_json::json!({ "url": urls::month(m), "label": f.month(m) }))
    };
    PageView::new(
        urls::month(ym),
        "procurement-month.html",
        format!("สรุปผลการจัดซื้อจัดจ้าง เดือน{label}"),
        format!("แบบ สขร.1 สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{label}"),
        serde_json::json!({
            "fy": fy.year,
            "fy_label": format!("ปีงบประมาณ พ.ศ. {}", f.year(fy.year)),
            "year_url": urls::year(fy.year),
            "key": ym.key(),
            "label": label,
            "rows": rows,
            "count": rows.len(),
            "total": tally_view("รวม".into(), &t, opts),
            "prev": nav(prev),
            "next": nav(next),
            "downloads": month_downloads(fy, ym, &label, opts),
        }),
    )
    .updated(crate::dates::month_updated(fy, ym, opts.as_of))
}

/// A month's downloads, as its page lists them; `label` is the month as the page names it.
fn month_downloads(fy: &FiscalYear, ym: YearMonth, label: &str, opts: &Options) -> Vec<Link> {
    let months = outputs::output(Kind::Month);
    months
        .formats
        .iter()
        .filter_map(|&format| {
            let url = months.link(fy, Period::Month(ym), format, opts.as_of)?;
            let what = match format {
                Format::Xlsx => format!("รายการตามแบบ ITA เดือน{label}"),
                _ => format!("แบบ สขร.1 เดือน{label}"),
            };
            Some(Link {
                label: format!("{what} ({})", format_named(format)),
                url,
                format: format.label(),
            })
        })
        .collect()
}

fn annual_page(fy: &FiscalYear, s: &YearSummary, opts: &Options) -> PageView {
    let f = opts.fmt;
    let year = f.year(fy.year);
    let narrative = fy.annual.as_ref().map(|a| report_html(&a.body));
    let methods: Vec<TallyView> = Method::ALL
        .iter()
        .filter_map(|m| {
            s.by_method
                .get(m)
                .map(|t| tally_view(m.thai().to_owned(), t, opts))
        })
        .collect();
    PageView::new(
        urls::annual(fy.year),
        "procurement-annual.html",
        format!("รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year}"),
        format!("สรุปผลการจัดซื้อจัดจ้าง ปัญหาอุปสรรค และแนวทางการปรับปรุง ประจำปีงบประมาณ พ.ศ. {year}"),
        serde_json::json!({
            "fy": fy.year,
            "year_url": urls::year(fy.year),
            "total": tally_view("รวม".into(), &s.all, opts),
            "by_method": methods,
            "by_source": s.by_budget_source.iter().map(|(k, t)| tally_view(k.clone(), t, opts)).collect::<Vec<_>>(),
            "narrative": narrative,
            "approved_by": fy.annual.as_ref().and_then(|a| a.approved_by.clone()),
            "approved_on": fy.annual.as_ref().and_then(|a| a.approved_on).map(|d| f.date(d)),
            "downloads": year_downloads(fy, opts),
        }),
    )
    .updated(crate::dates::year_updated(fy, opts.as_of))
}
