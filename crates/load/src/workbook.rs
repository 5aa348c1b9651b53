//! Excel workbooks (`.xlsx`, legacy `.xls`) to the same rows the CSV reader makes, so every CSV
//! diagnostic applies unchanged; only what a workbook adds is checked here: typed cells (numbers,
//! serial dates, error values, formulas without a saved value), merged cells, a totals row under
//! the table, title rows above it, and hostile files (zip bombs, huge sheets, encrypted files).
//!
//! Row numbers are the sheet's (as Excel shows them) and columns count from A = 1, so a location
//! names the cell: `2569-11.xlsx, แผ่นงาน สขร1, เซลล์ F7`.

use crate::csv::{Row, Table};
use crate::diag;
use crate::headers::{Col, Kind, TailOf, field_for};
use crate::recognise::{HEADER_SEARCH_ROWS, Header};
use calamine::{
    Data, Dimensions, ExcelDateTime, ExcelDateTimeType, Reader, SheetType, SheetVisible,
};
use prongsai_model::{Diagnostic, Field, Layout, Location, YearMonth, column_letters};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The sheet names of the templates (`prongsai new month --xlsx`): read in preference to the
/// first sheet, so an officer may keep notes or a copy on other sheets.
pub const MONTH_SHEET: &str = "สขร1";
pub const PLAN_SHEET: &str = "แผน";

/// The `SourceFile::encoding` of a workbook: cells are typed, not encoded text.
pub(crate) const XLSX: &str = "xlsx";
pub(crate) const XLS: &str = "xls";

/// One typed cell as the workbook holds it: its cached value and, when it is a formula, the
/// formula text (a formula with no cached value was never calculated).
struct RawCell {
    value: Data,
    formula: Option<String>,
}

/// A sheet's cells by 0-based (row, column), sparse.
type Grid = BTreeMap<(u32, u32), RawCell>;

/// A worksheet read: a plan's table, or a month file's rows with its recognised header.
pub(crate) enum Sheet {
    Plan(Table),
    Month(MonthSheet),
}

/// A month file's worksheet: every row with cells (title rows and the header included), the
/// header found among them, and the rows with cells merged across columns below it.
pub(crate) struct MonthSheet {
    pub header: Header,
    pub rows: Vec<Row>,
    pub merged_across: BTreeMap<u32, String>,
}

/// Reads the data sheet of a workbook. `None` when it cannot be read (reported). Returns the
/// sheet name with it (and in `sheet_read` even when the sheet is unusable): every diagnostic
/// pushed with a line is in that sheet. `month` is the month a month file's name gives, which
/// picks its sheet in a workbook holding one sheet per month.
pub(crate) fn read(
    kind: Kind,
    path: &str,
    bytes: &[u8],
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
    sheet_read: &mut Option<String>,
    month: Option<YearMonth>,
) -> Option<(String, &'static str, Sheet)> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_cfb = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if is_cfb && encrypted(bytes) {
        diags.push(protected(path));
        return None;
    }
    let (grid, sheet, encoding, merges, is_1904) = if is_zip {
        if let Err(d) = unpacked_size_ok(path, bytes, limits) {
            diags.push(*d);
            return None;
        }
        read_xlsx(kind, path, bytes, limits, diags, month)?
    } else if is_cfb {
        read_xls(kind, path, bytes, diags, month)?
    } else {
        diags.push(not_a_workbook(path, None));
        return None;
    };
    *sheet_read = Some(sheet.clone());
    if let Some(month) = month
        && let Some(named) = crate::assemble::month_named(&sheet)
        && named != month
    {
        diags.push(
            Diagnostic::error(
                diag::OTHER_MONTH,
                format!(
                    "แผ่นงานที่อ่าน \"{sheet}\" เป็นของเดือน{} แต่ชื่อไฟล์เป็นเดือน{}: ตั้งชื่อแผ่นงานให้ตรงกับเดือนของไฟล์ หรือตรวจว่าบันทึกไฟล์ถูกเดือนหรือไม่",
                    named.thai_long(),
                    month.thai_long()
                ),
                format!(
                    "the sheet read, \"{sheet}\", is named for {}, the file for {}: name the sheet for the file's month, or check the right file was saved",
                    named.key(),
                    month.key()
                ),
            )
            .at(Location::file(path))
            .with_text(sheet.clone()),
        );
    }
    let sheet_data = match kind {
        Kind::Plan => to_table(kind, path, &grid, &merges, is_1904, limits, diags).map(Sheet::Plan),
        Kind::Month => month_sheet(path, &grid, &merges, is_1904, limits, diags).map(Sheet::Month),
    };
    sheet_data.map(|t| (sheet, encoding, t))
}

/// The sheet's cells, its name, the `SourceFile::encoding`, its merged blocks, and whether its
/// serial dates count from 1904 (old Mac workbooks) rather than 1900.
type Opened = (Grid, String, &'static str, Vec<Dimensions>, bool);

fn read_xlsx(
    kind: Kind,
    path: &str,
    bytes: &[u8],
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
    month: Option<YearMonth>,
) -> Option<Opened> {
    let mut wb = match calamine::Xlsx::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => {
            diags.push(not_a_workbook(path, Some(&e.to_string())));
            return None;
        }
    };
    let sheet = pick_sheet(kind, path, wb.sheets_metadata(), diags, month)?;
    let is_1904 = wb.has_1904_epoch();
    let merges = wb.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let mut grid = Grid::new();
    let mut reader = match wb.worksheet_cells_reader(&sheet) {
        Ok(r) => r,
        Err(e) => {
            diags.push(not_a_workbook(path, Some(&e.to_string())));
            return None;
        }
    };
    // The reader streams the sheet, so a huge one stops at the limit instead of filling memory.
    let max_cells = limits
        .max_rows
        .saturating_add(HEADER_SEARCH_ROWS)
        .saturating_mul(64);
    loop {
        match reader.next_cell_with_formula() {
            Ok(Some(c)) => {
                let value = Data::from(c.value);
                if value == Data::Empty && c.formula.as_deref().is_none_or(str::is_empty) {
                    continue;
                }
                if grid.len() >= max_cells {
                    diags.push(too_many_rows(path, limits, c.pos.0 + 1));
                    break;
                }
                grid.insert(
                    c.pos,
                    RawCell {
                        value,
                        formula: c.formula.filter(|f| !f.is_empty()),
                    },
                );
            }
            Ok(None) => break,
            Err(e) => {
                diags.push(not_a_workbook(path, Some(&e.to_string())));
                return None;
            }
        }
    }
    Some((grid, sheet, XLSX, merges, is_1904))
}

fn read_xls(
    kind: Kind,
    path: &str,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
    month: Option<YearMonth>,
) -> Option<Opened> {
    let mut wb = match calamine::Xls::new(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(calamine::XlsError::Password) => {
            diags.push(protected(path));
            return None;
        }
        Err(e) => {
            diags.push(not_a_workbook(path, Some(&e.to_string())));
            return None;
        }
    };
    let sheet = pick_sheet(kind, path, wb.sheets_metadata(), diags, month)?;
    #[allow(deprecated)]
    let merges = wb.worksheet_merge_cells(&sheet).unwrap_or_default();
    let range = match wb.worksheet_range(&sheet) {
        Ok(r) => r,
        Err(e) => {
            diags.push(not_a_workbook(path, Some(&e.to_string())));
            return None;
        }
    };
    let formulas = wb.worksheet_formula(&sheet).ok();
    let mut grid = Grid::new();
    for (r, c, value) in range.used_cells() {
        let (row, col) = (
            range.start().map_or(0, |s| s.0) + r as u32,
            range.start().map_or(0, |s| s.1) + c as u32,
        );
        grid.insert(
            (row, col),
            RawCell {
                value: value.clone(),
                formula: None,
            },
        );
    }
    if let Some(f) = formulas {
        for (r, c, text) in f.used_cells() {
            let pos = (
                f.start().map_or(0, |s| s.0) + r as u32,
                f.start().map_or(0, |s| s.1) + c as u32,
            );
            if text.is_empty() {
                continue;
            }
            grid.entry(pos)
                .or_insert(RawCell {
                    value: Data::Empty,
                    formula: None,
                })
                .formula = Some(text.clone());
        }
    }
    Some((grid, sheet, XLS, merges, false))
}

/// The sheet named for the file's month in a workbook of one sheet per month ("ตุลาคม 2567",
/// "สขร.1 ต.ค. 67"), else the template's sheet or a sheet named สขร, else the first visible
/// worksheet: hidden sheets (lookup lists, old copies) and chart sheets are never the data.
fn pick_sheet(
    kind: Kind,
    path: &str,
    sheets: &[calamine::Sheet],
    diags: &mut Vec<Diagnostic>,
    month: Option<YearMonth>,
) -> Option<String> {
    let wanted = match kind {
        Kind::Month => MONTH_SHEET,
        Kind::Plan => PLAN_SHEET,
    };
    let work = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    let visible = || work().filter(|s| s.visible == SheetVisible::Visible);
    if let Some(month) = month
        && let Some(s) = visible().find(|s| crate::assemble::month_named(&s.name) == Some(month))
    {
        return Some(s.name.clone());
    }
    if let Some(s) = work().find(|s| s.name.trim() == wanted) {
        return Some(s.name.clone());
    }
    if kind == Kind::Month
        && let Some(s) = visible().find(|s| prongsai_text::match_key(&s.name).contains("สขร"))
    {
        return Some(s.name.clone());
    }
    if let Some(s) = work().find(|s| s.visible == SheetVisible::Visible) {
        return Some(s.name.clone());
    }
    diags.push(
        Diagnostic::error(
            diag::BAD_WORKBOOK,
            "ไม่พบแผ่นงานที่มองเห็นได้ในสมุดงาน: ยกเลิกการซ่อนแผ่นงานข้อมูล (คลิกขวาที่แถบแผ่นงาน → ยกเลิกการซ่อน) แล้วบันทึกอีกครั้ง",
            "the workbook has no visible worksheet: unhide the data sheet (right-click a sheet tab → Unhide) and save again",
        )
        .at(Location::file(path)),
    );
    None
}

/// An encrypted (password-protected) Office file is an OLE container holding `EncryptedPackage`
/// instead of a zip; its name is stored in UTF-16 in the directory.
fn encrypted(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// Refuses a workbook whose parts unpack to more than the file-size limit, measuring what
/// decompression actually yields (the sizes a zip declares can lie) without keeping it.
fn unpacked_size_ok(
    path: &str,
    bytes: &[u8],
    limits: &crate::Limits,
) -> Result<(), Box<Diagnostic>> {
    let max = limits.max_file_bytes;
    let bad = |e: String| Box::new(not_a_workbook(path, Some(&e)));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let left = max.saturating_sub(total);
        let n = std::io::copy(
            &mut entry.take(left.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(|e| bad(e.to_string()))?;
        total = total.saturating_add(n);
        if total > max {
            let mb = |n: u64| n.div_ceil(1024 * 1024);
            return Err(Box::new(
                Diagnostic::error(
                    diag::FILE_TOO_LARGE,
                    format!(
                        "สมุดงานเมื่อแตกไฟล์แล้วใหญ่เกินขีดจำกัด {} MB จึงไม่อ่าน (ไฟล์ .xlsx เป็นไฟล์บีบอัด): ตรวจว่าเป็นไฟล์ที่ถูกต้อง หรือบันทึกเฉพาะแผ่นงานข้อมูลเป็นสมุดงานใหม่ ถ้าจำเป็นจริงให้ตั้ง limits: {{ max_file_mb: … }} ใน site.yaml",
                        mb(max)
                    ),
                    format!(
                        "the workbook unpacks to more than the limit of {} MB, so it was not read (an .xlsx is compressed): check it is the right file, or save the data sheet alone as a new workbook; if it is really needed set limits: {{ max_file_mb: … }} in site.yaml",
                        mb(max)
                    ),
                )
                .at(Location::file(path)),
            ));
        }
    }
    Ok(())
}

fn protected(path: &str) -> Diagnostic {
    Diagnostic::error(
        diag::PROTECTED_WORKBOOK,
        "สมุดงานมีรหัสผ่าน (เข้ารหัสไว้) จึงอ่านไม่ได้: ใน Excel เปิดไฟล์ แล้วเลือก ไฟล์ → ข้อมูล → ป้องกันสมุดงาน → เข้ารหัสด้วยรหัสผ่าน ลบรหัสผ่านออก แล้วบันทึกเป็น \"สมุดงาน Excel (.xlsx)\" (ข้อมูลนี้เผยแพร่ต่อสาธารณะอยู่แล้ว ไม่ต้องใส่รหัสผ่าน)",
        "the workbook is password-protected (encrypted), so it cannot be read: in Excel open it, choose File → Info → Protect Workbook → Encrypt with Password, clear the password and save as \"Excel Workbook (.xlsx)\" (the data is published anyway; it needs no password)",
    )
    .at(Location::file(path))
}

fn not_a_workbook(path: &str, detail: Option<&str>) -> Diagnostic {
    let (th, en) = match detail {
        Some(e) => (format!(" ({e})"), format!(" ({e})")),
        None => (String::new(), String::new()),
    };
    Diagnostic::error(
        diag::BAD_WORKBOOK,
        format!("อ่านไฟล์นี้เป็นสมุดงาน Excel ไม่ได้{th}: เปิดด้วย Excel แล้วเลือก บันทึกเป็น → \"สมุดงาน Excel (.xlsx)\" หรือ \"CSV UTF-8 (Comma delimited)\""),
        format!("this file cannot be read as an Excel workbook{en}: open it in Excel and Save As \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited)\""),
    )
    .at(Location::file(path))
}

fn too_many_rows(path: &str, limits: &crate::Limits, row: u32) -> Diagnostic {
    Diagnostic::error(
        diag::TOO_MANY_ROWS,
        format!("แผ่นงานมีข้อมูลเกิน {} แถว จึงหยุดอ่านที่แถวนี้: ตรวจว่าไฟล์ถูกต้องหรือไม่ (แบบ สขร.1 หนึ่งเดือนไม่ควรยาวขนาดนี้) ลบแถวที่ไม่ใช้ออก ถ้าจำเป็นจริงให้ตั้ง limits: {{ max_rows: … }} ใน site.yaml", limits.max_rows),
        format!("the sheet holds more than {} rows of data, so reading stopped here: check the file (one month of แบบ สขร.1 should never be this long) and delete unused rows; if it is really needed set limits: {{ max_rows: … }} in site.yaml", limits.max_rows),
    )
    .at(Location::line(path, row))
}

/// What a cell holds, as the text a CSV of the same sheet would hold; the column's field decides
/// how a number reads (a serial date, an amount, a sequence number).
/// A cell that cannot be read: what the row carries instead (what Excel shows), the code, and
/// the Thai and English messages.
type CellProblem = (String, &'static str, String, String);

fn cell_text(cell: &RawCell, field: Option<Field>, is_1904: bool) -> Result<String, CellProblem> {
    let date_field = matches!(field, Some(Field::ContractDate | Field::ContractEnd));
    let month_field = field == Some(Field::ExpectedMonth);
    let serial = |v: f64, is_1904: bool| -> Option<String> {
        // Excel's serial dates; 1 = 1900-01-01. Whatever calendar the cell displays (a Thai
        // Excel shows พ.ศ.), the number is the same day, so the year is written in พ.ศ. here.
        if !(1.0..2_958_466.0).contains(&v) {
            return None;
        }
        let (y, m, d, ..) =
            ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904).to_ymd_hms_milli();
        // A พ.ศ. year typed into a ค.ศ. date cell (15/10/2567 in an English-locale Excel) is
        // stored as the year 2567 CE; it is already the พ.ศ. year.
        let be = if y >= 2400 {
            i32::from(y)
        } else {
            i32::from(y) + 543
        };
        Some(if month_field {
            format!("{be}-{m:02}")
        } else {
            format!("{be}-{m:02}-{d:02}")
        })
    };
    let number = |v: f64| -> String {
        if (date_field || month_field)
            && let Some(s) = serial(v, is_1904)
        {
            return s;
        }
        number_text(v, field)
    };
    Ok(match &cell.value {
        Data::Empty => {
            if let Some(f) = &cell.formula {
                return Err((
                    String::new(),
                    diag::FORMULA_NO_VALUE,
                    format!(
                        "ช่องนี้มีสูตร ={f} แต่ไม่มีค่าที่คำนวณไว้: เปิดไฟล์ใน Excel ให้คำนวณ (กด F9) แล้วบันทึกอีกครั้ง หรือคัดลอกแล้ววางแบบค่า (วางแบบพิเศษ → ค่า)"
                    ),
                    format!(
                        "this cell holds the formula ={f} but no calculated value: open the file in Excel, let it calculate (F9) and save again, or copy and Paste Special → Values"
                    ),
                ));
            }
            String::new()
        }
        Data::String(s) => s.replace("\r\n", "\n"),
        Data::Int(v) => number(*v as f64),
        Data::Float(v) => number(*v),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) if dt.is_duration() => number_text(dt.as_f64(), field),
        Data::DateTime(dt) => {
            let is_1904 = dt_is_1904(dt) || is_1904;
            if dt.is_datetime() || date_field || month_field {
                serial(dt.as_f64(), is_1904).unwrap_or_else(|| number_text(dt.as_f64(), field))
            } else {
                number_text(dt.as_f64(), field)
            }
        }
        Data::DateTimeIso(s) => iso_to_be(s, month_field).unwrap_or_else(|| s.clone()),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err((
                e.to_string(),
                diag::CELL_ERROR,
                format!("ช่องนี้มีค่าผิดพลาด {e} (สูตรคำนวณไม่ได้): แก้สูตรหรือพิมพ์ค่าที่ถูกต้องแทน"),
                format!(
                    "this cell holds the error value {e} (its formula fails): fix the formula or type the right value"
                ),
            ));
        }
    })
}

/// Whether a date cell counts from 1904 (old Mac workbooks): `ExcelDateTime` keeps the flag
/// private but compares by it.
fn dt_is_1904(dt: &ExcelDateTime) -> bool {
    *dt == ExcelDateTime::new(dt.as_f64(), kind_of(dt), true)
}

fn kind_of(dt: &ExcelDateTime) -> ExcelDateTimeType {
    if dt.is_datetime() {
        ExcelDateTimeType::DateTime
    } else {
        ExcelDateTimeType::TimeDelta
    }
}

/// A number as a person would type it: whole numbers without `.0`, amounts to the satang, and
/// a tax ID that Excel stored as a number given back its leading zero.
fn number_text(v: f64, field: Option<Field>) -> String {
    let money = matches!(
        field,
        Some(Field::Budget | Field::ReferencePrice | Field::AgreedPrice)
    );
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let n = v as i64;
        if field == Some(Field::WinnerTin) && (100_000_000_000..1_000_000_000_000).contains(&n) {
            return format!("{n:013}");
        }
        return n.to_string();
    }
    // Binary floats store 0.1 inexactly; an amount within a millionth of a satang is that amount.
    if money && ((v * 100.0).round() - v * 100.0).abs() < 1e-6 {
        return format!("{v:.2}");
    }
    format!("{v}")
}

/// `2024-10-15` or `2024-10-15T00:00:00` (a cell typed as an ISO date) in พ.ศ.
fn iso_to_be(s: &str, month_only: bool) -> Option<String> {
    let date = s.get(..10)?;
    let (y, rest) = date.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    let y: i32 = y.parse().ok()?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    Some(if month_only {
        format!("{}-{m:02}", y + 543)
    } else {
        format!("{}-{m:02}-{d:02}", y + 543)
    })
}

/// Whether a row reads as a totals row: no sequence number and a label such as รวม or Total, or
/// a SUM formula. Only trailing rows are tested, so a real record is never taken for one.
fn is_totals(row: &[String], formulas: bool, seq_col: Option<usize>) -> bool {
    let seq_blank = seq_col.is_none_or(|c| {
        row.get(c)
            .is_none_or(|s| crate::values::parse_seq(s).is_err())
    });
    let labelled = row.iter().any(|c| {
        let t = crate::values::clean(c).to_lowercase();
        t.starts_with("รวม") || t.starts_with("total") || t.starts_with("sum")
    });
    seq_blank && (labelled || formulas)
}

/// What typing a sheet's rows needs besides the row: the sheet, the cells merges fill (a cell
/// below a block merged down reads as the block's value) and the date system.
struct Typing<'g> {
    path: &'g str,
    grid: &'g Grid,
    filled: &'g BTreeMap<(u32, u32), (u32, u32)>,
    is_1904: bool,
    /// The header's width: a row is read at least this wide.
    width: u32,
}

/// Sheet row `r` as the text a CSV of it would hold, each cell typed by its column's field
/// (`field_of`); `None` for a blank row. A cell that cannot be read is reported at its cell,
/// named by `header`, and reads as what Excel shows. Returns whether the row holds a formula.
fn type_row(
    t: &Typing<'_>,
    r: u32,
    cells: &BTreeMap<u32, &RawCell>,
    field_of: &dyn Fn(u32) -> Option<Field>,
    header: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<(Vec<String>, bool)> {
    let row_width = cells
        .keys()
        .next_back()
        .map_or(0, |c| *c + 1)
        .max(t.width)
        .max(
            t.filled
                .range((r, 0)..(r + 1, 0))
                .map(|((_, c), _)| *c + 1)
                .max()
                .unwrap_or(0),
        );
    let mut texts = Vec::with_capacity(row_width as usize);
    let mut has_formula = false;
    for c in 0..row_width {
        let cell = cells
            .get(&c)
            .copied()
            .or_else(|| t.filled.get(&(r, c)).and_then(|src| t.grid.get(src)));
        let Some(cell) = cell else {
            texts.push(String::new());
            continue;
        };
        has_formula |= cell.formula.is_some();
        match cell_text(cell, field_of(c), t.is_1904) {
            Ok(text) => texts.push(text),
            Err((shown_text, code, th, en)) => {
                let shown = cell
                    .formula
                    .as_ref()
                    .map_or_else(|| format!("{:?}", cell.value), |f| format!("={f}"));
                diags.push(
                    Diagnostic::error(code, th, en)
                        .at(Location::cell(
                            t.path,
                            r + 1,
                            c + 1,
                            header.get(c as usize).cloned().unwrap_or_default(),
                        ))
                        .with_text(shown),
                );
                texts.push(shown_text);
            }
        }
    }
    if texts.iter().all(|t| crate::values::clean(t).is_empty()) {
        return None;
    }
    Some((texts, has_formula))
}

/// The field that decides how a number in a column reads (a serial date, an amount, a tax ID).
fn typing_field(col: Option<Col>) -> Option<Field> {
    match col? {
        Col::Field(f) => Some(f),
        Col::Tail(TailOf::Contract) => Some(Field::ContractDate),
        Col::Tail(TailOf::Winner) | Col::BidPrices => Some(Field::AgreedPrice),
        _ => None,
    }
}

/// The sheet's cells grouped by row, in order.
fn by_row(grid: &Grid) -> BTreeMap<u32, BTreeMap<u32, &RawCell>> {
    let mut rows: BTreeMap<u32, BTreeMap<u32, &RawCell>> = BTreeMap::new();
    for (&(r, c), cell) in grid {
        rows.entry(r).or_default().insert(c, cell);
    }
    rows
}

/// A merged block as the officer's spreadsheet names it: `B5:D5`.
fn range_name(m: &Dimensions) -> String {
    let ((r0, c0), (r1, c1)) = (m.start, m.end);
    format!(
        "{}{}:{}{}",
        column_letters(c0 + 1),
        r0 + 1,
        column_letters(c1 + 1),
        r1 + 1
    )
}

/// The rows a block merged down one column covers below its first cell (0-based), bounded by the
/// row limit so a block merged to the sheet's last row costs no more than the rows allowed.
fn covered_below(m: &Dimensions, limits: &crate::Limits) -> std::ops::RangeInclusive<u32> {
    let (r0, r1) = (m.start.0, m.end.0);
    r0 + 1..=r1.min(r0.saturating_add(u32::try_from(limits.max_rows).unwrap_or(u32::MAX)))
}

/// Typed rows as the CSV reader gives them; a data row (after the first `header_rows`) with a
/// cell over the size limit is reported at its cell and left out.
fn to_rows(
    out: Vec<(u32, Vec<String>, bool)>,
    header_rows: usize,
    header: &[String],
    path: &str,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Row> {
    let mut rows = Vec::with_capacity(out.len());
    for (i, (line, texts, _)) in out.into_iter().enumerate() {
        let record = ::csv::StringRecord::from(texts);
        if i >= header_rows {
            let name = |c: usize| header.get(c).cloned();
            if let Some(d) = crate::csv::oversized(&record, name, path, line, limits) {
                diags.push(d);
                continue;
            }
        }
        rows.push(Row {
            line,
            cells: record,
        });
    }
    rows
}

/// A month file's sheet: its rows as text, its header recognised among the first of them.
fn month_sheet(
    path: &str,
    grid: &Grid,
    merges: &[Dimensions],
    is_1904: bool,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<MonthSheet> {
    let rows = by_row(grid);
    if rows.is_empty() {
        diags.push(empty_sheet(path));
        return None;
    }
    let dense = |cells: &BTreeMap<u32, &RawCell>, field_of: &dyn Fn(u32) -> Option<Field>| {
        let width = cells.keys().next_back().map_or(0, |c| *c + 1);
        (0..width)
            .map(|c| {
                cells
                    .get(&c)
                    .map(|cell| cell_text(cell, field_of(c), is_1904).unwrap_or_default())
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>()
    };
    // The header is looked for among the first rows, read as plain text.
    let first: Vec<Row> = rows
        .iter()
        .take(HEADER_SEARCH_ROWS + 1)
        .map(|(r, cells)| Row {
            line: r + 1,
            cells: ::csv::StringRecord::from(dense(cells, &|_| None)),
        })
        .collect();
    let header = crate::month::find_header(path, &first, diags)?;
    let sheet_row = |i: usize| first.get(i).map_or(0, |r| r.line - 1);
    let (head_first, head_last) = (sheet_row(header.first), sheet_row(header.last));
    let field_of = |c: u32| typing_field(header.cols.get(c as usize).copied().flatten());
    let seq_col = header
        .cols
        .iter()
        .position(|c| *c == Some(Col::Field(Field::Seq)))
        .map(|c| c as u32);
    // A row of the สขร.1 form without its own ลำดับที่ continues the record above (its further
    // bidders): a cell merged down over it belongs to that record, not to a new one.
    let own_seq = |r: u32| {
        seq_col.is_none_or(|c| {
            grid.get(&(r, c)).is_some_and(|cell| {
                crate::values::parse_seq(
                    &cell_text(cell, Some(Field::Seq), is_1904).unwrap_or_default(),
                )
                .is_ok()
            })
        })
    };
    let mut filled: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
    let mut merged_across: BTreeMap<u32, String> = BTreeMap::new();
    for m in merges {
        let ((r0, c0), (r1, c1)) = (m.start, m.end);
        // Titles above the header and headings merged over sub-columns are read as they show.
        if r1 < head_first || r0 <= head_last {
            continue;
        }
        if c1 > c0 {
            let range = range_name(m);
            merged_across.entry(r0 + 1).or_insert(range);
            continue;
        }
        for r in covered_below(m, limits) {
            if header.layout != Layout::Skr1 || own_seq(r) {
                filled.insert((r, c0), (r0, c0));
            }
        }
    }
    let mut out: Vec<(u32, Vec<String>, bool)> = Vec::new();
    for (r, cells) in rows.range(..=head_last) {
        out.push((r + 1, dense(cells, &|_| None), false));
    }
    let width = header.cols.len() as u32;
    let data_rows: std::collections::BTreeSet<u32> = rows
        .range(head_last + 1..)
        .map(|(r, _)| *r)
        .chain(filled.keys().map(|(r, _)| *r))
        .collect();
    let header_texts: Vec<String> = header.shown.clone();
    let typing = Typing {
        path,
        grid,
        filled: &filled,
        is_1904,
        width,
    };
    let mut data_count = 0usize;
    for r in data_rows {
        let empty = BTreeMap::new();
        let cells = rows.get(&r).unwrap_or(&empty);
        let Some((texts, has_formula)) =
            type_row(&typing, r, cells, &field_of, &header_texts, diags)
        else {
            continue;
        };
        data_count += 1;
        if data_count > limits.max_rows {
            diags.push(too_many_rows(path, limits, r + 1));
            break;
        }
        out.push((r + 1, texts, has_formula));
    }
    // A totals row under the table (รวม, or a SUM of the amounts) is the officer's own check, not
    // a procurement. Where a list has no ลำดับ, only a labelled one is taken for it.
    let header_rows = rows.range(..=head_last).count();
    while out.len() > header_rows {
        let Some((_, texts, formulas)) = out.last() else {
            break;
        };
        let formulas = *formulas && seq_col.is_some();
        if is_totals(texts, formulas, seq_col.map(|c| c as usize)) {
            out.pop();
        } else {
            break;
        }
    }
    let table_rows = to_rows(out, header_rows, &header_texts, path, limits, diags);
    Some(MonthSheet {
        header,
        rows: table_rows,
        merged_across,
    })
}

fn empty_sheet(path: &str) -> Diagnostic {
    Diagnostic::error(
        diag::EMPTY_FILE,
        "แผ่นงานว่าง ไม่มีแม้แต่แถวหัวตาราง: ใส่แถวหัวตาราง (ใช้ prongsai new month --xlsx สร้างแม่แบบ); เดือนที่ไม่มีการจัดซื้อจัดจ้างให้มีเฉพาะแถวหัวตาราง",
        "the sheet is empty, without even a header row: add the header row (prongsai new month --xlsx writes a template); a month without procurement keeps just the header row",
    )
    .at(Location::file(path))
}

fn to_table(
    kind: Kind,
    path: &str,
    grid: &Grid,
    merges: &[Dimensions],
    is_1904: bool,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let rows = by_row(grid);
    let plain = |cell: &RawCell| match &cell.value {
        Data::String(s) => s.clone(),
        _ => String::new(),
    };
    // The header: the first row near the top naming two known columns, else the first row (and
    // the CSV rule "the first row is not a header" reports it).
    let header_row = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .find(|(_, cells)| {
            cells
                .values()
                .filter(|c| field_for(kind, &plain(c)).is_some())
                .count()
                >= 2
        })
        .or_else(|| rows.iter().next())
        .map(|(r, _)| *r);
    let Some(header_row) = header_row else {
        diags.push(empty_sheet(path));
        return None;
    };
    let header_cells = &rows[&header_row];
    let width = header_cells.keys().next_back().map_or(0, |c| *c + 1);
    let fields: Vec<Option<Field>> = (0..width)
        .map(|c| {
            header_cells
                .get(&c)
                .and_then(|cell| field_for(kind, &plain(cell)))
        })
        .collect();
    let header: Vec<String> = (0..width)
        .map(|c| {
            header_cells
                .get(&c)
                .map_or_else(String::new, |cell| plain(cell))
        })
        .collect();

    // Merged cells: a block down one column (a budget source shared by rows) reads as that
    // value in every row, as the officer sees it; a block across columns cannot say which
    // column its value belongs to, so it is an error at its first cell.
    let mut filled: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
    for m in merges {
        let ((r0, c0), (r1, c1)) = (m.start, m.end);
        if r1 < header_row {
            continue;
        }
        if c1 > c0 {
            let range = range_name(m);
            diags.push(
                Diagnostic::error(
                    diag::MERGED_CELLS,
                    format!("ช่อง {range} ผสานข้ามคอลัมน์ จึงไม่รู้ว่าค่าเป็นของคอลัมน์ใด: เลือกช่องแล้วกด ผสานและจัดกึ่งกลาง อีกครั้งเพื่อยกเลิกการผสาน แล้วใส่ค่าในคอลัมน์ที่ถูกต้อง"),
                    format!("cells {range} are merged across columns, so it is unclear which column the value belongs to: select them and click Merge & Center again to unmerge, then put the value in its column"),
                )
                .at(Location::cell(
                    path,
                    r0 + 1,
                    c0 + 1,
                    header.get(c0 as usize).cloned().unwrap_or_default(),
                ))
                .with_text(range),
            );
            continue;
        }
        if r0 <= header_row {
            continue;
        }
        for r in covered_below(m, limits) {
            filled.insert((r, c0), (r0, c0));
        }
    }

    let mut out: Vec<(u32, Vec<String>, bool)> = Vec::new();
    let row_numbers: Vec<u32> = rows
        .range(header_row + 1..)
        .map(|(r, _)| *r)
        .chain(filled.keys().map(|(r, _)| *r))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let typing = Typing {
        path,
        grid,
        filled: &filled,
        is_1904,
        width,
    };
    let field_of = |c: u32| fields.get(c as usize).copied().flatten();
    for r in row_numbers {
        let empty = BTreeMap::new();
        let cells = rows.get(&r).unwrap_or(&empty);
        let Some((texts, has_formula)) = type_row(&typing, r, cells, &field_of, &header, diags)
        else {
            continue;
        };
        out.push((r + 1, texts, has_formula));
        if out.len() > limits.max_rows {
            diags.push(too_many_rows(path, limits, r + 1));
            out.pop();
            break;
        }
    }
    // A totals row under the table (รวม, or a SUM of the amounts) is the officer's own check,
    // not a procurement: left out, and only at the bottom.
    let seq_col = fields.iter().position(|f| *f == Some(Field::Seq));
    while let Some((_, texts, formulas)) = out.last() {
        if is_totals(texts, *formulas, seq_col) {
            out.pop();
        } else {
            break;
        }
    }
    let table_rows = to_rows(out, 0, &header, path, limits, diags);
    Some(Table {
        header,
        header_line: header_row + 1,
        rows: table_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: Data) -> RawCell {
        RawCell {
            value,
            formula: None,
        }
    }

    #[test]
    fn numbers_read_as_typed() {
        let t = |v: Data, f: Option<Field>| cell_text(&cell(v), f, false).unwrap();
        assert_eq!(t(Data::Float(25000.0), Some(Field::Budget)), "25000");
        assert_eq!(
            t(Data::Float(23309.5), Some(Field::AgreedPrice)),
            "23309.50"
        );
        assert_eq!(t(Data::Float(0.1 + 0.2), Some(Field::Budget)), "0.30");
        assert_eq!(t(Data::Float(1.234), Some(Field::Budget)), "1.234");
        assert_eq!(t(Data::Int(3), Some(Field::Seq)), "3");
        assert_eq!(
            t(Data::Float(335_990_001_107.0), Some(Field::WinnerTin)),
            "0335990001107"
        );
        // 2024-10-15 is serial 45580, shown in พ.ศ.
        assert_eq!(
            t(Data::Float(45580.0), Some(Field::ContractDate)),
            "2567-10-15"
        );
        assert_eq!(
            t(
                Data::DateTime(ExcelDateTime::new(
                    45580.0,
                    ExcelDateTimeType::DateTime,
                    false
                )),
                Some(Field::ContractEnd)
            ),
            "2567-10-15"
        );
        assert_eq!(
            t(
                Data::DateTime(ExcelDateTime::new(
                    45580.0,
                    ExcelDateTimeType::DateTime,
                    false
                )),
                Some(Field::ExpectedMonth)
            ),
            "2567-10"
        );
        assert_eq!(
            t(
                Data::DateTimeIso("2024-10-15T00:00:00".into()),
                Some(Field::ContractDate)
            ),
            "2567-10-15"
        );
        assert_eq!(t(Data::String("a\r\nb".into()), Some(Field::Bids)), "a\nb");
        // 15/10/2567 typed into a ค.ศ. date cell: serial of 2567-10-15 CE.
        assert_eq!(
            t(Data::Float(243_906.0), Some(Field::ContractDate)),
            "2567-10-15"
        );
    }

    #[test]
    fn errors_and_uncalculated_formulas() {
        let e = cell_text(
            &cell(Data::Error(calamine::CellErrorType::Ref)),
            None,
            false,
        )
        .unwrap_err();
        assert_eq!((e.0.as_str(), e.1), ("#REF!", diag::CELL_ERROR));
        let f = RawCell {
            value: Data::Empty,
            formula: Some("SUM(E2:E4)".into()),
        };
        let e = cell_text(&f, Some(Field::Budget), false).unwrap_err();
        assert_eq!(e.1, diag::FORMULA_NO_VALUE);
        assert!(e.3.contains("=SUM(E2:E4)"));
    }

    #[test]
    fn totals_rows() {
        let row = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(is_totals(&row(&["", "", "", "รวม", "100"]), false, Some(0)));
        assert!(is_totals(&row(&["", "", "", "", "100"]), true, Some(0)));
        assert!(!is_totals(
            &row(&["3", "", "", "รวมงาน", "100"]),
            false,
            Some(0)
        ));
        assert!(!is_totals(
            &row(&["", "", "", "ซ่อมถนน", "100"]),
            false,
            Some(0)
        ));
    }
}
