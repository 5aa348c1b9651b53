//! Helpers for every hand-written YAML file (site.yaml, front matter, criteria files): located
//! errors and top-level key scanning.

use prongsai_model::{Diagnostic, Location};

/// A YAML parse or type error as a diagnostic at file:line:col. `line_offset` is the number of
/// lines before the YAML text in its file (the opening `---` of front matter).
pub fn yaml_error(
    err: &serde_saphyr::Error,
    file: &str,
    line_offset: u32,
    code: &str,
    what_th: &str,
    what_en: &str,
) -> Diagnostic {
    let (line, column) = match err.location() {
        Some(loc) if loc.line() > 0 => (
            Some(
                u32::try_from(loc.line())
                    .unwrap_or(u32::MAX)
                    .saturating_add(line_offset),
            ),
            u32::try_from(loc.column()).ok().filter(|c| *c > 0),
        ),
        _ => (None, None),
    };
    // The crate's own message is English and names what it expected; keep its first line.
    let detail = err.to_string();
    let detail = strip_position(detail.lines().next().unwrap_or_default()).to_owned();
    Diagnostic::error(
        code,
        format!("{what_th}ไม่ถูกต้อง: {detail} — แก้ไขตามรูปแบบ YAML (คีย์: ค่า) ที่ตำแหน่งนี้"),
        format!("invalid {what_en}: {detail}; fix the YAML (key: value) at this position"),
    )
    .at(Location {
        file: file.to_owned(),
        line,
        column,
        column_name: None,
        sheet: None,
    })
}

/// A YAML error's place (file, line, column) and the first line of its message, for messages
/// that quote the parser's own words in a sentence of their own.
pub fn error_at(err: &serde_saphyr::Error, file: &str) -> (Location, String) {
    let mut loc = Location::file(file);
    if let Some(l) = err.location() {
        loc.line = u32::try_from(l.line()).ok().filter(|&n| n > 0);
        loc.column = loc
            .line
            .and(u32::try_from(l.column()).ok().filter(|&n| n > 0));
    }
    let first = err
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    (loc, first)
}

/// serde-saphyr prefixes "error: line N column M: " counted within the YAML text alone, which
/// misleads inside front matter; the diagnostic's own location is the file's position.
fn strip_position(detail: &str) -> &str {
    let d = detail.strip_prefix("error: ").unwrap_or(detail);
    match d
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((_, msg)) => msg,
        None => d,
    }
}

/// Keys written at the start of a line (top level), with their 1-based line and whether a value
/// follows on the same line. Used to warn about misspelt keys, which serde would silently drop.
pub fn top_level_keys(text: &str) -> Vec<(String, u32, bool)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if !(first.is_alphanumeric() || first == '_') {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim();
        if key.is_empty() || key.contains(' ') {
            continue;
        }
        let rest = line[colon + 1..].trim();
        let has_value = !rest.is_empty() && !rest.starts_with('#');
        out.push((
            key.to_owned(),
            u32::try_from(i + 1).unwrap_or(u32::MAX),
            has_value,
        ));
    }
    out
}

/// The closest known key, for "did you mean" hints on misspelt keys.
fn suggest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// The " did you mean …?" tail of an unknown-key warning, in Thai and English; empty when no
/// known key is near.
pub fn did_you_mean(key: &str, known: &[&str]) -> (String, String) {
    suggest(key, known)
        .map(|k| {
            (
                format!(" หรือหมายถึง \"{k}\"?"),
                format!(" did you mean \"{k}\"?"),
            )
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_top_level_keys() {
        let keys = top_level_keys("title: x\n  nested: y\nmenus:\n  - a\n# c\nchecks: # section\n");
        assert_eq!(
            keys,
            vec![
                ("title".to_owned(), 1, true),
                ("menus".to_owned(), 3, false),
                ("checks".to_owned(), 6, false)
            ]
        );
    }

    #[test]
    fn strips_yaml_relative_positions() {
        assert_eq!(
            strip_position("error: line 2 column 9: invalid i64"),
            "invalid i64"
        );
        assert_eq!(strip_position("invalid i64"), "invalid i64");
    }

    #[test]
    fn suggests_near_keys() {
        assert_eq!(suggest("titel", &["title", "theme"]), Some("title"));
        assert_eq!(suggest("zzzzzz", &["title"]), None);
    }
}
