//! C220: a contract e-GP has for the agency, in a month that has ended, that no month file holds.

use super::{RuleClass, Ctx, RuleInfo, baht};
use prongsai_model::{Diagnostic, codes};

pub const INFO: RuleInfo = RuleInfo {
    class: RuleClass::Completeness,
    entry: &codes::C220,
    doc: "Read when procurement-data/<FY>/egp/ holds e-GP's contract data (the data.go.th cgd-contract CSV or the \
CGD API's JSON, `prongsai egp fetch`). Each of the agency's contracts in it is looked for in the month files: by its \
e-GP project number, else (a month file without that column, such as the สขร.1 form) by its month, agreed price and \
title, winner or contract number. A contract whose month (the date it was signed, else the date e-GP recorded it) \
has ended and that no row holds is reported, with its number, date, amount and the month file it belongs in; a month \
file that says ไม่มีการจัดซื้อจัดจ้าง while e-GP has a contract that month is the same finding. The year page shows \
these contracts to the public (site.yaml `egp: { public: false }` hides that part; check always reports).",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for fy in ctx.data.years.values() {
        let Some(egp) = &fy.egp else { continue };
        for c in egp.due(ctx.opts.as_of) {
            if c.disclosed_by.is_some() {
                continue;
            }
            let Some(month) = c.month() else { continue };
            let year = ctx.data.years.get(&month.fiscal_year());
            let file = year.and_then(|y| y.months.get(&month));
            let path = file.map_or_else(
                || format!("procurement-data/{}/months/{}.csv", month.fiscal_year(), month.key()),
                |m| m.file.path.clone(),
            );
            let empty = file.is_some_and(|m| m.records.is_empty());
            let date = c.contract_date.or(c.transaction_date);
            let date_th = date.map(|d| d.thai_short()).unwrap_or_default();
            let date_en = date.map(|d| d.iso()).unwrap_or_default();
            let amount = c.agreed_price.map(baht).unwrap_or_else(|| "-".to_owned());
            let winner = c.winner.as_deref().unwrap_or("-");
            let (where_th, where_en) = if empty {
                (
                    format!("แต่ {path} ระบุว่าไม่มีการจัดซื้อจัดจ้างในเดือน{}", month.thai_long()),
                    format!("but {path} says there was no procurement in {}", month.key()),
                )
            } else if file.is_some() {
                (format!("แต่ไม่มีใน {path}"), format!("but {path} does not hold it"))
            } else {
                (
                    format!("แต่ยังไม่มีไฟล์ {path}"),
                    format!("but there is no {path} yet"),
                )
            };
            out.push(
                INFO.diag(
                    format!(
                        "e-GP มีสัญญา \"{}\" (เลขที่โครงการ {}, ลงวันที่ {date_th}, {amount}, ผู้ชนะ {winner}) {where_th}: เพิ่มรายการนี้ในไฟล์ของเดือน{} หรือแก้เลขที่โครงการของแถวที่เป็นสัญญาเดียวกันให้ตรง",
                        c.title,
                        c.project_no,
                        month.thai_long()
                    ),
                    format!(
                        "e-GP has the contract \"{}\" (project {}, {date_en}, {amount}, winner {winner}) {where_en}: add it to the month's file, or correct the e-GP number of the row that is this contract",
                        c.title, c.project_no
                    ),
                )
                .at(c.loc())
                .with_text(c.project_no.as_str()),
            );
        }
    }
}
