//! C208: a fiscal year has no procurement plan once the plan is due.

use super::{Ctx, RuleInfo, data_path, plan_published_late::deadline};
use prongsai_model::{Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "C208",
    severity: Severity::Error,
    title_th: "ไม่มีแผนการจัดซื้อจัดจ้างประจำปี",
    title_en: "Annual procurement plan missing",
    source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 11; ITA 2567 O19",
    doc: "Each fiscal year in procurement-data/ needs plan.csv once the plan is due (30 working days after \
1 October, weekends excluded, public holidays not counted). A plan with only its header row is valid: it says the \
agency plans no procurement that must be listed; say so in plan.yaml's note.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (&fy, y) in &ctx.data.years {
        let Some(due) = deadline(fy) else { continue };
        if y.plan.is_none() && due < ctx.opts.as_of {
            out.push(
                INFO.diag(
                    format!(
                        "ปีงบประมาณ {fy} ไม่มีแผนการจัดซื้อจัดจ้าง (ครบกำหนดเผยแพร่ {}) ให้เพิ่มไฟล์ procurement-data/{fy}/plan.csv และวันที่เผยแพร่ใน plan.yaml",
                        due.thai_short()
                    ),
                    format!(
                        "Fiscal year {fy} has no procurement plan (due {}); add procurement-data/{fy}/plan.csv and its publication date in plan.yaml",
                        due.iso()
                    ),
                )
                .at(data_path(fy, "plan.csv")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn missing_plan_after_deadline() {
        let data = Fixture::new()
            .full_year(2568)
            .edit(|d| d.years.get_mut(&2568).unwrap().plan = None)
            .data;
        assert!(run_rule(run, &data, date(2567, 11, 11)).is_empty());
        assert_eq!(run_rule(run, &data, date(2567, 11, 12)).len(), 1);
        assert!(run_rule(run, &Fixture::new().full_year(2568).data, date(2569, 1, 1)).is_empty());
    }
}
