//! How text becomes the words the index keys, and where a word may start.
//!
//! Text splits into runs of one class: Thai letters, digits (Thai digits read as Arabic), other
//! letters and digits of any script (lower-cased); anything else separates runs. A `,` or `-`
//! between two digits joins them (`233,560.00` is `233560` and `00`, a TIN `0-3339-90001-13-0`
//! is one number), as a reader types a number with or without its separators.
//!
//! A Thai run has no spaces between its words, so it is segmented with a dictionary: `nlpo3`'s
//! newmm tokenizer (maximal matching within Thai character clusters, PyThaiNLP's default) over
//! PyThaiNLP's word list (`dict/`). A dictionary word made of two or more dictionary words of at
//! least three letters (`คอนกรีตเสริมเหล็ก`, `ห้างหุ้นส่วนจำกัด`) also lets a search start at each
//! inner word, so `เสริมเหล็ก` and `จำกัด` find it, while `นม` still does not start inside
//! `เดือนมีนาคม` (`มีนาคม` splits only into words of two letters).
//!
//! The same runs, without the dictionary, are what `assets/search.js` makes of a query (tested
//! against each other): a query's Thai run is looked up as typed, as a prefix of an indexed word
//! or as indexed words one after another.

use nlpo3::tokenizer::newmm::NewmmTokenizer;
use nlpo3::tokenizer::tokenizer_trait::Tokenizer;
use prongsai_text::fnv1a32;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// Marks a word boundary inside Thai text in the stored titles and meta lines: the zero-width
/// space, which is also what Thai typesetting uses to mark a break. The reader splits on it and
/// removes it for display.
pub const MARK: char = '\u{200B}';

/// PyThaiNLP's word list (see `dict/README.md`).
const WORDS_TH: &str = include_str!("../dict/words_th.txt");

/// An inner word of a compound must be at least this long (in chars): long enough that
/// `คอนกรีต|เสริม|เหล็ก` splits and `มี|นา|คม` does not.
const MIN_PART: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Thai,
    Digit,
    Other,
}

/// Thai letters, vowels and tone marks; not the Thai digits (read as digits), `฿`, `๏`, `๚`, `๛`.
fn is_thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}')
}

fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0E50}'..='\u{0E59}' => char::from_u32(c as u32 - 0x0E50 + u32::from(b'0')),
        _ => None,
    }
}

/// One run of a text: its class, its normalised form, and for Thai the byte range it came from
/// (a Thai run is copied unchanged, so `norm == &text[raw]`).
pub struct Run<'a> {
    pub class: Class,
    pub norm: &'a str,
    pub raw: Range<usize>,
}

/// Calls `f` with each run of `text`, in order.
pub fn runs(text: &str, mut f: impl FnMut(Run<'_>)) {
    let mut buf = String::new();
    let mut class: Option<Class> = None;
    let mut start = 0;
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let (cls, mapped) = if let Some(d) = digit(c) {
            (Some(Class::Digit), Some(d))
        } else if is_thai_letter(c) {
            (Some(Class::Thai), Some(c))
        } else if c.is_alphanumeric() {
            (Some(Class::Other), None)
        } else {
            (None, None)
        };
        if cls.is_none()
            && matches!(c, ',' | '-')
            && class == Some(Class::Digit)
            && chars.peek().is_some_and(|&(_, n)| digit(n).is_some())
        {
            // A joiner inside a number: dropped, the number goes on.
            continue;
        }
        if cls != class || cls.is_none() {
            if let Some(k) = class {
                f(Run {
                    class: k,
                    norm: &buf,
                    raw: start..end,
                });
            }
            buf.clear();
            class = cls;
            start = i;
        }
        match (cls, mapped) {
            (Some(_), Some(m)) => buf.push(m),
            (Some(_), None) => buf.extend(c.to_lowercase()),
            (None, _) => {}
        }
        end = i + c.len_utf8();
    }
    if let Some(k) = class {
        f(Run {
            class: k,
            norm: &buf,
            raw: start..end,
        });
    }
}

/// The dictionary, loaded once per process (62,000 words into newmm's trie: about 80 ms).
struct Dict {
    newmm: NewmmTokenizer,
    words: FxHashSet<&'static str>,
}

fn dict() -> &'static Dict {
    static DICT: OnceLock<Dict> = OnceLock::new();
    DICT.get_or_init(|| {
        let words: FxHashSet<&'static str> = WORDS_TH
            .lines()
            .filter(|w| !w.is_empty() && w.chars().all(is_thai_letter))
            .collect();
        let mut list: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        // newmm's trie does not depend on the order, but keep it fixed anyway.
        list.sort_unstable();
        Dict {
            newmm: NewmmTokenizer::from_word_list(list),
            words,
        }
    })
}

/// A boundary inside a Thai run, as a byte offset; the top bit set for an inner boundary of a
/// compound word (where a search may start, but the word goes on).
type Cut = u32;
const INNER: Cut = 1 << 31;

/// Segments Thai runs, remembering each distinct run: procurement text repeats itself (titles,
/// suppliers, reasons), and a run's segmentation is a pure function of the run.
pub struct Segmenter {
    cache: Vec<Mutex<FxHashMap<String, Vec<Cut>>>>,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter {
            cache: (0..16).map(|_| Mutex::default()).collect(),
        }
    }
}

impl Segmenter {
    /// The boundaries inside a Thai run (not 0 or its end), in order.
    fn cuts(&self, run: &str) -> Vec<Cut> {
        let shard = &self.cache[fnv1a32(run.as_bytes()) as usize % self.cache.len()];
        if let Some(c) = shard.lock().ok().and_then(|m| m.get(run).cloned()) {
            return c;
        }
        let cuts = segment(run);
        if let Ok(mut m) = shard.lock() {
            m.insert(run.to_owned(), cuts.clone());
        }
        cuts
    }

    /// Calls `f` with every word `text` is indexed by: each run that is not Thai, each word of a
    /// Thai run, and each inner word of a compound to the compound's end.
    pub fn words(&self, text: &str, mut f: impl FnMut(&str)) {
        runs(text, |run| {
            if run.class != Class::Thai {
                f(run.norm);
                return;
            }
            let cuts = self.cuts(run.norm);
            let mut word_start = 0;
            let mains = cuts
                .iter()
                .filter(|c| *c & INNER == 0)
                .map(|c| *c as usize)
                .chain([run.norm.len()]);
            let mut inner = cuts.iter().filter(|c| *c & INNER != 0).peekable();
            for end in mains {
                let word = &run.norm[word_start..end];
                f(word);
                while let Some(c) = inner.next_if(|c| ((**c & !INNER) as usize) < end) {
                    f(&run.norm[(c & !INNER) as usize..end]);
                }
                word_start = end;
            }
        });
    }

    /// `text` with [`MARK`] at every boundary inside its Thai runs, for the stored titles and
    /// meta lines the reader ranks by.
    pub fn mark(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let mut copied = 0;
        runs(text, |run| {
            if run.class != Class::Thai {
                return;
            }
            for cut in self.cuts(run.norm) {
                let at = run.raw.start + (cut & !INNER) as usize;
                out.push_str(&text[copied..at]);
                out.push(MARK);
                copied = at;
            }
        });
        out.push_str(&text[copied..]);
        out
    }
}

/// newmm's words of a Thai run, then the inner words of each compound.
fn segment(run: &str) -> Vec<Cut> {
    let d = dict();
    // `safe` cuts very long runs into windows first, so no run can take exponential time; newmm
    // fails only on an internal inconsistency, and then the run stays one word.
    let words = d
        .newmm
        .segment(run, true, false)
        .unwrap_or_else(|_| vec![run.to_owned()]);
    let mut cuts = Vec::with_capacity(words.len() * 2);
    let mut at = 0usize;
    for w in &words {
        if !run[at..].starts_with(w.as_str()) {
            // newmm gives back the run's own text, word by word; anything else and the run
            // keeps the boundaries found so far.
            break;
        }
        for inner in compound(&d.words, w) {
            cuts.push((at + inner) as Cut | INNER);
        }
        at += w.len();
        if at < run.len() {
            cuts.push(at as Cut);
        }
    }
    cuts
}

/// The byte offsets inside `word` where a word of some split of it into dictionary words of at
/// least [`MIN_PART`] letters starts (every split's: `ห้าง|หุ้น|ส่วน|จำกัด` and
/// `ห้างหุ้นส่วน|จำกัด` both count); empty when it has no split into two or more.
fn compound(words: &FxHashSet<&str>, word: &str) -> Vec<usize> {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .collect();
    let n = bounds.len() - 1;
    if !(2 * MIN_PART..=64).contains(&n) {
        return Vec::new();
    }
    let part =
        |j: usize, i: usize| i >= j + MIN_PART && words.contains(&word[bounds[j]..bounds[i]]);
    // head[i]: the first i chars split into parts; tail[i]: the chars from i on do.
    let mut head = vec![false; n + 1];
    head[0] = true;
    for i in MIN_PART..=n {
        head[i] = (0..=i - MIN_PART).any(|j| head[j] && part(j, i));
    }
    let mut tail = vec![false; n + 1];
    tail[n] = true;
    for j in (0..=n - MIN_PART).rev() {
        tail[j] = (j + MIN_PART..=n).any(|i| tail[i] && part(j, i));
    }
    (MIN_PART..=n - MIN_PART)
        .filter(|&i| head[i] && tail[i])
        .map(|i| bounds[i])
        .collect()
}

/// The shard key of a word: its first two chars (one for a one-char word). A query term is
/// looked up in the shard of its own first two chars, where every word it is a prefix of lives.
pub fn key(word: &str) -> &str {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// A word of digits only: matched whole, and kept in the number shards.
pub fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// Where a word lives: `(true, i)` for number shard `i` of `numbers`, `(false, i)` for word
/// shard `i` of `shards`.
pub fn shard(word: &str, shards: usize, numbers: usize) -> (bool, usize) {
    if is_number(word) {
        (true, fnv1a32(word.as_bytes()) as usize % numbers.max(1))
    } else {
        (
            false,
            fnv1a32(key(word).as_bytes()) as usize % shards.max(1),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_runs(text: &str) -> Vec<(Class, String)> {
        let mut out = Vec::new();
        runs(text, |r| out.push((r.class, r.norm.to_owned())));
        out
    }

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Segmenter::default().words(text, |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn runs_split_by_class_and_join_numbers() {
        use Class::*;
        assert_eq!(
            all_runs("ถนน คสล. หมู่ที่ ๑๓ E-Bidding 233,560.00 0-3339-90001-13-0 P69-003"),
            vec![
                (Thai, "ถนน".into()),
                (Thai, "คสล".into()),
                (Thai, "หมู่ที่".into()),
                (Digit, "13".into()),
                (Other, "e".into()),
                (Other, "bidding".into()),
                (Digit, "233560".into()),
                (Digit, "00".into()),
                (Digit, "0333990001130".into()),
                (Other, "p".into()),
                (Digit, "69003".into()),
            ]
        );
        assert_eq!(
            all_runs("หมู่ที่13ก"),
            vec![
                (Thai, "หมู่ที่".into()),
                (Digit, "13".into()),
                (Thai, "ก".into())
            ]
        );
        assert_eq!(
            all_runs("1,-2 ,3- ฿5"),
            vec![
                (Digit, "1".into()),
                (Digit, "2".into()),
                (Digit, "3".into()),
                (Digit, "5".into())
            ]
        );
        assert!(all_runs(" · \u{200B} ").is_empty());
    }

    #[test]
    fn thai_is_segmented_with_the_dictionary() {
        assert_eq!(
            words("จัดซื้ออาหารเสริม (นม)"),
            ["จัดซื้อ", "ซื้อ", "อาหารเสริม", "เสริม", "นม"]
        );
        // The compound is indexed whole and from each inner word.
        assert_eq!(
            words("ถนนคอนกรีตเสริมเหล็ก"),
            ["ถนน", "คอนกรีตเสริมเหล็ก", "เสริมเหล็ก", "เหล็ก"]
        );
        // No word starts with นม inside a month name.
        for text in ["เดือนมีนาคม", "มิถุนายน 2569", "ประจำเดือนมิถุนายนมีนาคม"]
        {
            assert!(
                words(text).iter().all(|w| !w.starts_with("นม")),
                "{text}: {:?}",
                words(text)
            );
        }
    }

    #[test]
    fn marks_go_between_thai_words_only() {
        let s = Segmenter::default();
        assert_eq!(
            s.mark("จัดซื้ออาหารเสริม (นม) 1,000 บาท"),
            "จัด\u{200B}ซื้อ\u{200B}อาหาร\u{200B}เสริม (นม) 1,000 บาท"
        );
        assert_eq!(s.mark("abc 12"), "abc 12");
    }

    #[test]
    fn keys_are_two_chars() {
        assert_eq!(key("ถนน"), "ถน");
        assert_eq!(key("ก"), "ก");
        assert_eq!(key("12345"), "12");
        assert_eq!(key(""), "");
    }
}
