use serde::{Serialize, Serializer};
use std::fmt;

/// An amount of Thai baht, held in satang so sums are exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_satang(satang: i64) -> Money {
        Money(satang)
    }

    pub const fn from_baht(baht: i64) -> Money {
        Money(baht * 100)
    }

    pub const fn satang(self) -> i64 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }

    /// `1234567.5` as `1234567.50`: the plain form for CSV and spreadsheets.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Money::saturating_add)
    }
}

/// `1,234,567.00`, the form Thai government documents use.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let baht = (abs / 100).to_string();
        let mut grouped = String::with_capacity(baht.len() + baht.len() / 3);
        for (i, c) in baht.chars().enumerate() {
            if i > 0 && (baht.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if self.0 < 0 {
            f.write_str("-")?;
        }
        write!(f, "{grouped}.{:02}", abs % 100)
    }
}

/// JSON gets a number (baht with two decimals), as the data contract asks.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_groups_thousands() {
        assert_eq!(Money::from_satang(123456750).to_string(), "1,234,567.50");
        assert_eq!(Money::from_baht(0).to_string(), "0.00");
        assert_eq!(Money::from_baht(999).to_string(), "999.00");
        assert_eq!(Money::from_baht(1000).to_string(), "1,000.00");
        assert_eq!(Money::from_satang(-150).to_string(), "-1.50");
        assert_eq!(Money::from_satang(123456750).plain(), "1234567.50");
    }

    #[test]
    fn json_is_a_number() {
        let v = serde_json::to_string(&Money::from_satang(123450)).unwrap();
        assert_eq!(v, "1234.5");
    }
}
