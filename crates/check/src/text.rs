//! Text comparison for Thai titles and supplier names. Thai is written without spaces between
//! words, so similarity works on characters: a shared prefix, or character-bigram overlap.

/// Title for comparison: lower case, without spaces, punctuation or digits (Thai or Arabic), so
/// `ซ่อมแซมถนน หมู่ 3` and `ซ่อมแซมถนน หมู่ 4` compare equal: parts of one job split by village are
/// exactly what the splitting check looks for.
pub fn normalise_title(title: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(title.len() / 2);
    for c in title.chars() {
        // Fast paths for the Thai block and ASCII: the general Unicode tables are slow and titles
        // are compared for every record of the year.
        match c {
            '\u{0E01}'..='\u{0E4E}' if c != '\u{0E2F}' && c != '\u{0E3F}' => out.push(c),
            '\u{0E00}'..='\u{0E7F}' => {} // Thai digits, ฯ, ฿, ๏ and the rest: not part of the name of the thing
            'a'..='z' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            _ if c.is_ascii() => {}
            _ if c.is_alphabetic() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Does the name look like a juristic person (company or partnership), which always has a TIN?
pub fn looks_juristic(name: &str) -> bool {
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    ["บริษัท", "บจก", "ห้างหุ้นส่วน", "หจก", "จำกัด", "สหกรณ์"]
        .iter()
        .any(|k| compact.contains(k))
}

pub fn common_prefix_len(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The character bigrams of `chars`, sorted: computed once per title so comparisons are a merge.
pub fn sorted_bigrams(chars: &[char]) -> Vec<(char, char)> {
    let mut v: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    v.sort_unstable();
    v
}

/// Sørensen–Dice coefficient over character bigrams (multiset), 0 to 1.
#[cfg(test)]
pub fn bigram_dice(a: &[char], b: &[char]) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return if a == b && !a.is_empty() { 1.0 } else { 0.0 };
    }
    dice_sorted(&sorted_bigrams(a), &sorted_bigrams(b))
}

/// Dice over two outputs of [`sorted_bigrams`] (both non-empty).
pub fn dice_sorted(left: &[(char, char)], right: &[(char, char)]) -> f64 {
    if left.is_empty() || right.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * shared as f64 / (left.len() + right.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_ignore_spaces_digits_and_punctuation() {
        assert_eq!(
            normalise_title("ซ่อมแซมถนน หมู่ ๓"),
            normalise_title("ซ่อมแซมถนน  หมู่ 4.")
        );
        assert_ne!(
            normalise_title("ซื้อวัสดุสำนักงาน"),
            normalise_title("จ้างเหมาทำความสะอาด")
        );
    }

    #[test]
    fn dice_is_one_for_equal_and_low_for_unrelated() {
        let a = normalise_title("ซื้อวัสดุก่อสร้าง");
        let b = normalise_title("ซื้อวัสดุก่อสร้าง (ครั้งที่ 2)");
        assert!(bigram_dice(&a, &b) > 0.7);
        assert_eq!(bigram_dice(&a, &a), 1.0);
        let c = normalise_title("จ้างเหมาบริการรถขยะ");
        assert!(bigram_dice(&a, &c) < 0.3);
        assert_eq!(common_prefix_len(&a, &b), a.len());
    }

    #[test]
    fn supplier_names_group_across_juristic_spellings() {
        assert_eq!(
            prongsai_model::normalise_name("บริษัท ศรีสะเกษวัสดุ จำกัด"),
            prongsai_model::normalise_name("บจก.ศรีสะเกษวัสดุ")
        );
        assert_eq!(
            prongsai_model::normalise_name("หจก. ทับทันก่อสร้าง"),
            prongsai_model::normalise_name("ห้างหุ้นส่วนจำกัด ทับทันก่อสร้าง")
        );
        assert!(looks_juristic("หจก.ทับทันก่อสร้าง"));
        assert!(!looks_juristic("นายสมชาย ใจดี"));
    }
}
