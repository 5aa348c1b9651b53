//! `plan.csv` to a [`Plan`], and `plan.yaml` to [`PlanMeta`].

use crate::cells::{FieldRow, RowCtx, check_extra_cells};
use crate::diag;
use crate::headers::{Kind, Opened, open};
use crate::values::{parse_method, parse_money, parse_month, parse_seq};
use crate::yaml;
use prongsai_model::{Diagnostic, Field, Plan, PlanLine, PlanMeta};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) fn parse(
    path: &str,
    text: &str,
    encoding: &'static str,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Plan> {
    let opened = open(Kind::Plan, path, text, encoding, limits, diags)?;
    from_opened(opened, diags)
}

/// The lines of a plan whose header is matched, read from CSV or a worksheet.
pub(crate) fn from_opened(opened: Opened, diags: &mut Vec<Diagnostic>) -> Option<Plan> {
    let Opened {
        table,
        file,
        complete,
    } = opened;
    let mut lines = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<String, u32> = HashMap::new();
    for row in &table.rows {
        check_extra_cells(&file, row.line, &row.cells, table.header.len(), diags);
        let fields = FieldRow::from_record(&file, row.line, &row.cells);
        let mut ctx = RowCtx {
            file: &file,
            row: &fields,
            diags,
            ok: true,
        };
        let seq = ctx.required(Field::Seq, diag::BAD_SEQ, parse_seq);
        let plan_id = ctx.required_text(Field::PlanId);
        let title = ctx.required_text(Field::Title);
        let division = ctx.required_text(Field::Division);
        let budget = ctx.required(Field::Budget, diag::BAD_MONEY, parse_money);
        let budget_source = ctx.required_text(Field::BudgetSource);
        let method = ctx.required(Field::Method, diag::BAD_METHOD, parse_method);
        let expected_month = ctx.required(Field::ExpectedMonth, diag::BAD_MONTH, parse_month);
        if let Some(id) = &plan_id {
            // รหัสแผน is how month records link to the plan, so it must name one line only.
            if let Some(first) = seen.get(id) {
                let d = Diagnostic::error(
                    diag::DUPLICATE_PLAN_ID,
                    format!("รหัสแผน \"{id}\" ซ้ำกับแถวที่ {first}: รหัสแผนต้องไม่ซ้ำกันในปีงบประมาณ"),
                    format!("plan ID \"{id}\" was already used on line {first}: plan IDs must be unique in the fiscal year"),
                )
                .at(ctx.loc(Field::PlanId))
                .with_text(id.clone());
                ctx.diags.push(d);
                continue;
            }
            seen.insert(id.clone(), row.line);
        }
        let line = (|| {
            Some(PlanLine {
                file: Arc::clone(&file),
                line: row.line,
                seq: seq?,
                plan_id: plan_id?,
                title: title?,
                division: division?,
                budget: budget?,
                budget_source: budget_source?,
                method: method?,
                expected_month: expected_month?,
            })
        })();
        if let Some(line) = line.filter(|_| ctx.ok) {
            lines.push(line);
        }
    }
    complete.then(|| Plan {
        path: file.path.clone(),
        lines,
    })
}

const PLAN_KEYS: [&str; 4] = ["approved_on", "published_on", "egp_plan_no", "note"];

pub(crate) fn parse_meta(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<PlanMeta> {
    let map = yaml::parse_map(path, text, diags)?;
    let mut meta = PlanMeta {
        path: path.to_owned(),
        ..PlanMeta::default()
    };
    for (key, value) in &map {
        match key.as_str() {
            "approved_on" => meta.approved_on = yaml::date(path, key, value, diags),
            "published_on" => meta.published_on = yaml::date(path, key, value, diags),
            "egp_plan_no" => meta.egp_plan_no = yaml::text(path, key, value, diags),
            "note" => meta.note = yaml::text(path, key, value, diags),
            _ => diags.push(yaml::unknown_key(path, key, value, &PLAN_KEYS)),
        }
    }
    Some(meta)
}
