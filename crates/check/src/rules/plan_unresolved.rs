//! C307: a record's รหัสแผน names no line of its year's plan.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, plan_is_gap, waits_for_plan};
use prongsai_model::{Diagnostic, Field};
use std::collections::HashSet;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C307,
    class: RuleClass::Consistency,
    doc: "รหัสแผน in a month file must be a รหัสแผน of plan.csv of the same fiscal year; otherwise the plan's \
progress and the record's link are wrong. Check for a typing slip, or add the line to the plan (and republish it). \
While the year's plan is not yet published (a gap, C208) the rule waits for it: the finding is info, \
ตรวจได้เมื่อมีแผน.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (&fy, y) in &ctx.data.years {
        // A set per year keeps this linear in the number of records.
        let ids: HashSet<&str> = y
            .plan
            .iter()
            .flat_map(|p| p.lines.iter().map(|l| l.plan_id.trim()))
            .collect();
        for p in y.records() {
            let Some(id) = p.plan_id() else {
                continue;
            };
            if !ids.contains(id) {
                let d = INFO
                    .diag(
                        format!("รหัสแผน \"{id}\" ไม่มีใน plan.csv ของปีงบประมาณ {fy} ให้ตรวจการพิมพ์ หรือเพิ่มรายการในแผน"),
                        format!("Plan id \"{id}\" is not in the FY {fy} plan.csv; check the spelling or add the line to the plan"),
                    )
                    .at(p.loc(Field::PlanId))
                    .with_text(id);
                out.push(if plan_is_gap(y) { waits_for_plan(d) } else { d });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn unknown_id_is_an_error() {
        let mut bad = record("2567-10", 1);
        bad.plan_id = Some("P-99".into());
        let mut good = record("2567-10", 2);
        good.plan_id = Some(" P-01 ".into());
        let data = Fixture::new()
            .with(bad)
            .with(good)
            .with_plan_line(2568, plan_line(2568, 1, "P-01", 900_000))
            .data;
        let d = run_rule(run, &data, date(2568, 1, 1));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].text.as_deref(), Some("P-99"));
    }

    #[test]
    fn while_the_plan_is_a_gap_it_is_info() {
        let mut r = record("2567-10", 1);
        r.plan_id = Some("P-01".into());
        let d = run_rule(run, &Fixture::new().with(r).data, date(2568, 1, 1));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, prongsai_model::Severity::Info);
    }
}
