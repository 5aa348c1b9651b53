//! The Markdown dialects and what every stage reads from Markdown: one parser configuration per
//! kind of document, the annual report's HTML, its headings and its unsafe link addresses.
//!
//! The page renderer (crates/content) builds on [`parse`] with its own event rewriting (heading
//! ids, `@/` links, the raw-HTML policy); the annual report's page, its PDF/Word forms and its
//! checks all read annual.md through the [`Dialect::Report`] parser here, so they agree on what
//! is a heading, a link or a table.

pub use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd, html};
use pulldown_cmark::{Options, Parser};

/// Which Markdown extensions a document gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// content/ pages: tables, footnotes, strikethrough and `{#id}` heading attributes.
    Page,
    /// annual.md, the legal annual report: tables and strikethrough only.
    Report,
}

impl Dialect {
    fn options(self) -> Options {
        match self {
            Dialect::Page => {
                Options::ENABLE_TABLES
                    | Options::ENABLE_FOOTNOTES
                    | Options::ENABLE_STRIKETHROUGH
                    | Options::ENABLE_HEADING_ATTRIBUTES
            }
            Dialect::Report => Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
        }
    }
}

/// The events of a document (`.into_offset_iter()` adds their byte ranges).
pub fn parse(body: &str, dialect: Dialect) -> Parser<'_> {
    Parser::new_ext(body, dialect.options())
}

/// The annual report's narrative as HTML for its page. Raw HTML is shown as text, not run: the
/// page is a legal disclosure and must not carry markup from a CSV-era workflow. Headings go
/// one level down, because the page's own h1 is the report title.
pub fn report_html(body: &str) -> String {
    let parser = parse(body, Dialect::Report).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        other => other,
    });
    let mut out = String::with_capacity(body.len() * 2);
    html::push_html(&mut out, parser);
    out.replace("<h2>", "<h3>")
        .replace("</h2>", "</h3>")
        .replace("<h1>", "<h2>")
        .replace("</h1>", "</h2>")
}

/// A heading of a document: where it starts, its level (1–6) and its plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub offset: usize,
    pub level: u8,
    pub text: String,
}

/// The headings of a document, in order (none from inside code blocks or raw HTML).
pub fn headings(body: &str, dialect: Dialect) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut open: Option<Heading> = None;
    for (event, range) in parse(body, dialect).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                open = Some(Heading {
                    offset: range.start,
                    level: heading_level(level),
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = open.as_mut() {
                    h.text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = open.take() {
                    h.text = h.text.trim().to_owned();
                    out.push(h);
                }
            }
            _ => {}
        }
    }
    out
}

/// Links and images whose address could run code in the reader's browser (see
/// [`crate::is_safe_url`]): the byte offset of each and its address.
pub fn unsafe_addresses(body: &str, dialect: Dialect) -> Vec<(usize, String)> {
    parse(body, dialect)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) if !crate::is_safe_url(&dest_url, false) => {
                Some((range.start, dest_url.into_string()))
            }
            Event::Start(Tag::Image { dest_url, .. }) if !crate::is_safe_url(&dest_url, true) => {
                Some((range.start, dest_url.into_string()))
            }
            _ => None,
        })
        .collect()
}

pub fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Turns text into a URL segment or id that stays readable in Thai: Thai letters, vowels and
/// tone marks (which are combining marks, not "alphanumeric") are kept as they are.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        // The Thai block first: for it `is_alphanumeric` takes Unicode's slow table lookup.
        let keep = crate::is_thai(c) || c == '_' || c.is_alphanumeric();
        if keep {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_slugs() {
        assert_eq!(slugify("รายงานและมาตรการ"), "รายงานและมาตรการ");
        assert_eq!(slugify("ข้อมูล ITA ปี 2569!"), "ข้อมูล-ita-ปี-2569");
        assert_eq!(slugify("  Hello, World  "), "hello-world");
        assert_eq!(slugify("น้ำ"), "น้ำ");
    }

    #[test]
    fn report_html_escapes_raw_html_and_demotes_headings() {
        assert_eq!(
            report_html("# ก\n\n## ข\n\n<b onclick=x>ค</b> ~~ง~~\n"),
            "<h2>ก</h2>\n<h3>ข</h3>\n<p>&lt;b onclick=x&gt;ค&lt;/b&gt; <del>ง</del></p>\n"
        );
    }

    #[test]
    fn headings_skip_code_and_keep_their_text() {
        let body = "## ผล\ntext\n```\n# not\n```\n## ปัญหา `x` ##\n\nSetext\n---\n";
        let got: Vec<_> = headings(body, Dialect::Report)
            .into_iter()
            .map(|h| (h.offset, h.level, h.text))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 2, "ผล".to_owned()),
                (body.find("## ป").unwrap(), 2, "ปัญหา x".to_owned()),
                (body.find("Setext").unwrap(), 2, "Setext".to_owned()),
            ]
        );
    }

    #[test]
    fn unsafe_addresses_are_found_with_their_offsets() {
        let body = "[ok](https://x) [x](JavaScript:alert(1))\n\n![i](mailto:a@b)\n";
        assert_eq!(
            unsafe_addresses(body, Dialect::Report),
            vec![
                (16, "JavaScript:alert(1)".to_owned()),
                (42, "mailto:a@b".to_owned())
            ]
        );
    }
}
