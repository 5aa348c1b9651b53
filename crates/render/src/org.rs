//! schema.org `GovernmentOrganization` for the home page, so search engines and the DGA
//! checkers read the agency's name, address and contact details from data, not prose.

use prongsai_model::Agency;
use serde_json::{Map, Value, json};

/// The JSON-LD text, safe to place inside `<script type="application/ld+json">`: `<`, `>` and
/// `&` are escaped so no value from agency.yaml can close the element.
pub(crate) fn json_ld(agency: &Agency) -> String {
    let mut address = Map::new();
    address.insert("@type".into(), json!("PostalAddress"));
    if let Some(a) = &agency.address {
        address.insert("streetAddress".into(), json!(a));
    }
    address.insert("addressLocality".into(), json!(agency.district));
    address.insert("addressRegion".into(), json!(agency.province));
    address.insert("addressCountry".into(), json!("TH"));
    let mut org = Map::new();
    org.insert("@context".into(), json!("https://schema.org"));
    org.insert("@type".into(), json!("GovernmentOrganization"));
    org.insert("name".into(), json!(agency.name));
    org.insert("alternateName".into(), json!(agency.short_name));
    org.insert("url".into(), json!(agency.website));
    org.insert("address".into(), Value::Object(address));
    if let Some(p) = &agency.phone {
        org.insert("telephone".into(), json!(p));
    }
    if let Some(e) = &agency.email {
        org.insert("email".into(), json!(e));
    }
    if !agency.social.is_empty() {
        org.insert(
            "sameAs".into(),
            json!(agency.social.values().collect::<Vec<_>>()),
        );
    }
    Value::Object(org)
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_agency_and_cannot_close_the_script() {
        let agency = Agency {
            name: "อบต.</script><script>x".into(),
            district: "ห้วยทับทัน".into(),
            province: "ศรีสะเกษ".into(),
            website: "https://www.muangluang.go.th".into(),
            phone: Some("045-123456".into()),
            ..Agency::default()
        };
        let text = json_ld(&agency);
        assert!(!text.contains('<'), "{text}");
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["@type"], "GovernmentOrganization");
        assert_eq!(v["name"], "อบต.</script><script>x");
        assert_eq!(v["telephone"], "045-123456");
        assert_eq!(v["address"]["addressRegion"], "ศรีสะเกษ");
        assert!(v.get("email").is_none());
    }
}
