//! Dates written by hand in YAML (`as_of:` here, `date:` in front matter).

use prongsai_model::Date;

/// `YYYY-MM-DD`; a year above 2400 is Buddhist Era (Thai documents count years in BE).
pub fn parse_date(text: &str) -> Option<Date> {
    let digits = prongsai_model::thai_to_arabic_digits(text.trim());
    let mut parts = digits.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    if year > 2400 {
        Date::from_be(year, month, day)
    } else {
        Date::from_ce(year, month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn be_and_ce_dates() {
        assert_eq!(
            parse_date("2568-10-15").map(|d| d.iso()),
            Some("2025-10-15".into())
        );
        assert_eq!(
            parse_date("2025-10-15").map(|d| d.iso()),
            Some("2025-10-15".into())
        );
        assert_eq!(
            parse_date("๒๕๖๘-๑๐-๑๕").map(|d| d.iso()),
            Some("2025-10-15".into())
        );
        assert_eq!(parse_date("2568-02-30"), None);
        assert_eq!(parse_date("15/10/2568"), None);
    }
}
