//! C308: two plan lines share a รหัสแผน.

use prongsai_model::codes;
use super::{Ctx, RuleInfo};
use prongsai_model::{Diagnostic, Field};
use std::collections::HashMap;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C308,
    doc: "Each line of plan.csv needs its own รหัสแผน, because month files link to the plan by it. The second and \
later lines with the same id are reported, naming the first.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for y in ctx.data.years.values() {
        let Some(plan) = &y.plan else { continue };
        let mut first: HashMap<&str, u32> = HashMap::new();
        for l in &plan.lines {
            let id = l.plan_id.trim();
            match first.get(id) {
                Some(&line) => out.push(
                    INFO.diag(
                        format!("รหัสแผน \"{id}\" ซ้ำกับบรรทัดที่ {line} ให้ใช้รหัสที่ไม่ซ้ำกันในแต่ละรายการ"),
                        format!("Plan id \"{id}\" repeats line {line}; give each line its own id"),
                    )
                    .at(l.loc(Field::PlanId))
                    .with_text(id),
                ),
                None => {
                    first.insert(id, l.line);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    #[test]
    fn second_use_is_reported() {
        let data = Fixture::new()
            .with_plan_line(2568, plan_line(2568, 1, "P-01", 100))
            .with_plan_line(2568, plan_line(2568, 2, "P-02", 100))
            .with_plan_line(2568, plan_line(2568, 3, "P-01", 100))
            .data;
        let d = run_rule(run, &data, date(2568, 1, 1));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(4));
        assert!(d[0].message_en.contains("line 2"));
    }
}
