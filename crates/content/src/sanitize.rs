//! Raw HTML in Markdown and link addresses: the `markdown: { raw_html: … }` setting of
//! site.yaml (issue 10, see docs/security.md).
//!
//! The filter is an allowlist over pulldown-cmark's HTML fragments rather than an HTML parser:
//! every tag it lets through is re-written by us (lower-case name, allowed attributes only, each
//! value decoded, checked and re-escaped inside double quotes) and every other `<` becomes
//! `&lt;`. So the browser only ever sees markup we produced, whatever the author's HTML looked
//! like, and no parser differential between us and the browser can smuggle a tag through.

pub use prongsai_config::RawHtml;
use prongsai_text::{escape_html, is_safe_url};

/// Tags kept by [`RawHtml::Sanitize`]: text structure, tables, links and images.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// Elements removed together with everything inside them: script and style, embedded
/// documents, and foreign content (SVG, MathML) whose parsing rules differ from HTML's.
const DROP_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "frame", "frameset", "noscript", "noembed",
    "noframes", "template", "textarea", "title", "xmp", "svg", "math", "select", "applet",
];

/// The result of sanitising one HTML fragment.
pub(crate) struct Cleaned {
    pub html: String,
    /// What was taken out, for the author's warning (e.g. `<script>`, `onerror=`).
    pub removed: Vec<String>,
}

/// Keeps the allowed subset of an HTML fragment.
pub(crate) fn sanitize(fragment: &str) -> Cleaned {
    let mut out = String::with_capacity(fragment.len());
    let mut removed = Vec::new();
    let bytes = fragment.as_bytes();
    let mut i = 0;
    while i < fragment.len() {
        let Some(rel) = fragment[i..].find('<') else {
            push_text(&mut out, &fragment[i..]);
            break;
        };
        push_text(&mut out, &fragment[i..i + rel]);
        i += rel;
        let rest = &fragment[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            // Comments are dropped: they are invisible anyway and old browsers run conditionals.
            i += 4 + after.find("-->").map_or(after.len(), |p| p + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            removed.push(truncate(rest.split('>').next().unwrap_or(rest)));
            i += rest.find('>').map_or(rest.len(), |p| p + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        if !bytes
            .get(i + name_start)
            .is_some_and(|b| b.is_ascii_alphabetic())
        {
            out.push_str("&lt;");
            i += 1;
            continue;
        }
        let Some(tag) = parse_tag(&rest[name_start..]) else {
            // No closing `>`: the browser would read it as text too, so show it as text.
            out.push_str("&lt;");
            i += 1;
            continue;
        };
        let tag_end = i + name_start + tag.len;
        if closing {
            if TAGS.contains(&tag.name.as_str()) {
                out.push_str("</");
                out.push_str(&tag.name);
                out.push('>');
            } else {
                removed.push(format!("</{}>", tag.name));
            }
            i = tag_end;
            continue;
        }
        if DROP_WITH_CONTENT.contains(&tag.name.as_str()) {
            removed.push(format!("<{}>", tag.name));
            let lower = fragment[tag_end..].to_ascii_lowercase();
            i = match lower.find(&format!("</{}", tag.name)) {
                Some(p) => {
                    let close = tag_end + p;
                    fragment[close..]
                        .find('>')
                        .map_or(fragment.len(), |q| close + q + 1)
                }
                None => fragment.len(),
            };
            continue;
        }
        if !TAGS.contains(&tag.name.as_str()) {
            removed.push(format!("<{}>", tag.name));
            i = tag_end;
            continue;
        }
        out.push('<');
        out.push_str(&tag.name);
        let mut seen: Vec<&str> = Vec::new();
        for (name, value) in &tag.attrs {
            if seen.contains(&name.as_str()) {
                continue;
            }
            seen.push(name);
            let value = decode_entities(value);
            if allowed_attr(&tag.name, name, &value) {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                out.push_str(&escape_html(&value));
                out.push('"');
            } else {
                removed.push(truncate(&format!("{name}=\"{value}\"")));
            }
        }
        out.push('>');
        i = tag_end;
    }
    Cleaned { html: out, removed }
}

struct Tag {
    /// Lower-case.
    name: String,
    /// Lower-case names, raw (still entity-encoded) values.
    attrs: Vec<(String, String)>,
    /// Bytes from the name to just after the closing `>`.
    len: usize,
}

/// Parses `name attr=value …>` (the text after `<` or `</`) as the HTML tokenizer does.
fn parse_tag(s: &str) -> Option<Tag> {
    let b = s.as_bytes();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut i = 0;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = s[..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return None,
            Some(b'>') => {
                return Some(Tag {
                    name,
                    attrs,
                    len: i + 1,
                });
            }
            Some(_) => {}
        }
        let start = i;
        // A leading `=` belongs to the name, as in the HTML tokenizer.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr = s[start..i].to_ascii_lowercase();
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = s[i + 1..].find(char::from(q))?;
                    value = s[i + 1..i + 1 + close].to_owned();
                    i += close + 2;
                }
                Some(_) => {
                    let v = i;
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = s[v..i].to_owned();
                }
                None => return None,
            }
        }
        attrs.push((attr, value));
    }
}

fn allowed_attr(tag: &str, name: &str, value: &str) -> bool {
    let number =
        || !value.is_empty() && value.len() <= 4 && value.bytes().all(|c| c.is_ascii_digit());
    match (tag, name) {
        (_, "title" | "lang") => true,
        (_, "dir") => matches!(value, "ltr" | "rtl" | "auto"),
        ("a", "href") => is_safe_url(value, false),
        ("img", "src") => is_safe_url(value, true),
        ("img", "alt") => true,
        ("img", "width" | "height") => number(),
        ("th" | "td", "colspan" | "rowspan") => number(),
        ("th" | "td", "headers") => true,
        ("th", "abbr") => true,
        ("th", "scope") => matches!(value, "row" | "col" | "rowgroup" | "colgroup"),
        ("col" | "colgroup", "span") => number(),
        ("ol", "start") | ("li", "value") => number(),
        ("ol", "reversed") => value.is_empty(),
        ("ol", "type") => matches!(value, "1" | "a" | "A" | "i" | "I"),
        ("details", "open") => value.is_empty(),
        _ => false,
    }
}

/// Text between tags: `<` and `>` escaped, character references kept as written (the browser
/// decodes them into text, never into markup), any other `&` escaped.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(p) = rest.find(['<', '>', '&']) {
        out.push_str(&rest[..p]);
        let c = rest.as_bytes()[p];
        match c {
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            _ if is_char_ref(&rest[p..]) => out.push('&'),
            _ => out.push_str("&amp;"),
        }
        rest = &rest[p + 1..];
    }
    out.push_str(rest);
}

fn is_char_ref(s: &str) -> bool {
    let body = &s[1..];
    let Some(end) = body.find(';') else {
        return false;
    };
    let name = &body[..end];
    !name.is_empty()
        && name.len() <= 32
        && (name.bytes().all(|c| c.is_ascii_alphanumeric())
            || name.strip_prefix('#').is_some_and(|n| {
                let n = n.strip_prefix(['x', 'X']).unwrap_or(n);
                !n.is_empty() && n.bytes().all(|c| c.is_ascii_hexdigit())
            }))
}

/// Decodes numeric references and the named ones that spell URL syntax, so that what is checked
/// is what the browser will see; unknown named references stay as they are (and are escaped
/// again on output, so the browser sees them literally too).
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.map(|n| char::from_u32(n).unwrap_or('\u{FFFD}'))
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                "nbsp" => Some('\u{a0}'),
                "sol" => Some('/'),
                "num" => Some('#'),
                "quest" => Some('?'),
                "period" => Some('.'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let semi = usize::from(rest[end..].starts_with(';'));
                rest = &rest[end + semi..];
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

fn truncate(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        sanitize(s).html
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        assert_eq!(clean("<script>alert(1)</script>ok"), "ok");
        assert_eq!(clean("<SCRIPT src=x></SCRIPT >ok"), "ok");
        assert_eq!(clean("<img src=x onerror=alert(1)>"), "<img src=\"x\">");
        assert_eq!(
            clean("<p onclick=\"alert(1)\" style=\"color:red\">ก</p>"),
            "<p>ก</p>"
        );
        assert_eq!(clean("<iframe src=\"javascript:alert(1)\"></iframe>x"), "x");
        assert_eq!(clean("<svg onload=alert(1)><a>s</a></svg>y"), "y");
        assert_eq!(clean("<style>*{}</style><object data=x></object>z"), "z");
        assert_eq!(clean("<!-- <script>alert(1)</script> -->c"), "c");
        // An unclosed script hides nothing after it in this fragment, and runs nothing.
        assert_eq!(clean("<script>alert(1)"), "");
    }

    #[test]
    fn dangerous_urls_are_removed_however_written() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "\u{1}javascript:alert(1)",
        ] {
            let html = format!("<a href=\"{href}\">x</a>");
            assert_eq!(clean(&html), "<a>x</a>", "{href:?}");
        }
        assert_eq!(
            clean("<a href=\"https://x.go.th/a?b=1&amp;c=2\">x</a>"),
            "<a href=\"https://x.go.th/a?b=1&amp;c=2\">x</a>"
        );
        assert_eq!(
            clean("<a href=\"/p/#top\">x</a>"),
            "<a href=\"/p/#top\">x</a>"
        );
        assert_eq!(
            clean("<a href='mailto:a@x.go.th'>x</a>"),
            "<a href=\"mailto:a@x.go.th\">x</a>"
        );
        assert_eq!(clean("<img src=\"mailto:x\" alt=a>"), "<img alt=\"a\">");
    }

    #[test]
    fn markup_cannot_break_out_of_attributes_or_text() {
        assert_eq!(
            clean("<a title='\"><script>alert(1)</script>'>x</a>"),
            "<a title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">x</a>"
        );
        assert_eq!(
            clean("1 < 2 & 3 > 2 &amp; &#3585;"),
            "1 &lt; 2 &amp; 3 &gt; 2 &amp; &#3585;"
        );
        assert_eq!(
            clean("<a title=\"x>y\" href=/p>t</a>"),
            "<a title=\"x&gt;y\" href=\"/p\">t</a>"
        );
        assert_eq!(clean("<img src=\"x\" alt=\"a"), "&lt;img src=\"x\" alt=\"a");
        assert_eq!(clean("< p>"), "&lt; p&gt;");
        assert_eq!(clean("<custom-el x=1>t</custom-el>"), "t");
    }

    #[test]
    fn report_tables_keep_their_structure() {
        let html = "<table>\n<caption>ข้อ ๑</caption>\n<thead>\n<tr>\n<th scope=\"col\">ก</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<th scope=\"row\">ข</th>\n<td colspan=\"2\"><p>ค</p><ul><li>ง <a href=\"https://www.muangluang.go.th\">ลิงก์</a></li></ul></td>\n</tr>\n</tbody>\n</table>\n";
        let c = sanitize(html);
        assert_eq!(c.html, html);
        assert!(c.removed.is_empty());
    }

    #[test]
    fn removed_items_are_named() {
        let c = sanitize("<p onclick=x>a</p><script>b</script>");
        assert_eq!(c.removed, vec!["onclick=\"x\"", "<script>"]);
    }
}
