//! What a previous render produced, kept by `prongsai serve` so a rebuild re-renders only the
//! outputs whose inputs changed.
//!
//! Every entry is keyed by the exact inputs of its output (compared with `==`, never hashed, so
//! there are no collisions to reason about): a procurement page by its [`PageView`] and the
//! site-wide values its templates can see, a month download by the agency and the month file, a
//! year download by the agency, the fiscal year and the OCDS options, the search index by its
//! documents. A reused output is therefore the output a fresh render would produce, byte for byte.
//! A change to any template drops everything, since templates include and extend one another.

use prongsai_model::{Agency, Diagnostic, FiscalYear, MonthFile, YearMonth};
use prongsai_search::SearchDoc;
use prongsai_views::PageView;
use prongsai_write::OutputFile;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// By output path.
    pub pages: HashMap<String, (PageView, OutputFile)>,
}

#[derive(Default)]
pub(crate) struct DownloadCache {
    pub months: HashMap<(i32, YearMonth), MonthEntry>,
    pub years: HashMap<i32, YearEntry>,
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

pub(crate) struct MonthEntry {
    pub agency: Agency,
    pub month: MonthFile,
    pub files: Vec<OutputFile>,
    pub diags: Vec<Diagnostic>,
}

pub(crate) struct YearEntry {
    pub agency: Agency,
    pub year: FiscalYear,
    pub ocds: (String, Option<String>),
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
