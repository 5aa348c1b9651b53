//! `checks:` in site.yaml: the thresholds an agency may tune without a rebuild. Its keys and
//! defaults are prongsai_config's; a section that does not fit them stops the check here.

use prongsai_config::{CheckConfig, SectionError, SiteConfig};
use prongsai_model::{Diagnostic, codes};

use crate::RuleInfo;
use crate::rules::RuleClass;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C001,
    class: RuleClass::Input,
    doc: "The checks: section of site.yaml tunes the thresholds below (every key optional, amounts in baht). \
An unknown key or a value of the wrong type stops the check, because a silently ignored threshold would make the \
report wrong. Keys: egp_threshold, egp_max_months_before, annual_report_due_days, month_due_days, split_thresholds, \
split_window_days, split_prefix_chars, split_similarity, bunching_low, bunching_high, bunching_min_count, \
equal_price_min, supplier_share, supplier_share_min_total.",
};

/// The thresholds of site.yaml's `checks:` section, or the defaults and C001 when the section
/// does not fit its schema (the keys and defaults are prongsai_config's).
pub fn checks_of(site: &SiteConfig) -> (CheckConfig, Option<Diagnostic>) {
    match &site.checks {
        Ok(c) => (c.clone(), None),
        Err(SectionError {
            location,
            detail: first,
        }) => (
            CheckConfig::default(),
            Some(
                Diagnostic::error(
                    codes::C001.code,
                    format!("ค่าในส่วน checks: ของ site.yaml ไม่ถูกต้อง ({first}) แก้ให้ตรงกับคู่มือ docs/rules.md"),
                    format!("The checks: section of site.yaml is invalid ({first}); see docs/rules.md for the keys"),
                )
                .at(location.clone())
                .with_source("prongsai site.yaml contract"),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_section_is_c001_at_its_line_with_the_defaults() {
        let (site, d) = prongsai_config::parse("title: x\nchecks:\n  egp_treshold: 1\n");
        assert!(d.is_empty(), "{d:?}");
        let (c, d) = checks_of(&site);
        assert_eq!(c, CheckConfig::default());
        let d = d.unwrap();
        assert_eq!(d.code, "C001");
        let loc = d.location.unwrap();
        assert_eq!((loc.file.as_str(), loc.line), ("site.yaml", Some(3)));
        let (site, _) = prongsai_config::parse("checks:\n  egp_threshold: -5\n");
        assert!(checks_of(&site).1.unwrap().message_en.contains("invalid"));
        let (site, _) = prongsai_config::parse("checks:\n  egp_threshold: 10000\n");
        let (c, d) = checks_of(&site);
        assert!(d.is_none());
        assert_eq!(c.egp_threshold, prongsai_model::Money::from_baht(10_000));
    }
}
