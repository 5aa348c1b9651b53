//! C302: a month file sits in the folder of another fiscal year.

use prongsai_model::codes;
use super::{Ctx, RuleInfo};
use prongsai_model::{Diagnostic, Location};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C302,
    doc: "The fiscal year starts on 1 October: months/2567-10.csv belongs in 2568/, not 2567/. A file in the wrong \
folder would be published under the wrong year and counted in the wrong ITA assessment. Move the file.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for (&fy, y) in &ctx.data.years {
        for (m, f) in &y.months {
            let right = m.fiscal_year();
            if right != fy {
                out.push(
                    INFO.diag(
                        format!(
                            "ไฟล์เดือน{} เป็นของปีงบประมาณ {right} (ปีงบประมาณเริ่ม 1 ต.ค.) แต่อยู่ในโฟลเดอร์ {fy} ให้ย้ายไปที่ procurement-data/{right}/months/",
                            m.thai_long()
                        ),
                        format!("{} belongs to fiscal year {right} (it starts on 1 October) but is in folder {fy}; move it to procurement-data/{right}/months/", m.key()),
                    )
                    .at(Location::file(&f.file.path)),
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
    fn october_in_the_old_year_folder() {
        let mut f = Fixture::new().full_year(2568);
        let oct = f.year(2568).months.remove(&ym("2567-10")).unwrap();
        f.year(2567).months.insert(oct.month, oct);
        let d = run_rule(run, &f.data, date(2569, 1, 1));
        assert_eq!(d.len(), 1);
        assert!(d[0].message_en.contains("fiscal year 2568"));
        assert!(run_rule(run, &Fixture::new().full_year(2568).data, date(2569, 1, 1)).is_empty());
    }
}
