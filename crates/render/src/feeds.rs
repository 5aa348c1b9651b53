//! Machine-readable files: Atom feeds of dated pages, sitemap.xml, robots.txt. Written by code
//! rather than templates so they stay valid XML whatever the theme does.

use crate::RenderInput;
use prongsai_content::{Page, PageKind};
use prongsai_model::{Date, Diagnostic, Location};
use prongsai_views::urls;
// The HTML escaper's entities (&amp; &lt; &gt; &quot; &#39;) are XML's too.
use prongsai_text::escape_html as xml_escape;
pub(crate) use prongsai_text::url::encode_path;
use prongsai_write::OutputFile;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Clone, Debug, Serialize)]
pub(crate) struct FeedLink {
    pub title: String,
    pub url: String,
}

pub(crate) struct Feed {
    pub link: FeedLink,
    pub output: String,
    /// The section's source file.
    pub source: String,
    pub xml: String,
}

/// Midnight in Thailand (UTC+7), the day a dated page is published.
fn atom_time(d: Date) -> String {
    format!("{}T00:00:00+07:00", d.iso())
}

/// An Atom feed's opening up to its entries; the addresses come absolute and escaped.
fn feed_head(
    base: &str,
    title: &str,
    id: &str,
    self_href: &str,
    alternate: &str,
    updated: Date,
    author: &str,
) -> String {
    // xml:base lets feed readers resolve the site-relative links inside entry content.
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"th\" xml:base=\"{}/\">\n",
        xml_escape(base)
    );
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(title));
    let _ = writeln!(xml, "  <id>{id}</id>");
    let _ = writeln!(xml, "  <link rel=\"self\" href=\"{self_href}\"/>");
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{alternate}\"/>"
    );
    let _ = writeln!(xml, "  <updated>{}</updated>", atom_time(updated));
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_escape(author)
    );
    let _ = writeln!(xml, "  <generator>prongsai</generator>");
    xml
}

/// How many of a section's newest pages its feed carries.
const FEED_ENTRIES: usize = 20;

/// One feed per section that has dated pages: `<section>/atom.xml`, newest first. The feed's
/// `updated` is its newest entry's date, so rebuilding the same input gives the same bytes.
pub(crate) fn feeds(input: &RenderInput<'_>) -> Vec<Feed> {
    let site = input.site;
    let mut out = Vec::new();
    for section in site.pages.iter().filter(|p| p.kind != PageKind::Page) {
        let mut dated: Vec<(&Page, Date)> = section
            .children
            .iter()
            .map(|i| &site.pages[*i])
            .filter_map(|p| p.date.map(|d| (p, d)))
            .collect();
        let Some(newest) = dated.iter().map(|(_, d)| *d).max() else {
            continue;
        };
        dated.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.key.cmp(&b.0.key)));
        let base = input.base_url;
        let section_title = if section.title.is_empty() {
            input.title
        } else {
            &section.title
        };
        let title = format!("{section_title} | {}", input.title);
        let feed_url = format!("{}atom.xml", section.url);
        let abs = |path: &str| xml_escape(&format!("{base}{}", encode_path(path)));
        let mut xml = feed_head(
            base,
            &title,
            &abs(&section.url),
            &abs(&feed_url),
            &abs(&section.url),
            newest,
            input.title,
        );
        // Feed readers poll the whole file: the newest entries are what they need, and a section
        // with years of news must not make every poll download all of it.
        for (page, date) in dated.into_iter().take(FEED_ENTRIES) {
            let url = xml_escape(&format!("{base}{}", encode_path(&page.url)));
            xml.push_str("  <entry>\n");
            let _ = writeln!(xml, "    <title>{}</title>", xml_escape(&page.title));
            let _ = writeln!(xml, "    <id>{url}</id>");
            let _ = writeln!(
                xml,
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>"
            );
            let _ = writeln!(xml, "    <published>{}</published>", atom_time(date));
            let _ = writeln!(xml, "    <updated>{}</updated>", atom_time(date));
            if !page.summary.is_empty() {
                let _ = writeln!(xml, "    <summary>{}</summary>", xml_escape(&page.summary));
            }
            let _ = writeln!(
                xml,
                "    <content type=\"html\">{}</content>",
                xml_escape(&page.content)
            );
            xml.push_str("  </entry>\n");
        }
        xml.push_str("</feed>\n");
        out.push(Feed {
            link: FeedLink {
                title,
                url: feed_url.clone(),
            },
            output: format!("{}atom.xml", section.url.trim_start_matches('/')),
            source: section.source.clone(),
            xml,
        });
    }
    out
}

/// How many entries the procurement feed carries: two years of months and plans.
const PROCUREMENT_ENTRIES: usize = 30;

/// `/procurement/feed.xml`: one entry per published month (its records) and per plan, newest
/// first. Dated from the data (see [`crate::catalog`]), so the same input gives the same bytes.
pub(crate) fn procurement_feed(input: &RenderInput<'_>) -> Option<Feed> {
    let data = input.data;
    if data.years.is_empty() {
        return None;
    }
    let base = input.base_url;
    let abs = |path: &str| xml_escape(&format!("{base}{}", encode_path(path)));
    let fmt = crate::procurement::view_options(input).fmt;
    // (updated, url, title, html)
    let mut entries: Vec<(Date, String, String, String)> = Vec::new();
    for fy in data.years.values() {
        if let Some(plan) = &fy.plan {
            let total = plan.lines.iter().fold(prongsai_model::Money::ZERO, |t, l| {
                t.saturating_add(l.budget)
            });
            entries.push((
                crate::catalog::plan_updated(fy, input.as_of),
                urls::plan(fy.year),
                format!("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {}", fmt.year(fy.year)),
                format!(
                    "<p>{} โครงการ งบประมาณรวม {} บาท</p>",
                    fmt.int(plan.lines.len() as i64),
                    fmt.money(total)
                ),
            ));
        }
        for m in fy.months.values() {
            let mut html = String::new();
            if m.records.is_empty() {
                html.push_str("<p>ไม่มีการจัดซื้อจัดจ้างในเดือนนี้</p>");
            } else {
                html.push_str("<ul>");
                for r in &m.records {
                    let _ = write!(
                        html,
                        "<li><a href=\"{}\">{}</a>: {} {} {}</li>",
                        xml_escape(&urls::record(r)),
                        xml_escape(&r.title),
                        r.method.thai(),
                        xml_escape(r.winner.as_deref().unwrap_or("")),
                        r.agreed_price
                            .map(|p| format!("{} บาท", fmt.money(p)))
                            .unwrap_or_default()
                    );
                }
                html.push_str("</ul>");
            }
            entries.push((
                crate::catalog::month_updated(fy, m.month, input.as_of),
                urls::month(m.month),
                format!(
                    "สรุปผลการจัดซื้อจัดจ้าง เดือน{} ({} รายการ)",
                    fmt.month(m.month),
                    fmt.int(m.records.len() as i64)
                ),
                html,
            ));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let newest = entries.first().map(|e| e.0)?;
    let feed_url = urls::procurement_feed();
    let title = format!("การจัดซื้อจัดจ้าง | {}", input.title);
    let mut xml = feed_head(
        base,
        &title,
        &abs(&feed_url),
        &abs(&feed_url),
        &abs(&urls::years()),
        newest,
        input.title,
    );
    for (date, url, entry_title, html) in entries.into_iter().take(PROCUREMENT_ENTRIES) {
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", xml_escape(&entry_title));
        let _ = writeln!(xml, "    <id>{}</id>", abs(&url));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            abs(&url)
        );
        let _ = writeln!(xml, "    <updated>{}</updated>", atom_time(date));
        let _ = writeln!(
            xml,
            "    <content type=\"html\">{}</content>",
            xml_escape(&html)
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Some(Feed {
        link: FeedLink {
            title,
            url: feed_url.clone(),
        },
        output: feed_url.trim_start_matches('/').to_owned(),
        source: "procurement-data".to_owned(),
        xml,
    })
}

/// `sitemap.xml` needs absolute URLs: without a base URL it is left out, with a warning.
/// The sitemap protocol's limit of URLs in one file; past it the sitemap becomes an index.
const SITEMAP_MAX_URLS: usize = 50_000;

/// `sitemap.xml` (an index of `sitemap-<n>.xml` files on a large site) and `robots.txt`.
/// `extra` are the site paths of generated pages (procurement, ITA) besides the content pages.
pub(crate) fn sitemap_and_robots(
    input: &RenderInput<'_>,
    extra: &[String],
) -> (Vec<OutputFile>, OutputFile, Option<Diagnostic>) {
    let base = input.base_url;
    if base.is_empty() {
        let warning = Diagnostic::warning(
            prongsai_model::codes::C150.code,
            "ไม่ได้กำหนด base_url จึงไม่ได้สร้าง sitemap.xml — เพิ่ม base_url: https://… ใน site.yaml หรือใช้ build --base-url",
            "no base_url, so sitemap.xml is not written; add base_url: https://… to site.yaml or pass build --base-url",
        )
        .at(Location::file(prongsai_content::SITE_FILE));
        let robots = OutputFile::raw(
            "robots.txt",
            b"User-agent: *\nAllow: /\n".to_vec(),
            "prongsai",
        );
        return (Vec::new(), robots, Some(warning));
    }
    let mut entries: Vec<(&str, Option<prongsai_model::Date>)> = input
        .site
        .pages
        .iter()
        .map(|p| (p.url.as_str(), p.date))
        .chain(extra.iter().map(|u| (u.as_str(), None)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    let urlset = |chunk: &[(&str, Option<prongsai_model::Date>)]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (url, date) in chunk {
            let _ = write!(
                xml,
                "  <url><loc>{}</loc>",
                xml_escape(&format!("{base}{}", encode_path(url)))
            );
            if let Some(d) = date {
                let _ = write!(xml, "<lastmod>{}</lastmod>", d.iso());
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml.into_bytes()
    };
    let mut files = Vec::new();
    if entries.len() <= SITEMAP_MAX_URLS {
        files.push(OutputFile::raw("sitemap.xml", urlset(&entries), "prongsai"));
    } else {
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (i, chunk) in entries.chunks(SITEMAP_MAX_URLS).enumerate() {
            let name = format!("sitemap-{}.xml", i + 1);
            let _ = writeln!(
                index,
                "  <sitemap><loc>{}</loc></sitemap>",
                xml_escape(&format!("{base}/{name}"))
            );
            files.push(OutputFile::raw(name, urlset(chunk), "prongsai"));
        }
        index.push_str("</sitemapindex>\n");
        files.push(OutputFile::raw(
            "sitemap.xml",
            index.into_bytes(),
            "prongsai",
        ));
    }
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n");
    (
        files,
        OutputFile::raw("robots.txt", robots.into_bytes(), "prongsai"),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_thai_paths() {
        assert_eq!(
            encode_path("/ข่าว/a-1/"),
            "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/a-1/"
        );
        assert_eq!(encode_path("/news/x/#top"), "/news/x/#top");
    }
}
