//! One file per rule. Each file holds `INFO` (the rule's stable code, severity, titles, source and
//! documentation) and `run`, which appends the rule's findings for the whole data set.
//!
//! Codes: `C0xx` input to the checker itself (site.yaml, criteria files), `C2xx` disclosure
//! completeness against the ITA criteria, `C3xx` procurement law and internal consistency,
//! `C4xx` red flags (always warnings: worth a look, never a verdict). The loader's codes are `P1xx`.

use crate::CheckOptions;
use crate::PageRef;
use crate::criteria::Criteria;
use prongsai_model::{Data, Diagnostic, FiscalYear, Gap, Location, Money, Procurement, Severity};
use serde::Serialize;

pub mod agency_fields;
pub mod agreed_above_budget;
pub mod annual_report_approval;
pub mod annual_report_missing;
pub mod annual_report_sections;
pub mod bunching;
pub mod contract_date_month;
pub mod contract_end_before_start;
pub mod egp_date_mismatch;
pub mod egp_missing;
pub mod equal_agreed_reference;
pub mod equal_reference_budget;
pub mod ita_tag_unknown;
pub mod month_fiscal_year;
pub mod month_missing;
pub mod plan_duplicate_id;
pub mod plan_line_missing;
pub mod plan_missing;
pub mod plan_published_late;
pub mod plan_unresolved;
pub mod reference_price_missing;
pub mod single_bidder;
pub mod specific_over_limit;
pub mod splitting;
pub mod supplier_share;
pub mod tin_missing;
pub mod tin_name_conflict;

/// A rule's documentation: what `docs/rules.md` and `prongsai check --explain` show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub title_th: &'static str,
    pub title_en: &'static str,
    /// What the rule rests on: law section, ITA item, or red-flag guide.
    pub source: &'static str,
    /// A short explanation: what is checked, why, and how to fix it.
    pub doc: &'static str,
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

/// Every rule that runs over the data, in code order.
pub static RUNS: &[(&RuleInfo, RunFn)] = &[
    (&month_missing::INFO, month_missing::run),
    (&egp_missing::INFO, egp_missing::run),
    (&agency_fields::INFO, agency_fields::run),
    (&reference_price_missing::INFO, reference_price_missing::run),
    (&annual_report_missing::INFO, annual_report_missing::run),
    (&annual_report_sections::INFO, annual_report_sections::run),
    (&annual_report_approval::INFO, annual_report_approval::run),
    (&plan_missing::INFO, plan_missing::run),
    (&ita_tag_unknown::INFO, ita_tag_unknown::run),
    (&contract_date_month::INFO, contract_date_month::run),
    (&month_fiscal_year::INFO, month_fiscal_year::run),
    (
        &contract_end_before_start::INFO,
        contract_end_before_start::run,
    ),
    (&agreed_above_budget::INFO, agreed_above_budget::run),
    (&specific_over_limit::INFO, specific_over_limit::run),
    (&plan_line_missing::INFO, plan_line_missing::run),
    (&plan_unresolved::INFO, plan_unresolved::run),
    (&plan_duplicate_id::INFO, plan_duplicate_id::run),
    (&plan_published_late::INFO, plan_published_late::run),
    (&egp_date_mismatch::INFO, egp_date_mismatch::run),
    (&tin_missing::INFO, tin_missing::run),
    (&tin_name_conflict::INFO, tin_name_conflict::run),
    (&splitting::INFO, splitting::run),
    (&bunching::INFO, bunching::run),
    (&equal_agreed_reference::INFO, equal_agreed_reference::run),
    (&equal_reference_budget::INFO, equal_reference_budget::run),
    (&single_bidder::INFO, single_bidder::run),
    (&supplier_share::INFO, supplier_share::run),
];

/// `rules()`: the checker's own input codes first, then every data rule.
pub static INFOS: [RuleInfo; 32] = [
    crate::config::INFO,
    crate::criteria::INFO,
    crate::ita::INFO,
    crate::site_ita::INFO,
    crate::criteria::SELECT_INFO,
    month_missing::INFO,
    egp_missing::INFO,
    agency_fields::INFO,
    reference_price_missing::INFO,
    annual_report_missing::INFO,
    annual_report_sections::INFO,
    annual_report_approval::INFO,
    plan_missing::INFO,
    ita_tag_unknown::INFO,
    contract_date_month::INFO,
    month_fiscal_year::INFO,
    contract_end_before_start::INFO,
    agreed_above_budget::INFO,
    specific_over_limit::INFO,
    plan_line_missing::INFO,
    plan_unresolved::INFO,
    plan_duplicate_id::INFO,
    plan_published_late::INFO,
    egp_date_mismatch::INFO,
    tin_missing::INFO,
    tin_name_conflict::INFO,
    splitting::INFO,
    bunching::INFO,
    equal_agreed_reference::INFO,
    equal_reference_budget::INFO,
    single_bidder::INFO,
    supplier_share::INFO,
];

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
