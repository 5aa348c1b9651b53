//! C404: the reference price equals the budget exactly.

use prongsai_model::codes;
use super::{Ctx, RED_FLAG_GUIDE, RuleClass, RuleInfo, baht, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C404,
    class: RuleClass::RedFlag,
    doc: "ราคากลาง should come from market prices or a standard price list, not be copied from the budget. An \
exact match at or above checks.equal_price_min (100,000 บาท) is reported; keep the calculation of the reference price \
(แบบ บก.01 / ปร.4–ปร.6) ready.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let min = ctx.opts.config.equal_price_min;
    for (_, p) in records(ctx.data) {
        if let Some(r) = p.reference_price
            && r == p.budget
            && r >= min
            && !p.is_cancelled()
        {
            out.push(
                INFO.diag(
                    format!("ควรตรวจสอบ: ราคากลาง {} เท่ากับวงเงินงบประมาณพอดี ควรมีหลักฐานการคำนวณราคากลางจากราคาตลาดหรือราคามาตรฐาน", baht(r)),
                    format!("Worth a look: the reference price {r} equals the budget exactly; keep the calculation from market or standard prices ({RED_FLAG_GUIDE})"),
                )
                .at(p.loc(Field::ReferencePrice)),
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
    fn equal_above_minimum_only() {
        let mut big = record("2567-10", 1);
        big.budget = Money::from_baht(300_000);
        big.reference_price = Some(Money::from_baht(300_000));
        big.agreed_price = Some(Money::from_baht(290_000));
        let small = record("2567-10", 2); // 10,000 = 10,000, below the minimum
        let d = run_rule(
            run,
            &Fixture::new().with(big).with(small).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].location.as_ref().unwrap().column_name.as_deref(),
            Some("ราคากลาง")
        );
    }
}
