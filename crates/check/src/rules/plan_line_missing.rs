//! C306: a record above 500,000 บาท is not linked to a plan line.

use prongsai_model::codes;
use super::{Ctx, LAW_LIMIT, RuleInfo, baht, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C306,
    doc: "A purchase above 500,000 บาท must be in the published annual plan. Write the plan line's รหัสแผน \
(plan_id) in the month file; C307 then checks that it exists. Cancelled records are skipped.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        let linked = p.plan_id.as_deref().is_some_and(|id| !id.trim().is_empty());
        // The forms agencies keep (แบบ สขร.1, the ITA list) have no รหัสแผน: the link cannot be
        // checked on them.
        if !linked && p.given(Field::PlanId) && p.budget > LAW_LIMIT && !p.is_cancelled() {
            out.push(
                INFO.diag(
                    format!(
                        "รายการ \"{}\" วงเงิน {} เกิน 500,000 บาท ต้องอยู่ในแผนการจัดซื้อจัดจ้าง ให้กรอกรหัสแผนในคอลัมน์ รหัสแผน",
                        p.title,
                        baht(p.budget)
                    ),
                    format!("\"{}\" (budget {}) is above 500,000 baht and must be in the plan; fill in its plan_id", p.title, p.budget),
                )
                .at(p.loc(Field::PlanId)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::Money;

    #[test]
    fn large_record_needs_a_plan_id() {
        let mut bad = record("2567-10", 1);
        bad.budget = Money::from_baht(900_000);
        let mut good = bad.clone();
        good.line = 3;
        good.plan_id = Some("P-01".into());
        let d = run_rule(
            run,
            &Fixture::new().with(bad).with(good).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
    }
}
