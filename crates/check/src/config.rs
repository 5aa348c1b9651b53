//! `checks:` in site.yaml: the thresholds an agency may tune without a rebuild.

use prongsai_model::codes;
use prongsai_model::{Diagnostic, DueRules, Money};
use serde::{Deserialize, Deserializer};

use crate::RuleInfo;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C001,
    doc: "The checks: section of site.yaml tunes the thresholds below (every key optional, amounts in baht). \
An unknown key or a value of the wrong type stops the check, because a silently ignored threshold would make the \
report wrong. Keys: egp_threshold, egp_max_months_before, annual_report_due_days, month_due_days, split_thresholds, \
split_window_days, split_prefix_chars, split_similarity, bunching_low, bunching_high, bunching_min_count, \
equal_price_min, supplier_share, supplier_share_min_total.",
};

/// Thresholds of the checks. Every field has a default, so an empty or absent `checks:` section works.
///
/// Amounts are written in baht in site.yaml (`egp_threshold: 5000`) and held as [`Money`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// A record whose budget is at least this needs an e-GP project number (C202). Default 5,000 บาท.
    #[serde(deserialize_with = "baht")]
    pub egp_threshold: Money,
    /// An e-GP number issued more than this many months before the contract is worth a look (C311).
    pub egp_max_months_before: u32,
    /// Days after the fiscal year ends before its annual report is due (C205). Default from
    /// [`prongsai_model::DueRules`].
    pub annual_report_due_days: u32,
    /// Days after a month ends before its file is due (C201). Default from
    /// [`prongsai_model::DueRules`].
    pub month_due_days: u32,
    /// Splitting (C401): the thresholds purchases may be split to stay under. Default 100,000 บาท
    /// (above it a written contract is required) and 500,000 บาท (the วิธีเฉพาะเจาะจง limit).
    #[serde(deserialize_with = "baht_list")]
    pub split_thresholds: Vec<Money>,
    /// Splitting (C401): how many days apart the parts may be. Default 30.
    pub split_window_days: u32,
    /// Splitting (C401): titles that share this many leading characters (after normalising) are similar.
    pub split_prefix_chars: usize,
    /// Splitting (C401): or whose character-bigram Dice similarity reaches this (0–1). Default 0.7.
    pub split_similarity: f64,
    /// Bunching (C402): the band just under the วิธีเฉพาะเจาะจง limit. Default 450,000–500,000 บาท.
    #[serde(deserialize_with = "baht")]
    pub bunching_low: Money,
    #[serde(deserialize_with = "baht")]
    pub bunching_high: Money,
    /// Bunching (C402): how many agreed prices in the band in one fiscal year make a bunch. Default 3.
    pub bunching_min_count: usize,
    /// C403/C404 ignore amounts below this: small purchases at exactly the reference price are routine.
    #[serde(deserialize_with = "baht")]
    pub equal_price_min: Money,
    /// Concentration (C406): a supplier winning more than this share of a year's total. Default 0.30.
    pub supplier_share: f64,
    /// Concentration (C406): ignore years whose total agreed amount is below this. Default 1,000,000 บาท.
    #[serde(deserialize_with = "baht")]
    pub supplier_share_min_total: Money,
}

impl Default for CheckConfig {
    fn default() -> CheckConfig {
        CheckConfig {
            egp_threshold: Money::from_baht(5_000),
            egp_max_months_before: 12,
            annual_report_due_days: DueRules::default().annual_report_due_days,
            month_due_days: DueRules::default().month_due_days,
            split_thresholds: vec![Money::from_baht(100_000), Money::from_baht(500_000)],
            split_window_days: 30,
            split_prefix_chars: 10,
            split_similarity: 0.7,
            bunching_low: Money::from_baht(450_000),
            bunching_high: Money::from_baht(500_000),
            bunching_min_count: 3,
            equal_price_min: Money::from_baht(100_000),
            supplier_share: 0.30,
            supplier_share_min_total: Money::from_baht(1_000_000),
        }
    }
}

/// Baht in YAML may be an integer or a decimal; a negative or non-finite amount is refused.
fn to_money(baht: f64) -> Option<Money> {
    (0.0..1e15)
        .contains(&baht)
        .then(|| Money::from_satang((baht * 100.0).round() as i64))
}

fn baht<'de, D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
    let v = f64::deserialize(d)?;
    to_money(v).ok_or_else(|| serde::de::Error::custom(format!("{v} is not an amount in baht")))
}

fn baht_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Money>, D::Error> {
    Vec::<f64>::deserialize(d)?
        .into_iter()
        .map(|v| {
            to_money(v)
                .ok_or_else(|| serde::de::Error::custom(format!("{v} is not an amount in baht")))
        })
        .collect()
}

/// Only `checks:` is read; the other keys of site.yaml belong to the content stage.
#[derive(Deserialize)]
struct SiteChecks {
    #[serde(default)]
    checks: Option<CheckConfig>,
}

impl CheckConfig {
    /// When disclosures fall due, for the gap rules and the site's month grid.
    pub fn due_rules(&self) -> DueRules {
        DueRules {
            month_due_days: self.month_due_days,
            annual_report_due_days: self.annual_report_due_days,
        }
    }

    /// Reads the `checks:` section of site.yaml (`path` names the file in the diagnostic).
    // A Diagnostic is what every stage returns for bad input; this path runs once per build.
    #[allow(clippy::result_large_err)]
    pub fn from_site_yaml(text: &str, path: &str) -> Result<CheckConfig, Diagnostic> {
        // serde ignores unknown top-level keys by default; `deny_unknown_fields` applies inside `checks`.
        match serde_saphyr::from_str::<Option<SiteChecks>>(text) {
            Ok(site) => Ok(site.and_then(|s| s.checks).unwrap_or_default()),
            Err(e) => {
                let (loc, first) = crate::criteria::yaml_error_at(&e, path);
                Err(Diagnostic::error(
                    INFO.code,
                    format!("ค่าในส่วน checks: ของ site.yaml ไม่ถูกต้อง ({first}) แก้ให้ตรงกับคู่มือ docs/rules.md"),
                    format!("The checks: section of site.yaml is invalid ({first}); see docs/rules.md for the keys"),
                )
                .at(loc)
                .with_source("prongsai site.yaml contract"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_absent() {
        let c = CheckConfig::from_site_yaml("title: x\nmenus:\n  main: []\n", "site.yaml").unwrap();
        assert_eq!(c, CheckConfig::default());
        assert_eq!(
            CheckConfig::from_site_yaml("", "site.yaml").unwrap(),
            CheckConfig::default()
        );
    }

    #[test]
    fn reads_checks_only() {
        let c = CheckConfig::from_site_yaml(
            "title: x\nchecks:\n  egp_threshold: 10000\n  supplier_share: 0.5\n  split_thresholds: [100000, 500000.50]\n",
            "site.yaml",
        )
        .unwrap();
        assert_eq!(c.egp_threshold, Money::from_baht(10_000));
        assert_eq!(c.supplier_share, 0.5);
        assert_eq!(
            c.split_thresholds,
            vec![Money::from_baht(100_000), Money::from_satang(50_000_050)]
        );
        assert_eq!(
            c.bunching_min_count,
            CheckConfig::default().bunching_min_count
        );
    }

    #[test]
    fn bad_key_is_a_located_diagnostic() {
        let d = CheckConfig::from_site_yaml("title: x\nchecks:\n  egp_treshold: 1\n", "site.yaml")
            .unwrap_err();
        assert_eq!(d.code, "C001");
        let loc = d.location.unwrap();
        assert_eq!(loc.file, "site.yaml");
        assert_eq!(loc.line, Some(3));
        let d =
            CheckConfig::from_site_yaml("checks:\n  egp_threshold: -5\n", "site.yaml").unwrap_err();
        assert!(d.message_en.contains("invalid"));
    }
}
