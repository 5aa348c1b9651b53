//! C202: no e-GP project number although the budget reaches the threshold.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, baht, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C202,
    class: RuleClass::Completeness,
    doc: "A record that is not cancelled and whose budget is at least checks.egp_threshold (default 5,000 บาท) \
should carry its 11-digit e-GP project number in เลขที่โครงการ: it is one of the 16 fields of the ITA list. \
Purchases below the threshold are often made outside e-GP, so they are not flagged.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let threshold = ctx.opts.config.egp_threshold;
    for (_, p) in records(ctx.data) {
        // A month given only as a แบบ สขร.1 has no e-GP column: nothing to check.
        if p.egp_project_no.is_none()
            && p.given(Field::EgpProjectNo)
            && !p.is_cancelled()
            && p.budget >= threshold
        {
            out.push(
                INFO.diag(
                    format!(
                        "รายการ \"{}\" วงเงิน {} ไม่มีเลขที่โครงการ e-GP (11 หลัก) ซึ่งแบบฟอร์ม ITA ต้องมี ให้กรอกในคอลัมน์ เลขที่โครงการ",
                        p.title,
                        baht(p.budget)
                    ),
                    format!(
                        "\"{}\" (budget {}) has no e-GP project number; the ITA list needs it: fill in the 11-digit number",
                        p.title, p.budget
                    ),
                )
                .at(p.loc(Field::EgpProjectNo)),
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
    fn missing_number_above_threshold_warns_per_record() {
        let mut big = record("2567-10", 1);
        big.egp_project_no = None;
        let mut small = record("2567-10", 2);
        small.egp_project_no = None;
        small.budget = Money::from_baht(4_999);
        let d = run_rule(
            run,
            &Fixture::new().with(big).with(small).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
        assert_eq!(d[0].location.as_ref().unwrap().column, Some(2));
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
