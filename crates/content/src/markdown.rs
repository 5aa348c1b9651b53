//! Markdown to HTML: tables wrapped for narrow screens, heading ids, `@/` links resolved, raw
//! HTML and link addresses made safe as `markdown.raw_html` in site.yaml says.

use crate::sanitize::{RawHtml, sanitize};
use prongsai_model::{Diagnostic, Location};
use prongsai_text::markdown::{
    CowStr, Dialect, Event, Tag, TagEnd, heading_level, html, parse, slugify,
};
use prongsai_text::{LineIndex, escape_html, is_safe_url};
use serde::Serialize;
use std::collections::BTreeSet;

/// A heading of a page, for a table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

pub(crate) struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Plain text of the first paragraph, for listings when there is no description.
    pub summary: String,
}

/// Why a `@/` link did not resolve.
pub(crate) enum LinkProblem {
    Missing,
    Draft,
}

pub(crate) fn render(
    body: &str,
    line_offset: u32,
    file: &str,
    raw_html: RawHtml,
    resolve: &dyn Fn(&str) -> Result<String, LinkProblem>,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    let lines = LineIndex::new(body);
    let line_at = |offset: usize| -> u32 { lines.line(offset).saturating_add(line_offset) };
    let mut events: Vec<Event> = Vec::new();
    let mut headings = Vec::new();
    let mut used_ids = BTreeSet::new();
    // Index in `events` of the open heading, and its text so far.
    let mut open_heading: Option<(usize, String)> = None;
    let mut last_heading_text = String::new();
    let mut tables = 0;
    let mut summary = String::new();
    let mut in_first_paragraph = false;
    let mut seen_paragraph = false;
    // An HTML block arrives line by line; it is filtered whole so a tag split over lines is
    // seen as one tag. Holds the text so far and the block's first byte.
    let mut html_block: Option<(String, usize)> = None;
    // Per open link and image: whether its tags were dropped for an unsafe address.
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut dropped_images: Vec<bool> = Vec::new();
    let trust = raw_html == RawHtml::Trust;

    for (event, range) in parse(body, Dialect::Page).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                mut attrs,
            }) => {
                // `## x {onclick=…}` would otherwise put any attribute on the heading.
                if !trust {
                    attrs.clear();
                }
                open_heading = Some((events.len(), String::new()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((idx, text)) = open_heading.take() {
                    let text = text.trim().to_owned();
                    if let Some(Event::Start(Tag::Heading { id, .. })) = events.get_mut(idx) {
                        let wanted = match id {
                            Some(given) => given.to_string(),
                            None => slugify(&text),
                        };
                        let unique = unique_id(&wanted, &mut used_ids);
                        *id = Some(CowStr::from(unique.clone()));
                        headings.push(Heading {
                            level: heading_level(level),
                            id: unique,
                            text: text.clone(),
                        });
                    }
                    last_heading_text = text;
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, text)) = open_heading.as_mut() {
                    text.push_str(t);
                }
                if in_first_paragraph {
                    summary.push_str(t);
                }
                events.push(event);
            }
            Event::SoftBreak if in_first_paragraph => {
                summary.push(' ');
                events.push(event);
            }
            Event::Start(Tag::Paragraph) => {
                if !seen_paragraph {
                    seen_paragraph = true;
                    in_first_paragraph = true;
                }
                events.push(event);
            }
            Event::End(TagEnd::Paragraph) => {
                in_first_paragraph = false;
                events.push(event);
            }
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                let label = if last_heading_text.is_empty() {
                    format!("ตารางที่ {tables}")
                } else {
                    format!("ตาราง: {last_heading_text}")
                };
                // Focusable so keyboard users can scroll it; the page itself never scrolls sideways.
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
                    escape_html(&label)
                ))));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if !trust && !is_safe_url(&dest_url, false) {
                    diags.push(unsafe_url_diagnostic(&dest_url, file, line_at(range.start)));
                    dropped_links.push(true);
                    continue;
                }
                dropped_links.push(false);
                let dest_url = if let Some(target) = dest_url.strip_prefix("@/") {
                    match resolve_link(target, resolve) {
                        Ok(url) => CowStr::from(url),
                        Err(problem) => {
                            diags.push(link_diagnostic(
                                &dest_url,
                                problem,
                                file,
                                line_at(range.start),
                            ));
                            dest_url
                        }
                    }
                } else {
                    dest_url
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // Dropping the tags leaves the alt text as plain text.
                if !trust && !is_safe_url(&dest_url, true) {
                    diags.push(unsafe_url_diagnostic(&dest_url, file, line_at(range.start)));
                    dropped_images.push(true);
                    continue;
                }
                dropped_images.push(false);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if !dropped_images.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some((String::new(), range.start));
                events.push(event);
            }
            Event::Html(raw) if html_block.is_some() => {
                if let Some((text, _)) = html_block.as_mut() {
                    text.push_str(&raw);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let (raw, start) = html_block.take().unwrap_or_default();
                let html = match raw_html {
                    RawHtml::Escape => {
                        events.push(Event::Text(CowStr::from(raw)));
                        events.push(event);
                        continue;
                    }
                    RawHtml::Trust => raw,
                    RawHtml::Sanitize => {
                        let cleaned = sanitize(&raw);
                        if !cleaned.removed.is_empty() {
                            diags.push(removed_html_diagnostic(
                                &cleaned.removed,
                                file,
                                line_at(start),
                            ));
                        }
                        cleaned.html
                    }
                };
                if raw_table_tag(&html) {
                    // Authors paste HTML tables from Word; they need the same scroll region.
                    tables += 1;
                    let label = if last_heading_text.is_empty() {
                        format!("ตารางที่ {tables}")
                    } else {
                        format!("ตาราง: {last_heading_text}")
                    };
                    events.push(Event::Html(CowStr::from(wrap_raw_tables(&html, &label))));
                } else {
                    events.push(Event::Html(CowStr::from(html)));
                }
                events.push(event);
            }
            Event::Html(raw) | Event::InlineHtml(raw) => match raw_html {
                RawHtml::Trust => events.push(Event::InlineHtml(raw)),
                RawHtml::Escape => events.push(Event::Text(raw)),
                RawHtml::Sanitize => {
                    let cleaned = sanitize(&raw);
                    if !cleaned.removed.is_empty() {
                        diags.push(removed_html_diagnostic(
                            &cleaned.removed,
                            file,
                            line_at(range.start),
                        ));
                    }
                    events.push(Event::InlineHtml(CowStr::from(cleaned.html)));
                }
            },
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        headings,
        summary: summary.trim().to_owned(),
    }
}

/// `@/news/x.md#part` → the page's URL plus the anchor.
pub(crate) fn resolve_link(
    target: &str,
    resolve: &dyn Fn(&str) -> Result<String, LinkProblem>,
) -> Result<String, LinkProblem> {
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (target, None),
    };
    let url = resolve(path)?;
    Ok(match anchor {
        Some(a) => format!("{url}#{a}"),
        None => url,
    })
}

pub(crate) fn link_diagnostic(
    dest: &str,
    problem: LinkProblem,
    file: &str,
    line: u32,
) -> Diagnostic {
    let d = match problem {
        LinkProblem::Missing => Diagnostic::error(
            prongsai_model::codes::C120.code,
            format!(
                "ลิงก์ \"{dest}\" ชี้ไปยังไฟล์ที่ไม่มีใน content/ — ตรวจชื่อไฟล์ (เช่น @/about/structure.md) หรือสร้างหน้านั้น"
            ),
            format!(
                "link \"{dest}\" points to no file in content/; check the path (e.g. @/about/structure.md) or create the page"
            ),
        ),
        LinkProblem::Draft => Diagnostic::error(
            prongsai_model::codes::C121.code,
            format!(
                "ลิงก์ \"{dest}\" ชี้ไปยังหน้าที่เป็นฉบับร่าง (draft: true) ซึ่งจะไม่ถูกเผยแพร่ — เผยแพร่หน้านั้นหรือลบลิงก์"
            ),
            format!(
                "link \"{dest}\" points to a draft page, which is not published; publish it or remove the link"
            ),
        ),
    };
    d.at(Location::line(file, line)).with_text(dest)
}

/// A link or image whose address could run code in the reader's browser was removed.
fn unsafe_url_diagnostic(dest: &str, file: &str, line: u32) -> Diagnostic {
    Diagnostic::warning(
        prongsai_model::codes::C122.code,
        format!(
            "ลิงก์หรือรูปภาพ \"{dest}\" ใช้ที่อยู่ที่อาจรันโค้ดในเบราว์เซอร์ของผู้อ่าน จึงนำลิงก์ออกเหลือแต่ข้อความ — ใช้ที่อยู่ https://, http://, mailto:, tel: หรือ @/หน้า.md"
        ),
        format!(
            "link or image \"{dest}\" uses an address that could run code in the reader's browser, so only its text is kept; use https://, http://, mailto:, tel: or @/page.md"
        ),
    )
    .at(Location::line(file, line))
    .with_text(dest)
}

/// Raw HTML lost tags or attributes outside the safe subset (`markdown.raw_html: sanitize`).
fn removed_html_diagnostic(removed: &[String], file: &str, line: u32) -> Diagnostic {
    let list = removed
        .iter()
        .take(5)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = if removed.len() > 5 { ", …" } else { "" };
    Diagnostic::warning(
        prongsai_model::codes::C123.code,
        format!(
            "HTML ในหน้านี้มีส่วนที่ไม่ปลอดภัยสำหรับผู้อ่าน จึงถูกนำออก: {list}{more} — ลบส่วนนั้นออก หรือถ้าตรวจแล้วว่าปลอดภัย ตั้ง markdown: {{ raw_html: trust }} ใน site.yaml"
        ),
        format!(
            "raw HTML outside the safe subset was removed: {list}{more}; delete it, or if it has been reviewed set markdown: {{ raw_html: trust }} in site.yaml"
        ),
    )
    .at(Location::line(file, line))
}

fn raw_table_tag(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.contains("<table") || lower.contains("</table>")
}

/// Puts `<table …>` … `</table>` of raw HTML inside the same focusable scroll region as
/// Markdown tables.
fn wrap_raw_tables(html: &str, label: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() + 96);
    let mut i = 0;
    while i < html.len() {
        let rest = &lower[i..];
        let open = rest.find("<table").filter(|p| {
            matches!(
                rest.as_bytes().get(p + 6),
                Some(b' ' | b'>' | b'\n' | b'\t')
            )
        });
        let close = rest.find("</table>");
        match (open, close) {
            (Some(o), c) if c.is_none_or(|c| o < c) => {
                out.push_str(&html[i..i + o]);
                out.push_str(&format!(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
                    escape_html(label)
                ));
                out.push_str(&html[i + o..i + o + 6]);
                i += o + 6;
            }
            (_, Some(c)) => {
                out.push_str(&html[i..i + c + 8]);
                out.push_str("</div>");
                i += c + 8;
            }
            _ => {
                out.push_str(&html[i..]);
                break;
            }
        }
    }
    out
}

fn unique_id(wanted: &str, used: &mut BTreeSet<String>) -> String {
    let base = if wanted.is_empty() { "section" } else { wanted };
    let mut id = base.to_owned();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver(path: &str) -> Result<String, LinkProblem> {
        match path {
            "about/structure.md" => Ok("/about/structure/".to_owned()),
            "draft.md" => Err(LinkProblem::Draft),
            _ => Err(LinkProblem::Missing),
        }
    }

    fn go(md: &str) -> (Rendered, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let r = render(md, 4, "content/x.md", RawHtml::Sanitize, &resolver, &mut d);
        (r, d)
    }

    #[test]
    fn heading_ids_are_unique_and_listed() {
        let (r, _) = go("## ข้อมูล\n\n## ข้อมูล\n\n### Custom {#own}\n");
        assert!(r.html.contains("<h2 id=\"ข้อมูล\">ข้อมูล</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"ข้อมูล-1\">"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"own\">Custom</h3>"), "{}", r.html);
        assert_eq!(r.headings.len(), 3);
    }

    #[test]
    fn tables_are_wrapped() {
        let (r, _) = go("## งบ\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"ตาราง: งบ\"><table>"), "{}", r.html);
        assert!(
            r.html.contains("</table>\n</div>") || r.html.contains("</table></div>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_tables_are_wrapped() {
        let (r, _) = go("## ข้อ ๑\n\n<table>\n<tr><td>ก</td></tr>\n</table>\n");
        assert!(
            r.html.contains("aria-label=\"ตาราง: ข้อ ๑\"><table>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("</table></div>"), "{}", r.html);
        assert_eq!(
            wrap_raw_tables("<TABLE class=x></TABLE>", "t"),
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"t\"><TABLE class=x></TABLE></div>"
        );
        assert_eq!(wrap_raw_tables("<tablet>", "t"), "<tablet>");
    }

    #[test]
    fn links_resolve_with_anchor_and_errors_have_lines() {
        let (r, d) = go("see [a](@/about/structure.md#top)\n\n[b](@/nope.md)\n\n[c](@/draft.md)\n");
        assert!(
            r.html.contains("href=\"/about/structure/#top\""),
            "{}",
            r.html
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].code, "C120");
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(7));
        assert_eq!(d[1].code, "C121");
        assert_eq!(d[1].location.as_ref().and_then(|l| l.line), Some(9));
    }

    fn go_mode(md: &str, mode: RawHtml) -> (String, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let r = render(md, 0, "content/x.md", mode, &resolver, &mut d);
        (r.html, d)
    }

    #[test]
    fn raw_html_modes() {
        let md = "<p onclick=\"alert(1)\">ก</p>\n\nข <img src=x onerror=alert(1)> <script>alert(1)</script>\n";
        let (html, d) = go_mode(md, RawHtml::Sanitize);
        assert_eq!(html, "<p>ก</p>\n<p>ข <img src=\"x\"> alert(1)</p>\n");
        assert!(d.iter().all(|d| d.code == "C123") && d.len() == 4, "{d:?}");
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(1));
        let (html, d) = go_mode(md, RawHtml::Escape);
        assert!(
            html.starts_with("&lt;p onclick=\"alert(1)\"&gt;ก&lt;/p&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(d.is_empty());
        let (html, d) = go_mode(md, RawHtml::Trust);
        assert!(
            html.contains("<p onclick=\"alert(1)\">") && html.contains("<script>alert(1)</script>")
        );
        assert!(d.is_empty());
    }

    #[test]
    fn unsafe_link_addresses_keep_only_their_text() {
        let md = "[a](javascript:alert(1)) <vbscript:x> ![i](data:image/svg+xml,x) [ok](https://x.go.th)\n\n## h {onclick=alert(1) #id}\n";
        for mode in [RawHtml::Sanitize, RawHtml::Escape] {
            let (html, d) = go_mode(md, mode);
            assert_eq!(
                html,
                "<p>a vbscript:x i <a href=\"https://x.go.th\">ok</a></p>\n<h2 id=\"id\">h</h2>\n"
            );
            let codes: Vec<_> = d.iter().map(|d| d.code.as_str()).collect();
            assert_eq!(codes, vec!["C122"; 3]);
        }
        let (html, d) = go_mode(md, RawHtml::Trust);
        assert!(
            html.contains("href=\"javascript:alert(1)\"") && html.contains("onclick"),
            "{html}"
        );
        assert!(d.is_empty());
    }

    #[test]
    fn footnotes_strikethrough_and_summary() {
        let (r, _) = go("First line\nsecond.[^1]\n\n~~old~~\n\n[^1]: note\n");
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote"));
        assert_eq!(r.summary, "First line second.");
    }
}
