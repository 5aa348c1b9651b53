//! C405: an open method that received one bid.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C405,
    class: RuleClass::RedFlag,
    doc: "e-bidding, e-market and สอบราคา are open to anyone; a single bid can mean the call was too short, too \
narrow or not seen. Reported when รายชื่อผู้เสนอราคา lists exactly one bidder on an open method (cancelled records \
excluded). Keep the reason on file; the law allows continuing with one bidder under conditions.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        if p.method.is_open() && p.bids.len() == 1 && !p.is_cancelled() {
            out.push(
                INFO.diag(
                    format!(
                        "ควรตรวจสอบ: รายการ \"{}\" ใช้วิธี{} แต่มีผู้เสนอราคารายเดียว ({}) ควรมีบันทึกเหตุผล",
                        p.title,
                        p.method.thai(),
                        p.bids[0].name
                    ),
                    format!("Worth a look: \"{}\" used {} but received one bid ({}); keep the reason on file", p.title, p.method.english(), p.bids[0].name),
                )
                .at(p.loc(Field::Bids)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::{Bid, Method};

    #[test]
    fn one_bid_on_open_method() {
        let mut open = record("2567-10", 1);
        open.method = Method::EBidding;
        let mut two = open.clone();
        two.line = 3;
        two.bids.push(Bid {
            name: "อีกราย".into(),
            price: None,
            status: None,
            date: None,
        });
        let specific = record("2567-10", 3);
        let d = run_rule(
            run,
            &Fixture::new().with(open).with(two).with(specific).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
    }
}
