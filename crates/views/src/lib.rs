//! The procurement pages as view models: everything a template shows, already computed and
//! formatted (figures, Thai dates, links, SVG charts), so templates stay simple and figures are
//! computed once, from the month files, never typed.
//!
//! One function per page type; [`pages`] returns them all, built in parallel. Each
//! [`PageView`] names its template and carries its own context; site-wide values (menus, the
//! agency, the sample banner) are added once by the render stage, not copied into every page.

pub mod fmt;
pub mod urls;

mod records;
mod search;
mod years;

pub use fmt::Fmt;
pub use search::search_docs;

use prongsai_model::{Data, Date};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Decides which months have ended (a missing ended month is "not yet published").
    pub as_of: Date,
    pub fmt: Fmt,
}

/// One page to render: where it goes, with which template, and its own values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageView {
    /// Site path, ending in `/`.
    pub url: String,
    /// Output file relative to the site root.
    pub output: String,
    pub template: &'static str,
    pub title: String,
    pub description: String,
    pub context: serde_json::Value,
}

impl PageView {
    fn new(
        url: String,
        template: &'static str,
        title: String,
        description: String,
        context: impl Serialize,
    ) -> PageView {
        PageView {
            output: urls::output_of(&url),
            url,
            template,
            title,
            description,
            context: serde_json::to_value(context).unwrap_or(serde_json::Value::Null),
        }
    }
}

/// A download link with its format, shown as "ดาวน์โหลด CSV".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
    pub format: &'static str,
}

/// All procurement pages of the site: years, plans, months, records, suppliers, annual reports,
/// the downloads index and the search page.
pub fn pages(data: &Data, opts: &Options) -> Vec<PageView> {
    let mut out: Vec<PageView> = Vec::new();
    if !data.years.is_empty() {
        out.push(years::years_index(data, opts));
        out.push(years::data_index(data, opts));
    }
    let per_year: Vec<Vec<PageView>> = data
        .years
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|fy| years::year_pages(fy, opts))
        .collect();
    out.extend(per_year.into_iter().flatten());
    out.extend(records::record_pages(data, opts));
    out.extend(records::supplier_pages(data, opts));
    out.push(search::search_page(data));
    out
}

/// The "at a glance" block of the home page: the newest fiscal year's figures.
pub fn home(data: &Data, opts: &Options) -> serde_json::Value {
    data.current_year()
        .map(|fy| serde_json::to_value(years::glance(fy, opts)).unwrap_or_default())
        .unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests;
