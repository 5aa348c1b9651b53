//! `months/<BE year>-<MM>.csv` to a [`MonthFile`] of [`Procurement`] records.

use crate::cells::RowCtx;
use crate::diag;
use crate::headers::{Kind, Opened, open};
use crate::values::{
    parse_bids, parse_date, parse_egp_no, parse_method, parse_money, parse_seq, parse_status,
    parse_tin, parse_unspsc,
};
use prongsai_model::{Diagnostic, Field, MonthFile, Procurement, SourceFile, Status, YearMonth};
use std::collections::HashMap;
use std::sync::Arc;

/// Parses a decoded month file. `None` when the file has no usable header (reported).
pub(crate) fn parse(
    path: &str,
    month: YearMonth,
    text: &str,
    encoding: &'static str,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<MonthFile> {
    let opened = open(Kind::Month, path, text, encoding, limits, diags)?;
    from_opened(month, opened, diags)
}

/// The records of a month file whose header is matched, read from CSV or a worksheet.
pub(crate) fn from_opened(
    month: YearMonth,
    opened: Opened,
    diags: &mut Vec<Diagnostic>,
) -> Option<MonthFile> {
    let Opened {
        table,
        file,
        complete,
    } = opened;
    let mut records: Vec<Procurement> = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<u32, u32> = HashMap::new();
    for row in &table.rows {
        let mut ctx = RowCtx {
            file: &file,
            line: row.line,
            cells: &row.cells,
            diags,
            ok: true,
        };
        ctx.check_extra_cells(table.header.len());
        let record = parse_row(&mut ctx, month, &file);
        let line = row.line;
        let Some(record) = record.filter(|_| ctx.ok) else {
            continue;
        };
        if let Some(first) = seen.get(&record.seq) {
            let text = ctx.text(Field::Seq).unwrap_or_default().to_owned();
            let d = Diagnostic::error(
                diag::DUPLICATE_SEQ,
                format!(
                    "ลำดับที่ {} ซ้ำกับแถวที่ {first}: ลำดับที่ในไฟล์เดียวกันต้องไม่ซ้ำ ให้แก้เป็นเลขถัดไป",
                    record.seq
                ),
                format!(
                    "sequence number {} was already used on line {first}: numbers must be unique in the file; renumber this row",
                    record.seq
                ),
            )
            .at(ctx.loc(Field::Seq))
            .with_text(text);
            ctx.diags.push(d);
            continue;
        }
        seen.insert(record.seq, line);
        records.push(record);
    }
    complete.then_some(MonthFile {
        month,
        file,
        records,
    })
}

/// Every cell is parsed (so all its problems are reported) before deciding whether the record stands.
fn parse_row(
    ctx: &mut RowCtx<'_>,
    month: YearMonth,
    file: &Arc<SourceFile>,
) -> Option<Procurement> {
    let seq = ctx.required(Field::Seq, diag::BAD_SEQ, parse_seq);
    let egp_project_no = ctx.optional(Field::EgpProjectNo, diag::BAD_EGP, parse_egp_no);
    let plan_id = ctx.optional_text(Field::PlanId);
    let title = ctx.required_text(Field::Title);
    let budget = ctx.required(Field::Budget, diag::BAD_MONEY, parse_money);
    let budget_source = ctx.required_text(Field::BudgetSource);
    let reference_price = ctx.required(Field::ReferencePrice, diag::BAD_MONEY, parse_money);
    let method = ctx.required(Field::Method, diag::BAD_METHOD, parse_method);
    let status = ctx.required(Field::Status, diag::BAD_STATUS, parse_status);
    // A cancelled procurement has no winner, price or contract; the others need them.
    let needed = status != Some(Status::Cancelled);
    let bids_text = ctx.text(Field::Bids).map(str::to_owned);
    let bids = if needed {
        ctx.required(Field::Bids, diag::BAD_BIDS, parse_bids)
    } else {
        ctx.optional(Field::Bids, diag::BAD_BIDS, parse_bids)
    };
    let bids = match bids {
        Some((bids, no_price)) => {
            for name in no_price {
                let d = Diagnostic::warning(
                    diag::BID_NO_PRICE,
                    format!(
                        "ผู้เสนอราคา \"{name}\" ไม่มีราคาที่เสนอ: เขียนราคาต่อท้ายชื่อ เช่น {name} 12,000 บาท"
                    ),
                    format!(
                        "the bid of \"{name}\" has no price: write the price after the name, e.g. {name} 12,000 บาท"
                    ),
                )
                .at(ctx.loc(Field::Bids))
                .with_text(bids_text.clone().unwrap_or_default());
                ctx.diags.push(d);
            }
            bids
        }
        None => Vec::new(),
    };
    let text_field = |ctx: &mut RowCtx<'_>, f: Field| {
        if needed {
            ctx.required_text(f)
        } else {
            ctx.optional_text(f)
        }
    };
    let winner = text_field(ctx, Field::Winner);
    let winner_tin = ctx.optional(Field::WinnerTin, diag::BAD_TIN, parse_tin);
    let agreed_price = if needed {
        ctx.required(Field::AgreedPrice, diag::BAD_MONEY, parse_money)
    } else {
        ctx.optional(Field::AgreedPrice, diag::BAD_MONEY, parse_money)
    };
    let reason = text_field(ctx, Field::Reason);
    let contract_no = text_field(ctx, Field::ContractNo);
    let contract_date = if needed {
        ctx.required(Field::ContractDate, diag::BAD_DATE, parse_date)
    } else {
        ctx.optional(Field::ContractDate, diag::BAD_DATE, parse_date)
    };
    let contract_end = ctx.optional(Field::ContractEnd, diag::BAD_DATE, parse_date);
    let legal_ground = ctx.optional_text(Field::LegalGround);
    let explanation = ctx.optional_text(Field::Explanation);
    let tender_start = ctx.optional(Field::TenderStart, diag::BAD_DATE, parse_date);
    let tender_end = ctx.optional(Field::TenderEnd, diag::BAD_DATE, parse_date);
    let unspsc = ctx.optional(Field::Unspsc, diag::BAD_UNSPSC, parse_unspsc);
    Some(Procurement {
        file: Arc::clone(file),
        line: ctx.line,
        month,
        seq: seq?,
        egp_project_no,
        plan_id,
        title: title?,
        budget: budget?,
        budget_source: budget_source?,
        reference_price,
        method: method?,
        bids,
        winner,
        winner_tin,
        agreed_price,
        reason,
        contract_no,
        contract_date,
        contract_end,
        status: status?,
        legal_ground,
        explanation,
        tender_start,
        tender_end,
        unspsc,
    })
}
