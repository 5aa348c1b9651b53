//! Dates written by hand in YAML (`as_of:` here, `date:` and `updated:` in front matter).

use prongsai_model::Date;

/// A hand-written date: any form the data files take (`2568-10-15`, `15 ต.ค. 2568`, …), in
/// either era (`2025-10-15` is usual in YAML), read by the model's one date reader.
pub fn parse_date(text: &str) -> Option<Date> {
    prongsai_model::parse_date_any_era(text).ok()
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
        assert_eq!(
            parse_date("15/10/2568").map(|d| d.iso()),
            Some("2025-10-15".into())
        );
        assert_eq!(parse_date("2568-10"), None);
    }
}
