//! Month files and plans as Excel workbooks. The workbooks under `tests/fixtures/xlsx_*` were
//! saved by LibreOffice Calc (`scripts/gen-xlsx-fixtures`); the hostile and odd ones here are
//! made in memory, with rust_xlsxwriter and by editing a workbook's XML.

use prongsai_load::{Limits, load, load_with, parse_month_bytes};
use prongsai_model::{Diagnostic, Money, YearMonth};
use rust_xlsxwriter::{Formula, Workbook};
use std::io::{Cursor, Read, Write};
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

const HEADER: [&str; 18] = [
    "ลำดับที่",
    "เลขที่โครงการ",
    "รหัสแผน",
    "งานที่ซื้อหรือจ้าง",
    "วงเงินงบประมาณ",
    "แหล่งที่มาของงบประมาณ",
    "ราคากลาง",
    "วิธีการจัดซื้อจัดจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือก",
    "เลขประจำตัวผู้เสียภาษี",
    "ราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสังเขป",
    "เลขที่สัญญา",
    "วันที่สัญญา",
    "วันสิ้นสุดสัญญา",
    "สถานะ",
    "เหตุผลตามมาตรา 56",
];

/// One valid record in row 2 of the sheet (`E` = budget, `L` = agreed price).
fn record(ws: &mut rust_xlsxwriter::Worksheet, row: u32, seq: f64) {
    let cells: [&str; 18] = [
        "",
        "",
        "",
        "จัดซื้อวัสดุ",
        "",
        "เงินสะสม",
        "",
        "วิธีเฉพาะเจาะจง",
        "ร้าน ก 450",
        "ร้าน ก",
        "",
        "",
        "ราคาต่ำสุด",
        "1/2570",
        "16/10/2569",
        "",
        "สิ้นสุดสัญญา",
        "",
    ];
    for (c, v) in cells.iter().enumerate() {
        if !v.is_empty() {
            ws.write_string(row, c as u16, *v).unwrap();
        }
    }
    ws.write_number(row, 0, seq).unwrap();
    ws.write_number(row, 4, 500).unwrap();
    ws.write_number(row, 6, 500).unwrap();
    ws.write_number(row, 11, 450).unwrap();
}

fn book(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(&mut wb);
    wb.save_to_buffer().unwrap()
}

fn header(ws: &mut rust_xlsxwriter::Worksheet) {
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
}

const OCT: YearMonth = YearMonth::new(2569, 10);
const PATH: &str = "procurement-data/2570/months/2569-10.xlsx";

fn codes(diags: &[Diagnostic]) -> Vec<&str> {
    diags.iter().map(|d| d.code.as_str()).collect()
}

/// Rewrites the entries of a workbook (a zip), e.g. to take a cached value out of a formula.
fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let name = e.name().unwrap().into_owned();
        let mut content = Vec::new();
        e.read_to_end(&mut content).unwrap();
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name.clone(), opts).unwrap();
        out.write_all(&edit(&name, content)).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_month_saved_by_libreoffice_loads_like_its_csv() {
    let loaded = load(&fixture("xlsx_valid"));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let fy = &loaded.data.years[&2570];
    let oct = &fy.months[&OCT];
    assert_eq!(
        oct.file.sheet.as_deref(),
        Some("สขร1"),
        "the template's sheet, not the hidden first one"
    );
    assert_eq!(oct.file.encoding, "xlsx");
    // The title row (1) and header (2) are above; the totals row under the table is left out.
    let lines: Vec<u32> = oct.records.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    let [a, b, c, d] = &oct.records[..] else {
        panic!("four records")
    };
    // Typed numbers, a date shown in พ.ศ., two bids in one cell (Alt+Enter), a TIN as text.
    assert_eq!(a.budget, Money::from_baht(25_000));
    assert_eq!(a.agreed_price, Some(Money::from_satang(2_330_950)));
    assert_eq!(a.bids.len(), 2);
    assert_eq!(
        a.contract_date.map(|d| d.iso()).as_deref(),
        Some("2026-10-15")
    );
    assert_eq!(
        a.contract_end.map(|d| d.iso()).as_deref(),
        Some("2026-10-30")
    );
    assert!(
        a.winner_tin.is_some(),
        "the TIN typed as text keeps its leading 0"
    );
    // Text with a unit, a formula's cached value, dates shown in ค.ศ.
    assert_eq!(b.budget, Money::from_baht(15_000));
    assert_eq!(b.agreed_price, Some(Money::from_baht(14_500)));
    assert_eq!(
        b.contract_date.map(|d| d.iso()).as_deref(),
        Some("2026-10-20")
    );
    // Thai digits and text dates in พ.ศ.
    assert_eq!(c.budget, Money::from_baht(8_000));
    assert_eq!(
        c.contract_date.map(|d| d.iso()).as_deref(),
        Some("2026-10-21")
    );
    assert!(d.is_cancelled() && d.winner.is_none());
    assert!(fy.months[&YearMonth::new(2569, 11)].records.is_empty());
    let plan = fy.plan.as_ref().expect("plan.xlsx");
    assert_eq!(plan.lines.len(), 2);
    // A date cell in the month column reads as its month.
    assert_eq!(plan.lines[0].expected_month, YearMonth::new(2569, 10));
    assert_eq!(plan.lines[1].expected_month, YearMonth::new(2570, 1));
}

#[test]
fn problems_name_the_workbook_sheet_and_cell() {
    let loaded = load(&fixture("xlsx_errors"));
    let shown: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    let all = shown.join("\n");
    // The CSV rules, at the cell: text in a money cell, a ค.ศ. date typed as text.
    assert!(
        all.contains("2569-10.xlsx, แผ่นงาน สขร1, เซลล์ E2 (คอลัมน์ \"วงเงินงบประมาณ\"): error[P121]"),
        "{all}"
    );
    assert!(
        all.contains("sheet สขร1, cell O2 (column \"วันที่สัญญา\")"),
        "{all}"
    );
    let c = codes(&loaded.diagnostics);
    for code in ["P118", "P117", "P145", "P146"] {
        assert!(c.contains(&code), "{code} missing: {all}");
    }
    // Neither file of the clashing month is read.
    assert!(
        !loaded.data.years[&2570]
            .months
            .contains_key(&YearMonth::new(2569, 11))
    );
}

#[test]
fn hidden_sheets_are_skipped_and_the_first_visible_one_read() {
    let bytes = book(|wb| {
        let hidden = wb.add_worksheet();
        hidden.set_name("lists").unwrap();
        hidden.write_string(0, 0, "nothing").unwrap();
        hidden.set_hidden(true);
        let ws = wb.add_worksheet();
        // The active sheet cannot be hidden (Excel would show it anyway).
        ws.set_name("ตุลาคม").unwrap().set_active(true);
        header(ws);
        record(ws, 1, 1.0);
        wb.add_worksheet().set_name("อื่น").unwrap();
    });
    let (m, d) = parse_month_bytes(PATH, OCT, &bytes);
    assert!(d.is_empty(), "{d:#?}");
    let m = m.unwrap();
    assert_eq!(m.file.sheet.as_deref(), Some("ตุลาคม"));
    assert_eq!(m.records.len(), 1);
}

#[test]
fn a_formula_without_a_saved_value_is_an_error_at_its_cell() {
    let bytes = book(|wb| {
        let ws = wb.add_worksheet();
        header(ws);
        record(ws, 1, 1.0);
        ws.write_formula(1, 11, Formula::new("=E2*0.9")).unwrap();
    });
    // rust_xlsxwriter stores 0 as the value; a file never calculated has no <v> at all.
    let bytes = rezip(&bytes, |name, xml| {
        if name.starts_with("xl/worksheets/") {
            String::from_utf8(xml)
                .unwrap()
                .replace("<v>0</v>", "")
                .into_bytes()
        } else {
            xml
        }
    });
    let (_, d) = parse_month_bytes(PATH, OCT, &bytes);
    let p119 = d.iter().find(|d| d.code == "P119").expect("P119");
    assert!(p119.to_string().contains("เซลล์ L2"), "{p119}");
    assert!(p119.message_en.contains("=E2*0.9"), "{p119}");
}

#[test]
fn merged_cells_down_a_column_fill_every_row() {
    let bytes = book(|wb| {
        let ws = wb.add_worksheet();
        header(ws);
        record(ws, 1, 1.0);
        record(ws, 2, 2.0);
        let f = rust_xlsxwriter::Format::new();
        ws.merge_range(1, 5, 2, 5, "เงินอุดหนุนเฉพาะกิจ", &f).unwrap();
    });
    let (m, d) = parse_month_bytes(PATH, OCT, &bytes);
    assert!(d.is_empty(), "{d:#?}");
    let m = m.unwrap();
    let sources: Vec<&str> = m
        .records
        .iter()
        .map(|r| r.budget_source.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(sources, ["เงินอุดหนุนเฉพาะกิจ", "เงินอุดหนุนเฉพาะกิจ"]);
}

#[test]
fn hostile_workbooks_end_in_a_bounded_clear_error() {
    // Not a workbook at all.
    let (m, d) = parse_month_bytes(PATH, OCT, b"\x89PNG\r\n\x1a\n not a workbook");
    assert!(m.is_none());
    assert_eq!(codes(&d), ["P115"]);
    // Password-protected: an OLE file holding an EncryptedPackage stream.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 512]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let (m, d) = parse_month_bytes(PATH, OCT, &ole);
    assert!(m.is_none());
    assert_eq!(codes(&d), ["P116"]);
    assert!(d[0].message_en.contains("Excel Workbook (.xlsx)"));
    // A zip bomb: a sheet that unpacks far past the limit from a small file.
    let bytes = book(|wb| header(wb.add_worksheet()));
    let bomb = rezip(&bytes, |name, xml| {
        if name == "xl/worksheets/sheet1.xml" {
            let mut x = xml;
            x.extend(std::iter::repeat_n(b' ', 60 * 1024 * 1024));
            x
        } else {
            xml
        }
    });
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let (m, d) = parse_month_bytes(PATH, OCT, &bomb);
    assert!(m.is_none());
    assert_eq!(codes(&d), ["P105"]);
    // A huge sheet stops at the row limit.
    let dir = tempfile::tempdir().unwrap();
    let months = dir.path().join("procurement-data/2570/months");
    std::fs::create_dir_all(&months).unwrap();
    let bytes = book(|wb| {
        let ws = wb.add_worksheet();
        header(ws);
        for r in 1..=50 {
            record(ws, r, f64::from(r));
        }
    });
    std::fs::write(months.join("2569-10.xlsx"), bytes).unwrap();
    let limits = Limits {
        max_rows: 10,
        ..Limits::default()
    };
    let loaded = load_with(dir.path(), &limits);
    assert!(
        codes(&loaded.diagnostics).contains(&"P107"),
        "{:#?}",
        loaded.diagnostics
    );
    let oct = &loaded.data.years[&2570].months[&OCT];
    assert_eq!(oct.records.len(), 10);
}

#[test]
fn wrong_types_get_the_csv_diagnostics() {
    let bytes = book(|wb| {
        let ws = wb.add_worksheet();
        header(ws);
        record(ws, 1, 1.0);
        // A boolean in the money column, text in the sequence column.
        ws.write_boolean(1, 4, true).unwrap();
        record(ws, 2, 2.0);
        ws.write_string(2, 0, "สอง").unwrap();
    });
    let (_, d) = parse_month_bytes(PATH, OCT, &bytes);
    let got: Vec<String> = d
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d.code,
                d.location
                    .as_ref()
                    .and_then(|l| l.cell_ref())
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(got, ["P121 E2", "P128 A3"]);
}
