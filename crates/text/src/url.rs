//! Link addresses: which are safe to publish, and percent-encoding of Thai paths and ids.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Schemes a link may use; anything else (`javascript:`, `data:`, `vbscript:`, …) is unsafe.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];
/// Schemes an image may load from.
const IMAGE_SCHEMES: &[&str] = &["http", "https"];

/// Whether `url` is safe as a link (`image == false`) or image source: relative, a fragment, or
/// one of the allowed schemes. Checked the way a browser reads it: tabs and line breaks inside
/// are ignored and leading spaces or control characters are stripped before the scheme.
pub fn is_safe_url(url: &str, image: bool) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    let head = &cleaned[..end];
    // An entity left undecoded before the first `/` could still spell a scheme to some reader.
    if head.contains('&') {
        return false;
    }
    let Some((scheme, _)) = head.split_once(':') else {
        return true;
    };
    let allowed = if image { IMAGE_SCHEMES } else { LINK_SCHEMES };
    allowed.iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

/// RFC 3986's unreserved characters and `/`: what a path or a fragment may hold raw.
const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');
/// A site path with its anchor: `#` stays the fragment delimiter.
const PATH: &AsciiSet = &FRAGMENT.remove(b'#');

/// Percent-encodes what a URL path may not hold raw (Thai letters in slugs), keeping `/` and
/// the `#` before an anchor.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// Percent-encodes text for a URL fragment: everything outside the unreserved set and `/`,
/// Thai letters as their UTF-8 bytes.
pub fn encode_fragment(text: &str) -> String {
    utf8_percent_encode(text, FRAGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_addresses_are_unsafe_however_written() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}java\tscript:alert(1)",
            "vbscript:x",
            "data:text/html,x",
            "javascript&colon;alert(1)",
        ] {
            assert!(!is_safe_url(url, false), "{url}");
        }
        for url in [
            "https://x.go.th",
            "/a/b",
            "#top",
            "?q=1&x=2",
            "mailto:a@b",
            "a/b:c",
        ] {
            assert!(is_safe_url(url, false), "{url}");
        }
        assert!(!is_safe_url("mailto:a@b", true));
        assert!(is_safe_url("HTTPS://x/i.png", true));
    }

    #[test]
    fn thai_is_percent_encoded_as_utf8() {
        assert_eq!(
            encode_path("/ข่าว/a b/#ส่วน"),
            "/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/a%20b/#%E0%B8%AA%E0%B9%88%E0%B8%A7%E0%B8%99"
        );
        assert_eq!(encode_fragment("ก/1#x~"), "%E0%B8%81/1%23x~");
        assert_eq!(encode_path("a-b.c_d~"), "a-b.c_d~");
    }
}
