//! The ITA evidence index's statement of the cross-check with e-GP's contract data: for an item
//! whose evidence is the month files, how many of e-GP's contracts of the months that have ended
//! the month files disclose with the same values.

use crate::criteria::{Evidence, EvidenceKind};
use crate::rules::Ctx;
use prongsai_model::Procurement;
use std::collections::BTreeMap;

/// `ตรงกับข้อมูล e-GP N จาก M สัญญา`, when a fiscal year the item's month evidence covers has
/// e-GP data (`procurement-data/<FY>/egp/`).
pub(crate) fn ita_statement(ctx: &Ctx<'_>, year: i32, evidence: &[Evidence]) -> Option<String> {
    let mut years: Vec<i32> = evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Months)
        .map(|e| e.fiscal_year.fiscal_year(year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut agree = 0;
    let mut due = 0;
    let mut any = false;
    for fy in years {
        let Some(y) = ctx.data.years.get(&fy) else {
            continue;
        };
        let Some(egp) = &y.egp else { continue };
        any = true;
        let by_id: BTreeMap<String, &Procurement> = y.records().map(|r| (r.id(), r)).collect();
        let (a, d) = egp.agreement(ctx.opts.as_of, |id| by_id.get(id).copied());
        agree += a;
        due += d;
    }
    any.then(|| format!("ตรงกับข้อมูล e-GP {agree} จาก {due} สัญญา"))
}
