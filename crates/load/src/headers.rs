//! Header cells to fields: trimmed, units such as `(บาท)` dropped, Thai or English, any case.

use crate::diag;
use prongsai_model::{Diagnostic, Field, Location};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Month,
    Plan,
}

impl Kind {
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Month => &Field::MONTH,
            Kind::Plan => &Field::PLAN,
        }
    }

    /// Columns that must exist; in a month file some may be blank on cancelled rows.
    pub fn required(self, field: Field) -> bool {
        match self {
            Kind::Plan => true,
            Kind::Month => !matches!(
                field,
                Field::EgpProjectNo
                    | Field::PlanId
                    | Field::WinnerTin
                    | Field::ContractEnd
                    | Field::LegalGround
                    | Field::Explanation
                    | Field::TenderStart
                    | Field::TenderEnd
                    | Field::Unspsc
            ),
        }
    }

    pub fn header(self, field: Field) -> &'static str {
        match self {
            Kind::Month => field.thai(),
            Kind::Plan => field.thai_in_plan(),
        }
    }
}

/// The comparison key of a header: no blanks at all (Thai has no spaces inside words, and
/// officers type them inconsistently), no trailing unit in parentheses, lower case.
pub(crate) fn key(header: &str) -> String {
    let mut s: String = header
        .chars()
        .filter(|c| !crate::values::is_blank_char(*c))
        .flat_map(char::to_lowercase)
        .collect();
    while s.ends_with('*') {
        s.pop();
    }
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
        && open > 0
    {
        s.truncate(open);
    }
    s
}

/// Other headers seen on แบบ สขร.1 and ITA forms for the same columns.
fn variants(field: Field) -> &'static [&'static str] {
    match field {
        Field::Seq => &["ลำดับ", "ลำดับที่", "ที่", "no", "no."],
        Field::Title => &[
            "งานที่จัดซื้อหรือจัดจ้าง",
            "ชื่อรายการของงานที่ซื้อหรือจ้าง",
            "รายการ/โครงการ",
            "รายการ",
            "โครงการ",
        ],
        Field::Budget => &["งบประมาณ", "วงเงินที่จะซื้อหรือจ้าง", "วงเงินงบประมาณที่ได้รับจัดสรร"],
        Field::Winner => &["ผู้ได้รับการคัดเลือก", "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก"],
        Field::EgpProjectNo => &["เลขที่โครงการในระบบe-gp", "เลขที่โครงการe-gp"],
        Field::Status => &["สถานะการจัดซื้อจัดจ้าง"],
        Field::WinnerTin => &["เลขประจำตัวผู้เสียภาษีอากร"],
        Field::Method => &["วิธีจัดซื้อจัดจ้าง"],
        Field::ExpectedMonth => &["ช่วงเวลาที่คาดว่าจะประกาศจัดซื้อจัดจ้าง"],
        Field::Explanation => &["คำชี้แจงของหน่วยงาน"],
        Field::TenderStart => &["วันประกาศเชิญชวน", "วันที่ประกาศ", "วันที่ประกาศเชิญชวนทั่วไป"],
        Field::TenderEnd => &[
            "วันที่ยื่นข้อเสนอ",
            "วันยื่นข้อเสนอ",
            "วันสุดท้ายของการยื่นข้อเสนอ",
            "วันที่สิ้นสุดการยื่นข้อเสนอ",
        ],
        Field::Unspsc => &["unspsc", "รหัสสินค้าunspsc"],
        _ => &[],
    }
}

pub(crate) fn field_for(kind: Kind, header: &str) -> Option<Field> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    kind.fields().iter().copied().find(|f| {
        key(f.thai()) == k
            || key(f.thai_in_plan()) == k
            || f.alias() == k
            || variants(*f).iter().any(|v| key(v) == k)
    })
}

/// Matches the header row; returns the columns found (field, 1-based column, header as written)
/// and whether every required column is there.
pub(crate) fn match_headers(
    kind: Kind,
    header: &[String],
    path: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<(Field, u32, String)>, bool) {
    let mut columns: Vec<(Field, u32, String)> = Vec::new();
    let mut unknown = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let col = i as u32 + 1;
        let shown = crate::values::clean(raw);
        match field_for(kind, raw) {
            Some(field) => {
                if let Some((_, first, _)) = columns.iter().find(|(f, ..)| *f == field) {
                    diags.push(
                        Diagnostic::error(
                            diag::DUPLICATE_COLUMN,
                            format!(
                                "คอลัมน์ \"{shown}\" ซ้ำกับคอลัมน์ที่ {first}: ลบคอลัมน์ที่ซ้ำออกให้เหลือคอลัมน์เดียว"
                            ),
                            format!(
                                "column \"{shown}\" duplicates column {first}: delete one of them"
                            ),
                        )
                        .at(Location::cell(path, line, col, shown))
                        .with_text(shown),
                    );
                } else {
                    columns.push((field, col, shown.to_owned()));
                }
            }
            None if shown.is_empty() => {}
            None => unknown.push((col, shown)),
        }
    }
    if columns.is_empty() {
        let expected = expected_list(kind);
        diags.push(
            Diagnostic::error(
                diag::NO_HEADER,
                format!("แถวแรกของไฟล์ไม่ใช่แถวหัวตาราง: แถวแรกต้องเป็นชื่อคอลัมน์ ได้แก่ {expected}"),
                format!(
                    "the first row is not a header row: it must name the columns, i.e. {expected}"
                ),
            )
            .at(Location::line(path, line))
            .with_text(header.join(",")),
        );
        return (columns, false);
    }
    for (col, shown) in unknown {
        diags.push(
            Diagnostic::warning(
                diag::UNKNOWN_COLUMN,
                format!(
                    "ไม่รู้จักคอลัมน์ \"{shown}\" จึงไม่นำมาใช้: ถ้าเป็นคอลัมน์ที่ต้องการ ให้แก้ชื่อตามแม่แบบ ({})",
                    expected_list(kind)
                ),
                format!(
                    "unknown column \"{shown}\" is ignored: if it is meant to be one of ours, rename it as in the template ({})",
                    expected_list(kind)
                ),
            )
            .at(Location::cell(path, line, col, shown))
            .with_text(shown),
        );
    }
    let found: Vec<&str> = columns.iter().map(|(_, _, h)| h.as_str()).collect();
    let mut complete = true;
    for &field in kind.fields() {
        if kind.required(field) && !columns.iter().any(|(f, ..)| *f == field) {
            complete = false;
            let name = kind.header(field);
            diags.push(
                Diagnostic::error(
                    diag::MISSING_COLUMN,
                    format!(
                        "ไม่มีคอลัมน์ \"{name}\" ({}) ซึ่งต้องมี: เพิ่มคอลัมน์นี้ในแถวหัวตาราง (คอลัมน์ที่พบ: {})",
                        field.alias(),
                        found.join(", ")
                    ),
                    format!(
                        "the required column \"{name}\" ({}) is missing: add it to the header row (columns found: {})",
                        field.alias(),
                        found.join(", ")
                    ),
                )
                .at(Location::line(path, line))
                .with_text(header.join(",")),
            );
        }
    }
    (columns, complete)
}

fn expected_list(kind: Kind) -> String {
    kind.fields()
        .iter()
        .map(|f| kind.header(*f))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A data file read as a table with its header matched: the rows, the shared [`SourceFile`]
/// every record points to, and whether every required column was found.
pub(crate) struct Opened {
    pub table: crate::csv::Table,
    pub file: std::sync::Arc<prongsai_model::SourceFile>,
    pub complete: bool,
}

/// Reads `text` as CSV and matches its header for `kind`; `None` when there is no usable header
/// (already reported).
pub(crate) fn open(
    kind: Kind,
    path: &str,
    text: &str,
    encoding: &'static str,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Opened> {
    let table = crate::csv::read(text, path, limits, diags)?;
    open_table(kind, path, table, encoding, None, diags)
}

/// Matches the header of a table read from a CSV file or a worksheet (`sheet`).
pub(crate) fn open_table(
    kind: Kind,
    path: &str,
    table: crate::csv::Table,
    encoding: &'static str,
    sheet: Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Opened> {
    let (columns, complete) = match_headers(kind, &table.header, path, table.header_line, diags);
    if columns.is_empty() {
        return None;
    }
    let file = std::sync::Arc::new(prongsai_model::SourceFile {
        path: path.to_owned(),
        encoding,
        columns,
        sheet,
    });
    Some(Opened {
        table,
        file,
        complete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_match() {
        let m = Kind::Month;
        assert_eq!(field_for(m, " วงเงินงบประมาณ (บาท) "), Some(Field::Budget));
        assert_eq!(
            field_for(m, "\u{A0}ราคากลาง(บาท)"),
            Some(Field::ReferencePrice)
        );
        assert_eq!(field_for(m, "งานที่จัดซื้อหรือจัดจ้าง"), Some(Field::Title));
        assert_eq!(field_for(m, "ลำดับ"), Some(Field::Seq));
        assert_eq!(field_for(Kind::Plan, "ลำดับที่"), Some(Field::Seq));
        assert_eq!(field_for(m, "Agreed_Price"), Some(Field::AgreedPrice));
        assert_eq!(field_for(m, "เหตุผลตามมาตรา 56"), Some(Field::LegalGround));
        assert_eq!(field_for(m, "คำชี้แจง"), Some(Field::Explanation));
        assert_eq!(field_for(m, "Explanation"), Some(Field::Explanation));
        assert_eq!(field_for(m, "วันที่ประกาศเชิญชวน"), Some(Field::TenderStart));
        assert_eq!(field_for(m, "tender_end"), Some(Field::TenderEnd));
        assert_eq!(field_for(m, "รหัส UNSPSC"), Some(Field::Unspsc));
        assert_eq!(field_for(m, "UNSPSC"), Some(Field::Unspsc));
        assert_eq!(field_for(Kind::Plan, "winner"), None);
        assert_eq!(field_for(m, "หมายเหตุ"), None);
    }

    #[test]
    fn missing_and_duplicate() {
        let mut d = Vec::new();
        let header: Vec<String> = ["ลำดับ", "รหัสแผน", "seq", "อื่น ๆ"].map(String::from).to_vec();
        let (cols, complete) = match_headers(Kind::Plan, &header, "p.csv", 1, &mut d);
        assert!(!complete);
        assert_eq!(cols.len(), 2);
        let codes: Vec<&str> = d.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(
            codes.iter().filter(|c| **c == diag::MISSING_COLUMN).count(),
            6
        );
        assert!(codes.contains(&diag::DUPLICATE_COLUMN));
        assert!(codes.contains(&diag::UNKNOWN_COLUMN));
    }
}
