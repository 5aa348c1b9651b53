//! `annual.md` to an [`AnnualReport`]: YAML front matter, then the Markdown body and its headings.

use crate::diag;
use crate::yaml;
use prongsai_model::{AnnualReport, Diagnostic, Location};

const KEYS: [&str; 2] = ["approved_by", "approved_on"];

pub(crate) fn parse(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> AnnualReport {
    let mut report = AnnualReport {
        path: path.to_owned(),
        body_line: 1,
        ..AnnualReport::default()
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_fence = |l: &str| l.trim_end() == "---";
    let (body_start, front) = if lines.first().is_some_and(|l| is_fence(l)) {
        match lines
            .iter()
            .skip(1)
            .position(|l| is_fence(l) || l.trim_end() == "...")
        {
            Some(i) => (i + 2, Some(lines[1..=i].concat())),
            None => {
                diags.push(
                    Diagnostic::error(
                        diag::FRONT_MATTER,
                        "ส่วนหัว (front matter) เปิดด้วย --- แต่ไม่มี --- ปิด: เพิ่มบรรทัด --- หลัง approved_on",
                        "the front matter opens with --- but never closes: add a --- line after approved_on",
                    )
                    .at(Location::line(path, 1))
                    .with_text("---"),
                );
                (lines.len(), None)
            }
        }
    } else {
        (0, None)
    };
    if let Some(front) = front.filter(|f| !f.trim().is_empty())
        && let Some(map) = yaml::parse_map_at(path, &front, 1, diags)
    {
        {
            for (key, value) in &map {
                match key.as_str() {
                    "approved_by" => report.approved_by = yaml::text(path, key, value, diags),
                    "approved_on" => report.approved_on = yaml::date(path, key, value, diags),
                    _ => diags.push(yaml::unknown_key(path, key, value, &KEYS)),
                }
            }
        }
    }
    report.body_line = body_start as u32 + 1;
    report.body = lines
        .get(body_start..)
        .map(<[&str]>::concat)
        .unwrap_or_default();
    report.headings = headings(&report.body, report.body_line);
    unsafe_links(path, &report.body, report.body_line, diags);
    report
}

/// ATX headings outside fenced code, with their file lines.
/// The report is published as HTML: a link or image whose address could run code in the
/// reader's browser (`javascript:`, `data:`, `vbscript:`, …) is an error at its line.
fn unsafe_links(path: &str, body: &str, first_line: u32, diags: &mut Vec<Diagnostic>) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        if is_safe_link(&dest_url) {
            continue;
        }
        let line = first_line + body[..range.start].matches('\n').count() as u32;
        diags.push(
            Diagnostic::error(
                diag::BAD_URL,
                format!("ลิงก์ \"{dest_url}\" ใช้ที่อยู่ที่อาจรันโค้ดในเบราว์เซอร์ของผู้อ่าน: ใช้ที่อยู่ที่ขึ้นต้นด้วย https://, http://, mailto: หรือ tel:"),
                format!("link \"{dest_url}\" uses an address that could run code in the reader's browser: use one starting with https://, http://, mailto: or tel:"),
            )
            .at(Location::line(path, line))
            .with_text(dest_url.as_ref()),
        );
    }
}

/// Relative, a fragment, or http/https/mailto/tel, read as a browser does (tabs and line breaks
/// ignored, leading spaces and control characters stripped).
fn is_safe_link(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    let head = &cleaned[..cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len())];
    match head.split_once(':') {
        None => true,
        Some((scheme, _)) => ["http", "https", "mailto", "tel"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme)),
    }
}

fn headings(body: &str, first_line: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for (i, line) in body.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if indent <= 3 {
            for marker in ["```", "~~~"] {
                if t.starts_with(marker) {
                    fence = match fence {
                        Some(m) if m == marker => None,
                        None => Some(marker),
                        other => other,
                    };
                }
            }
        }
        if fence.is_some() || indent > 3 {
            continue;
        }
        let level = t.chars().take_while(|c| *c == '#').count();
        let rest = &t[level..];
        if (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
            let title = rest.trim().trim_end_matches('#').trim();
            out.push((first_line + i as u32, title.to_owned()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_links_are_errors_at_their_line() {
        let mut d = Vec::new();
        parse(
            "y/annual.md",
            "---\napproved_on: 2568-10-20\n---\n## ก\n\n[ok](https://x.go.th) [x](JavaScript:alert(1))\n\n![i](data:text/html,x)\n",
            &mut d,
        );
        let got: Vec<_> = d
            .iter()
            .map(|x| (x.code.as_str(), x.location.as_ref().and_then(|l| l.line)))
            .collect();
        assert_eq!(
            got,
            vec![(diag::BAD_URL, Some(6)), (diag::BAD_URL, Some(8))]
        );
    }

    #[test]
    fn front_matter_and_headings() {
        let text = "---\napproved_by: นายก อบต.\napproved_on: 15 ต.ค. 2568\n---\n\n## ผลการวิเคราะห์\ntext\n```\n# not\n```\n## ปัญหาและอุปสรรค ##\n";
        let mut d = Vec::new();
        let r = parse("a.md", text, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(r.approved_by.as_deref(), Some("นายก อบต."));
        assert_eq!(
            r.approved_on.map(|x| x.iso()),
            Some("2025-10-15".to_owned())
        );
        assert_eq!(r.body_line, 5);
        assert_eq!(
            r.headings,
            vec![
                (6, "ผลการวิเคราะห์".to_owned()),
                (11, "ปัญหาและอุปสรรค".to_owned())
            ]
        );
    }

    #[test]
    fn bad_date_points_at_its_line() {
        let mut d = Vec::new();
        parse(
            "a.md",
            "---\napproved_by: x\napproved_on: 15/10/2025\n---\n",
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, diag::BAD_DATE);
        assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(3));
        let mut d = Vec::new();
        let r = parse("a.md", "---\napproved_by: x\n# body\n", &mut d);
        assert_eq!(d[0].code, diag::FRONT_MATTER);
        assert!(r.body.is_empty());
    }
}
