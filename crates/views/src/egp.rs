//! What pages show of the cross-check with e-GP's contract data (`procurement-data/<FY>/egp/`):
//! on a year page, how many of e-GP's contracts the month files disclose and each one they do
//! not yet; on a record page, which values came from e-GP and e-GP's value beside the agency's
//! where they differ.

use crate::{Options, urls};
use prongsai_model::{EgpValue, Field, FiscalYear, Procurement};
use serde::Serialize;
use std::collections::BTreeMap;

/// A contract e-GP has that no month file discloses.
#[derive(Serialize)]
struct Undisclosed {
    title: String,
    date: String,
    amount: String,
    winner: String,
    project_no: String,
    month: String,
    /// The month's page, when the month has a file (it then says ไม่มีการจัดซื้อจัดจ้าง or
    /// lacks the row).
    month_url: Option<String>,
}

/// A year page's cross-check.
#[derive(Serialize)]
pub(crate) struct YearCheck {
    /// e-GP's contracts of months that have ended.
    contracts: String,
    disclosed: String,
    /// Disclosed with every value both give the same.
    agreeing: String,
    /// Records whose values differ from e-GP's.
    differing: String,
    differing_n: usize,
    /// Contracts of months not yet ended (not yet due).
    pending: String,
    pending_n: usize,
    undisclosed: Vec<Undisclosed>,
}

/// The year's cross-check, when it has e-GP data and site.yaml lets the public see it.
pub(crate) fn year_check(fy: &FiscalYear, opts: &Options) -> Option<YearCheck> {
    let egp = fy.egp.as_ref().filter(|_| opts.egp_public)?;
    let f = opts.fmt;
    let by_id: BTreeMap<String, &Procurement> = fy.records().map(|r| (r.id(), r)).collect();
    let (agreeing, due) = egp.agreement(opts.as_of, |id| by_id.get(id).copied());
    let mut undisclosed: Vec<Undisclosed> = egp
        .due(opts.as_of)
        .filter(|c| c.disclosed_by.is_none())
        .map(|c| {
            let month = c.month();
            Undisclosed {
                title: c.title.clone(),
                date: f.date_opt(c.contract_date.or(c.transaction_date)),
                amount: f.money_opt(c.agreed_price),
                winner: c.winner.clone().unwrap_or_else(|| "-".to_owned()),
                project_no: c.project_no.as_str().to_owned(),
                month: month.map(|m| f.month(m)).unwrap_or_default(),
                month_url: month.filter(|m| fy.months.contains_key(m)).map(urls::month),
            }
        })
        .collect();
    undisclosed.sort_by(|a, b| a.project_no.cmp(&b.project_no));
    let differing_n = fy
        .records()
        .filter(|r| r.egp.as_ref().is_some_and(|l| !l.differs.is_empty()))
        .count();
    let pending_n = egp.contracts.len() - due;
    Some(YearCheck {
        contracts: f.int(i64::try_from(due).unwrap_or(i64::MAX)),
        disclosed: f.int(i64::try_from(due - undisclosed.len()).unwrap_or(0)),
        agreeing: f.int(i64::try_from(agreeing).unwrap_or(0)),
        differing: f.int(i64::try_from(differing_n).unwrap_or(0)),
        differing_n,
        pending: f.int(i64::try_from(pending_n).unwrap_or(0)),
        pending_n,
        undisclosed,
    })
}

/// A record page's e-GP notes: the aliases of the fields whose value came from e-GP, a note per
/// field (`จาก e-GP`, or e-GP's value where it differs), and the e-GP file and line.
pub(crate) struct RecordNotes {
    pub filled: Vec<&'static str>,
    pub notes: BTreeMap<&'static str, String>,
    pub source: Option<(String, u32)>,
}

pub(crate) fn record_notes(r: &Procurement, opts: &Options) -> RecordNotes {
    let Some(link) = &r.egp else {
        return RecordNotes {
            filled: Vec::new(),
            notes: BTreeMap::new(),
            source: None,
        };
    };
    let f = opts.fmt;
    let mut notes = BTreeMap::new();
    for field in &link.filled {
        notes.insert(field.alias(), "จาก e-GP".to_owned());
    }
    for d in &link.differs {
        let value = match &d.egp {
            EgpValue::Money(m) => format!("{} บาท", f.money(*m)),
            EgpValue::Date(x) => f.date(*x),
            EgpValue::Tin(t) => f.digits(t.grouped()),
            other => other.to_string(),
        };
        notes.insert(d.field.alias(), format!("ข้อมูล e-GP: {value}"));
    }
    RecordNotes {
        filled: link.filled.iter().map(|x: &Field| x.alias()).collect(),
        notes,
        source: Some((link.file.path.clone(), link.line)),
    }
}
