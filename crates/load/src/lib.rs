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
mod assemble;
mod cells;
mod csv;
mod decode;
mod diag;
mod egp;
mod egp_join;
mod headers;
mod join;
mod layout;
mod month;
mod plan;
mod recognise;
pub mod values;
mod workbook;
mod yaml;

pub use egp_join::rejoin_month as rejoin_egp;
pub use layout::{DataFile, classify, month_of_file_name};
pub use workbook::{MONTH_SHEET, PLAN_SHEET};

use prongsai_model::{
    Agency, AnnualReport, Data, Diagnostic, Disclosure, Field, FiscalYear, Layout, Location,
    MonthFile, Plan, PlanMeta, YearMonth, sort_diagnostics,
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
    // e-GP files are read once agency.yaml is: which of their rows are the agency's depends on it.
    let (egp_jobs, jobs): (Vec<Job>, Vec<Job>) =
        jobs.into_iter().partition(|j| matches!(j, Job::Egp(..)));
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
    let mut declared = Vec::new();
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
            Output::Month(fy, ym, m, said) => {
                declared.extend(said);
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
    if let Some(agency) = &data.agency {
        diagnostics.extend(other_agency(agency, &declared));
        read_egp(
            root,
            agency.clone(),
            limits,
            &egp_jobs,
            &mut data,
            &mut diagnostics,
        );
    }
    for y in data.years.values() {
        let has_egp = y.egp.is_some();
        diagnostics.extend(y.months.values().filter_map(|m| month_notes(m, has_egp)));
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

/// Reads the years' `egp/` files (in parallel, each streamed) and joins their contracts with the
/// month files' records.
fn read_egp(
    root: &Path,
    agency: Agency,
    limits: &Limits,
    jobs: &[Job],
    data: &mut Data,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if jobs.is_empty() {
        return;
    }
    let reads: Vec<(i32, egp::FileRead, Vec<Diagnostic>)> = jobs
        .par_iter()
        .filter_map(|j| match j {
            Job::Egp(fy, rel) => {
                let mut d = Vec::new();
                let read = egp::read(root, rel, &agency, limits, &mut d);
                Some((*fy, read, d))
            }
            _ => None,
        })
        .collect();
    for (fy, read, d) in reads {
        diagnostics.extend(d);
        if let Some(file) = read.file {
            let e = year(data, fy).egp.get_or_insert_with(Default::default);
            e.files.push(file);
            e.contracts.extend(read.contracts);
        }
    }
    egp_join::join(data);
}

fn year(data: &mut Data, fy: i32) -> &mut FiscalYear {
    data.years.entry(fy).or_insert_with(|| FiscalYear {
        year: fy,
        ..FiscalYear::default()
    })
}

/// Re-reads a month, e.g. after `procurement-data/2568/months/2567-10.csv` changed, for live
/// reload: every file of that month in the folder (a month may be given in two layouts), with
/// the check of what they say of the agency against agency.yaml.
pub fn load_month_file(root: &Path, rel_path: &str) -> (Option<MonthFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (fy, ym) = match layout::classify(rel_path, false) {
        Some(DataFile::Month(fy, ym)) => (fy, ym),
        Some(DataFile::Misnamed(d)) => return (None, vec![*d]),
        _ => return (None, vec![layout::misplaced(rel_path)]),
    };
    let folder = rel_path.rsplit_once('/').map_or("", |(f, _)| f);
    let mut paths: Vec<String> = std::fs::read_dir(root.join(folder))
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .map(|name| format!("{folder}/{name}"))
                .filter(|rel| {
                    matches!(layout::classify(rel, false), Some(DataFile::Month(f, m)) if f == fy && m == ym)
                })
                .collect()
        })
        .unwrap_or_default();
    if !paths.iter().any(|p| p == rel_path) {
        paths.push(rel_path.to_owned());
    }
    paths.sort();
    let (out, d) = run(root, &Job::Month(fy, ym, paths), &limits_of(root));
    diags.extend(d);
    let month = match out {
        Output::Month(_, _, m, said) => {
            let agency_path = format!("{DATA_DIR}/agency.yaml");
            if let (Output::Agency(a), _) = run(root, &Job::Agency(agency_path), &limits_of(root))
                && let Some(agency) = a.as_ref()
            {
                diags.extend(other_agency(agency, &said));
            }
            m
        }
        _ => None,
    };
    sort_diagnostics(&mut diags);
    (month, diags)
}

/// Reads `agency.yaml` alone (for `prongsai egp fetch`, which needs the department code and not
/// the rest of the data).
pub fn load_agency(root: &Path) -> (Option<Agency>, Vec<Diagnostic>) {
    let rel = format!("{DATA_DIR}/agency.yaml");
    match run(root, &Job::Agency(rel), &limits_of(root)) {
        (Output::Agency(a), d) => (*a, d),
        (_, d) => (None, d),
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
    let read = month_from_bytes(rel_path, month, bytes, &Limits::default(), &mut diags);
    sort_diagnostics(&mut diags);
    (read.month, diags)
}

/// One month file's bytes, a workbook or CSV by its extension, to its records.
fn month_from_bytes(
    rel: &str,
    ym: YearMonth,
    bytes: &[u8],
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> month::Read {
    if is_workbook(rel) {
        let mut local = Vec::new();
        let mut sheet = None;
        let read = match workbook::read(
            headers::Kind::Month,
            rel,
            bytes,
            limits,
            &mut local,
            &mut sheet,
            Some(ym),
        ) {
            Some((name, encoding, workbook::Sheet::Month(ms))) => month::from_header(
                rel,
                ym,
                encoding,
                Some(name),
                &ms.header,
                &ms.rows,
                &ms.merged_across,
                &mut local,
            ),
            _ => month::Read::default(),
        };
        place_in_sheet(&mut local, sheet);
        one_problem_a_cell(&mut local);
        diags.extend(local);
        return read;
    }
    match decode_text(rel, bytes, diags) {
        Some((text, encoding)) => month::parse(rel, ym, &text, encoding, limits, diags),
        None => month::Read::default(),
    }
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
    /// A month's files: usually one; two when the month is given in two layouts.
    Month(i32, YearMonth, Vec<String>),
    /// The year's plan in two or more files.
    Clash(i32, Vec<String>),
    /// A file of `<FY>/egp/`, read after the others ([`read_egp`]).
    Egp(i32, String),
}

enum Output {
    Agency(Box<Option<Agency>>),
    Plan(i32, Option<Plan>),
    PlanMeta(i32, Option<PlanMeta>),
    Annual(i32, Option<AnnualReport>),
    Month(i32, YearMonth, Option<MonthFile>, Vec<assemble::Declared>),
}

fn rel_of(job: &Job) -> &str {
    match job {
        Job::Agency(p)
        | Job::Plan(_, p)
        | Job::PlanMeta(_, p)
        | Job::Annual(_, p)
        | Job::Egp(_, p) => p,
        Job::Month(_, _, paths) | Job::Clash(_, paths) => paths.first().map_or("", String::as_str),
    }
}

/// Reads a month's files and joins them when they are of different layouts. Two files of the
/// same layout are refused, neither read: either could be the one last edited.
fn run_month(
    root: &Path,
    (fy, ym): (i32, YearMonth),
    paths: &[String],
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Output {
    let reads: Vec<(String, month::Read)> = paths
        .iter()
        .map(|rel| {
            let read = read_file(root, rel, limits, diags)
                .map(|bytes| month_from_bytes(rel, ym, &bytes, limits, diags))
                .unwrap_or_default();
            (rel.clone(), read)
        })
        .collect();
    let declared: Vec<assemble::Declared> =
        reads.iter().flat_map(|(_, r)| r.declared.clone()).collect();
    if reads.len() > 1 {
        let layout_of = |r: &month::Read| r.month.as_ref().map(|m| m.file.layout);
        for layout in Layout::JOIN_ORDER {
            let same: Vec<String> = reads
                .iter()
                .filter(|(_, r)| layout_of(r) == Some(layout))
                .map(|(p, _)| p.clone())
                .collect();
            if same.len() > 1 {
                diags.push(clash(&same));
                return Output::Month(fy, ym, None, declared);
            }
        }
        // A file of the month that cannot be read leaves the month unread: publishing the other
        // alone would show it as complete.
        if reads.iter().any(|(_, r)| r.month.is_none()) {
            return Output::Month(fy, ym, None, declared);
        }
    }
    let files: Vec<MonthFile> = reads.into_iter().filter_map(|(_, r)| r.month).collect();
    let joined = join::join(files, diags);
    Output::Month(fy, ym, joined, declared)
}

/// Reads, decodes and parses one file (a month: each of its files).
fn run(root: &Path, job: &Job, limits: &Limits) -> (Output, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if let Job::Clash(fy, paths) = job {
        diags.push(clash(paths));
        return (Output::Plan(*fy, None), diags);
    }
    if let Job::Month(fy, ym, paths) = job {
        let out = run_month(root, (*fy, *ym), paths, limits, &mut diags);
        return (out, diags);
    }
    if let Job::Egp(fy, _) = job {
        // Never run here: load_with reads e-GP files once the agency is known.
        return (Output::Plan(*fy, None), diags);
    }
    let rel = rel_of(job);
    if is_workbook(rel) {
        let mut sheet = None;
        let opened = read_file(root, rel, limits, &mut diags).and_then(|bytes| {
            open_workbook(
                headers::Kind::Plan,
                rel,
                &bytes,
                limits,
                &mut diags,
                &mut sheet,
            )
        });
        let out = match job {
            Job::Plan(fy, _) => {
                Output::Plan(*fy, opened.and_then(|o| plan::from_opened(o, &mut diags)))
            }
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
        Job::Month(..) | Job::Clash(..) | Job::Egp(..) => unreachable!("handled above"),
    };
    (out, diags)
}

/// A plan workbook's data sheet as a table with its header matched; `sheet_read` is set as soon
/// as the sheet is chosen, so the caller can place every diagnostic in it.
fn open_workbook(
    kind: headers::Kind,
    rel: &str,
    bytes: &[u8],
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
    sheet_read: &mut Option<String>,
) -> Option<headers::Opened> {
    match workbook::read(kind, rel, bytes, limits, diags, sheet_read, None)? {
        (sheet, encoding, workbook::Sheet::Plan(table)) => {
            headers::open_table(kind, rel, table, encoding, Some(sheet), diags)
        }
        (_, _, workbook::Sheet::Month(_)) => None,
    }
}

/// What a month's layouts do not give, once per month and after e-GP's data has filled what it
/// can: which fields the site shows as ไม่ระบุ on some of its records, and which file would
/// complete them (the month's other layout, or e-GP's contract data in `<FY>/egp/`). `has_egp`
/// says whether the year has e-GP data already. A template month gives every field: no note.
pub fn month_notes(m: &MonthFile, has_egp: bool) -> Option<Diagnostic> {
    let layouts: Vec<Layout> = m.files().map(|f| f.layout).collect();
    if layouts.contains(&Layout::Template) {
        return None;
    }
    const FIELDS: [Field; 9] = [
        Field::BudgetSource,
        Field::Status,
        Field::WinnerTin,
        Field::EgpProjectNo,
        Field::Bids,
        Field::Reason,
        Field::ContractNo,
        Field::ContractDate,
        Field::ReferencePrice,
    ];
    let lacking: Vec<Field> = FIELDS
        .into_iter()
        .filter(|f| m.records.iter().any(|r| !r.given(*f)))
        .collect();
    if lacking.is_empty() {
        return None;
    }
    let th: Vec<&str> = lacking.iter().map(|f| f.thai()).collect();
    let en: Vec<&str> = lacking.iter().map(|f| f.alias()).collect();
    let names: Vec<String> = m
        .files()
        .map(|f| {
            format!(
                "{} ({})",
                f.path.rsplit('/').next().unwrap_or(&f.path),
                f.layout.thai()
            )
        })
        .collect();
    let stem = m.month.key();
    let fy = m.month.fiscal_year();
    let (mut other_th, mut other_en) =
        if layouts.contains(&Layout::Skr1) && !layouts.contains(&Layout::Ita) {
            (
                format!("รายการจัดซื้อจัดจ้างตามแบบ ITA ของเดือนเดียวกัน (เช่น {stem} ITA.xlsx)"),
                format!("the month's ITA procurement list (e.g. {stem} ITA.xlsx)"),
            )
        } else if layouts.contains(&Layout::Ita) && !layouts.contains(&Layout::Skr1) {
            (
                format!("แบบ สขร.1 ของเดือนเดียวกัน (เช่น {stem} สขร1.xlsx)"),
                format!("the month's แบบ สขร.1 (e.g. {stem} สขร1.xlsx)"),
            )
        } else {
            (String::new(), String::new())
        };
    // e-GP gives the TIN, the e-GP number, the contract and the status of what went through it.
    let egp_helps = lacking.iter().any(|f| {
        matches!(
            f,
            Field::WinnerTin
                | Field::EgpProjectNo
                | Field::ContractNo
                | Field::ContractDate
                | Field::Status
        )
    });
    if egp_helps && !has_egp {
        let (th, en) = (
            format!("ข้อมูลสัญญาจาก e-GP ในโฟลเดอร์ {fy}/egp/ (prongsai egp fetch)"),
            format!("e-GP's contract data in {fy}/egp/ (prongsai egp fetch)"),
        );
        if other_th.is_empty() {
            (other_th, other_en) = (th, en);
        } else {
            other_th = format!("{other_th} หรือ{th}");
            other_en = format!("{other_en}, or {en}");
        }
    }
    let (hint_th, hint_en) = if other_th.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("; ถ้ามี{other_th} ให้ใส่ไว้ด้วย prongsai จะรวมให้ครบ"),
            format!("; if you have {other_en}, add it and prongsai joins them"),
        )
    };
    Some(
        Diagnostic::info(
            diag::NOT_GIVEN,
            format!(
                "{} ไม่มีข้อมูล {} (ในบางรายการหรือทุกรายการ): เว็บไซต์แสดงเป็น \"ไม่ระบุ\" และไม่ตรวจกฎที่ต้องใช้ข้อมูลเหล่านี้{hint_th}",
                names.join(" และ "),
                th.join(", "),
            ),
            format!(
                "{} give no {} (for some or all of their records): the site shows them as ไม่ระบุ (not given) and the rules that need them do not run{hint_en}",
                names.join(" and "),
                en.join(", "),
            ),
        )
        .at(Location::file(m.file.path.clone())),
    )
}

/// What the month files say of the agency (a title row's name, an ITA list's agency columns)
/// against agency.yaml: another agency is a warning naming both, once per value and file.
fn other_agency(agency: &Agency, declared: &[assemble::Declared]) -> Vec<Diagnostic> {
    use headers::AgencyCol;
    let mut out = Vec::new();
    let mut seen: std::collections::BTreeSet<(String, String)> = Default::default();
    for assemble::Declared::Agency { col, value, loc } in declared {
        let key = |s: &str| prongsai_text::match_key(s);
        let v = key(value);
        let agrees = match col {
            AgencyCol::Name => {
                let names = [agency.name.as_str(), agency.short_name.as_str()];
                // อบต. / องค์การบริหารส่วนตำบล and the like: the name after the type is compared.
                let bare = |s: &str| {
                    let k = key(s);
                    assemble::AGENCY_TYPES
                        .iter()
                        .find_map(|t| k.strip_prefix(&key(t)).map(str::to_owned))
                        .unwrap_or(k)
                };
                names.iter().any(|n| key(n) == v || bare(n) == bare(value))
            }
            AgencyCol::District => {
                let d = key(&agency.district);
                v == d || v.strip_prefix(&key("อำเภอ")) == Some(d.as_str())
            }
            AgencyCol::Province => {
                let p = key(&agency.province);
                v == p || v.strip_prefix(&key("จังหวัด")) == Some(p.as_str())
            }
            AgencyCol::Ministry => {
                let bare = |s: &str| {
                    let k = key(s);
                    k.strip_prefix(&key("กระทรวง"))
                        .map(str::to_owned)
                        .unwrap_or(k)
                };
                bare(value) == bare(&agency.ministry)
            }
            AgencyCol::Type => {
                v == key(&agency.agency_type)
                    || (key(&agency.agency_type).contains(&key("ท้องถิ่น"))
                        && v.contains(&key("ท้องถิ่น")))
            }
        };
        if agrees || !seen.insert((loc.file.clone(), format!("{col:?}{v}"))) {
            continue;
        }
        let yaml = match col {
            AgencyCol::Name => agency.name.as_str(),
            AgencyCol::District => agency.district.as_str(),
            AgencyCol::Province => agency.province.as_str(),
            AgencyCol::Ministry => agency.ministry.as_str(),
            AgencyCol::Type => agency.agency_type.as_str(),
        };
        out.push(
            Diagnostic::warning(
                diag::OTHER_AGENCY,
                format!(
                    "ไฟล์ระบุ{} \"{value}\" แต่ agency.yaml ระบุ \"{yaml}\": ตรวจว่าเป็นไฟล์ของหน่วยงานนี้ แล้วแก้ไฟล์หรือ agency.yaml ({}) ให้ตรงกัน",
                    col.thai(),
                    col.agency_yaml_key()
                ),
                format!(
                    "the file names {} \"{value}\" where agency.yaml says \"{yaml}\": check it is this agency's file, then correct the file or agency.yaml ({})",
                    col.thai(),
                    col.agency_yaml_key()
                ),
            )
            .at(loc.clone())
            .with_text(value.clone()),
        );
    }
    out
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
            diags.push(cannot_open(rel, &e));
            return None;
        }
    };
    Some(bytes)
}

/// A file that exists in the walk but cannot be opened.
pub(crate) fn cannot_open(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        diag::UNREADABLE,
        format!("เปิดไฟล์ไม่ได้ ({e}): ตรวจสอบว่าไฟล์มีอยู่และไม่ได้เปิดค้างไว้ในโปรแกรมอื่น"),
        format!("cannot open the file ({e}): check it exists and is not locked by another program"),
    )
    .at(Location::file(rel))
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
            Some(DataFile::Months(_) | DataFile::EgpFolder(_)) => continue,
            Some(DataFile::Egp(fy)) => Job::Egp(fy, rel),
            Some(DataFile::Plan(fy)) => Job::Plan(fy, rel),
            Some(DataFile::PlanMeta(fy)) => Job::PlanMeta(fy, rel),
            Some(DataFile::Annual(fy)) => Job::Annual(fy, rel),
            Some(DataFile::Month(fy, ym)) => Job::Month(fy, ym, vec![rel]),
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

/// One job per month and per plan: a month's files are read together (they may be of two
/// layouts, to be joined); two plans for one year become a [`Job::Clash`].
fn clashes(jobs: Vec<Job>) -> Vec<Job> {
    use std::collections::BTreeMap;
    let mut months: BTreeMap<(i32, YearMonth), Vec<String>> = BTreeMap::new();
    let mut plans: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let mut out = Vec::with_capacity(jobs.len());
    for job in jobs {
        match job {
            Job::Month(fy, ym, paths) => months.entry((fy, ym)).or_default().extend(paths),
            Job::Plan(fy, p) => plans.entry(fy).or_default().push(p),
            other => out.push(other),
        }
    }
    for (fy, mut paths) in plans {
        if paths.len() == 1 {
            out.push(Job::Plan(fy, paths.remove(0)));
        } else {
            out.push(Job::Clash(fy, paths));
        }
    }
    for ((fy, ym), paths) in months {
        out.push(Job::Month(fy, ym, paths));
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
        assert!(mf.month.unwrap().records.is_empty());
    }
}
