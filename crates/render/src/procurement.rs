//! The procurement half of the site: pages from [`prongsai_views`], the ITA evidence indexes,
//! the open-data downloads and the search index. Everything here runs in parallel and reads the
//! loaded data by reference.

use crate::RenderInput;
use prongsai_check::ItaEvaluation;
use prongsai_content::{PageKind, Site};
use prongsai_export::ExportOptions;
use prongsai_model::{Data, Diagnostic, Location};
use prongsai_ocds::OcdsOptions;
use prongsai_search::SearchDoc;
use prongsai_views::{Fmt, Options, PageView};
use prongsai_write::OutputFile;
use rayon::prelude::*;
use tera::{Context, Tera};

pub(crate) fn view_options(input: &RenderInput<'_>) -> Options {
    Options {
        as_of: input.as_of,
        fmt: Fmt {
            thai_digits: input.site.config.thai_digits,
        },
    }
}

/// Renders every procurement page and ITA index; returns files and any template errors.
pub(crate) fn pages(tera: &Tera, input: &RenderInput<'_>) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let views = prongsai_views::pages(input.data, &view_options(input));
    let results: Vec<Result<OutputFile, Box<Diagnostic>>> =
        views.par_iter().map(|v| render_view(tera, v)).collect();
    let mut files = Vec::with_capacity(results.len() + input.ita.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(*d),
        }
    }
    for ita in input.ita {
        match render_ita(tera, ita) {
            Ok(f) => files.push(f),
            Err(d) => diags.push(*d),
        }
    }
    (files, diags)
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
    format!("ita/{}/index.html", ita.assessment_year)
}

fn render_ita(tera: &Tera, ita: &ItaEvaluation) -> Result<OutputFile, Box<Diagnostic>> {
    let mut ctx = Context::new();
    ctx.insert("ita", ita);
    let url = format!("/ita/{}/", ita.assessment_year);
    ctx.insert("current_url", &url);
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
pub(crate) fn downloads(input: &RenderInput<'_>) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let data = input.data;
    let Some(agency) = data.agency.as_ref() else {
        // Without agency.yaml the loader has already reported an error; nothing to fill the ITA columns with.
        return (Vec::new(), Vec::new());
    };
    let export = ExportOptions::default();
    let ocds = OcdsOptions {
        base_url: input.base_url.to_owned(),
        published_date: None,
        license: input.site.config.data_license.clone(),
        publication_policy: None,
    };
    let jobs: Vec<Job<'_>> = data
        .years
        .values()
        .flat_map(|fy| {
            std::iter::once(Job::Year(fy)).chain(fy.months.values().map(move |m| Job::Month(fy, m)))
        })
        .collect();
    let results: Vec<(Vec<OutputFile>, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|job| match job {
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
                let (pkg, diags) = prongsai_ocds::release_package(data, y, &ocds);
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
                match prongsai_export::month_xlsx(agency, fy.year, m.month, &m.records, &export) {
                    Ok(bytes) => {
                        files.push(OutputFile::raw(format!("{base}.xlsx"), bytes, &m.file.path))
                    }
                    Err(e) => diags.push(export_error(&m.file.path, "XLSX", &e.to_string())),
                }
                match prongsai_export::month_pdf(agency, fy.year, m.month, &m.records, &export) {
                    Ok(bytes) => {
                        files.push(OutputFile::raw(format!("{base}.pdf"), bytes, &m.file.path))
                    }
                    Err(e) => diags.push(export_error(&m.file.path, "PDF", &e.to_string())),
                }
                (files, diags)
            }
        })
        .collect();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for (f, d) in results {
        files.extend(f);
        diags.extend(d);
    }
    dedup_by_code(
        &mut diags,
        &["OCDS-PREFIX-PLACEHOLDER", "OCDS-PREFIX-MISSING"],
    );
    (files, diags)
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

/// The search index over content pages, suppliers and records.
pub(crate) fn search(site: &Site, data: &Data, fmt: Fmt) -> Vec<OutputFile> {
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
    prongsai_search::build(&docs)
        .into_iter()
        .map(|(path, bytes)| OutputFile::raw(path, bytes, "search index"))
        .collect()
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
