//! One file per rule. Each file holds `INFO` (the rule's entry in `prongsai_model::codes`, which
//! owns its code, severity, titles and source, and the rule's longer documentation) and `run`,
//! which appends the rule's findings for the whole data set. `rules!` below lists each rule once.
//!
//! Codes: `C0xx` input to the checker itself (site.yaml, criteria files), `C2xx` disclosure
//! completeness against the ITA criteria, `C3xx` procurement law and internal consistency,
//! `C4xx` red flags (always warnings: worth a look, never a verdict). The loader's codes are `P1xx`.

use crate::CheckOptions;
use crate::PageRef;
use crate::criteria::Criteria;
use prongsai_model::codes::Code;
use prongsai_model::{Data, Diagnostic, FiscalYear, Gap, Location, Money, Procurement, Severity};
use std::sync::LazyLock;

/// A rule's documentation: what `docs/rules.md` and `prongsai explain` show. Its code, severity,
/// titles and source are its registry entry's (reached through `Deref`: `info.code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub entry: &'static Code,
    /// A short explanation: what is checked, why, and how to fix it.
    pub doc: &'static str,
}

impl std::ops::Deref for RuleInfo {
    type Target = Code;

    fn deref(&self) -> &Code {
        self.entry
    }
}

impl RuleInfo {
    /// A finding of this rule, with its code, severity and source filled in.
    pub fn diag(&self, th: impl Into<String>, en: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.severity, self.code, th, en).with_source(self.source)
    }
}

/// What every rule sees.
pub struct Ctx<'a> {
    pub data: &'a Data,
    pub pages: &'a [PageRef],
    pub opts: &'a CheckOptions,
    pub criteria: &'a [Criteria],
}

impl Ctx<'_> {
    /// The disclosures missing on the date checked (C201, C205, C208 report them).
    pub fn gaps(&self) -> Vec<Gap> {
        prongsai_model::gaps(self.data, self.opts.as_of, &self.opts.config.due_rules())
    }
}

/// A gap's finding: `info` while it is not yet due, the rule's `warning` once overdue; at the
/// file that is missing.
pub fn gap_diag(info: &RuleInfo, g: &Gap, th: String, en: String) -> Diagnostic {
    let mut d = info.diag(th, en).at(Location::file(g.path()));
    if !g.is_overdue() {
        d.severity = Severity::Info;
    }
    d
}

pub type RunFn = fn(&Ctx<'_>, &mut Vec<Diagnostic>);

/// Declares each rule's module and its place in [`RUNS`], from one list.
macro_rules! rules {
    ($($rule:ident),* $(,)?) => {
        $(pub mod $rule;)*

        /// Every rule that runs over the data, in code order.
        pub static RUNS: &[(&RuleInfo, RunFn)] = &[$((&$rule::INFO, $rule::run)),*];

        /// The rules' module names, for the test that every file of src/rules/ is listed.
        #[cfg(test)]
        const MODULES: &[&str] = &[$(stringify!($rule)),*];
    };
}

// In code order: C2xx disclosure, C3xx law and consistency, C4xx red flags. A fact the loader
// already refuses (an empty required cell, a blank agency.yaml key, a month in another year's
// folder, a plan id used twice) has no rule here: its P1xx code is its one owner, and the codes
// that once repeated it are listed in `codes::RENAMED`.
rules! {
    month_missing,
    egp_missing,
    annual_report_missing,
    annual_report_sections,
    annual_report_approval,
    plan_missing,
    ita_tag_unknown,
    egp_undisclosed,
    contract_date_month,
    contract_end_before_start,
    agreed_above_budget,
    specific_over_limit,
    plan_line_missing,
    plan_unresolved,
    plan_published_late,
    egp_date_mismatch,
    tin_missing,
    tin_name_conflict,
    egp_differs,
    splitting,
    bunching,
    equal_agreed_reference,
    equal_reference_budget,
    single_bidder,
    supplier_share,
}

/// The checker's own input codes (C0xx), which no data rule reports.
pub static INPUTS: [&RuleInfo; 5] = [
    &crate::config::INFO,
    &crate::criteria::INFO,
    &crate::ita::INFO,
    &crate::site_ita::INFO,
    &crate::criteria::SELECT_INFO,
];

/// `rules()`: the checker's own input codes first, then every data rule.
pub static INFOS: LazyLock<Vec<RuleInfo>> = LazyLock::new(|| {
    INPUTS
        .iter()
        .copied()
        .chain(RUNS.iter().map(|(info, _)| *info))
        .copied()
        .collect()
});

/// The วิธีเฉพาะเจาะจง limit of มาตรา 56 (2)(ข) and the plan threshold: fixed by law, not configurable.
pub const LAW_LIMIT: Money = Money::from_baht(500_000);

/// Every record of every year, with its year.
pub fn records<'a>(data: &'a Data) -> impl Iterator<Item = (&'a FiscalYear, &'a Procurement)> + 'a {
    data.years
        .values()
        .flat_map(|fy| fy.records().map(move |p| (fy, p)))
}

/// The amount a record commits: the agreed price once known, else the budget.
pub fn amount(p: &Procurement) -> Money {
    p.agreed_price.unwrap_or(p.budget)
}

/// `1,234.00 บาท`
pub fn baht(m: Money) -> String {
    format!("{m} บาท")
}

#[cfg(test)]
pub mod testkit;

/// Runs one rule over `data` with default options at `as_of`, findings sorted: for rule tests.
#[cfg(test)]
pub fn run_rule(run: RunFn, data: &Data, as_of: prongsai_model::Date) -> Vec<Diagnostic> {
    run_rule_with(run, data, &CheckOptions::new(as_of))
}

#[cfg(test)]
pub fn run_rule_with(run: RunFn, data: &Data, opts: &CheckOptions) -> Vec<Diagnostic> {
    let (all, _) = crate::criteria::load_criteria(None);
    let (criteria, _) = crate::criteria::select_criteria(&all, None);
    let ctx = Ctx {
        data,
        pages: &[],
        opts,
        criteria: &criteria,
    };
    let mut out = Vec::new();
    run(&ctx, &mut out);
    prongsai_model::sort_diagnostics(&mut out);
    out
}

/// Source text shared by the red-flag rules.
pub const RED_FLAG_GUIDE: &str =
    "Open Contracting Partnership & Transparency International, Red Flags for Integrity (2016)";

#[cfg(test)]
mod registration {
    use super::*;

    /// Each rule is listed once, and a rule file that is not listed would never run.
    #[test]
    fn every_rule_file_is_listed_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .expect("read src/rules")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".rs").map(str::to_owned))
            .filter(|n| n != "mod" && n != "testkit")
            .collect();
        files.sort();
        let mut listed: Vec<String> = MODULES.iter().map(|m| (*m).to_owned()).collect();
        listed.sort();
        assert_eq!(
            listed, files,
            "rules! in src/rules/mod.rs must list every rule file once"
        );
    }

    #[test]
    fn rules_are_in_code_order_and_every_check_code_has_one() {
        let codes: Vec<&str> = INFOS.iter().map(|r| r.code).collect();
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "rules must be listed in code order, each once: {codes:?}"
        );
        let registered: Vec<&str> = prongsai_model::codes::ALL
            .iter()
            .filter(|c| {
                matches!(
                    c.stage(),
                    prongsai_model::codes::Stage::CheckInput
                        | prongsai_model::codes::Stage::CheckRule
                )
            })
            .map(|c| c.code)
            .collect();
        assert_eq!(
            codes, registered,
            "every check code in the registry has its rule"
        );
    }
}
