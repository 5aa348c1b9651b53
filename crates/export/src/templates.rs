//! Blank workbooks for the finance division: `templates/month.xlsx` and `templates/plan.xlsx`,
//! and what `prongsai new month --xlsx` writes. Made here, from the same field list the loader
//! reads, so a template can never disagree with the data contract; the committed files are
//! compared with these in a test.
//!
//! The data sheet (`สขร1` / `แผน`, the name the loader looks for first) holds only the header:
//! frozen, with a note on each header cell saying what goes in the column, drop-down lists for
//! method, status and budget source, money formatted `#,##0.00`, and the long-number columns
//! (e-GP number, tax ID) and dates as text so Excel does not strip zeros or turn a พ.ศ. year
//! into a ค.ศ. date. A second sheet (`ตัวอย่าง`) shows one filled-in row; it is never read.

use crate::ExportError;
use prongsai_model::{Field, Method, Status};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Note, Workbook, Worksheet,
};

/// The sheet names the loader reads first (`prongsai_load::MONTH_SHEET`, `PLAN_SHEET`; the load
/// crate does not depend on this one, so a test keeps the two equal).
pub const MONTH_SHEET: &str = "สขร1";
pub const PLAN_SHEET: &str = "แผน";
const EXAMPLE_SHEET: &str = "ตัวอย่าง";

/// Rows that get the drop-down lists and formats: a month of a large agency fits many times.
const LAST_ROW: u32 = 2000;

const MONEY_FORMAT: &str = "#,##0.00";

/// Budget sources offered in the drop-down list; others may be typed (the list only informs).
const BUDGET_SOURCES: [&str; 6] = [
    "งบประมาณรายจ่ายประจำปี",
    "เงินอุดหนุนเฉพาะกิจ",
    "เงินอุดหนุนทั่วไป",
    "เงินสะสม",
    "เงินทุนสำรองเงินสะสม",
    "เงินรายได้",
];

/// What each column means, as the note on its header cell (the finance officer's reference
/// without leaving Excel), and the example row's value.
fn column(field: Field, plan: bool) -> (&'static str, &'static str, f64) {
    match field {
        Field::Seq => ("เลขลำดับ 1, 2, 3, … ไม่ซ้ำกันในไฟล์", "1", 8.0),
        Field::EgpProjectNo => (
            "เลขที่โครงการในระบบ e-GP 11 หลัก (ต้องมีเมื่อวงเงินตั้งแต่ 5,000 บาท) เว้นว่างได้ถ้าไม่มี",
            "68109123456",
            14.0,
        ),
        Field::PlanId if plan => (
            "รหัสรายการในแผน ไม่ซ้ำกันในปีงบประมาณ ไฟล์รายเดือนใช้อ้างอิงรหัสนี้",
            "P69-001",
            11.0,
        ),
        Field::PlanId => (
            "รหัสรายการในแผนการจัดซื้อจัดจ้าง (ตรงกับแผนของปีงบประมาณเดียวกัน) รายการเกิน 500,000 บาทต้องมี",
            "P69-014",
            11.0,
        ),
        Field::Title => ("ชื่อรายการที่ซื้อหรือจ้าง", "จัดซื้อวัสดุสำนักงาน กองคลัง", 40.0),
        Field::Division => ("หน่วยงานเจ้าของงาน เช่น สำนักปลัด กองคลัง กองช่าง", "กองคลัง", 16.0),
        Field::Budget => (
            "วงเงินงบประมาณ (บาท) เป็นตัวเลข ทศนิยมไม่เกิน 2 ตำแหน่ง",
            "25000",
            16.0,
        ),
        Field::BudgetSource => (
            "แหล่งที่มาของงบประมาณ เลือกจากรายการหรือพิมพ์เอง",
            "งบประมาณรายจ่ายประจำปี",
            22.0,
        ),
        Field::ReferencePrice => ("ราคากลาง (บาท) เป็นตัวเลข", "24300", 16.0),
        Field::Method => ("วิธีการจัดซื้อจัดจ้าง เลือกจากรายการ", "วิธีเฉพาะเจาะจง", 18.0),
        Field::Bids => (
            "ผู้เสนอราคาหนึ่งรายต่อหนึ่งบรรทัด (กด Alt+Enter ขึ้นบรรทัดใหม่) พิมพ์ชื่อแล้วตามด้วยราคาเป็นคำสุดท้าย ผลและวันที่ยื่นใส่ในวงเล็บได้ เช่น (ไม่ผ่านคุณสมบัติ) (ยื่น 3 ต.ค. 2568)",
            "ร้านตัวอย่างพาณิชย์ 23,309.50\nห้างหุ้นส่วนจำกัด ตัวอย่าง 24,100.00",
            34.0,
        ),
        Field::Winner => (
            "ผู้ได้รับการคัดเลือก สะกดให้ตรงกับในช่องผู้เสนอราคา (เว้นว่างได้ถ้ายกเลิก)",
            "ร้านตัวอย่างพาณิชย์",
            24.0,
        ),
        Field::WinnerTin => (
            "เลขประจำตัวผู้เสียภาษี 13 หลัก (ช่องนี้ตั้งเป็นข้อความไว้แล้ว เลข 0 ข้างหน้าจึงไม่หาย) เว้นว่างได้ถ้าไม่ทราบ",
            "0335990001107",
            17.0,
        ),
        Field::AgreedPrice => (
            "ราคาที่ตกลงซื้อหรือจ้าง (บาท) ไม่เกินวงเงินงบประมาณ",
            "23309.5",
            16.0,
        ),
        Field::Reason => (
            "เหตุผลที่คัดเลือกโดยสังเขป",
            "เป็นผู้มีอาชีพขายพัสดุนั้นโดยตรง และเสนอราคาไม่เกินวงเงินงบประมาณ",
            30.0,
        ),
        Field::ContractNo => ("เลขที่สัญญาหรือใบสั่งซื้อ/ใบสั่งจ้าง", "ใบสั่งซื้อ 12/2569", 16.0),
        Field::ContractDate => (
            "วันที่ลงนามสัญญา ปี พ.ศ. เช่น 15/10/2568 หรือ 15 ต.ค. 2568 ต้องอยู่ในเดือนของไฟล์",
            "15/10/2568",
            13.0,
        ),
        Field::ContractEnd => ("วันสิ้นสุดสัญญา ปี พ.ศ. ไม่ก่อนวันที่สัญญา", "30/10/2568", 13.0),
        Field::Status => ("สถานะ เลือกจากรายการ", "สิ้นสุดสัญญา", 20.0),
        Field::LegalGround => (
            "เฉพาะวิธีเฉพาะเจาะจงที่วงเงินเกิน 500,000 บาท: อนุมาตราและเหตุผลตามมาตรา 56",
            "",
            22.0,
        ),
        Field::Explanation => (
            "คำชี้แจงของหน่วยงาน (ไม่บังคับ): เมื่อระบบแจ้งว่ารายการนี้ผิดหลักเกณฑ์ (เช่น ราคาที่ตกลงสูงกว่าวงเงิน) และข้อมูลถูกต้องแล้ว ให้อธิบายเหตุผลที่นี่ ระบบจะเผยแพร่คำชี้แจงคู่กับรายการ",
            "",
            30.0,
        ),
        Field::TenderStart => (
            "วันที่ประกาศเชิญชวน ปี พ.ศ. (ไม่บังคับ; e-bidding, e-market, วิธีคัดเลือก: ตามระบบ e-GP)",
            "",
            13.0,
        ),
        Field::TenderEnd => (
            "วันสิ้นสุดการยื่นข้อเสนอ ปี พ.ศ. (ไม่บังคับ; ตามระบบ e-GP) ไม่ก่อนวันที่ประกาศเชิญชวน",
            "",
            13.0,
        ),
        Field::Unspsc => (
            "รหัส UNSPSC 8 หลักของพัสดุ ตามที่ระบบ e-GP แสดง (ไม่บังคับ) ต่อท้ายด้วยชื่อรายการได้",
            "44121600",
            14.0,
        ),
        Field::ExpectedMonth => (
            "เดือนและปี พ.ศ. ที่คาดว่าจะประกาศ เช่น ม.ค. 2569 หรือ 2569-01",
            "ม.ค. 2569",
            14.0,
        ),
    }
}

/// The plan's example values where they differ from a month file's.
fn plan_example(field: Field) -> Option<&'static str> {
    match field {
        Field::Title => Some("จัดซื้อวัสดุสำนักงาน"),
        Field::Budget => Some("210000"),
        Field::Method => Some("e-bidding"),
        _ => None,
    }
}

fn is_money(field: Field) -> bool {
    matches!(
        field,
        Field::Budget | Field::ReferencePrice | Field::AgreedPrice
    )
}

/// Typed as text so Excel keeps them as written: leading zeros, พ.ศ. years, `ม.ค. 2569`.
fn is_text(field: Field) -> bool {
    matches!(
        field,
        Field::EgpProjectNo
            | Field::WinnerTin
            | Field::ContractDate
            | Field::ContractEnd
            | Field::ExpectedMonth
            | Field::PlanId
            | Field::TenderStart
            | Field::TenderEnd
            | Field::Unspsc
    )
}

/// The blank month workbook (แบบ สขร.1 columns).
pub fn month_template_xlsx() -> Result<Vec<u8>, ExportError> {
    template(&Field::MONTH, false)
}

/// The blank plan workbook (แผนการจัดซื้อจัดจ้าง columns).
pub fn plan_template_xlsx() -> Result<Vec<u8>, ExportError> {
    template(&Field::PLAN, true)
}

fn template(fields: &[Field], plan: bool) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    // A fixed creation date: the template's bytes must not depend on the day it was made.
    let props = DocProperties::new()
        .set_title(if plan {
            "แผนการจัดซื้อจัดจ้าง (แม่แบบ prongsai)"
        } else {
            "สรุปผลการจัดซื้อจัดจ้างรายเดือน แบบ สขร.1 (แม่แบบ prongsai)"
        })
        .set_creation_datetime(&ExcelDateTime::from_ymd(2025, 1, 1)?);
    wb.set_properties(&props);
    let sheet = if plan { PLAN_SHEET } else { MONTH_SHEET };
    data_sheet(wb.add_worksheet(), sheet, fields, plan, false)?;
    data_sheet(wb.add_worksheet(), EXAMPLE_SHEET, fields, plan, true)?;
    Ok(wb.save_to_buffer()?)
}

fn header_name(field: Field, plan: bool) -> &'static str {
    if plan {
        field.thai_in_plan()
    } else {
        field.thai()
    }
}

fn data_sheet(
    ws: &mut Worksheet,
    name: &str,
    fields: &[Field],
    plan: bool,
    example: bool,
) -> Result<(), ExportError> {
    ws.set_name(name)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(0xD9E1F2);
    let money = Format::new().set_num_format(MONEY_FORMAT);
    let text = Format::new().set_num_format("@");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_row_height(0, 36)?;
    ws.set_freeze_panes(1, 0)?;
    for (i, &field) in fields.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        let (note, sample, width) = column(field, plan);
        ws.set_column_width(col, width)?;
        let format = if is_money(field) {
            &money
        } else if is_text(field) {
            &text
        } else {
            &wrap
        };
        ws.set_column_format(col, format)?;
        ws.write_string_with_format(0, col, header_name(field, plan), &header)?;
        if example {
            let value = if plan {
                plan_example(field).unwrap_or(sample)
            } else {
                sample
            };
            if value.is_empty() {
                continue;
            }
            match value.parse::<f64>() {
                Ok(n) if is_money(field) || field == Field::Seq => {
                    ws.write_number_with_format(1, col, n, format)?;
                }
                _ => {
                    ws.write_string_with_format(1, col, value, format)?;
                }
            }
            continue;
        }
        ws.insert_note(
            0,
            col,
            &Note::new(note)
                .set_author("prongsai")
                .set_width(260)
                .set_height(90),
        )?;
        if let Some(list) = choices(field) {
            let strict = field != Field::BudgetSource;
            let dv = DataValidation::new()
                .allow_list_strings(&list)?
                .set_error_style(if strict {
                    DataValidationErrorStyle::Stop
                } else {
                    DataValidationErrorStyle::Information
                })
                .set_error_title("ค่าไม่อยู่ในรายการ")?
                .set_error_message(if strict {
                    "เลือกค่าจากรายการในช่องนี้"
                } else {
                    "ค่านี้ไม่อยู่ในรายการ ตรวจการสะกดอีกครั้ง"
                })?;
            ws.add_data_validation(1, col, LAST_ROW, col, &dv)?;
        }
    }
    if example {
        ws.set_row_height(1, 36)?;
    }
    Ok(())
}

fn choices(field: Field) -> Option<Vec<&'static str>> {
    match field {
        Field::Method => Some(Method::ALL.iter().map(|m| m.thai()).collect()),
        Field::Status => Some(Status::ALL.iter().map(|s| s.canonical()).collect()),
        Field::BudgetSource => Some(BUDGET_SOURCES.to_vec()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_deterministic() {
        assert_eq!(
            month_template_xlsx().unwrap(),
            month_template_xlsx().unwrap()
        );
        assert_eq!(plan_template_xlsx().unwrap(), plan_template_xlsx().unwrap());
    }
}
