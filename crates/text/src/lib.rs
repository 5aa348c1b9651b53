//! Text every stage shares, each with one owner: the Markdown dialects and the report renderer
//! ([`markdown`]), HTML escaping ([`escape_html`]), which link addresses are safe ([`url`]), and
//! the fixed hashes whose values are part of the output ([`hash`]), and Thai text repaired after
//! PDF and Word ([`thai`]).
//!
//! A leaf crate: it knows nothing of the domain, so the model, the loaders and the renderers can
//! all depend on it.

pub mod hash;
pub mod markdown;
pub mod thai;
pub mod url;

pub use hash::{Fnv1a64, fnv1a32, fnv1a64};
pub use thai::{match_key, repair_marks};
pub use url::is_safe_url;

/// Escapes text for HTML (and XML, SVG) element content and double-quoted attribute values:
/// `& < > " '`. The routine pulldown-cmark itself uses, so there is one escaper in the tree.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The character references [`escape_html`], tera and the Markdown renderer write (`&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&#x2F;`) back to text, for reading back a page
/// the build made. Anything else stays as written. Not for untrusted HTML: the content
/// sanitizer has its own decoder, which also knows the references that spell URL syntax.
pub fn unescape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|e| *e <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whitespace Excel and Thai keyboards put around values: ordinary spaces, NBSP, zero-width space
/// (common in Thai text copied from the web) and the BOM.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{200B}' | '\u{FEFF}')
}

/// The Thai block, U+0E00…U+0E7F: consonants, vowels, tone marks, digits and signs, none of them
/// with a case. The text passes (search, names, slugs, PDF line breaking) test it before Unicode's
/// general tables, which are slow for it.
#[inline]
pub fn is_thai(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0E7F}')
}

/// Text without the blanks of [`is_blank_char`] around it.
pub fn trim_blank(s: &str) -> &str {
    s.trim_matches(is_blank_char)
}

/// Text of an HTML fragment, for indexing only (entities are left as they are): each tag, and
/// each stray `>`, becomes a space. Copies the text between tags whole rather than a char at a
/// time, which was 3 % of a 10,000-page build.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(i) = rest.find(['<', '>']) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let close = if after.starts_with('<') {
            match after.find('>') {
                Some(j) => j,
                // An unclosed tag runs to the end.
                None => return out,
            }
        } else {
            0
        };
        out.push(' ');
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// 1-based line numbers of byte offsets into a text, for diagnostics that point at a line.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        }
    }

    /// The line (from 1) holding the byte at `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        let idx = self.starts.partition_point(|s| *s <= offset);
        u32::try_from(idx).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-at-a-time definition `strip_tags` replaced.
    fn strip_tags_by_char(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn strips_tags_as_the_char_loop_did() {
        for html in [
            "",
            "ถนน",
            "<p>ถนน</p>",
            "a > b < c",
            "x<y<z>w>v",
            "<a href=\"/x\">ลิงก์</a> &amp; <b>หนา",
            "tail <unclosed",
            ">><<>>",
            "<><>ก<>",
        ] {
            assert_eq!(strip_tags(html), strip_tags_by_char(html), "{html:?}");
        }
    }

    #[test]
    fn strips_tags_keeping_text_apart() {
        assert_eq!(
            strip_tags("<p>ถนน</p><p>คอนกรีต</p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["ถนน", "คอนกรีต"]
        );
    }

    #[test]
    fn unescape_reverses_escape() {
        let text = "R&D <2569> \"ก\" 'x' / &bogus; &";
        assert_eq!(unescape_html(&escape_html(text)), text);
        assert_eq!(
            unescape_html("&#x2F;&#47;&#X41;&bogus;&amp"),
            "//A&bogus;&amp"
        );
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html("<a href=\"x\">'ก' & ข</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;ก&#39; &amp; ข&lt;/a&gt;"
        );
    }

    #[test]
    fn blanks_from_the_web_and_excel_are_trimmed() {
        assert_eq!(
            trim_blank("\u{FEFF}\u{200B} ก\u{00A0}ข\u{00A0}\t"),
            "ก\u{00A0}ข"
        );
    }

    #[test]
    fn lines_count_from_one() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(1), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
    }
}
