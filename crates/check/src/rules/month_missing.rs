//! C201: a month that has ended has no month file (a disclosure gap, never a build error).

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, gap_diag};
use crate::criteria::EvidenceKind;
use prongsai_model::{Diagnostic, Disclosure, YearMonth};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C201,
    class: RuleClass::Gap,
    doc: "A gap, not an error: the site is still built and shows the month as ยังไม่เผยแพร่ with its due date. \
Every month from October of the first fiscal year in procurement-data/ up to the last month that has ended before \
the date checked (--as-of, site.yaml as_of, else today) needs its file months/<BE year>-<MM>.csv in the folder of \
its fiscal year, including the months of a fiscal year whose folder does not exist yet. The file is due \
checks.month_due_days (default 15) days after the month's last day: before that the gap is info, after it a \
warning that counts the days overdue. The 15 days are prongsai's own default: the law asks for a monthly summary \
(มาตรา 9 (8)) without naming a day. A month without procurement still needs the file, with the header row only: \
the site then shows ไม่มีการจัดซื้อจัดจ้าง, as the ITA asks. A file that exists but cannot be read is a load error, \
not also this gap. The message names the ITA items (from the criteria files) the gap leaves incomplete.",
};

/// The ITA items (`ITA 2568 O12`) whose month evidence includes `m`.
pub fn items_needing(ctx: &Ctx<'_>, m: YearMonth) -> Vec<String> {
    let mut out = Vec::new();
    for c in ctx.criteria {
        for item in &c.items {
            let needs = item.evidence.iter().any(|e| {
                e.kind == EvidenceKind::Months
                    && e.fiscal_year.fiscal_year(c.assessment_year) == m.fiscal_year()
                    && e.coverage.indexes().contains(&m.fiscal_index())
            });
            if needs {
                out.push(format!("ITA {} {}", c.assessment_year, item.code));
            }
        }
    }
    out
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for g in ctx.gaps() {
        let Disclosure::Month(m) = g.what else {
            continue;
        };
        let items = items_needing(ctx, m);
        let (fails_th, fails_en) = if items.is_empty() {
            (String::new(), String::new())
        } else {
            let list = items.join(", ");
            (
                format!(" ทำให้ {list} ยังไม่ครบ"),
                format!("; {list} stays incomplete"),
            )
        };
        out.push(gap_diag(
            &INFO,
            &g,
            format!(
                "ยังไม่มีไฟล์ของเดือน{} ({}){fails_th} ให้เพิ่มไฟล์ {} ถ้าเดือนนี้ไม่มีการจัดซื้อจัดจ้าง ให้ใส่เฉพาะแถวหัวตาราง",
                m.thai_long(),
                g.status_th(),
                g.path()
            ),
            format!(
                "No file yet for {} ({}){fails_en}. Add {}; if there was no procurement that month, keep only the header row",
                m.key(),
                g.status_en(),
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
    fn missing_ended_month_is_a_gap_naming_the_ita_item() {
        let data = Fixture::new().full_year(2568).without_month("2567-11").data;
        // 30 Nov 2567 + 15 days: info up to 15 Dec, then an overdue warning.
        let d = run_rule(run, &data, date(2567, 12, 15));
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[0].message_th.contains("ครบกำหนดเผยแพร่ 15 ธ.ค. 2567"));
        let d = run_rule(run, &data, date(2568, 10, 15));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "C201");
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].message_th.contains("เลยกำหนดเผยแพร่"));
        assert_eq!(
            d[0].location.as_ref().unwrap().file,
            "procurement-data/2568/months/2567-11.csv"
        );
        assert!(
            d[0].message_th.contains("ITA 2568 O12"),
            "{}",
            d[0].message_th
        );
        assert!(d[0].message_th.contains("พฤศจิกายน 2567"));
    }

    #[test]
    fn months_not_yet_ended_are_not_required() {
        // As of 31 Oct 2567 October has not ended (its last day is not before as_of).
        let mut f = Fixture::new();
        f.month(ym("2567-10"));
        assert!(run_rule(run, &f.data, date(2567, 10, 31)).is_empty());
        // On 1 Nov it has; November has not.
        assert!(run_rule(run, &f.data, date(2567, 11, 1)).is_empty());
        let d = run_rule(run, &Fixture::new().full_year(2568).data, date(2568, 11, 1));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].location.as_ref().unwrap().file,
            "procurement-data/2569/months/2568-10.csv"
        );
    }

    #[test]
    fn complete_year_is_clean() {
        assert!(
            run_rule(
                run,
                &Fixture::new().full_year(2568).data,
                date(2568, 10, 15)
            )
            .is_empty()
        );
        assert!(run_rule(run, &Fixture::new().data, date(2568, 10, 15)).is_empty());
    }
}
