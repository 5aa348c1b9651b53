//! Pages the DGA website standard (มสพร. 11-2566) asks every government site for: a human-readable
//! sitemap, the website policy, the privacy policy and the accessibility statement. Each is
//! generated from the site's own data unless `content/` has a page at the same address, which
//! then wins: the agency's own text is never overwritten.

use crate::theme::Theme;
use prongsai_content::{PageKind, Site};
use prongsai_model::Data;
use serde::Serialize;

/// (address slug, template, Thai title): one owner for each page's address.
pub(crate) const PAGES: [(&str, &str, &str); 4] = [
    ("sitemap", "std-sitemap.html", "แผนผังเว็บไซต์"),
    ("website-policy", "std-website-policy.html", "นโยบายเว็บไซต์"),
    ("privacy", "std-privacy.html", "นโยบายคุ้มครองข้อมูลส่วนบุคคล"),
    (
        "accessibility",
        "std-accessibility.html",
        "คำประกาศการเข้าถึง",
    ),
];

#[derive(Serialize)]
pub(crate) struct Link {
    pub name: &'static str,
    pub url: String,
}

/// The footer links, whether the page is generated or the agency's own.
pub(crate) fn links() -> Vec<Link> {
    PAGES
        .iter()
        .map(|(slug, _, name)| Link {
            name,
            url: format!("/{slug}/"),
        })
        .collect()
}

/// What the privacy statement may truthfully claim, read from the theme the build ships.
#[derive(Serialize, Debug, PartialEq, Eq, Default)]
pub(crate) struct BrowserStorage {
    /// Theme scripts, by output path.
    pub scripts: Vec<String>,
    /// Those that touch cookies or browser storage: the statement then names them instead of
    /// saying nothing is stored.
    pub storing: Vec<String>,
    /// Templates that load a script from another site (a tracker, a widget).
    pub third_party: Vec<String>,
}

/// The browser APIs that keep something on the reader's device.
const STORAGE_APIS: [&str; 5] = [
    "document.cookie",
    "cookiestore",
    "localstorage",
    "sessionstorage",
    "indexeddb",
];

pub(crate) fn browser_storage(theme: &Theme) -> BrowserStorage {
    let stores = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
        STORAGE_APIS.iter().any(|api| text.contains(api))
    };
    let mut out = BrowserStorage::default();
    for (path, file) in theme.statics() {
        if path.ends_with(".js") {
            out.scripts.push(format!("/{path}"));
            if stores(&file.bytes) {
                out.storing.push(format!("/{path}"));
            }
        }
    }
    for (name, file) in theme.templates() {
        let text = String::from_utf8_lossy(&file.bytes).to_ascii_lowercase();
        let external = text.match_indices("<script").any(|(i, _)| {
            let tag = &text[i..text[i..].find('>').map_or(text.len(), |e| i + e)];
            ["src=\"http", "src=\"//", "src=http", "src='http", "src='//"]
                .iter()
                .any(|s| tag.contains(s))
        });
        if external {
            out.third_party.push(name.to_owned());
        }
        if stores(&file.bytes) {
            out.storing.push(name.to_owned());
        }
    }
    out
}

#[derive(Serialize)]
pub(crate) struct Entry<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub children: Vec<Entry<'a>>,
}

/// Every content page under its section, as the sitemap page lists them.
pub(crate) fn tree(site: &Site) -> Vec<Entry<'_>> {
    fn entry<'a>(site: &'a Site, i: usize) -> Entry<'a> {
        let p = &site.pages[i];
        Entry {
            title: &p.title,
            url: &p.url,
            children: p
                .subsections
                .iter()
                .chain(&p.children)
                .map(|&c| entry(site, c))
                .collect(),
        }
    }
    match site.pages.iter().position(|p| p.kind == PageKind::Home) {
        Some(home) => entry(site, home).children,
        None => Vec::new(),
    }
}

pub(crate) fn years(data: &Data) -> Vec<i32> {
    data.years.keys().rev().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeFile;

    fn theme(files: &[(&str, &str)]) -> Theme {
        Theme {
            files: files
                .iter()
                .map(|(p, t)| {
                    (
                        (*p).to_owned(),
                        ThemeFile {
                            bytes: t.as_bytes().to_vec(),
                            origin: (*p).to_owned(),
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn the_default_theme_stores_nothing() {
        let got = browser_storage(&Theme::embedded());
        assert!(got.storing.is_empty(), "{got:?}");
        assert!(got.third_party.is_empty(), "{got:?}");
        assert!(!got.scripts.is_empty());
    }

    #[test]
    fn a_theme_that_sets_cookies_or_loads_a_tracker_is_named() {
        let got = browser_storage(&theme(&[
            ("static/js/a.js", "document.cookie = 'x=1'"),
            ("static/js/b.js", "console.log(1)"),
            (
                "templates/base.html",
                "<script async src=\"https://www.googletagmanager.com/gtag/js\"></script>",
            ),
            (
                "templates/x.html",
                "<script>localStorage.setItem('a', 1)</script>",
            ),
        ]));
        assert_eq!(got.scripts, ["/js/a.js", "/js/b.js"]);
        assert_eq!(got.storing, ["/js/a.js", "x.html"]);
        assert_eq!(got.third_party, ["base.html"]);
    }
}
