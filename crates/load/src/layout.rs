//! The folder layout of `procurement-data/` (data contract v1): which path is which data file.
//! One grammar for the full load's walk, the one-file reloads and `serve`'s live reload.

use crate::{DATA_DIR, diag};
use prongsai_model::{Diagnostic, Location, YearMonth};

/// What one path under `procurement-data/` is.
#[derive(Clone, Debug, PartialEq)]
pub enum DataFile {
    /// `agency.yaml`
    Agency,
    /// `<FY>/`, a fiscal-year folder (Buddhist Era).
    Year(i32),
    /// `<FY>/months/`
    Months(i32),
    /// `<FY>/plan.csv` (or `.xlsx`, `.xls`)
    Plan(i32),
    /// `<FY>/plan.yaml`
    PlanMeta(i32),
    /// `<FY>/annual.md`
    Annual(i32),
    /// `<FY>/months/<BE year>-<MM>.csv` (or `.xlsx`, `.xls`)
    Month(i32, YearMonth),
    /// `<FY>/egp/`: e-GP's contract data beside the month files.
    EgpFolder(i32),
    /// `<FY>/egp/<any name>.csv` or `.json`: the data.go.th CSV or the CGD API's JSON, as
    /// downloaded (their names are the publisher's, so any name is read).
    Egp(i32),
    /// Never data, in any folder: hidden files, Excel's lock files, README.md.
    Ignored,
    /// Almost a data file: the diagnostic says how to name or save it.
    Misnamed(Box<Diagnostic>),
    /// Not part of the layout.
    Unknown,
}

/// Classifies `rel_path`, relative to the site root (`procurement-data/2568/plan.csv`); `None`
/// when it is not inside `procurement-data/`. A file in a folder the layout does not know is
/// [`DataFile::Unknown`], and one in a misnamed fiscal-year folder carries that folder's problem.
pub fn classify(rel_path: &str, is_dir: bool) -> Option<DataFile> {
    let parts: Vec<&str> = rel_path
        .strip_prefix(DATA_DIR)?
        .strip_prefix('/')?
        .split('/')
        .collect();
    let name = parts.last().copied().unwrap_or_default();
    if name.is_empty() {
        return None;
    }
    if parts.iter().any(|p| ignored(p)) {
        return Some(DataFile::Ignored);
    }
    let fy = match parts.as_slice() {
        [_] => None,
        [year, ..] => match fiscal_year_folder(year, rel_path) {
            Ok(fy) => Some(fy),
            Err(Some(d)) => return Some(DataFile::Misnamed(d)),
            Err(None) => return Some(DataFile::Unknown),
        },
        [] => return None,
    };
    let fy = fy.unwrap_or_default();
    Some(match (parts.as_slice(), is_dir) {
        (["agency.yaml"], false) => DataFile::Agency,
        ([year], true) => match fiscal_year_folder(year, rel_path) {
            Ok(fy) => DataFile::Year(fy),
            Err(Some(d)) => DataFile::Misnamed(d),
            Err(None) => DataFile::Unknown,
        },
        ([_, "months"], true) => DataFile::Months(fy),
        ([_, "egp"], true) => DataFile::EgpFolder(fy),
        ([_, "egp", file], false) if egp_file_name(file) => DataFile::Egp(fy),
        ([_, "plan.csv" | "plan.xlsx" | "plan.xls"], false) => DataFile::Plan(fy),
        ([_, "plan.yaml"], false) => DataFile::PlanMeta(fy),
        ([_, "annual.md"], false) => DataFile::Annual(fy),
        ([_, other], false)
            if other.rsplit_once('.').is_some_and(|(stem, ext)| {
                stem == "plan" && UNSUPPORTED_SHEETS.contains(&ext.to_ascii_lowercase().as_str())
            }) =>
        {
            DataFile::Misnamed(Box::new(save_as(rel_path)))
        }
        ([_, "months", file], false) => match month_file_name(file, fy, rel_path) {
            Ok(ym) => DataFile::Month(fy, ym),
            Err(Some(d)) => DataFile::Misnamed(d),
            Err(None) => DataFile::Unknown,
        },
        _ => DataFile::Unknown,
    })
}

/// A file of `egp/` is read by its extension: e-GP's downloads come with the publisher's names.
fn egp_file_name(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("csv") || ext.eq_ignore_ascii_case("json"))
}

/// Files that belong in any folder and are never data.
fn ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$") || name.eq_ignore_ascii_case("README.md")
}

pub(crate) fn unknown(rel: &str, is_dir: bool) -> Diagnostic {
    let (th, en) = if is_dir {
        ("ไม่รู้จักโฟลเดอร์นี้จึงไม่อ่าน", "unknown folder, not read")
    } else {
        ("ไม่รู้จักไฟล์นี้จึงไม่อ่าน", "unknown file, not read")
    };
    let hint_th = if spreadsheet(rel) {
        ": ไฟล์ข้อมูลต้องชื่อ <ปีงบประมาณ>/plan.xlsx หรือ months/<ปี พ.ศ.>-<เดือน>.xlsx; ใน Excel เลือก บันทึกเป็น → \"สมุดงาน Excel (.xlsx)\" หรือ \"CSV UTF-8 (Comma delimited)\""
    } else {
        ": ย้ายออกจาก procurement-data/ หรือตั้งชื่อตามคู่มือ (agency.yaml, <ปีงบประมาณ>/plan.csv, plan.yaml, annual.md, months/<ปี พ.ศ.>-<เดือน>.csv)"
    };
    let hint_en = if spreadsheet(rel) {
        ": data files are named <FY>/plan.xlsx or months/<BE year>-<MM>.xlsx; save it from Excel as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited)\""
    } else {
        ": move it out of procurement-data/ or name it as the data contract says (agency.yaml, <FY>/plan.csv, plan.yaml, annual.md, months/<BE year>-<MM>.csv)"
    };
    Diagnostic::warning(
        diag::UNKNOWN_FILE,
        format!("{th}{hint_th}"),
        format!("{en}{hint_en}"),
    )
    .at(Location::file(rel))
    .with_text(rel.rsplit('/').next().unwrap_or(rel))
}

/// Extensions a month file or plan may have.
const DATA_EXTS: [&str; 3] = ["csv", "xlsx", "xls"];

/// Spreadsheet formats that are not read: macro-enabled and binary Excel, LibreOffice, Numbers.
/// In a data file's place they are an error that says what to save instead, as the month would
/// otherwise silently count as not yet published.
const UNSUPPORTED_SHEETS: [&str; 5] = ["xlsm", "xlsb", "ods", "numbers", "fods"];

fn save_as(rel: &str) -> Diagnostic {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Diagnostic::error(
        diag::SAVE_AS,
        format!("ไม่อ่านไฟล์รูปแบบนี้ ({name}): เปิดไฟล์แล้วเลือก บันทึกเป็น → \"สมุดงาน Excel (.xlsx)\" เป็น {stem}.xlsx (หรือ \"CSV UTF-8 (Comma delimited)\" เป็น {stem}.csv) แล้วลบไฟล์เดิม"),
        format!("this file format is not read ({name}): open it and Save As \"Excel Workbook (.xlsx)\" as {stem}.xlsx (or \"CSV UTF-8 (Comma delimited)\" as {stem}.csv), then delete this file"),
    )
    .at(Location::file(rel))
    .with_text(name)
}

/// A workbook saved by a spreadsheet program: Excel on Windows writes `.XLSX` as often as `.xlsx`, and a
/// macro-enabled or LibreOffice file needs the same advice (save as CSV UTF-8), not "move it out".
fn spreadsheet(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    ["xlsx", "xls", "xlsm", "xlsb", "ods", "numbers"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

pub(crate) fn misplaced(rel: &str) -> Diagnostic {
    Diagnostic::error(
        diag::MONTH_FILE_NAME,
        "ไฟล์อยู่ผิดที่: ไฟล์รายเดือนต้องอยู่ที่ procurement-data/<ปีงบประมาณ>/months/<ปี พ.ศ.>-<เดือน>.csv และแผนที่ procurement-data/<ปีงบประมาณ>/plan.csv",
        "misplaced file: month files live at procurement-data/<FY>/months/<BE year>-<MM>.csv and the plan at procurement-data/<FY>/plan.csv",
    )
    .at(Location::file(rel))
    .with_text(rel)
}

/// A fiscal-year folder: four digits, Buddhist Era.
fn fiscal_year_folder(name: &str, rel: &str) -> Result<i32, Option<Box<Diagnostic>>> {
    let digits = name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit());
    let Some(n) = digits.then(|| name.parse::<i32>().ok()).flatten() else {
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(Some(Box::new(
                Diagnostic::error(
                    diag::YEAR_FOLDER,
                    "ชื่อโฟลเดอร์ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลักเท่านั้น เช่น 2568: เปลี่ยนชื่อโฟลเดอร์",
                    "a fiscal-year folder must be named with the 4-digit Buddhist Era year only, e.g. 2568: rename the folder",
                )
                .at(Location::file(rel))
                .with_text(name),
            )));
        }
        return Err(None);
    };
    if n < 2400 {
        return Err(Some(Box::new(
            Diagnostic::error(
                diag::YEAR_FOLDER,
                format!(
                    "โฟลเดอร์ {n} ใช้ปี ค.ศ.: ให้ใช้ พ.ศ. เปลี่ยนชื่อเป็น {} (ปีงบประมาณ พ.ศ.)",
                    n + 543
                ),
                format!(
                    "folder {n} uses a Christian-era year: use พ.ศ. (Buddhist Era), rename it to {}",
                    n + 543
                ),
            )
            .at(Location::file(rel))
            .with_text(name),
        )));
    }
    Ok(n)
}

fn month_name_error(rel: &str, name: &str, th: String, en: String) -> Option<Box<Diagnostic>> {
    Some(Box::new(
        Diagnostic::error(diag::MONTH_FILE_NAME, th, en)
            .at(Location::file(rel))
            .with_text(name),
    ))
}

/// `2567-10.csv` (or `.xlsx`, `.xls`) in fiscal year 2568's folder. `Err(None)` for a file that
/// is not a data file at all.
fn month_file_name(name: &str, fy: i32, rel: &str) -> Result<YearMonth, Option<Box<Diagnostic>>> {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return Err(None);
    };
    let lower_ext = ext.to_ascii_lowercase();
    if UNSUPPORTED_SHEETS.contains(&lower_ext.as_str()) {
        return Err(Some(Box::new(save_as(rel))));
    }
    if !DATA_EXTS.contains(&lower_ext.as_str()) {
        return Err(None);
    }
    let example = format!("{}-10.csv", fy - 1);
    let generic = || {
        month_name_error(
            rel,
            name,
            format!("ชื่อไฟล์รายเดือนต้องเป็น <ปี พ.ศ.>-<เดือน 2 หลัก>.csv เช่น {example}: เปลี่ยนชื่อไฟล์"),
            format!(
                "a month file must be named <BE year>-<2-digit month>.csv, e.g. {example}: rename it"
            ),
        )
    };
    let stem = prongsai_model::thai_to_arabic_digits(stem);
    // `2568-03 สขร1`, `2568-03_ITA`, `2568-03.ita`: a month given in two layouts names its
    // files apart with a suffix after a space, dot, dash or underscore.
    let (stem, suffix) = month_and_suffix(&stem);
    let Some((y, m)) = stem.split_once('-') else {
        return Err(generic());
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || !all_digits(y) || !all_digits(m) || m.len() > 2 {
        return Err(generic());
    }
    let (year, month): (i32, u8) = match (y.parse(), m.parse()) {
        (Ok(y), Ok(m)) if (1..=12).contains(&m) => (y, m),
        _ => return Err(generic()),
    };
    let expected = format!(
        "{}-{month:02}{suffix}.{lower_ext}",
        if year < 2400 { year + 543 } else { year }
    );
    if year < 2400 {
        return Err(month_name_error(
            rel,
            name,
            format!("ชื่อไฟล์ใช้ปี ค.ศ. {year}: ให้ใช้ พ.ศ. เปลี่ยนชื่อเป็น {expected}"),
            format!(
                "the file name uses the Christian-era year {year}: use พ.ศ., rename it to {expected}"
            ),
        ));
    }
    if m.len() != 2 || stem != format!("{year}-{month:02}") || ext != lower_ext {
        return Err(month_name_error(
            rel,
            name,
            format!("ชื่อไฟล์รายเดือนต้องเป็น ปี-เดือน 2 หลัก: เปลี่ยนชื่อเป็น {expected}"),
            format!(
                "month files are named year-month with a 2-digit month: rename it to {expected}"
            ),
        ));
    }
    let ym = YearMonth::new(year, month);
    if ym.fiscal_year() != fy {
        let right = ym.fiscal_year();
        return Err(Some(Box::new(
            Diagnostic::error(
                diag::MONTH_OUTSIDE_FY,
                format!(
                    "เดือน {} ไม่อยู่ในปีงบประมาณ {fy} (ต.ค. {} – ก.ย. {fy}): ย้ายไฟล์ไปที่ {DATA_DIR}/{right}/months/{expected}",
                    ym.thai_short(),
                    fy - 1
                ),
                format!(
                    "{} is not in fiscal year {fy} (Oct {} – Sep {fy}): move the file to {DATA_DIR}/{right}/months/{expected}",
                    ym.key(),
                    fy - 1
                ),
            )
            .at(Location::file(rel))
            .with_text(name),
        )));
    }
    Ok(ym)
}

/// The month a month file's name gives (`2568-03 สขร1.xlsx` → 2568-03), wherever the file is:
/// for tools that read one file outside `procurement-data/` (`prongsai convert`).
pub fn month_of_file_name(name: &str) -> Option<YearMonth> {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = prongsai_model::thai_to_arabic_digits(stem);
    let (month, _) = month_and_suffix(&stem);
    let (y, m) = month.split_once('-')?;
    let (y, m): (i32, u8) = (y.parse().ok()?, m.parse().ok()?);
    ((2400..=2700).contains(&y) && (1..=12).contains(&m)).then(|| YearMonth::new(y, m))
}

/// A month file's stem split into the month (`2568-03`) and an optional suffix starting at its
/// separator (` สขร1`): the month is what comes before the first blank, `_` or `.`, or a dash
/// after the month's digits.
fn month_and_suffix(stem: &str) -> (&str, &str) {
    let cut = stem
        .char_indices()
        .find(|(i, c)| {
            prongsai_text::is_blank_char(*c)
                || matches!(c, '_' | '.')
                // The dash between year and month is not a separator; one after the month is.
                || (*c == '-' && stem[..*i].contains('-'))
        })
        .map_or(stem.len(), |(i, _)| i);
    (&stem[..cut], &stem[cut..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(rel: &str, is_dir: bool) -> Option<DataFile> {
        classify(rel, is_dir)
    }

    fn code(rel: &str) -> String {
        match classify(rel, false) {
            Some(DataFile::Misnamed(d)) => d.code.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn the_data_files_of_the_contract() {
        let ym = YearMonth::new(2567, 10);
        assert_eq!(
            kind("procurement-data/agency.yaml", false),
            Some(DataFile::Agency)
        );
        assert_eq!(
            kind("procurement-data/2568", true),
            Some(DataFile::Year(2568))
        );
        assert_eq!(
            kind("procurement-data/2568/months", true),
            Some(DataFile::Months(2568))
        );
        for plan in ["plan.csv", "plan.xlsx", "plan.xls"] {
            let rel = format!("procurement-data/2568/{plan}");
            assert_eq!(kind(&rel, false), Some(DataFile::Plan(2568)), "{rel}");
        }
        assert_eq!(
            kind("procurement-data/2568/plan.yaml", false),
            Some(DataFile::PlanMeta(2568))
        );
        assert_eq!(
            kind("procurement-data/2568/annual.md", false),
            Some(DataFile::Annual(2568))
        );
        assert_eq!(
            kind("procurement-data/2568/egp", true),
            Some(DataFile::EgpFolder(2568))
        );
        for egp in ["cgd-contract-2568.csv", "egp-2568.json", "สัญญา.CSV"] {
            let rel = format!("procurement-data/2568/egp/{egp}");
            assert_eq!(kind(&rel, false), Some(DataFile::Egp(2568)), "{rel}");
        }
        for month in [
            "2567-10.csv",
            "2567-10.xlsx",
            "2567-10.xls",
            "2567-10 สขร1.xlsx",
            "2567-10 ITA.csv",
            "2567-10_ita.xlsx",
            "2567-10-สขร.1.xls",
            "2567-10.ITA.xlsx",
        ] {
            let rel = format!("procurement-data/2568/months/{month}");
            assert_eq!(kind(&rel, false), Some(DataFile::Month(2568, ym)), "{rel}");
        }
    }

    #[test]
    fn outside_ignored_and_unknown() {
        assert_eq!(kind("content/_index.md", false), None);
        assert_eq!(kind("procurement-data", true), None);
        assert_eq!(kind("procurement-datax/agency.yaml", false), None);
        for rel in [
            "procurement-data/.git",
            "procurement-data/2568/~$plan.xlsx",
            "procurement-data/2568/months/.2567-10.csv.swp",
            "procurement-data/README.md",
        ] {
            assert_eq!(kind(rel, false), Some(DataFile::Ignored), "{rel}");
        }
        for (rel, is_dir) in [
            ("procurement-data/notes.txt", false),
            ("procurement-data/drafts", true),
            ("procurement-data/drafts/plan.csv", false),
            ("procurement-data/2568/old", true),
            ("procurement-data/2568/plan.csv", true),
            ("procurement-data/2568/months/notes.txt", false),
            ("procurement-data/2568/old/2567-10.csv", false),
            ("procurement-data/2568/months/x/2567-10.csv", false),
            ("procurement-data/2568/egp/notes.txt", false),
            ("procurement-data/2568/egp/old/a.csv", false),
        ] {
            assert_eq!(kind(rel, is_dir), Some(DataFile::Unknown), "{rel}");
        }
    }

    #[test]
    fn misnamed_files_say_how_to_fix_them() {
        assert_eq!(code("procurement-data/2568/plan.ods"), diag::SAVE_AS);
        assert_eq!(
            code("procurement-data/2568/months/2567-10.xlsm"),
            diag::SAVE_AS
        );
        assert_eq!(
            code("procurement-data/2568/months/2567-1.csv"),
            diag::MONTH_FILE_NAME
        );
        assert_eq!(
            code("procurement-data/2568/months/2568-10.csv"),
            diag::MONTH_OUTSIDE_FY
        );
        // A file in a Christian-era year folder carries the folder's problem.
        assert_eq!(code("procurement-data/2025/plan.csv"), diag::YEAR_FOLDER);
        assert!(matches!(
            classify("procurement-data/2025", true),
            Some(DataFile::Misnamed(d)) if d.code == diag::YEAR_FOLDER
        ));
    }

    #[test]
    fn spreadsheets_get_the_save_as_csv_hint() {
        for rel in [
            "2569/months/2568-10.XLSX",
            "2569/plan.xlsm",
            "2569/months/2568-11.ods",
        ] {
            assert!(spreadsheet(rel), "{rel}");
            assert!(
                unknown(rel, false).message_en.contains("CSV UTF-8"),
                "{rel}"
            );
        }
        for rel in ["2569/notes.txt", "2569/xlsx", "2569/months/2568-10.csv"] {
            assert!(!spreadsheet(rel), "{rel}");
            assert!(
                !unknown(rel, false).message_en.contains("CSV UTF-8"),
                "{rel}"
            );
        }
    }

    #[test]
    fn the_month_a_file_name_gives() {
        let ym = Some(YearMonth::new(2568, 3));
        assert_eq!(month_of_file_name("2568-03 สขร1.xlsx"), ym);
        assert_eq!(month_of_file_name("2568-03.csv"), ym);
        assert_eq!(month_of_file_name("๒๕๖๘-๐๓_ITA.xls"), ym);
        assert_eq!(month_of_file_name("มีนาคม.xlsx"), None);
        assert_eq!(month_of_file_name("2025-03.csv"), None);
    }

    #[test]
    fn month_names() {
        let r = "x";
        assert_eq!(
            month_file_name("2567-10.csv", 2568, r),
            Ok(YearMonth::new(2567, 10))
        );
        assert_eq!(
            month_file_name("2568-09.csv", 2568, r),
            Ok(YearMonth::new(2568, 9))
        );
        let code = |n: &str| match month_file_name(n, 2568, r) {
            Err(Some(d)) => d.code.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(code("2567-1.csv"), diag::MONTH_FILE_NAME);
        assert_eq!(code("2567-1 สขร1.csv"), diag::MONTH_FILE_NAME);
        assert!(
            month_file_name("2567-1 สขร1.csv", 2568, r)
                .unwrap_err()
                .unwrap()
                .message_en
                .contains("2567-01 สขร1.csv")
        );
        assert_eq!(code("2024-10.csv"), diag::MONTH_FILE_NAME);
        assert_eq!(code("ตุลาคม.csv"), diag::MONTH_FILE_NAME);
        assert_eq!(code("2568-10.csv"), diag::MONTH_OUTSIDE_FY);
        assert_eq!(month_file_name("notes.txt", 2568, r), Err(None));
        assert_eq!(fiscal_year_folder("2568", r), Ok(2568));
        assert!(
            fiscal_year_folder("2025", r)
                .unwrap_err()
                .unwrap()
                .message_en
                .contains("2568")
        );
        assert_eq!(fiscal_year_folder("drafts", r), Err(None));
    }
}
