//! C309: plan.yaml says the plan was published later than 30 working days after 1 October.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo};
use prongsai_model::{Diagnostic, Location};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C309,
    class: RuleClass::Completeness,
    doc: "The plan must be published within 30 working days of the budget taking effect. prongsai takes 1 October \
(the start of the fiscal year) as that day and counts Monday to Friday only: public holidays are NOT counted out, so \
the real deadline may be a few days later than the one computed, and a budget ordinance passed late moves it too. \
That is why this is a warning. published_on comes from plan.yaml; without it, nothing is checked (C208 reports a \
missing plan).",
};

pub use prongsai_model::plan_due as deadline;

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (&fy, y) in &ctx.data.years {
        let (Some(meta), Some(deadline)) = (&y.plan_meta, deadline(fy)) else {
            continue;
        };
        let Some(published) = meta.published_on else {
            continue;
        };
        if published > deadline {
            out.push(
                INFO.diag(
                    format!(
                        "แผนการจัดซื้อจัดจ้างปี {fy} เผยแพร่วันที่ {} ช้ากว่า 30 วันทำการนับจาก 1 ต.ค. ({}; ไม่ได้หักวันหยุดราชการ) ควรตรวจสอบวันที่ใน published_on หรือบันทึกเหตุผลใน note ของ plan.yaml",
                        published.thai_short(),
                        deadline.thai_short()
                    ),
                    format!(
                        "The FY {fy} plan was published on {}, after 30 working days from 1 October ({}; public holidays not counted); check published_on or record the reason in plan.yaml's note",
                        published.iso(),
                        deadline.iso()
                    ),
                )
                .at(Location::file(&meta.path)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn deadline_skips_weekends() {
        // 1 Oct 2567 (2024) was a Tuesday; 30 weekdays later is Monday 11 Nov 2024.
        assert_eq!(deadline(2568).unwrap().iso(), "2024-11-11");
    }

    #[test]
    fn late_publication_warns() {
        let late = Fixture::new()
            .full_year(2568)
            .edit(|d| {
                d.years
                    .get_mut(&2568)
                    .unwrap()
                    .plan_meta
                    .as_mut()
                    .unwrap()
                    .published_on = Some(date(2567, 11, 12))
            })
            .data;
        let d = run_rule(run, &late, date(2569, 1, 1));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].location.as_ref().unwrap().file,
            "procurement-data/2568/plan.yaml"
        );
        let on_time = Fixture::new()
            .full_year(2568)
            .edit(|d| {
                d.years
                    .get_mut(&2568)
                    .unwrap()
                    .plan_meta
                    .as_mut()
                    .unwrap()
                    .published_on = Some(date(2567, 11, 11))
            })
            .data;
        assert!(run_rule(run, &on_time, date(2569, 1, 1)).is_empty());
    }
}
