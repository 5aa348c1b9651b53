//! Thai text as it arrives from PDF and Word: marks stored in the wrong order or decomposed, and
//! fonts that print one vowel as another. Two tools, one lossless and one for matching only.
//!
//! - [`repair_marks`] puts Thai combining marks back in their standard order and composes
//!   sara am: the same letters a reader sees, stored the way every keyboard stores them, so the
//!   text compares equal to a typed copy. It never changes what is read.
//! - [`match_key`] reduces a label (a column header, a method or status name) to a skeleton for
//!   comparison only: no blanks, no vowel or tone marks above or below the line, sara am read as
//!   sara aa, lower case. Headers copied out of a PDF ("วนั ที่ของสญั ญา", "รำยกำร") then match
//!   the spelling they stand for; nothing shown to a reader is ever made from a key.

use std::borrow::Cow;

const NIKHAHIT: char = '\u{0E4D}';
const SARA_AA: char = '\u{0E32}';
const SARA_AM: char = '\u{0E33}';

/// ่ ้ ๊ ๋: the four tone marks.
fn is_tone(c: char) -> bool {
    matches!(c, '\u{0E48}'..='\u{0E4B}')
}

/// Vowels written above or below a consonant (ั ิ ี ึ ื ุ ู ฺ ็), which come before a tone mark.
fn is_vowel_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}')
}

/// Every mark [`match_key`] leaves out: the vowel marks, tone marks, ์ (thanthakhat), ํ (nikhahit)
/// and ๎ (yamakkan).
fn is_mark(c: char) -> bool {
    is_vowel_mark(c) || is_tone(c) || matches!(c, '\u{0E4C}' | '\u{0E4D}' | '\u{0E4E}')
}

/// Text with its Thai marks in standard order: a tone mark typed before an above or below vowel
/// (`ท่ี` → `ที่`), and nikhahit + sara aa, with or without a tone mark between them, composed
/// into sara am (`ลํา` → `ลำ`, `ค่ํา` → `ค่ำ`). Borrowed when nothing needs repair, which is
/// the usual case, so it can run over every cell.
pub fn repair_marks(s: &str) -> Cow<'_, str> {
    let needs = {
        let mut prev = '\0';
        s.chars().any(|c| {
            let bad = (is_tone(prev) && is_vowel_mark(c)) || c == NIKHAHIT;
            prev = c;
            bad
        })
    };
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == NIKHAHIT {
            // ํ า or ํ ่ า: one sara am, the tone mark before it.
            if chars.get(i + 1) == Some(&SARA_AA) {
                out.push(SARA_AM);
                i += 2;
                continue;
            }
            if chars.get(i + 1).is_some_and(|t| is_tone(*t)) && chars.get(i + 2) == Some(&SARA_AA) {
                out.push(chars[i + 1]);
                out.push(SARA_AM);
                i += 3;
                continue;
            }
        }
        if is_tone(c) && chars.get(i + 1).is_some_and(|v| is_vowel_mark(*v)) {
            out.push(chars[i + 1]);
            out.push(c);
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    Cow::Owned(out.into_iter().collect())
}

/// The comparison key of a label: see the module documentation. Two labels that a reader would
/// take for the same words have the same key.
pub fn match_key(s: &str) -> String {
    let repaired = repair_marks(s);
    let mut key = String::with_capacity(repaired.len());
    for c in repaired.chars() {
        if crate::is_blank_char(c) || is_mark(c) {
            continue;
        }
        if c == SARA_AM {
            key.push(SARA_AA);
        } else if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else if crate::is_thai(c) {
            key.push(c);
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_put_back_in_order() {
        assert_eq!(repair_marks("ลําดับที่"), "ลำดับที่");
        assert_eq!(repair_marks("ราคาท่ีตกลงซ้ือ"), "ราคาที่ตกลงซื้อ");
        assert_eq!(repair_marks("ค\u{0E48}\u{0E4D}\u{0E32}"), "ค่ำ");
        assert!(matches!(repair_marks("ลำดับที่"), Cow::Borrowed(_)));
        assert!(matches!(repair_marks("plain"), Cow::Borrowed(_)));
        // A lone nikhahit (Pali, numerals in old texts) is left as it is.
        assert_eq!(repair_marks("อํ"), "อํ");
    }

    #[test]
    fn keys_match_what_pdf_and_word_did_to_the_words() {
        let k = match_key("เลขที่และวันที่ของสัญญา");
        assert_eq!(match_key("เลขทแ่ี ละวนั ทข่ี องสญั ญา"), k);
        assert_eq!(match_key("เลขที่และ วันที่ของสัญญา"), k);
        assert_eq!(match_key("รำยกำร"), match_key("รายการ"));
        assert_eq!(match_key("ลําดับที่"), match_key("ลำดับที่"));
        assert_eq!(match_key("ราคาท่ีตกลงซ้ือ"), match_key("ราคาที่ตกลงซื้อ"));
        assert_eq!(match_key(" E-GP "), "e-gp");
        assert_ne!(match_key("ราคากลาง"), match_key("ราคาที่เสนอ"));
    }
}
