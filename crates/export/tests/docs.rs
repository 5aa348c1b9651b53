//! The documents assessors ask for (quarter, annual summary, plan), read back the way an
//! assessor's tools read them: XLSX with calamine, PDF with `pdftotext`. Every figure is checked
//! against the month files' records, added up here independently of the exports.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use prongsai_export::{
    ExportOptions, ShapeCache, annual_summary_pdf, annual_summary_xlsx, month_pdf,
    month_pdf_shared, plan_pdf, plan_xlsx, quarter_months, quarter_pdf, quarter_pdf_shared,
    quarter_xlsx,
};
use prongsai_model::{AnnualReport, Date, DueRules, FiscalYear, Money, Procurement};
use std::io::Cursor;
use std::process::Command;

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("valid XLSX");
    wb.worksheet_range(name).expect("sheet exists")
}

fn cell(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        _ => String::new(),
    }
}

fn num(r: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row},{col}) is not a number: {other:?}"),
    }
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "pdftotext could not run ({e}). These tests check that the PDFs' Thai text is \
                 extractable; install poppler-utils (scripts/setup does)."
            )
        });
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// The fixture's first quarter: October has three records (one cancelled), November's file
/// is empty, December has no file.
fn q1() -> FiscalYear {
    fiscal_year()
}

#[test]
fn quarter_pdf_has_every_row_and_names_empty_and_missing_months() {
    let fy = q1();
    let months = quarter_months(&fy, 1);
    let opts = ExportOptions::default();
    let pdf =
        quarter_pdf(&agency(true), 2568, 1, &months, &DueRules::default(), &opts).expect("pdf");
    assert_eq!(
        pdf,
        quarter_pdf(&agency(true), 2568, 1, &months, &DueRules::default(), &opts).expect("pdf"),
        "deterministic"
    );
    let text = pdftotext(&pdf);
    for needle in [
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง ไตรมาสที่ 1 (ตุลาคม 2567 – ธันวาคม 2567)",
        "องค์การบริหารส่วนตำบลเมืองหลวง อำเภอห้วยทับทัน จังหวัดศรีสะเกษ",
        "เดือนตุลาคม 2567",
        "เดือนพฤศจิกายน 2567",
        "เดือนธันวาคม 2567",
        "ไม่มีการจัดซื้อจัดจ้าง",
        // December 2567 ended on the 31st; due 15 days later.
        "ยังไม่เผยแพร่ (ครบกำหนดเผยแพร่ 15 ม.ค. 2568)",
        "ข้อมูลตัวอย่าง",
        "ห้างหุ้นส่วนจำกัด",
        "ลงวันที่ 15 ต.ค. 2567",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // The rows are the month document's rows: every amount as often as in October's PDF.
    let oct = &fy.months[&OCT].records;
    let month = pdftotext(&month_pdf(&agency(true), 2568, OCT, oct, &opts).expect("pdf"));
    for amount in ["500,000.00", "498,500.50", "498,000.25"] {
        assert!(month.contains(amount), "{amount} in the month PDF");
        assert_eq!(
            text.matches(amount).count(),
            month.matches(amount).count(),
            "{amount}"
        );
    }
    assert_eq!(
        text.matches("ราคากลาง").count(),
        month.matches("ราคากลาง").count() * 2,
        "a header for October and November; none for the missing December"
    );
}

#[test]
fn quarter_xlsx_rows_equal_the_month_files() {
    let fy = q1();
    let months = quarter_months(&fy, 1);
    let bytes = quarter_xlsx(
        &agency(false),
        2568,
        1,
        &months,
        &DueRules::default(),
        &ExportOptions::default(),
    )
    .expect("xlsx");
    let ita = sheet(&bytes, "ITA");
    let oct: &[Procurement] = &fy.months[&OCT].records;
    // Header, October's three records, a row for November, one for December.
    assert_eq!(ita.height(), 1 + oct.len() + 2);
    for (i, p) in oct.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(num(&ita, row, 0), f64::from(row), "numbered through");
        assert_eq!(num(&ita, row, 8), p.budget.as_f64());
    }
    let budgets: f64 = (1..=oct.len() as u32).map(|r| num(&ita, r, 8)).sum();
    let expected: Money = oct.iter().map(|p| p.budget).sum();
    assert_eq!(budgets, expected.as_f64());
    assert_eq!(cell(&ita, 4, 7), "ไม่มีการจัดซื้อจัดจ้าง (เดือนพฤศจิกายน 2567)");
    assert_eq!(
        cell(&ita, 5, 7),
        "เดือนธันวาคม 2567 ยังไม่เผยแพร่ (ครบกำหนดเผยแพร่ 15 ม.ค. 2568)"
    );
    for col in 0..16 {
        assert!(
            !cell(&ita, 5, col).is_empty(),
            "no blank cell in column {col}"
        );
    }

    let skr1 = sheet(&bytes, "สขร.1");
    let texts: Vec<String> = (0..skr1.height() as u32)
        .map(|r| cell(&skr1, r, 0))
        .collect();
    for needle in [
        "เดือนตุลาคม 2567",
        "เดือนพฤศจิกายน 2567",
        "ไม่มีการจัดซื้อจัดจ้าง",
        "เดือนธันวาคม 2567",
        "ยังไม่เผยแพร่ (ครบกำหนดเผยแพร่ 15 ม.ค. 2568)",
    ] {
        assert!(texts.iter().any(|t| t == needle), "{needle:?} in {texts:?}");
    }
    assert_eq!(texts.iter().filter(|t| *t == "ลำดับที่").count(), 3);
}

fn annual_year() -> FiscalYear {
    let mut fy = fiscal_year();
    fy.annual = Some(AnnualReport {
        path: "procurement-data/2568/annual.md".into(),
        approved_by: Some("นายกองค์การบริหารส่วนตำบลเมืองหลวง".into()),
        approved_on: Date::from_be(2568, 10, 20),
        body: "## ผลการวิเคราะห์\n\nจัดซื้อตามแผน **ทุกรายการ**\n\n## ปัญหาและอุปสรรค\n\n- ผู้เสนอราคาน้อย\n\n## แนวทางการปรับปรุง\n\n1. ประชาสัมพันธ์ให้กว้างขึ้น\n".into(),
        body_line: 4,
        headings: Vec::new(),
    });
    fy
}

/// Counts and sums of the records that were not cancelled, added up here.
fn totals(fy: &FiscalYear) -> (usize, usize, Money, Money, Money) {
    let all: Vec<&Procurement> = fy.records().collect();
    let live: Vec<&&Procurement> = all.iter().filter(|p| !p.is_cancelled()).collect();
    let budget: Money = live.iter().map(|p| p.budget).sum();
    let agreed: Money = live.iter().filter_map(|p| p.agreed_price).sum();
    let savings: Money = live
        .iter()
        .filter_map(|p| p.agreed_price.map(|a| p.budget.saturating_sub(a)))
        .sum();
    (live.len(), all.len() - live.len(), budget, agreed, savings)
}

#[test]
fn annual_summary_xlsx_totals_equal_the_month_files() {
    let fy = annual_year();
    let (count, cancelled, budget, agreed, savings) = totals(&fy);
    assert!(count > 0 && cancelled > 0);
    let bytes = annual_summary_xlsx(&agency(false), &fy, &ExportOptions::default()).expect("xlsx");
    let r = sheet(&bytes, "สรุป");
    let totals: Vec<u32> = (0..r.height() as u32)
        .filter(|row| cell(&r, *row, 0) == "รวมทั้งสิ้น")
        .collect();
    assert_eq!(totals.len(), 3, "by method, by budget source, by month");
    for row in totals {
        assert_eq!(num(&r, row, 1), count as f64);
        assert_eq!(num(&r, row, 2), cancelled as f64);
        assert_eq!(num(&r, row, 3), budget.as_f64());
        assert_eq!(num(&r, row, 4), agreed.as_f64());
        assert_eq!(num(&r, row, 5), savings.as_f64());
    }
    // Each method's row adds up to the total; December has no file and says so.
    let labels: Vec<String> = (0..r.height() as u32).map(|row| cell(&r, row, 0)).collect();
    assert!(labels.iter().any(|l| l == "วิธีเฉพาะเจาะจง"), "{labels:?}");
    assert!(
        labels.iter().any(|l| l == "ธันวาคม 2567 (ยังไม่เผยแพร่)"),
        "{labels:?}"
    );
    assert!(labels.iter().any(|l| l == "พฤศจิกายน 2567"), "{labels:?}");

    let report = sheet(&bytes, "รายงาน");
    let lines: Vec<String> = (0..report.height() as u32)
        .map(|row| cell(&report, row, 0))
        .collect();
    for needle in [
        "ผลการวิเคราะห์",
        "จัดซื้อตามแผน ทุกรายการ",
        "• ผู้เสนอราคาน้อย",
        "1. ประชาสัมพันธ์ให้กว้างขึ้น",
        "ผู้อนุมัติ นายกองค์การบริหารส่วนตำบลเมืองหลวง อนุมัติเมื่อวันที่ 20 ตุลาคม 2568",
    ] {
        assert!(lines.iter().any(|l| l == needle), "{needle:?} in {lines:?}");
    }
}

#[test]
fn annual_summary_pdf_has_the_figures_and_the_narrative() {
    let fy = annual_year();
    let (count, _, budget, agreed, savings) = totals(&fy);
    let pdf = annual_summary_pdf(&agency(false), &fy, &ExportOptions::default()).expect("pdf");
    assert_eq!(
        pdf,
        annual_summary_pdf(&agency(false), &fy, &ExportOptions::default()).expect("pdf")
    );
    let text = pdftotext(&pdf);
    for needle in [
        "แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568".to_owned(),
        "ตารางที่ 1 ผลการจัดซื้อจัดจ้างจำแนกตามวิธีการจัดซื้อจัดจ้าง".to_owned(),
        "งบประมาณที่ประหยัดได้".to_owned(),
        budget.to_string(),
        agreed.to_string(),
        savings.to_string(),
        "ปัญหาและอุปสรรค".to_owned(),
        "ผู้เสนอราคาน้อย".to_owned(),
        "อนุมัติเมื่อวันที่ 20 ตุลาคม 2568".to_owned(),
        "ธันวาคม 2567 (ยังไม่เผยแพร่)".to_owned(),
    ] {
        assert!(text.contains(&needle), "missing {needle:?} in:\n{text}");
    }
    let total_lines: Vec<&str> = text.lines().filter(|l| l.contains("รวมทั้งสิ้น")).collect();
    assert_eq!(total_lines.len(), 3, "{text}");
    for l in total_lines {
        assert!(
            l.contains(&budget.to_string()) && l.contains(&count.to_string()),
            "{l}"
        );
    }
    // Dated from the approval, never the clock.
    assert!(String::from_utf8_lossy(&pdf).contains("/CreationDate (D:20251020"));

    // Without annual.md the figures stand alone, and the narrative is named as missing.
    let mut bare = fiscal_year();
    bare.annual = None;
    let text = pdftotext(
        &annual_summary_pdf(&agency(false), &bare, &ExportOptions::default()).expect("pdf"),
    );
    assert!(text.contains("ยังไม่เผยแพร่รายงานผลการวิเคราะห์"), "{text}");
}

#[test]
fn plan_documents_list_every_line_and_the_total() {
    let fy = fiscal_year();
    let plan = fy.plan.as_ref().expect("fixture has a plan");
    let total: Money = plan.lines.iter().map(|l| l.budget).sum();
    let opts = ExportOptions::default();
    let bytes = plan_xlsx(&agency(false), 2568, plan, fy.plan_meta.as_ref(), &opts).expect("xlsx");
    let r = sheet(&bytes, "แผนการจัดซื้อจัดจ้าง");
    let header = (0..r.height() as u32)
        .find(|row| cell(&r, *row, 1) == "รหัสแผน")
        .expect("header row");
    for (i, l) in plan.lines.iter().enumerate() {
        let row = header + 1 + i as u32;
        assert_eq!(cell(&r, row, 1), l.plan_id);
        assert_eq!(num(&r, row, 4), l.budget.as_f64());
    }
    assert_eq!(
        cell(&r, header + 2, 2),
        "'@evil",
        "formula-like text neutralised"
    );
    let last = header + 1 + plan.lines.len() as u32;
    assert_eq!(num(&r, last, 4), total.as_f64());
    assert_eq!(cell(&r, last, 2), "รวม 2 รายการ");

    let text = pdftotext(
        &plan_pdf(&agency(false), 2568, plan, fy.plan_meta.as_ref(), &opts).expect("pdf"),
    );
    for needle in [
        "ประกาศองค์การบริหารส่วนตำบลเมืองหลวง เรื่อง เผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568",
        "มาตรา 11",
        "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
        "แผนได้รับความเห็นชอบเมื่อวันที่ 1 ตุลาคม 2567",
        "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
        "P68-002",
        "กองคลัง",
        "12,345.50",
        "รวม 2 รายการ",
        &total.to_string(),
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

/// A build shares its wrapped rows between a month's document and its quarter's (whichever is
/// made first wraps, the other takes): the bytes must be those of each document made alone.
#[test]
fn quarter_and_month_pdfs_sharing_rows_are_unchanged() {
    let fy = q1();
    let months = quarter_months(&fy, 1);
    let (a, opts, due) = (agency(true), ExportOptions::default(), DueRules::default());
    let oct = &fy.months[&OCT].records;
    let quarter_alone = quarter_pdf(&a, 2568, 1, &months, &due, &opts).expect("pdf");
    let month_alone = month_pdf(&a, 2568, OCT, oct, &opts).expect("pdf");
    for month_first in [true, false] {
        let shapes = ShapeCache::default();
        let month = || month_pdf_shared(&a, 2568, OCT, oct, &opts, &shapes).expect("pdf");
        let quarter =
            || quarter_pdf_shared(&a, 2568, 1, &months, &due, &opts, &shapes).expect("pdf");
        let (m, q) = if month_first {
            let m = month();
            (m, quarter())
        } else {
            let q = quarter();
            (month(), q)
        };
        assert!(m == month_alone, "month, month first: {month_first}");
        assert!(q == quarter_alone, "quarter, month first: {month_first}");
    }
}
