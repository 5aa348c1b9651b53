//! What a previous render produced, kept by `prongsai serve` so a rebuild re-renders only the
//! outputs whose inputs changed.
//!
//! Every entry is keyed by the exact inputs of its output (compared with `==`, never hashed, so
//! there are no collisions to reason about): a procurement page by its [`PageView`] and the
//! site-wide values its templates can see, a month download by the agency and the month file, a
//! year download by the agency, the fiscal year and the OCDS options, the search index by its
//! documents. A reused output is therefore the output a fresh render would produce, byte for byte.
//! A change to any template drops everything, since templates include and extend one another.
//!
//! Making and comparing every page's view was most of a rebuild, so the pages of one fiscal
//! year and the record pages of one month file are also kept as a group, keyed by the data they
//! are made from (see [`prongsai_views::year_pages`] and [`prongsai_views::record_page`]): while
//! that data and their templates' site-wide values are unchanged, their views are not even made.

use crate::procurement::Seen;
use prongsai_model::{
    Agency, AnnualReport, Data, Diagnostic, DueRules, FiscalYear, MonthFile, Plan, PlanMeta,
    YearMonth, fiscal_quarter_months,
};
use prongsai_search::SearchDoc;
use prongsai_views::outputs::{Kind, Period};
use prongsai_views::{Options, PageView};
use prongsai_write::{OutputFile, Sink};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Cached outputs of earlier renders; start with `RenderCache::default()`.
#[derive(Default)]
pub struct RenderCache {
    /// The theme's templates (name → text) the entries below were rendered with.
    pub(crate) templates: BTreeMap<String, Vec<u8>>,
    pub(crate) pages: PageCache,
    pub(crate) downloads: DownloadCache,
    pub(crate) search: SearchCache,
    pub(crate) stats: RenderStats,
}

#[derive(Default)]
pub(crate) struct PageCache {
    /// Per template: the site-wide values (JSON) its template closure mentions.
    pub globals: HashMap<String, String>,
    /// The pages over all the data (indexes, suppliers, search), by output path.
    pub pages: HashMap<String, (PageView, OutputFile)>,
    /// Each fiscal year's own pages.
    pub years: HashMap<i32, Group<YearKey>>,
    /// Each month file's record pages, by fiscal year and month.
    pub months: HashMap<(i32, YearMonth), Group<MonthKey>>,
}

/// A page's view and what it rendered to.
type Entry = (PageView, OutputFile);

/// The pages made from one part of the data, and that part as it was.
pub(crate) struct Group<K> {
    pub key: K,
    /// In the order the views list them; only pages that rendered, as errors are never cached.
    pub pages: Vec<Entry>,
    /// Every view rendered: only then may the group stand in for its views.
    pub whole: bool,
}

/// What [`prongsai_views::year_pages`] reads.
#[derive(PartialEq)]
pub(crate) struct YearKey {
    pub opts: Options,
    pub year: FiscalYear,
}

/// What [`prongsai_views::record_page`] reads for the records of one month file: the file and
/// the plan of each fiscal year its records fall in (usually only the folder's own).
#[derive(PartialEq)]
pub(crate) struct MonthKey {
    pub opts: Options,
    pub month: MonthFile,
    pub plans: Vec<(i32, Option<Plan>)>,
}

#[derive(Default)]
pub(crate) struct DownloadCache {
    pub months: HashMap<(i32, YearMonth), MonthEntry>,
    pub years: HashMap<i32, YearEntry>,
    /// The quarter, annual-summary and plan documents, by fiscal year and kind.
    pub docs: HashMap<(i32, DocKind), DocEntry>,
}

/// A fiscal year's document besides its month files and data files: a
/// [`Producer::Document`](prongsai_views::outputs::Producer) output of the registry and its period.
pub(crate) type DocKind = (Kind, Period);

/// What one document was made from: exactly what its export function reads.
pub(crate) enum DocInput {
    /// The quarter's three months (a missing one: `None`) and the due rules its ยังไม่เผยแพร่
    /// notes date from.
    Quarter(Vec<(YearMonth, Option<MonthFile>)>, DueRules),
    AnnualSummary(BTreeMap<YearMonth, MonthFile>, Option<AnnualReport>),
    Plan(Option<Plan>, Option<PlanMeta>),
    Other,
}

impl DocInput {
    pub(crate) fn of(fy: &FiscalYear, kind: DocKind, due: &DueRules) -> DocInput {
        match kind {
            (Kind::Quarter, Period::Quarter(q)) => DocInput::Quarter(
                fiscal_quarter_months(fy.year, q)
                    .iter()
                    .map(|m| (*m, fy.months.get(m).cloned()))
                    .collect(),
                *due,
            ),
            (Kind::AnnualSummary, _) => {
                DocInput::AnnualSummary(fy.months.clone(), fy.annual.clone())
            }
            (Kind::PlanDocument, _) => DocInput::Plan(fy.plan.clone(), fy.plan_meta.clone()),
            // No other output is a document; an input matching nothing is never reused.
            _ => DocInput::Other,
        }
    }

    /// Equal to `DocInput::of(fy, kind, due)`, without copying the data to find out.
    pub(crate) fn matches(&self, fy: &FiscalYear, kind: DocKind, due: &DueRules) -> bool {
        match (self, kind) {
            (DocInput::Quarter(months, d), (Kind::Quarter, Period::Quarter(q))) => {
                d == due
                    && months.len() == 3
                    && fiscal_quarter_months(fy.year, q)
                        .iter()
                        .zip(months)
                        .all(|(m, (m2, f))| m == m2 && fy.months.get(m) == f.as_ref())
            }
            (DocInput::AnnualSummary(months, annual), (Kind::AnnualSummary, _)) => {
                *months == fy.months && *annual == fy.annual
            }
            (DocInput::Plan(plan, meta), (Kind::PlanDocument, _)) => {
                *plan == fy.plan && *meta == fy.plan_meta
            }
            _ => false,
        }
    }
}

pub(crate) struct DocEntry {
    pub agency: Agency,
    pub input: DocInput,
    pub files: Vec<OutputFile>,
    pub diags: Vec<Diagnostic>,
}

#[derive(Default)]
pub(crate) struct SearchCache {
    pub docs: Vec<SearchDoc>,
    pub files: Option<Vec<OutputFile>>,
}

/// How much of the last render was produced anew and how much was reused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Procurement pages, month/year downloads and the search index produced anew.
    pub produced: usize,
    /// The same kinds of output taken from the cache.
    pub reused: usize,
}

impl RenderStats {
    pub(crate) fn add(self, other: RenderStats) -> RenderStats {
        RenderStats {
            produced: self.produced + other.produced,
            reused: self.reused + other.reused,
        }
    }
}

impl DownloadCache {
    /// Drops the entries of fiscal years and month files that are no longer there.
    pub(crate) fn forget_missing(&mut self, data: &Data) {
        self.years.retain(|y, _| data.years.contains_key(y));
        self.months.retain(|(y, m), _| {
            data.years
                .get(y)
                .is_some_and(|fy| fy.months.contains_key(m))
        });
    }

    /// Keeps only the documents this render produced or reused.
    pub(crate) fn keep_docs(&mut self, current: &HashSet<(i32, DocKind)>) {
        self.docs.retain(|k, _| current.contains(k));
    }
}

pub(crate) struct MonthEntry {
    pub agency: Agency,
    pub month: MonthFile,
    pub files: Vec<OutputFile>,
    pub diags: Vec<Diagnostic>,
}

pub(crate) struct YearEntry {
    pub agency: Agency,
    pub year: FiscalYear,
    pub ocds: (prongsai_ocds::OcdsOptions, prongsai_ocds::TinDirectory),
    pub files: Vec<OutputFile>,
    pub diags: Vec<Diagnostic>,
}

impl RenderCache {
    /// What the most recent render with this cache produced and reused.
    pub fn last_stats(&self) -> RenderStats {
        self.stats
    }

    pub(crate) fn parts(&mut self) -> (&mut PageCache, &mut DownloadCache, &mut SearchCache) {
        (&mut self.pages, &mut self.downloads, &mut self.search)
    }

    /// Forgets everything when the templates differ from those the entries were rendered with.
    pub(crate) fn check_templates(&mut self, current: BTreeMap<String, Vec<u8>>) {
        if self.templates != current {
            *self = RenderCache {
                templates: current,
                ..RenderCache::default()
            };
        }
        self.stats = RenderStats::default();
    }
}

/// The plans a month file's record pages link to, by fiscal year: a plan line is looked up in
/// the record's own fiscal year, which a misfiled month can put outside the folder's.
fn month_plans<'a>(data: &'a Data, month: &MonthFile) -> Vec<(i32, Option<&'a Plan>)> {
    let years: BTreeSet<i32> = month.records.iter().map(|r| r.fiscal_year()).collect();
    years
        .into_iter()
        .map(|y| (y, data.years.get(&y).and_then(|fy| fy.plan.as_ref())))
        .collect()
}

impl MonthKey {
    fn matches(&self, opts: &Options, month: &MonthFile, plans: &[(i32, Option<&Plan>)]) -> bool {
        self.opts == *opts
            && self.month == *month
            && self.plans.len() == plans.len()
            && self
                .plans
                .iter()
                .zip(plans)
                .all(|((y, p), (y2, p2))| y == y2 && p.as_ref() == *p2)
    }
}

/// One part of the procurement pages, in the order [`prongsai_views::pages`] lists them.
#[derive(Clone, Copy)]
enum Part<'a> {
    Index,
    Year(&'a FiscalYear),
    Month(&'a FiscalYear, &'a MonthFile),
    Closing,
}

/// A part's pages as this render has them.
enum Made {
    /// Its group still holds: its pages are the cached ones.
    Kept,
    /// Views made afresh, each rendered or reused: (view, file or error, reused).
    Views(Vec<(PageView, Result<OutputFile, Box<Diagnostic>>, bool)>),
}

/// The procurement pages through the cache: the output paths put into `sink` in
/// [`prongsai_views::pages`] order, the render errors, and what was produced and reused.
/// Afterwards the cache holds exactly this render's pages.
pub(crate) fn pages(
    cache: &mut PageCache,
    seen: &Seen,
    data: &Data,
    opts: &Options,
    render: &(dyn Fn(&PageView) -> Result<OutputFile, Box<Diagnostic>> + Sync),
    sink: &dyn Sink,
) -> (Vec<String>, Vec<Diagnostic>, RenderStats) {
    // Every template's, not only those in use: computing them needs no views.
    let globals: HashMap<String, String> = seen
        .texts
        .keys()
        .map(|t| (t.clone(), globals_seen_by(t, &seen.texts, &seen.globals)))
        .collect();
    let fresh = |template: &str| cache.globals.get(template) == globals.get(template);
    let group_holds =
        |pages: &[Entry], whole: bool| whole && pages.iter().all(|(v, _)| fresh(v.template));

    let mut parts = vec![Part::Index];
    parts.extend(data.years.values().map(Part::Year));
    parts.extend(
        data.years
            .values()
            .flat_map(|fy| fy.months.values().map(move |m| Part::Month(fy, m))),
    );
    parts.push(Part::Closing);

    let made: Vec<Made> = parts
        .par_iter()
        .map(|part| {
            let (views, old): (Vec<PageView>, Option<&[Entry]>) = match *part {
                Part::Index => (prongsai_views::index_pages(data, opts), None),
                Part::Closing => (prongsai_views::closing_pages(data, opts), None),
                Part::Year(fy) => {
                    let old = cache.years.get(&fy.year);
                    if let Some(g) = old
                        && g.key.opts == *opts
                        && g.key.year == *fy
                        && group_holds(&g.pages, g.whole)
                    {
                        return Made::Kept;
                    }
                    let views = prongsai_views::year_pages(fy, opts);
                    (views, old.map(|g| g.pages.as_slice()))
                }
                Part::Month(fy, m) => {
                    let old = cache.months.get(&(fy.year, m.month));
                    if let Some(g) = old
                        && g.key.matches(opts, m, &month_plans(data, m))
                        && group_holds(&g.pages, g.whole)
                    {
                        return Made::Kept;
                    }
                    let views = m
                        .records
                        .par_iter()
                        .map(|r| prongsai_views::record_page(data, r, opts))
                        .collect();
                    (views, old.map(|g| g.pages.as_slice()))
                }
            };
            let by_output: Option<HashMap<&str, &Entry>> =
                old.map(|pages| pages.iter().map(|e| (e.0.output.as_str(), e)).collect());
            let rendered = views
                .into_par_iter()
                .map(|v| {
                    let hit = match &by_output {
                        Some(pages) => pages.get(v.output.as_str()).copied(),
                        None => cache.pages.get(&v.output),
                    };
                    match hit {
                        Some((view, file)) if *view == v && fresh(v.template) => {
                            let file = file.clone();
                            (v, Ok(file), true)
                        }
                        _ => {
                            let file = render(&v);
                            (v, file, false)
                        }
                    }
                })
                .collect();
            Made::Views(rendered)
        })
        .collect();

    let mut stats = RenderStats::default();
    let mut paths = Vec::new();
    let mut diags = Vec::new();
    let mut shared_outputs = HashSet::new();
    for (part, made) in parts.iter().zip(made) {
        let rendered = match made {
            Made::Kept => {
                let pages = match *part {
                    Part::Year(fy) => cache.years.get(&fy.year).map(|g| &g.pages),
                    Part::Month(fy, m) => cache.months.get(&(fy.year, m.month)).map(|g| &g.pages),
                    Part::Index | Part::Closing => None,
                };
                for (_, file) in pages.into_iter().flatten() {
                    stats.reused += 1;
                    paths.push(file.path.clone());
                    sink.put(file.clone());
                }
                continue;
            }
            Made::Views(rendered) => rendered,
        };
        let whole = rendered.iter().all(|(_, r, _)| r.is_ok());
        let mut group = Vec::with_capacity(rendered.len());
        for (view, result, reused) in rendered {
            if reused {
                stats.reused += 1;
            } else {
                stats.produced += 1;
            }
            let file = match result {
                Ok(file) => file,
                Err(d) => {
                    diags.push(*d);
                    continue;
                }
            };
            paths.push(file.path.clone());
            match part {
                Part::Index | Part::Closing => {
                    shared_outputs.insert(view.output.clone());
                    if !reused {
                        cache
                            .pages
                            .insert(view.output.clone(), (view, file.clone()));
                    }
                }
                Part::Year(_) | Part::Month(..) => group.push((view, file.clone())),
            }
            sink.put(file);
        }
        match *part {
            Part::Year(fy) => {
                let key = YearKey {
                    opts: *opts,
                    year: fy.clone(),
                };
                let group = Group {
                    key,
                    pages: group,
                    whole,
                };
                cache.years.insert(fy.year, group);
            }
            Part::Month(fy, m) => {
                let key = MonthKey {
                    opts: *opts,
                    month: m.clone(),
                    plans: month_plans(data, m)
                        .into_iter()
                        .map(|(y, p)| (y, p.cloned()))
                        .collect(),
                };
                let group = Group {
                    key,
                    pages: group,
                    whole,
                };
                cache.months.insert((fy.year, m.month), group);
            }
            Part::Index | Part::Closing => {}
        }
    }
    cache
        .pages
        .retain(|output, _| shared_outputs.contains(output));
    cache.years.retain(|y, _| data.years.contains_key(y));
    cache.months.retain(|(y, m), _| {
        data.years
            .get(y)
            .is_some_and(|fy| fy.months.contains_key(m))
    });
    cache.globals = globals;
    (paths, diags, stats)
}

/// The JSON of every site-wide value whose name occurs in `template` or in a template it names
/// (extends, includes, imports), transitively.
///
/// Reading the names as plain text over-approximates what a template uses (a name in a comment
/// counts too), which only costs a needless re-render, never a stale page.
pub(crate) fn globals_seen_by(
    template: &str,
    texts: &BTreeMap<String, String>,
    globals: &[(&'static str, String)],
) -> String {
    let mut seen = BTreeSet::new();
    let mut todo = vec![template];
    while let Some(name) = todo.pop() {
        if !seen.insert(name) {
            continue;
        }
        let Some(text) = texts.get(name) else {
            continue;
        };
        for other in texts.keys() {
            if !seen.contains(other.as_str())
                && (text.contains(&format!("\"{other}\"")) || text.contains(&format!("'{other}'")))
            {
                todo.push(other);
            }
        }
    }
    let mut out = String::new();
    for (name, json) in globals {
        if seen
            .iter()
            .any(|t| texts.get(*t).is_some_and(|text| text.contains(name)))
        {
            out.push_str(name);
            out.push('=');
            out.push_str(json);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_extends_and_ignores_unnamed_templates() {
        let texts: BTreeMap<String, String> = [
            (
                "base.html",
                "{{ site.title }}{% block main %}{% endblock %}",
            ),
            (
                "month.html",
                "{% extends \"base.html\" %}{% block main %}{{ p.x }}{% endblock %}",
            ),
            ("index.html", "{% extends 'base.html' %}{{ glance.total }}"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        let globals = [("site", "1".to_owned()), ("glance", "2".to_owned())];
        assert_eq!(globals_seen_by("month.html", &texts, &globals), "site=1\n");
        assert_eq!(
            globals_seen_by("index.html", &texts, &globals),
            "site=1\nglance=2\n"
        );
    }
}
