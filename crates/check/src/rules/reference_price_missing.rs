//! C204: ราคากลาง is empty.

use prongsai_model::codes;
use super::{Ctx, RuleInfo, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C204,
    doc: "Every record that is not cancelled needs its ราคากลาง: it is a column of แบบ สขร.1 and of the ITA list, \
which allows no blank cells. When no separate reference price was set, Thai practice writes the budget. If the \
loader already reported the same cell as missing (P1xx), fixing that fixes this.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        if p.reference_price.is_none() && !p.is_cancelled() {
            out.push(
                INFO.diag(
                    format!("รายการ \"{}\" ไม่มีราคากลาง ให้กรอกราคากลาง (ถ้าไม่ได้กำหนดแยก ให้ใช้วงเงินงบประมาณ)", p.title),
                    format!("\"{}\" has no reference price; fill it in (the budget, if none was set separately)", p.title),
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
    use prongsai_model::Status;

    #[test]
    fn empty_reference_price_is_an_error_unless_cancelled() {
        let mut bad = record("2567-10", 1);
        bad.reference_price = None;
        let mut cancelled = bad.clone();
        cancelled.seq = 2;
        cancelled.status = Status::Cancelled;
        let d = run_rule(
            run,
            &Fixture::new().with(bad).with(cancelled).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert!(
            run_rule(
                run,
                &Fixture::new().with(record("2567-10", 1)).data,
                date(2568, 1, 1)
            )
            .is_empty()
        );
    }
}
