//! C208: a fiscal year that has begun has no procurement plan (a disclosure gap).

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, gap_diag};
use prongsai_model::{Diagnostic, Disclosure};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C208,
    class: RuleClass::Gap,
    doc: "A gap, not an error: the site is still built and says the plan is not yet published. From 1 October \
each fiscal year (also one whose folder does not exist yet) needs plan.csv. It is due 30 working days after \
1 October (Monday to Friday; public holidays are not counted out, so the legal deadline may be a few days later): \
before that the gap is info, after it a warning that counts the days overdue. A plan with only its header row is \
valid: it says the agency plans no procurement that must be listed; say so in plan.yaml's note.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for g in ctx.gaps().iter().filter(|g| g.what == Disclosure::Plan) {
        let fy = g.fiscal_year;
        out.push(gap_diag(
            &INFO,
            g,
            format!(
                "ปีงบประมาณ {fy} ยังไม่มีแผนการจัดซื้อจัดจ้าง ({}) ให้เพิ่มไฟล์ {} และวันที่เผยแพร่ใน plan.yaml",
                g.status_th(),
                g.path()
            ),
            format!(
                "Fiscal year {fy} has no procurement plan yet ({}); add {} and its publication date in plan.yaml",
                g.status_en(),
                g.path()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prongsai_model::Severity;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn missing_plan_is_info_until_due_then_an_overdue_warning() {
        let data = Fixture::new()
            .full_year(2568)
            .edit(|d| d.years.get_mut(&2568).unwrap().plan = None)
            .data;
        assert!(
            run_rule(run, &data, date(2567, 9, 30)).is_empty(),
            "not begun"
        );
        let d = run_rule(run, &data, date(2567, 11, 11));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        let d = run_rule(run, &data, date(2567, 11, 12));
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(
            d[0].message_th.contains("เลยกำหนดเผยแพร่ 1 วัน"),
            "{}",
            d[0].message_th
        );
        let later = run_rule(run, &Fixture::new().full_year(2568).data, date(2569, 1, 1));
        // FY 2569 began on 1 Oct 2568 without a folder: its plan is the one gap.
        assert_eq!(later.len(), 1);
        assert_eq!(
            later[0].location.as_ref().unwrap().file,
            "procurement-data/2569/plan.csv"
        );
    }
}
