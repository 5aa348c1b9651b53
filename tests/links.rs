//! No dead internal links (issue 16): the sample site and every fixture site that builds are
//! built by the real binary, and every `href`, `src` and `srcset` of every built page must name
//! a file of the output (a directory: its `index.html`), and a fragment an `id` on that page.
//! Links into the site's own base URL (canonical links, ITA evidence) are checked the same way.

mod common;
use common::{stderr, tree};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// Every built site gets this base URL, so absolute links into the site can be told apart.
const BASE: &str = "https://links.example.go.th";

/// Builds `root` on `as_of`; `None` when the site does not build (a fixture of bad input).
fn build(root: &Path, as_of: &str) -> Option<BTreeMap<String, Vec<u8>>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["build", "--as-of", as_of, "--base-url", BASE, "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    if !o.status.success() {
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        return None;
    }
    Some(tree(&out))
}

/// One tag's attributes, names lower-cased, values with character references decoded.
type Attrs = Vec<(String, String)>;

/// The start tags of a page, leaving out what is inside `<script>`, `<style>` and comments.
fn tags(html: &str) -> Vec<(String, Attrs)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix("!--") {
            rest = r.find("-->").map_or("", |j| &r[j + 3..]);
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let (attrs, after) = attributes(&rest[name_end..]);
        rest = after;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .map_or("", |j| &rest[j..]);
        }
        out.push((name, attrs));
    }
    out
}

/// The attributes up to the end of the tag, and the text after it.
fn attributes(mut s: &str) -> (Attrs, &str) {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return (attrs, s);
        }
        if let Some(r) = s.strip_prefix('>') {
            return (attrs, r);
        }
        let end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(s.len())
            .max(1);
        let name = s[..end].to_ascii_lowercase();
        s = s[end..].trim_start();
        let Some(r) = s.strip_prefix('=') else {
            attrs.push((name, String::new()));
            continue;
        };
        let r = r.trim_start();
        let (value, after) = match r.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &r[1..];
                let j = body.find(q).unwrap_or(body.len());
                (&body[..j], body.get(j + 1..).unwrap_or(""))
            }
            _ => {
                let j = r
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(r.len());
                (&r[..j], &r[j..])
            }
        };
        attrs.push((name, prongsai_text::unescape_html(value)));
        s = after;
    }
}

/// `%E0%B8%82` → `ข`.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The site path a page is served at: `news/index.html` → `/news/`.
fn page_url(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

/// The output file and fragment an internal link names, or `None` for a link out of the site.
fn target(from_url: &str, link: &str) -> Option<(String, String)> {
    let link = link.trim();
    let (rest, fragment) = link.split_once('#').unwrap_or((link, ""));
    let rest = rest.split('?').next().unwrap_or("");
    let path = if let Some(p) = rest.strip_prefix(BASE) {
        if p.is_empty() {
            "/".to_owned()
        } else {
            p.to_owned()
        }
    } else if rest.starts_with("//") || rest.contains(':') && !rest.starts_with('/') {
        // Another site, or mailto:, tel:, data:, javascript: (which the sanitiser removes).
        return None;
    } else if rest.is_empty() {
        from_url.to_owned()
    } else if rest.starts_with('/') {
        rest.to_owned()
    } else {
        let dir = &from_url[..from_url.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{rest}")
    };
    // `.` and `..` segments, as a browser resolves them.
    let mut segments: Vec<&str> = Vec::new();
    for seg in path.split('/').skip(1) {
        match seg {
            "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut file = percent_decode(&segments.join("/"));
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Some((file, percent_decode(fragment)))
}

/// Every dead internal link of a built site, as `page: attribute="link" (why)`.
fn dead_links(site: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let pages: BTreeMap<&str, Vec<(String, Attrs)>> = site
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p.as_str(), tags(&String::from_utf8_lossy(b))))
        .collect();
    let ids: HashMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(p, tags)| {
            let ids = tags
                .iter()
                .flat_map(|(_, attrs)| attrs)
                .filter(|(n, _)| n == "id" || n == "name")
                .map(|(_, v)| v.as_str())
                .collect();
            (*p, ids)
        })
        .collect();
    let mut dead = Vec::new();
    for (page, tags) in &pages {
        let from = page_url(page);
        for (tag, attrs) in tags {
            for (name, value) in attrs {
                let links: Vec<&str> = match name.as_str() {
                    "href" | "src" => vec![value.as_str()],
                    "srcset" => value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .collect(),
                    _ => continue,
                };
                for link in links {
                    let Some((mut file, fragment)) = target(&from, link) else {
                        continue;
                    };
                    // `/news` is served as `/news/`: a directory with its index.
                    if !site.contains_key(&file) {
                        let index = format!("{file}/index.html");
                        if site.contains_key(&index) {
                            file = index;
                        } else {
                            dead.push(format!("{page}: <{tag} {name}=\"{link}\"> (no {file})"));
                            continue;
                        }
                    }
                    if !fragment.is_empty()
                        && let Some(ids) = ids.get(file.as_str())
                        && !ids.contains(fragment.as_str())
                    {
                        dead.push(format!(
                            "{page}: <{tag} {name}=\"{link}\"> (no id \"{fragment}\" on {file})"
                        ));
                    }
                }
            }
        }
    }
    dead
}

fn assert_no_dead_links(what: &str, site: &BTreeMap<String, Vec<u8>>) {
    let dead = dead_links(site);
    assert!(
        dead.is_empty(),
        "{what}: {} dead links:\n{}",
        dead.len(),
        dead.join("\n")
    );
}

#[test]
fn the_sample_site_has_no_dead_links() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The sample's own date, and the first days of its fiscal year, when few of the year's
    // documents exist yet: what is linked must follow what is written on either.
    for as_of in ["2026-11-01", "2025-10-02"] {
        let site = build(root, as_of).expect("the sample builds");
        assert!(site.len() > 100, "{as_of}: only {} files", site.len());
        assert_no_dead_links(&format!("sample on {as_of}"), &site);
    }
}

#[test]
fn every_fixture_site_that_builds_has_no_dead_links() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut built = Vec::new();
    let mut dead = Vec::new();
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let root = entry.unwrap().path();
        if !root.is_dir() {
            continue;
        }
        let name = root.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(site) = build(&root, "2026-11-01") {
            dead.extend(
                dead_links(&site)
                    .into_iter()
                    .map(|d| format!("{name}: {d}")),
            );
            built.push(name);
        }
    }
    assert!(
        dead.is_empty(),
        "{} dead links:\n{}",
        dead.len(),
        dead.join("\n")
    );
    built.sort();
    // The fixtures of bad input fail to build; these must build, or the test checks nothing.
    for name in ["calendar", "data-only", "hostile", "override"] {
        assert!(
            built.contains(&name.to_owned()),
            "{name} did not build: {built:?}"
        );
    }
}

#[test]
fn the_checker_finds_a_dead_link() {
    let mut site = BTreeMap::new();
    site.insert(
        "index.html".to_owned(),
        b"<a href=\"/a/\">a</a><a href=\"/b/#x\">b</a><a href=\"/b/#y\">y</a>\
          <img src=\"/none.png\"><script>var s = '<a href=\"/skip/\">';</script>\
          <a href=\"https://elsewhere.example/\">x</a><a href=\"a&#x2F;\">a</a>\
          <a href=\"https://links.example.go.th/c/\">c</a>"
            .to_vec(),
    );
    site.insert("a/index.html".to_owned(), b"<p>a</p>".to_vec());
    site.insert("b/index.html".to_owned(), b"<h2 id=\"x\">x</h2>".to_vec());
    let dead = dead_links(&site);
    assert_eq!(dead.len(), 3, "{dead:?}");
    assert!(dead[0].contains("/b/#y"), "{dead:?}");
    assert!(dead[1].contains("/none.png"), "{dead:?}");
    assert!(dead[2].contains("no c/index.html"), "{dead:?}");
}
