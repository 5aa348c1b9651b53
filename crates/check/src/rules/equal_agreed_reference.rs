//! C403: the agreed price equals the reference price exactly.

use prongsai_model::codes;
use super::{Ctx, RED_FLAG_GUIDE, RuleClass, RuleInfo, baht, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C403,
    class: RuleClass::RedFlag,
    doc: "A winning price exactly equal to ราคากลาง can mean the reference price was known to the bidder or the \
price was not negotiated. Only amounts of at least checks.equal_price_min (100,000 บาท) are reported, because small \
purchases at the listed price are routine.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let min = ctx.opts.config.equal_price_min;
    for (_, p) in records(ctx.data) {
        if let (Some(a), Some(r)) = (p.agreed_price, p.reference_price)
            && a == r
            && a >= min
            && !p.is_cancelled()
        {
            out.push(
                INFO.diag(
                    format!("ควรตรวจสอบ: ราคาที่ตกลง {} เท่ากับราคากลางพอดี ควรมีบันทึกการต่อรองราคาหรือเหตุผลประกอบ", baht(a)),
                    format!("Worth a look: the agreed price {a} equals the reference price exactly; keep a record of the negotiation ({RED_FLAG_GUIDE})"),
                )
                .at(p.loc(Field::AgreedPrice)),
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
        big.reference_price = Some(Money::from_baht(250_000));
        big.agreed_price = Some(Money::from_baht(250_000));
        let mut small = record("2567-10", 2);
        small.agreed_price = small.reference_price;
        let mut lower = big.clone();
        lower.line = 4;
        lower.agreed_price = Some(Money::from_baht(249_000));
        let d = run_rule(
            run,
            &Fixture::new().with(big).with(small).with(lower).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
    }
}
