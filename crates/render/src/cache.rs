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
//!
//! The cache is a layer, never a second way to render: the render stage runs the same jobs for
//! `build` and `serve` and asks a [`PageLayer`], [`DownloadLayer`] and [`SearchLayer`] which of
//! them to run. A build's layer ([`Fresh`]) runs every job and keeps nothing, so its files stream
//! to the writer; `serve`'s layers are the pieces of a [`RenderCache`].

use crate::procurement::{Job, Seen};
use prongsai_model::{
    Agency, AnnualReport, Data, Diagnostic, DueRules, FiscalYear, MonthFile, Plan, PlanMeta,
    YearMonth, fiscal_quarter_months,
};
use prongsai_search::SearchDoc;
use prongsai_views::outputs::{Kind, Period};
use prongsai_views::{Options, PageView};
use prongsai_write::OutputFile;
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
pub(crate) type Entry = (PageView, OutputFile);

/// The pages made from one part of the data, and that part as it was.
pub(crate) struct Group<K> {
    pub key: K,
    /// In the order the views list them; only pages that rendered, as errors are never cached.
    pub pages: Vec<Entry>,
    /// Index into `pages` by output path.
    pub by_output: HashMap<String, usize>,
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

/// What decides, for each kind of output, which of its jobs a render re-runs.
pub(crate) struct Layers<'a> {
    pub pages: Box<dyn PageLayer + 'a>,
    pub downloads: Box<dyn DownloadLayer + 'a>,
    pub search: Box<dyn SearchLayer + 'a>,
}

impl Layers<'static> {
    /// A build's: every job runs, and nothing is kept.
    pub(crate) fn fresh() -> Layers<'static> {
        Layers {
            pages: Box::new(Fresh),
            downloads: Box::new(Fresh),
            search: Box::new(Fresh),
        }
    }
}

/// What a download job's output is made from besides its own part of the data.
pub(crate) struct JobInputs<'a> {
    pub agency: &'a Agency,
    /// The OCDS options and the TINs of every year: a TIN given in one names the party in all.
    pub ocds: &'a (prongsai_ocds::OcdsOptions, prongsai_ocds::TinDirectory),
    pub due: DueRules,
}

/// A download job's files and diagnostics.
pub(crate) type JobMade = (Vec<OutputFile>, Vec<Diagnostic>);

/// Decides which download jobs re-run (see [`PageLayer`]).
pub(crate) trait DownloadLayer: Send + Sync {
    /// An earlier render's files and diagnostics of `job`, when made from equal inputs.
    fn reuse(
        &self,
        job: &Job<'_>,
        inputs: &JobInputs<'_>,
    ) -> Option<(&[OutputFile], &[Diagnostic])>;
    /// Whether [`DownloadLayer::remember`] wants the files, which a build must not hold.
    fn remembers(&self) -> bool;
    /// A job this render ran anew, with what it made.
    fn remember(&mut self, job: &Job<'_>, inputs: &JobInputs<'_>, made: JobMade);
    /// After the last job: forgets what this render no longer has.
    fn finish(&mut self, data: &Data, jobs: &[Job<'_>]);
    /// No job could run (there is no agency).
    fn clear(&mut self);
}

impl DownloadLayer for Fresh {
    fn reuse(&self, _: &Job<'_>, _: &JobInputs<'_>) -> Option<(&[OutputFile], &[Diagnostic])> {
        None
    }
    fn remembers(&self) -> bool {
        false
    }
    fn remember(&mut self, _: &Job<'_>, _: &JobInputs<'_>, _: JobMade) {}
    fn finish(&mut self, _: &Data, _: &[Job<'_>]) {}
    fn clear(&mut self) {}
}

/// A month's files are re-produced only when the agency or that month file changed, a year's
/// only when the agency, that fiscal year or the OCDS inputs changed, a document's only when
/// the agency or what it is made from ([`DocInput`]) changed.
impl DownloadLayer for &mut DownloadCache {
    fn reuse(
        &self,
        job: &Job<'_>,
        inputs: &JobInputs<'_>,
    ) -> Option<(&[OutputFile], &[Diagnostic])> {
        let agency = inputs.agency;
        match job {
            Job::Year(fy) => self
                .years
                .get(&fy.year)
                .filter(|e| e.agency == *agency && e.year == **fy && e.ocds == *inputs.ocds)
                .map(|e| (&e.files[..], &e.diags[..])),
            Job::Month(fy, m) => self
                .months
                .get(&(fy.year, m.month))
                .filter(|e| e.agency == *agency && e.month == **m)
                .map(|e| (&e.files[..], &e.diags[..])),
            Job::Doc(fy, kind) => self
                .docs
                .get(&(fy.year, *kind))
                .filter(|e| e.agency == *agency && e.input.matches(fy, *kind, &inputs.due))
                .map(|e| (&e.files[..], &e.diags[..])),
        }
    }

    fn remembers(&self) -> bool {
        true
    }

    fn remember(&mut self, job: &Job<'_>, inputs: &JobInputs<'_>, (files, diags): JobMade) {
        let agency = inputs.agency.clone();
        match job {
            Job::Year(fy) => {
                let entry = YearEntry {
                    agency,
                    year: (*fy).clone(),
                    ocds: inputs.ocds.clone(),
                    files,
                    diags,
                };
                self.years.insert(fy.year, entry);
            }
            Job::Month(fy, m) => {
                let entry = MonthEntry {
                    agency,
                    month: (*m).clone(),
                    files,
                    diags,
                };
                self.months.insert((fy.year, m.month), entry);
            }
            Job::Doc(fy, kind) => {
                let entry = DocEntry {
                    agency,
                    input: DocInput::of(fy, *kind, &inputs.due),
                    files,
                    diags,
                };
                self.docs.insert((fy.year, *kind), entry);
            }
        }
    }

    fn finish(&mut self, data: &Data, jobs: &[Job<'_>]) {
        self.years.retain(|y, _| data.years.contains_key(y));
        self.months.retain(|(y, m), _| {
            data.years
                .get(y)
                .is_some_and(|fy| fy.months.contains_key(m))
        });
        let docs: HashSet<(i32, DocKind)> = jobs
            .iter()
            .filter_map(|j| match j {
                Job::Doc(fy, kind) => Some((fy.year, *kind)),
                _ => None,
            })
            .collect();
        self.docs.retain(|k, _| docs.contains(k));
    }

    fn clear(&mut self) {
        **self = DownloadCache::default();
    }
}

/// Decides whether the search index is rebuilt: only when its documents changed.
pub(crate) trait SearchLayer: Send + Sync {
    fn reuse(&self, docs: &[SearchDoc]) -> Option<&[OutputFile]>;
    /// Whether [`SearchLayer::remember`] wants the documents and files.
    fn remembers(&self) -> bool;
    fn remember(&mut self, docs: Vec<SearchDoc>, files: Vec<OutputFile>);
}

impl SearchLayer for Fresh {
    fn reuse(&self, _: &[SearchDoc]) -> Option<&[OutputFile]> {
        None
    }
    fn remembers(&self) -> bool {
        false
    }
    fn remember(&mut self, _: Vec<SearchDoc>, _: Vec<OutputFile>) {}
}

impl SearchLayer for &mut SearchCache {
    fn reuse(&self, docs: &[SearchDoc]) -> Option<&[OutputFile]> {
        self.files.as_deref().filter(|_| self.docs == docs)
    }
    fn remembers(&self) -> bool {
        true
    }
    fn remember(&mut self, docs: Vec<SearchDoc>, files: Vec<OutputFile>) {
        self.docs = docs;
        self.files = Some(files);
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

    /// The layers one render goes through: its pieces of the cache, apart so the pages, the
    /// downloads and the search index can render in parallel.
    pub(crate) fn layers<'a>(
        &'a mut self,
        seen: &Seen,
        data: &'a Data,
        opts: Options,
    ) -> Layers<'a> {
        Layers {
            pages: Box::new(CachedPages::new(&mut self.pages, seen, data, opts)),
            downloads: Box::new(&mut self.downloads),
            search: Box::new(&mut self.search),
        }
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

/// One part of the procurement pages, in the order [`prongsai_views::pages`] lists them: the
/// unit a [`PageLayer`] keeps whole or re-runs page by page.
#[derive(Clone, Copy)]
pub(crate) enum Part<'a> {
    Index,
    Year(&'a FiscalYear),
    Month(&'a FiscalYear, &'a MonthFile),
    Closing,
}

pub(crate) fn parts(data: &Data) -> Vec<Part<'_>> {
    let mut parts = vec![Part::Index];
    parts.extend(data.years.values().map(Part::Year));
    parts.extend(
        data.years
            .values()
            .flat_map(|fy| fy.months.values().map(move |m| Part::Month(fy, m))),
    );
    parts.push(Part::Closing);
    parts
}

/// What a part rendered, for [`PageLayer::remember`]: each page that rendered, in order, with
/// its file, or `None` when [`PageLayer::reuse`] supplied it (the layer still has it).
pub(crate) struct Made {
    pub pages: Vec<(PageView, Option<OutputFile>)>,
    /// Every page rendered.
    pub whole: bool,
}

/// Decides which page jobs re-run. The render loop is the same for `build` and `serve`; only
/// the layer differs: [`Fresh`] re-runs everything and keeps nothing, so a large build streams,
/// and [`CachedPages`] reuses what an earlier render made from equal inputs.
pub(crate) trait PageLayer: Send + Sync {
    /// The part's pages from an earlier render when what they are made of is unchanged: their
    /// views need not even be made.
    fn kept(&self, part: Part<'_>) -> Option<&[Entry]>;
    /// An earlier render's file for `view`, when that render saw the same view and globals.
    fn reuse(&self, part: Part<'_>, view: &PageView) -> Option<&OutputFile>;
    /// Whether [`PageLayer::remember`] wants the views and files, which a build must not hold.
    fn remembers(&self) -> bool;
    /// A part this render did not keep whole; called in [`parts`] order, after every part ran.
    fn remember(&mut self, part: Part<'_>, made: Made);
    /// After the last part: forgets what this render no longer has.
    fn finish(&mut self);
}

/// The layer of a build: every job runs, nothing is cloned or kept.
pub(crate) struct Fresh;

impl PageLayer for Fresh {
    fn kept(&self, _: Part<'_>) -> Option<&[Entry]> {
        None
    }
    fn reuse(&self, _: Part<'_>, _: &PageView) -> Option<&OutputFile> {
        None
    }
    fn remembers(&self) -> bool {
        false
    }
    fn remember(&mut self, _: Part<'_>, _: Made) {}
    fn finish(&mut self) {}
}

/// The [`PageCache`] as a layer over one render.
pub(crate) struct CachedPages<'a> {
    cache: &'a mut PageCache,
    data: &'a Data,
    opts: Options,
    /// This render's [`PageCache::globals`].
    globals: HashMap<String, String>,
    /// Outputs of the index and closing parts this render.
    shared: HashSet<String>,
}

impl<'a> CachedPages<'a> {
    pub(crate) fn new(
        cache: &'a mut PageCache,
        seen: &Seen,
        data: &'a Data,
        opts: Options,
    ) -> CachedPages<'a> {
        // Every template's, not only those in use: computing them needs no views.
        let globals = seen
            .texts
            .keys()
            .map(|t| (t.clone(), globals_seen_by(t, &seen.texts, &seen.globals)))
            .collect();
        CachedPages {
            cache,
            data,
            opts,
            globals,
            shared: HashSet::new(),
        }
    }

    fn fresh(&self, template: &str) -> bool {
        self.cache.globals.get(template) == self.globals.get(template)
    }

    fn holds<K>(&self, group: &Group<K>) -> bool {
        group.whole && group.pages.iter().all(|(v, _)| self.fresh(v.template))
    }
}

impl PageLayer for CachedPages<'_> {
    fn kept(&self, part: Part<'_>) -> Option<&[Entry]> {
        let group = match part {
            Part::Index | Part::Closing => return None,
            Part::Year(fy) => self
                .cache
                .years
                .get(&fy.year)
                .filter(|g| g.key.opts == self.opts && g.key.year == *fy && self.holds(g))
                .map(|g| &g.pages),
            Part::Month(fy, m) => self
                .cache
                .months
                .get(&(fy.year, m.month))
                .filter(|g| {
                    g.key.matches(&self.opts, m, &month_plans(self.data, m)) && self.holds(g)
                })
                .map(|g| &g.pages),
        };
        group.map(Vec::as_slice)
    }

    fn reuse(&self, part: Part<'_>, view: &PageView) -> Option<&OutputFile> {
        let hit = match part {
            Part::Index | Part::Closing => self.cache.pages.get(&view.output),
            Part::Year(fy) => self
                .cache
                .years
                .get(&fy.year)
                .and_then(|g| g.get(&view.output)),
            Part::Month(fy, m) => self
                .cache
                .months
                .get(&(fy.year, m.month))
                .and_then(|g| g.get(&view.output)),
        };
        hit.filter(|(v, _)| v == view && self.fresh(view.template))
            .map(|(_, f)| f)
    }

    fn remembers(&self) -> bool {
        true
    }

    fn remember(&mut self, part: Part<'_>, made: Made) {
        match part {
            Part::Index | Part::Closing => {
                for (view, file) in made.pages {
                    self.shared.insert(view.output.clone());
                    if let Some(file) = file {
                        self.cache.pages.insert(view.output.clone(), (view, file));
                    }
                }
            }
            Part::Year(fy) => {
                let old = self.cache.years.remove(&fy.year).map(|g| g.pages);
                let key = YearKey {
                    opts: self.opts,
                    year: fy.clone(),
                };
                self.cache.years.insert(fy.year, Group::new(key, old, made));
            }
            Part::Month(fy, m) => {
                let old = self
                    .cache
                    .months
                    .remove(&(fy.year, m.month))
                    .map(|g| g.pages);
                let key = MonthKey {
                    opts: self.opts,
                    month: m.clone(),
                    plans: month_plans(self.data, m)
                        .into_iter()
                        .map(|(y, p)| (y, p.cloned()))
                        .collect(),
                };
                self.cache
                    .months
                    .insert((fy.year, m.month), Group::new(key, old, made));
            }
        }
    }

    fn finish(&mut self) {
        let (data, shared) = (self.data, &self.shared);
        self.cache.pages.retain(|output, _| shared.contains(output));
        self.cache.years.retain(|y, _| data.years.contains_key(y));
        self.cache.months.retain(|(y, m), _| {
            data.years
                .get(y)
                .is_some_and(|fy| fy.months.contains_key(m))
        });
        self.cache.globals = std::mem::take(&mut self.globals);
    }
}

impl<K> Group<K> {
    /// The group of `made`, whose reused pages are moved out of the group it replaces.
    fn new(key: K, old: Option<Vec<Entry>>, made: Made) -> Group<K> {
        let mut old: HashMap<String, OutputFile> = old
            .into_iter()
            .flatten()
            .map(|(v, f)| (v.output, f))
            .collect();
        let mut whole = made.whole;
        let mut pages = Vec::with_capacity(made.pages.len());
        for (view, file) in made.pages {
            match file.or_else(|| old.remove(&view.output)) {
                Some(file) => pages.push((view, file)),
                None => whole = false,
            }
        }
        let by_output = pages
            .iter()
            .enumerate()
            .map(|(i, (v, _))| (v.output.clone(), i))
            .collect();
        Group {
            key,
            pages,
            by_output,
            whole,
        }
    }

    fn get(&self, output: &str) -> Option<&Entry> {
        self.by_output.get(output).map(|i| &self.pages[*i])
    }
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
