mod common;

use common::*;
use prongsai_export::{plan_csv, procurements_csv};
use prongsai_model::Field;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(
        bytes.starts_with(BOM),
        "CSV must start with a UTF-8 BOM for Excel"
    );
    let mut r = csv::Reader::from_reader(&bytes[BOM.len()..]);
    let headers = r
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("valid row").iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

fn col(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn procurements_csv_for_excel() {
    let bytes = procurements_csv(&fiscal_year());
    // CRLF line ends everywhere outside quoted cells.
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    assert!(text.contains("\r\n"));
    let (headers, rows) = read(&bytes);
    let mut expected = vec!["เดือน".to_owned()];
    expected.extend(Field::MONTH.iter().map(|f| f.thai().to_owned()));
    expected.extend(["ไฟล์ต้นฉบับ".to_owned(), "บรรทัด".to_owned()]);
    assert_eq!(headers, expected);
    assert_eq!(rows.len(), 3);
    let r = &rows[0];
    assert_eq!(r[col(&headers, "เดือน")], "ต.ค. 2567");
    assert_eq!(r[col(&headers, "วงเงินงบประมาณ")], "500000.00");
    assert_eq!(r[col(&headers, "ราคากลาง")], "498500.50");
    assert_eq!(r[col(&headers, "ราคาที่ตกลงซื้อหรือจ้าง")], "498000.25");
    assert_eq!(r[col(&headers, "วันที่สัญญา")], "15/10/2567");
    assert_eq!(r[col(&headers, "เลขประจำตัวผู้เสียภาษี")], "0-9940-00165-51-0");
    assert_eq!(
        r[col(&headers, "รายชื่อผู้เสนอราคาและราคาที่เสนอ")],
        "ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง 498,000.00\nร้านรุ่งเรืองวัสดุ 499,500.00"
    );
    assert_eq!(
        r[col(&headers, "ไฟล์ต้นฉบับ")],
        "procurement-data/2568/months/2567-10.csv"
    );
    let cancelled = &rows[2];
    assert_eq!(cancelled[col(&headers, "ผู้ได้รับการคัดเลือก")], "");
    assert_eq!(cancelled[col(&headers, "สถานะ")], "ยกเลิกการดำเนินการ");
}

/// Issue 10: removing the protection must fail this test.
#[test]
fn formula_injection_is_neutralised() {
    let (headers, rows) = read(&procurements_csv(&fiscal_year()));
    let r = &rows[1];
    assert_eq!(
        r[col(&headers, "งานที่ซื้อหรือจ้าง")],
        "'=HYPERLINK(\"http://evil.example\",\"คลิก\")"
    );
    assert_eq!(r[col(&headers, "ผู้ได้รับการคัดเลือก")], "'+ร้านทดสอบ");
    assert_eq!(r[col(&headers, "เหตุผลที่คัดเลือกโดยสังเขป")], "'@SUM(1+1)");
    assert_eq!(r[col(&headers, "แหล่งที่มาของงบประมาณ")], "'-2+3");
    let bids = &r[col(&headers, "รายชื่อผู้เสนอราคาและราคาที่เสนอ")];
    assert!(bids.ends_with("'=1+2 499,500.00"), "{bids}");
    // No cell anywhere starts with a formula trigger.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r'])
                    && (cell == "-" || !cell.starts_with('-')),
                "unsafe cell {cell:?}"
            );
        }
    }
    let (_, plan) = read(&plan_csv(&fiscal_year()));
    assert_eq!(plan[1][2], "'@evil");
}

#[test]
fn plan_csv_columns() {
    let (headers, rows) = read(&plan_csv(&fiscal_year()));
    let mut expected: Vec<String> = Field::PLAN
        .iter()
        .map(|f| f.thai_in_plan().to_owned())
        .collect();
    expected.extend(["ไฟล์ต้นฉบับ".to_owned(), "บรรทัด".to_owned()]);
    assert_eq!(headers, expected);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][col(&headers, "งบประมาณ")], "12345.50");
    assert_eq!(rows[1][col(&headers, "ช่วงเวลาที่คาดว่าจะประกาศ")], "ม.ค. 2568");
    assert_eq!(rows[0][col(&headers, "หน่วยงานเจ้าของงาน")], "กองช่าง");
}
