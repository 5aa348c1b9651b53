//! C306: a record above 500,000 บาท is not linked to a plan line.

use super::{
    Ctx, Finding, RuleClass, RuleInfo, baht, confirmable_diag, plan_is_gap, records,
    waits_for_plan,
};
use prongsai_model::codes;
use prongsai_model::{Diagnostic, Field, findings};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C306,
    class: RuleClass::Confirmable,
    doc: "A purchase above 500,000 บาท must be in the published annual plan. Write the plan line's รหัสแผน \
(plan_id) in the month file; C307 then checks that it exists. Cancelled records are skipped. If the purchase is \
really outside the plan (มาตรา 11 exempts an urgent need), say why in the row's คำชี้แจง column: the finding is \
then a warning and the explanation is published with the record. While the year's plan is not yet published (a \
gap, C208) the rule waits for it: the finding is info, ตรวจได้เมื่อมีแผน.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (fy, p) in records(ctx.data) {
        if !findings::unplanned(p) {
            continue;
        }
        let d = confirmable_diag(
            &INFO,
            p,
            Finding {
                th: format!(
                    "รายการ \"{}\" วงเงิน {} เกิน 500,000 บาท ไม่อ้างอิงแผนการจัดซื้อจัดจ้าง",
                    p.title,
                    baht(p.budget)
                ),
                fix_th: "ให้กรอกรหัสแผนของรายการในคอลัมน์ รหัสแผน".to_owned(),
                en: format!(
                    "\"{}\" (budget {}) is above 500,000 baht and not linked to the plan",
                    p.title, p.budget
                ),
                fix_en: "fill in its plan_id".to_owned(),
            },
        )
        .at(p.loc(Field::PlanId));
        out.push(if plan_is_gap(fy) { waits_for_plan(d) } else { d });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::{Money, Severity};

    #[test]
    fn large_record_needs_a_plan_id() {
        let mut bad = record("2567-10", 1);
        bad.budget = Money::from_baht(900_000);
        let mut good = bad.clone();
        good.line = 3;
        good.plan_id = Some("P-01".into());
        let d = run_rule(
            run,
            &Fixture::new()
                .with(bad)
                .with(good)
                .with_plan_line(2568, plan_line(2568, 1, "P-01", 900_000))
                .data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
    }

    #[test]
    fn while_the_plan_is_a_gap_it_is_info() {
        let mut bad = record("2567-10", 1);
        bad.budget = Money::from_baht(900_000);
        let d = run_rule(run, &Fixture::new().with(bad).data, date(2568, 1, 1));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[0].message_th.starts_with("ตรวจได้เมื่อมีแผน"), "{}", d[0]);
    }
}
