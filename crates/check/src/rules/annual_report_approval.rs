//! C207: annual.md does not say who approved it and when.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo};
use prongsai_model::{Diagnostic, Location};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C207,
    class: RuleClass::Completeness,
    doc: "annual.md's front matter needs approved_by (name and position of the executive who approved the report) \
and approved_on (the date). The ITA expects the report to have been put to the head of the agency. A warning: \
the report is published as written, and the ITA evidence page lists the item as incomplete (ยังไม่ครบ) until the \
approval is recorded.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for y in ctx.data.years.values() {
        let Some(r) = &y.annual else { continue };
        let by = r
            .approved_by
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty());
        for (present, key, th) in [
            (by, "approved_by", "ผู้อนุมัติ"),
            (r.approved_on.is_some(), "approved_on", "วันที่อนุมัติ"),
        ] {
            if !present {
                out.push(
                    INFO.diag(
                        format!("รายงานประจำปี {} ไม่ระบุ{th} ให้เพิ่ม {key}: ใน front matter ของ annual.md", y.year),
                        format!("The annual report of {} has no {key}; add {key}: to annual.md's front matter", y.year),
                    )
                    .at(Location::line(&r.path, 1)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn approval_fields_are_required() {
        let data = Fixture::new()
            .full_year(2568)
            .edit(|d| {
                let r = d.years.get_mut(&2568).unwrap().annual.as_mut().unwrap();
                r.approved_by = Some(" ".into());
                r.approved_on = None;
            })
            .data;
        assert_eq!(run_rule(run, &data, date(2569, 1, 1)).len(), 2);
        assert!(run_rule(run, &Fixture::new().full_year(2568).data, date(2569, 1, 1)).is_empty());
    }
}
