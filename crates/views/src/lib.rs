//! The procurement pages as view models: everything a template shows, already computed and
//! formatted (figures, Thai dates, links, SVG charts), so templates stay simple and figures are
//! computed once, from the month files, never typed.
//!
//! One function per page type; [`pages`] returns them all, built in parallel. Each
//! [`PageView`] names its template and carries its own context; site-wide values (menus, the
//! agency, the sample banner) are added once by the render stage, not copied into every page.

pub mod dates;
pub mod fmt;
pub mod outputs;
pub mod urls;

mod egp;
mod records;
mod search;
mod years;

pub use fmt::Fmt;
pub use search::search_docs;

use prongsai_model::{Data, Date, FiscalYear, Procurement};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Decides which months have ended (a missing ended month is "not yet published").
    pub as_of: Date,
    /// When missing disclosures fall due (site.yaml `checks:`), for the month grid's gaps.
    pub due: prongsai_model::DueRules,
    pub fmt: Fmt,
    /// Whether year pages show the cross-check with e-GP (site.yaml `egp.public`).
    pub egp_public: bool,
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
    /// How new the data the page shows is ([`dates`]), for its "last updated" line.
    pub updated: Option<Date>,
    /// The page's own values, already in tera's form: a build makes 100,000 of these, and
    /// going through `serde_json::Value` first cost a second tree to build, convert and drop.
    pub context: tera::Value,
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
            updated: None,
            context: tera::Value::try_from_serializable(&context)
                .unwrap_or_else(|_| tera::Value::none()),
        }
    }

    fn updated(mut self, d: Date) -> PageView {
        self.updated = Some(d);
        self
    }
}

/// A download link with its format, shown as "ดาวน์โหลด CSV".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
    pub format: &'static str,
}

/// All procurement pages of the site: years, plans, months, records, suppliers, annual reports
/// and the search page.
///
/// The render stage does not call this: it makes the same pages part by part ([`index_pages`],
/// [`year_pages`] per year, [`record_page`] per record as it renders it, [`closing_pages`]), so
/// a large build never holds every record's view at once.
pub fn pages(data: &Data, opts: &Options) -> Vec<PageView> {
    let mut out = index_pages(data, opts);
    let per_year: Vec<Vec<PageView>> = data
        .years
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|fy| year_pages(fy, opts))
        .collect();
    out.extend(per_year.into_iter().flatten());
    out.extend(records::record_pages(data, opts));
    out.extend(closing_pages(data, opts));
    out
}

/// The pages [`pages`] lists first, which summarise every fiscal year: the years index. (The
/// downloads index `/data/` is made by the render stage from the files it actually wrote.)
pub fn index_pages(data: &Data, opts: &Options) -> Vec<PageView> {
    if !outputs::has_year_indexes(data) {
        return Vec::new();
    }
    vec![years::years_index(data, opts)]
}

/// Overview, plan, months and annual report of one fiscal year, as [`pages`] lists them after
/// [`index_pages`], year by year.
///
/// Made from `fy` and `opts` alone: `prongsai serve` reuses a year's pages while its
/// `FiscalYear` is unchanged, so anything else these pages show must become a parameter.
pub fn year_pages(fy: &FiscalYear, opts: &Options) -> Vec<PageView> {
    years::year_pages(fy, opts)
}

/// The pages [`pages`] lists last, after the records: suppliers (over every year) and the
/// search page.
pub fn closing_pages(data: &Data, opts: &Options) -> Vec<PageView> {
    let mut out = records::supplier_pages(data, opts);
    out.push(search::search_page(data, opts));
    out
}

/// The page of one record, listed by [`pages`] after every year's pages, in record order.
///
/// Made from the record, the plan of its fiscal year (`data.years[&record.fiscal_year()]`)
/// and `opts` alone: `prongsai serve` reuses a month's record pages while these are unchanged,
/// so anything else a record page shows must become part of that key.
pub fn record_page(data: &Data, record: &Procurement, opts: &Options) -> PageView {
    records::record_page(data, record, opts)
}

/// The "at a glance" block of the home page: the newest fiscal year's figures.
pub fn home(data: &Data, opts: &Options) -> serde_json::Value {
    let Some(fy) = data.current_year() else {
        return serde_json::Value::Null;
    };
    let mut glance = serde_json::to_value(years::glance(fy, opts)).unwrap_or_default();
    // Every disclosure still missing, of every year: the public sees the gap, not last month's site.
    let gaps: Vec<GapView> = prongsai_model::gaps(data, opts.as_of, &opts.due)
        .iter()
        .map(GapView::of)
        .collect();
    if let Some(o) = glance.as_object_mut() {
        o.insert(
            "gaps".to_owned(),
            serde_json::to_value(gaps).unwrap_or_default(),
        );
    }
    glance
}

/// A missing disclosure as the home page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GapView {
    pub label: String,
    pub status: String,
    pub overdue: bool,
    /// The fiscal year's page, where the month grid shows the gap.
    pub url: String,
}

impl GapView {
    pub fn of(g: &prongsai_model::Gap) -> GapView {
        GapView {
            label: g.label_th(),
            status: g.status_th(),
            overdue: g.is_overdue(),
            url: urls::year(g.fiscal_year),
        }
    }
}

#[cfg(test)]
mod tests;
