//! C206: annual.md lacks one of its three required sections.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo};
use prongsai_model::{AnnualReport, Diagnostic, Location};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C206,
    class: RuleClass::Completeness,
    doc: "annual.md must have three headed sections: ผลการวิเคราะห์ (analysis), ปัญหาและอุปสรรค (problems and \
obstacles), แนวทางการปรับปรุง (improvements). A heading matches when it contains the words, so \
`## 1. ผลการวิเคราะห์การจัดซื้อจัดจ้าง` counts. Checked whenever annual.md exists, because it is published as soon \
as it does: a warning, since an incomplete report is still the agency's report, and the ITA evidence page lists \
the item as incomplete (ยังไม่ครบ) until the section is written.",
};

pub const SECTIONS: [(&str, &str); 3] = [
    ("ผลการวิเคราะห์", "analysis"),
    ("ปัญหาและอุปสรรค", "problems and obstacles"),
    ("แนวทางการปรับปรุง", "improvements"),
];

/// The required sections (Thai, English) that `report` has no heading for.
pub fn missing_sections(report: &AnnualReport) -> Vec<(&'static str, &'static str)> {
    SECTIONS
        .iter()
        .filter(|(th, _)| {
            let want: String = th.split_whitespace().collect();
            !report
                .headings
                .iter()
                .any(|(_, h)| h.split_whitespace().collect::<String>().contains(&want))
        })
        .copied()
        .collect()
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for y in ctx.data.years.values() {
        let Some(r) = &y.annual else { continue };
        for (th, en) in missing_sections(r) {
            out.push(
                INFO.diag(
                    format!("รายงานประจำปี {} ไม่มีหัวข้อ \"{th}\" ให้เพิ่มหัวข้อ ## {th} พร้อมเนื้อหา", y.year),
                    format!("The annual report of {} has no \"{th}\" ({en}) section; add a heading ## {th} with its text", y.year),
                )
                .at(Location::line(&r.path, r.body_line.max(1))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn each_missing_section_is_reported() {
        let data = Fixture::new()
            .full_year(2568)
            .edit(|d| {
                let r = d.years.get_mut(&2568).unwrap().annual.as_mut().unwrap();
                r.headings = vec![(5, "1. ผลการวิเคราะห์การจัดซื้อจัดจ้าง".into())];
            })
            .data;
        let d = run_rule(run, &data, date(2569, 1, 1));
        assert_eq!(d.len(), 2);
        assert!(d.iter().any(|x| x.message_th.contains("ปัญหาและอุปสรรค")));
        assert!(run_rule(run, &Fixture::new().full_year(2568).data, date(2569, 1, 1)).is_empty());
    }
}
