//! A month given in two layouts (the สขร.1 form and the ITA list side by side, as an officer who
//! keeps both commits them) joined row by row into one list of records.
//!
//! Rows pair by e-GP project number when both give it, else by title and agreed price (blanks
//! ignored). A paired record keeps the number and address of the file with more detail per row
//! ([`Layout::JOIN_ORDER`]) and takes every field the other file gives and it does not. A field
//! both give with different values is an error naming both cells: one of the files is wrong and
//! publishing either would mislead. A row that pairs with nothing is a warning, and published.

use crate::diag;
use prongsai_model::{Diagnostic, Field, Layout, MonthFile, Procurement, RowRef, normalise_name};
use std::sync::Arc;

/// Joins the files of one month, each of a different layout.
pub(crate) fn join(mut files: Vec<MonthFile>, diags: &mut Vec<Diagnostic>) -> Option<MonthFile> {
    files.sort_by_key(|m| Layout::JOIN_ORDER.iter().position(|l| *l == m.file.layout));
    let mut files = files.into_iter();
    let mut primary = files.next()?;
    for other in files {
        join_one(&mut primary, other, diags);
    }
    Some(primary)
}

/// A title as compared: blanks and the order of Thai marks do not matter.
fn title_key(title: &str) -> String {
    prongsai_text::repair_marks(title)
        .chars()
        .filter(|c| !prongsai_text::is_blank_char(*c))
        .collect()
}

fn pairs(a: &Procurement, b: &Procurement) -> bool {
    match (&a.egp_project_no, &b.egp_project_no) {
        (Some(x), Some(y)) => x == y,
        _ => a.agreed_price == b.agreed_price && title_key(&a.title) == title_key(&b.title),
    }
}

fn join_one(primary: &mut MonthFile, other: MonthFile, diags: &mut Vec<Diagnostic>) {
    let mut taken = vec![false; primary.records.len()];
    let mut unpaired: Vec<Procurement> = Vec::new();
    for record in other.records {
        // e-GP numbers first: a title typed differently still pairs by its number.
        let by_egp = record.egp_project_no.as_ref().and_then(|n| {
            primary
                .records
                .iter()
                .enumerate()
                .position(|(i, p)| !taken[i] && p.egp_project_no.as_ref() == Some(n))
        });
        let found = by_egp.or_else(|| {
            primary
                .records
                .iter()
                .enumerate()
                .position(|(i, p)| !taken[i] && pairs(p, &record))
        });
        match found {
            Some(i) => {
                taken[i] = true;
                merge(&mut primary.records[i], record, diags);
            }
            None => unpaired.push(record),
        }
    }
    let other_name = name_of(&other.file.path);
    let primary_name = name_of(&primary.file.path);
    for (i, r) in primary.records.iter().enumerate() {
        if !taken[i] {
            diags.push(unpaired_warning(r, &other_name));
        }
    }
    let mut next = primary.records.iter().map(|r| r.seq).max().unwrap_or(0);
    for mut r in unpaired {
        diags.push(unpaired_warning(&r, &primary_name));
        // Numbered after the primary file's rows, so every record of the month keeps its own
        // address.
        next += 1;
        r.seq = next;
        primary.records.push(r);
    }
    primary.joined.push(other.file);
}

fn name_of(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_owned()
}

fn unpaired_warning(r: &Procurement, other: &str) -> Diagnostic {
    Diagnostic::warning(
        diag::JOIN_UNPAIRED,
        format!(
            "รายการ \"{}\" ไม่มีคู่ใน {other}: เผยแพร่ตามไฟล์นี้; ถ้าเป็นรายการเดียวกัน ให้แก้ชื่องาน ราคาที่ตกลง หรือเลขที่โครงการ e-GP ให้ตรงกัน หรือเพิ่มรายการใน {other}",
            r.title
        ),
        format!(
            "\"{}\" pairs with no row of {other}: it is published as this file gives it; if it is the same procurement, make its title, agreed price or e-GP number match, or add it to {other}",
            r.title
        ),
    )
    .at(r.loc(Field::Title))
    .with_text(r.title.clone())
}

/// One field of a paired record: taken from the other file when only it gives the field,
/// compared when both do.
fn take<T: Clone>(
    field: Field,
    (into_gives, from_gives): (bool, bool),
    (into, from): (&mut T, &T),
    same: impl Fn(&T, &T) -> bool,
    show: impl Fn(&T) -> String,
    diffs: &mut Vec<(Field, String, String)>,
) {
    match (into_gives, from_gives) {
        (_, false) => {}
        (false, true) => *into = from.clone(),
        (true, true) if same(into, from) => {}
        (true, true) => diffs.push((field, show(into), show(from))),
    }
}

fn eq<T: PartialEq>(a: &T, b: &T) -> bool {
    a == b
}

fn text_same(a: &Option<String>, b: &Option<String>) -> bool {
    a.as_deref().map(title_key) == b.as_deref().map(title_key)
}

fn text_show(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn opt_show<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Takes into `into` what `from` gives and it does not; reports what both give differently.
fn merge(into: &mut Procurement, from: Procurement, diags: &mut Vec<Diagnostic>) {
    let into_file = Arc::clone(&into.file);
    let gives = |f: Field| (into_file.column(f).is_some(), from.file.column(f).is_some());
    let date_show =
        |v: &Option<prongsai_model::Date>| v.map(|d| d.thai_short()).unwrap_or_default();
    let mut d = Vec::new();
    for f in Field::MONTH {
        let on = gives(f);
        // Exhaustive on purpose: a month field added to the model must say here how two files
        // that both give it are compared, or a joined month would drop it silently.
        match f {
            Field::EgpProjectNo => take(
                f,
                on,
                (&mut into.egp_project_no, &from.egp_project_no),
                eq,
                opt_show,
                &mut d,
            ),
            Field::PlanId => take(
                f,
                on,
                (&mut into.plan_id, &from.plan_id),
                text_same,
                text_show,
                &mut d,
            ),
            Field::Title => take(
                f,
                on,
                (&mut into.title, &from.title),
                |a: &String, b: &String| title_key(a) == title_key(b),
                String::clone,
                &mut d,
            ),
            Field::Budget => take(
                f,
                on,
                (&mut into.budget, &from.budget),
                eq,
                ToString::to_string,
                &mut d,
            ),
            Field::BudgetSource => take(
                f,
                on,
                (&mut into.budget_source, &from.budget_source),
                text_same,
                text_show,
                &mut d,
            ),
            Field::ReferencePrice => take(
                f,
                on,
                (&mut into.reference_price, &from.reference_price),
                eq,
                opt_show,
                &mut d,
            ),
            Field::Method => take(
                f,
                on,
                (&mut into.method, &from.method),
                eq,
                ToString::to_string,
                &mut d,
            ),
            // Only the สขร.1 form and the template list bids, and they never join each other:
            // the file with more detail keeps its own.
            Field::Bids => take(
                f,
                on,
                (&mut into.bids, &from.bids),
                |_: &_, _: &_| true,
                |_: &_| String::new(),
                &mut d,
            ),
            Field::Winner => take(
                f,
                on,
                (&mut into.winner, &from.winner),
                |a: &Option<String>, b: &Option<String>| {
                    a.as_deref().map(normalise_name) == b.as_deref().map(normalise_name)
                },
                text_show,
                &mut d,
            ),
            Field::WinnerTin => take(
                f,
                on,
                (&mut into.winner_tin, &from.winner_tin),
                eq,
                opt_show,
                &mut d,
            ),
            Field::AgreedPrice => take(
                f,
                on,
                (&mut into.agreed_price, &from.agreed_price),
                eq,
                opt_show,
                &mut d,
            ),
            Field::Reason => take(
                f,
                on,
                (&mut into.reason, &from.reason),
                text_same,
                text_show,
                &mut d,
            ),
            Field::ContractNo => take(
                f,
                on,
                (&mut into.contract_no, &from.contract_no),
                text_same,
                text_show,
                &mut d,
            ),
            Field::ContractDate => take(
                f,
                on,
                (&mut into.contract_date, &from.contract_date),
                eq,
                date_show,
                &mut d,
            ),
            Field::ContractEnd => take(
                f,
                on,
                (&mut into.contract_end, &from.contract_end),
                eq,
                date_show,
                &mut d,
            ),
            // A form without a status column may still say ยกเลิก: the list's status is the
            // record's.
            Field::Status => take(
                f,
                on,
                (&mut into.status, &from.status),
                eq,
                opt_show,
                &mut d,
            ),
            Field::LegalGround => take(
                f,
                on,
                (&mut into.legal_ground, &from.legal_ground),
                text_same,
                text_show,
                &mut d,
            ),
            // An officer may explain a finding in either file; it confirms the finding wherever
            // it is written.
            Field::Explanation => take(
                f,
                on,
                (&mut into.explanation, &from.explanation),
                text_same,
                text_show,
                &mut d,
            ),
            Field::TenderStart => take(
                f,
                on,
                (&mut into.tender_start, &from.tender_start),
                eq,
                date_show,
                &mut d,
            ),
            Field::TenderEnd => take(
                f,
                on,
                (&mut into.tender_end, &from.tender_end),
                eq,
                date_show,
                &mut d,
            ),
            // The code is the classification; the words after it are as the officer copied them.
            Field::Unspsc => take(
                f,
                on,
                (&mut into.unspsc, &from.unspsc),
                |a: &Option<prongsai_model::Unspsc>, b: &Option<prongsai_model::Unspsc>| {
                    a.as_ref().map(|u| u.code()) == b.as_ref().map(|u| u.code())
                },
                opt_show,
                &mut d,
            ),
            // The row's number stays the primary file's; the others are plan columns.
            Field::Seq | Field::Division | Field::ExpectedMonth => {}
        }
    }
    for (field, a, b) in d {
        diags.push(differs(into.loc(field), from.loc(field), field, &a, &b));
    }
    into.joined = Some(Box::new(RowRef {
        file: Arc::clone(&from.file),
        line: from.line,
    }));
}

fn differs(
    at: prongsai_model::Location,
    other: prongsai_model::Location,
    field: Field,
    a: &str,
    b: &str,
) -> Diagnostic {
    let th_name = field.thai();
    Diagnostic::error(
        diag::JOIN_DIFFERS,
        format!(
            "{th_name} ไม่ตรงกับอีกไฟล์ของเดือนเดียวกัน: ที่นี่เป็น \"{a}\" แต่ {other} เป็น \"{b}\": แก้ไฟล์ที่ผิดให้ตรงกับเอกสารจริง"
        ),
        format!(
            "{} differs from the month's other file: \"{a}\" here, \"{b}\" at {}: correct the file that is wrong",
            field.alias(),
            other.english()
        ),
    )
    .at(at)
    .with_text(a.to_owned())
}
