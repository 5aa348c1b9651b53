//! Line breaking for table cells.
//!
//! Thai is written without spaces between words; spaces separate phrases. Without a dictionary
//! we break at a space when one leaves the line reasonably full, otherwise between grapheme
//! clusters, and never inside one: a base consonant keeps its above/below vowels and tone marks
//! (U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E). A few cheap orthographic rules avoid the ugliest
//! breaks: a leading vowel (เ แ โ ใ ไ) stays with the consonant after it, and ะ า ำ ๅ ๆ ฯ never
//! start a line. Breaks that surely fall between syllables (before a leading vowel, after ะ ำ ์
//! ๆ ฯ) are preferred to other cluster breaks, and a zero-width space (U+200B) marks a preferred
//! break explicitly (used in the form's own headers; removed from the drawn text). Runs of Latin letters and digits (amounts, contract numbers) break only at
//! spaces unless a run is wider than the whole cell.

use super::font::Font;
use prongsai_text::is_thai;

/// Thai combining marks: they belong to the cluster of the consonant before them.
pub(crate) fn is_thai_combining(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

fn is_combining(c: char) -> bool {
    is_thai_combining(c) || matches!(c, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}')
}

const ZWSP: char = '\u{200B}';

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Break {
    /// After a space: the natural break.
    Space,
    /// Between two Thai syllables for sure.
    Syllable,
    /// Between two Thai grapheme clusters.
    Cluster,
    /// Nowhere better: only when a single run does not fit the line.
    Never,
}

#[derive(Debug)]
struct Unit {
    start: usize,
    end: usize,
    first: char,
    last: char,
    width: i32,
}

fn units(text: &str) -> Vec<Unit> {
    // Thai characters are 3 bytes in UTF-8, and most units are one character.
    let mut out: Vec<Unit> = Vec::with_capacity(text.len() / 3 + 1);
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some(u) if is_combining(c) => {
                u.end = end;
                u.last = c;
            }
            _ => out.push(Unit {
                start: i,
                end,
                first: c,
                last: c,
                width: 0,
            }),
        }
    }
    out
}

/// The kind of break allowed between `prev` and `cur`; `next` is the unit after `cur`, if any.
fn break_before(prev: &Unit, cur: &Unit, next: Option<&Unit>) -> Break {
    let (a, b) = (prev.last, cur.first);
    // A lone Thai consonant before a space or the end is a word's final consonant (ครบถ้ว|น).
    let lone_final = is_thai(b)
        && cur.start + b.len_utf8() == cur.end
        && next.is_none_or(|n| n.first.is_whitespace() || n.first == ZWSP);
    if b.is_whitespace() || b == ZWSP || lone_final {
        Break::Never
    } else if a.is_whitespace() || a == ZWSP {
        Break::Space
    } else if matches!(a, '\u{0E40}'..='\u{0E44}' | '(' | '[' | '"' | '“')
        || matches!(
            b,
            '\u{0E30}'
                | '\u{0E32}'
                | '\u{0E33}'
                | '\u{0E45}'
                | '\u{0E46}'
                | '\u{0E2F}'
                | ')'
                | ']'
                | ','
                | '.'
                | ':'
                | ';'
                | '"'
                | '”'
        )
    {
        Break::Never
    } else if matches!(b, '\u{0E40}'..='\u{0E44}')
        || matches!(
            a,
            '\u{0E30}' | '\u{0E33}' | '\u{0E4C}' | '\u{0E46}' | '\u{0E2F}'
        )
    {
        Break::Syllable
    } else if is_thai(prev.first) || is_thai(cur.first) {
        Break::Cluster
    } else {
        Break::Never
    }
}

/// Breaks `text` into lines no wider than `max_width` points at `size`. `\n` starts a new line.
pub(crate) fn break_lines(
    font: &mut Font<'_>,
    text: &str,
    size: f32,
    max_width: f32,
) -> Vec<String> {
    let max = (max_width * font.units_per_em / size) as i32;
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = para.trim_end_matches('\r');
        if para.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        break_paragraph(font, para, max, &mut lines);
    }
    lines
}

fn break_paragraph(font: &mut Font<'_>, para: &str, max: i32, lines: &mut Vec<String>) {
    let mut us = units(para);
    // Attribute each shaped cluster's advance to the unit it starts in.
    for (start, width) in font.cluster_advances(para) {
        let idx = us.partition_point(|u| u.start <= start).saturating_sub(1);
        if let Some(u) = us.get_mut(idx) {
            u.width += width;
        }
    }
    let n = us.len();
    let mut line_start = 0;
    while line_start < n && us[line_start].first.is_whitespace() {
        line_start += 1;
    }
    while line_start < n {
        let mut width = 0;
        // Best break positions seen on this line: (unit index, width of the line before it).
        let mut last_space: Option<(usize, i32)> = None;
        let mut last_syllable: Option<(usize, i32)> = None;
        let mut last_cluster: Option<(usize, i32)> = None;
        let mut i = line_start;
        let mut brk = n;
        while i < n {
            if i > line_start {
                match break_before(&us[i - 1], &us[i], us.get(i + 1)) {
                    Break::Space => last_space = Some((i, width)),
                    Break::Syllable => last_syllable = Some((i, width)),
                    Break::Cluster => last_cluster = Some((i, width)),
                    Break::Never => {}
                }
            }
            if i > line_start && width + us[i].width > max && !us[i].first.is_whitespace() {
                brk = choose_break(max, i, last_space, last_syllable, last_cluster);
                break;
            }
            width += us[i].width;
            i += 1;
        }
        let end = if brk >= n { para.len() } else { us[brk].start };
        let start = us[line_start].start;
        let line = para[start..end].trim_end();
        if line.contains(ZWSP) {
            lines.push(line.replace(ZWSP, ""));
        } else {
            font.reuse_for_line(para, start, start + line.len());
            lines.push(line.to_owned());
        }
        line_start = brk;
        while line_start < n
            && (us[line_start].first.is_whitespace() || us[line_start].first == ZWSP)
        {
            line_start += 1;
        }
    }
}

/// Where to end a line that overflows before unit `overflow`. Each candidate is (unit index,
/// width of the line before it). A better kind of break wins when it leaves the line reasonably
/// full; otherwise the latest break of any kind keeps lines from going ragged.
fn choose_break(
    max: i32,
    overflow: usize,
    space: Option<(usize, i32)>,
    syllable: Option<(usize, i32)>,
    cluster: Option<(usize, i32)>,
) -> usize {
    let full_enough = |c: Option<(usize, i32)>, percent: i32| {
        c.filter(|&(_, w)| w * 100 >= max * percent).map(|(i, _)| i)
    };
    full_enough(space, 30)
        .or_else(|| full_enough(syllable, 30))
        .or_else(|| full_enough(cluster, 0))
        .or_else(|| full_enough(syllable, 0))
        .or_else(|| full_enough(space, 0))
        .unwrap_or(overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::font::{Font, SARABUN_REGULAR};

    fn font() -> Font<'static> {
        Font::new(SARABUN_REGULAR, "Sarabun-Regular").expect("embedded font parses")
    }

    #[test]
    fn never_splits_a_cluster_or_drops_text() {
        let mut f = font();
        let text = "จ้างเหมาซ่อมแซมถนนคอนกรีตเสริมเหล็กสายบ้านหนองไผ่ที่ทำการองค์การบริหารส่วนตำบล";
        for width in [20.0, 35.0, 60.0, 100.0] {
            let lines = break_lines(&mut f, text, 10.0, width);
            assert!(lines.len() > 1);
            assert_eq!(lines.concat(), text, "width {width}");
            for l in &lines {
                let first = l.chars().next().expect("no empty line");
                assert!(!is_thai_combining(first), "line starts with a mark: {l}");
                assert!(
                    !matches!(first, 'ะ' | 'า' | 'ำ'),
                    "line starts with {first}: {l}"
                );
                assert!(
                    !matches!(l.chars().last(), Some('\u{0E40}'..='\u{0E44}')),
                    "line ends with a leading vowel: {l}"
                );
            }
        }
    }

    #[test]
    fn prefers_spaces_and_keeps_numbers_whole() {
        let mut f = font();
        let lines = break_lines(&mut f, "ร้านเอ ราคาที่เสนอ 1,234,567.00 บาท", 10.0, 80.0);
        assert!(
            lines.iter().any(|l| l.contains("1,234,567.00")),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| l == l.trim()), "{lines:?}");
    }

    #[test]
    fn newlines_start_new_lines() {
        let mut f = font();
        assert_eq!(break_lines(&mut f, "ก\nข", 10.0, 500.0), vec!["ก", "ข"]);
    }
}
