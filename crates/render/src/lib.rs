//! Render stage: the theme (tera 2), pages, the sitemap, robots.txt and Atom feeds.
//!
//! Site-wide values go into tera's global context once; each page adds only its own values,
//! so rendering in parallel copies nothing site-wide per page.

mod cache;
mod catalog;
mod feeds;
mod folders;
mod hosting;
mod org;
mod procurement;
mod standard;
mod theme;

pub use cache::{RenderCache, RenderStats};
pub use hosting::{CONTENT_SECURITY_POLICY, HASHED_PATTERN, HEADERS};
pub use theme::{Theme, ThemeFile};

use prongsai_content::{Page, PageKind, Site};
use prongsai_model::{Data, Date, Diagnostic, Location, sort_diagnostics};
use prongsai_write::{Collect, OutputFile, Sink};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use tera::{Context, Tera};

/// Everything the render stage reads. Borrowed: rendering never copies the site.
pub struct RenderInput<'a> {
    pub root: &'a Path,
    pub site: &'a Site,
    pub data: &'a Data,
    /// The resolved site title (site.yaml, else the agency's name, else "prongsai").
    pub title: &'a str,
    /// Absolute, no trailing `/`; empty when unknown.
    pub base_url: &'a str,
    /// The date the build describes (`--as-of`): it decides which months have ended.
    pub as_of: Date,
    /// When missing disclosures fall due (the check stage's settings).
    pub due: prongsai_model::DueRules,
    /// The ITA evidence indexes the check stage evaluated, one page each.
    pub ita: &'a [prongsai_check::ItaEvaluation],
}

pub struct RenderOutput {
    /// By path (see [`Collect::into_files`]).
    pub files: Vec<OutputFile>,
    /// Output paths of the ITA evidence indexes, for the build marker.
    pub ita_index: Vec<String>,
    /// In report order.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a render reports besides the files it put into its sink.
pub struct RenderReport {
    /// Output paths of the ITA evidence indexes, for the build marker.
    pub ita_index: Vec<String>,
    /// In report order.
    pub diagnostics: Vec<Diagnostic>,
}

impl RenderReport {
    fn with_files(self, files: Collect) -> RenderOutput {
        RenderOutput {
            files: files.into_files(),
            ita_index: self.ita_index,
            diagnostics: self.diagnostics,
        }
    }
}

#[derive(Serialize)]
struct SiteValues<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    thai_digits: bool,
}

#[derive(Serialize)]
struct BuildValues {
    version: &'static str,
    as_of: String,
    as_of_th: String,
}

/// What listings show of a page.
#[derive(Serialize)]
struct Summary<'a> {
    title: &'a str,
    url: &'a str,
    date: Option<Date>,
    date_th: Option<&'a str>,
    summary: &'a str,
}

#[derive(Serialize)]
struct SectionSummary<'a> {
    #[serde(flatten)]
    summary: Summary<'a>,
    pages: Vec<Summary<'a>>,
}

#[derive(Serialize)]
struct Crumb<'a> {
    title: &'a str,
    url: &'a str,
}

fn summary<'a>(p: &'a Page, title: &'a str) -> Summary<'a> {
    Summary {
        title: if p.title.is_empty() { title } else { &p.title },
        url: &p.url,
        date: p.date,
        date_th: p.date_th.as_deref(),
        summary: &p.summary,
    }
}

pub fn render_site(input: &RenderInput<'_>) -> RenderOutput {
    let files = Collect::default();
    render(input, None, &files).with_files(files)
}

/// [`render_site`], putting each file into `sink` the moment it exists instead of holding the
/// whole site: what `build` does, so memory stays flat however large the site.
pub fn render_site_to(input: &RenderInput<'_>, sink: &dyn Sink) -> RenderReport {
    render(input, None, sink)
}

/// [`render_site`], re-producing only the outputs whose inputs differ from those `cache` holds
/// (see [`RenderCache`]); the files are the same, byte for byte, as a fresh [`render_site`]'s.
pub fn render_site_cached(input: &RenderInput<'_>, cache: &mut RenderCache) -> RenderOutput {
    let files = Collect::default();
    render(input, Some(cache), &files).with_files(files)
}

fn render(
    input: &RenderInput<'_>,
    mut cache: Option<&mut RenderCache>,
    out: &dyn Sink,
) -> RenderReport {
    let site = input.site;
    // Notes the folder of every file, for the index pages of folders that have none, made last.
    let folders = folders::Recorder::new(out);
    // Notes every file written under data/, for the open-data catalogue made after the pages.
    let recorder = catalog::Recorder::new(&folders);
    let sink: &dyn Sink = &recorder;
    let (theme, mut diagnostics) = Theme::load(input.root, &site.config.theme);
    if let Some(cache) = cache.as_deref_mut() {
        cache.check_templates(
            theme
                .templates()
                .map(|(n, f)| (n.to_owned(), f.bytes.clone()))
                .collect(),
        );
    }

    let feeds = feeds::feeds(input);
    let procurement_feed = feeds::procurement_feed(input);
    let mut tera = match build_tera(&theme) {
        Ok(t) => t,
        Err(d) => {
            diagnostics.push(*d);
            sort_diagnostics(&mut diagnostics);
            return RenderReport {
                ita_index: Vec::new(),
                diagnostics,
            };
        }
    };
    let site_values = SiteValues {
        title: input.title,
        description: &site.config.description,
        base_url: input.base_url,
        language: &site.config.language,
        thai_digits: site.config.thai_digits,
    };
    let build_values = BuildValues {
        version: env!("CARGO_PKG_VERSION"),
        as_of: input.as_of.iso(),
        as_of_th: input.as_of.thai_long(),
    };
    let glance = prongsai_views::home(input.data, &procurement::view_options(input));
    // Every page advertises a few top-level feeds (news), not one per section: with a hundred
    // sections the links outweighed the page itself, on every page.
    const HEAD_FEEDS: usize = 3;
    let feed_links: Vec<_> = feeds
        .iter()
        .filter(|f| f.link.url.trim_matches('/').matches('/').count() == 1)
        .take(HEAD_FEEDS)
        .map(|f| &f.link)
        .collect();
    let is_sample = input.data.is_sample();
    // One list, so the global context and the cache's record of it cannot drift apart.
    let org_jsonld = input.data.agency.as_ref().map(org::json_ld);
    let standard_links = standard::links();
    let data_license = site.config.data_license;
    // The search reader is served by the search stage; its fingerprinted copy is listed here so
    // templates name it like every other asset.
    let icons = hosting::icons(input, &theme);
    diagnostics.extend(icons.missing.clone());
    let mut extra: Vec<(&str, &[u8])> =
        vec![("search/search.js", prongsai_search::READER_JS.as_bytes())];
    extra.extend(icons.hashed.iter().map(|(rel, b)| (*rel, b.as_slice())));
    let assets = hosting::assets(&theme, &extra);
    let icon_meta = icons.meta(&assets.urls);
    let card = hosting::og_card(input, &theme);
    diagnostics.extend(card.missing.clone());
    if data_license.is_none() && !input.data.years.is_empty() && !input.data.is_sample() {
        diagnostics.push(
            Diagnostic::warning(
                prongsai_model::codes::C151.code,
                "site.yaml ไม่ได้ระบุ data_license จึงไม่มีใครรู้ว่านำข้อมูลเปิดไปใช้ได้หรือไม่: เพิ่มบรรทัด data_license: CC-BY-4.0 (หรือสัญญาอนุญาตที่หน่วยงานเลือก)",
                "site.yaml has no data_license, so nobody can tell whether the open data may be reused: add a line `data_license: CC-BY-4.0` (or the licence the agency chose)",
            )
            .at(Location::file(prongsai_content::SITE_FILE)),
        );
    }
    let procurement_feed_link = procurement_feed.as_ref().map(|f| &f.link);
    // The index pages templates may link, only those this build writes.
    let indexes = prongsai_views::outputs::Indexes::of(input.data);
    let globals_list: [(&'static str, &dyn erased::Value); 16] = [
        ("site", &site_values),
        ("menu_main", &site.menu_main),
        ("menu_footer", &site.menu_footer),
        ("is_sample", &is_sample),
        ("agency", &input.data.agency),
        ("build", &build_values),
        ("glance", &glance),
        ("feeds", &feed_links),
        ("org_jsonld", &org_jsonld),
        ("standard_links", &standard_links),
        ("data_license", &data_license),
        ("assets", &assets.urls),
        ("procurement_feed", &procurement_feed_link),
        ("og_image", &card.meta),
        ("icons", &icon_meta),
        ("indexes", &indexes),
    ];
    let globals = tera.global_context();
    for (name, value) in globals_list {
        value.insert_into(globals, name);
    }
    let tera = tera;
    // Content pages, procurement pages, downloads and the search index are independent; each
    // of the last three goes through its own layer (serve's: its piece of the cache), so they
    // run in parallel.
    let mut layers = match cache.as_deref_mut() {
        Some(cache) => {
            let seen = procurement::Seen {
                texts: theme
                    .templates()
                    .map(|(n, f)| (n.to_owned(), String::from_utf8_lossy(&f.bytes).into_owned()))
                    .collect(),
                globals: globals_list
                    .iter()
                    .map(|(name, value)| (*name, value.json()))
                    .collect(),
            };
            cache.layers(&seen, input.data, procurement::view_options(input))
        }
        None => cache::Layers::fresh(),
    };
    let cache::Layers {
        pages: page_layer,
        downloads: download_layer,
        search: search_layer,
    } = &mut layers;
    let ((page_diags, (proc_paths, proc_diags, proc_stats)), ((dl_diags, dl_stats), search_stats)) =
        rayon::join(
            || {
                rayon::join(
                    || {
                        site.pages
                            .par_iter()
                            .filter_map(|page| match render_page(&tera, input, page, &feeds) {
                                Ok(f) => {
                                    sink.put(f);
                                    None
                                }
                                Err(d) => Some(*d),
                            })
                            .collect::<Vec<Diagnostic>>()
                    },
                    || procurement::pages(&tera, input, &mut **page_layer, sink),
                )
            },
            || {
                rayon::join(
                    || procurement::downloads(input, &mut **download_layer, sink),
                    || {
                        procurement::search(
                            site,
                            input.data,
                            &procurement::view_options(input),
                            &mut **search_layer,
                            sink,
                        )
                    },
                )
            },
        );
    drop(layers);
    if let Some(cache) = cache {
        cache.stats = proc_stats.add(dl_stats).add(search_stats);
    }
    let mut extra_urls: Vec<String> = proc_paths
        .iter()
        .filter_map(|path| path.strip_suffix("index.html").map(|p| format!("/{p}")))
        .collect();
    drop(proc_paths);
    let ita_index: Vec<String> = input.ita.iter().map(procurement::ita_output).collect();
    diagnostics.extend(proc_diags);
    diagnostics.extend(dl_diags);
    diagnostics.extend(page_diags);

    // Pages made of the whole site (404, the sitemap) are as new as its newest page or data.
    let site_updated = site.newest().max(data_updated(input));
    let mut ctx = Context::new();
    ctx.insert("current_url", "/404.html");
    insert_updated(&mut ctx, site_updated);
    match render_html(&tera, "404.html", &ctx) {
        Ok(html) => sink.put(OutputFile::html("404.html", html, "404.html")),
        Err(e) => diagnostics.push(render_error("404.html", "404.html", &e)),
    }

    // The agency's own page at the same address wins; the generated one is only a default.
    let storage = standard::browser_storage(&theme);
    for (slug, template, title) in standard::PAGES {
        let url = format!("/{slug}/");
        if site.pages.iter().any(|p| p.url == url) {
            continue;
        }
        let output = format!("{slug}/index.html");
        let mut ctx = Context::new();
        ctx.insert("current_url", &url);
        ctx.insert(
            "page",
            &serde_json::json!({ "title": title, "url": url, "summary": title }),
        );
        // The sitemap is made of the whole site; the policies are as new as the agency says.
        let updated = if slug == "sitemap" {
            site_updated
        } else {
            site.config.policies_updated
        };
        insert_updated(&mut ctx, updated);
        ctx.insert("tree", &standard::tree(site));
        ctx.insert("years", &standard::years(input.data));
        ctx.insert("storage", &storage);
        match render_html(&tera, template, &ctx) {
            Ok(html) => {
                sink.put(OutputFile::html(&output, html, template));
                extra_urls.push(url);
            }
            Err(e) => diagnostics.push(render_error(template, template, &e)),
        }
    }

    // The unhashed names stay too, for a theme's template or stylesheet that names one literally.
    for (rel, f) in theme.statics() {
        sink.put(OutputFile::raw(rel, f.bytes.clone(), f.origin.clone()));
    }
    for (rel, bytes, origin) in assets.files {
        sink.put(OutputFile::raw(rel, bytes, origin));
    }
    sink.put(OutputFile::raw(
        ".htaccess",
        hosting::htaccess(),
        "prongsai",
    ));
    if let Some((path, png)) = card.file {
        sink.put(OutputFile::raw(path, png, "prongsai"));
    }
    for (path, bytes, source) in icons.files {
        sink.put(OutputFile::raw(path, bytes, source));
    }
    if let Some(txt) = hosting::security_txt(input) {
        sink.put(OutputFile::raw(
            prongsai_views::urls::security_txt().trim_start_matches('/'),
            txt,
            "procurement-data/agency.yaml",
        ));
    }
    for asset in &site.assets {
        match std::fs::read(input.root.join(&asset.source)) {
            Ok(bytes) => sink.put(OutputFile::raw(&asset.output, bytes, &asset.source)),
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    prongsai_model::codes::C130.code,
                    format!("อ่านไฟล์ไม่ได้ ({e}) — ตรวจสอบสิทธิ์การอ่านไฟล์"),
                    format!("cannot read the file ({e}); check its permissions"),
                )
                .at(Location::file(&asset.source)),
            ),
        }
    }
    for feed in feeds.into_iter().chain(procurement_feed) {
        sink.put(OutputFile::raw(
            feed.output,
            feed.xml.into_bytes(),
            feed.source,
        ));
    }
    // The catalogue last: it lists the files the steps above actually wrote, with their sizes.
    let data_files = recorder.into_files();
    let mut described = std::collections::BTreeMap::new();
    if prongsai_views::outputs::has_year_indexes(input.data) {
        match render_catalogue(&tera, input, &data_files, &folders) {
            Ok((url, d)) => {
                extra_urls.push(url);
                described = d;
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    let (sitemap, robots, warning) = feeds::sitemap_and_robots(input, &extra_urls);
    for file in sitemap {
        folders.put(file);
    }
    folders.put(robots);
    diagnostics.extend(warning);
    // Last, when every other file is written: no folder is left for a host to list.
    diagnostics.extend(folders::pages(
        folders,
        &tera,
        input,
        &described,
        site_updated,
    ));
    sort_diagnostics(&mut diagnostics);
    RenderReport {
        ita_index,
        diagnostics,
    }
}

/// `/data/` and the machine-readable catalogues, from the `data/` files the render wrote; its
/// address, and what it says each file is (site path → description).
fn render_catalogue(
    tera: &Tera,
    input: &RenderInput<'_>,
    files: &[(String, u64)],
    sink: &dyn Sink,
) -> Result<(String, std::collections::BTreeMap<String, String>), Box<Diagnostic>> {
    let fmt = procurement::view_options(input).fmt;
    let datasets = catalog::datasets(input.data, files, input.as_of, fmt);
    let publisher = catalog::Publisher::of(input);
    let url = prongsai_views::urls::data_index();
    let mut ctx = Context::new();
    ctx.insert("title", "ดาวน์โหลดข้อมูล");
    ctx.insert(
        "description",
        "ข้อมูลการจัดซื้อจัดจ้างแบบเปิด: CSV, JSON, XLSX, PDF และ OCDS พร้อมสัญญาอนุญาต ขนาดไฟล์ และวันที่ปรับปรุงข้อมูล",
    );
    ctx.insert("current_url", &url);
    insert_updated(&mut ctx, datasets.iter().map(|d| d.updated).max());
    ctx.insert(
        "p",
        &serde_json::json!({
            "datasets": datasets,
            "catalog_json": prongsai_views::urls::catalog_json(),
            "catalog_jsonld": prongsai_views::urls::catalog_jsonld(),
        }),
    );
    let html = render_html(tera, "data.html", &ctx)
        .map_err(|e| Box::new(render_error("data.html", "procurement-data", &e)))?;
    sink.put(OutputFile::html(
        prongsai_views::urls::output_of(&url),
        html,
        "procurement-data",
    ));
    sink.put(OutputFile::raw(
        prongsai_views::urls::catalog_json().trim_start_matches('/'),
        catalog::gdc_json(&datasets, &publisher),
        "procurement-data",
    ));
    sink.put(OutputFile::raw(
        prongsai_views::urls::catalog_jsonld().trim_start_matches('/'),
        catalog::dcat_jsonld(&datasets, &publisher),
        "procurement-data",
    ));
    Ok((url, catalog::descriptions(&datasets)))
}

/// A site-wide value, type-erased so one list can feed both tera's global context and the cache.
mod erased {
    pub(crate) trait Value {
        fn insert_into(&self, ctx: &mut tera::Context, name: &'static str);
        /// What the cache compares; serialising plain data to JSON cannot fail.
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Value for T {
        fn insert_into(&self, ctx: &mut tera::Context, name: &'static str) {
            ctx.insert(name, self);
        }

        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

fn build_tera(theme: &Theme) -> Result<Tera, Box<Diagnostic>> {
    let mut templates = Vec::new();
    for (name, file) in theme.templates() {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => templates.push((name, text)),
            Err(_) => {
                return Err(Box::new(
                    Diagnostic::error(
                        prongsai_model::codes::C143.code,
                        "แม่แบบไม่ได้บันทึกเป็น UTF-8 — บันทึกไฟล์ใหม่ด้วยการเข้ารหัส UTF-8",
                        "the template is not UTF-8; save it again as UTF-8",
                    )
                    .at(Location::file(&file.origin)),
                ));
            }
        }
    }
    let mut tera = Tera::new();
    if let Err(e) = tera.add_raw_templates(templates) {
        let report = e.to_string();
        // Tera names the template in its report; point at the theme file it came from.
        let origin = theme
            .templates()
            .find(|(name, _)| {
                report.contains(&format!("'{name}'")) || report.contains(&format!("{name}:"))
            })
            .map_or_else(|| "themes".to_owned(), |(_, f)| f.origin.clone());
        return Err(Box::new(
            Diagnostic::error(
                prongsai_model::codes::C143.code,
                format!("แม่แบบ (template) มีข้อผิดพลาด — แก้ไขตามรายละเอียดด้านล่าง\n{report}"),
                format!("a template has an error; fix it as the report says\n{report}"),
            )
            .at(Location::file(origin)),
        ));
    }
    Ok(tera)
}

fn template_for(page: &Page) -> &str {
    match (&page.template, page.kind) {
        (Some(t), _) => t,
        (None, PageKind::Home) => "index.html",
        (None, PageKind::Section) => "section.html",
        (None, PageKind::Page) => "page.html",
    }
}

fn render_page(
    tera: &Tera,
    input: &RenderInput<'_>,
    page: &Page,
    feeds: &[feeds::Feed],
) -> Result<OutputFile, Box<Diagnostic>> {
    let site = input.site;
    let template = template_for(page);
    if !tera.contains_template(template) {
        let available: Vec<&str> = tera
            .get_template_names()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        return Err(Box::new(Diagnostic::error(
            prongsai_model::codes::C141.code,
            format!("ไม่พบแม่แบบ \"{template}\" — ใช้แม่แบบที่มีอยู่ ({}) หรือเพิ่มไฟล์ themes/{}/templates/{template}", available.join(", "), site.config.theme),
            format!("template \"{template}\" not found; use one that exists ({}) or add themes/{}/templates/{template}", available.join(", "), site.config.theme),
        )
        .at(Location {
            file: page.source.clone(),
            line: page.template_line,
            ..Location::default()
        })));
    }
    let mut ctx = Context::new();
    ctx.insert("page", page);
    ctx.insert("current_url", &page.url);
    // A page is as new as its front matter says (a section as its newest page); the home page,
    // which shows the procurement figures, as new as that data too.
    let updated = if page.kind == PageKind::Home {
        site.updated(page).max(data_updated(input))
    } else {
        site.updated(page)
    };
    insert_updated(&mut ctx, updated);
    let mut trail = Vec::new();
    let mut up = page.parent;
    while let Some(i) = up {
        let p = &site.pages[i];
        trail.push(Crumb {
            title: if p.kind == PageKind::Home {
                "หน้าแรก"
            } else {
                &p.title
            },
            url: &p.url,
        });
        up = p.parent;
    }
    trail.reverse();
    ctx.insert("trail", &trail);
    let pages: Vec<Summary<'_>> = page
        .children
        .iter()
        .map(|i| summary(&site.pages[*i], input.title))
        .collect();
    ctx.insert("pages", &pages);
    let subsections: Vec<SectionSummary<'_>> = page
        .subsections
        .iter()
        .map(|i| {
            let s = &site.pages[*i];
            SectionSummary {
                summary: summary(s, input.title),
                pages: s
                    .children
                    .iter()
                    .map(|c| summary(&site.pages[*c], input.title))
                    .collect(),
            }
        })
        .collect();
    ctx.insert("subsections", &subsections);
    let feed = feeds
        .iter()
        .find(|f| f.source == page.source)
        .map(|f| &f.link.url);
    ctx.insert("feed", &feed);
    match render_html(tera, template, &ctx) {
        Ok(html) => Ok(OutputFile::html(&page.output, html, &page.source)),
        Err(e) => Err(Box::new(render_error(template, &page.source, &e))),
    }
}

/// A page as bytes, for [`OutputFile::html`]: `Tera::render` would check the whole page is
/// UTF-8 once more to make a `String` (3 % of a 10,000-page build), and the write stage wants
/// bytes anyway.
pub(crate) fn render_html(tera: &Tera, template: &str, ctx: &Context) -> tera::TeraResult<Vec<u8>> {
    // Most pages are tens of kilobytes: start there rather than doubling up from nothing.
    let mut html = Vec::with_capacity(32 * 1024);
    tera.render_to(template, ctx, &mut html)?;
    Ok(html)
}

/// The newest procurement data of any year (its month files and plans), never the clock.
pub(crate) fn data_updated(input: &RenderInput<'_>) -> Option<Date> {
    prongsai_views::dates::data_updated(input.data, input.as_of)
}

/// The base template's "last updated" line (DGA asks every page for one).
pub(crate) fn insert_updated(ctx: &mut Context, updated: Option<Date>) {
    ctx.insert("updated", &updated);
    ctx.insert("updated_th", &updated.map(|d| d.thai_long()));
}

pub(crate) fn render_error(template: &str, source: &str, e: &tera::Error) -> Diagnostic {
    let mut report = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        report.push_str(&format!("\n{c}"));
        cause = c.source();
    }
    Diagnostic::error(
        prongsai_model::codes::C142.code,
        format!("สร้างหน้าจากแม่แบบ \"{template}\" ไม่สำเร็จ — แก้แม่แบบหรือ front matter ตามรายละเอียด\n{report}"),
        format!("rendering template \"{template}\" failed; fix the template or the front matter as the report says"),
    )
    .at(Location::file(source))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input_site(root: &Path) -> (Site, Vec<Diagnostic>) {
        let l = prongsai_content::load(root);
        (l.site, l.diagnostics)
    }

    #[test]
    fn renders_an_empty_site() {
        let dir = tempfile::tempdir().unwrap();
        let (site, d) = input_site(dir.path());
        assert!(d.is_empty());
        let data = Data::default();
        let out = render_site(&RenderInput {
            root: dir.path(),
            site: &site,
            data: &data,
            title: "prongsai",
            base_url: "",
            as_of: Date::from_ce(2026, 11, 1).unwrap(),
            due: prongsai_model::DueRules::default(),
            ita: &[],
        });
        // Without a base_url there is no sitemap, and the build says so.
        assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
        assert_eq!(out.diagnostics[0].code, "C150");
        let paths: Vec<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
        for p in [
            "index.html",
            "404.html",
            "robots.txt",
            "css/site.css",
            "fonts/OFL.txt",
        ] {
            assert!(paths.contains(&p), "{p} missing from {paths:?}");
        }
        let home = out.files.iter().find(|f| f.path == "index.html").unwrap();
        let html = String::from_utf8(home.bytes.clone()).unwrap();
        assert!(html.contains("<html lang=\"th\">"));
        assert!(html.contains("<title>prongsai</title>"));
        assert!(!html.contains("sample-banner"));
    }

    /// The files a site built from `files` (path under the root → bytes) renders, and its
    /// diagnostics.
    fn render_files(files: &[(&str, &[u8])]) -> RenderOutput {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let (site, _) = input_site(dir.path());
        render_site(&RenderInput {
            root: dir.path(),
            site: &site,
            data: &Data::default(),
            title: "อบต.ทดสอบ",
            base_url: "https://x.go.th",
            as_of: Date::from_ce(2026, 11, 1).unwrap(),
            due: prongsai_model::DueRules::default(),
            ita: &[],
        })
    }

    fn file<'a>(out: &'a RenderOutput, path: &str) -> Option<&'a [u8]> {
        out.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.bytes.as_slice())
    }

    fn home(out: &RenderOutput) -> String {
        String::from_utf8(file(out, "index.html").unwrap().to_vec()).unwrap()
    }

    #[test]
    fn every_page_declares_a_generated_icon_and_favicon_ico_exists() {
        let out = render_files(&[]);
        let ico = file(&out, "favicon.ico").expect("favicon.ico");
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 3, 0], "an icon with three images");
        let touch = file(&out, "apple-touch-icon.png").expect("apple-touch-icon.png");
        assert_eq!(prongsai_export::png_size(touch), Some((180, 180)));
        let html = home(&out);
        let href = |rel: &str| {
            let tag = html
                .split(&format!("<link rel=\"{rel}\" href=\"/"))
                .nth(1)
                .unwrap_or_else(|| panic!("no {rel} link in {html}"));
            tag.split('"').next().unwrap().to_owned()
        };
        // Linked by content-hashed names, the same bytes as the conventional ones.
        let icon = href("icon");
        assert!(hosting::fingerprinted("favicon.ico", ico) == icon, "{icon}");
        assert_eq!(file(&out, &icon), Some(ico));
        assert_eq!(file(&out, &href("apple-touch-icon")), Some(touch));
        let again = render_files(&[]);
        assert_eq!(file(&again, "favicon.ico"), Some(ico), "deterministic");
    }

    #[test]
    fn the_sites_own_favicon_is_declared_and_becomes_favicon_ico() {
        let emblem = prongsai_export::icon_png("ท", 64, true);
        let out = render_files(&[
            ("site.yaml", b"favicon: /images/emblem.png\n"),
            ("content/images/emblem.png", &emblem),
        ]);
        assert!(out.diagnostics.iter().all(|d| d.code != "C154"));
        let html = home(&out);
        assert!(
            html.contains("<link rel=\"icon\" href=\"/images/emblem.png\" type=\"image/png\">"),
            "{html}"
        );
        assert!(html.contains("<link rel=\"apple-touch-icon\" href=\"/images/emblem.png\">"));
        let ico = file(&out, "favicon.ico").expect("favicon.ico");
        assert_eq!(ico[6], 64, "the emblem's size in the ICO directory");
        assert!(ico.ends_with(&emblem), "the emblem wrapped as it is");
        assert!(file(&out, "apple-touch-icon.png").is_none());
    }

    #[test]
    fn a_missing_favicon_is_a_warning_and_the_generated_icon_is_used() {
        let out = render_files(&[("site.yaml", b"favicon: /emblem.png\n")]);
        let d = out.diagnostics.iter().find(|d| d.code == "C154");
        assert!(d.is_some(), "{:?}", out.diagnostics);
        assert!(file(&out, "favicon.ico").is_some());
        assert!(home(&out).contains("<link rel=\"icon\" href=\"/favicon."));
    }

    #[test]
    fn a_favicon_ico_of_the_sites_own_is_kept_and_declared() {
        let own = prongsai_export::ico(&[&prongsai_export::icon_png("ก", 32, true)]);
        let out = render_files(&[("content/favicon.ico", &own)]);
        let written: Vec<_> = out
            .files
            .iter()
            .filter(|f| f.path == "favicon.ico")
            .collect();
        assert_eq!(written.len(), 1, "one favicon.ico, the site's");
        assert_eq!(written[0].bytes, own);
        assert!(
            home(&out).contains("<link rel=\"icon\" href=\"/favicon.ico\" type=\"image/x-icon\">")
        );
    }

    #[test]
    fn the_icon_shows_the_place_of_the_short_name() {
        let dir = tempfile::tempdir().unwrap();
        let (site, _) = input_site(dir.path());
        let mark = |short: &str, name: &str| {
            let data = Data {
                agency: Some(prongsai_model::Agency {
                    name: name.into(),
                    short_name: short.into(),
                    ..Default::default()
                }),
                ..Data::default()
            };
            hosting::icon_mark(&RenderInput {
                root: dir.path(),
                site: &site,
                data: &data,
                title: "t",
                base_url: "",
                as_of: Date::from_ce(2026, 11, 1).unwrap(),
                due: prongsai_model::DueRules::default(),
                ita: &[],
            })
        };
        assert_eq!(mark("อบต.เมืองหลวง", "องค์การบริหารส่วนตำบลเมืองหลวง"), "ม");
        assert_eq!(mark("", "เทศบาลตำบลหนองบัว"), "ท");
        assert_eq!(mark("", "prongsai"), "P");
        assert_eq!(mark("", "..."), "ป");
    }

    #[test]
    fn every_folder_gets_an_index_page_listing_what_it_holds() {
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("content/files/report.pdf".into(), b"%PDF-1.7".to_vec()),
            ("content/files/sub/notes.txt".into(), b"n".to_vec()),
            (
                "content/news/_index.md".into(),
                b"---\ntitle: News\n---\n".to_vec(),
            ),
            ("content/news/a.md".into(), b"---\ntitle: A\n---\n".to_vec()),
            (
                "content/docs/x.md".into(),
                b"---\ntitle: \"R&D <2569>\"\n---\n".to_vec(),
            ),
        ];
        for i in 0..=folders::MAX_PAGES_LISTED {
            files.push((
                format!("content/many/p{i}.md"),
                b"---\ntitle: P\n---\n".to_vec(),
            ));
        }
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(p, b)| (p.as_str(), b.as_slice()))
            .collect();
        let out = render_files(&refs);
        assert!(
            out.diagnostics.iter().all(|d| d.code != "C142"),
            "{:?}",
            out.diagnostics
        );
        let page = |p: &str| {
            String::from_utf8(file(&out, p).unwrap_or_else(|| panic!("{p}")).to_vec()).unwrap()
        };
        // Every folder of the output has its index.html, its own or a folder page.
        let paths: std::collections::BTreeSet<&str> =
            out.files.iter().map(|f| f.path.as_str()).collect();
        for p in &paths {
            let mut dir = *p;
            while let Some((d, _)) = dir.rsplit_once('/') {
                assert!(
                    paths.contains(format!("{d}/index.html").as_str()),
                    "{d}/ has no index.html"
                );
                dir = d;
            }
        }
        let files_page = page("files/index.html");
        assert!(
            files_page.contains("href=\"/files/report.pdf\""),
            "{files_page}"
        );
        assert!(files_page.contains("เอกสาร PDF"));
        assert!(files_page.contains("href=\"/files/sub/\""));
        assert!(files_page.contains("noindex"));
        assert!(page("files/sub/index.html").contains("href=\"/files/sub/notes.txt\""));
        // A folder with a page of its own keeps it.
        assert!(!page("news/index.html").contains("โฟลเดอร์ /news/"));
        // Pages are listed by title (escaped once); beyond the limit, counted instead.
        assert!(
            page("docs/index.html").contains(">R&amp;D &lt;2569&gt;</a>"),
            "{}",
            page("docs/index.html")
        );
        assert!(page("css/index.html").contains("href=\"/css/site.css\""));
        let many = page("many/index.html");
        assert!(many.contains("201 หน้า"), "{many}");
        assert!(!many.contains("href=\"/many/p1/\""));
        let root_pages: Vec<_> = out
            .files
            .iter()
            .filter(|f| f.path == "index.html")
            .collect();
        assert_eq!(root_pages.len(), 1);
    }

    #[test]
    fn missing_template_names_the_page_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/a.md"),
            "---\ntitle: A\ntemplate: nope.html\n---\n",
        )
        .unwrap();
        let (site, _) = input_site(dir.path());
        let out = render_site(&RenderInput {
            root: dir.path(),
            site: &site,
            data: &Data::default(),
            title: "t",
            base_url: "https://x.go.th",
            as_of: Date::from_ce(2026, 11, 1).unwrap(),
            due: prongsai_model::DueRules::default(),
            ita: &[],
        });
        let d = out.diagnostics.iter().find(|d| d.code == "C141").unwrap();
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.file.as_str(), loc.line), ("content/a.md", Some(3)));
    }

    #[test]
    fn standard_pages_are_generated_unless_the_agency_wrote_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/news")).unwrap();
        std::fs::write(
            dir.path().join("content/news/_index.md"),
            "---\ntitle: ข่าว\n---\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("content/news/a.md"),
            "---\ntitle: ข่าวหนึ่ง\n---\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("content/privacy.md"),
            "---\ntitle: นโยบายของเราเอง\n---\nข้อความของหน่วยงาน\n",
        )
        .unwrap();
        let (site, _) = input_site(dir.path());
        let data = Data {
            agency: Some(prongsai_model::Agency {
                name: "อบต.ทดสอบ".into(),
                email: Some("saraban@x.go.th".into()),
                ..Default::default()
            }),
            ..Data::default()
        };
        let out = render_site(&RenderInput {
            root: dir.path(),
            site: &site,
            data: &data,
            title: "อบต.ทดสอบ",
            base_url: "https://x.go.th",
            as_of: Date::from_ce(2026, 11, 1).unwrap(),
            ita: &[],
            due: prongsai_model::DueRules::default(),
        });
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        let page = |path: &str| {
            let f = out.files.iter().find(|f| f.path == path);
            String::from_utf8(f.unwrap_or_else(|| panic!("{path}")).bytes.clone()).unwrap()
        };
        let sitemap = page("sitemap/index.html");
        assert!(sitemap.contains("href=\"/news/a/\""), "{sitemap}");
        assert!(page("accessibility/index.html").contains("WCAG 2.1"));
        assert!(page("accessibility/index.html").contains("mailto:saraban@x.go.th"));
        assert!(page("privacy/index.html").contains("ข้อความของหน่วยงาน"));
        assert_eq!(
            out.files
                .iter()
                .filter(|f| f.path == "privacy/index.html")
                .count(),
            1
        );
        // Every page links all four from the footer, and the home page names the agency.
        let home = page("index.html");
        for l in [
            "/sitemap/",
            "/website-policy/",
            "/privacy/",
            "/accessibility/",
        ] {
            assert!(home.contains(&format!("href=\"{l}\"")), "{l}");
        }
        assert!(home.contains("\"@type\":\"GovernmentOrganization\""));
        let xml = page("sitemap.xml");
        assert!(xml.contains("https://x.go.th/accessibility/"), "{xml}");
    }
}
