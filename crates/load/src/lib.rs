//! Load stage: walk `procurement-data/`, decode UTF-8 or Windows-874, parse CSV and YAML into the
//! typed model ([`prongsai_model::Data`]), and report every problem as a [`Diagnostic`] (`P1xx`,
//! registered in `prongsai_model::codes`, docs/diagnostics.md) rather than stopping at the first.
//!
//! Module layout, in the order bytes flow through it:
//!
//! - `decode`: bytes to text (UTF-8 with or without BOM, else Windows-874, else an error).
//! - `csv`: text to rows, each with the physical line it starts on; blank rows dropped.
//! - `headers`: header cells to [`prongsai_model::Field`]s (Thai, variants, English aliases).
//! - [`values`]: one `parse_*` per value kind (money, date, month, method, status, TIN, e-GP no.,
//!   bids, seq); public, as they are also fuzz targets.
//! - `cells`: a row's cells by field, turning parse failures into diagnostics at the cell.
//! - `workbook`: an `.xlsx` or `.xls` month file or plan to the same rows `csv` makes (typed
//!   cells written as the text a CSV would hold), so every later step is shared.
//! - `month`: `months/<BE year>-<MM>.csv` (or `.xlsx`, `.xls`) files; `plan`: `plan.csv` and `plan.yaml`;
//!   `agency`: `agency.yaml`; `annual`: `annual.md`; `yaml`: spanned YAML for the three.
//! - this file: the walk over the folder layout, parallel parsing, and assembly in a
//!   deterministic order.

mod agency;
mod annual;
mod cells;
mod csv;
mod decode;
mod diag;
mod headers;
mod layout;
mod month;
mod plan;
pub mod values;
mod workbook;
mod yaml;

pub use layout::{DataFile, classify};
pub use workbook::{MONTH_SHEET, PLAN_SHEET};

use prongsai_model::{
    Agency, AnnualReport, Data, Diagnostic, Disclosure, Field, FiscalYear, Location, MonthFile,
    Plan, PlanMeta, YearMonth, sort_diagnostics,
};
use rayon::prelude::*;
use std::path::Path;

/// Everything under `procurement-data/`, with every problem found on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    pub data: Data,
    /// In report order (file, line, column, code).
    pub diagnostics: Vec<Diagnostic>,
}

/// The data folder under the site root (data contract v1).
pub const DATA_DIR: &str = "procurement-data";

/// Bounds on what one data file may hold: `limits:` in site.yaml, owned by prongsai_config.
pub use prongsai_config::Limits;

/// The limits of the site at `root` (its site.yaml, else the defaults). A problem in site.yaml is
/// the content stage's to report; here it leaves the defaults.
fn limits_of(root: &Path) -> Limits {
    prongsai_config::load(root).0.limits
}

/// Loads `<root>/procurement-data/` with the limits of the site's site.yaml. A root without
/// that folder is a content-only site and loads as empty data with no diagnostics.
pub fn load(root: &Path) -> Loaded {
    load_with(root, &limits_of(root))
}

/// [`load`] with explicit limits.
pub fn load_with(root: &Path, limits: &Limits) -> Loaded {
    let data_dir = root.join(DATA_DIR);
    if !data_dir.is_dir() {
        return Loaded::default();
    }
    let mut diagnostics = Vec::new();
    let (years, jobs) = walk(root, &data_dir, &mut diagnostics);
    let outputs: Vec<(Output, Vec<Diagnostic>)> =
        jobs.par_iter().map(|job| run(root, job, limits)).collect();
    let mut data = Data {
        agency: None,
        years: years
            .into_iter()
            .map(|year| {
                (
                    year,
                    FiscalYear {
                        year,
                        ..FiscalYear::default()
                    },
                )
            })
            .collect(),
    };
    let mut saw_agency = false;
    for (output, diags) in outputs {
        diagnostics.extend(diags);
        match output {
            Output::Agency(a) => {
                saw_agency = true;
                data.agency = *a;
            }
            Output::Plan(fy, p) => {
                let y = year(&mut data, fy);
                if p.is_none() {
                    y.unreadable.insert(Disclosure::Plan);
                }
                y.plan = p;
            }
            Output::PlanMeta(fy, m) => year(&mut data, fy).plan_meta = m,
            Output::Annual(fy, a) => {
                let y = year(&mut data, fy);
                if a.is_none() {
                    y.unreadable.insert(Disclosure::AnnualReport);
                }
                y.annual = a;
            }
            Output::Month(fy, ym, m) => {
                let y = year(&mut data, fy);
                match m {
                    Some(m) => {
                        y.months.insert(m.month, m);
                    }
                    // The load error names the file; it is not also a missing month.
                    None => {
                        y.unreadable.insert(Disclosure::Month(ym));
                    }
                }
            }
        }
    }
    if !saw_agency {
        diagnostics.push(
            Diagnostic::error(
                diag::NO_AGENCY,
                "ไม่มีไฟล์ agency.yaml (ข้อมูลหน่วยงาน): สร้างไฟล์ procurement-data/agency.yaml ที่มี name, short_name, agency_type, district, province, ministry, website",
                "agency.yaml (the agency profile) is missing: create procurement-data/agency.yaml with name, short_name, agency_type, district, province, ministry, website",
            )
            .at(Location::file(format!("{DATA_DIR}/agency.yaml"))),
        );
    }
    sort_diagnostics(&mut diagnostics);
    Loaded { data, diagnostics }
}

fn year(data: &mut Data, fy: i32) -> &mut FiscalYear {
    data.years.entry(fy).or_insert_with(|| FiscalYear {
        year: fy,
        ..FiscalYear::default()
    })
}

/// Re-reads one month file, e.g. `procurement-data/2568/months/2567-10.csv`, for live reload.
pub fn load_month_file(root: &Path, rel_path: &str) -> (Option<MonthFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (fy, ym) = match layout::classify(rel_path, false) {
        Some(DataFile::Month(fy, ym)) => (fy, ym),
        Some(DataFile::Misnamed(d)) => return (None, vec![*d]),
        _ => return (None, vec![layout::misplaced(rel_path)]),
    };
    let (out, d) = run(
        root,
        &Job::Month(fy, ym, rel_path.to_owned()),
        &limits_of(root),
    );
    diags.extend(d);
    sort_diagnostics(&mut diags);
    match out {
        Output::Month(_, _, m) => (m, diags),
        _ => (None, diags),
    }
}

/// Re-reads one `plan.csv` (or `plan.xlsx`), e.g. `procurement-data/2568/plan.csv`, for live reload.
pub fn load_plan_file(root: &Path, rel_path: &str) -> (Option<Plan>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let fy = match layout::classify(rel_path, false) {
        Some(DataFile::Plan(fy)) => fy,
        Some(DataFile::Misnamed(d)) => return (None, vec![*d]),
        _ => return (None, vec![layout::misplaced(rel_path)]),
    };
    let (out, d) = run(root, &Job::Plan(fy, rel_path.to_owned()), &limits_of(root));
    diags.extend(d);
    sort_diagnostics(&mut diags);
    match out {
        Output::Plan(_, p) => (p, diags),
        _ => (None, diags),
    }
}

/// Parses a month file's bytes as if read from `rel_path` (a CSV file or, by its extension, a
/// workbook): the whole load path without the disk,
/// for fuzzing and for tools that hold the file in memory.
pub fn parse_month_bytes(
    rel_path: &str,
    month: YearMonth,
    bytes: &[u8],
) -> (Option<MonthFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if is_workbook(rel_path) {
        let (limits, mut sheet) = (Limits::default(), None);
        let file = open_workbook(
            headers::Kind::Month,
            rel_path,
            bytes,
            &limits,
            &mut diags,
            &mut sheet,
        )
        .and_then(|o| month::from_opened(month, o, &mut diags));
        place_in_sheet(&mut diags, sheet);
        one_problem_a_cell(&mut diags);
        sort_diagnostics(&mut diags);
        return (file, diags);
    }
    let file = decode_text(rel_path, bytes, &mut diags).and_then(|(text, encoding)| {
        month::parse(
            rel_path,
            month,
            &text,
            encoding,
            &Limits::default(),
            &mut diags,
        )
    });
    sort_diagnostics(&mut diags);
    (file, diags)
}

/// The header line of a new month file: Thai headers in contract order, BOM and CRLF so Excel
/// opens it as UTF-8.
pub fn month_template() -> String {
    template(&Field::MONTH, Field::thai)
}

/// The header line of a new `plan.csv`.
pub fn plan_template() -> String {
    template(&Field::PLAN, Field::thai_in_plan)
}

fn template(fields: &[Field], name: fn(Field) -> &'static str) -> String {
    let names: Vec<&str> = fields.iter().map(|f| name(*f)).collect();
    format!("\u{FEFF}{}\r\n", names.join(","))
}

enum Job {
    Agency(String),
    Plan(i32, String),
    PlanMeta(i32, String),
    Annual(i32, String),
    Month(i32, YearMonth, String),
    /// The same month (or, with `None`, the year's plan) in two or more files.
    Clash(i32, Option<YearMonth>, Vec<String>),
}

enum Output {
    Agency(Box<Option<Agency>>),
    Plan(i32, Option<Plan>),
    PlanMeta(i32, Option<PlanMeta>),
    Annual(i32, Option<AnnualReport>),
    Month(i32, YearMonth, Option<MonthFile>),
}

fn rel_of(job: &Job) -> &str {
    match job {
        Job::Agency(p) | Job::Plan(_, p) | Job::PlanMeta(_, p) | Job::Annual(_, p) => p,
        Job::Month(_, _, p) => p,
        Job::Clash(_, _, paths) => paths.first().map_or("", String::as_str),
    }
}

/// Reads, decodes and parses one file.
fn run(root: &Path, job: &Job, limits: &Limits) -> (Output, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if let Job::Clash(fy, ym, paths) = job {
        diags.push(clash(paths));
        let out = match ym {
            Some(ym) => Output::Month(*fy, *ym, None),
            None => Output::Plan(*fy, None),
        };
        return (out, diags);
    }
    let rel = rel_of(job);
    if is_workbook(rel) {
        let kind = match job {
            Job::Plan(..) => headers::Kind::Plan,
            _ => headers::Kind::Month,
        };
        let mut sheet = None;
        let opened = read_file(root, rel, limits, &mut diags)
            .and_then(|bytes| open_workbook(kind, rel, &bytes, limits, &mut diags, &mut sheet));
        let out = match job {
            Job::Plan(fy, _) => {
                Output::Plan(*fy, opened.and_then(|o| plan::from_opened(o, &mut diags)))
            }
            Job::Month(fy, ym, _) => Output::Month(
                *fy,
                *ym,
                opened.and_then(|o| month::from_opened(*ym, o, &mut diags)),
            ),
            _ => unreachable!("only month files and plans are workbooks (is_workbook)"),
        };
        place_in_sheet(&mut diags, sheet);
        one_problem_a_cell(&mut diags);
        return (out, diags);
    }
    let text = read_text(root, rel, limits, &mut diags);
    let out = match job {
        Job::Agency(p) => Output::Agency(Box::new(
            text.and_then(|(t, _)| agency::parse(p, &t, &mut diags)),
        )),
        Job::Plan(fy, p) => Output::Plan(
            *fy,
            text.and_then(|(t, e)| plan::parse(p, &t, e, limits, &mut diags)),
        ),
        Job::PlanMeta(fy, p) => Output::PlanMeta(
            *fy,
            text.and_then(|(t, _)| plan::parse_meta(p, &t, &mut diags)),
        ),
        Job::Annual(fy, p) => {
            Output::Annual(*fy, text.map(|(t, _)| annual::parse(p, &t, &mut diags)))
        }
        Job::Month(fy, ym, p) => Output::Month(
            *fy,
            *ym,
            text.and_then(|(t, e)| month::parse(p, *ym, &t, e, limits, &mut diags)),
        ),
        Job::Clash(..) => unreachable!("handled above"),
    };
    (out, diags)
}

/// A workbook's data sheet as a table with its header matched; `sheet_read` is set as soon as
/// the sheet is chosen, so the caller can place every diagnostic in it.
fn open_workbook(
    kind: headers::Kind,
    rel: &str,
    bytes: &[u8],
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
    sheet_read: &mut Option<String>,
) -> Option<headers::Opened> {
    let (sheet, encoding, table) = workbook::read(kind, rel, bytes, limits, diags, sheet_read)?;
    headers::open_table(kind, rel, table, encoding, Some(sheet), diags)
}

/// Every place with a row in a workbook is in the sheet read: its rows and cells are the sheet's.
fn place_in_sheet(diags: &mut [Diagnostic], sheet: Option<String>) {
    let Some(sheet) = sheet else { return };
    for d in diags {
        if let Some(loc) = d.location.as_mut().filter(|l| l.line.is_some()) {
            loc.sheet.get_or_insert_with(|| sheet.clone());
        }
    }
}

/// A cell holding an error value (P118) or an uncalculated formula (P119) is reported as that,
/// not also as the bad amount or empty cell its text then makes.
fn one_problem_a_cell(diags: &mut Vec<Diagnostic>) {
    let cells: Vec<Location> = diags
        .iter()
        .filter(|d| d.code == diag::CELL_ERROR || d.code == diag::FORMULA_NO_VALUE)
        .filter_map(|d| d.location.clone())
        .collect();
    if cells.is_empty() {
        return;
    }
    let same = |a: &Location, b: &Location| (a.line, a.column) == (b.line, b.column);
    diags.retain(|d| {
        d.code == diag::CELL_ERROR
            || d.code == diag::FORMULA_NO_VALUE
            || d.location
                .as_ref()
                .is_none_or(|l| !cells.iter().any(|c| same(c, l)))
    });
}

/// Month files and plans may be Excel workbooks as well as CSV (`.xlsx`, legacy `.xls`).
fn is_workbook(rel: &str) -> bool {
    rel.ends_with(".xlsx") || rel.ends_with(".xls")
}

/// Two files for one month (or one year's plan), say `2569-11.csv` and `2569-11.xlsx`: neither
/// is read, since either could be the one the officer last edited.
fn clash(paths: &[String]) -> Diagnostic {
    let names: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p))
        .collect();
    let list = names.join(", ");
    Diagnostic::error(
        diag::TWO_FORMATS,
        format!("มีไฟล์ข้อมูลเดียวกันหลายรูปแบบ ({list}) จึงไม่อ่านไฟล์ใดเลย: เก็บไว้ไฟล์เดียว (CSV หรือ Excel อย่างใดอย่างหนึ่ง) แล้วลบหรือย้ายไฟล์อื่นออกจาก procurement-data/"),
        format!("the same data is here in more than one format ({list}), so none is read: keep one file (CSV or Excel, not both) and delete or move the others out of procurement-data/"),
    )
    .at(Location::file(paths.first().cloned().unwrap_or_default()))
    .with_text(list)
}

fn read_text(
    root: &Path,
    rel: &str,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, &'static str)> {
    let bytes = read_file(root, rel, limits, diags)?;
    decode_text(rel, &bytes, diags)
}

/// A file's bytes within the size limit; a file over it, or unreadable, is reported.
fn read_file(
    root: &Path,
    rel: &str,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    let bytes = match read_bounded(&root.join(rel), limits.max_file_bytes) {
        Ok(Ok(b)) => b,
        Ok(Err(size)) => {
            let mb = |n: u64| n.div_ceil(1024 * 1024);
            diags.push(
                Diagnostic::error(
                    diag::FILE_TOO_LARGE,
                    format!(
                        "ไฟล์ใหญ่ {} MB เกินขีดจำกัด {} MB จึงไม่อ่าน: ตรวจว่าเป็นไฟล์ที่ถูกต้อง (แบบ สขร.1 หนึ่งเดือนมีขนาดไม่กี่ KB) ถ้าจำเป็นจริงให้ตั้ง limits: {{ max_file_mb: … }} ใน site.yaml",
                        mb(size),
                        mb(limits.max_file_bytes)
                    ),
                    format!(
                        "the file is {} MB, over the limit of {} MB, so it was not read: check it is the right file (a month of แบบ สขร.1 is a few KB); if it is really needed set limits: {{ max_file_mb: … }} in site.yaml",
                        mb(size),
                        mb(limits.max_file_bytes)
                    ),
                )
                .at(Location::file(rel)),
            );
            return None;
        }
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    diag::UNREADABLE,
                    format!("เปิดไฟล์ไม่ได้ ({e}): ตรวจสอบว่าไฟล์มีอยู่และไม่ได้เปิดค้างไว้ในโปรแกรมอื่น"),
                    format!("cannot open the file ({e}): check it exists and is not locked by another program"),
                )
                .at(Location::file(rel)),
            );
            return None;
        }
    };
    Some(bytes)
}

/// Reads at most `max` bytes: `Ok(Err(size))` when the file is larger, without reading it (the
/// size is checked on the open handle, and the read is capped in case the file grows meanwhile).
fn read_bounded(path: &Path, max: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > max {
        return Ok(Err(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

/// Bytes of a file to text, reporting an empty file, the encoding used, or bytes that are not text.
fn decode_text(
    rel: &str,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, &'static str)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace())
        || bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .is_some_and(|r| r.iter().all(u8::is_ascii_whitespace))
    {
        diags.push(
            Diagnostic::error(
                diag::EMPTY_FILE,
                "ไฟล์ว่างเปล่า (0 ไบต์): ใส่แถวหัวตารางหรือข้อมูลตามแม่แบบ; เดือนที่ไม่มีการจัดซื้อจัดจ้างให้มีเฉพาะแถวหัวตาราง",
                "the file is empty: write the header row or the keys of the template; a month without procurement keeps just the header row",
            )
            .at(Location::file(rel)),
        );
        return None;
    }
    match decode::decode(bytes) {
        Ok(d) => {
            if d.encoding == "windows-874" {
                diags.push(
                    Diagnostic::info(
                        diag::ENCODING_874,
                        "อ่านไฟล์นี้ด้วยรหัสอักขระ Windows-874 (TIS-620) แล้ว: แนะนำให้บันทึกจาก Excel เป็น \"CSV UTF-8 (Comma delimited)\"",
                        "read this file as Windows-874 (TIS-620): saving it from Excel as \"CSV UTF-8 (Comma delimited)\" is recommended",
                    )
                    .at(Location::file(rel)),
                );
            }
            Some((d.text, d.encoding))
        }
        Err(e) => {
            diags.push(Diagnostic::error(diag::NOT_TEXT, e.th, e.en).at(Location::file(rel)));
            None
        }
    }
}

/// Classifies every entry under `procurement-data/` in sorted order; returns the fiscal years
/// found and the files to parse.
fn walk(root: &Path, data_dir: &Path, diags: &mut Vec<Diagnostic>) -> (Vec<i32>, Vec<Job>) {
    // Symlinks are resolved against the real root, so `procurement-data/agency.yaml ->
    // /etc/passwd` is caught however the root itself was named.
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut years = Vec::new();
    let mut jobs = Vec::new();
    let mut it = walkdir::WalkDir::new(data_dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(data_dir).ok())
                    .map_or_else(
                        || DATA_DIR.to_owned(),
                        |p| format!("{DATA_DIR}/{}", slash(p)),
                    );
                diags.push(
                    Diagnostic::error(
                        diag::UNREADABLE,
                        format!("อ่านโฟลเดอร์ไม่ได้ ({e}): ตรวจสอบสิทธิ์การเข้าถึง"),
                        format!("cannot read this folder ({e}): check its permissions"),
                    )
                    .at(Location::file(rel)),
                );
                continue;
            }
        };
        let Ok(sub) = entry.path().strip_prefix(data_dir) else {
            continue;
        };
        let parts: Vec<String> = sub
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = format!("{DATA_DIR}/{}", parts.join("/"));
        if entry.path_is_symlink()
            && let Some(d) = symlink_problem(&real_root, entry.path(), &rel)
        {
            diags.push(d);
            continue;
        }
        let is_dir = entry.file_type().is_dir();
        let job = match layout::classify(&rel, is_dir) {
            Some(DataFile::Agency) => Job::Agency(rel),
            Some(DataFile::Year(fy)) => {
                years.push(fy);
                continue;
            }
            Some(DataFile::Months(_)) => continue,
            Some(DataFile::Plan(fy)) => Job::Plan(fy, rel),
            Some(DataFile::PlanMeta(fy)) => Job::PlanMeta(fy, rel),
            Some(DataFile::Annual(fy)) => Job::Annual(fy, rel),
            Some(DataFile::Month(fy, ym)) => Job::Month(fy, ym, rel),
            Some(DataFile::Ignored) => {
                if is_dir {
                    it.skip_current_dir();
                }
                continue;
            }
            Some(DataFile::Misnamed(d)) => {
                diags.push(*d);
                if is_dir {
                    it.skip_current_dir();
                }
                continue;
            }
            Some(DataFile::Unknown) | None => {
                diags.push(layout::unknown(&rel, is_dir));
                if is_dir {
                    it.skip_current_dir();
                }
                continue;
            }
        };
        jobs.push(job);
    }
    (years, clashes(jobs))
}

/// One job per month and per plan: two files for the same one become a [`Job::Clash`].
fn clashes(jobs: Vec<Job>) -> Vec<Job> {
    use std::collections::BTreeMap;
    let key = |job: &Job| match job {
        Job::Month(fy, ym, _) => Some((*fy, Some(*ym))),
        Job::Plan(fy, _) => Some((*fy, None)),
        _ => None,
    };
    let mut seen: BTreeMap<(i32, Option<YearMonth>), Vec<String>> = BTreeMap::new();
    for job in &jobs {
        if let Some(k) = key(job) {
            seen.entry(k).or_default().push(rel_of(job).to_owned());
        }
    }
    let mut out: Vec<Job> = jobs
        .into_iter()
        .filter(|job| key(job).is_none_or(|k| seen.get(&k).is_some_and(|p| p.len() == 1)))
        .collect();
    for ((fy, ym), paths) in seen {
        if paths.len() > 1 {
            out.push(Job::Clash(fy, ym, paths));
        }
    }
    out
}

/// A symlink is read only when it resolves to a file inside the site root; one that leaves the
/// root (or dangles) is an error, and a linked folder is not followed.
fn symlink_problem(real_root: &Path, path: &Path, rel: &str) -> Option<Diagnostic> {
    let target = std::fs::canonicalize(path).ok();
    let inside = target.as_ref().is_some_and(|t| t.starts_with(real_root));
    if !inside {
        let shown = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return Some(
            Diagnostic::error(
                diag::SYMLINK,
                format!("ไฟล์นี้เป็นลิงก์ (symlink) ไปยัง {shown} ซึ่งอยู่นอกโฟลเดอร์ของเว็บไซต์ จึงไม่อ่าน: คัดลอกไฟล์จริงมาไว้ใน procurement-data/ แทนลิงก์"),
                format!("this is a symlink to {shown}, outside the site root, so it is not read: copy the real file into procurement-data/ instead of linking"),
            )
            .at(Location::file(rel))
            .with_text(shown),
        );
    }
    if target.is_some_and(|t| t.is_dir()) {
        return Some(
            Diagnostic::warning(
                diag::SYMLINK,
                "โฟลเดอร์นี้เป็นลิงก์ (symlink) จึงไม่อ่านไฟล์ข้างใน: ย้ายโฟลเดอร์จริงมาไว้ที่นี่แทนลิงก์",
                "this folder is a symlink, so its files are not read: move the real folder here instead of linking",
            )
            .at(Location::file(rel)),
        );
    }
    None
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        let m = month_template();
        assert!(m.starts_with("\u{FEFF}ลำดับที่,เลขที่โครงการ,รหัสแผน,งานที่ซื้อหรือจ้าง,"));
        assert!(m.ends_with(
            ",สถานะ,เหตุผลตามมาตรา 56,คำชี้แจง,วันที่ประกาศเชิญชวน,วันสิ้นสุดการยื่นข้อเสนอ,รหัส UNSPSC\r\n"
        ));
        let p = plan_template();
        assert_eq!(
            p,
            "\u{FEFF}ลำดับ,รหัสแผน,รายการ/โครงการ,หน่วยงานเจ้าของงาน,งบประมาณ,แหล่งที่มาของงบประมาณ,วิธีการจัดซื้อจัดจ้าง,ช่วงเวลาที่คาดว่าจะประกาศ\r\n"
        );
        // A template is itself a valid, empty month file.
        let mut d = Vec::new();
        let mf = month::parse(
            "m.csv",
            YearMonth::new(2567, 10),
            m.trim_start_matches('\u{FEFF}'),
            "UTF-8 (BOM)",
            &Limits::default(),
            &mut d,
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(mf.unwrap().records.is_empty());
    }
}
