//! What the web host needs besides the pages: `.htaccess` (Apache: error page, security headers,
//! caching, compression, content types), `/.well-known/security.txt` (RFC 9116), and content-hashed
//! asset names so browsers may keep CSS, scripts and fonts for a year.
//!
//! The nginx equivalent of the `.htaccess` is in docs/deploy.md; `tests/browser` serves the site
//! with these same headers (it reads the `.htaccess`) and checks that no page breaks its policy.

use crate::RenderInput;
use crate::theme::Theme;
use prongsai_model::Date;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The Content-Security-Policy every page is served with. The default theme satisfies it: no
/// inline script (the JSON-LD blocks are data, not script), no inline style, nothing from
/// another site. The search reads its index with fetch from the same site.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// `.htaccess` for Apache 2.4 (the usual Thai government shared host). Every block is guarded
/// by `<IfModule>`, so a host without a module still serves the site rather than answering 500.
pub(crate) fn htaccess() -> Vec<u8> {
    let mut s = String::new();
    s.push_str(
        "# Written by prongsai: security headers, caching and content types for Apache 2.4.\n",
    );
    s.push_str("# docs/deploy.md has the same for nginx. Do not edit on the host: the next deploy replaces it.\n\n");
    s.push_str("ErrorDocument 404 /404.html\n");
    s.push_str("AddDefaultCharset utf-8\n\n");
    s.push_str("<IfModule mod_mime.c>\n");
    for (ext, ty) in TYPES {
        let _ = writeln!(s, "  AddType {ty} .{ext}");
    }
    s.push_str("  AddCharset utf-8 .html .css .js .json .jsonld .xml .txt .csv\n");
    s.push_str("</IfModule>\n\n");
    s.push_str("<IfModule mod_headers.c>\n");
    s.push_str("  # mod_deflate (mod_brotli) sends a compressed page's ETag as \"…-gzip\" (\"…-br\") but\n");
    s.push_str(
        "  # compares what the browser sends back with the file's own ETag, so a compressed page\n",
    );
    s.push_str(
        "  # never matched and was downloaded in full on every visit instead of answering 304.\n",
    );
    s.push_str("  # The suffix is taken off again before Apache compares.\n");
    let _ = writeln!(
        s,
        "  RequestHeader edit* If-None-Match {ETAG_SUFFIX} \"\\\"\""
    );
    let _ = writeln!(
        s,
        "  Header always set Content-Security-Policy \"{CONTENT_SECURITY_POLICY}\""
    );
    for (name, value) in HEADERS {
        let _ = writeln!(s, "  Header always set {name} \"{value}\"");
    }
    s.push_str("  # Pages and data change with every build: the browser asks again each time.\n");
    s.push_str("  Header set Cache-Control \"no-cache\"\n");
    s.push_str("  # Names carrying a content hash never change content: keep them a year.\n");
    let _ = writeln!(s, "  <FilesMatch \"{HASHED_PATTERN}\">");
    s.push_str("    Header set Cache-Control \"public, max-age=31536000, immutable\"\n");
    s.push_str("  </FilesMatch>\n");
    s.push_str("</IfModule>\n\n");
    s.push_str("<IfModule mod_deflate.c>\n");
    s.push_str("  AddOutputFilterByType DEFLATE text/html text/css text/javascript application/javascript application/json application/ld+json application/xml application/atom+xml image/svg+xml text/plain text/csv\n");
    s.push_str("</IfModule>\n");
    s.into_bytes()
}

/// Security headers besides the CSP (name, value), for `.htaccess`, nginx and the test server.
pub const HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
    ("X-Frame-Options", "SAMEORIGIN"),
];

/// The compression suffix mod_deflate and mod_brotli add to an ETag, closing quote included, as
/// `RequestHeader edit*` reads it (a quoted regular expression).
const ETAG_SUFFIX: &str = "\"-(gzip|br)\\\"\"";

/// The regular expression of a fingerprinted file name, as `.htaccess` `FilesMatch` reads it.
pub const HASHED_PATTERN: &str = "\\.[0-9a-f]{16}\\.(css|js|woff2|woff|png|svg|ico)$";

/// Content types a host may not know (extension, type).
const TYPES: &[(&str, &str)] = &[
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("json", "application/json"),
    ("jsonld", "application/ld+json"),
    ("woff2", "font/woff2"),
    ("woff", "font/woff"),
    ("csv", "text/csv"),
    ("xml", "application/xml"),
    ("js", "text/javascript"),
    ("svg", "image/svg+xml"),
    ("pdf", "application/pdf"),
];

/// The content page security.txt names when agency.yaml has no e-mail or phone.
const CONTACT_PAGE: &str = "/contact/";

/// `/.well-known/security.txt` (RFC 9116): whom to tell about a security problem: agency.yaml's
/// e-mail and phone, else the `/contact/` page. `None` when there is none (Contact is required).
///
/// Expires is a year less a day after `as_of`, at midnight in Thailand: deterministic, and a
/// site nobody has rebuilt for a year stops promising that anyone reads the address.
pub(crate) fn security_txt(input: &RenderInput<'_>) -> Option<Vec<u8>> {
    let agency = input.data.agency.as_ref()?;
    let mut contacts = Vec::new();
    if let Some(email) = &agency.email {
        for e in email.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            contacts.push(format!("mailto:{e}"));
        }
    }
    if let Some(phone) = &agency.phone {
        for p in phone.split(',').filter_map(tel_uri) {
            contacts.push(p);
        }
    }
    // Without either, the site's contact page, where agency.yaml's address is (RFC 9116 allows
    // an https page as a Contact).
    if contacts.is_empty()
        && !input.base_url.is_empty()
        && input.site.pages.iter().any(|p| p.url == CONTACT_PAGE)
    {
        contacts.push(format!("{}{CONTACT_PAGE}", input.base_url));
    }
    if contacts.is_empty() {
        return None;
    }
    let mut s = String::new();
    for c in contacts {
        let _ = writeln!(s, "Contact: {c}");
    }
    let _ = writeln!(s, "Expires: {}", expires(input.as_of));
    s.push_str("Preferred-Languages: th, en\n");
    if !input.base_url.is_empty() {
        let _ = writeln!(
            s,
            "Canonical: {}{}",
            input.base_url,
            prongsai_views::urls::security_txt()
        );
    }
    Some(s.into_bytes())
}

fn expires(as_of: Date) -> String {
    format!("{}T00:00:00+07:00", as_of.add_days(364).iso())
}

/// A Thai phone number as a `tel:` URI (RFC 3966, international form): `0 4581 6111` →
/// `tel:+6645816111`. agency.yaml's numbers are already checked (P153).
fn tel_uri(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let national = if phone.trim_start().starts_with('+') {
        digits.strip_prefix("66")?.to_owned()
    } else {
        digits.strip_prefix('0')?.to_owned()
    };
    (8..=9)
        .contains(&national.len())
        .then(|| format!("tel:+66{national}"))
}

/// The link-preview image: the site's own (`og_image:` in site.yaml) or the generated card.
pub(crate) struct Card {
    /// The generated card's output path and bytes; `None` when the site supplies its own.
    pub file: Option<(String, Vec<u8>)>,
    /// What the pages' `og:image` tags say; `None` without a base_url (Open Graph needs an
    /// absolute image address).
    pub meta: Option<CardMeta>,
    /// `og_image:` names a site path no file of the output has.
    pub missing: Option<prongsai_model::Diagnostic>,
}

#[derive(serde::Serialize)]
pub(crate) struct CardMeta {
    pub url: String,
    #[serde(rename = "type")]
    pub media_type: &'static str,
    /// Known only for the generated card.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// The default card: the agency's name, what the site publishes, and its address. Named by its
/// content, so a preview service that caches by URL sees a new card when the name changes.
pub(crate) fn og_card(input: &RenderInput<'_>, theme: &Theme) -> Card {
    let base = input.base_url;
    if let Some(own) = &input.site.config.og_image {
        let media_type = if own.to_ascii_lowercase().ends_with(".png") {
            "image/png"
        } else {
            "image/jpeg"
        };
        let url = if own.starts_with('/') {
            (!base.is_empty()).then(|| format!("{base}{}", crate::feeds::encode_path(own)))
        } else {
            Some(own.clone())
        };
        let rel = own.strip_prefix('/');
        let exists = rel.is_none_or(|rel| {
            input.site.assets.iter().any(|a| a.output == rel)
                || theme.statics().any(|(r, _)| r == rel)
        });
        let missing = (!exists).then(|| {
            prongsai_model::Diagnostic::warning(
                prongsai_model::codes::C153.code,
                format!("og_image \"{own}\" ไม่มีไฟล์นี้ในเว็บไซต์ ภาพตัวอย่างลิงก์จึงจะไม่แสดง — วางไฟล์ไว้ใน content/ ที่ตำแหน่งเดียวกัน หรือแก้ og_image ใน site.yaml"),
                format!("og_image \"{own}\" is not a file of the site, so link previews will show no image; put the file at that place under content/ or fix og_image in site.yaml"),
            )
            .at(prongsai_model::Location::file(prongsai_content::SITE_FILE))
        });
        return Card {
            file: None,
            meta: url.map(|url| CardMeta {
                url,
                media_type,
                width: None,
                height: None,
            }),
            missing,
        };
    }
    let name = input
        .data
        .agency
        .as_ref()
        .map_or(input.title, |a| a.name.as_str());
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .trim_end_matches('/');
    let png = prongsai_export::og_card(name, "การเปิดเผยข้อมูลการจัดซื้อจัดจ้างภาครัฐ", host);
    let path = fingerprinted("og-card.png", &png);
    let meta = (!base.is_empty()).then(|| CardMeta {
        url: format!("{base}/{path}"),
        media_type: "image/png",
        width: Some(prongsai_export::CARD_WIDTH),
        height: Some(prongsai_export::CARD_HEIGHT),
    });
    Card {
        file: Some((path, png)),
        meta,
        missing: None,
    }
}

/// The names browsers, feed readers and crawlers fetch without being told, so the build always
/// writes them: a missing `/favicon.ico` is a 404 in every first visit and in the console.
const FAVICON: &str = "favicon.ico";
const TOUCH_ICON: &str = "apple-touch-icon.png";

/// The site's icon: what every page declares, and the files the build writes for it.
pub(crate) struct Icons {
    /// Files at their conventional names (output path, bytes, source), none of which the site
    /// has itself.
    pub files: Vec<(String, Vec<u8>, &'static str)>,
    /// Generated icons pages link under their content-hashed names (original path, bytes), for
    /// [`assets`].
    pub hashed: Vec<(&'static str, Vec<u8>)>,
    /// `favicon:` names a site path no file of the output has (the generated icon is used).
    pub missing: Option<prongsai_model::Diagnostic>,
    declared: Declared,
    apple: Option<Declared>,
}

/// An icon a page declares: the site path of its file, before fingerprinting.
enum Declared {
    /// A file the site has (`favicon:`, or its own `favicon.ico`): linked as it is.
    Own(String),
    /// A generated file: linked by its fingerprinted name.
    Generated(&'static str),
}

/// What `base.html` declares: `<link rel="icon">` and `<link rel="apple-touch-icon">`.
#[derive(serde::Serialize)]
pub(crate) struct IconMeta {
    pub icon: String,
    #[serde(rename = "type")]
    pub media_type: &'static str,
    pub sizes: Option<&'static str>,
    pub apple: Option<String>,
}

/// The site's own icon (`favicon:` in site.yaml, PNG or ICO) or one drawn from the agency's name,
/// and `/favicon.ico` and `/apple-touch-icon.png` unless the site has those files itself.
pub(crate) fn icons(input: &RenderInput<'_>, theme: &Theme) -> Icons {
    let own = |rel: &str| -> Option<Vec<u8>> {
        if let Some((_, f)) = theme.statics().find(|(r, _)| *r == rel) {
            return Some(f.bytes.clone());
        }
        let asset = input.site.assets.iter().find(|a| a.output == rel)?;
        std::fs::read(input.root.join(&asset.source)).ok()
    };
    let has_own = |rel: &str| {
        input.site.assets.iter().any(|a| a.output == rel) || theme.statics().any(|(r, _)| r == rel)
    };
    let mut icons = Icons {
        files: Vec::new(),
        hashed: Vec::new(),
        missing: None,
        declared: Declared::Generated(FAVICON),
        apple: None,
    };
    let mark = icon_mark(input);
    let mut apple = (!has_own(TOUCH_ICON)).then_some(Declared::Generated(TOUCH_ICON));
    let mut favicon_ico = None;
    if let Some(path) = &input.site.config.favicon {
        let rel = path.trim_start_matches('/');
        match own(rel) {
            Some(bytes) => {
                let is_png = prongsai_export::png_size(&bytes).is_some();
                icons.declared = Declared::Own(path.clone());
                if is_png {
                    // The agency's emblem on the home screen too, rather than a drawn letter.
                    apple = Some(Declared::Own(path.clone()));
                    favicon_ico = Some(prongsai_export::ico(&[&bytes]));
                } else if rel.to_ascii_lowercase().ends_with(".ico") {
                    favicon_ico = Some(bytes);
                }
            }
            None => {
                icons.missing = Some(
                    prongsai_model::Diagnostic::warning(
                        prongsai_model::codes::C154.code,
                        format!("favicon \"{path}\" ไม่มีไฟล์นี้ในเว็บไซต์ จึงใช้ไอคอนที่สร้างให้แทน — วางไฟล์ไว้ใน content/ ที่ตำแหน่งเดียวกัน หรือแก้ favicon ใน site.yaml"),
                        format!("favicon \"{path}\" is not a file of the site, so the generated icon is used; put the file at that place under content/ or fix favicon in site.yaml"),
                    )
                    .at(prongsai_model::Location::file(prongsai_content::SITE_FILE)),
                );
            }
        }
    }
    if has_own(FAVICON) {
        if matches!(icons.declared, Declared::Generated(_)) {
            icons.declared = Declared::Own(format!("/{FAVICON}"));
        }
    } else {
        let drawn = matches!(icons.declared, Declared::Generated(_));
        let ico = favicon_ico.unwrap_or_else(|| {
            let pngs: Vec<Vec<u8>> = prongsai_export::ICO_SIZES
                .iter()
                .map(|s| prongsai_export::icon_png(&mark, *s, true))
                .collect();
            prongsai_export::ico(&pngs.iter().map(Vec::as_slice).collect::<Vec<_>>())
        });
        if drawn {
            icons.hashed.push((FAVICON, ico.clone()));
        }
        icons.files.push((FAVICON.to_owned(), ico, "prongsai"));
    }
    if matches!(apple, Some(Declared::Generated(_))) {
        let png = prongsai_export::icon_png(&mark, prongsai_export::TOUCH_ICON_SIZE, false);
        icons.hashed.push((TOUCH_ICON, png.clone()));
        icons.files.push((TOUCH_ICON.to_owned(), png, "prongsai"));
    } else if apple.is_none() && has_own(TOUCH_ICON) {
        apple = Some(Declared::Own(format!("/{TOUCH_ICON}")));
    }
    icons.apple = apple;
    icons
}

impl Icons {
    /// What pages declare, once the generated icons have their fingerprinted names.
    pub fn meta(&self, urls: &BTreeMap<String, String>) -> IconMeta {
        let url = |d: &Declared| match d {
            Declared::Own(path) => crate::feeds::encode_path(path),
            Declared::Generated(rel) => {
                urls.get(*rel).cloned().unwrap_or_else(|| format!("/{rel}"))
            }
        };
        let icon = url(&self.declared);
        let png = icon.to_ascii_lowercase().ends_with(".png");
        IconMeta {
            media_type: if png { "image/png" } else { "image/x-icon" },
            sizes: matches!(self.declared, Declared::Generated(_)).then_some("16x16 32x32 48x48"),
            icon,
            apple: self.apple.as_ref().map(url),
        }
    }
}

/// The letter the generated icon shows: the first Thai consonant of the place in the agency's
/// short name (อบต.เมืองหลวง → ม: the abbreviation before the last dot is every such agency's),
/// else of its name or the site title; a name without Thai letters shows its first letter.
pub(crate) fn icon_mark(input: &RenderInput<'_>) -> String {
    let name = input.data.agency.as_ref().map_or(input.title, |a| {
        if a.short_name.trim().is_empty() {
            a.name.as_str()
        } else {
            a.short_name.as_str()
        }
    });
    let place = name.rsplit_once('.').map_or(name, |(_, p)| p).trim();
    let place = if place.is_empty() { name } else { place };
    place
        .chars()
        .find(|c| ('\u{0e01}'..='\u{0e2e}').contains(c))
        .map(String::from)
        .or_else(|| {
            place
                .chars()
                .find(|c| c.is_alphanumeric())
                .map(|c| c.to_uppercase().collect())
        })
        .unwrap_or_else(|| "ป".to_owned())
}

/// Fingerprinted names of the theme's static files: `css/site.css` → `css/site.<hash>.css`.
/// Stylesheets are rewritten first to point at the fingerprinted fonts and images, and hashed
/// after, so a changed font changes its stylesheet's name too.
pub(crate) struct Assets {
    /// Original path (no leading `/`) → site path of the fingerprinted copy.
    pub urls: BTreeMap<String, String>,
    /// Fingerprinted output path → bytes.
    pub files: Vec<(String, Vec<u8>, String)>,
}

/// File types whose fingerprinted copy pages link.
const FINGERPRINTED: &[&str] = &["woff2", "woff", "png", "svg", "js", "css"];

pub(crate) fn assets(theme: &Theme, extra: &[(&str, &[u8])]) -> Assets {
    let mut urls = BTreeMap::new();
    let mut files = Vec::new();
    let mut sources: Vec<(String, Vec<u8>, String)> = theme
        .statics()
        .filter(|(rel, _)| {
            rel.rsplit_once('.')
                .is_some_and(|(_, ext)| FINGERPRINTED.contains(&ext))
        })
        .map(|(rel, f)| (rel.to_owned(), f.bytes.clone(), f.origin.clone()))
        .collect();
    sources.extend(
        extra
            .iter()
            .map(|(rel, bytes)| ((*rel).to_owned(), bytes.to_vec(), "prongsai".to_owned())),
    );
    // Stylesheets last: they name the others.
    sources.sort_by_key(|(rel, ..)| (rel.ends_with(".css"), rel.clone()));
    for (rel, mut bytes, origin) in sources {
        if rel.ends_with(".css")
            && let Ok(text) = std::str::from_utf8(&bytes)
        {
            let mut text = text.to_owned();
            for (from, to) in &urls {
                text = text.replace(&format!("\"/{from}\""), &format!("\"{to}\""));
            }
            bytes = text.into_bytes();
        }
        let hashed = fingerprinted(&rel, &bytes);
        urls.insert(rel, format!("/{hashed}"));
        files.push((hashed, bytes, origin));
    }
    Assets { urls, files }
}

/// `css/site.css` → `css/site.<16 hex digits of FNV-1a 64>.css`.
pub fn fingerprinted(rel: &str, bytes: &[u8]) -> String {
    let h = prongsai_text::fnv1a64(bytes);
    match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{h:016x}.{ext}"),
        _ => format!("{rel}.{h:016x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_tel_uris() {
        assert_eq!(tel_uri("0 4581 6111").as_deref(), Some("tel:+6645816111"));
        assert_eq!(tel_uri("081-234-5678").as_deref(), Some("tel:+66812345678"));
        assert_eq!(
            tel_uri("+66 45 816 111").as_deref(),
            Some("tel:+6645816111")
        );
        assert_eq!(tel_uri("1111"), None);
    }

    #[test]
    fn expires_is_under_a_year_after_as_of() {
        let d = Date::from_ce(2026, 11, 1).unwrap();
        assert_eq!(expires(d), "2027-10-31T00:00:00+07:00");
    }

    #[test]
    fn fingerprints_follow_the_content_and_match_the_htaccess_pattern() {
        let a = fingerprinted("css/site.css", b"a");
        assert_ne!(a, fingerprinted("css/site.css", b"b"));
        assert!(a.starts_with("css/site.") && a.ends_with(".css"));
        assert_eq!(a.len(), "css/site..css".len() + 16);
    }

    #[test]
    fn the_nginx_advice_sends_what_the_htaccess_sends() {
        let doc = include_str!("../../../docs/deploy.md");
        let nginx = doc
            .split("```nginx\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
            .expect("docs/deploy.md has an nginx block");
        assert!(nginx.contains(&format!("location ~ \"{HASHED_PATTERN}\"")));
        assert!(nginx.contains(&format!(
            "add_header Content-Security-Policy \"{CONTENT_SECURITY_POLICY}\" always;"
        )));
        for (name, value) in HEADERS {
            assert!(
                nginx.contains(&format!("add_header {name} \"{value}\" always;")),
                "{name}"
            );
        }
    }

    #[test]
    fn stylesheets_point_at_fingerprinted_fonts() {
        let theme = Theme::embedded();
        let a = assets(&theme, &[]);
        let css = a
            .files
            .iter()
            .find(|(p, ..)| p.starts_with("css/site."))
            .unwrap();
        let text = String::from_utf8(css.1.clone()).unwrap();
        let font = &a.urls["fonts/sarabun-thai-400-normal.woff2"];
        assert!(text.contains(&format!("url(\"{font}\")")), "{font}");
        assert!(!text.contains("url(\"/fonts/sarabun-thai-400-normal.woff2\")"));
    }
}
