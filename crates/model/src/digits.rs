/// Thai digits ๐–๙ are U+0E50..U+0E59; finance officers type them in Excel as often as Arabic ones.
pub fn thai_to_arabic_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_thai_digits(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{0E50}'..='\u{0E59}' => char::from(b'0' + (c as u32 - 0x0E50) as u8),
                _ => c,
            })
            .collect(),
    )
}

pub fn has_thai_digits(s: &str) -> bool {
    s.chars().any(|c| ('\u{0E50}'..='\u{0E59}').contains(&c))
}

pub fn to_thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0E50 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        assert_eq!(to_thai_digits("2568-10"), "๒๕๖๘-๑๐");
        assert_eq!(thai_to_arabic_digits("๒๕๖๘-๑๐"), "2568-10");
        assert!(!has_thai_digits("2568"));
    }
}
