//! Load stage for pages: `site.yaml` and `content/` Markdown with front matter, sections and
//! `@/` links.
//!
//! Everything here is plain data for the render stage: page bodies are already HTML, links
//! already resolved, children already in display order. Problems are diagnostics, never panics,
//! and every problem of every file is reported in one build.

mod front;
mod markdown;
mod sanitize;

// site.yaml is read by prongsai_config; these are what pages are built with.
pub use markdown::Heading;
pub use prongsai_config::{
    LICENCES, Licence, MarkdownConfig, MenuItem, RawHtml, SITE_FILE, SiteConfig, find_licence,
    parse_date,
};
pub use prongsai_text::is_safe_url;
pub use prongsai_text::markdown::slugify;

use markdown::{LinkProblem, link_diagnostic, resolve_link};
use prongsai_model::{Date, Diagnostic, Location, sort_diagnostics};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const CONTENT_DIR: &str = "content";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// `content/_index.md`: the home page.
    Home,
    /// A folder's `_index.md`.
    Section,
    Page,
}

/// One published page. Drafts never become a `Page`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Page {
    /// Relative to the site root, e.g. `content/news/x.md`.
    pub source: String,
    /// Relative to `content/`, the form `@/` links use, e.g. `news/x.md`.
    pub key: String,
    pub kind: PageKind,
    /// Site path ending in `/`, e.g. `/news/x/`.
    pub url: String,
    /// Output file, e.g. `news/x/index.html`.
    pub output: String,
    pub title: String,
    pub description: String,
    pub date: Option<Date>,
    /// `15 ตุลาคม 2568`, as Thai readers expect dates.
    pub date_th: Option<String>,
    /// Front matter `updated`: when the text last changed; the "last updated" line prefers it to
    /// `date`, which dates a news item.
    pub updated: Option<Date>,
    pub weight: Option<i64>,
    /// The template asked for in front matter, if any.
    pub template: Option<String>,
    /// Line of `template:` in the source, for a missing-template error.
    pub template_line: Option<u32>,
    /// ITA item codes (e.g. `O1`) this page answers, for the checker and the ITA index.
    pub ita: Vec<String>,
    /// The source line of each entry of `ita`, same order, so a wrong tag is reported at its line.
    pub ita_lines: Vec<u32>,
    /// The body as HTML.
    pub content: String,
    pub headings: Vec<Heading>,
    /// The description, or else the first paragraph's text.
    pub summary: String,
    /// Index in [`Site::pages`] of the section this page belongs to (`None` for the home page).
    pub parent: Option<usize>,
    /// For sections: their pages in display order (weight, newest date, title).
    pub children: Vec<usize>,
    /// For sections: their sub-sections in display order.
    pub subsections: Vec<usize>,
}

/// A non-Markdown file under `content/` (an image, a PDF), copied to the same relative path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Asset {
    /// Relative to the site root, e.g. `content/integrity/plan.pdf`.
    pub source: String,
    /// Output path, e.g. `integrity/plan.pdf`.
    pub output: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MenuLink {
    pub name: String,
    pub url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Site {
    pub config: SiteConfig,
    /// Sorted by source path; [`Site::home`] is always present.
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
    pub menu_main: Vec<MenuLink>,
    pub menu_footer: Vec<MenuLink>,
}

impl Site {
    pub fn home(&self) -> Option<&Page> {
        self.pages.iter().find(|p| p.kind == PageKind::Home)
    }

    pub fn page(&self, key: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.key == key)
    }

    /// When a page's text last changed: front matter `updated`, else its `date`; a section is as
    /// new as its newest page, so a news list moves with its latest item. Never the build time.
    pub fn updated(&self, page: &Page) -> Option<Date> {
        let own = page.updated.or(page.date);
        let below = page
            .children
            .iter()
            .chain(&page.subsections)
            .filter_map(|&i| self.pages.get(i))
            .filter_map(|p| self.updated(p));
        own.into_iter().chain(below).max()
    }

    /// The newest date any page carries: what a page made of the whole site (its sitemap, the
    /// 404 page) is as new as, together with the data.
    pub fn newest(&self) -> Option<Date> {
        self.pages.iter().filter_map(|p| p.updated.or(p.date)).max()
    }
}

pub struct Loaded {
    pub site: Site,
    /// In report order (file, line, column, code).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `site.yaml` and `content/` under `root`. Missing files are not errors: an empty root
/// is a site with a generated home page.
pub fn load(root: &Path) -> Loaded {
    let (config, diagnostics) = prongsai_config::load(root);
    load_with(root, config, diagnostics)
}

/// Reads `content/` under `root` for a site.yaml already read, whose diagnostics lead the list.
pub fn load_with(root: &Path, config: SiteConfig, mut diagnostics: Vec<Diagnostic>) -> Loaded {
    let (files, assets, mut walk_diags) = walk(root, config.limits.max_file_bytes);
    diagnostics.append(&mut walk_diags);

    // Pass 1 (parallel): read and split front matter.
    let pre: Vec<(Option<Pre>, Vec<Diagnostic>)> =
        files.par_iter().map(|key| read_page(root, key)).collect();
    let mut pres = Vec::new();
    for (p, mut d) in pre {
        diagnostics.append(&mut d);
        pres.extend(p);
    }

    let drafts: BTreeSet<String> = pres
        .iter()
        .filter(|p| p.draft)
        .map(|p| p.key.clone())
        .collect();
    pres.retain(|p| !p.draft);
    if !pres.iter().any(|p| p.key == "_index.md") {
        pres.push(Pre::generated_home());
    }
    pres.sort_by(|a, b| a.key.cmp(&b.key));

    let urls = assign_urls(&pres);
    let asset_urls: BTreeMap<&str, String> = assets
        .iter()
        .map(|a| (a.output.as_str(), format!("/{}", a.output)))
        .collect();
    let resolve = |target: &str| -> Result<String, LinkProblem> {
        if let Some(url) = urls.get(target) {
            return Ok(url.clone());
        }
        if let Some(url) = asset_urls.get(target) {
            return Ok(url.clone());
        }
        if drafts.contains(target) {
            return Err(LinkProblem::Draft);
        }
        Err(LinkProblem::Missing)
    };

    // Pass 2 (parallel): Markdown with every page's URL known.
    let rendered: Vec<(Page, Vec<Diagnostic>)> = pres
        .par_iter()
        .map(|pre| {
            let mut d = Vec::new();
            let r = markdown::render(
                &pre.body,
                pre.body_line_offset,
                &pre.source,
                config.markdown.raw_html,
                &resolve,
                &mut d,
            );
            let url = urls
                .get(&pre.key)
                .cloned()
                .unwrap_or_else(|| "/".to_owned());
            let output = format!("{}index.html", url.trim_start_matches('/'));
            let summary = if pre.description.is_empty() {
                shorten(&r.summary, SUMMARY_CHARS)
            } else {
                pre.description.clone()
            };
            let page = Page {
                source: pre.source.clone(),
                key: pre.key.clone(),
                kind: pre.kind(),
                url,
                output,
                title: pre.title.clone(),
                description: pre.description.clone(),
                date: pre.date,
                date_th: pre.date.map(Date::thai_long),
                updated: pre.updated,
                weight: pre.weight,
                template: pre.template.clone(),
                template_line: pre.template_line,
                ita: pre.ita.clone(),
                ita_lines: pre.ita_lines.clone(),
                content: r.html,
                headings: r.headings,
                summary,
                parent: None,
                children: Vec::new(),
                subsections: Vec::new(),
            };
            (page, d)
        })
        .collect();
    let mut pages = Vec::with_capacity(rendered.len());
    for (p, mut d) in rendered {
        diagnostics.append(&mut d);
        pages.push(p);
    }
    link_sections(&mut pages);

    let menu_main = resolve_menu(&config, &config.menu_main, &resolve, &mut diagnostics);
    let menu_footer = resolve_menu(&config, &config.menu_footer, &resolve, &mut diagnostics);
    sort_diagnostics(&mut diagnostics);
    Loaded {
        site: Site {
            config,
            pages,
            assets,
            menu_main,
            menu_footer,
        },
        diagnostics,
    }
}

/// A content file after pass 1.
struct Pre {
    key: String,
    source: String,
    title: String,
    description: String,
    date: Option<Date>,
    updated: Option<Date>,
    draft: bool,
    weight: Option<i64>,
    slug: Option<String>,
    template: Option<String>,
    template_line: Option<u32>,
    ita: Vec<String>,
    ita_lines: Vec<u32>,
    body: String,
    body_line_offset: u32,
}

impl Pre {
    fn generated_home() -> Pre {
        Pre {
            key: "_index.md".to_owned(),
            source: format!("{CONTENT_DIR}/_index.md"),
            title: String::new(),
            description: String::new(),
            date: None,
            updated: None,
            draft: false,
            weight: None,
            slug: None,
            template: None,
            template_line: None,
            ita: Vec::new(),
            ita_lines: Vec::new(),
            body: String::new(),
            body_line_offset: 0,
        }
    }

    fn kind(&self) -> PageKind {
        if self.key == "_index.md" {
            PageKind::Home
        } else if is_index(&self.key) {
            PageKind::Section
        } else {
            PageKind::Page
        }
    }

    /// Folder of the file, relative to content/ ("" for the top level).
    fn dir(&self) -> &str {
        self.key.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

fn is_index(key: &str) -> bool {
    key == "_index.md" || key.ends_with("/_index.md")
}

/// Markdown files (as keys relative to content/) and other files, each sorted, hidden ones skipped.
fn walk(root: &Path, max_bytes: u64) -> (Vec<String>, Vec<Asset>, Vec<Diagnostic>) {
    let dir = root.join(CONTENT_DIR);
    // Symlinks are judged by where they really lead, whatever the root itself is called.
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut pages = Vec::new();
    let mut assets = Vec::new();
    let mut diags = Vec::new();
    if !dir.is_dir() {
        return (pages, assets, diags);
    }
    let walker = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(
                        || CONTENT_DIR.to_owned(),
                        |p| p.to_string_lossy().replace('\\', "/"),
                    );
                diags.push(unreadable(&path, &e.to_string()));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let key = rel.to_string_lossy().replace('\\', "/");
        let source = format!("{CONTENT_DIR}/{key}");
        if entry.path_is_symlink() {
            // A link may point at a file inside the site; one leading out (or to a folder,
            // which is not followed) would publish whatever it points at.
            let target = std::fs::canonicalize(entry.path()).ok();
            let inside = target.as_ref().is_some_and(|t| t.starts_with(&real_root));
            if !inside || target.as_ref().is_some_and(|t| t.is_dir()) {
                let shown = std::fs::read_link(entry.path())
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        prongsai_model::codes::C133.code,
                        format!("ไฟล์นี้เป็นลิงก์ (symlink) ไปยัง {shown} ซึ่งอยู่นอกโฟลเดอร์ของเว็บไซต์หรือเป็นโฟลเดอร์ จึงไม่เผยแพร่ — คัดลอกไฟล์จริงมาไว้ใน content/ แทนลิงก์"),
                        format!("this is a symlink to {shown}, which is outside the site root or a folder, so it is not published; copy the real file into content/ instead of linking"),
                    )
                    .at(Location::file(&source))
                    .with_text(shown),
                );
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        // Checked before anything reads the file: a runaway file is an error, not a stall.
        let size = std::fs::metadata(entry.path()).map_or(0, |m| m.len());
        if size > max_bytes {
            let mb = |n: u64| n.div_ceil(1024 * 1024);
            diags.push(
                Diagnostic::error(
                    prongsai_model::codes::C132.code,
                    format!(
                        "ไฟล์ใหญ่ {} MB เกินขีดจำกัด {} MB จึงไม่เผยแพร่ — ลดขนาดไฟล์ (เช่น สแกน PDF ที่ความละเอียดต่ำลง) หรือตั้ง limits: {{ max_file_mb: … }} ใน site.yaml",
                        mb(size),
                        mb(max_bytes)
                    ),
                    format!(
                        "the file is {} MB, over the limit of {} MB, so it is not published; make it smaller (e.g. scan the PDF at a lower resolution) or set limits: {{ max_file_mb: … }} in site.yaml",
                        mb(size),
                        mb(max_bytes)
                    ),
                )
                .at(Location::file(&source)),
            );
            continue;
        }
        if key.ends_with(".md") {
            pages.push(key);
        } else {
            assets.push(Asset {
                source,
                output: key,
            });
        }
    }
    (pages, assets, diags)
}

fn unreadable(path: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        prongsai_model::codes::C130.code,
        format!("อ่านไฟล์ไม่ได้ ({why}) — ตรวจสอบสิทธิ์การอ่านไฟล์ หรือย้ายไฟล์ออกจาก content/"),
        format!("cannot read the file ({why}); check its permissions or move it out of content/"),
    )
    .at(Location::file(path))
}

fn read_page(root: &Path, key: &str) -> (Option<Pre>, Vec<Diagnostic>) {
    let source = format!("{CONTENT_DIR}/{key}");
    let mut diags = Vec::new();
    let bytes = match std::fs::read(root.join(CONTENT_DIR).join(key)) {
        Ok(b) => b,
        Err(e) => return (None, vec![unreadable(&source, &e.to_string())]),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            let d = Diagnostic::error(
                prongsai_model::codes::C131.code,
                "ไฟล์ไม่ได้บันทึกเป็น UTF-8 — เปิดไฟล์แล้วบันทึกใหม่ด้วยการเข้ารหัส UTF-8",
                "the file is not UTF-8; open it and save it again as UTF-8",
            )
            .at(Location::file(&source));
            return (None, vec![d]);
        }
    };
    let parsed = front::parse(&text, &source, &mut diags);
    let f = parsed.front;
    // A section is named after its folder, a page after its file.
    let stem = key
        .trim_end_matches("/_index.md")
        .rsplit('/')
        .next()
        .unwrap_or(key)
        .trim_end_matches(".md")
        .to_owned();
    let title = match f.title.filter(|t| !t.trim().is_empty()) {
        Some(t) => t,
        // A front matter error already names the file; a second message would only add noise.
        // The home page falls back to the site title at render time.
        None if key == "_index.md" => String::new(),
        // A front matter error already names the file; a second message would only add noise.
        None if diags.iter().any(Diagnostic::is_error) => stem,
        None => {
            diags.push(
                Diagnostic::warning(
                    prongsai_model::codes::C114.code,
                    "หน้านี้ไม่มี title ใน front matter จึงใช้ชื่อไฟล์แทน — เพิ่ม title: ชื่อหน้า",
                    "the page has no title in its front matter, so the file name is used; add title: …",
                )
                .at(Location::line(&source, 1)),
            );
            stem
        }
    };
    let key_line = |key: &str| {
        text.lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .and_then(|i| u32::try_from(i + 1).ok())
            .unwrap_or(1)
    };
    // A slug names one URL segment. `../../etc` or `/etc` would otherwise be silently
    // flattened by slugify into a different page address than the author meant.
    let slug = match f.slug {
        Some(s) if s.contains(['/', '\\']) || s.trim().starts_with('.') => {
            diags.push(
                Diagnostic::error(
                    prongsai_model::codes::C115.code,
                    format!("slug \"{s}\" ต้องเป็นชื่อเดียว ไม่มี / \\ หรือ .. — เช่น slug: ข่าว-2568"),
                    format!("slug \"{s}\" must be a single name without /, \\ or ..; e.g. slug: news-2568"),
                )
                .at(Location::line(&source, key_line("slug")))
                .with_text(&s),
            );
            None
        }
        other => other,
    };
    let template_line = f.template.as_ref().map(|_| {
        text.lines()
            .position(|l| l.starts_with("template:"))
            .and_then(|i| u32::try_from(i + 1).ok())
            .unwrap_or(1)
    });
    let pre = Pre {
        key: key.to_owned(),
        source,
        title,
        description: f.description.unwrap_or_default(),
        date: parsed.date,
        updated: parsed.updated,
        draft: f.draft.unwrap_or(false),
        weight: f.weight,
        slug: slug.map(|s| slugify(&s)).filter(|s| !s.is_empty()),
        template: f.template,
        template_line,
        ita_lines: tag_lines(&text, &f.ita),
        ita: f.ita,
        body: parsed.body.to_owned(),
        body_line_offset: parsed.body_line_offset,
    };
    (Some(pre), diags)
}

/// The line of each `ita:` tag in the file: the first line at or after the `ita:` key (and after
/// the previous tag's line) that contains it; the key's line when the YAML spells it otherwise.
fn tag_lines(text: &str, tags: &[String]) -> Vec<u32> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(key) = lines.iter().position(|l| l.starts_with("ita:")) else {
        return Vec::new();
    };
    let mut from = key;
    tags.iter()
        .map(|t| {
            let found = (from..lines.len())
                .take_while(|&i| i == key || !lines[i].starts_with(|c: char| c.is_alphanumeric()))
                .find(|&i| lines[i].contains(t.trim()));
            if let Some(i) = found {
                from = i;
            }
            u32::try_from(found.unwrap_or(key) + 1).unwrap_or(u32::MAX)
        })
        .collect()
}

/// Key → URL. A section's slug renames its folder in the URLs of everything inside it.
fn assign_urls(pres: &[Pre]) -> BTreeMap<String, String> {
    let section_slugs: BTreeMap<&str, &str> = pres
        .iter()
        .filter(|p| is_index(&p.key) && p.key != "_index.md")
        .filter_map(|p| p.slug.as_deref().map(|s| (p.dir(), s)))
        .collect();
    let dir_url = |dir: &str| -> String {
        let mut url = String::from("/");
        let mut prefix = String::new();
        for seg in dir.split('/').filter(|s| !s.is_empty()) {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(seg);
            let name = section_slugs
                .get(prefix.as_str())
                .map_or_else(|| slugify(seg), |s| (*s).to_owned());
            url.push_str(&name);
            url.push('/');
        }
        url
    };
    pres.iter()
        .map(|p| {
            let url = if is_index(&p.key) {
                dir_url(p.dir())
            } else {
                let stem = p
                    .key
                    .rsplit('/')
                    .next()
                    .unwrap_or(&p.key)
                    .trim_end_matches(".md");
                let name = p.slug.clone().unwrap_or_else(|| slugify(stem));
                format!("{}{name}/", dir_url(p.dir()))
            };
            (p.key.clone(), url)
        })
        .collect()
}

/// Sets parents and children. A folder without `_index.md` hangs its pages on the nearest
/// ancestor section.
fn link_sections(pages: &mut [Page]) {
    let sections: BTreeMap<String, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Page)
        .map(|(i, p)| (p.key.rsplit_once('/').map_or("", |(d, _)| d).to_owned(), i))
        .collect();
    let parent_of = |key: &str, is_section: bool| -> Option<usize> {
        let mut dir = key.rsplit_once('/').map_or("", |(d, _)| d);
        if is_section {
            if dir.is_empty() {
                return None;
            }
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        }
        loop {
            if let Some(i) = sections.get(dir) {
                return Some(*i);
            }
            if dir.is_empty() {
                return None;
            }
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        }
    };
    let mut children: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, page) in pages.iter_mut().enumerate() {
        let is_section = page.kind != PageKind::Page;
        let parent = parent_of(&page.key, is_section);
        page.parent = parent;
        if let Some(p) = parent {
            let entry = children.entry(p).or_default();
            if is_section {
                entry.1.push(i);
            } else {
                entry.0.push(i);
            }
        }
    }
    for (p, (mut kids, mut subs)) in children {
        let order = |a: &usize, b: &usize| {
            let (a, b) = (&pages[*a], &pages[*b]);
            a.weight
                .unwrap_or(i64::MAX)
                .cmp(&b.weight.unwrap_or(i64::MAX))
                .then_with(|| b.date.cmp(&a.date))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.key.cmp(&b.key))
        };
        kids.sort_by(order);
        subs.sort_by(order);
        pages[p].children = kids;
        pages[p].subsections = subs;
    }
}

fn resolve_menu(
    config: &SiteConfig,
    items: &[MenuItem],
    resolve: &dyn Fn(&str) -> Result<String, LinkProblem>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<MenuLink> {
    items
        .iter()
        .filter_map(|item| {
            let url = match item.url.strip_prefix("@/") {
                Some(target) => match resolve_link(target, resolve) {
                    Ok(url) => url,
                    Err(problem) => {
                        let line = config.line_of(&item.url).unwrap_or(1);
                        diags.push(link_diagnostic(&item.url, problem, SITE_FILE, line));
                        item.url.clone()
                    }
                },
                None => item.url.clone(),
            };
            // The menu is on every page: a script address there would run for every reader.
            if config.markdown.raw_html != RawHtml::Trust && !is_safe_url(&url, false) {
                let line = config.line_of(&item.url).unwrap_or(1);
                diags.push(
                    Diagnostic::warning(
                        prongsai_model::codes::C124.code,
                        format!("เมนู \"{}\" ชี้ไปยัง \"{url}\" ซึ่งอาจรันโค้ดในเบราว์เซอร์ของผู้อ่าน จึงไม่แสดงเมนูนี้ — ใช้ @/หน้า.md, /ที่อยู่/ หรือ https://", item.name),
                        format!("menu item \"{}\" points to \"{url}\", which could run code in the reader's browser, so it is left out; use @/page.md, /path/ or https://", item.name),
                    )
                    .at(Location::line(SITE_FILE, line))
                    .with_text(&url),
                );
                return None;
            }
            Some(MenuLink {
                name: item.name.clone(),
                url,
            })
        })
        .collect()
}

/// A summary taken from the body is cut to about this many characters: it becomes the page's
/// meta description and the text of listings, where a whole first paragraph is too much.
const SUMMARY_CHARS: usize = 200;

/// `text` cut at a space near `max` characters, with an ellipsis; Thai without spaces is cut at `max`.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// Parses a page's front matter alone and returns what is wrong with it: the front-matter path
/// of `load` without the disk, for fuzzing and editor tooling.
pub fn front_matter_diagnostics(text: &str, file: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let _ = front::parse(text, file, &mut diags);
    diags
}

#[cfg(test)]
mod shorten_tests {
    use super::shorten;

    #[test]
    fn cuts_long_summaries_at_a_space() {
        assert_eq!(shorten("สั้น", 10), "สั้น");
        assert_eq!(shorten("aaa bbb ccc ddd", 10), "aaa bbb…");
        assert_eq!(shorten("กกกกกกกกกกกก", 5), "กกกกก…");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Loaded) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        let loaded = load(dir.path());
        (dir, loaded)
    }

    #[test]
    fn empty_root_has_a_home() {
        let (_d, l) = site(&[]);
        assert!(l.diagnostics.is_empty());
        assert_eq!(l.site.pages.len(), 1);
        assert_eq!(l.site.home().map(|p| p.url.as_str()), Some("/"));
    }

    #[test]
    fn sections_urls_order_and_drafts() {
        let (_d, l) = site(&[
            (
                "content/_index.md",
                "---\ntitle: Home\n---\n[x](@/news/b.md)\n",
            ),
            (
                "content/news/_index.md",
                "---\ntitle: ข่าว\nslug: khao\n---\n",
            ),
            (
                "content/news/a.md",
                "---\ntitle: A\ndate: 2568-10-01\n---\n",
            ),
            (
                "content/news/b.md",
                "---\ntitle: B\ndate: 2025-11-01\n---\n",
            ),
            ("content/news/c.md", "---\ntitle: C\nweight: 1\n---\n"),
            ("content/news/d.md", "---\ntitle: D\ndraft: true\n---\n"),
            ("content/news/img.png", "x"),
            (
                "content/contact.md",
                "---\ntitle: ติดต่อ\nslug: ติดต่อเรา\nita: [O2]\n---\n",
            ),
        ]);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let s = &l.site;
        let news = s.page("news/_index.md").unwrap();
        assert_eq!(news.url, "/khao/");
        let kids: Vec<&str> = news
            .children
            .iter()
            .map(|i| s.pages[*i].title.as_str())
            .collect();
        assert_eq!(kids, vec!["C", "B", "A"]);
        assert!(s.page("news/d.md").is_none());
        assert_eq!(s.page("news/b.md").unwrap().url, "/khao/b/");
        assert_eq!(s.page("news/b.md").unwrap().output, "khao/b/index.html");
        assert_eq!(
            s.page("news/a.md").unwrap().date_th.as_deref(),
            Some("1 ตุลาคม 2568")
        );
        let contact = s.page("contact.md").unwrap();
        assert_eq!(contact.url, "/ติดต่อเรา/");
        assert_eq!(contact.ita, vec!["O2"]);
        assert_eq!(contact.ita_lines, vec![4]);
        assert!(s.home().unwrap().content.contains("href=\"/khao/b/\""));
        let home = s.home().unwrap();
        assert_eq!(home.subsections.len(), 1);
        assert_eq!(home.children.len(), 1);
        assert_eq!(s.assets[0].output, "news/img.png");
    }

    #[test]
    fn a_page_is_as_new_as_updated_else_date_and_a_section_as_its_newest_page() {
        let (_d, l) = site(&[
            ("content/_index.md", "---\ntitle: Home\n---\n"),
            ("content/news/_index.md", "---\ntitle: News\n---\n"),
            (
                "content/news/a.md",
                "---\ntitle: A\ndate: 2568-10-01\nupdated: 2568-12-05\n---\n",
            ),
            (
                "content/news/b.md",
                "---\ntitle: B\ndate: 2568-11-01\n---\n",
            ),
            ("content/about.md", "---\ntitle: About\n---\n"),
            (
                "content/bad.md",
                "---\ntitle: Bad\nupdated: 2568-13-01\n---\n",
            ),
        ]);
        let s = &l.site;
        let iso = |key: &str| s.updated(s.page(key).unwrap()).map(Date::iso);
        assert_eq!(iso("news/a.md").as_deref(), Some("2025-12-05"));
        assert_eq!(iso("news/b.md").as_deref(), Some("2025-11-01"));
        assert_eq!(iso("news/_index.md").as_deref(), Some("2025-12-05"));
        assert_eq!(iso("about.md"), None);
        assert_eq!(s.newest().map(Date::iso).as_deref(), Some("2025-12-05"));
        let bad: Vec<_> = l
            .diagnostics
            .iter()
            .map(|d| (d.code.as_ref(), d.location.as_ref().and_then(|l| l.line)))
            .collect();
        assert_eq!(bad, vec![("C112", Some(3))]);
    }

    #[test]
    fn every_error_is_reported() {
        let (_d, l) = site(&[
            (
                "site.yaml",
                "menus:\n  main:\n    - name: x\n      url: \"@/gone.md\"\n",
            ),
            ("content/a.md", "---\ntitle: A\nweight: x\n---\n"),
            ("content/b.md", "---\ntitle: B\n---\n\n[d](@/d.md)\n"),
            ("content/d.md", "---\ntitle: D\ndraft: true\n---\n"),
        ]);
        let got: Vec<(String, &str, Option<u32>)> = l
            .diagnostics
            .iter()
            .map(|d| {
                let loc = d.location.as_ref().unwrap();
                (loc.file.clone(), d.code.as_str(), loc.line)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("content/a.md".to_owned(), "C110", Some(3)),
                ("content/b.md".to_owned(), "C121", Some(5)),
                ("site.yaml".to_owned(), "C120", Some(4)),
            ]
        );
    }

    #[test]
    fn slugs_are_single_names() {
        for slug in ["../../etc", "/etc", "a/b", "..", ".hidden", "a\\\\b"] {
            let (_d, l) = site(&[(
                "content/a.md",
                &format!("---\ntitle: A\nslug: \"{slug}\"\n---\n"),
            )]);
            let got: Vec<_> = l
                .diagnostics
                .iter()
                .map(|d| (d.code.as_str(), d.location.as_ref().and_then(|l| l.line)))
                .collect();
            assert_eq!(got, vec![("C115", Some(3))], "{slug}");
            assert_eq!(l.site.page("a.md").unwrap().url, "/a/", "{slug}");
        }
    }

    #[test]
    fn script_menu_links_are_left_out() {
        let (_d, l) = site(&[(
            "site.yaml",
            "menus:\n  main:\n    - name: x\n      url: \"javascript:alert(1)\"\n    - name: y\n      url: /y/\n",
        )]);
        assert_eq!(l.site.menu_main.len(), 1);
        assert_eq!(l.site.menu_main[0].url, "/y/");
        assert_eq!(l.diagnostics[0].code, "C124");
        assert_eq!(
            l.diagnostics[0].location.as_ref().and_then(|l| l.line),
            Some(4)
        );
    }

    #[test]
    fn files_over_the_limit_are_errors() {
        let (_d, l) = site(&[
            ("site.yaml", "limits: { max_file_mb: 1 }\n"),
            ("content/big.pdf", &"x".repeat(1024 * 1024 + 1)),
            ("content/ok.pdf", "x"),
        ]);
        assert_eq!(l.diagnostics.len(), 1);
        assert_eq!(l.diagnostics[0].code, "C132");
        assert!(
            l.diagnostics[0]
                .message_en
                .contains("2 MB, over the limit of 1 MB")
        );
        assert_eq!(l.site.assets.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_leaving_the_root_are_errors() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("s.md"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/real.md"), "---\ntitle: r\n---\n").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("s.md"),
            dir.path().join("content/out.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("content/real.md"),
            dir.path().join("content/in.md"),
        )
        .unwrap();
        let l = load(dir.path());
        let got: Vec<_> = l
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code.as_str(),
                    d.location.as_ref().map(|l| l.file.as_str()),
                )
            })
            .collect();
        assert_eq!(got, vec![("C133", Some("content/out.md"))]);
        assert!(l.site.page("in.md").is_some());
        assert!(l.site.page("out.md").is_none());
    }

    #[test]
    fn not_utf8_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/a.md"), [0xff, 0xfe, 0xa1]).unwrap();
        let l = load(dir.path());
        assert_eq!(l.diagnostics[0].code, "C131");
    }
}

#[cfg(test)]
mod tag_line_tests {
    use super::tag_lines;

    #[test]
    fn each_tag_gets_its_own_line() {
        let text =
            "---\ntitle: x\nita:\n  - \"2569:O1\"\n  - 2569:O3\ndate: 2569-01-01\n---\n2569:O9\n";
        let tags = vec![
            "2569:O1".to_owned(),
            "2569:O3".to_owned(),
            "2569:O9".to_owned(),
        ];
        assert_eq!(tag_lines(text, &tags), vec![4, 5, 3]);
        assert!(tag_lines("---\ntitle: x\n---\n", &[]).is_empty());
    }
}
