//! C301: the contract date falls outside the month (and so possibly the fiscal year) of its file.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, records};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C301,
    class: RuleClass::Consistency,
    doc: "A month file summarises the contracts of that month, so วันที่สัญญา must fall inside it (and therefore \
inside the file's fiscal year). A date in another month usually means the row is in the wrong file or the year was \
typed in the Christian era or mistyped. Move the row to the right month file or correct the date.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (_, p) in records(ctx.data) {
        let Some(d) = p.contract_date else { continue };
        if d.year_month() != p.month {
            let other_fy = d.fiscal_year() != p.fiscal_year();
            let fy_th = if other_fy {
                format!(
                    " และอยู่คนละปีงบประมาณ ({} แทน {})",
                    d.fiscal_year(),
                    p.fiscal_year()
                )
            } else {
                String::new()
            };
            let fy_en = if other_fy {
                format!(
                    ", and in another fiscal year ({} instead of {})",
                    d.fiscal_year(),
                    p.fiscal_year()
                )
            } else {
                String::new()
            };
            out.push(
                INFO.diag(
                    format!(
                        "วันที่สัญญา {} ไม่อยู่ในเดือน{} ของไฟล์นี้{fy_th} ให้ย้ายแถวไปไฟล์เดือน {} หรือแก้วันที่ให้ถูกต้อง",
                        d.thai_short(),
                        p.month.thai_long(),
                        d.year_month().key()
                    ),
                    format!(
                        "Contract date {} is not in {}, this file's month{fy_en}; move the row to {}.csv or correct the date",
                        d.iso(),
                        p.month.key(),
                        d.year_month().key()
                    ),
                )
                .at(p.loc(Field::ContractDate))
                .with_text(d.thai_short()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn date_in_another_month_and_year() {
        let mut p = record("2567-10", 1);
        p.contract_date = Some(date(2567, 9, 30));
        let d = run_rule(run, &Fixture::new().with(p).data, date(2568, 1, 1));
        assert_eq!(d.len(), 1);
        assert!(d[0].message_th.contains("คนละปีงบประมาณ"));
        assert_eq!(
            d[0].location.as_ref().unwrap().column_name.as_deref(),
            Some("วันที่สัญญา")
        );
        let mut edge = record("2567-10", 1);
        edge.contract_date = Some(date(2567, 10, 31));
        assert!(run_rule(run, &Fixture::new().with(edge).data, date(2568, 1, 1)).is_empty());
    }
}
