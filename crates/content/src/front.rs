//! YAML front matter between `---` lines at the top of a content file.

use prongsai_config::parse_date;
use prongsai_config::yaml::{did_you_mean, top_level_keys, yaml_error};
use prongsai_model::{Date, Diagnostic, Location};
use serde::Deserialize;

const KNOWN_KEYS: [&str; 10] = [
    "title",
    "description",
    "date",
    "updated",
    "draft",
    "weight",
    "slug",
    "template",
    "ita",
    "extra",
];

#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<String>,
    /// When the page's text last changed, for pages that are not dated news (contact, about):
    /// the "last updated" line reads it before `date`.
    pub updated: Option<String>,
    pub draft: Option<bool>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    pub template: Option<String>,
    #[serde(default)]
    pub ita: Vec<String>,
}

pub(crate) struct Parsed<'a> {
    pub front: FrontMatter,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub body: &'a str,
    /// Lines before the body, so Markdown positions map back to file lines.
    pub body_line_offset: u32,
}

/// Splits and parses front matter. On an error the page is still returned (with defaults) so
/// its links and other problems are reported in the same build.
pub(crate) fn parse<'a>(text: &'a str, file: &str, diags: &mut Vec<Diagnostic>) -> Parsed<'a> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Parsed {
            front: FrontMatter::default(),
            date: None,
            updated: None,
            body: text,
            body_line_offset: 0,
        };
    };
    let mut offset = 0;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = close else {
        diags.push(
            Diagnostic::error(
                prongsai_model::codes::C111.code,
                "front matter ไม่มีบรรทัด --- ปิดท้าย — เพิ่มบรรทัด --- หลังคีย์สุดท้าย",
                "front matter is not closed; add a --- line after its last key",
            )
            .at(Location::line(file, 1)),
        );
        return Parsed {
            front: FrontMatter::default(),
            date: None,
            updated: None,
            body: "",
            body_line_offset: 0,
        };
    };
    let yaml = &after_open[..yaml_end];
    let body = &after_open[body_start..];
    let body_line_offset = count_lines(yaml) + 2;
    let front = if yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        match serde_saphyr::from_str::<Option<FrontMatter>>(yaml) {
            Ok(f) => f.unwrap_or_default(),
            Err(e) => {
                diags.push(yaml_error(
                    &e,
                    file,
                    1,
                    prongsai_model::codes::C110.code,
                    "front matter ",
                    "front matter",
                ));
                FrontMatter::default()
            }
        }
    };
    for (key, line, _) in top_level_keys(yaml) {
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        let hint = did_you_mean(&key, &KNOWN_KEYS);
        diags.push(
            Diagnostic::warning(
                prongsai_model::codes::C113.code,
                format!("ไม่รู้จักคีย์ \"{key}\" ใน front matter จึงไม่ได้ใช้ค่านี้{}", hint.0),
                format!("unknown front matter key \"{key}\" is ignored;{}", hint.1),
            )
            .at(Location::line(file, line + 1)),
        );
    }
    let date = date_key(&front.date, "date", yaml, file, diags);
    let updated = date_key(&front.updated, "updated", yaml, file, diags);
    Parsed {
        front,
        date,
        updated,
        body,
        body_line_offset,
    }
}

/// A date-valued key, or `C112` at its line when it does not parse.
fn date_key(
    value: &Option<String>,
    key: &str,
    yaml: &str,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let d = value.as_deref()?;
    let parsed = parse_date(d);
    if parsed.is_none() {
        let line = top_level_keys(yaml)
            .into_iter()
            .find(|(k, ..)| k == key)
            .map_or(1, |(_, l, _)| l + 1);
        diags.push(
            Diagnostic::error(
                prongsai_model::codes::C112.code,
                format!("วันที่ \"{d}\" ไม่ถูกต้อง — เขียนเป็น ปปปป-ดด-วว เช่น 2568-10-15 (พ.ศ.) หรือ 2025-10-15 (ค.ศ.)"),
                format!("invalid date \"{d}\"; write YYYY-MM-DD, e.g. 2568-10-15 (BE) or 2025-10-15 (CE)"),
            )
            .at(Location::line(file, line))
            .with_text(d),
        );
    }
    parsed
}

fn count_lines(s: &str) -> u32 {
    u32::try_from(s.lines().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let mut d = Vec::new();
        let p = parse(
            "---\ntitle: ก\nweight: 3\nita: [O1, O2]\n---\nbody\n",
            "content/a.md",
            &mut d,
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.front.title.as_deref(), Some("ก"));
        assert_eq!(p.front.weight, Some(3));
        assert_eq!(p.front.ita, vec!["O1", "O2"]);
        assert_eq!(p.body, "body\n");
        assert_eq!(p.body_line_offset, 5);
    }

    #[test]
    fn errors_carry_file_lines() {
        let mut d = Vec::new();
        parse(
            "---\ntitle: a\nweight: heavy\n---\n",
            "content/a.md",
            &mut d,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, "C110");
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(3));

        let mut d = Vec::new();
        parse(
            "---\ntitle: a\ndate: 2568-13-01\ndarft: true\n---\n",
            "content/a.md",
            &mut d,
        );
        let codes: Vec<_> = d
            .iter()
            .map(|x| (x.code.as_str(), x.location.as_ref().and_then(|l| l.line)))
            .collect();
        assert_eq!(codes, vec![("C113", Some(4)), ("C112", Some(3))]);

        let mut d = Vec::new();
        parse("---\ntitle: a\n", "content/a.md", &mut d);
        assert_eq!(d[0].code, "C111");
    }

    #[test]
    fn no_front_matter_is_fine() {
        let mut d = Vec::new();
        let p = parse("# hi\n", "content/a.md", &mut d);
        assert!(d.is_empty());
        assert_eq!(p.body, "# hi\n");
    }
}
