//! C305: วิธีเฉพาะเจาะจง above 500,000 บาท without a documented มาตรา 56 ground.

use super::{Ctx, Finding, RuleClass, RuleInfo, baht, confirmable_diag, records};
use prongsai_model::codes;
use prongsai_model::{Diagnostic, Field, findings};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C305,
    class: RuleClass::Confirmable,
    doc: "วิธีเฉพาะเจาะจง on the ground of มาตรา 56 (2)(ข) is limited to a value of 500,000 บาท (the budget, \
วงเงินงบประมาณ). Above it the purchase needs another ground of มาตรา 56 (e.g. (2)(ก) no bidder in an open call, \
(2)(ค) a single qualified supplier, (2)(ง) an urgent need after an unforeseeable event), written in the column เหตุผลตามมาตรา 56 (legal_ground). Without it, this is \
an error: record the ground, or correct the method or amount. If the row is right as it stands, say why in its \
คำชี้แจง column: the finding is then a warning and the explanation is published with the record.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        if findings::specific_without_ground(p) {
            out.push(
                confirmable_diag(
                    &INFO,
                    p,
                    Finding {
                        th: format!(
                            "รายการ \"{}\" ใช้วิธีเฉพาะเจาะจง วงเงิน {} เกิน 500,000 บาท โดยไม่ระบุเหตุตามมาตรา 56",
                            p.title,
                            baht(p.budget)
                        ),
                        fix_th: "ให้ระบุเหตุ (เช่น 56 (2)(ก) ไม่มีผู้ยื่นข้อเสนอ หรือ (2)(ง) เร่งด่วน) ในคอลัมน์ เหตุผลตามมาตรา 56 หรือแก้วิธี/วงเงินให้ถูกต้อง".to_owned(),
                        en: format!(
                            "\"{}\" uses the specific method with a budget of {}, above 500,000 baht, without a section 56 ground",
                            p.title, p.budget
                        ),
                        fix_en: "write the ground in legal_ground, or correct the method or amount".to_owned(),
                    },
                )
                .at(p.loc(Field::Method)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::{Method, Money, Severity};

    #[test]
    fn over_limit_needs_a_ground() {
        let mut bad = record("2567-10", 1);
        bad.budget = Money::from_baht(500_001);
        let mut grounded = bad.clone();
        grounded.seq = 2;
        grounded.line = 3;
        grounded.legal_ground = Some("มาตรา 56 (2)(ง) กรณีเร่งด่วน".into());
        let mut at_limit = record("2567-10", 3);
        at_limit.budget = Money::from_baht(500_000);
        let mut open = bad.clone();
        open.line = 5;
        open.method = Method::EBidding;
        let mut explained = bad.clone();
        explained.seq = 5;
        explained.line = 6;
        explained.explanation = Some("ผู้ผลิตรายเดียวในประเทศ".into());
        let d = run_rule(
            run,
            &Fixture::new()
                .with(bad)
                .with(grounded)
                .with(at_limit)
                .with(open)
                .with(explained)
                .data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
        assert!(d[0].is_error());
        assert_eq!(d[1].location.as_ref().unwrap().line, Some(6));
        assert_eq!(d[1].severity, Severity::Warning);
    }
}
