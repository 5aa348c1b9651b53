//! C203: an agency column of the ITA list is empty in agency.yaml.

use prongsai_model::codes;
use super::{Ctx, RuleInfo};
use prongsai_model::{Diagnostic, Location};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C203,
    doc: "The ITA procurement list repeats five agency columns on every row; prongsai fills them from \
procurement-data/agency.yaml. Each must be non-blank, because the ITA template allows no blank cells. A missing \
agency.yaml is reported by the loader.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(a) = &ctx.data.agency else {
        return;
    };
    let fields = [
        ("name", "ชื่อหน่วยงาน", &a.name),
        ("district", "อำเภอ", &a.district),
        ("province", "จังหวัด", &a.province),
        ("ministry", "กระทรวง", &a.ministry),
        ("agency_type", "ประเภทหน่วยงาน", &a.agency_type),
    ];
    for (key, th, value) in fields {
        if value.trim().is_empty() {
            out.push(
                INFO.diag(
                    format!("{th} ({key}) ใน agency.yaml ว่าง แบบฟอร์ม ITA ต้องมีทุกช่อง ให้กรอก {key}: ในไฟล์"),
                    format!("{key} in agency.yaml is empty; the ITA list needs every agency column, fill in {key}:"),
                )
                .at(Location::file("procurement-data/agency.yaml")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn blank_district_is_reported() {
        let data = Fixture::new()
            .edit(|d| d.agency.as_mut().unwrap().district = " ".into())
            .data;
        let d = run_rule(run, &data, date(2568, 1, 1));
        assert_eq!(d.len(), 1);
        assert!(d[0].message_en.contains("district"));
        assert!(run_rule(run, &Fixture::new().data, date(2568, 1, 1)).is_empty());
    }
}
