//! `ita:`: evidence addresses outside the pages prongsai builds (an e-service system, a
//! complaint form, the agency's social-media page), one per ITA item they answer.
//!
//! ```yaml
//! ita:
//!   evidence:
//!     - item: "2569:O10"
//!       title: ระบบ E-Service ของ อบต.เมืองหลวง
//!       url: https://www.muangluang.go.th/eservice/
//! ```
//!
//! Whether an address is one the assessor can open (C004) is the check stage's to judge.

use serde::Deserialize;

use crate::SectionError;

/// One address from site.yaml `ita.evidence`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalEvidence {
    /// `2569:O10`, or `O10` for every assessment year.
    pub item: String,
    pub title: String,
    pub url: String,
    /// Line of the entry's `url:` in site.yaml (filled in after parsing).
    #[serde(skip)]
    pub line: Option<u32>,
    /// Line of the entry's `item:` in site.yaml (filled in after parsing).
    #[serde(skip)]
    pub item_line: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ItaSection {
    #[serde(default)]
    evidence: Vec<ExternalEvidence>,
}

/// Only `ita:` is read; the other keys of site.yaml belong to other stages.
#[derive(Deserialize)]
struct SiteIta {
    #[serde(default)]
    ita: Option<ItaSection>,
}

/// 1-based lines of each `key:` inside the top-level `ita:` block, in order: serde has consumed
/// the positions, and each entry has exactly one of each key, so the nth is the nth entry's.
fn key_lines(text: &str, key: &str) -> Vec<u32> {
    let mut inside = false;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let top = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        if top {
            inside = line.trim_end().starts_with("ita:");
        }
        if !inside {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find(key) {
            let before = rest[..at].chars().next_back();
            if before.is_none_or(|c| matches!(c, ' ' | '-' | '{' | ',' | '\t'))
                && let Ok(n) = u32::try_from(i + 1)
            {
                out.push(n);
            }
            rest = &rest[at + key.len()..];
        }
    }
    out
}

/// The `ita.evidence` entries as written, each with the lines of its `url:` and `item:`. Its own
/// serde pass, so that a bad entry is the section's problem (C004), not the whole file's (C101).
pub(crate) fn parse(text: &str, path: &str) -> Result<Vec<ExternalEvidence>, SectionError> {
    let section = match serde_saphyr::from_str::<Option<SiteIta>>(text) {
        Ok(site) => site.and_then(|s| s.ita).unwrap_or_default(),
        Err(e) => return Err(SectionError::new(&e, path)),
    };
    let url_lines = key_lines(text, "url:");
    let item_lines = key_lines(text, "item:");
    Ok(section
        .evidence
        .into_iter()
        .enumerate()
        .map(|(n, mut e)| {
            e.line = url_lines.get(n).copied();
            e.item_line = item_lines.get(n).copied();
            e
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_section_is_empty() {
        let e = parse("title: x\nchecks:\n  egp_threshold: 1\n", "site.yaml").unwrap();
        assert!(e.is_empty());
        assert!(parse("", "site.yaml").unwrap().is_empty());
    }

    #[test]
    fn reads_entries_with_their_lines() {
        let text = "title: x\nita:\n  evidence:\n    - item: \"2569:O10\"\n      title: E-Service\n      url: https://www.x.go.th/eservice/\n    - { item: O17, title: ร้องเรียน, url: \"https://www.x.go.th/complaint/\" }\nmenus: {}\n";
        let e = parse(text, "site.yaml").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].item, "2569:O10");
        assert_eq!(e[0].line, Some(6));
        assert_eq!(e[0].item_line, Some(4));
        assert_eq!(e[1].line, Some(7));
        assert_eq!(e[1].url, "https://www.x.go.th/complaint/");
    }

    #[test]
    fn an_unknown_key_is_located() {
        let e = parse(
            "ita:\n  evidence:\n    - item: O10\n      titel: E\n      url: https://x.go.th/\n",
            "site.yaml",
        )
        .unwrap_err();
        assert!(e.location.line.is_some());
    }
}
