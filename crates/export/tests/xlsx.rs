mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use prongsai_export::{ExportOptions, month_xlsx};
use prongsai_model::Date;
use std::io::Cursor;

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("valid XLSX");
    wb.worksheet_range(name).expect("sheet exists")
}

fn s(r: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("({row},{col}) is not text: {other:?}"),
    }
}

fn n(r: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match r.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("({row},{col}) is not a number: {other:?}"),
    }
}

const ITA: [&str; 16] = [
    "ที่",
    "ปีงบประมาณ",
    "ชื่อหน่วยงาน",
    "อำเภอ",
    "จังหวัด",
    "กระทรวง",
    "ประเภทหน่วยงาน",
    "ชื่อรายการของงานที่ซื้อหรือจ้าง",
    "วงเงินงบประมาณที่ได้รับจัดสรร (บาท)",
    "แหล่งที่มาของงบประมาณ",
    "สถานะการจัดซื้อจัดจ้าง",
    "วิธีการจัดซื้อจัดจ้าง",
    "ราคากลาง (บาท)",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
    "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
    "เลขที่โครงการในระบบ e-GP",
];

fn october() -> Vec<u8> {
    let fy = fiscal_year();
    month_xlsx(
        &agency(false),
        2568,
        OCT,
        &fy.months[&OCT].records,
        &ExportOptions::default(),
    )
    .expect("xlsx")
}

#[test]
fn ita_layout_with_agency_columns() {
    let r = sheet(&october(), "ITA");
    assert_eq!(r.height(), 4);
    assert_eq!(r.width(), 16);
    for (c, h) in ITA.iter().enumerate() {
        assert_eq!(s(&r, 0, c as u32), *h);
    }
    for row in 1..4 {
        assert_eq!(n(&r, row, 0), f64::from(row));
        assert_eq!(n(&r, row, 1), 2568.0);
        assert_eq!(s(&r, row, 2), "องค์การบริหารส่วนตำบลเมืองหลวง");
        assert_eq!(s(&r, row, 3), "ห้วยทับทัน");
        assert_eq!(s(&r, row, 4), "ศรีสะเกษ");
        assert_eq!(s(&r, row, 5), "กระทรวงมหาดไทย");
        assert_eq!(s(&r, row, 6), "องค์กรปกครองส่วนท้องถิ่น");
        // ITA: no blank cells.
        for c in 0..16 {
            assert!(
                !matches!(r.get_value((row, c)), None | Some(Data::Empty)),
                "blank cell ({row},{c})"
            );
        }
    }
    assert_eq!(
        s(&r, 1, 7),
        "จ้างเหมาซ่อมแซมถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่ หมู่ที่ 3 ตำบลเมืองหลวง"
    );
    // Money are numbers, not text.
    assert_eq!(n(&r, 1, 8), 500000.0);
    assert_eq!(n(&r, 1, 12), 498500.5);
    assert_eq!(n(&r, 1, 13), 498000.25);
    assert_eq!(s(&r, 1, 9), "งบประมาณรายจ่ายประจำปี");
    assert_eq!(s(&r, 1, 10), "อยู่ระหว่างระยะสัญญา");
    assert_eq!(s(&r, 1, 11), "วิธีเฉพาะเจาะจง");
    assert_eq!(s(&r, 1, 14), "ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง");
    assert_eq!(s(&r, 1, 15), "67109123456");
    // Cancelled: what does not apply is a dash, never blank.
    assert_eq!(s(&r, 3, 10), "ยกเลิกการดำเนินการ");
    assert_eq!(s(&r, 3, 12), "-");
    assert_eq!(s(&r, 3, 13), "-");
    assert_eq!(s(&r, 3, 14), "-");
    assert_eq!(s(&r, 3, 15), "-");
}

/// Issue 10: removing the protection must fail this test.
#[test]
fn formula_injection_is_neutralised() {
    let bytes = october();
    let r = sheet(&bytes, "ITA");
    assert_eq!(s(&r, 2, 7), "'=HYPERLINK(\"http://evil.example\",\"คลิก\")");
    assert_eq!(s(&r, 2, 9), "'-2+3");
    assert_eq!(s(&r, 2, 14), "'+ร้านทดสอบ");
    let k = sheet(&bytes, "สขร.1");
    let all: Vec<String> = k
        .cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(all.iter().any(|c| c == "'@SUM(1+1)"), "{all:?}");
    for c in all.iter().chain(r.cells().filter_map(|(_, _, d)| match d {
        Data::String(s) => Some(s),
        _ => None,
    })) {
        assert!(
            !c.starts_with(['=', '+', '@']) && (c == "-" || !c.starts_with('-')),
            "unsafe {c:?}"
        );
    }
}

#[test]
fn empty_month_states_no_procurement() {
    let bytes =
        month_xlsx(&agency(false), 2568, NOV, &[], &ExportOptions::default()).expect("xlsx");
    let r = sheet(&bytes, "ITA");
    assert_eq!(r.height(), 2);
    assert_eq!(n(&r, 1, 0), 1.0);
    assert_eq!(n(&r, 1, 1), 2568.0);
    assert_eq!(s(&r, 1, 2), "องค์การบริหารส่วนตำบลเมืองหลวง");
    assert_eq!(s(&r, 1, 6), "องค์กรปกครองส่วนท้องถิ่น");
    assert_eq!(s(&r, 1, 7), "ไม่มีการจัดซื้อจัดจ้าง");
    for c in 8..16 {
        assert_eq!(s(&r, 1, c), "-");
    }
    let k = sheet(&bytes, "สขร.1");
    assert!(
        k.cells()
            .any(|(_, _, d)| matches!(d, Data::String(s) if s == "ไม่มีการจัดซื้อจัดจ้าง"))
    );
    assert!(
        k.cells()
            .any(|(_, _, d)| matches!(d, Data::String(s) if s.contains("พฤศจิกายน 2567")))
    );
}

#[test]
fn skr1_sheet_and_sample_note() {
    let fy = fiscal_year();
    let bytes = month_xlsx(
        &agency(true),
        2568,
        OCT,
        &fy.months[&OCT].records,
        &ExportOptions::default(),
    )
    .expect("xlsx");
    let k = sheet(&bytes, "สขร.1");
    assert_eq!(s(&k, 0, 0), "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม 2567");
    assert_eq!(s(&k, 2, 0), "ข้อมูลตัวอย่าง: ไม่ใช่ข้อมูลจริงของหน่วยงาน");
    assert_eq!(s(&k, 3, 1), "งานที่จัดซื้อหรือจัดจ้าง");
    assert_eq!(n(&k, 4, 2), 500000.0);
    assert!(s(&k, 4, 6).starts_with("ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง ราคาที่ตกลง 498,000.25"));
}

#[test]
fn reproducible_bytes_from_the_option_not_the_clock() {
    let fy = fiscal_year();
    let recs = &fy.months[&OCT].records;
    let opts = ExportOptions {
        created: Date::from_be(2568, 1, 5),
    };
    let a = month_xlsx(&agency(false), 2568, OCT, recs, &opts).expect("xlsx");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = month_xlsx(&agency(false), 2568, OCT, recs, &opts).expect("xlsx");
    assert_eq!(a, b);
    let c = month_xlsx(&agency(false), 2568, OCT, recs, &ExportOptions::default()).expect("xlsx");
    assert_ne!(a, c, "the creation date comes from the option");
}
