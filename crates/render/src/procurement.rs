//! The procurement half of the site: pages from [`prongsai_views`], the ITA evidence indexes,
//! the open-data downloads and the search index. Everything here runs in parallel and reads the
//! loaded data by reference.

use crate::RenderInput;
use crate::cache::{
    self, DocKind, DownloadLayer, JobInputs, Made, PageLayer, Part, RenderStats, SearchLayer,
};
use prongsai_check::ItaEvaluation;
use prongsai_content::{PageKind, Site};
use prongsai_export::ExportOptions;
use prongsai_model::FiscalYear;
use prongsai_model::{Data, Diagnostic, Location};
use prongsai_ocds::OcdsOptions;
use prongsai_search::SearchDoc;
use prongsai_views::outputs::{self, Format, Kind, OUTPUTS, Period, Producer};
use prongsai_views::{Fmt, Options, PageView};
use prongsai_write::{OutputFile, Sink};
use rayon::prelude::*;
use std::collections::BTreeMap;
use tera::{Context, Tera};

pub(crate) fn view_options(input: &RenderInput<'_>) -> Options {
    Options {
        as_of: input.as_of,
        due: input.due,
        fmt: Fmt {
            thai_digits: input.site.config.thai_digits,
        },
        egp_public: input.site.config.egp.public,
    }
}

/// The theme's template texts and the site-wide values, for deciding which cached pages still hold.
pub(crate) struct Seen {
    pub texts: BTreeMap<String, String>,
    pub globals: Vec<(&'static str, String)>,
}

/// Renders every procurement page and ITA index into `sink`; returns the output paths put, in
/// a fixed order (for the sitemap), and any template errors.
///
/// Each page goes to `sink` the moment it exists and a record's view is made only as it is
/// rendered, so a large build never holds every page's view model and HTML at once. `layer`
/// decides which parts and pages need rendering at all.
pub(crate) fn pages(
    tera: &Tera,
    input: &RenderInput<'_>,
    layer: &mut dyn PageLayer,
    sink: &dyn Sink,
) -> (Vec<String>, Vec<Diagnostic>, RenderStats) {
    let opts = view_options(input);
    let parts = cache::parts(input.data);
    let done: Vec<PartDone> = {
        let layer: &dyn PageLayer = layer;
        parts
            .par_iter()
            .map(|part| render_part(tera, input.data, &opts, *part, layer, sink))
            .collect()
    };
    let mut stats = RenderStats::default();
    let mut paths = Vec::new();
    let mut diags = Vec::new();
    for (part, done) in parts.into_iter().zip(done) {
        stats = stats.add(done.stats);
        for r in done.pages {
            match r {
                Ok(p) => paths.push(p),
                Err(d) => diags.push(*d),
            }
        }
        if let Some(made) = done.made {
            layer.remember(part, made);
        }
    }
    layer.finish();
    render_itas(tera, input, &mut paths, &mut diags, sink);
    (paths, diags, stats)
}

/// One part's pages: each one's output path or render error, in order.
struct PartDone {
    pages: Vec<Result<String, Box<Diagnostic>>>,
    stats: RenderStats,
    /// `None` when the layer kept the part whole.
    made: Option<Made>,
}

fn render_part(
    tera: &Tera,
    data: &Data,
    opts: &Options,
    part: Part<'_>,
    layer: &dyn PageLayer,
    sink: &dyn Sink,
) -> PartDone {
    if let Some(kept) = layer.kept(part) {
        let pages = kept
            .iter()
            .map(|(_, file)| {
                sink.put(file.clone());
                Ok(file.path.clone())
            })
            .collect();
        let stats = RenderStats {
            produced: 0,
            reused: kept.len(),
        };
        return PartDone {
            pages,
            stats,
            made: None,
        };
    }
    let remembers = layer.remembers();
    // A page's path or error, whether it was reused, and what the layer remembers of it.
    type Page = (
        Result<String, Box<Diagnostic>>,
        bool,
        Option<(PageView, Option<OutputFile>)>,
    );
    let page = |view: PageView| -> Page {
        let (file, reused) = match layer.reuse(part, &view) {
            Some(file) => (Ok(file.clone()), true),
            None => (render_view(tera, &view), false),
        };
        match file {
            Ok(file) => {
                let path = file.path.clone();
                let remembered = remembers.then(|| (view, (!reused).then(|| file.clone())));
                sink.put(file);
                (Ok(path), reused, remembered)
            }
            Err(d) => (Err(d), reused, None),
        }
    };
    let done: Vec<Page> = match part {
        Part::Index => prongsai_views::index_pages(data, opts)
            .into_par_iter()
            .map(page)
            .collect(),
        Part::Year(fy) => prongsai_views::year_pages(fy, opts)
            .into_par_iter()
            .map(page)
            .collect(),
        Part::Month(_, m) => m
            .records
            .par_iter()
            .map(|r| page(prongsai_views::record_page(data, r, opts)))
            .collect(),
        Part::Closing => prongsai_views::closing_pages(data, opts)
            .into_par_iter()
            .map(page)
            .collect(),
    };
    let mut stats = RenderStats::default();
    let mut pages = Vec::with_capacity(done.len());
    let mut made = Made {
        pages: Vec::new(),
        whole: true,
    };
    for (result, reused, remembered) in done {
        if reused {
            stats.reused += 1;
        } else {
            stats.produced += 1;
        }
        made.whole &= result.is_ok();
        made.pages.extend(remembered);
        pages.push(result);
    }
    PartDone {
        pages,
        stats,
        made: Some(made),
    }
}

fn render_itas(
    tera: &Tera,
    input: &RenderInput<'_>,
    paths: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
    sink: &dyn Sink,
) {
    // The evidence index is made of the whole site: its pages and its data.
    let updated = input.site.newest().max(crate::data_updated(input));
    for ita in input.ita {
        match render_ita(tera, ita, updated) {
            Ok(f) => {
                paths.push(f.path.clone());
                sink.put(f);
            }
            Err(d) => diags.push(*d),
        }
        for f in ita_downloads(ita) {
            sink.put(f);
        }
    }
}

/// The index as `evidence.csv` (Excel: BOM, Thai headers) and `evidence.json`, one row per item
/// and link, from [`ItaEvaluation::rows`] so the page and both files list the same links.
fn ita_downloads(ita: &ItaEvaluation) -> Vec<OutputFile> {
    let rows = ita.rows();
    let cells: Vec<[String; 9]> = rows.iter().map(|r| r.cells()).collect();
    let csv = prongsai_export::table_csv(&prongsai_check::EvidenceRow::HEADERS_TH, &cells);
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        assessment_year: i32,
        criteria: &'a prongsai_check::CriteriaUsed,
        as_of: prongsai_model::Date,
        summary: prongsai_check::ItaSummary,
        page: &'a str,
        rows: &'a [prongsai_check::EvidenceRow],
    }
    let doc = Doc {
        assessment_year: ita.assessment_year,
        criteria: &ita.criteria,
        as_of: ita.as_of,
        summary: ita.summary,
        page: &ita.page_url,
        rows: &rows,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut json = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    json.push(b'\n');
    let file = |url: &str| url.trim_start_matches('/').to_owned();
    vec![
        OutputFile::raw(file(&ita.csv_url), csv, ita.criteria.file.clone()),
        OutputFile::raw(file(&ita.json_url), json, ita.criteria.file.clone()),
    ]
}

fn render_view(tera: &Tera, v: &PageView) -> Result<OutputFile, Box<Diagnostic>> {
    let mut ctx = Context::new();
    // An Arc clone: the value is shared, not copied.
    ctx.insert_value("p", v.context.clone());
    ctx.insert("title", &v.title);
    ctx.insert("description", &v.description);
    ctx.insert("current_url", &v.url);
    crate::insert_updated(&mut ctx, v.updated);
    crate::render_html(tera, v.template, &ctx)
        .map(|html| OutputFile::html(&v.output, html, "procurement-data"))
        .map_err(|e| Box::new(crate::render_error(v.template, "procurement-data", &e)))
}

pub(crate) fn ita_output(ita: &ItaEvaluation) -> String {
    prongsai_views::urls::output_of(&ita.page_url)
}

fn render_ita(
    tera: &Tera,
    ita: &ItaEvaluation,
    updated: Option<prongsai_model::Date>,
) -> Result<OutputFile, Box<Diagnostic>> {
    let mut ctx = Context::new();
    ctx.insert("ita", ita);
    crate::insert_updated(&mut ctx, updated);
    ctx.insert("current_url", &ita.page_url);
    crate::render_html(tera, "ita.html", &ctx)
        .map(|html| OutputFile::html(ita_output(ita), html, &ita.criteria.file))
        .map_err(|e| Box::new(crate::render_error("ita.html", &ita.criteria.file, &e)))
}

/// One download job: the files of one [`Producer`] of the registry; the jobs run in parallel.
pub(crate) enum Job<'a> {
    /// Every [`Producer::Year`] output of the year (the record lists, the plan's data, OCDS).
    Year(&'a FiscalYear),
    Month(&'a FiscalYear, &'a prongsai_model::MonthFile),
    /// A [`Producer::Document`] output's files of one period.
    Doc(&'a FiscalYear, DocKind),
}

/// The download jobs of a fiscal year on `as_of`: the registry's outputs, so the jobs write
/// what the pages link.
fn jobs_of(fy: &FiscalYear, as_of: prongsai_model::Date) -> Vec<Job<'_>> {
    let mut out = vec![Job::Year(fy)];
    for o in OUTPUTS {
        for period in o.periods(fy, as_of) {
            match (o.producer, period) {
                (Producer::Month, Period::Month(ym)) => {
                    if let Some(m) = fy.months.get(&ym) {
                        out.push(Job::Month(fy, m));
                    }
                }
                (Producer::Document, _) => out.push(Job::Doc(fy, (o.kind, period))),
                // The year's job makes all of its outputs at once.
                _ => {}
            }
        }
    }
    // Each quarter right after its three months: a quarter's PDF takes the rows its months
    // wrapped (`ShapeCache`), and rows wait in memory until then, so a year's twelve months
    // ahead of its quarters filled the cache's bound on a 10,000-record year. Only the order of
    // work changes: files are written wherever they come from, diagnostics are sorted.
    out.sort_by_key(|job| match job {
        Job::Year(_) => (0, 0, 0),
        Job::Month(_, m) => (1, fiscal_month_index(m.month), 0),
        Job::Doc(_, (_, Period::Month(ym))) => (1, fiscal_month_index(*ym), 1),
        Job::Doc(_, (_, Period::Quarter(q))) => (1, 3 * u32::from(*q).saturating_sub(1) + 2, 1),
        Job::Doc(_, (_, Period::Year)) => (2, 0, 0),
    });
    out
}

/// October is the fiscal year's first month (0), September its last (11).
fn fiscal_month_index(ym: prongsai_model::YearMonth) -> u32 {
    (u32::from(ym.month) + 2) % 12
}

/// CSV, JSON, XLSX, PDF and OCDS files at the data contract's stable paths; `layer` decides
/// which jobs need running.
pub(crate) fn downloads(
    input: &RenderInput<'_>,
    layer: &mut dyn DownloadLayer,
    sink: &dyn Sink,
) -> (Vec<Diagnostic>, RenderStats) {
    let data = input.data;
    let Some(agency) = data.agency.as_ref() else {
        // Without agency.yaml the loader has already reported an error; nothing to fill the ITA columns with.
        layer.clear();
        return (Vec::new(), RenderStats::default());
    };
    let export = ExportOptions::default();
    // One per build, so a text several months' PDFs draw (a title, a reason, a row number, a
    // page label) is shaped at most twice per build rather than once per month.
    let shapes = prongsai_export::ShapeCache::default();
    let ocds = ocds_options(input);
    let ocds_key = (ocds.clone(), prongsai_ocds::TinDirectory::of(data));
    let inputs = JobInputs {
        agency,
        ocds: &ocds_key,
        due: input.due,
    };
    let jobs: Vec<Job<'_>> = data
        .years
        .values()
        .flat_map(|fy| jobs_of(fy, input.as_of))
        .collect();
    let remembers = layer.remembers();
    // Per job: its diagnostics, whether it was reused, and the files the layer remembers.
    let results: Vec<(Vec<Diagnostic>, bool, Option<Vec<OutputFile>>)> = {
        let layer: &dyn DownloadLayer = layer;
        jobs.par_iter()
            .map(|job| {
                let (files, diags, reused) = match layer.reuse(job, &inputs) {
                    Some((files, diags)) => (files.to_vec(), diags.to_vec(), true),
                    None => {
                        let (files, diags) = produce(
                            job,
                            data,
                            agency,
                            &export,
                            &shapes,
                            &ocds,
                            &input.due,
                            input.as_of,
                        );
                        (files, diags, false)
                    }
                };
                let remembered = (remembers && !reused).then(|| files.clone());
                // Each job's files go out as soon as they exist (an OCDS package of 10,000
                // records is tens of megabytes) instead of every year's being held.
                for file in files {
                    sink.put(file);
                }
                (diags, reused, remembered)
            })
            .collect()
    };
    let mut diags = Vec::new();
    let mut stats = RenderStats::default();
    for ((d, reused, remembered), job) in results.into_iter().zip(&jobs) {
        if reused {
            stats.reused += 1;
        } else {
            stats.produced += 1;
        }
        // Only what was produced anew replaces its entry: a reused one is equal already, and
        // copying every entry (the data and the files) each rebuild was a good part of it.
        if let Some(files) = remembered {
            layer.remember(job, &inputs, (files, d.clone()));
        }
        diags.extend(d);
    }
    layer.finish(data, &jobs);
    dedup_by_code(&mut diags, &[prongsai_model::codes::O110.code]);
    (diags, stats)
}

/// How the OCDS packages are published: the licence of /data/ (site.yaml `data_license`), the
/// /data/ page as publication policy (it states the licence and what each file is), and the
/// build's as_of date as publication date, so a rebuild of the same input is byte-identical.
fn ocds_options(input: &RenderInput<'_>) -> OcdsOptions {
    let website = input
        .data
        .agency
        .as_ref()
        .map_or("", |a| a.website.as_str());
    let base = if input.base_url.is_empty() {
        website
    } else {
        input.base_url
    }
    .trim_end_matches('/');
    OcdsOptions {
        base_url: input.base_url.to_owned(),
        published_date: Some(prongsai_ocds::day_start(input.as_of)),
        license: input.site.config.data_license.map(|l| l.url.to_owned()),
        publication_policy: (!base.is_empty())
            .then(|| format!("{base}{}", prongsai_views::urls::data_index())),
    }
}

/// The files of one download job, at the paths and in the formats the registry names.
#[allow(clippy::too_many_arguments)]
fn produce(
    job: &Job<'_>,
    data: &Data,
    agency: &prongsai_model::Agency,
    export: &ExportOptions,
    shapes: &prongsai_export::ShapeCache,
    ocds: &OcdsOptions,
    due: &prongsai_model::DueRules,
    as_of: prongsai_model::Date,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    type Made = Result<Vec<u8>, prongsai_export::ExportError>;
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut put = |src: &str,
                   file: &outputs::File,
                   made: Option<Made>,
                   diags: &mut Vec<Diagnostic>| match made {
        Some(Ok(bytes)) => files.push(OutputFile::raw(file.path(), bytes, src)),
        Some(Err(e)) => diags.push(export_error(src, file.format.label(), &e.to_string())),
        // A format added to the registry without its producer: an error, never a dead link.
        None => diags.push(export_error(
            src,
            file.format.label(),
            &format!("no producer for {}", file.path()),
        )),
    };
    match job {
        Job::Year(fy) => {
            let y = fy.year;
            let src = format!("procurement-data/{y}");
            let (pkg, ocds_diags) = prongsai_ocds::release_package(data, y, ocds);
            diags.extend(ocds_diags);
            // The registry asks the model whether a year has OCDS releases; the two must agree.
            debug_assert_eq!(pkg.is_publishable(), fy.has_ocds_releases());
            for o in OUTPUTS.iter().filter(|o| o.producer == Producer::Year) {
                for file in o.files(fy, as_of) {
                    let made = match (file.kind, file.format) {
                        (Kind::Procurements, Format::Json) => {
                            Some(prongsai_export::procurements_json(fy, Some(agency)))
                        }
                        (Kind::Procurements, Format::Csv) => {
                            Some(prongsai_export::procurements_csv(fy))
                        }
                        (Kind::PlanData, Format::Json) => {
                            Some(prongsai_export::plan_json(fy, Some(agency)))
                        }
                        (Kind::PlanData, Format::Csv) => Some(prongsai_export::plan_csv(fy)),
                        (Kind::Ocds, Format::Json) => Some(prongsai_ocds::to_json_bytes(&pkg)),
                        (Kind::OcdsRecords, Format::Json) => {
                            Some(prongsai_ocds::record_json_bytes(
                                &prongsai_ocds::record_package(&pkg, y),
                            ))
                        }
                        _ => None,
                    };
                    put(&src, &file, made.map(Ok), &mut diags);
                }
            }
        }
        Job::Month(fy, m) => {
            let period = Period::Month(m.month);
            for file in outputs::output(Kind::Month).files(fy, as_of) {
                if file.period != period {
                    continue;
                }
                let made = match file.format {
                    Format::Xlsx => Some(prongsai_export::month_xlsx(
                        agency, fy.year, m.month, &m.records, export,
                    )),
                    Format::Pdf => Some(prongsai_export::month_pdf_shared(
                        agency, fy.year, m.month, &m.records, export, shapes,
                    )),
                    _ => None,
                };
                put(&m.file.path, &file, made, &mut diags);
            }
        }
        Job::Doc(fy, (kind, period)) => {
            let y = fy.year;
            // The source named in diagnostics and the files' provenance.
            let src = match kind {
                Kind::AnnualSummary => fy.annual.as_ref().map_or_else(
                    || format!("procurement-data/{y}/months"),
                    |a| a.path.clone(),
                ),
                Kind::PlanDocument => fy
                    .plan
                    .as_ref()
                    .map_or_else(|| format!("procurement-data/{y}"), |p| p.path.clone()),
                _ => format!("procurement-data/{y}/months"),
            };
            let quarter = match period {
                Period::Quarter(q) => Some((*q, prongsai_export::quarter_months(fy, *q))),
                _ => None,
            };
            for file in outputs::output(*kind).files(fy, as_of) {
                if file.period != *period {
                    continue;
                }
                let made = match (kind, file.format, &quarter, &fy.plan) {
                    (Kind::Quarter, Format::Pdf, Some((q, months)), _) => {
                        Some(prongsai_export::quarter_pdf_shared(
                            agency, y, *q, months, due, export, shapes,
                        ))
                    }
                    (Kind::Quarter, Format::Xlsx, Some((q, months)), _) => Some(
                        prongsai_export::quarter_xlsx(agency, y, *q, months, due, export),
                    ),
                    (Kind::AnnualSummary, Format::Pdf, _, _) => Some(
                        prongsai_export::annual_summary_pdf_shared(agency, fy, export, shapes),
                    ),
                    (Kind::AnnualSummary, Format::Xlsx, _, _) => {
                        Some(prongsai_export::annual_summary_xlsx(agency, fy, export))
                    }
                    (Kind::PlanDocument, Format::Pdf, _, Some(plan)) => {
                        Some(prongsai_export::plan_pdf_shared(
                            agency,
                            y,
                            plan,
                            fy.plan_meta.as_ref(),
                            export,
                            shapes,
                        ))
                    }
                    (Kind::PlanDocument, Format::Xlsx, _, Some(plan)) => Some(
                        prongsai_export::plan_xlsx(agency, y, plan, fy.plan_meta.as_ref(), export),
                    ),
                    _ => None,
                };
                put(&src, &file, made, &mut diags);
            }
        }
    }
    (files, diags)
}

fn export_error(file: &str, what: &str, detail: &str) -> Diagnostic {
    Diagnostic::error(
        prongsai_model::codes::R200.code,
        format!("สร้างไฟล์ {what} จากไฟล์นี้ไม่สำเร็จ ({detail}) — โปรดแจ้งผู้ดูแลระบบ prongsai"),
        format!("could not produce the {what} made from this file ({detail}); please report this to the prongsai maintainers"),
    )
    .at(Location::file(file))
}

/// The same agency-wide warning once per fiscal year says nothing new after the first.
fn dedup_by_code(diags: &mut Vec<Diagnostic>, codes: &[&str]) {
    let mut seen = std::collections::BTreeSet::new();
    diags.retain(|d| !codes.contains(&d.code.as_str()) || seen.insert(d.code.clone()));
}

/// The search index over content pages and every procurement page; `layer` decides whether it
/// needs building.
pub(crate) fn search(
    site: &Site,
    data: &Data,
    opts: &Options,
    layer: &mut dyn SearchLayer,
    sink: &dyn Sink,
) -> RenderStats {
    let mut docs: Vec<SearchDoc> = site
        .pages
        .iter()
        .filter(|p| p.kind != PageKind::Home)
        .map(|p| SearchDoc {
            url: p.url.clone(),
            title: p.title.clone(),
            kind: "หน้าเว็บ".into(),
            meta: p.date_th.clone().unwrap_or_default(),
            text: prongsai_text::strip_tags(&p.content),
            keys: String::new(),
        })
        .collect();
    docs.extend(prongsai_views::search_docs(data, opts));
    if let Some(files) = layer.reuse(&docs) {
        for file in files {
            sink.put(file.clone());
        }
        return RenderStats {
            produced: 0,
            reused: 1,
        };
    }
    let files: Vec<OutputFile> = prongsai_search::build(&docs)
        .into_iter()
        .map(|(path, bytes)| OutputFile::raw(path, bytes, "search index"))
        .collect();
    if layer.remembers() {
        layer.remember(docs, files.clone());
    }
    for file in files {
        sink.put(file);
    }
    RenderStats {
        produced: 1,
        reused: 0,
    }
}
