//! C304: the agreed price exceeds the budget.

use prongsai_model::codes;
use super::{Ctx, RuleInfo, baht, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C304,
    doc: "A contract cannot commit more than the allocated budget (วงเงินงบประมาณ). Usually the two columns are \
swapped or a digit is wrong; if the budget was really increased, write the increased budget.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        let Some(agreed) = p.agreed_price else {
            continue;
        };
        if agreed > p.budget {
            out.push(
                INFO.diag(
                    format!(
                        "ราคาที่ตกลง {} สูงกว่าวงเงินงบประมาณ {} ให้ตรวจว่ากรอกสลับคอลัมน์หรือตัวเลขผิดหรือไม่",
                        baht(agreed),
                        baht(p.budget)
                    ),
                    format!("Agreed price {agreed} is above the budget {}; check for swapped columns or a wrong digit", p.budget),
                )
                .at(p.loc(Field::AgreedPrice))
                .with_text(agreed.to_string()),
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
    }
}
