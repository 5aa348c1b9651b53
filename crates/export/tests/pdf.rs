mod common;

use common::*;
use prongsai_export::{ExportOptions, month_pdf};
use prongsai_model::Date;
use std::process::Command;

fn october(sample: bool) -> Vec<u8> {
    let fy = fiscal_year();
    month_pdf(
        &agency(sample),
        2568,
        OCT,
        &fy.months[&OCT].records,
        &ExportOptions::default(),
    )
    .expect("pdf")
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    count(hay, needle.as_bytes()) > 0
}

/// Checks in Rust, without external tools: A4 landscape, fonts embedded, text mapped to Unicode.
#[test]
fn structure() {
    let pdf = october(false);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(contains(&pdf, "/MediaBox [0 0 842 595]"), "A4 landscape");
    assert_eq!(
        count(&pdf, b"/Type /Page\n") + count(&pdf, b"/Type /Page "),
        1
    );
    assert_eq!(count(&pdf, b"/FontFile2"), 2, "regular and bold embedded");
    assert_eq!(count(&pdf, b"/Subtype /CIDFontType2"), 2);
    assert_eq!(count(&pdf, b"/ToUnicode"), 2);
    assert!(contains(&pdf, "+Sarabun-Regular"), "subset tag");
    // Every character of the title is in a ToUnicode CMap (UTF-16BE hex).
    let title = "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม";
    let lower = String::from_utf8_lossy(&pdf).to_uppercase();
    for c in title.chars() {
        let hex = format!("{:04X}", c as u32);
        assert!(lower.contains(&hex), "{c} (U+{hex}) has no ToUnicode entry");
    }
}

#[test]
fn deterministic_and_dated_from_the_option() {
    let a = october(false);
    let b = october(false);
    assert_eq!(a, b);
    // Default: the last day of the month, never the clock.
    assert!(contains(&a, "/CreationDate (D:20241031"));
    let fy = fiscal_year();
    let opts = ExportOptions {
        created: Date::from_be(2568, 2, 3),
    };
    let c = month_pdf(&agency(false), 2568, OCT, &fy.months[&OCT].records, &opts).expect("pdf");
    assert!(contains(&c, "/CreationDate (D:20250203"));
}

#[test]
fn long_month_continues_over_pages() {
    let fy = big_year(12 * 60);
    let recs = &fy.months[&OCT].records;
    let pdf = month_pdf(&agency(false), 2568, OCT, recs, &ExportOptions::default()).expect("pdf");
    let pages = count(&pdf, b"/Type /Page\n") + count(&pdf, b"/Type /Page ");
    assert!(pages >= 4, "60 records take several pages, got {pages}");
    // A record too tall for any page is split, never lost or drawn off the page.
    let mut huge = record(OCT, 1, "งานใหญ่");
    huge.reason = Some("เหตุผลยาวมาก ".repeat(400));
    let pdf = month_pdf(
        &agency(false),
        2568,
        OCT,
        &[huge],
        &ExportOptions::default(),
    )
    .expect("pdf");
    assert!(count(&pdf, b"/Type /Page\n") + count(&pdf, b"/Type /Page ") >= 2);
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "pdftotext could not run ({e}). This test checks that the PDFs' Thai text is \
                 extractable; install poppler-utils (apt-get install -y poppler-utils)."
            )
        });
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// Thai text must come back out exactly as typed, including SARA AM (ดำเนิน, not ดํา or ดำ เนิน).
#[test]
fn pdftotext_extracts_thai() {
    let text = pdftotext(&october(true));
    for needle in [
        "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม 2567",
        "องค์การบริหารส่วนตำบลเมืองหลวง อำเภอห้วยทับทัน จังหวัดศรีสะเกษ",
        "ห้างหุ้นส่วนจำกัด",
        "ศรีสะเกษก่อสร้าง",
        "ร้านรุ่งเรืองวัสดุ",
        "ยกเลิกการดำเนินการ",
        "ข้อมูลตัวอย่าง",
        "498,500.50",
        "หน้า 1 จาก 1",
        "ลงวันที่ 15 ต.ค. 2567",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn pdftotext_empty_month_and_repeated_header() {
    let empty = month_pdf(&agency(false), 2568, NOV, &[], &ExportOptions::default()).expect("pdf");
    let text = pdftotext(&empty);
    assert!(text.contains("ไม่มีการจัดซื้อจัดจ้าง"), "{text}");
    assert!(text.contains("พฤศจิกายน 2567"), "{text}");
    assert!(!text.contains("ข้อมูลตัวอย่าง"), "not sample data");

    let fy = big_year(12 * 60);
    let pdf = month_pdf(
        &agency(false),
        2568,
        OCT,
        &fy.months[&OCT].records,
        &ExportOptions::default(),
    )
    .expect("pdf");
    let text = pdftotext(&pdf);
    let pages = text.matches('\u{c}').count().max(1);
    assert!(pages >= 4);
    assert_eq!(
        text.matches("ราคากลาง").count(),
        pages,
        "header repeated on every page"
    );
    assert!(text.contains(&format!("หน้า {pages} จาก {pages}")));
}
