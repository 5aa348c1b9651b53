//! C310: the e-GP project number's year and month do not fit the contract date.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C310,
    class: RuleClass::Plausibility,
    doc: "An e-GP project number starts with the BE year (2 digits) and month in which the project was created in \
e-GP. The project is created before the contract is signed, often a month or more before, so the rule warns when \
the number's month is after the contract's month, more than checks.egp_max_months_before (default 12) months \
before it, or not a month at all (00, 13…). Usually the number belongs to another row or was mistyped.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let max_before = i64::from(ctx.opts.config.egp_max_months_before);
    for (_, p) in records(ctx.data) {
        let (Some(no), Some(date)) = (&p.egp_project_no, p.contract_date) else {
            continue;
        };
        let contract_be = date.year_be();
        // Two digits of the year: take the century that puts it closest to the contract.
        let mut egp_year = contract_be - contract_be.rem_euclid(100) + i32::from(no.year_2digits());
        if egp_year > contract_be + 1 {
            egp_year -= 100;
        }
        let problem = if !(1..=12).contains(&no.month()) {
            Some((
                "เดือนในเลขที่โครงการไม่ใช่เดือนที่มีอยู่จริง".to_owned(),
                "its month digits are not a month".to_owned(),
            ))
        } else {
            let months = |y: i32, m: u8| i64::from(y) * 12 + i64::from(m);
            let gap = months(contract_be, date.month()) - months(egp_year, no.month());
            if gap < 0 {
                Some((
                    "เลขที่โครงการออกหลังวันที่สัญญา".to_owned(),
                    "it was issued after the contract date".to_owned(),
                ))
            } else if gap > max_before {
                Some((
                    format!("เลขที่โครงการออกก่อนวันที่สัญญา {gap} เดือน"),
                    format!("it was issued {gap} months before the contract"),
                ))
            } else {
                None
            }
        };
        if let Some((th, en)) = problem {
            out.push(
                INFO.diag(
                    format!(
                        "เลขที่โครงการ e-GP {no} (ปี {:02} เดือน {:02}) ไม่สอดคล้องกับวันที่สัญญา {}: {th} ควรตรวจว่าเป็นเลขของรายการนี้หรือไม่",
                        no.year_2digits(),
                        no.month(),
                        date.thai_short()
                    ),
                    format!("e-GP number {no} does not fit the contract date {}: {en}; check that it belongs to this row", date.iso()),
                )
                .at(p.loc(Field::EgpProjectNo))
                .with_text(no.as_str()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::EgpNo;

    fn with_egp(seq: u32, no: &str) -> prongsai_model::Procurement {
        let mut p = record("2567-10", seq);
        p.egp_project_no = EgpNo::new(no);
        p
    }

    #[test]
    fn after_contract_far_before_or_no_month_warns() {
        let data = Fixture::new()
            .with(with_egp(1, "67119000001")) // November, after an October contract
            .with(with_egp(2, "66059000001")) // 17 months before
            .with(with_egp(3, "67139000001")) // month 13
            .with(with_egp(4, "67109000001")) // same month: fine
            .with(with_egp(5, "67089000001")) // two months before: fine
            .data;
        let d = run_rule(run, &data, date(2568, 1, 1));
        let lines: Vec<_> = d
            .iter()
            .map(|x| x.location.as_ref().unwrap().line.unwrap())
            .collect();
        assert_eq!(lines, vec![2, 3, 4], "{d:?}");
    }
}
