//! The staff report of a CI run: Markdown for the GitHub job summary (`$GITHUB_STEP_SUMMARY`),
//! which the workflow writes on every run so the finance officer reads, on the run's page, what
//! the public site never shows: the errors to fix, the findings and their explanations, the
//! overdue disclosures, and the ITA items not complete with how to add them (front-matter
//! lines, site.yaml entries, commands).

use crate::ita::ItaEvaluation;
use crate::rules::RuleClass;
use prongsai_model::{Data, Date, Diagnostic, Severity};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Rows per table at most: GitHub keeps 1 MiB of summary per step, and a long list is read on
/// the run's annotations and in `prongsai check` anyway.
const MAX_ROWS: usize = 200;

/// What the summary is made from: `check`'s diagnostics (sorted), the data they are about, the
/// assessment year to list, and the date checked.
pub struct SummaryInput<'a> {
    pub diagnostics: &'a [Diagnostic],
    pub data: &'a Data,
    pub ita: Option<&'a ItaEvaluation>,
    pub as_of: Date,
}

/// The class of a check rule's code; `None` for the other stages' codes.
fn class_of(code: &str) -> Option<RuleClass> {
    crate::rules()
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.class)
}

/// Text for one Markdown table cell: no line breaks, no column separators.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn place(d: &Diagnostic) -> String {
    d.location.as_ref().map_or_else(String::new, |l| {
        format!("`{}`", l.to_string().replace('`', "'"))
    })
}

/// Writes a table of `rows` (already cells) under `head`, at most [`MAX_ROWS`] of them.
fn table(out: &mut String, head: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for r in rows.iter().take(MAX_ROWS) {
        let _ = writeln!(out, "| {} |", r.join(" | "));
    }
    if rows.len() > MAX_ROWS {
        let _ = writeln!(
            out,
            "\nและอีก {} รายการ: ดูทั้งหมดด้วย `prongsai check` / and {} more: run `prongsai check` for all",
            rows.len() - MAX_ROWS,
            rows.len() - MAX_ROWS
        );
    }
    out.push('\n');
}

/// The job summary as Markdown.
pub fn job_summary(input: &SummaryInput<'_>) -> String {
    let diags = input.diagnostics;
    let (errors, warnings, infos) = crate::counts(diags);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## ผลการตรวจข้อมูล (prongsai check) ณ วันที่ {}\n",
        input.as_of.thai_short()
    );
    let _ = writeln!(
        out,
        "ข้อผิดพลาด {errors} · คำเตือน {warnings} · หมายเหตุ {infos} / {errors} error(s), {warnings} warning(s), {infos} note(s)\n"
    );
    if errors == 0 {
        out.push_str(
            "**สร้างเว็บไซต์ได้**: ข้อมูลทั้งหมดเผยแพร่ได้ รวมทั้งข้อสังเกตและคำชี้แจงด้านล่าง / \
**The site builds**: everything is published, the findings and explanations below included.\n\n",
        );
    } else {
        out.push_str(
            "**ยังสร้างเว็บไซต์ไม่ได้**: แก้ข้อผิดพลาดด้านล่าง (ข้อมูลที่อ่านไม่ได้หรือขัดกันเอง หรือข้อสังเกตที่ยังไม่ได้แก้หรือชี้แจง) / \
**The site is not built** until the errors below are fixed (data that cannot be read or contradicts itself, or a \
finding neither corrected nor explained).\n\n",
        );
        let rows: Vec<Vec<String>> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                vec![
                    place(d),
                    format!("`{}`", d.code),
                    cell(&format!("{} / {}", d.message_th, d.message_en)),
                ]
            })
            .collect();
        out.push_str("### ข้อผิดพลาดที่ต้องแก้ / Errors to fix\n\n");
        table(
            &mut out,
            &["ที่ / where", "รหัส / code", "ข้อความ / message"],
            &rows,
        );
    }
    findings(&mut out, input);
    gaps(&mut out, diags);
    others(&mut out, diags);
    if let Some(ita) = input.ita {
        ita_items(&mut out, ita);
    }
    out
}

/// Conduct findings (confirmable ones and red flags), each with the row's คำชี้แจง or a note
/// that there is none.
fn findings(out: &mut String, input: &SummaryInput<'_>) {
    let explanations: HashMap<(&str, u32), &str> = input
        .data
        .records()
        .filter_map(|p| Some(((p.file.path.as_str(), p.line), p.explanation()?)))
        .collect();
    let rows: Vec<Vec<String>> = input
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                class_of(&d.code),
                Some(RuleClass::Confirmable | RuleClass::RedFlag)
            ) && d.severity != Severity::Info
        })
        .map(|d| {
            let explanation = d
                .location
                .as_ref()
                .and_then(|l| explanations.get(&(l.file.as_str(), l.line?)))
                .map_or_else(|| "ยังไม่มีคำชี้แจง / none yet".to_owned(), |x| cell(x));
            let title = prongsai_model::codes::get(&d.code)
                .map_or_else(String::new, |c| c.title_th.to_owned());
            vec![
                place(d),
                format!("`{}` {}", d.code, d.severity),
                cell(&title),
                explanation,
            ]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "### ข้อสังเกตและคำชี้แจง / Findings and their explanations\n\n\
ข้อสังเกตไม่กันการเผยแพร่: รายการเผยแพร่ตามที่เป็น และคำชี้แจงในคอลัมน์ คำชี้แจง เผยแพร่คู่กับรายการ \
ข้อสังเกต \"ควรตรวจสอบ\" ไม่ใช่คำตัดสิน / Findings never hold the records back, and a row's คำชี้แจง is published \
with it; a red flag is worth a look, not a verdict.\n\n",
    );
    table(
        out,
        &[
            "ที่ / where",
            "รหัส / code",
            "ข้อสังเกต / finding",
            "คำชี้แจง / explanation",
        ],
        &rows,
    );
}

/// Disclosures past their due date (the gap rules at warning).
fn gaps(out: &mut String, diags: &[Diagnostic]) {
    let rows: Vec<Vec<String>> = diags
        .iter()
        .filter(|d| class_of(&d.code) == Some(RuleClass::Gap) && d.severity == Severity::Warning)
        .map(|d| vec![place(d), format!("`{}`", d.code), cell(&d.message_th)])
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("### เอกสารที่เลยกำหนดเผยแพร่ / Overdue disclosures\n\n");
    table(
        out,
        &["ไฟล์ / file", "รหัส / code", "ข้อความ / message"],
        &rows,
    );
}

/// Every other warning, folded: completeness, plausibility, the loader's and the site's.
fn others(out: &mut String, diags: &[Diagnostic]) {
    let rows: Vec<Vec<String>> = diags
        .iter()
        .filter(|d| {
            d.severity == Severity::Warning
                && !matches!(
                    class_of(&d.code),
                    Some(RuleClass::Gap | RuleClass::Confirmable | RuleClass::RedFlag)
                )
        })
        .map(|d| vec![place(d), format!("`{}`", d.code), cell(&d.message_th)])
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<details><summary>คำเตือนอื่น {} รายการ / {} other warning(s)</summary>\n",
        rows.len(),
        rows.len()
    );
    table(out, &["ที่ / where", "รหัส / code", "ข้อความ / message"], &rows);
    out.push_str("</details>\n\n");
}

/// The assessment year's items not complete, with what is missing and how to add it.
fn ita_items(out: &mut String, ita: &ItaEvaluation) {
    let open = ita.incomplete();
    let _ = writeln!(
        out,
        "### ITA {}: ยังไม่ครบ {} จาก {} ข้อ / {} of {} items not complete\n",
        ita.assessment_year,
        open.len(),
        ita.items.len(),
        open.len(),
        ita.items.len()
    );
    if open.is_empty() {
        out.push_str("ครบทุกข้อ / every item is complete\n");
        return;
    }
    for i in open {
        let _ = writeln!(
            out,
            "- **{}** {}: {}",
            i.code,
            i.status_th,
            cell(&i.title_th)
        );
        for m in &i.missing {
            let _ = writeln!(out, "  - {}", cell(m));
        }
        for f in &i.fixes {
            // Snippets are one line (a front-matter line, a site.yaml entry, a command, a path)
            // without backticks: inline code the officer copies as is.
            let _ = writeln!(
                out,
                "  - วิธีเพิ่ม: {} `{}`",
                cell(&f.text_th),
                cell(&f.snippet).replace('`', "'")
            );
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::*;
    use crate::{CheckOptions, check};
    use prongsai_model::Money;

    /// A year with an unconfirmed finding, a confirmed one, a red flag and an overdue month, as
    /// of 20 Nov 2568: the summary names each, quotes the explanation, and lists the ITA items
    /// with the lines to write.
    #[test]
    fn the_summary_lists_errors_findings_explanations_gaps_and_ita_how_to() {
        let mut unexplained = record("2567-10", 1);
        unexplained.agreed_price = Some(Money::from_satang(1_000_001));
        let mut explained = record("2567-10", 2);
        explained.line = 3;
        explained.budget = Money::from_baht(900_000);
        explained.reference_price = Some(Money::from_baht(880_000));
        explained.agreed_price = Some(Money::from_baht(870_000));
        explained.method = prongsai_model::Method::EBidding;
        explained.plan_id = Some("P-01".into());
        explained.explanation = Some("มีผู้เสนอราคา | รายเดียว\nเพราะ…".into());
        let data = Fixture::new()
            .with(unexplained)
            .with(explained)
            .with_plan_line(2568, plan_line(2568, 1, "P-01", 900_000))
            .without_month("2567-11")
            .data;
        let as_of = date(2568, 1, 20);
        let report = check(&data, &[], &CheckOptions::new(as_of));
        let md = job_summary(&SummaryInput {
            diagnostics: &report.diagnostics,
            data: &data,
            ita: report.ita.last(),
            as_of,
        });
        assert!(md.contains("**ยังสร้างเว็บไซต์ไม่ได้**"), "{md}");
        assert!(md.contains("### ข้อผิดพลาดที่ต้องแก้"), "{md}");
        assert!(md.contains("`C304`"), "{md}");
        // The single bidder on e-bidding is a red flag, with the row's explanation, escaped
        // for the table.
        assert!(md.contains("`C405` warning"), "{md}");
        assert!(md.contains("มีผู้เสนอราคา \\| รายเดียว เพราะ…"), "{md}");
        assert!(md.contains("ยังไม่มีคำชี้แจง / none yet"), "{md}");
        assert!(md.contains("### เอกสารที่เลยกำหนดเผยแพร่"), "{md}");
        assert!(md.contains("2567-11.csv"), "{md}");
        // The how-to the public page no longer shows.
        assert!(md.contains("prongsai new month 2567-11"), "{md}");
        assert!(md.contains("ita: [\""), "{md}");
        for line in md.lines().filter(|l| l.starts_with("| ")) {
            assert!(line.ends_with(" |"), "a table row on one line: {line}");
        }
    }

    #[test]
    fn a_clean_run_says_the_site_builds() {
        let data = Fixture::new().full_year(2568).data;
        let as_of = date(2568, 10, 20);
        let report = check(&data, &[], &CheckOptions::new(as_of));
        let md = job_summary(&SummaryInput {
            diagnostics: &report.diagnostics,
            data: &data,
            ita: None,
            as_of,
        });
        assert!(md.contains("**สร้างเว็บไซต์ได้**"), "{md}");
        assert!(!md.contains("### ข้อผิดพลาด"), "{md}");
    }
}
