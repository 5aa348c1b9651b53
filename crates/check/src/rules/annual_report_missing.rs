//! C205: the annual procurement report of an ended fiscal year is missing once due.

use super::{Ctx, RuleInfo, data_path, fiscal_year_end};
use prongsai_model::{Date, Diagnostic, Severity};

pub const INFO: RuleInfo = RuleInfo {
    code: "C205",
    severity: Severity::Error,
    title_th: "ไม่มีรายงานผลการจัดซื้อจัดจ้างประจำปี",
    title_en: "Annual procurement report missing",
    source: "ITA 2568 O13, ITA 2569 O12, ITA 2567 O22 (รายงานผลการจัดซื้อจัดจ้างประจำปีของปีงบประมาณก่อนหน้า)",
    doc: "Each fiscal year in procurement-data/ that has ended needs annual.md once the report is due: \
checks.annual_report_due_days (default 30) days after 30 September. The ITA of the next assessment year asks for it. \
Its figures are computed from the month files; annual.md holds the narrative and the approval.",
};

/// When the annual report of `fy` is due.
pub fn due_date(ctx: &Ctx<'_>, fy: i32) -> Option<Date> {
    fiscal_year_end(fy).map(|d| d.add_days(i64::from(ctx.opts.config.annual_report_due_days)))
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (&fy, y) in &ctx.data.years {
        let Some(due) = due_date(ctx, fy) else {
            continue;
        };
        if y.annual.is_none() && due < ctx.opts.as_of {
            out.push(
                INFO.diag(
                    format!(
                        "ปีงบประมาณ {fy} สิ้นสุดแล้ว แต่ยังไม่มีรายงานผลการจัดซื้อจัดจ้างประจำปี (ครบกำหนด {}) ซึ่ง ITA ปี {} ใช้ประเมิน ให้เพิ่มไฟล์ procurement-data/{fy}/annual.md มีหัวข้อ ผลการวิเคราะห์ ปัญหาและอุปสรรค แนวทางการปรับปรุง และผู้อนุมัติ",
                        due.thai_short(),
                        fy + 1
                    ),
                    format!(
                        "Fiscal year {fy} has ended but has no annual procurement report (due {}), which ITA {} assesses; add procurement-data/{fy}/annual.md with the three sections and the approval",
                        due.iso(),
                        fy + 1
                    ),
                )
                .at(data_path(fy, "annual.md")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn missing_once_due() {
        let data = Fixture::new()
            .full_year(2568)
            .edit(|d| d.years.get_mut(&2568).unwrap().annual = None)
            .data;
        // Due 30 days after 30 Sep 2568, i.e. 30 Oct 2568.
        assert!(run_rule(run, &data, date(2568, 10, 30)).is_empty());
        let d = run_rule(run, &data, date(2568, 10, 31));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].location.as_ref().unwrap().file,
            "procurement-data/2568/annual.md"
        );
        assert!(run_rule(run, &Fixture::new().full_year(2568).data, date(2569, 1, 1)).is_empty());
    }
}
