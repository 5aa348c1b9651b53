//! Check stage: holds the loaded procurement data against the ITA criteria (versioned data files),
//! the Public Procurement Act B.E. 2560 and the Open Contracting red flags, one file per rule
//! (`src/rules/`), and builds the ITA evidence index the `ita/<year>/` page shows.
//!
//! Rules only read the typed model: parsing problems are the loader's (`P1xx`). Every finding is a
//! [`Diagnostic`] in Thai and English with its location and the source it rests on.

mod config;
pub mod criteria;
mod docs;
mod egp;
mod ita;
mod report;
pub mod rules;
mod site_ita;
mod summary;
mod text;

pub use config::checks_of;
pub use criteria::{Criteria, load_criteria, select_criteria};
pub use docs::rules_markdown;
pub use ita::{
    CriteriaUsed, EvidenceRow, EvidenceUrl, Fix, ItaEvaluation, ItaItemResult, ItaStatus,
    ItaSummary, LinkKind,
};
pub use prongsai_config::{CheckConfig, ExternalEvidence};
pub use report::{Format, counts, render_report};
pub use rules::RuleInfo;
pub use site_ita::ita_evidence;
pub use summary::{SummaryInput, job_summary};

use prongsai_model::{Data, Date, Diagnostic, sort_diagnostics};
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// "Today" for the checks: a month has ended when its last day is before this date.
    pub as_of: Date,
    /// The assessment year asked for with `--ita`; it is evaluated even if the data does not touch it.
    pub ita_year: Option<i32>,
    /// Absolute site address, e.g. `https://www.muangluang.go.th`; ITA evidence URLs start with it.
    pub base_url: String,
    pub config: CheckConfig,
    /// `<site root>/criteria`: its `ita-<year>.yaml` files replace the embedded criteria of that year.
    pub criteria_dir: Option<PathBuf>,
    /// Evidence addresses outside the site, from site.yaml `ita.evidence`.
    pub ita_evidence: Vec<ExternalEvidence>,
}

impl CheckOptions {
    /// Defaults for everything but the date.
    pub fn new(as_of: Date) -> CheckOptions {
        CheckOptions {
            as_of,
            ita_year: None,
            base_url: String::new(),
            config: CheckConfig::default(),
            criteria_dir: None,
            ita_evidence: Vec::new(),
        }
    }

    /// Defaults but for what site.yaml sets (`checks:`, `ita.evidence`), with the diagnostics of
    /// a section the check cannot use (C001, C004).
    pub fn for_site(
        as_of: Date,
        site: &prongsai_config::SiteConfig,
    ) -> (CheckOptions, Vec<Diagnostic>) {
        let (config, bad_checks) = checks_of(site);
        let (ita_evidence, mut diagnostics) = ita_evidence(site);
        diagnostics.splice(0..0, bad_checks);
        let opts = CheckOptions {
            config,
            ita_evidence,
            ..CheckOptions::new(as_of)
        };
        (opts, diagnostics)
    }
}

/// A content page as the ITA index needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageRef {
    /// `/about/structure/`
    pub url_path: String,
    pub title: String,
    /// ITA item codes the page declares in its front matter (`ita: ["2569:O1", O3]`).
    pub ita: Vec<String>,
    /// The source file, `content/about/structure.md`, for diagnostics about its tags.
    pub source: String,
    /// The file line of each entry of `ita`, in the same order (missing when unknown).
    pub ita_lines: Vec<u32>,
}

/// The content stage's pages as the ITA index needs them: one builder for the build and the
/// fixtures, so they cannot see different pages.
pub fn page_refs(site: &prongsai_content::Site) -> Vec<PageRef> {
    site.pages
        .iter()
        .map(|p| PageRef {
            url_path: p.url.clone(),
            title: p.title.clone(),
            ita: p.ita.clone(),
            source: p.source.clone(),
            ita_lines: p.ita_lines.clone(),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckReport {
    /// Sorted by file, line, column, code (see [`prongsai_model::sort_diagnostics`]).
    pub diagnostics: Vec<Diagnostic>,
    /// One per assessment year evaluated, oldest first.
    pub ita: Vec<ItaEvaluation>,
}

impl CheckReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Every rule this crate can report, in code order, for `docs/rules.md` and `prongsai explain`.
pub fn rules() -> &'static [RuleInfo] {
    rules::INFOS.as_slice()
}

/// Runs every rule over `data` and evaluates the ITA criteria.
pub fn check(data: &Data, pages: &[PageRef], opts: &CheckOptions) -> CheckReport {
    let (all, mut diagnostics) = load_criteria(opts.criteria_dir.as_deref());
    let agency_type = data.agency.as_ref().map(|a| a.agency_type.as_str());
    let (criteria, chose) = select_criteria(&all, agency_type);
    diagnostics.extend(chose);
    let ctx = rules::Ctx {
        data,
        pages,
        opts,
        criteria: &criteria,
    };
    // Rules are independent readers of the data: run them side by side. `collect` keeps rule order.
    let found: Vec<Diagnostic> = rules::RUNS
        .par_iter()
        .flat_map_iter(|(_, run)| {
            let mut v = Vec::new();
            run(&ctx, &mut v);
            v
        })
        .collect();
    diagnostics.extend(found);
    let ita = ita::evaluate_all(&ctx, &mut diagnostics);
    sort_diagnostics(&mut diagnostics);
    CheckReport { diagnostics, ita }
}
