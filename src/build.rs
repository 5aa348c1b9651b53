//! The build pipeline as one plain function: load → check → render → write. It returns
//! diagnostics instead of printing, so `check`, `serve` and tests can reuse it.

use prongsai_check::{CheckOptions, CheckReport};
use prongsai_model::{Data, Date, Diagnostic, Location, sort_diagnostics};
use prongsai_render::{RenderCache, RenderInput, render_site_cached, render_site_to};
use prongsai_write::{MarkerInfo, OutputFile, Staging, WriteError};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// Overrides `base_url` in site.yaml.
    pub base_url: Option<String>,
    /// The `--as-of` flag: decides which months have ended; `None` resolves as
    /// [`resolve_as_of`] says.
    pub as_of: Option<Date>,
    /// The ITA assessment year to evaluate besides those the data touches.
    pub ita_year: Option<i32>,
}

#[derive(Debug)]
pub struct BuildReport {
    /// Warnings and notes; a successful build has no errors.
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug)]
pub enum BuildFailure {
    /// The input has errors (exit 1). Every error of the build is listed, in report order.
    Input(Vec<Diagnostic>),
    /// Usage or environment (exit 2): an output folder that is not ours, a disk error.
    Internal(String),
}

/// The date the site describes: `--as-of`, else site.yaml's `as_of` (samples and archives), else
/// `SOURCE_DATE_EPOCH` (reproducible builds), else today in Thailand.
pub fn resolve_as_of(flag: Option<Date>, site: &prongsai_content::SiteConfig) -> Date {
    flag.or(site.as_of)
        .or_else(source_date_epoch)
        .unwrap_or_else(today)
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) as a date.
pub fn source_date_epoch() -> Option<Date> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Date::from_days(secs.div_euclid(86_400)))
}

/// Today's date in Thailand (UTC+7), where the months the agency reports on end.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_days((secs + 7 * 3600).div_euclid(86_400))
}

/// Everything loaded and checked, before rendering: what `check` prints and `build` renders.
pub struct Checked {
    pub site: prongsai_content::Site,
    pub data: Data,
    pub report: CheckReport,
    /// Load and check diagnostics together, in report order.
    pub diagnostics: Vec<Diagnostic>,
    pub base_url: String,
    /// The date the site describes (see [`resolve_as_of`]).
    pub as_of: Date,
    pub due: prongsai_model::DueRules,
}

/// Load (pages and procurement data side by side) and check. Never fails: problems are diagnostics.
/// `as_of` is the `--as-of` flag; without it the date comes from [`resolve_as_of`].
pub fn load_and_check(
    root: &Path,
    base_url: Option<&str>,
    as_of: Option<Date>,
    ita_year: Option<i32>,
) -> Checked {
    let mut inputs = load_inputs(root);
    let as_of = resolve_as_of(as_of, &inputs.content.site.config);
    prongsai_model::open_years(&mut inputs.data.data, as_of);
    let checks = check_loaded(root, &inputs, base_url, as_of, ita_year);
    Checked {
        site: inputs.content.site,
        data: inputs.data.data,
        report: checks.report,
        diagnostics: checks.diagnostics,
        base_url: checks.base_url,
        due: checks.due,
        as_of,
    }
}

/// The site root as loaded, with each loader's own diagnostics, before any check: what `serve`
/// keeps between rebuilds and patches file by file.
pub struct Inputs {
    pub content: prongsai_content::Loaded,
    pub data: prongsai_load::Loaded,
}

pub fn load_inputs(root: &Path) -> Inputs {
    // site.yaml is read once: the data's limits come from the same parse as the pages' settings.
    let (config, config_diags) = prongsai_config::load(root);
    let limits = config.limits;
    let (content, data) = rayon::join(
        || prongsai_content::load_with(root, config, config_diags),
        || prongsai_load::load_with(root, &limits),
    );
    Inputs { content, data }
}

/// The check stage's result over borrowed inputs.
pub struct Checks {
    pub report: CheckReport,
    /// When missing disclosures fall due (site.yaml `checks:`), for the site's gap display.
    pub due: prongsai_model::DueRules,
    /// Load and check diagnostics together, in report order.
    pub diagnostics: Vec<Diagnostic>,
    pub base_url: String,
}

/// Checks loaded inputs. Never fails: problems are diagnostics.
pub fn check_loaded(
    root: &Path,
    inputs: &Inputs,
    base_url: Option<&str>,
    as_of: Date,
    ita_year: Option<i32>,
) -> Checks {
    let site = &inputs.content.site;
    let mut diagnostics = inputs.content.diagnostics.clone();
    diagnostics.extend(inputs.data.diagnostics.iter().cloned());
    let base_url = match base_url {
        Some(url) => url.trim().trim_end_matches('/').to_owned(),
        None => site_base_url(site, &inputs.data.data),
    };
    diagnostics.extend(as_of_diagnostics(site, &inputs.data.data, as_of));
    let (site_opts, site_diags) = CheckOptions::for_site(as_of, &site.config);
    diagnostics.extend(site_diags);
    let criteria_dir = root.join("criteria");
    let opts = CheckOptions {
        ita_year,
        base_url: base_url.clone(),
        criteria_dir: criteria_dir.is_dir().then_some(criteria_dir),
        ..site_opts
    };
    let pages = prongsai_check::page_refs(site);
    let report = prongsai_check::check(&inputs.data.data, &pages, &opts);
    diagnostics.extend(report.diagnostics.iter().cloned());
    sort_diagnostics(&mut diagnostics);
    Checks {
        report,
        due: opts.config.due_rules(),
        diagnostics,
        base_url,
    }
}

/// site.yaml's `base_url`, else the agency's `website` from agency.yaml: the ITA page's URLs
/// must be absolute for an assessor to paste them into ITAS.
pub fn site_base_url(site: &prongsai_content::Site, data: &Data) -> String {
    if !site.config.base_url.is_empty() {
        return site.config.base_url.clone();
    }
    data.agency
        .as_ref()
        .map(|a| a.website.trim().trim_end_matches('/'))
        .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
        .unwrap_or_default()
        .to_owned()
}

/// site.yaml's `as_of` judged against the data: before the first fiscal year it would describe a
/// site that has nothing yet (an error); on a real (non-sample) site it freezes the calendar, so
/// gaps would never be reported (a note).
fn as_of_diagnostics(site: &prongsai_content::Site, data: &Data, as_of: Date) -> Vec<Diagnostic> {
    let Some(pinned) = site.config.as_of else {
        return Vec::new();
    };
    let at = Location {
        file: prongsai_content::SITE_FILE.to_owned(),
        line: site.config.as_of_line,
        ..Location::default()
    };
    let mut out = Vec::new();
    if let Some(&first) = data.years.keys().next()
        && prongsai_model::fiscal_year_start(first).is_some_and(|start| pinned < start)
    {
        out.push(
            Diagnostic::error(
                prongsai_model::codes::C107.code,
                format!(
                    "as_of ({}) อยู่ก่อนปีงบประมาณแรกของข้อมูล ({first} เริ่ม 1 ต.ค. {}) — แก้วันที่ หรือลบบรรทัดนี้ออกเพื่อใช้วันที่ปัจจุบัน",
                    pinned.thai_short(),
                    first - 1
                ),
                format!(
                    "as_of ({}) is before the first fiscal year of the data ({first}, which starts on 1 October {}); correct it or remove the line to use today's date",
                    pinned.iso(),
                    first - 1 - prongsai_model::BE_OFFSET
                ),
            )
            .at(at.clone()),
        );
    }
    if !data.is_sample() && site.config.as_of == Some(as_of) {
        out.push(
            Diagnostic::new(
                prongsai_model::Severity::Info,
                prongsai_model::codes::C152.code,
                format!(
                    "site.yaml กำหนด as_of เป็น {} เว็บไซต์จึงแสดงข้อมูล ณ วันนั้นเสมอ และจะไม่แจ้งข้อมูลที่ถึงกำหนดเผยแพร่หลังจากนั้น — ใช้เฉพาะเว็บไซต์ตัวอย่างหรือฉบับเก็บถาวร เว็บไซต์จริงควรลบบรรทัดนี้",
                    pinned.thai_short()
                ),
                format!(
                    "site.yaml pins as_of to {}, so the site always describes that day and reports nothing that falls due later; it is meant for samples and archives: a live site should remove it",
                    pinned.iso()
                ),
            )
            .at(at),
        );
    }
    out
}

/// A rendered site, in memory: what `build` writes and `serve` serves.
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn missing_root(root: &Path) -> BuildFailure {
    BuildFailure::Internal(format!(
        "ไม่พบโฟลเดอร์ของเว็บไซต์ {} — ใช้ --root ชี้ไปยังโฟลเดอร์ที่มี site.yaml\nsite root {} is not a folder; pass --root with the folder holding site.yaml",
        root.display(),
        root.display()
    ))
}

/// Renders checked inputs in memory through `serve`'s cache; stops at the first stage with an
/// error, as a build does.
pub fn render_checked(
    root: &Path,
    site: &prongsai_content::Site,
    data: &Data,
    checks: Checks,
    as_of: Date,
    cache: &mut RenderCache,
) -> Result<Rendered, BuildFailure> {
    let title = site_title(site, data);
    let input = RenderInput {
        title: &title,
        ..render_input(root, site, data, &checks, as_of)
    };
    let out = render_site_cached(&input, cache);
    let files = out.files;
    let mut diagnostics = checks.diagnostics;
    diagnostics.extend(out.diagnostics);
    diagnostics.extend(path_problem_diagnostics(&prongsai_write::validate(&files)));
    sort_diagnostics(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(BuildFailure::Input(diagnostics));
    }
    Ok(Rendered { files, diagnostics })
}

/// The site's title: site.yaml's, else the agency's name, else "prongsai".
fn site_title(site: &prongsai_content::Site, data: &Data) -> String {
    site.config
        .title
        .clone()
        .or_else(|| {
            data.agency
                .as_ref()
                .map(|a| a.name.clone())
                .filter(|n| !n.is_empty())
        })
        .unwrap_or_else(|| "prongsai".to_owned())
}

/// Problems with the output paths themselves (two pages claiming one URL), as input errors.
pub fn path_problem_diagnostics(problems: &[prongsai_write::PathProblem]) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            let (file, en) = match p {
                prongsai_write::PathProblem::Escapes { source, .. } => {
                    (source.clone(), p.to_string())
                }
                prongsai_write::PathProblem::Duplicate { second, .. } => {
                    (second.clone(), p.to_string())
                }
                prongsai_write::PathProblem::FileIsFolder { inner_source, .. } => {
                    (inner_source.clone(), p.to_string())
                }
            };
            let (th, en) = en
                .split_once("\n    ")
                .map_or((en.clone(), en.clone()), |(a, b)| {
                    (a.to_owned(), b.to_owned())
                });
            let th = th
                .strip_prefix(&format!("{file}: "))
                .unwrap_or(&th)
                .to_owned();
            Diagnostic::error(prongsai_model::codes::C160.code, th, en).at(Location::file(file))
        })
        .collect()
}

/// Load, check, render and write. Rendered files stream straight into a temporary folder beside
/// the output, which replaces the output only if the whole build succeeded; with an error
/// anywhere nothing is swapped in and every error of the build is listed.
pub fn build_site(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    if !opts.root.is_dir() {
        return Err(missing_root(&opts.root));
    }
    let checked = load_and_check(
        &opts.root,
        opts.base_url.as_deref(),
        opts.as_of,
        opts.ita_year,
    );
    let as_of = checked.as_of;
    // Render even when loading or checking found errors: a missing template or two pages on one
    // URL belong in the same list, so the officer fixes everything in one round. Records whose
    // values did not parse are simply absent from what is rendered, and nothing is written.
    let staging = if checked.diagnostics.iter().any(Diagnostic::is_error) {
        Staging::dry_run()
    } else {
        Staging::begin(&opts.out).map_err(|e| match e {
            WriteError::Invalid(problems) => {
                BuildFailure::Input(path_problem_diagnostics(&problems))
            }
            e => BuildFailure::Internal(e.to_string()),
        })?
    };
    let checks = Checks {
        due: checked.due,
        report: checked.report,
        diagnostics: checked.diagnostics,
        base_url: checked.base_url,
    };
    let title = site_title(&checked.site, &checked.data);
    let input = RenderInput {
        title: &title,
        ..render_input(&opts.root, &checked.site, &checked.data, &checks, as_of)
    };
    let report = render_site_to(&input, &staging);
    let mut diagnostics = checks.diagnostics;
    diagnostics.extend(report.diagnostics);
    diagnostics.extend(path_problem_diagnostics(&staging.path_problems()));
    sort_diagnostics(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        // Dropping the staging removes what was written so far.
        return Err(BuildFailure::Input(diagnostics));
    }
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == prongsai_model::Severity::Warning)
        .count();
    let marker = MarkerInfo {
        warnings,
        ita_index: report.ita_index,
    };
    match staging.finish(&marker) {
        Ok(report) => Ok(BuildReport {
            diagnostics,
            files: report.files,
            bytes: report.bytes,
        }),
        Err(WriteError::Invalid(problems)) => {
            diagnostics.extend(path_problem_diagnostics(&problems));
            sort_diagnostics(&mut diagnostics);
            Err(BuildFailure::Input(diagnostics))
        }
        Err(e) => Err(BuildFailure::Internal(e.to_string())),
    }
}

/// What the render stage reads, borrowed from the checked inputs; the title is filled in by
/// the caller, who owns it.
fn render_input<'a>(
    root: &'a Path,
    site: &'a prongsai_content::Site,
    data: &'a Data,
    checks: &'a Checks,
    as_of: Date,
) -> RenderInput<'a> {
    RenderInput {
        root,
        site,
        data,
        title: "",
        base_url: &checks.base_url,
        as_of,
        due: checks.due,
        ita: &checks.report.ita,
    }
}
