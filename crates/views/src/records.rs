use crate::outputs::{self, Kind};
use crate::years::{TallyView, tally_view};
use crate::{Options, PageView, urls};
use prongsai_model::{Data, Procurement, SupplierKey, suppliers};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct BidView {
    name: String,
    price: String,
    winner: bool,
    /// What the bid list says became of the bid (ไม่ผ่านคุณสมบัติ, ถอนตัว…), when it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// The day the bid was submitted, when the bid list says.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// The agency's คำชี้แจง and the findings it answers.
#[derive(Serialize)]
struct ExplanationView<'a> {
    text: &'a str,
    answers: Vec<Answered>,
}

/// A finding an explanation answers: its code and Thai title.
#[derive(Serialize)]
struct Answered {
    code: &'static str,
    title: &'static str,
}

#[derive(Serialize)]
struct SourceView<'a> {
    file: &'a str,
    line: u32,
    layout: &'static str,
}

#[derive(Serialize)]
struct EgpSource {
    file: String,
    line: u32,
}

#[derive(Serialize)]
struct RecordView<'a> {
    id: String,
    fy: i32,
    fy_label: String,
    year_url: String,
    month_label: String,
    month_url: String,
    seq: String,
    title: &'a str,
    egp_project_no: Option<&'a str>,
    plan_id: Option<&'a str>,
    plan_url: Option<String>,
    plan_title: Option<&'a str>,
    budget: String,
    budget_source: &'a str,
    reference_price: String,
    method: &'static str,
    method_open: bool,
    bids: Vec<BidView>,
    winner: Option<&'a str>,
    winner_tin: Option<String>,
    supplier_url: Option<String>,
    agreed: String,
    savings: Option<String>,
    reason: Option<&'a str>,
    contract_no: Option<&'a str>,
    contract_date: String,
    contract_end: String,
    status: &'static str,
    legal_ground: Option<&'a str>,
    explanation: Option<ExplanationView<'a>>,
    /// วันที่ประกาศเชิญชวน – วันสิ้นสุดการยื่นข้อเสนอ, when given.
    tender_start: Option<String>,
    tender_end: Option<String>,
    unspsc: Option<String>,
    any_bid_date: bool,
    /// The aliases of the fields no file of the record gives, so the page says ไม่ระบุ rather
    /// than a blank that reads as nothing. Empty (no allocation) for a template month.
    not_given: Vec<&'static str>,
    /// The files and rows the record was read from (two when a month is given in two layouts).
    sources: Vec<SourceView<'a>>,
    /// The aliases of the fields whose value came from e-GP (`<FY>/egp/`), and by alias what the
    /// page writes beside a field: จาก e-GP, or e-GP's value where it differs. Empty without e-GP.
    egp_filled: Vec<&'static str>,
    egp_notes: std::collections::BTreeMap<&'static str, String>,
    /// The e-GP file and line the record was joined with.
    #[serde(skip_serializing_if = "Option::is_none")]
    egp_source: Option<EgpSource>,
    /// The whole year's record lists, as the build writes them.
    year_downloads: Vec<crate::Link>,
}

pub(crate) fn record_page(data: &Data, r: &Procurement, opts: &Options) -> PageView {
    let f = opts.fmt;
    let fy = r.fiscal_year();
    let plan_line = r
        .plan_id
        .as_deref()
        .and_then(|id| data.years.get(&fy).and_then(|y| y.plan_line(id.trim())));
    let winner = prongsai_model::winner_name(r);
    let supplier_url = winner.map(|w| urls::supplier(&SupplierKey::of(w, r.winner_tin.as_ref())));
    let egp = crate::egp::record_notes(r, opts);
    let view = RecordView {
        id: r.id(),
        fy,
        fy_label: format!("ปีงบประมาณ พ.ศ. {}", f.year(fy)),
        year_url: urls::year(fy),
        month_label: f.month(r.month),
        month_url: urls::month(r.month),
        seq: f.int(r.seq),
        title: &r.title,
        egp_project_no: r.egp_project_no.as_ref().map(|n| n.as_str()),
        plan_id: r.plan_id.as_deref(),
        plan_url: plan_line.map(|l| urls::plan_line(fy, &l.plan_id)),
        plan_title: plan_line.map(|l| l.title.as_str()),
        budget: f.money(r.budget),
        budget_source: r.budget_source_text(),
        reference_price: f.money_opt(r.reference_price),
        method: r.method.thai(),
        method_open: r.method.is_open(),
        bids: r
            .bids
            .iter()
            .map(|b| BidView {
                name: b.name.clone(),
                price: f.money_opt(b.price),
                winner: winner.is_some_and(|w| {
                    prongsai_model::normalise_name(w) == prongsai_model::normalise_name(&b.name)
                }),
                status: b.status.map(prongsai_model::BidStatus::thai),
                date: b.date.map(|d| f.date(d)),
            })
            .collect(),
        winner,
        winner_tin: r.winner_tin.as_ref().map(|t| f.digits(t.grouped())),
        supplier_url,
        agreed: f.money_opt(r.agreed_price),
        savings: r.savings().map(|s| f.money(s)),
        reason: r.reason.as_deref(),
        contract_no: r.contract_no.as_deref(),
        contract_date: f.date_opt(r.contract_date),
        contract_end: f.date_opt(r.contract_end),
        status: r.status_text(),
        legal_ground: r.legal_ground(),
        not_given: prongsai_model::Field::MONTH
            .iter()
            .filter(|f| !r.given(**f))
            .map(|f| f.alias())
            .collect(),
        sources: std::iter::once((&r.file, r.line))
            .chain(r.joined.as_deref().map(|j| (&j.file, j.line)))
            .map(|(file, line)| SourceView {
                file: &file.path,
                line,
                layout: file.layout.thai(),
            })
            .collect(),
        explanation: r.explanation().map(|text| ExplanationView {
            text,
            answers: prongsai_model::findings::confirmable(r)
                .into_iter()
                .map(|c| Answered {
                    code: c.code,
                    title: c.title_th,
                })
                .collect(),
        }),
        tender_start: r.tender_start.map(|d| f.date(d)),
        tender_end: r.tender_end.map(|d| f.date(d)),
        unspsc: r.unspsc.as_ref().map(|u| f.digits(u.to_string())),
        any_bid_date: r.bids.iter().any(|b| b.date.is_some()),
        egp_filled: egp.filled,
        egp_notes: egp.notes,
        egp_source: egp.source.map(|(file, line)| EgpSource { file, line }),
        year_downloads: data.years.get(&fy).map_or_else(Vec::new, |y| {
            outputs::output(Kind::Procurements)
                .files(y, opts.as_of)
                .iter()
                .map(crate::years::download_link)
                .collect()
        }),
    };
    PageView::new(
        urls::record(r),
        "procurement-record.html",
        r.title.clone(),
        // Link previews show this under the title: the amount is what readers look for.
        match r.agreed_price {
            Some(p) => format!(
                "ราคาที่ตกลง {} บาท · {} · {} · {}",
                f.money(p),
                r.method.thai(),
                f.month(r.month),
                r.status_text()
            ),
            None => format!(
                "วงเงินงบประมาณ {} บาท · {} · {} · {}",
                f.money(r.budget),
                r.method.thai(),
                f.month(r.month),
                r.status_text()
            ),
        },
        view,
    )
    .updated(data.years.get(&fy).map_or(opts.as_of, |y| {
        crate::dates::month_updated(y, r.month, opts.as_of)
    }))
}

pub fn record_pages(data: &Data, opts: &Options) -> Vec<PageView> {
    let records: Vec<&Procurement> = data.records().collect();
    records
        .par_iter()
        .map(|r| record_page(data, r, opts))
        .collect()
}

#[derive(Serialize)]
struct SupplierRow {
    name: String,
    url: String,
    tin: Option<String>,
    count: String,
    count_n: u32,
    agreed: String,
    agreed_n: f64,
}

#[derive(Serialize)]
struct SupplierRecord {
    url: String,
    title: String,
    month: String,
    /// `2568-10`, for sorting the column by date rather than by its Thai text.
    month_key: String,
    method: &'static str,
    agreed: String,
    agreed_n: f64,
    status: &'static str,
}

pub fn supplier_pages(data: &Data, opts: &Options) -> Vec<PageView> {
    let f = opts.fmt;
    let all = suppliers(data.records());
    if all.is_empty() {
        return Vec::new();
    }
    let mut rows: Vec<SupplierRow> = all
        .iter()
        .map(|s| {
            let count: u32 = s.by_year.values().map(|t| t.count).sum();
            let agreed: prongsai_model::Money = s.by_year.values().map(|t| t.agreed).sum();
            SupplierRow {
                name: s.name.clone(),
                url: urls::supplier(&s.key),
                tin: s.tin.as_ref().map(|t| f.digits(t.grouped())),
                count: f.int(count),
                count_n: count,
                agreed: f.money(agreed),
                agreed_n: agreed.as_f64(),
            }
        })
        .collect();
    // Largest first: the question readers ask is "who wins the most".
    rows.sort_by(|a, b| {
        b.agreed_n
            .total_cmp(&a.agreed_n)
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut out = vec![
        PageView::new(
            urls::suppliers(),
            "suppliers.html",
            "ผู้ประกอบการที่ได้รับการคัดเลือก".into(),
            "ผู้ประกอบการทุกรายที่ได้รับการคัดเลือก พร้อมจำนวนและมูลค่าสัญญา".into(),
            serde_json::json!({ "rows": rows, "count": rows.len() }),
        )
        .updated(crate::dates::data_updated(data, opts.as_of).unwrap_or(opts.as_of)),
    ];
    out.par_extend(all.par_iter().map(|s| {
        let years: Vec<TallyView> = s
            .by_year
            .iter()
            .rev()
            .map(|(y, t)| tally_view(format!("พ.ศ. {}", f.year(*y)), t, opts))
            .collect();
        let mut records: Vec<&&Procurement> = s.records.iter().collect();
        records.sort_by(|a, b| b.month.cmp(&a.month).then(b.seq.cmp(&a.seq)));
        let records: Vec<SupplierRecord> = records
            .iter()
            .map(|r| SupplierRecord {
                url: urls::record(r),
                title: r.title.clone(),
                month: f.month_short(r.month),
                month_key: r.month.key(),
                method: r.method.thai(),
                agreed: f.money_opt(r.agreed_price),
                agreed_n: r.agreed_price.map(|m| m.as_f64()).unwrap_or_default(),
                status: r.status_text(),
            })
            .collect();
        PageView::new(
            urls::supplier(&s.key),
            "supplier.html",
            s.name.clone(),
            format!("งานที่ {} ได้รับการคัดเลือก แยกตามปีงบประมาณ", s.name),
            serde_json::json!({
                "name": s.name,
                "tin": s.tin.as_ref().map(|t| f.digits(t.grouped())),
                "years": years,
                "records": records,
                "suppliers_url": urls::suppliers(),
            }),
        )
        .updated(
            s.records
                .iter()
                .filter_map(|r| {
                    data.years
                        .get(&r.fiscal_year())
                        .map(|y| crate::dates::month_updated(y, r.month, opts.as_of))
                })
                .max()
                .unwrap_or(opts.as_of),
        )
    }));
    out
}
