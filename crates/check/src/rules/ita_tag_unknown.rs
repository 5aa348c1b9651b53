//! C209: an `ita:` tag (front matter, or `item:` in site.yaml `ita.evidence`) naming an item the
//! year's criteria file does not have. Item codes are renumbered every year (2568 O20 is
//! participation, 2569 O20 is No Gift), so a wrong tag would put a page under the wrong item on
//! the page the assessor copies from; it is an error, with the nearest item suggested.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo};
use crate::criteria::{Criteria, CriteriaItem};
use crate::text::{dice_sorted, normalise_title, sorted_bigrams};
use prongsai_model::{Diagnostic, Location};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C209,
    class: RuleClass::Consistency,
    doc: "A content page answers ITA items by naming them in its front matter, `ita: [\"2569:O20\"]` (year:code; a \
bare `O20` means every assessment year), and site.yaml `ita.evidence` entries name theirs with `item:`. Codes change \
every year, so a tag whose year has no criteria file, or whose code is not in that year's file (for a bare code: in \
no year's file), is an error at the file and line. The message suggests the nearest item, by code number (a typed \
zero for the letter O counts) or by title, and the line to write.",
};

/// One tag and where it was written.
struct Tag<'a> {
    text: &'a str,
    at: Location,
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let mut tags: Vec<Tag<'_>> = Vec::new();
    for p in ctx.pages {
        for (i, t) in p.ita.iter().enumerate() {
            let mut at = Location::file(&p.source);
            at.line = p.ita_lines.get(i).copied();
            tags.push(Tag { text: t, at });
        }
    }
    for e in &ctx.opts.ita_evidence {
        let mut at = Location::file(prongsai_config::SITE_FILE);
        at.line = e.item_line;
        tags.push(Tag { text: &e.item, at });
    }
    for t in tags {
        if let Some(d) = check_tag(ctx.criteria, t.text) {
            out.push(d.at(t.at).with_text(t.text));
        }
    }
}

/// The problem with one tag, if any.
fn check_tag(criteria: &[Criteria], tag: &str) -> Option<Diagnostic> {
    let tag = tag.trim();
    let years: Vec<String> = criteria
        .iter()
        .map(|c| c.assessment_year.to_string())
        .collect();
    match tag.split_once(':') {
        Some((y, code)) => {
            let code = code.trim();
            let Some(c) = y
                .trim()
                .parse::<i32>()
                .ok()
                .and_then(|y| criteria.iter().find(|c| c.assessment_year == y))
            else {
                return Some(INFO.diag(
                    format!(
                        "ป้าย ita \"{tag}\" ไม่มีเกณฑ์ ITA ของปี \"{}\" (มีปี {}) เขียนเป็น ปี:รหัสข้อ เช่น \"{}:O1\"",
                        y.trim(),
                        years.join(", "),
                        years.last().map_or("2569", String::as_str)
                    ),
                    format!(
                        "ita tag \"{tag}\": no ITA criteria for year \"{}\" (covered: {}); write year:code, e.g. \"{}:O1\"",
                        y.trim(),
                        years.join(", "),
                        years.last().map_or("2569", String::as_str)
                    ),
                ));
            };
            if c.items.iter().any(|i| i.code.eq_ignore_ascii_case(code)) {
                return None;
            }
            Some(unknown(c, tag, code, true))
        }
        None => {
            if criteria
                .iter()
                .any(|c| c.items.iter().any(|i| i.code.eq_ignore_ascii_case(tag)))
            {
                return None;
            }
            let newest = criteria.last()?;
            Some(unknown(newest, tag, tag, false))
        }
    }
}

fn unknown(c: &Criteria, tag: &str, code: &str, qualified: bool) -> Diagnostic {
    let year = c.assessment_year;
    let (hint_th, hint_en) = match nearest(c, code) {
        Some(i) => (
            format!(
                " หรือหมายถึงข้อ {} \"{}\"? แก้เป็น ita: [\"{year}:{}\"]",
                i.code, i.title_th, i.code
            ),
            format!(
                "; did you mean {} \"{}\"? Write ita: [\"{year}:{}\"]",
                i.code, i.title_th, i.code
            ),
        ),
        None => (String::new(), String::new()),
    };
    let scope_th = if qualified {
        format!("ไม่มีข้อนี้ในเกณฑ์ ITA ปี {year} ({})", c.file)
    } else {
        "ไม่มีข้อนี้ในเกณฑ์ ITA ปีใดเลย".to_owned()
    };
    let scope_en = if qualified {
        format!("the ITA {year} criteria ({}) have no such item", c.file)
    } else {
        "no year's ITA criteria have such an item".to_owned()
    };
    INFO.diag(
        format!("ป้าย ita \"{tag}\": {scope_th}{hint_th}"),
        format!("ita tag \"{tag}\": {scope_en}{hint_en}"),
    )
}

/// The item a mistyped tag most likely meant: the same number when a zero was typed for the
/// letter O, else the nearest number, else (for a tag that is not a code) the most similar title.
fn nearest<'a>(c: &'a Criteria, text: &str) -> Option<&'a CriteriaItem> {
    let squashed: String = text.chars().filter(|ch| !ch.is_whitespace()).collect();
    let number = squashed
        .strip_prefix(['O', 'o', '0'])
        .and_then(|n| n.parse::<u32>().ok());
    let item_number = |i: &CriteriaItem| {
        i.code
            .strip_prefix(['O', 'o'])
            .and_then(|n| n.parse::<u32>().ok())
    };
    if let Some(n) = number {
        return c
            .items
            .iter()
            .filter_map(|i| item_number(i).map(|m| (m.abs_diff(n), i)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, i)| i);
    }
    // How much of what was typed appears in the title (titles are long, tags short): the
    // bigrams shared, over the typed text's bigrams, recovered from Dice.
    let want = sorted_bigrams(&normalise_title(text));
    if want.is_empty() {
        return None;
    }
    c.items
        .iter()
        .map(|i| {
            let have = sorted_bigrams(&normalise_title(&i.title_th));
            let dice = dice_sorted(&want, &have);
            let shared = dice * (want.len() + have.len()) as f64 / 2.0;
            (shared / want.len() as f64, i)
        })
        .filter(|(s, _)| *s >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::{load_criteria, select_criteria};

    fn criteria() -> Vec<Criteria> {
        let (all, _) = load_criteria(None);
        select_criteria(&all, None).0
    }

    #[test]
    fn known_tags_pass() {
        let c = criteria();
        for t in ["2569:O20", " 2569 : o1 ", "O26", "2568:O15", "2567:O19"] {
            assert!(check_tag(&c, t).is_none(), "{t}");
        }
    }

    #[test]
    fn unknown_code_suggests_nearest_by_number_or_title() {
        let c = criteria();
        let d = check_tag(&c, "2569:O2").expect("O2 is not a 2569 item");
        assert_eq!(d.code, "C209");
        assert!(d.message_en.contains("did you mean O1"), "{}", d.message_en);
        assert!(
            d.message_th.contains("ita: [\"2569:O1\"]"),
            "{}",
            d.message_th
        );
        let d = check_tag(&c, "2569:020").expect("zero for O");
        assert!(
            d.message_en.contains("did you mean O20"),
            "{}",
            d.message_en
        );
        let d = check_tag(&c, "2569:No Gift Policy").expect("a title");
        assert!(
            d.message_en.contains("did you mean O20"),
            "{}",
            d.message_en
        );
        let d = check_tag(&c, "2569:ข้อมูลการติดต่อ").expect("a Thai title");
        assert!(d.message_en.contains("did you mean O3"), "{}", d.message_en);
        let d = check_tag(&c, "O99").expect("in no year");
        assert!(d.message_en.contains("no year's"), "{}", d.message_en);
        assert!(
            d.message_en.contains("did you mean O26"),
            "{}",
            d.message_en
        );
    }

    #[test]
    fn a_year_without_criteria_is_an_error_naming_the_years() {
        let c = criteria();
        let d = check_tag(&c, "2570:O1").expect("no 2570 file");
        assert!(
            d.message_en.contains("2567, 2568, 2569"),
            "{}",
            d.message_en
        );
        assert!(check_tag(&c, "ปี2569:O1").is_some());
    }
}
