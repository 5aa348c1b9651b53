//! `ita:` in site.yaml: evidence addresses outside the pages prongsai builds (an e-service
//! system, a complaint form, the agency's social-media page), one per ITA item they answer.
//!
//! ```yaml
//! ita:
//!   evidence:
//!     - item: "2569:O10"
//!       title: ระบบ E-Service ของ อบต.เมืองหลวง
//!       url: https://www.muangluang.go.th/eservice/
//! ```

use prongsai_model::codes;
use prongsai_model::{Diagnostic, Location};
use serde::Deserialize;

use crate::RuleInfo;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C004,
    doc: "The ita: section of site.yaml lists evidence addresses outside the pages prongsai builds, such as the \
e-service system or the complaint channel: `evidence:` is a list of entries with `item` (the ITA item, \
`\"2569:O10\"`, or `O10` for every assessment year), `title` (what the assessor sees) and `url`. The assessor \
opens the address from outside, so it must be a full `https://` address; `http://`, a site path or a typo is \
an error at its line, as is an unknown key. An item code the year's criteria file lacks is C209.",
};

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

/// Reads the `ita:` section of site.yaml (`path` names the file in diagnostics). Entries with an
/// address that is not `https://` are reported and left out, so the page never shows them.
pub fn from_site_yaml(text: &str, path: &str) -> (Vec<ExternalEvidence>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let section = match serde_saphyr::from_str::<Option<SiteIta>>(text) {
        Ok(site) => site.and_then(|s| s.ita).unwrap_or_default(),
        Err(e) => {
            let (loc, first) = crate::criteria::yaml_error_at(&e, path);
            diags.push(
                INFO.diag(
                    format!("ค่าในส่วน ita: ของ site.yaml ไม่ถูกต้อง ({first}) แต่ละรายการใน ita.evidence ต้องมี item, title และ url เท่านั้น (ดู docs/site-config.md)"),
                    format!("The ita: section of site.yaml is invalid ({first}); each ita.evidence entry has item, title and url only (see docs/site-config.md)"),
                )
                .at(loc),
            );
            return (Vec::new(), diags);
        }
    };
    let url_lines = key_lines(text, "url:");
    let item_lines = key_lines(text, "item:");
    let mut out = Vec::new();
    for (n, mut e) in section.evidence.into_iter().enumerate() {
        e.line = url_lines.get(n).copied();
        e.item_line = item_lines.get(n).copied();
        let at = Location {
            file: path.to_owned(),
            line: e.line,
            ..Location::default()
        };
        let url = e.url.trim();
        let host = url.strip_prefix("https://").unwrap_or_default();
        let host = host.split(['/', '?', '#']).next().unwrap_or_default();
        if !url.starts_with("https://")
            || host.is_empty()
            || !host.contains('.')
            || url.chars().any(char::is_whitespace)
        {
            diags.push(
                INFO.diag(
                    format!("ที่อยู่หลักฐาน ITA \"{url}\" ของข้อ {} ต้องเป็นที่อยู่เต็มที่ขึ้นต้นด้วย https:// เช่น https://www.example.go.th/eservice/ เพราะผู้ประเมินเปิดจากภายนอก", e.item),
                    format!("ITA evidence address \"{url}\" for item {} must be a full https:// address, e.g. https://www.example.go.th/eservice/, since the assessor opens it from outside", e.item),
                )
                .at(at)
                .with_text(url),
            );
            continue;
        }
        if e.title.trim().is_empty() {
            diags.push(
                INFO.diag(
                    format!("หลักฐาน ITA ของข้อ {} ไม่มีชื่อ (title) ใส่ชื่อที่ผู้ประเมินจะเห็น เช่น ระบบ E-Service", e.item),
                    format!("ITA evidence for item {} has no title; write what the assessor will see, e.g. the e-service system's name", e.item),
                )
                .at(at),
            );
            continue;
        }
        e.url = url.to_owned();
        out.push(e);
    }
    (out, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_section_is_empty() {
        let (e, d) = from_site_yaml("title: x\nchecks:\n  egp_threshold: 1\n", "site.yaml");
        assert!(e.is_empty() && d.is_empty());
        let (e, d) = from_site_yaml("", "site.yaml");
        assert!(e.is_empty() && d.is_empty());
    }

    #[test]
    fn reads_entries_with_their_lines() {
        let text = "title: x\nita:\n  evidence:\n    - item: \"2569:O10\"\n      title: E-Service\n      url: https://www.x.go.th/eservice/\n    - { item: O17, title: ร้องเรียน, url: \"https://www.x.go.th/complaint/\" }\nmenus: {}\n";
        let (e, d) = from_site_yaml(text, "site.yaml");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].item, "2569:O10");
        assert_eq!(e[0].line, Some(6));
        assert_eq!(e[0].item_line, Some(4));
        assert_eq!(e[1].line, Some(7));
        assert_eq!(e[1].url, "https://www.x.go.th/complaint/");
    }

    #[test]
    fn an_address_that_is_not_https_is_an_error_at_its_line() {
        for bad in [
            "http://www.x.go.th/e/",
            "/eservice/",
            "www.x.go.th",
            "https://",
            "https://x y",
        ] {
            let text = format!(
                "ita:\n  evidence:\n    - item: O10\n      title: E\n      url: \"{bad}\"\n"
            );
            let (e, d) = from_site_yaml(&text, "site.yaml");
            assert!(e.is_empty(), "{bad}");
            assert_eq!(d.len(), 1, "{bad}");
            assert_eq!(d[0].code, "C004");
            let loc = d[0].location.as_ref().unwrap();
            assert_eq!(
                (loc.file.as_str(), loc.line),
                ("site.yaml", Some(5)),
                "{bad}"
            );
            assert!(d[0].message_en.contains("https://"));
        }
    }

    #[test]
    fn an_unknown_key_is_an_error_with_its_position() {
        let (e, d) = from_site_yaml(
            "ita:\n  evidence:\n    - item: O10\n      titel: E\n      url: https://x.go.th/\n",
            "site.yaml",
        );
        assert!(e.is_empty());
        assert_eq!(d[0].code, "C004");
        assert!(d[0].location.as_ref().unwrap().line.is_some());
    }
}
