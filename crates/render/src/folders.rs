//! An index page for every folder of the output that has no `index.html` of its own (`/css/`,
//! `/data/2569/`, `/procurement/2569/records/`, `/.well-known/`…), so that no host lists a
//! folder: a host with `Options Indexes` would otherwise show its raw file list.
//!
//! Why pages rather than a line in `.htaccess` (docs/deploy.md says the same to the host): the
//! one directive that turns listings off, `Options -Indexes`, makes Apache answer 500 for every
//! page where the host allows `AllowOverride FileInfo` without `Options`, and a mod_rewrite rule
//! answers 403 for every page where the host allows neither `FollowSymLinks` nor
//! `SymLinksIfOwnerMatch`. A page works on every host (and nginx with `autoindex on`), and is
//! useful: it lists the folder's pages and files with what they are.
//!
//! The folders are the ones the build wrote files into, noted as the files pass to the writer,
//! so the pages are made last, from what was actually written.

use crate::RenderInput;
use prongsai_write::{OutputFile, Sink};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use tera::{Context, Tera};

/// A folder lists its pages by title up to this many; beyond it, a folder such as a large
/// year's `records/` says how many there are and points at the page that lists them, rather
/// than growing into a page of tens of thousands of links.
pub(crate) const MAX_PAGES_LISTED: usize = 200;

/// What the build wrote into one folder, apart from its subfolders' own pages.
#[derive(Default)]
struct Folder {
    /// Files other than `index.html`: name → size.
    files: BTreeMap<String, u64>,
    /// Subfolders that have an `index.html`: name → the page's title. Emptied (and
    /// `page_count` kept) once there are more than [`MAX_PAGES_LISTED`].
    pages: BTreeMap<String, String>,
    page_count: usize,
}

#[derive(Default)]
struct Seen {
    /// By path relative to the output, `""` for the root, without a trailing `/`.
    folders: BTreeMap<String, Folder>,
    /// Folders that have an `index.html`.
    indexed: HashSet<String>,
}

/// Passes every file on to `inner`, noting which folder it went into.
pub(crate) struct Recorder<'a> {
    inner: &'a dyn Sink,
    seen: Mutex<Seen>,
}

impl<'a> Recorder<'a> {
    pub fn new(inner: &'a dyn Sink) -> Recorder<'a> {
        Recorder {
            inner,
            seen: Mutex::new(Seen::default()),
        }
    }
}

fn split(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

impl Sink for Recorder<'_> {
    fn put(&self, file: OutputFile) {
        {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            let (dir, name) = split(&file.path);
            if name == "index.html" {
                seen.indexed.insert(dir.to_owned());
                if !dir.is_empty() {
                    let (parent, child) = split(dir);
                    let folder = seen.folders.entry(parent.to_owned()).or_default();
                    folder.page_count += 1;
                    if folder.page_count > MAX_PAGES_LISTED {
                        folder.pages.clear();
                    } else {
                        folder
                            .pages
                            .insert(child.to_owned(), title_of(&file.bytes).unwrap_or_default());
                    }
                }
            } else {
                let size = file.bytes.len() as u64;
                seen.folders
                    .entry(dir.to_owned())
                    .or_default()
                    .files
                    .insert(name.to_owned(), size);
            }
        }
        self.inner.put(file);
    }
}

/// The text of a page's `<title>`, without the ` | site name` after it.
fn title_of(html: &[u8]) -> Option<String> {
    let head = &html[..html.len().min(8 * 1024)];
    let text = std::str::from_utf8(head).ok().or_else(|| {
        // Cut inside a character: the title is near the start anyway.
        let valid = std::str::from_utf8(head).err()?.valid_up_to();
        std::str::from_utf8(&head[..valid]).ok()
    })?;
    let start = text.find("<title>")? + "<title>".len();
    let len = text[start..].find("</title>")?;
    let title = prongsai_text::unescape_html(&text[start..start + len]);
    let title = title.rsplit_once(" | ").map_or(title.as_str(), |(t, _)| t);
    Some(title.trim().to_owned())
}

/// Digit runs compared as numbers: `2568-10-2` before `2568-10-10`.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| -> Vec<(bool, u64, String)> {
        let mut parts = Vec::new();
        let mut chars = s.chars().peekable();
        while let Some(&c) = chars.peek() {
            let digit = c.is_ascii_digit();
            let mut run = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() != digit {
                    break;
                }
                run.push(d);
                chars.next();
            }
            let n = if digit {
                run.parse().unwrap_or(u64::MAX)
            } else {
                0
            };
            // Numbers before words, as in a file manager.
            parts.push((!digit, n, run));
        }
        parts
    };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[derive(Serialize)]
struct Link {
    url: String,
    title: String,
}

#[derive(Serialize)]
struct PageLink {
    url: String,
    title: String,
    /// The subfolder's name, the last part of the page's address.
    name: String,
}

#[derive(Serialize)]
struct FileRow {
    url: String,
    name: String,
    /// What the file is: the catalogue's description for a download, else its kind.
    what: String,
    size: String,
}

/// What a file is, by its name or extension, for a file the catalogue does not describe.
fn kind_of(name: &str) -> &'static str {
    match name {
        "security.txt" => return "ช่องทางแจ้งปัญหาความปลอดภัยของเว็บไซต์ (RFC 9116)",
        "OFL.txt" => return "สัญญาอนุญาตของฟอนต์ (SIL Open Font License)",
        _ => {}
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "css" => "สไตล์ชีต (CSS) ของหน้าเว็บ",
        "js" => "สคริปต์ (JavaScript) ของหน้าเว็บ",
        "woff2" | "woff" | "ttf" | "otf" => "ฟอนต์",
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" => "ภาพ",
        "ico" => "ไอคอนของเว็บไซต์",
        "pdf" => "เอกสาร PDF",
        "xlsx" | "xls" => "ตาราง Excel",
        "csv" => "ตาราง CSV (UTF-8)",
        "json" | "jsonld" => "ข้อมูล JSON",
        "xml" => "ข้อมูล XML",
        "txt" => "ข้อความ",
        "html" => "หน้าเว็บ",
        _ => "ไฟล์",
    }
}

/// Makes the index page of every folder that has none and puts it into `out`. `described`:
/// what the catalogue says of each download it lists (site path → description); `updated`: the
/// site's newest page or data, as for the other pages made of the whole site.
pub(crate) fn pages(
    recorder: Recorder<'_>,
    tera: &Tera,
    input: &RenderInput<'_>,
    described: &BTreeMap<String, String>,
    updated: Option<prongsai_model::Date>,
) -> Vec<prongsai_model::Diagnostic> {
    let out = recorder.inner;
    let seen = recorder
        .seen
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    // Every folder above one that holds something is a folder too.
    let mut all: BTreeMap<&str, Option<&Folder>> = BTreeMap::new();
    for (dir, folder) in &seen.folders {
        all.insert(dir, Some(folder));
        let mut d = dir.as_str();
        while !d.is_empty() {
            d = split(d).0;
            all.entry(d).or_insert(None);
        }
    }
    let title = |dir: &str| -> Option<&str> {
        let (parent, name) = split(dir);
        let t = seen.folders.get(parent)?.pages.get(name)?;
        (!t.is_empty()).then_some(t.as_str())
    };
    let fmt = crate::procurement::view_options(input).fmt;
    let mut diagnostics = Vec::new();
    for (&dir, folder) in &all {
        if seen.indexed.contains(dir) {
            continue;
        }
        let url = if dir.is_empty() {
            "/".to_owned()
        } else {
            format!("/{dir}/")
        };
        // Subfolders: those with a page are listed among the pages, the others here.
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let folders: Vec<Link> = all
            .range::<str, _>((
                std::ops::Bound::Included(prefix.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .map(|(d, _)| *d)
            .take_while(|d| d.starts_with(&prefix))
            .filter(|d| {
                let name = &d[prefix.len()..];
                !name.is_empty() && !name.contains('/') && !seen.indexed.contains(*d)
            })
            .map(|d| Link {
                url: format!("/{d}/"),
                title: format!("{}/", &d[prefix.len()..]),
            })
            .collect();
        let mut pages: Vec<(&String, &String)> =
            folder.map(|f| f.pages.iter().collect()).unwrap_or_default();
        pages.sort_by(|a, b| natural(a.0, b.0));
        let pages: Vec<PageLink> = pages
            .into_iter()
            .map(|(name, t)| PageLink {
                url: format!("{url}{name}/"),
                title: if t.is_empty() {
                    name.clone()
                } else {
                    t.clone()
                },
                name: name.clone(),
            })
            .collect();
        let page_count = folder.map_or(0, |f| f.page_count);
        let files: Vec<FileRow> = folder
            .map(|f| {
                f.files
                    .iter()
                    .map(|(name, size)| {
                        let path = format!("{url}{name}");
                        FileRow {
                            what: described
                                .get(&path)
                                .cloned()
                                .unwrap_or_else(|| kind_of(name).to_owned()),
                            url: crate::feeds::encode_path(&path),
                            name: name.clone(),
                            size: crate::catalog::size_th(*size, fmt),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        // The way back up: every folder above, named by its page's title where it has one.
        let mut trail = vec![Link {
            url: "/".into(),
            title: "หน้าแรก".into(),
        }];
        let mut above = String::new();
        for part in dir.split('/').filter(|p| !p.is_empty()) {
            if !above.is_empty() {
                above.push('/');
            }
            above.push_str(part);
            if above != dir {
                trail.push(Link {
                    url: format!("/{above}/"),
                    title: title(&above).unwrap_or(part).to_owned(),
                });
            }
        }
        // The nearest page above, which describes what the folder holds (the home page
        // describes no folder in particular: the breadcrumbs lead there).
        let mut above = split(dir).0;
        while !above.is_empty() && !seen.indexed.contains(above) {
            above = split(above).0;
        }
        let parent_page = (!above.is_empty()).then(|| Link {
            url: format!("/{above}/"),
            title: title(above).unwrap_or(above).to_owned(),
        });
        let mut ctx = Context::new();
        ctx.insert("title", &format!("โฟลเดอร์ {url}"));
        ctx.insert(
            "description",
            &format!("สิ่งที่อยู่ในโฟลเดอร์ {url} ของเว็บไซต์: หน้าเว็บ โฟลเดอร์ย่อย และไฟล์"),
        );
        ctx.insert("current_url", &url);
        crate::insert_updated(&mut ctx, updated);
        ctx.insert(
            "p",
            &serde_json::json!({
                "url": url,
                // The address in parts, so a narrow screen breaks the heading at a `/`.
                "segments": dir.split('/').filter(|p| !p.is_empty()).collect::<Vec<_>>(),
                "trail": trail,
                "parent": parent_page,
                "folders": folders,
                "pages": pages,
                "page_count": fmt.int(i64::try_from(page_count).unwrap_or(i64::MAX)),
                "unlisted": page_count > MAX_PAGES_LISTED,
                "files": files,
            }),
        );
        let output = format!("{prefix}index.html");
        match crate::render_html(tera, "folder.html", &ctx) {
            Ok(html) => out.put(OutputFile::html(output, html, "prongsai")),
            Err(e) => diagnostics.push(crate::render_error("folder.html", "folder.html", &e)),
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_without_the_site_name_and_entities() {
        let html =
            b"<!doctype html><html><head><title>A &amp; B &#x2F; \xe0\xb8\x81 | site</title>";
        assert_eq!(title_of(html).as_deref(), Some("A & B / ก"));
        assert_eq!(title_of(b"<p>no title</p>"), None);
    }

    #[test]
    fn digit_runs_sort_as_numbers() {
        let mut v = vec!["2568-10-10", "2568-10-2", "2568-9-1", "a"];
        v.sort_by(|a, b| natural(a, b));
        assert_eq!(v, ["2568-9-1", "2568-10-2", "2568-10-10", "a"]);
    }
}
