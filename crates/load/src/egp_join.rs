//! The month files' records joined with e-GP's contracts (`<FY>/egp/`), once everything is read.
//!
//! A record pairs with the contract that has its e-GP project number (of a project with several
//! contracts, the one with the same winner or agreed price). A record whose month file gives no
//! number (the สขร.1 form has no column for it) pairs with a contract of its month with the same
//! agreed price and the same title, winner or contract number. A paired record takes what e-GP
//! gives and its files do not ([`EGP_FIELDS`]), marked as taken from e-GP; where both give a
//! value and they differ, the record keeps the agency's value and notes e-GP's (the check stage
//! reports it, C320). A contract no record pairs with is one no month file discloses (C220).

use prongsai_model::{
    Data, EGP_FIELDS, EgpContract, EgpDiff, EgpLink, EgpValue, Field, Procurement, normalise_name,
};
use std::collections::HashMap;
use std::sync::Arc;

/// Where a record is: its year, month and place in the month's records.
type RecordAt = (i32, prongsai_model::YearMonth, usize);
/// Where a contract is: its year's `egp` and its place there.
type ContractAt = (i32, usize);

/// After one month was read again (`serve`): its contracts are free again, and its new records
/// are joined with what is free.
pub fn rejoin_month(data: &mut Data, ym: prongsai_model::YearMonth) {
    let prefix = format!("{}-", ym.key());
    for c in data
        .years
        .values_mut()
        .filter_map(|y| y.egp.as_mut())
        .flat_map(|e| e.contracts.iter_mut())
    {
        if c.disclosed_by
            .as_deref()
            .is_some_and(|id| id.starts_with(&prefix))
        {
            c.disclosed_by = None;
        }
    }
    join(data);
}

/// Joins the records not yet joined with the contracts not yet disclosed.
pub(crate) fn join(data: &mut Data) {
    if data.years.values().all(|y| y.egp.is_none()) {
        return;
    }
    let contracts: Vec<(ContractAt, &EgpContract)> = data
        .years
        .iter()
        .filter_map(|(fy, y)| y.egp.as_ref().map(|e| (*fy, e)))
        .flat_map(|(fy, e)| {
            e.contracts
                .iter()
                .enumerate()
                .map(move |(i, c)| ((fy, i), c))
        })
        .collect();
    let mut by_no: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (_, c)) in contracts.iter().enumerate() {
        by_no.entry(c.project_no.as_str()).or_default().push(k);
    }
    let records: Vec<(RecordAt, &Procurement)> = data
        .years
        .iter()
        .flat_map(|(fy, y)| {
            y.months.iter().flat_map(move |(ym, m)| {
                m.records
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.egp.is_none())
                    .map(move |(i, r)| ((*fy, *ym, i), r))
            })
        })
        .collect();
    let mut taken: Vec<bool> = contracts
        .iter()
        .map(|(_, c)| c.disclosed_by.is_some())
        .collect();
    let mut pairs: Vec<(RecordAt, usize)> = Vec::new();
    // By number first, so a number that pairs is never taken by a guess.
    for (at, r) in &records {
        let Some(no) = &r.egp_project_no else {
            continue;
        };
        let Some(ks) = by_no.get(no.as_str()) else {
            continue;
        };
        let free: Vec<usize> = ks.iter().copied().filter(|k| !taken[*k]).collect();
        let best = free
            .iter()
            .copied()
            .find(|k| same_contract(r, contracts[*k].1))
            .or_else(|| free.first().copied());
        if let Some(k) = best {
            taken[k] = true;
            pairs.push((*at, k));
        }
    }
    for (at, r) in &records {
        if r.egp_project_no.is_some() {
            continue;
        }
        let found = contracts.iter().enumerate().position(|(k, (_, c))| {
            !taken[k]
                && c.month() == Some(r.month)
                && r.agreed_price.is_some()
                && c.agreed_price == r.agreed_price
                && same_contract(r, c)
        });
        if let Some(k) = found {
            taken[k] = true;
            pairs.push((*at, k));
        }
    }
    // Each project's number of contracts: its budget and reference price are the project's,
    // so they are a record's only when the project is one contract.
    let single: Vec<bool> = contracts
        .iter()
        .map(|(_, c)| {
            by_no
                .get(c.project_no.as_str())
                .is_some_and(|v| v.len() == 1)
        })
        .collect();
    let links: Vec<(RecordAt, ContractAt, EgpContract, bool)> = pairs
        .into_iter()
        .map(|(at, k)| (at, contracts[k].0, contracts[k].1.clone(), single[k]))
        .collect();
    for ((fy, ym, i), (cfy, ci), contract, single) in links {
        let Some(r) = data
            .years
            .get_mut(&fy)
            .and_then(|y| y.months.get_mut(&ym))
            .and_then(|m| m.records.get_mut(i))
        else {
            continue;
        };
        let id = r.id();
        apply(r, &contract, single);
        if let Some(c) = data
            .years
            .get_mut(&cfy)
            .and_then(|y| y.egp.as_mut())
            .and_then(|e| e.contracts.get_mut(ci))
        {
            c.disclosed_by = Some(id);
        }
    }
}

fn title_key(t: &str) -> String {
    prongsai_text::match_key(t)
}

/// Whether a record and a contract are the same contract by what both say of it: title, winner
/// or contract number.
fn same_contract(r: &Procurement, c: &EgpContract) -> bool {
    let winner = match (&r.winner, &c.winner) {
        (Some(a), Some(b)) => normalise_name(a) == normalise_name(b),
        _ => false,
    };
    let number = match (&r.contract_no, &c.contract_no) {
        (Some(a), Some(b)) => {
            title_key(a).ends_with(&title_key(b)) || title_key(b).ends_with(&title_key(a))
        }
        _ => false,
    };
    let price = r.agreed_price.is_some() && r.agreed_price == c.agreed_price;
    winner || number || price || title_key(&r.title) == title_key(&c.title)
}

/// Whether the record has a value for `field`: given by a file and not left blank.
fn has(r: &Procurement, field: Field) -> bool {
    if !r.given(field) {
        return false;
    }
    match field {
        Field::EgpProjectNo => r.egp_project_no.is_some(),
        Field::ReferencePrice => r.reference_price.is_some(),
        Field::Winner => r.winner.as_deref().is_some_and(|w| !w.trim().is_empty()),
        Field::WinnerTin => r.winner_tin.is_some(),
        Field::AgreedPrice => r.agreed_price.is_some(),
        Field::ContractNo => r
            .contract_no
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty()),
        Field::ContractDate => r.contract_date.is_some(),
        Field::ContractEnd => r.contract_end.is_some(),
        Field::Status => r.status.is_some(),
        _ => true,
    }
}

/// The record's value of `field` as e-GP's would be written, to compare and to quote.
fn ours(r: &Procurement, field: Field) -> Option<EgpValue> {
    Some(match field {
        Field::EgpProjectNo => EgpValue::Text(r.egp_project_no.as_ref()?.as_str().to_owned()),
        Field::Budget => EgpValue::Money(r.budget),
        Field::ReferencePrice => EgpValue::Money(r.reference_price?),
        Field::AgreedPrice => EgpValue::Money(r.agreed_price?),
        Field::Winner => EgpValue::Text(r.winner.clone()?),
        Field::WinnerTin => EgpValue::Tin(r.winner_tin.clone()?),
        Field::ContractNo => EgpValue::Text(r.contract_no.clone()?),
        Field::ContractDate => EgpValue::Date(r.contract_date?),
        Field::ContractEnd => EgpValue::Date(r.contract_end?),
        Field::Status => EgpValue::Status(r.status?),
        _ => return None,
    })
}

fn same(field: Field, a: &EgpValue, b: &EgpValue) -> bool {
    match (field, a, b) {
        (Field::Winner, EgpValue::Text(x), EgpValue::Text(y)) => {
            normalise_name(x) == normalise_name(y)
        }
        _ => a == b,
    }
}

/// Fills what the record lacks from the contract, and notes what differs.
fn apply(r: &mut Procurement, c: &EgpContract, single: bool) {
    let mut filled = Vec::new();
    let mut differs = Vec::new();
    for field in EGP_FIELDS {
        // A project's budget and reference price are not one contract's of several.
        if matches!(field, Field::Budget | Field::ReferencePrice) && !single {
            continue;
        }
        let Some(theirs) = c.value(field) else {
            continue;
        };
        if !has(r, field) {
            if set(r, field, &theirs) {
                filled.push(field);
            }
            continue;
        }
        // The contract number is written in too many ways, and a status moves on after the
        // month is reported: both are filled, never compared.
        if matches!(
            field,
            Field::ContractNo | Field::Status | Field::EgpProjectNo
        ) {
            continue;
        }
        if let Some(mine) = ours(r, field)
            && !same(field, &mine, &theirs)
        {
            differs.push(EgpDiff {
                field,
                ours: mine.to_string(),
                egp: theirs,
            });
        }
    }
    r.egp = Some(Box::new(EgpLink {
        file: Arc::clone(&c.file),
        line: c.line,
        project_no: c.project_no.clone(),
        filled,
        differs,
    }));
}

/// Puts e-GP's value into the record's `field`; `false` when it is not that field's kind.
fn set(r: &mut Procurement, field: Field, v: &EgpValue) -> bool {
    match (field, v) {
        (Field::EgpProjectNo, EgpValue::Text(t)) => {
            r.egp_project_no = prongsai_model::EgpNo::new(t)
        }
        (Field::Budget, EgpValue::Money(m)) => r.budget = *m,
        (Field::ReferencePrice, EgpValue::Money(m)) => r.reference_price = Some(*m),
        (Field::AgreedPrice, EgpValue::Money(m)) => r.agreed_price = Some(*m),
        (Field::Winner, EgpValue::Text(t)) => r.winner = Some(t.clone()),
        (Field::WinnerTin, EgpValue::Tin(t)) => r.winner_tin = Some(t.clone()),
        (Field::ContractNo, EgpValue::Text(t)) => r.contract_no = Some(t.clone()),
        (Field::ContractDate, EgpValue::Date(d)) => r.contract_date = Some(*d),
        (Field::ContractEnd, EgpValue::Date(d)) => r.contract_end = Some(*d),
        (Field::Status, EgpValue::Status(s)) => r.status = Some(*s),
        _ => return false,
    }
    true
}
