//! C311: a company or partnership won without its taxpayer number.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, records};
use crate::text::looks_juristic;
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C311,
    class: RuleClass::Completeness,
    doc: "A company or partnership (บริษัท, ห้างหุ้นส่วน, หจก., … จำกัด) always has a 13-digit taxpayer number. \
Writing it in เลขประจำตัวผู้เสียภาษี lets the site and the OCDS release identify the supplier across spellings of its \
name. This is information, not a requirement of the ITA list. The check digit itself (mod 11) is enforced by the \
loader when the file is read (its P1xx TIN diagnostic), so every TIN that reaches this stage is valid.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        let Some(winner) = p.winner.as_deref() else {
            continue;
        };
        if p.winner_tin.is_none()
            && p.given(Field::WinnerTin)
            && looks_juristic(winner)
            && !p.is_cancelled()
        {
            out.push(
                INFO.diag(
                    format!("ผู้ชนะ \"{winner}\" เป็นนิติบุคคล ควรกรอกเลขประจำตัวผู้เสียภาษี 13 หลัก เพื่อให้ระบุผู้ประกอบการได้ถูกต้อง"),
                    format!("Winner \"{winner}\" is a company or partnership; add its 13-digit taxpayer number so the supplier is identified"),
                )
                .at(p.loc(Field::WinnerTin)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prongsai_model::Severity;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::Tin;

    #[test]
    fn company_without_tin_is_noted() {
        let mut company = record("2567-10", 1);
        company.winner = Some("หจก.ทับทันก่อสร้าง".into());
        let mut with_tin = company.clone();
        with_tin.line = 3;
        with_tin.winner_tin = Tin::new("0994000165510");
        let person = record("2567-10", 3);
        let d = run_rule(
            run,
            &Fixture::new()
                .with(company)
                .with(with_tin)
                .with(person)
                .data,
            date(2568, 1, 1),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
    }
}
