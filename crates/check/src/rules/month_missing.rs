//! C201: a month that has ended has no month file.

use super::{Ctx, RuleInfo, data_path};
use crate::criteria::EvidenceKind;
use prongsai_model::{Diagnostic, Severity, YearMonth, fiscal_year_months};

pub const INFO: RuleInfo = RuleInfo {
    code: "C201",
    severity: Severity::Error,
    title_th: "ไม่มีไฟล์ของเดือนที่สิ้นสุดแล้ว",
    title_en: "Month file missing for a month that has ended",
    source: "พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 9 (8) (แบบ สขร.1 ทุกเดือน); ITA 2568 O12, ITA 2569 O11/O12, ITA 2567 O21",
    doc: "Every month from October of the first fiscal year in procurement-data/ up to the last month that has \
ended before --as-of (its last day is earlier than --as-of) must have its file months/<BE year>-<MM>.csv in the \
folder of its fiscal year. A month without procurement still needs the file, with the header row only: the site then \
shows ไม่มีการจัดซื้อจัดจ้าง, as the ITA asks. The message names the ITA items (from the criteria files) that the \
gap makes fail.",
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
    let Some(&first) = ctx.data.years.keys().next() else {
        return;
    };
    let as_of = ctx.opts.as_of;
    let mut m = fiscal_year_months(first)[0];
    while m.last_day().is_some_and(|d| d < as_of) {
        let fy = m.fiscal_year();
        let present = ctx
            .data
            .years
            .get(&fy)
            .is_some_and(|y| y.months.contains_key(&m));
        if !present {
            let items = items_needing(ctx, m);
            let (fails_th, fails_en) = if items.is_empty() {
                (String::new(), String::new())
            } else {
                let list = items.join(", ");
                (
                    format!(" ทำให้ {list} ไม่ผ่าน"),
                    format!("; this fails {list}"),
                )
            };
            out.push(
                INFO.diag(
                    format!(
                        "ไม่มีไฟล์ของเดือน{} ซึ่งสิ้นเดือนแล้ว{fails_th} ให้เพิ่มไฟล์ procurement-data/{fy}/months/{}.csv ถ้าเดือนนี้ไม่มีการจัดซื้อจัดจ้าง ให้ใส่เฉพาะแถวหัวตาราง",
                        m.thai_long(),
                        m.key()
                    ),
                    format!(
                        "No file for {}, which has ended{fails_en}. Add procurement-data/{fy}/months/{}.csv; if there was no procurement that month, keep only the header row",
                        m.key(),
                        m.key()
                    ),
                )
                .at(data_path(fy, &format!("months/{}.csv", m.key()))),
            );
        }
        m = m.next();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn missing_ended_month_is_an_error_naming_the_ita_item() {
        let data = Fixture::new().full_year(2568).without_month("2567-11").data;
        let d = run_rule(run, &data, date(2568, 10, 15));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "C201");
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
