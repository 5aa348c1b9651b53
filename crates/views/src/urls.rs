//! Site paths of the procurement pages (docs/site-config.md): the one place they are spelled.
//! The downloads under `/data/<FY>/` are in [`crate::outputs`], which also says when each exists.

use prongsai_model::{Procurement, SupplierKey, YearMonth};

pub fn years() -> String {
    "/procurement/".to_owned()
}
pub fn year(fy: i32) -> String {
    format!("/procurement/{fy}/")
}
pub fn plan(fy: i32) -> String {
    format!("/procurement/{fy}/plan/")
}
pub fn plan_line(fy: i32, plan_id: &str) -> String {
    format!("/procurement/{fy}/plan/#{}", plan_anchor(plan_id))
}
/// Plan ids are typed by people; anchors keep only characters that are safe in a fragment.
pub fn plan_anchor(plan_id: &str) -> String {
    let id: String = plan_id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("plan-{id}")
}
pub fn month(ym: YearMonth) -> String {
    format!("/procurement/{}/months/{}/", ym.fiscal_year(), ym.key())
}
pub fn annual(fy: i32) -> String {
    format!("/procurement/{fy}/annual/")
}
pub fn record(r: &Procurement) -> String {
    format!("/procurement/{}/records/{}/", r.fiscal_year(), r.id())
}
pub fn suppliers() -> String {
    "/suppliers/".to_owned()
}
pub fn supplier(key: &SupplierKey) -> String {
    format!("/suppliers/{}/", key.0)
}
pub fn data_index() -> String {
    "/data/".to_owned()
}
/// The ITA evidence index of an assessment year, and the same index as downloads.
pub fn ita(assessment_year: i32) -> String {
    format!("/ita/{assessment_year}/")
}
pub fn ita_csv(assessment_year: i32) -> String {
    format!("/ita/{assessment_year}/evidence.csv")
}
pub fn ita_json(assessment_year: i32) -> String {
    format!("/ita/{assessment_year}/evidence.json")
}
/// The open-data catalogue in CKAN thai_gdc field names (GD Catalog, data.go.th).
pub fn catalog_json() -> String {
    "/data/catalog.json".to_owned()
}
/// The same catalogue as DCAT in JSON-LD.
pub fn catalog_jsonld() -> String {
    "/data/catalog.jsonld".to_owned()
}
/// The Atom feed of published months and plans.
pub fn procurement_feed() -> String {
    "/procurement/feed.xml".to_owned()
}
/// RFC 9116: how to report a security problem.
pub fn security_txt() -> String {
    "/.well-known/security.txt".to_owned()
}

/// The output file of a site path that ends in `/`.
pub fn output_of(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}
