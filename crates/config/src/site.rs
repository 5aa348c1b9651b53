//! The file as a whole: every key optional, misspelt keys warned about, each section read into
//! its own typed part with its defaults.

use crate::limits::RawLimits;
use crate::yaml::{did_you_mean, top_level_keys, yaml_error};
use crate::{CheckConfig, ExternalEvidence, Licence, Limits};
use prongsai_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The configuration file's name, relative to the site root; diagnostics about it name it so.
pub const SITE_FILE: &str = "site.yaml";

/// Every top-level key of site.yaml (docs/site-config.md documents each).
pub const KNOWN_KEYS: [&str; 17] = [
    "checks",
    "egp",
    "ita",
    "as_of",
    "policies_updated",
    "og_image",
    "favicon",
    "markdown",
    "limits",
    "title",
    "data_license",
    "description",
    "base_url",
    "language",
    "theme",
    "thai_digits",
    "menus",
];

#[derive(Clone, Debug, Default, Deserialize)]
struct RawConfig {
    as_of: Option<String>,
    policies_updated: Option<String>,
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    thai_digits: Option<bool>,
    data_license: Option<String>,
    og_image: Option<String>,
    favicon: Option<String>,
    #[serde(default)]
    menus: RawMenus,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    egp: EgpConfig,
}

/// `egp:` in site.yaml: what the site shows of the cross-check with e-GP's contract data
/// (`procurement-data/<FY>/egp/`). `check` reports every finding whatever it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EgpConfig {
    /// Whether the year pages show the cross-check to the public: how many of e-GP's contracts
    /// the month files disclose, and each one not yet in a month file. Default `true`.
    #[serde(default = "yes")]
    pub public: bool,
}

fn yes() -> bool {
    true
}

impl Default for EgpConfig {
    fn default() -> EgpConfig {
        EgpConfig { public: true }
    }
}

/// What happens to raw HTML written inside Markdown pages (`markdown.raw_html`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// A safe subset of tags and attributes is kept; the rest is removed (the default).
    #[default]
    Sanitize,
    /// Raw HTML is shown as text.
    Escape,
    /// Raw HTML and every link pass through untouched, for agencies that review their pages.
    Trust,
}

/// `markdown:` in site.yaml.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML inside Markdown pages: `sanitize` (default), `escape` or `trust`.
    #[serde(default)]
    pub raw_html: RawHtml,
}

#[derive(Clone, Debug, Default, Deserialize)]
struct RawMenus {
    #[serde(default)]
    main: Vec<MenuItem>,
    #[serde(default)]
    footer: Vec<MenuItem>,
}

/// A menu entry as written; `url` is `@/…` (a content file), a site path or an absolute URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

/// A `checks:` or `ita:` section that does not fit its schema: where, and the parser's words.
/// The check stage reports it under its own code (C001, C004).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionError {
    pub location: Location,
    /// The first line of the YAML parser's message.
    pub detail: String,
}

impl SectionError {
    pub(crate) fn new(err: &serde_saphyr::Error, file: &str) -> SectionError {
        let (location, detail) = crate::yaml::error_at(err, file);
        SectionError { location, detail }
    }
}

/// The site configuration with defaults applied (the title is resolved later, since its
/// default comes from the procurement data's agency name).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SiteConfig {
    pub title: Option<String>,
    pub description: String,
    /// Without a trailing `/`; empty when unknown (sitemap then uses site-relative URLs).
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub thai_digits: bool,
    /// The open data's licence (`data_license:`, an SPDX or thai_gdc id or the licence's URL).
    pub data_license: Option<&'static Licence>,
    /// `og_image:` the link-preview image the site supplies instead of the generated card: a
    /// site path (`/images/card.jpg`) or an absolute URL, PNG or JPEG.
    pub og_image: Option<String>,
    /// `favicon:` the site's own icon instead of the generated one: a site path (`/images/emblem.png`),
    /// PNG or ICO, so that `/favicon.ico` can be made from it. `None`: drawn at build time.
    pub favicon: Option<String>,
    pub menu_main: Vec<MenuItem>,
    pub menu_footer: Vec<MenuItem>,
    pub markdown: MarkdownConfig,
    /// `egp:`: whether the public sees the cross-check with e-GP.
    pub egp: EgpConfig,
    /// `limits:`: how large a file, a cell, a table may be before it is refused.
    #[serde(skip)]
    pub limits: Limits,
    /// `checks:`: the checks' thresholds, or why the section could not be read.
    #[serde(skip)]
    pub checks: Result<CheckConfig, SectionError>,
    /// `ita.evidence`: addresses outside the site, as written, or why the section could not be read.
    #[serde(skip)]
    pub ita_evidence: Result<Vec<ExternalEvidence>, SectionError>,
    /// `as_of`: the date a sample or an archived site describes, in place of today. A live site
    /// leaves it out (check says so when it does not).
    pub as_of: Option<prongsai_model::Date>,
    /// The line of `as_of:`, for diagnostics that need the data to judge it.
    pub as_of_line: Option<u32>,
    /// `policies_updated`: when the agency announced its website, privacy and accessibility
    /// policies; the generated policy pages show it as their "last updated" date.
    pub policies_updated: Option<prongsai_model::Date>,
    /// The text of site.yaml, kept to locate menu entries in later diagnostics.
    #[serde(skip)]
    pub(crate) text: String,
}

impl Default for SiteConfig {
    fn default() -> SiteConfig {
        SiteConfig {
            title: None,
            description: String::new(),
            base_url: String::new(),
            language: "th".to_owned(),
            theme: "default".to_owned(),
            thai_digits: false,
            data_license: None,
            og_image: None,
            favicon: None,
            menu_main: Vec::new(),
            menu_footer: Vec::new(),
            markdown: MarkdownConfig::default(),
            egp: EgpConfig::default(),
            limits: Limits::default(),
            checks: Ok(CheckConfig::default()),
            ita_evidence: Ok(Vec::new()),
            as_of: None,
            as_of_line: None,
            policies_updated: None,
            text: String::new(),
        }
    }
}

impl SiteConfig {
    /// 1-based line of the first line of site.yaml containing `needle`, for menu diagnostics.
    pub fn line_of(&self, needle: &str) -> Option<u32> {
        self.text
            .lines()
            .position(|l| l.contains(needle))
            .and_then(|i| u32::try_from(i + 1).ok())
    }
}

/// Reads `<root>/site.yaml`; a missing file is the all-defaults configuration.
pub fn load(root: &Path) -> (SiteConfig, Vec<Diagnostic>) {
    let path = root.join(SITE_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text),
            Err(_) => (
                SiteConfig::default(),
                vec![
                    Diagnostic::error(
                        prongsai_model::codes::C100.code,
                        "site.yaml ไม่ได้บันทึกเป็น UTF-8 — บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8",
                        "site.yaml is not UTF-8; save it again as UTF-8",
                    )
                    .at(Location::file(SITE_FILE)),
                ],
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (SiteConfig::default(), Vec::new()),
        Err(e) => (
            SiteConfig::default(),
            vec![
                Diagnostic::error(
                    prongsai_model::codes::C100.code,
                    format!("อ่าน site.yaml ไม่ได้ ({e}) — ตรวจสอบสิทธิ์การอ่านไฟล์"),
                    format!("cannot read site.yaml ({e}); check the file's permissions"),
                )
                .at(Location::file(SITE_FILE)),
            ],
        ),
    }
}

/// Parses site.yaml's text: the settings with their diagnostics (C101–C109, C116), and each other
/// stage's section.
pub fn parse(text: &str) -> (SiteConfig, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let raw: RawConfig = if text.trim().is_empty() {
        RawConfig::default()
    } else {
        match serde_saphyr::from_str::<Option<RawConfig>>(text) {
            Ok(raw) => raw.unwrap_or_default(),
            Err(e) => {
                diags.push(yaml_error(
                    &e,
                    SITE_FILE,
                    0,
                    prongsai_model::codes::C101.code,
                    "site.yaml",
                    "site.yaml",
                ));
                // The other sections are still read, each reporting its own problem, and
                // the loaders keep the limits written even when a setting elsewhere is bad.
                let config = SiteConfig {
                    limits: crate::limits::lenient(text),
                    checks: crate::checks::parse(text, SITE_FILE),
                    ita_evidence: crate::ita::parse(text, SITE_FILE),
                    ..SiteConfig::default()
                };
                return (config, diags);
            }
        }
    };
    for (key, line, has_value) in top_level_keys(text) {
        // A key with a nested block is another stage's section (e.g. `checks:`); only a
        // scalar key we do not know is likely a typo of ours.
        if KNOWN_KEYS.contains(&key.as_str()) || !has_value {
            continue;
        }
        let hint = did_you_mean(&key, &KNOWN_KEYS);
        diags.push(
            Diagnostic::warning(
                prongsai_model::codes::C102.code,
                format!("ไม่รู้จักคีย์ \"{key}\" ใน site.yaml จึงไม่ได้ใช้ค่านี้{}", hint.0),
                format!("unknown key \"{key}\" in site.yaml is ignored;{}", hint.1),
            )
            .at(Location::line(SITE_FILE, line)),
        );
    }
    let base_url = raw
        .base_url
        .unwrap_or_default()
        .trim()
        .trim_end_matches('/')
        .to_owned();
    if !(base_url.is_empty() || base_url.starts_with("https://") || base_url.starts_with("http://"))
    {
        diags.push(
            Diagnostic::error(
                prongsai_model::codes::C103.code,
                format!("base_url \"{base_url}\" ต้องเป็นที่อยู่เต็ม เช่น https://www.example.go.th"),
                format!("base_url \"{base_url}\" must be absolute, e.g. https://www.example.go.th"),
            )
            .at(at_key(text, "base_url")),
        );
    }
    let as_of_line = key_line(text, "as_of");
    let as_of = date_key(raw.as_of.as_deref(), &mut diags, |t| {
        Diagnostic::error(
            prongsai_model::codes::C106.code,
            format!("as_of \"{t}\" ไม่ใช่วันที่ — ใช้รูปแบบ ปปปป-ดด-วว เช่น 2569-11-01 (พ.ศ.) หรือ 2026-11-01 (ค.ศ.) หรือลบบรรทัดนี้ออกเพื่อใช้วันที่ปัจจุบัน"),
            format!("as_of \"{t}\" is not a date; write YYYY-MM-DD, e.g. 2569-11-01 (BE) or 2026-11-01 (CE), or remove the line to use today's date"),
        )
        .at(Location {
            file: SITE_FILE.to_owned(),
            line: as_of_line,
            ..Location::default()
        })
    });
    let policies_updated = date_key(raw.policies_updated.as_deref(), &mut diags, |t| {
        Diagnostic::error(
            prongsai_model::codes::C109.code,
            format!("policies_updated \"{t}\" ไม่ใช่วันที่ — ใช้วันที่ประกาศนโยบายเว็บไซต์ รูปแบบ ปปปป-ดด-วว เช่น 2568-10-01 (พ.ศ.)"),
            format!("policies_updated \"{t}\" is not a date; write the day the site's policies were announced as YYYY-MM-DD, e.g. 2568-10-01 (BE)"),
        )
        .at(at_key(text, "policies_updated"))
    });
    let theme = raw.theme.unwrap_or_else(|| "default".to_owned());
    if theme.is_empty()
        || !theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        diags.push(
            Diagnostic::error(
                prongsai_model::codes::C104.code,
                format!("ชื่อธีม \"{theme}\" ใช้ได้เฉพาะ a-z 0-9 - _ (ชื่อโฟลเดอร์ใน themes/)"),
                format!("theme name \"{theme}\" may only use a-z 0-9 - _ (a folder in themes/)"),
            )
            .at(Location::file(SITE_FILE)),
        );
    }
    let config = SiteConfig {
        as_of,
        as_of_line,
        policies_updated,
        title: raw.title.filter(|t| !t.trim().is_empty()),
        description: raw.description.unwrap_or_default(),
        base_url,
        language: raw.language.unwrap_or_else(|| "th".to_owned()),
        theme,
        thai_digits: raw.thai_digits.unwrap_or(false),
        data_license: raw
            .data_license
            .filter(|l| !l.trim().is_empty())
            .and_then(|l| licence(text, &l, &mut diags)),
        og_image: raw
            .og_image
            .filter(|i| !i.trim().is_empty())
            .and_then(|i| og_image(text, i.trim(), &mut diags)),
        favicon: raw
            .favicon
            .filter(|i| !i.trim().is_empty())
            .and_then(|i| favicon(text, i.trim(), &mut diags)),
        menu_main: raw.menus.main,
        menu_footer: raw.menus.footer,
        markdown: raw.markdown,
        egp: raw.egp,
        limits: raw.limits.resolve(),
        checks: crate::checks::parse(text, SITE_FILE),
        ita_evidence: crate::ita::parse(text, SITE_FILE),
        text: text.to_owned(),
    };
    (config, diags)
}

/// The line of a top-level `key:`, for diagnostics about its value.
/// A date-valued key: its date, or `bad`'s located error when the text is not one.
fn date_key(
    value: Option<&str>,
    diags: &mut Vec<Diagnostic>,
    bad: impl FnOnce(&str) -> Diagnostic,
) -> Option<prongsai_model::Date> {
    let text = value?;
    let date = crate::parse_date(text);
    if date.is_none() {
        diags.push(bad(text));
    }
    date
}

fn key_line(text: &str, key: &str) -> Option<u32> {
    top_level_keys(text)
        .into_iter()
        .find(|(k, ..)| k == key)
        .map(|(_, l, _)| l)
}

/// site.yaml at the line of `key:` (the file alone when the key is not written at the top level).
fn at_key(text: &str, key: &str) -> Location {
    Location {
        file: SITE_FILE.to_owned(),
        line: key_line(text, key),
        ..Location::default()
    }
}

/// Facebook and LINE show only PNG and JPEG previews, from an address they can fetch.
fn og_image(text: &str, value: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let place_ok =
        value.starts_with('/') || lower.starts_with("https://") || lower.starts_with("http://");
    let kind_ok = [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e));
    if place_ok && kind_ok {
        return Some(value.to_owned());
    }
    diags.push(
        Diagnostic::error(
            prongsai_model::codes::C108.code,
            format!("og_image \"{value}\" ต้องเป็นไฟล์ PNG หรือ JPEG ในเว็บไซต์ (ขึ้นต้นด้วย / เช่น /images/card.jpg) หรือที่อยู่ https://… (Facebook และ LINE ไม่แสดงภาพ SVG)"),
            format!("og_image \"{value}\" must be a PNG or JPEG file of the site (starting with /, e.g. /images/card.jpg) or an https://… address (Facebook and LINE do not show SVG)"),
        )
        .at(at_key(text, "og_image")),
    );
    None
}

/// A file of the site, because `/favicon.ico` is made from its bytes; PNG or ICO, because SVG
/// cannot become one and iOS shows no SVG home-screen icon.
fn favicon(text: &str, value: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    if value.starts_with('/') && [".png", ".ico"].iter().any(|e| lower.ends_with(e)) {
        return Some(value.to_owned());
    }
    diags.push(
        Diagnostic::error(
            prongsai_model::codes::C116.code,
            format!("favicon \"{value}\" ต้องเป็นไฟล์ PNG หรือ ICO ในเว็บไซต์ ขึ้นต้นด้วย / เช่น /images/emblem.png (วางไฟล์ไว้ที่ content/images/emblem.png) หรือลบบรรทัดนี้เพื่อใช้ไอคอนที่สร้างให้"),
            format!("favicon \"{value}\" must be a PNG or ICO file of the site starting with /, e.g. /images/emblem.png (the file content/images/emblem.png), or remove the line to use the generated icon"),
        )
        .at(at_key(text, "favicon")),
    );
    None
}

/// A licence nobody can look up is worse than none: the data officer would register it wrongly.
fn licence(text: &str, key: &str, diags: &mut Vec<Diagnostic>) -> Option<&'static Licence> {
    let found = crate::find_licence(key);
    if found.is_none() {
        let known: Vec<&str> = crate::LICENCES.iter().map(|l| l.spdx).collect();
        diags.push(
            Diagnostic::error(
                prongsai_model::codes::C105.code,
                format!(
                    "data_license \"{key}\" ไม่ใช่รหัสสัญญาอนุญาตที่รู้จัก — ใช้รหัส SPDX หรือรหัสของ thai_gdc เช่น {}",
                    known.join(", ")
                ),
                format!(
                    "data_license \"{key}\" is not a known licence identifier; use an SPDX or thai_gdc id, e.g. {}",
                    known.join(", ")
                ),
            )
            .at(at_key(text, "data_license")),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_updated_is_a_date_or_an_error_at_its_line() {
        let (c, d) = parse("title: x\npolicies_updated: 2568-10-01\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            c.policies_updated.map(|d| d.iso()).as_deref(),
            Some("2025-10-01")
        );
        let (c, d) = parse("title: x\npolicies_updated: last year\n");
        assert_eq!(c.policies_updated, None);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "C109");
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(2));
    }

    #[test]
    fn favicon_is_a_png_or_ico_of_the_site() {
        let (c, d) = parse("favicon: /images/emblem.png\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.favicon.as_deref(), Some("/images/emblem.png"));
        for bad in ["emblem.png", "/emblem.svg", "https://x.go.th/e.png"] {
            let (c, d) = parse(&format!("title: t\nfavicon: {bad}\n"));
            assert_eq!(c.favicon, None, "{bad}");
            assert_eq!(d.len(), 1, "{bad}: {d:?}");
            assert_eq!(d[0].code, "C116");
            assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(2));
        }
        assert_eq!(SiteConfig::default().favicon, None);
    }

    #[test]
    fn og_image_is_a_png_or_jpeg_address() {
        let (c, d) = parse("og_image: /images/card.jpg\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.og_image.as_deref(), Some("/images/card.jpg"));
        let (c, d) = parse("title: t\nog_image: card.svg\n");
        assert_eq!(c.og_image, None);
        assert_eq!(d[0].code, "C108");
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(2));
    }

    #[test]
    fn defaults_when_empty() {
        let (c, d) = parse("");
        assert!(d.is_empty());
        assert_eq!(c.theme, "default");
        assert_eq!(c.language, "th");
        assert_eq!(c.title, None);
    }

    #[test]
    fn reads_menus_and_trims_base_url() {
        let (c, d) = parse(
            "title: อบต.\nbase_url: https://x.go.th/\nmenus:\n  main:\n    - name: หน้าแรก\n      url: \"@/_index.md\"\nchecks:\n  red_flags: true\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.base_url, "https://x.go.th");
        assert_eq!(c.menu_main[0].url, "@/_index.md");
        assert_eq!(c.line_of("@/_index.md"), Some(6));
    }

    #[test]
    fn unknown_scalar_key_warns_with_line() {
        let (c, d) = parse("title: a\ntitel: b\n");
        assert_eq!(c.title.as_deref(), Some("a"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "C102");
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(2));
        assert!(d[0].message_en.contains("\"title\""));
    }

    #[test]
    fn bad_yaml_is_an_error_with_position() {
        let (_, d) = parse("title: a\nmenus:\n  main: [\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].is_error());
        assert!(
            d[0].location.as_ref().and_then(|l| l.line).is_some(),
            "{d:?}"
        );
        let (_, d) = parse("thai_digits: maybe\n");
        assert_eq!(d[0].code, "C101");
        assert_eq!(
            d[0].location.as_ref().and_then(|l| l.line),
            Some(1),
            "{d:?}"
        );
    }

    #[test]
    fn egp_public_defaults_to_shown() {
        assert!(parse("").0.egp.public);
        let (c, d) = parse("egp: { public: false }\n");
        assert!(d.is_empty(), "{d:?}");
        assert!(!c.egp.public);
        let (_, d) = parse("egp: { publc: false }\n");
        assert!(!d.is_empty(), "a misspelt key is reported");
    }

    #[test]
    fn markdown_and_limits() {
        let (c, d) =
            parse("markdown: { raw_html: escape }\nlimits: { max_file_mb: 2, max_rows: 10 }\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.markdown.raw_html, RawHtml::Escape);
        assert_eq!(c.limits.max_file_bytes, 2 * 1024 * 1024);
        assert_eq!(c.limits.max_rows, 10);
        assert_eq!(c.limits.max_cell_bytes, Limits::default().max_cell_bytes);
        let (c, _) = parse("");
        assert_eq!(c.markdown.raw_html, RawHtml::Sanitize);
        let (_, d) = parse("markdown:\n  raw_html: yes\n");
        assert_eq!(d[0].code, "C101");
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(2));
    }

    #[test]
    fn relative_base_url_is_an_error() {
        let (_, d) = parse("base_url: www.x.go.th\n");
        assert_eq!(d[0].code, "C103");
    }

    #[test]
    fn data_license_is_a_known_id_or_an_error_at_its_line() {
        let (c, d) = parse("title: x\ndata_license: CC-BY-4.0\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.data_license.map(|l| l.gdc_id), Some("cc-by"));
        let (c, d) = parse("title: x\ndata_license: free-for-all\n");
        assert!(c.data_license.is_none());
        assert_eq!(d[0].code, "C105");
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!((loc.file.as_str(), loc.line), ("site.yaml", Some(2)));
    }
}
