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
    let gives = |f: Field| (into.file.column(f).is_some(), from.file.column(f).is_some());
    let g: Vec<(Field, (bool, bool))> = [
        Field::EgpProjectNo,
        Field::PlanId,
        Field::Title,
        Field::Budget,
        Field::BudgetSource,
        Field::ReferencePrice,
        Field::Method,
        Field::Bids,
        Field::Winner,
        Field::WinnerTin,
        Field::AgreedPrice,
        Field::Reason,
        Field::ContractNo,
        Field::ContractDate,
        Field::ContractEnd,
        Field::Status,
        Field::LegalGround,
    ]
    .into_iter()
    .map(|f| (f, gives(f)))
    .collect();
    let on = |f: Field| {
        g.iter()
            .find(|(x, _)| *x == f)
            .map_or((false, false), |(_, b)| *b)
    };
    let mut d = Vec::new();
    take(
        Field::EgpProjectNo,
        on(Field::EgpProjectNo),
        (&mut into.egp_project_no, &from.egp_project_no),
        eq,
        opt_show,
        &mut d,
    );
    take(
        Field::PlanId,
        on(Field::PlanId),
        (&mut into.plan_id, &from.plan_id),
        text_same,
        text_show,
        &mut d,
    );
    take(
        Field::Title,
        on(Field::Title),
        (&mut into.title, &from.title),
        |a: &String, b: &String| title_key(a) == title_key(b),
        String::clone,
        &mut d,
    );
    take(
        Field::Budget,
        on(Field::Budget),
        (&mut into.budget, &from.budget),
        eq,
        ToString::to_string,
        &mut d,
    );
    take(
        Field::BudgetSource,
        on(Field::BudgetSource),
        (&mut into.budget_source, &from.budget_source),
        text_same,
        text_show,
        &mut d,
    );
    take(
        Field::ReferencePrice,
        on(Field::ReferencePrice),
        (&mut into.reference_price, &from.reference_price),
        eq,
        opt_show,
        &mut d,
    );
    take(
        Field::Method,
        on(Field::Method),
        (&mut into.method, &from.method),
        eq,
        ToString::to_string,
        &mut d,
    );
    take(
        Field::Bids,
        on(Field::Bids),
        (&mut into.bids, &from.bids),
        |_: &_, _: &_| true,
        |_: &_| String::new(),
        &mut d,
    );
    take(
        Field::Winner,
        on(Field::Winner),
        (&mut into.winner, &from.winner),
        |a: &Option<String>, b: &Option<String>| {
            a.as_deref().map(normalise_name) == b.as_deref().map(normalise_name)
        },
        text_show,
        &mut d,
    );
    take(
        Field::WinnerTin,
        on(Field::WinnerTin),
        (&mut into.winner_tin, &from.winner_tin),
        eq,
        opt_show,
        &mut d,
    );
    take(
        Field::AgreedPrice,
        on(Field::AgreedPrice),
        (&mut into.agreed_price, &from.agreed_price),
        eq,
        opt_show,
        &mut d,
    );
    take(
        Field::Reason,
        on(Field::Reason),
        (&mut into.reason, &from.reason),
        text_same,
        text_show,
        &mut d,
    );
    take(
        Field::ContractNo,
        on(Field::ContractNo),
        (&mut into.contract_no, &from.contract_no),
        text_same,
        text_show,
        &mut d,
    );
    take(
        Field::ContractDate,
        on(Field::ContractDate),
        (&mut into.contract_date, &from.contract_date),
        eq,
        |v: &Option<prongsai_model::Date>| v.map(|d| d.thai_short()).unwrap_or_default(),
        &mut d,
    );
    take(
        Field::ContractEnd,
        on(Field::ContractEnd),
        (&mut into.contract_end, &from.contract_end),
        eq,
        |v: &Option<prongsai_model::Date>| v.map(|d| d.thai_short()).unwrap_or_default(),
        &mut d,
    );
    // A form without a status column may still say ยกเลิก: the list's status is the record's.
    take(
        Field::Status,
        on(Field::Status),
        (&mut into.status, &from.status),
        eq,
        opt_show,
        &mut d,
    );
    take(
        Field::LegalGround,
        on(Field::LegalGround),
        (&mut into.legal_ground, &from.legal_ground),
        text_same,
        text_show,
        &mut d,
    );
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
