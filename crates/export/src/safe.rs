//! Spreadsheet formula injection (CSV injection) protection, issue 10.
//!
//! Excel, LibreOffice and Google Sheets evaluate a cell whose text starts with `=`, `+`, `-` or
//! `@` as a formula (tab and carriage return are stripped first by some of them, so they count
//! too). Month files are typed by people and may come from anywhere, so every text cell we export
//! to CSV or XLSX goes through [`neutralise_formula`]. Money is written as numbers (XLSX) or by
//! our own formatter (CSV), never from user text, so it never needs the prefix.

use std::borrow::Cow;

/// Prefixes `'` to text a spreadsheet would otherwise run as a formula (OWASP's recommendation).
///
/// A lone `-` or `+` is left alone: Thai forms write `-` for "none", and a single sign cannot
/// form a formula, so prefixing it would only add noise for every reader.
pub fn neutralise_formula(text: &str) -> Cow<'_, str> {
    let risky = matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if risky && text != "-" && text != "+" {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn prefixes_formula_starts() {
        for s in [
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(neutralise_formula(s), format!("'{s}"), "{s:?}");
        }
    }

    #[test]
    fn leaves_ordinary_text() {
        for s in ["ร้านเอ", "-", "+", "", "1234.50", "a=b", "จ้างเหมา - ซ่อมถนน"]
        {
            assert_eq!(neutralise_formula(s), s);
        }
    }
}
