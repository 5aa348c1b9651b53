//! C313: the dates of the tender contradict each other.

use super::{Ctx, RuleClass, RuleInfo, records};
use prongsai_model::codes;
use prongsai_model::{Date, Diagnostic, Field, Procurement};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C313,
    class: RuleClass::Consistency,
    doc: "The optional tender columns follow one another: วันที่ประกาศเชิญชวน (tender_start), then \
วันสิ้นสุดการยื่นข้อเสนอ (tender_end), then วันที่สัญญา. A bid's date, `(ยื่น 3 ต.ค. 2567)` in the bid list, lies \
between the invitation and the contract. A deadline before its invitation, a contract signed before the bids \
closed, or a bid dated before the invitation or after the contract cannot all be true: usually a typing slip in the \
day, month or BE year. (A bid after the deadline is possible, and is what the Open Contracting red flag R030 \
looks at in the OCDS data.)",
};

fn th(d: Date) -> String {
    d.thai_short()
}

fn row(p: &Procurement, out: &mut Vec<Diagnostic>) {
    if let (Some(start), Some(end)) = (p.tender_start, p.tender_end)
        && end < start
    {
        out.push(
            INFO.diag(
                format!("วันสิ้นสุดการยื่นข้อเสนอ {} อยู่ก่อนวันที่ประกาศเชิญชวน {} ให้ตรวจวัน เดือน และปี พ.ศ.", th(end), th(start)),
                format!("The bid deadline {} is before the invitation {}; check the day, month and BE year", end.iso(), start.iso()),
            )
            .at(p.loc(Field::TenderEnd))
            .with_text(th(end)),
        );
    }
    if let (Some(signed), Some((closed, field))) = (
        p.contract_date,
        p.tender_end
            .map(|d| (d, Field::TenderEnd))
            .or(p.tender_start.map(|d| (d, Field::TenderStart))),
    ) && signed < closed
    {
        let what = if field == Field::TenderEnd {
            ("วันสิ้นสุดการยื่นข้อเสนอ", "bid deadline")
        } else {
            ("วันที่ประกาศเชิญชวน", "invitation")
        };
        out.push(
            INFO.diag(
                format!("วันที่สัญญา {} อยู่ก่อน{} {} ให้ตรวจวันที่ทั้งสอง", th(signed), what.0, th(closed)),
                format!("The contract date {} is before the {} {}; check both dates", signed.iso(), what.1, closed.iso()),
            )
            .at(p.loc(Field::ContractDate))
            .with_text(th(signed)),
        );
    }
    for b in &p.bids {
        let Some(day) = b.date else { continue };
        let before = p.tender_start.filter(|s| day < *s);
        let after = p.contract_date.filter(|c| day > *c);
        let (th_what, en_what, other) = match (before, after) {
            (Some(s), _) => ("ก่อนวันที่ประกาศเชิญชวน", "before the invitation", s),
            (_, Some(c)) => ("หลังวันที่สัญญา", "after the contract date", c),
            _ => continue,
        };
        out.push(
            INFO.diag(
                format!("ผู้เสนอราคา \"{}\" ยื่นวันที่ {} {th_what} {} ให้ตรวจวันที่ยื่นในวงเล็บ", b.name, th(day), th(other)),
                format!("The bid of \"{}\" is dated {}, {en_what} {}; check the date in its brackets", b.name, day.iso(), other.iso()),
            )
            .at(p.loc(Field::Bids))
            .with_text(b.name.clone()),
        );
    }
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        row(p, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn dates_in_order_are_fine_and_each_contradiction_is_named() {
        // record(): contract on 15 Oct 2567.
        let mut ok = record("2567-10", 1);
        ok.tender_start = Some(date(2567, 9, 20));
        ok.tender_end = Some(date(2567, 10, 1));
        ok.bids[0].date = Some(date(2567, 10, 1));
        let mut reversed = ok.clone();
        reversed.seq = 2;
        reversed.line = 3;
        reversed.tender_end = Some(date(2567, 9, 10));
        let mut early_contract = ok.clone();
        early_contract.seq = 3;
        early_contract.line = 4;
        early_contract.tender_end = Some(date(2567, 10, 20));
        let mut odd_bids = ok.clone();
        odd_bids.seq = 4;
        odd_bids.line = 5;
        odd_bids.bids[0].date = Some(date(2567, 9, 1));
        let mut late = odd_bids.bids[0].clone();
        late.date = Some(date(2567, 10, 16));
        odd_bids.bids.push(late);
        let d = run_rule(
            run,
            &Fixture::new()
                .with(ok)
                .with(reversed)
                .with(early_contract)
                .with(odd_bids)
                .data,
            date(2568, 1, 1),
        );
        let at: Vec<(Option<u32>, Option<&str>)> = d
            .iter()
            .map(|x| {
                let l = x.location.as_ref().unwrap();
                (l.line, l.column_name.as_deref())
            })
            .collect();
        assert_eq!(
            at,
            [
                (Some(3), Some("วันสิ้นสุดการยื่นข้อเสนอ")),
                (Some(4), Some("วันที่สัญญา")),
                (Some(5), Some("รายชื่อผู้เสนอราคาและราคาที่เสนอ")),
                (Some(5), Some("รายชื่อผู้เสนอราคาและราคาที่เสนอ")),
            ],
            "{d:#?}"
        );
        assert!(d.iter().all(Diagnostic::is_error));
    }
}
