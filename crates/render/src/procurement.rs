//! The procurement half of the site: pages from [`prongsai_views`], the ITA evidence indexes,
//! the open-data downloads and the search index. Everything here runs in parallel and reads the
//! loaded data by reference.

use crate::RenderInput;
use crate::cache::{
    self, DownloadCache, MonthEntry, PageCache, RenderStats, SearchCache, YearEntry,
};
use prongsai_check::ItaEvaluation;
use prongsai_content::{PageKind, Site};
use prongsai_export::ExportOptions;
use prongsai_model::{Data, Diagnostic, Location};
use prongsai_ocds::OcdsOptions;
use prongsai_search::SearchDoc;
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
/// With a cache, a page whose view and visible site-wide values equal the cached ones is taken
/// from the cache; the cache then holds exactly this render's pages.
pub(crate) fn pages(
    tera: &Tera,
    input: &RenderInput<'_>,
    cache: Option<(&mut PageCache, &Seen)>,
    sink: &dyn Sink,
) -> (Vec<String>, Vec<Diagnostic>, RenderStats) {
    let opts = view_options(input);
    let mut stats = RenderStats::default();
    let Some((cache, seen)) = cache else {
        // A build makes each view as it renders it and hands the page straight to the writer,
        // so a large site never holds every page's view model and its HTML at once.
        let plan = prongsai_views::page_plan(input.data, &opts);
        let render_put = |v: &PageView| -> Result<String, Box<Diagnostic>> {
            let file = render_view(tera, v)?;
            let path = file.path.clone();
            sink.put(file);
            Ok(path)
        };
        let before: Vec<_> = plan.before.par_iter().map(render_put).collect();
        let records: Vec<_> = plan
            .records
            .par_iter()
            .map(|r| render_put(&prongsai_views::record_page(input.data, r, &opts)))
            .collect();
        let after: Vec<_> = plan.after.par_iter().map(render_put).collect();
        let mut paths = Vec::with_capacity(before.len() + records.len() + after.len());
        let mut diags = Vec::new();
        for r in before.into_iter().chain(records).chain(after) {
            match r {
                Ok(p) => paths.push(p),
                Err(d) => diags.push(*d),
            }
        }
        stats.produced = paths.len();
        render_itas(tera, input, &mut paths, &mut diags, sink);
        return (paths, diags, stats);
    };
    let render = |v: &PageView| render_view(tera, v);
    let (mut paths, mut diags, stats) = cache::pages(cache, seen, input.data, &opts, &render, sink);
    render_itas(tera, input, &mut paths, &mut diags, sink);
    (paths, diags, stats)
}

fn render_itas(
    tera: &Tera,
    input: &RenderInput<'_>,
    paths: &mut Vec<String>,
    diags: &mut Vec<Diagnostic>,
    sink: &dyn Sink,
) {
    for ita in input.ita {
        match render_ita(tera, ita) {
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
    let cells: Vec<[String; 10]> = rows.iter().map(|r| r.cells()).collect();
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
    ctx.insert("p", &v.context);
    ctx.insert("title", &v.title);
    ctx.insert("description", &v.description);
    ctx.insert("current_url", &v.url);
    tera.render(v.template, &ctx)
        .map(|html| OutputFile::html(&v.output, html, "procurement-data"))
        .map_err(|e| Box::new(crate::render_error(v.template, "procurement-data", &e)))
}

pub(crate) fn ita_output(ita: &ItaEvaluation) -> String {
    prongsai_views::urls::output_of(&ita.page_url)
}

fn render_ita(tera: &Tera, ita: &ItaEvaluation) -> Result<OutputFile, Box<Diagnostic>> {
    let mut ctx = Context::new();
    ctx.insert("ita", ita);
    ctx.insert("current_url", &ita.page_url);
    tera.render("ita.html", &ctx)
        .map(|html| OutputFile::html(ita_output(ita), html, &ita.criteria.file))
        .map_err(|e| Box::new(crate::render_error("ita.html", &ita.criteria.file, &e)))
}

/// One download to produce; the work itself runs in parallel.
enum Job<'a> {
    Year(&'a prongsai_model::FiscalYear),
    Month(
        &'a prongsai_model::FiscalYear,
        &'a prongsai_model::MonthFile,
    ),
}

/// CSV, JSON, XLSX, PDF and OCDS files at the data contract's stable paths.
///
/// With a cache, a month's files are re-produced only when the agency or that month file
/// changed, a year's only when the agency, that fiscal year or the OCDS options changed.
pub(crate) fn downloads(
    input: &RenderInput<'_>,
    cache: Option<&mut DownloadCache>,
    sink: &dyn Sink,
) -> (Vec<Diagnostic>, RenderStats) {
    let data = input.data;
    let Some(agency) = data.agency.as_ref() else {
        // Without agency.yaml the loader has already reported an error; nothing to fill the ITA columns with.
        if let Some(cache) = cache {
            *cache = DownloadCache::default();
        }
        return (Vec::new(), RenderStats::default());
    };
    let export = ExportOptions::default();
    // One per build, so a text several months' PDFs draw (a title, a reason, a row number, a
    // page label) is shaped at most twice per build rather than once per month.
    let shapes = prongsai_export::ShapeCache::default();
    let ocds = OcdsOptions {
        base_url: input.base_url.to_owned(),
        published_date: None,
        license: input.site.config.data_license.map(|l| l.url.to_owned()),
        publication_policy: None,
    };
    let ocds_key = (ocds.base_url.clone(), ocds.license.clone());
    let jobs: Vec<Job<'_>> = data
        .years
        .values()
        .flat_map(|fy| {
            std::iter::once(Job::Year(fy)).chain(fy.months.values().map(move |m| Job::Month(fy, m)))
        })
        .collect();
    let old = cache.as_deref();
    let results: Vec<(Vec<OutputFile>, Vec<Diagnostic>, bool)> = jobs
        .par_iter()
        .map(|job| {
            let hit = old.and_then(|c| match job {
                Job::Year(fy) => c
                    .years
                    .get(&fy.year)
                    .filter(|e| e.agency == *agency && e.year == **fy && e.ocds == ocds_key)
                    .map(|e| (e.files.clone(), e.diags.clone())),
                Job::Month(fy, m) => c
                    .months
                    .get(&(fy.year, m.month))
                    .filter(|e| e.agency == *agency && e.month == **m)
                    .map(|e| (e.files.clone(), e.diags.clone())),
            });
            let (files, diags, reused) = match hit {
                Some((files, diags)) => (files, diags, true),
                None => {
                    let (files, diags) = produce(job, data, agency, &export, &shapes, &ocds);
                    (files, diags, false)
                }
            };
            if old.is_some() {
                // Kept until the cache has its copies.
                return (files, diags, reused);
            }
            // A build writes each year's exports as soon as they exist (an OCDS package of
            // 10,000 records is tens of megabytes) instead of holding every year's.
            for file in files {
                sink.put(file);
            }
            (Vec::new(), diags, reused)
        })
        .collect();
    let mut diags = Vec::new();
    let mut stats = RenderStats::default();
    // Only what was produced anew replaces its entry: a reused one is equal already, and
    // copying every entry (the data and the files) each rebuild was a good part of it.
    let mut produced = Vec::new();
    for ((f, d, reused), job) in results.into_iter().zip(&jobs) {
        if reused {
            stats.reused += 1;
        } else {
            stats.produced += 1;
            if cache.is_some() {
                produced.push((job, f.clone(), d.clone()));
            }
        }
        for file in f {
            sink.put(file);
        }
        diags.extend(d);
    }
    if let Some(cache) = cache {
        for (job, files, diags) in produced {
            match job {
                Job::Year(fy) => {
                    let entry = YearEntry {
                        agency: agency.clone(),
                        year: (*fy).clone(),
                        ocds: ocds_key.clone(),
                        files,
                        diags,
                    };
                    cache.years.insert(fy.year, entry);
                }
                Job::Month(fy, m) => {
                    let entry = MonthEntry {
                        agency: agency.clone(),
                        month: (*m).clone(),
                        files,
                        diags,
                    };
                    cache.months.insert((fy.year, m.month), entry);
                }
            }
        }
        cache.forget_missing(data);
    }
    dedup_by_code(
        &mut diags,
        &["OCDS-PREFIX-PLACEHOLDER", "OCDS-PREFIX-MISSING"],
    );
    (diags, stats)
}

/// The files of one download job.
fn produce(
    job: &Job<'_>,
    data: &Data,
    agency: &prongsai_model::Agency,
    export: &ExportOptions,
    shapes: &prongsai_export::ShapeCache,
    ocds: &OcdsOptions,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    match job {
        Job::Year(fy) => {
            let y = fy.year;
            let src = format!("procurement-data/{y}");
            let mut files = vec![
                OutputFile::raw(
                    format!("data/{y}/procurements.json"),
                    prongsai_export::procurements_json(fy, Some(agency)),
                    &src,
                ),
                OutputFile::raw(
                    format!("data/{y}/procurements.csv"),
                    prongsai_export::procurements_csv(fy),
                    &src,
                ),
            ];
            if fy.plan.is_some() {
                files.push(OutputFile::raw(
                    format!("data/{y}/plan.json"),
                    prongsai_export::plan_json(fy, Some(agency)),
                    &src,
                ));
                files.push(OutputFile::raw(
                    format!("data/{y}/plan.csv"),
                    prongsai_export::plan_csv(fy),
                    &src,
                ));
            }
            let (pkg, diags) = prongsai_ocds::release_package(data, y, ocds);
            if pkg.is_publishable() {
                files.push(OutputFile::raw(
                    format!("data/{y}/ocds.json"),
                    prongsai_ocds::to_json_bytes(&pkg),
                    &src,
                ));
            }
            (files, diags)
        }
        Job::Month(fy, m) => {
            let key = m.month.key();
            let mut files = Vec::with_capacity(2);
            let mut diags = Vec::new();
            let base = format!("data/{}/months/{key}", fy.year);
            match prongsai_export::month_xlsx(agency, fy.year, m.month, &m.records, export) {
                Ok(bytes) => {
                    files.push(OutputFile::raw(format!("{base}.xlsx"), bytes, &m.file.path))
                }
                Err(e) => diags.push(export_error(&m.file.path, "XLSX", &e.to_string())),
            }
            let pdf = prongsai_export::month_pdf_shared(
                agency, fy.year, m.month, &m.records, export, shapes,
            );
            match pdf {
                Ok(bytes) => {
                    files.push(OutputFile::raw(format!("{base}.pdf"), bytes, &m.file.path))
                }
                Err(e) => diags.push(export_error(&m.file.path, "PDF", &e.to_string())),
            }
            (files, diags)
        }
    }
}

fn export_error(file: &str, what: &str, detail: &str) -> Diagnostic {
    Diagnostic::error(
        "R200",
        format!("สร้างไฟล์ {what} ของเดือนนี้ไม่สำเร็จ ({detail}) — โปรดแจ้งผู้ดูแลระบบ prongsai"),
        format!("could not produce the month's {what} ({detail}); please report this to the prongsai maintainers"),
    )
    .at(Location::file(file))
}

/// The same agency-wide warning once per fiscal year says nothing new after the first.
fn dedup_by_code(diags: &mut Vec<Diagnostic>, codes: &[&str]) {
    let mut seen = std::collections::BTreeSet::new();
    diags.retain(|d| !codes.contains(&d.code.as_str()) || seen.insert(d.code.clone()));
}

/// The search index over content pages, suppliers and records; with a cache, rebuilt only
/// when its documents changed.
pub(crate) fn search(
    site: &Site,
    data: &Data,
    fmt: Fmt,
    cache: Option<&mut SearchCache>,
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
            text: strip_tags(&p.content),
        })
        .collect();
    docs.extend(prongsai_views::search_docs(data, fmt));
    if let Some(cache) = cache.as_deref()
        && let Some(files) = &cache.files
        && cache.docs == docs
    {
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
    if let Some(cache) = cache {
        cache.files = Some(files.clone());
        cache.docs = docs;
    }
    for file in files {
        sink.put(file);
    }
    RenderStats {
        produced: 1,
        reused: 0,
    }
}

/// Text of an HTML fragment, for indexing only (entities are left as they are).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_keeping_text_apart() {
        assert_eq!(
            strip_tags("<p>ถนน</p><p>คอนกรีต</p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["ถนน", "คอนกรีต"]
        );
    }
}
