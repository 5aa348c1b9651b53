//! `data/<FY>/procurements.json` and `data/<FY>/plan.json`.
//!
//! Both are an object with the year's metadata and a `records` array, not a bare array, so that
//! metadata (agency, sample flag, counts) can grow without breaking readers who index `records`.
//! Keys are the data contract's English aliases; every key is always present (`null` when the
//! month file left the cell empty) so consumers see one schema.

use prongsai_model::{
    Agency, Bid, Date, Field, FiscalYear, Money, PlanLine, PlanMeta, Procurement,
};
use serde::Serialize;

/// Bumped only on an incompatible change of these files' shape.
const SCHEMA: &str = "prongsai/procurements@1";
const PLAN_SCHEMA: &str = "prongsai/plan@1";

#[derive(Serialize)]
struct Source<'a> {
    file: &'a str,
    line: u32,
}

#[derive(Serialize)]
struct AgencyOut<'a> {
    name: &'a str,
    short_name: &'a str,
    agency_type: &'a str,
    district: &'a str,
    province: &'a str,
    ministry: &'a str,
    website: &'a str,
}

impl<'a> AgencyOut<'a> {
    fn new(a: &'a Agency) -> Self {
        AgencyOut {
            name: &a.name,
            short_name: &a.short_name,
            agency_type: &a.agency_type,
            district: &a.district,
            province: &a.province,
            ministry: &a.ministry,
            website: &a.website,
        }
    }
}

#[derive(Serialize)]
struct Record<'a> {
    id: String,
    month: String,
    fiscal_year: i32,
    seq: u32,
    egp_project_no: Option<&'a str>,
    plan_id: Option<&'a str>,
    title: &'a str,
    budget: Money,
    budget_source: Option<&'a str>,
    reference_price: Option<Money>,
    method: &'static str,
    bids: &'a [Bid],
    winner: Option<&'a str>,
    winner_tin: Option<&'a str>,
    agreed_price: Option<Money>,
    reason: Option<&'a str>,
    contract_no: Option<&'a str>,
    contract_date: Option<Date>,
    contract_end: Option<Date>,
    /// `null` when no file of the record gives it (then also in `not_given`).
    status: Option<&'static str>,
    legal_ground: Option<&'a str>,
    /// The agency's คำชี้แจง, and the findings it answers.
    explanation: Option<&'a str>,
    explanation_answers: Vec<&'static str>,
    tender_start: Option<Date>,
    tender_end: Option<Date>,
    unspsc: Option<&'a prongsai_model::Unspsc>,
    /// The fields no file of the record gives (the สขร.1 form has no budget source, the ITA list
    /// no bids): their values are `null` or empty because they are not given, not because
    /// they are nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_given: Vec<&'static str>,
    source: Source<'a>,
    /// The e-GP contract the record was joined with (`<FY>/egp/`), when the year has e-GP data.
    #[serde(skip_serializing_if = "Option::is_none")]
    egp: Option<EgpOut<'a>>,
}

/// Which values came from e-GP, and e-GP's value where it differs from the agency's (the
/// record's own keys keep the agency's).
#[derive(Serialize)]
struct EgpOut<'a> {
    project_no: &'a str,
    source: Source<'a>,
    /// Keys of the record whose value no file of the agency gives: e-GP's.
    filled: Vec<&'static str>,
    /// By key, e-GP's value where the agency's differs.
    differs: std::collections::BTreeMap<&'static str, ValueOut>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ValueOut {
    Money(Money),
    Date(Date),
    Text(String),
}

impl<'a> EgpOut<'a> {
    fn new(l: &'a prongsai_model::EgpLink) -> Self {
        use prongsai_model::EgpValue;
        EgpOut {
            project_no: l.project_no.as_str(),
            source: Source {
                file: &l.file.path,
                line: l.line,
            },
            filled: l.filled.iter().map(|f| f.alias()).collect(),
            differs: l
                .differs
                .iter()
                .map(|d| {
                    let v = match &d.egp {
                        EgpValue::Money(m) => ValueOut::Money(*m),
                        EgpValue::Date(x) => ValueOut::Date(*x),
                        other => ValueOut::Text(other.to_string()),
                    };
                    (d.field.alias(), v)
                })
                .collect(),
        }
    }
}

impl<'a> Record<'a> {
    fn new(p: &'a Procurement) -> Self {
        Record {
            id: p.id(),
            month: p.month.key(),
            fiscal_year: p.fiscal_year(),
            seq: p.seq,
            egp_project_no: p.egp_project_no.as_ref().map(|n| n.as_str()),
            plan_id: p.plan_id.as_deref(),
            title: &p.title,
            budget: p.budget,
            budget_source: p.budget_source.as_deref(),
            reference_price: p.reference_price,
            method: p.method.canonical(),
            bids: &p.bids,
            winner: p.winner.as_deref(),
            winner_tin: p.winner_tin.as_ref().map(|t| t.as_str()),
            agreed_price: p.agreed_price,
            reason: p.reason.as_deref(),
            contract_no: p.contract_no.as_deref(),
            contract_date: p.contract_date,
            contract_end: p.contract_end,
            status: p.status.map(prongsai_model::Status::canonical),
            not_given: Field::MONTH
                .iter()
                .filter(|f| !p.given(**f))
                .map(|f| f.alias())
                .collect(),
            legal_ground: p.legal_ground.as_deref(),
            explanation: p.explanation(),
            explanation_answers: if p.explanation().is_some() {
                prongsai_model::findings::confirmable(p)
                    .into_iter()
                    .map(|c| c.code)
                    .collect()
            } else {
                Vec::new()
            },
            tender_start: p.tender_start,
            tender_end: p.tender_end,
            unspsc: p.unspsc.as_ref(),
            source: Source {
                file: &p.file.path,
                line: p.line,
            },
            egp: p.egp.as_deref().map(EgpOut::new),
        }
    }
}

#[derive(Serialize)]
struct MonthOut {
    month: String,
    count: usize,
}

#[derive(Serialize)]
struct ProcurementsDoc<'a> {
    schema: &'static str,
    fiscal_year: i32,
    agency: Option<AgencyOut<'a>>,
    sample: bool,
    /// The month files that exist, with their record counts: a month with count 0 is an explicit
    /// ไม่มีการจัดซื้อจัดจ้าง, a month absent here has not been published.
    months: Vec<MonthOut>,
    count: usize,
    records: Vec<Record<'a>>,
}

/// `data/<FY>/procurements.json`: every record of the fiscal year, in month then file order.
pub fn procurements_json(fy: &FiscalYear, agency: Option<&Agency>) -> Vec<u8> {
    let records: Vec<Record<'_>> = fy.records().map(Record::new).collect();
    let doc = ProcurementsDoc {
        schema: SCHEMA,
        fiscal_year: fy.year,
        agency: agency.map(AgencyOut::new),
        sample: agency.is_some_and(|a| a.sample),
        months: fy
            .months
            .values()
            .map(|m| MonthOut {
                month: m.month.key(),
                count: m.records.len(),
            })
            .collect(),
        count: records.len(),
        records,
    };
    to_bytes(&doc)
}

#[derive(Serialize)]
struct PlanRecord<'a> {
    seq: u32,
    plan_id: &'a str,
    title: &'a str,
    division: &'a str,
    budget: Money,
    budget_source: &'a str,
    method: &'static str,
    expected_month: String,
    source: Source<'a>,
}

impl<'a> PlanRecord<'a> {
    fn new(l: &'a PlanLine) -> Self {
        PlanRecord {
            seq: l.seq,
            plan_id: &l.plan_id,
            title: &l.title,
            division: &l.division,
            budget: l.budget,
            budget_source: &l.budget_source,
            method: l.method.canonical(),
            expected_month: l.expected_month.key(),
            source: Source {
                file: &l.file.path,
                line: l.line,
            },
        }
    }
}

#[derive(Serialize)]
struct PlanMetaOut<'a> {
    approved_on: Option<Date>,
    published_on: Option<Date>,
    egp_plan_no: Option<&'a str>,
    note: Option<&'a str>,
}

impl<'a> PlanMetaOut<'a> {
    fn new(m: &'a PlanMeta) -> Self {
        PlanMetaOut {
            approved_on: m.approved_on,
            published_on: m.published_on,
            egp_plan_no: m.egp_plan_no.as_deref(),
            note: m.note.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct PlanDoc<'a> {
    schema: &'static str,
    fiscal_year: i32,
    agency: Option<AgencyOut<'a>>,
    sample: bool,
    plan: Option<PlanMetaOut<'a>>,
    count: usize,
    total_budget: Money,
    records: Vec<PlanRecord<'a>>,
}

/// `data/<FY>/plan.json`: the annual procurement plan (empty `records` when the year has none).
pub fn plan_json(fy: &FiscalYear, agency: Option<&Agency>) -> Vec<u8> {
    let lines: &[PlanLine] = fy.plan.as_ref().map_or(&[], |p| p.lines.as_slice());
    let records: Vec<PlanRecord<'_>> = lines.iter().map(PlanRecord::new).collect();
    let doc = PlanDoc {
        schema: PLAN_SCHEMA,
        fiscal_year: fy.year,
        agency: agency.map(AgencyOut::new),
        sample: agency.is_some_and(|a| a.sample),
        plan: fy.plan_meta.as_ref().map(PlanMetaOut::new),
        count: records.len(),
        total_budget: lines.iter().map(|l| l.budget).sum(),
        records,
    };
    to_bytes(&doc)
}

/// Compact, one document per file: a 100k-record year stays a fraction of its pretty size.
fn to_bytes<T: Serialize>(doc: &T) -> Vec<u8> {
    // Serialising these plain structs into a Vec cannot fail: every map key is a string and no
    // value is a non-finite float (money comes from whole satang).
    let mut out = serde_json::to_vec(doc).unwrap_or_default();
    out.push(b'\n');
    out
}
