//! C303: the contract ends before it starts.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C303,
    class: RuleClass::Consistency,
    doc: "วันสิ้นสุดสัญญา may equal วันที่สัญญา (delivery on the day) but never precede it. Usually a typing \
slip in the day, month or BE year.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        if let (Some(start), Some(end)) = (p.contract_date, p.contract_end)
            && end < start
        {
            out.push(
                INFO.diag(
                    format!("วันสิ้นสุดสัญญา {} อยู่ก่อนวันที่สัญญา {} ให้ตรวจวัน เดือน และปี พ.ศ.", end.thai_short(), start.thai_short()),
                    format!("Contract end {} is before the contract date {}; check the day, month and BE year", end.iso(), start.iso()),
                )
                .at(p.loc(Field::ContractEnd))
                .with_text(end.thai_short()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn end_before_start_only() {
        let mut bad = record("2567-10", 1);
        bad.contract_end = Some(date(2567, 10, 14));
        let mut same_day = record("2567-10", 2);
        same_day.contract_end = same_day.contract_date;
        let d = run_rule(
            run,
            &Fixture::new().with(bad).with(same_day).data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
    }
}
