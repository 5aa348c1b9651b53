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

/// What a rule's findings are, which decides whether they can hold the disclosure back. The
/// principle: what is true is published. Only data that cannot be read or contradicts itself
/// stops the build; a finding about conduct never withholds the disclosure, and a disclosure
/// that is due but missing is a gap, shown with its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleClass {
    /// The checker's own settings (site.yaml `checks:`, `ita:`, criteria files) cannot be used.
    Input,
    /// Data that contradicts itself or names what does not exist: an error, fixed before
    /// anything is published, since the site would otherwise state something false.
    Consistency,
    /// A finding about conduct that is more often a typing slip than a fact: an error until the
    /// row is corrected or confirmed with a คำชี้แจง; confirmed, a warning, and the explanation
    /// is published with the record.
    Confirmable,
    /// A disclosure due but missing: info until its due date, then a warning; never an error.
    Gap,
    /// A disclosure published but incomplete or late: a warning or a suggestion.
    Completeness,
    /// Data that looks mistyped but may be right: a warning.
    Plausibility,
    /// A red flag of the Open Contracting guide: worth a look (ควรตรวจสอบ), never a verdict; a
    /// warning, and the record is published as it is.
    RedFlag,
}

impl RuleClass {
    pub const ALL: [RuleClass; 7] = [
        RuleClass::Input,
        RuleClass::Consistency,
        RuleClass::Confirmable,
        RuleClass::Gap,
        RuleClass::Completeness,
        RuleClass::Plausibility,
        RuleClass::RedFlag,
    ];

    /// The name docs/rules.md gives the class.
    pub fn name(self) -> &'static str {
        match self {
            RuleClass::Input => "input",
            RuleClass::Consistency => "consistency",
            RuleClass::Confirmable => "confirmable finding",
            RuleClass::Gap => "gap",
            RuleClass::Completeness => "completeness",
            RuleClass::Plausibility => "plausibility",
            RuleClass::RedFlag => "red flag",
        }
    }

    pub fn thai(self) -> &'static str {
        match self {
            RuleClass::Input => "ค่าตั้งของการตรวจ",
            RuleClass::Consistency => "ข้อมูลขัดกันเอง",
            RuleClass::Confirmable => "ข้อสังเกตที่ยืนยันด้วยคำชี้แจง",
            RuleClass::Gap => "ยังไม่เผยแพร่",
            RuleClass::Completeness => "ความครบถ้วน",
            RuleClass::Plausibility => "อาจพิมพ์ผิด",
            RuleClass::RedFlag => "ควรตรวจสอบ",
        }
    }

    /// What the class means for the build, for docs/rules.md.
    pub fn doc(self) -> &'static str {
        match self {
            RuleClass::Input => {
                "the checker's own settings cannot be used: **error** (a **warning** where they may not fit), fixed in \
site.yaml or the criteria file"
            }
            RuleClass::Consistency => {
                "data that cannot be read as one fact or contradicts itself (a date outside its file's month, a \
contract that ends before it starts, a plan id that names no plan line): **error**, since the site would state \
something false"
            }
            RuleClass::Confirmable => {
                "a finding about conduct that is more often a typing slip than a fact: **error** until the row is \
corrected or confirmed in its คำชี้แจง (`explanation`) column; confirmed, a **warning**, and the explanation is \
published on the record page under คำชี้แจงของหน่วยงาน, in the downloads and in OCDS"
            }
            RuleClass::Gap => {
                "a disclosure due but missing: **info** until its due date, then a **warning**; never an error, the \
site shows the gap with its due date"
            }
            RuleClass::Completeness => {
                "a disclosure published but incomplete or late: **warning** (or **info**), published as it is"
            }
            RuleClass::Plausibility => "data that looks mistyped but may be right: **warning**",
            RuleClass::RedFlag => {
                "a red flag, worth a look (ควรตรวจสอบ), never a verdict: **warning**, the record published as it is"
            }
        }
    }

    /// The severities the class may have in the registry: only data that cannot be read or
    /// contradicts itself (and a conduct finding not yet confirmed) may stop the build.
    pub fn allows(self, severity: Severity) -> bool {
        match self {
            // C005 warns that the criteria may not fit the agency; the rest cannot be used.
            RuleClass::Input => severity != Severity::Info,
            RuleClass::Consistency | RuleClass::Confirmable => severity == Severity::Error,
            RuleClass::Gap | RuleClass::Plausibility | RuleClass::RedFlag => {
                severity == Severity::Warning
            }
            RuleClass::Completeness => severity != Severity::Error,
        }
    }
}

/// A rule's documentation: what `docs/rules.md` and `prongsai explain` show. Its code, severity,
/// titles and source are its registry entry's (reached through `Deref`: `info.code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub entry: &'static Code,
    pub class: RuleClass,
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

/// What a confirmable finding says: the finding itself, then how to correct it, in Thai and
/// English. A confirmed finding drops the correction and quotes the explanation instead.
pub struct Finding {
    pub th: String,
    pub fix_th: String,
    pub en: String,
    pub fix_en: String,
}

/// A confirmable finding of the row `p` (see [`RuleClass::Confirmable`]): an error that says how
/// to correct or confirm it, or, once the row's คำชี้แจง confirms it, a warning quoting the
/// explanation the site publishes with the record.
pub fn confirmable_diag(info: &RuleInfo, p: &Procurement, f: Finding) -> Diagnostic {
    match p.explanation() {
        None => info.diag(
            format!(
                "{} {} ถ้าข้อมูลถูกต้องตามจริง ให้เขียนเหตุผลในคอลัมน์ คำชี้แจง ระบบจะเผยแพร่คำชี้แจงคู่กับรายการ",
                f.th, f.fix_th
            ),
            format!(
                "{}; {}; if the row is right as it stands, give the reason in the คำชี้แจง (explanation) column, which is published with the record",
                f.en, f.fix_en
            ),
        ),
        Some(x) => {
            let mut d = info.diag(
                format!("{} หน่วยงานชี้แจงแล้ว (เผยแพร่คู่กับรายการ): \"{x}\"", f.th),
                format!(
                    "{}; confirmed by the agency's explanation, published with the record: \"{x}\"",
                    f.en
                ),
            );
            d.severity = Severity::Warning;
            d
        }
    }
}

/// Whether the year's plan is a gap (no plan file yet): the rules about plan lines wait for it.
pub fn plan_is_gap(fy: &FiscalYear) -> bool {
    fy.plan.is_none()
}

/// A finding that needs a disclosure not yet published: info, saying it is checked once the
/// disclosure is there (ตรวจได้เมื่อมีแผน), never an error.
pub fn waits_for_plan(mut d: Diagnostic) -> Diagnostic {
    d.severity = Severity::Info;
    d.message_th = format!("ตรวจได้เมื่อมีแผน: {}", d.message_th);
    d.message_en = format!("checked once the plan is published: {}", d.message_en);
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
    tender_dates,
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
pub const LAW_LIMIT: Money = prongsai_model::findings::LAW_LIMIT;

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

    /// The principle, held for every rule: only input the checker cannot use, data that
    /// contradicts itself and unconfirmed conduct findings may stop the build.
    #[test]
    fn every_rule_has_the_severity_its_class_allows() {
        for r in INFOS.iter() {
            assert!(
                r.class.allows(r.severity),
                "{} is {} but of class {}",
                r.code,
                r.severity,
                r.class.name()
            );
        }
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
