//! C205: the annual procurement report of an ended fiscal year is missing (a disclosure gap).

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, gap_diag};
use prongsai_model::{Diagnostic, Disclosure};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C205,
    class: RuleClass::Gap,
    doc: "A gap, not an error: the site is still built. Each fiscal year that has ended needs annual.md, due \
checks.annual_report_due_days (default 30) days after 30 September: before that the gap is info, after it a \
warning that counts the days overdue. The 30 days are prongsai's own default; the ITA of the next assessment year \
asks for the report. Its figures are computed from the month files; annual.md holds the narrative and the approval.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for g in ctx
        .gaps()
        .iter()
        .filter(|g| g.what == Disclosure::AnnualReport)
    {
        let fy = g.fiscal_year;
        out.push(gap_diag(
            &INFO,
            g,
            format!(
                "ปีงบประมาณ {fy} สิ้นสุดแล้ว แต่ยังไม่มีรายงานผลการจัดซื้อจัดจ้างประจำปี ({}) ซึ่ง ITA ปี {} ใช้ประเมิน ให้เพิ่มไฟล์ {} มีหัวข้อ ผลการวิเคราะห์ ปัญหาและอุปสรรค แนวทางการปรับปรุง และผู้อนุมัติ",
                g.status_th(),
                fy + 1,
                g.path()
            ),
            format!(
                "Fiscal year {fy} has ended but has no annual procurement report yet ({}), which ITA {} assesses; add {} with the three sections and the approval",
                g.status_en(),
                fy + 1,
                g.path()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prongsai_model::Severity;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn missing_once_due() {
        let data = Fixture::new()
            .full_year(2568)
            .edit(|d| d.years.get_mut(&2568).unwrap().annual = None)
            .data;
        assert!(
            run_rule(run, &data, date(2568, 9, 30)).is_empty(),
            "year not ended"
        );
        // Due 30 days after 30 Sep 2568, i.e. 30 Oct 2568: info until then.
        let d = run_rule(run, &data, date(2568, 10, 30));
        assert_eq!(d[0].severity, Severity::Info);
        let d = run_rule(run, &data, date(2568, 10, 31));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].location.as_ref().unwrap().file,
            "procurement-data/2568/annual.md"
        );
        assert!(run_rule(run, &Fixture::new().full_year(2568).data, date(2569, 1, 1)).is_empty());
    }
}
