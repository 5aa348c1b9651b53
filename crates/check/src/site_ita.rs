//! `ita:` in site.yaml: evidence addresses outside the pages prongsai builds (an e-service
//! system, a complaint form, the agency's social-media page), one per ITA item they answer.
//! prongsai_config reads the section; whether each address is one the assessor can open is
//! judged here (C004).
//!
//! ```yaml
//! ita:
//!   evidence:
//!     - item: "2569:O10"
//!       title: ระบบ E-Service ของ อบต.เมืองหลวง
//!       url: https://www.muangluang.go.th/eservice/
//! ```

use prongsai_config::{ExternalEvidence, SITE_FILE, SectionError, SiteConfig};
use prongsai_model::codes;
use prongsai_model::{Diagnostic, Location};

use crate::RuleInfo;
use crate::rules::RuleClass;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C004,
    class: RuleClass::Input,
    doc: "The ita: section of site.yaml lists evidence addresses outside the pages prongsai builds, such as the \
e-service system or the complaint channel: `evidence:` is a list of entries with `item` (the ITA item, \
`\"2569:O10\"`, or `O10` for every assessment year), `title` (what the assessor sees) and `url`. The assessor \
opens the address from outside, so it must be a full `https://` address; `http://`, a site path or a typo is \
an error at its line, as is an unknown key. An item code the year's criteria file lacks is C209.",
};

/// The addresses of site.yaml's `ita.evidence` the assessor can open. Entries with an address
/// that is not `https://` are reported and left out, so the page never shows them.
pub fn ita_evidence(site: &SiteConfig) -> (Vec<ExternalEvidence>, Vec<Diagnostic>) {
    let path = SITE_FILE;
    let mut diags = Vec::new();
    let evidence = match &site.ita_evidence {
        Ok(evidence) => evidence.clone(),
        Err(SectionError {
            location: loc,
            detail: first,
        }) => {
            diags.push(
                INFO.diag(
                    format!("ค่าในส่วน ita: ของ site.yaml ไม่ถูกต้อง ({first}) แต่ละรายการใน ita.evidence ต้องมี item, title และ url เท่านั้น (ดู docs/site-config.md)"),
                    format!("The ita: section of site.yaml is invalid ({first}); each ita.evidence entry has item, title and url only (see docs/site-config.md)"),
                )
                .at(loc.clone()),
            );
            return (Vec::new(), diags);
        }
    };
    let mut out = Vec::new();
    for mut e in evidence {
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

    /// The section as site.yaml's text would give it.
    fn from_site_yaml(text: &str, _: &str) -> (Vec<ExternalEvidence>, Vec<Diagnostic>) {
        ita_evidence(&prongsai_config::parse(text).0)
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
