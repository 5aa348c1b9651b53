//! C320: a value a month file gives differs from e-GP's for the same contract.

use super::{RuleClass, Ctx, RuleInfo, records};
use prongsai_model::{Diagnostic, EgpValue, codes};

pub const INFO: RuleInfo = RuleInfo {
    class: RuleClass::Plausibility,
    entry: &codes::C320,
    doc: "Read when procurement-data/<FY>/egp/ holds e-GP's contract data. For each record joined with an e-GP \
contract (by the e-GP project number, else by month, agreed price and title, winner or contract number), the values \
both give are compared: agreed price, winner (names compared as the supplier pages compare them), taxpayer number, \
contract date and end, and for a project of one contract its budget and reference price. A difference is usually a \
typing slip on one side. The warning names the month file's cell and e-GP's line with both values; the site \
publishes the agency's value, with e-GP's beside it on the record page and in the downloads. Contract numbers and \
statuses are not compared (forms write numbers many ways, and a status moves on after the month is reported).",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, r) in records(ctx.data) {
        let Some(link) = &r.egp else { continue };
        for d in &link.differs {
            let theirs = match &d.egp {
                EgpValue::Money(m) => format!("{m}"),
                other => other.to_string(),
            };
            let at_egp = link.loc(d.field);
            out.push(
                INFO.diag(
                    format!(
                        "{} ไม่ตรงกับข้อมูล e-GP (เลขที่โครงการ {}): ไฟล์รายเดือนเป็น \"{}\" แต่ e-GP ({at_egp}) เป็น \"{theirs}\": ตรวจกับเอกสารสัญญาแล้วแก้ฝั่งที่ผิด (เว็บไซต์แสดงค่าของหน่วยงาน พร้อมค่าของ e-GP ข้างกัน)",
                        d.field.thai(),
                        link.project_no,
                        d.ours
                    ),
                    format!(
                        "{} differs from e-GP's (project {}): \"{}\" in the month file, \"{theirs}\" in e-GP ({}): check the contract and correct the side that is wrong (the site shows the agency's value with e-GP's beside it)",
                        d.field.alias(),
                        link.project_no,
                        d.ours,
                        at_egp.english()
                    ),
                )
                .at(r.loc(d.field))
                .with_text(d.ours.clone()),
            );
        }
    }
}
