//! C304: the agreed price exceeds the budget.

use super::{Ctx, Finding, RuleClass, RuleInfo, baht, confirmable_diag, records};
use prongsai_model::codes;
use prongsai_model::{Diagnostic, Field, findings};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C304,
    class: RuleClass::Confirmable,
    doc: "A contract cannot commit more than the allocated budget (วงเงินงบประมาณ). Usually the two columns are \
swapped or a digit is wrong: correct the row; if the budget was really increased, write the increased budget. If the \
row is right as it stands, say why in its คำชี้แจง column: the finding is then a warning and the explanation is \
published with the record.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        let Some(agreed) = p.agreed_price.filter(|_| findings::above_budget(p)) else {
            continue;
        };
        out.push(
            confirmable_diag(
                &INFO,
                p,
                Finding {
                    th: format!(
                        "ราคาที่ตกลง {} สูงกว่าวงเงินงบประมาณ {}",
                        baht(agreed),
                        baht(p.budget)
                    ),
                    fix_th: "ให้ตรวจว่ากรอกสลับคอลัมน์หรือตัวเลขผิดหรือไม่".to_owned(),
                    en: format!("Agreed price {agreed} is above the budget {}", p.budget),
                    fix_en: "check for swapped columns or a wrong digit".to_owned(),
                },
            )
            .at(p.loc(Field::AgreedPrice))
            .with_text(agreed.to_string()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::{Money, Severity};

    #[test]
    fn above_is_error_equal_is_fine() {
        let mut bad = record("2567-10", 1);
        bad.agreed_price = Some(Money::from_satang(1_000_001));
        let mut equal = record("2567-10", 2);
        equal.agreed_price = Some(equal.budget);
        let d = run_rule(
            run,
            &Fixture::new().with(bad).with(equal).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert_eq!(d[0].text.as_deref(), Some("10,000.01"));
        assert!(d[0].message_th.contains("คำชี้แจง"), "says how to confirm");
    }

    #[test]
    fn an_explanation_confirms_it_as_a_warning_and_blanks_do_not() {
        let mut explained = record("2567-10", 1);
        explained.agreed_price = Some(Money::from_satang(1_000_001));
        explained.explanation = Some(" สภาอนุมัติงบเพิ่ม ".into());
        let mut blank = explained.clone();
        blank.seq = 2;
        blank.line = 3;
        blank.explanation = Some(" \u{3000} ".into());
        let d = run_rule(
            run,
            &Fixture::new().with(explained).with(blank).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message_th.contains("\"สภาอนุมัติงบเพิ่ม\""), "{}", d[0]);
        assert_eq!(d[1].severity, Severity::Error, "blanks are no explanation");
    }
}
