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
        // Written right to left into the stack: every amount on every page, PDF row and sheet
        // passes through here, and two Strings and the formatting machinery each time were
        // about 1 % of a build. The longest (i64::MIN) is 27 bytes.
        let mut buf = [0u8; 32];
        let mut at = buf.len();
        let mut push = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        let abs = self.0.unsigned_abs();
        let satang = abs % 100;
        push(b'0' + (satang % 10) as u8);
        push(b'0' + (satang / 10) as u8);
        push(b'.');
        let mut baht = abs / 100;
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                push(b',');
            }
            push(b'0' + (baht % 10) as u8);
            baht /= 10;
            digits += 1;
            if baht == 0 {
                break;
            }
        }
        if self.0 < 0 {
            push(b'-');
        }
        // Only ASCII digits and punctuation were written.
        f.write_str(std::str::from_utf8(&buf[at..]).map_err(|_| fmt::Error)?)
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

    /// The grouping as it was first written (a String of digits, a comma before each group of
    /// three), kept as the reference for the stack-buffer version.
    fn grouped_by_chars(m: Money) -> String {
        let abs = m.0.unsigned_abs();
        let baht = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in baht.chars().enumerate() {
            if i > 0 && (baht.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if m.0 < 0 { "-" } else { "" };
        format!("{sign}{grouped}.{:02}", abs % 100)
    }

    #[test]
    fn display_at_the_extremes() {
        for satang in [
            i64::MIN,
            i64::MIN + 1,
            -1,
            0,
            1,
            99,
            100,
            99_999,
            100_000,
            i64::MAX,
        ] {
            let m = Money::from_satang(satang);
            assert_eq!(m.to_string(), grouped_by_chars(m), "{satang}");
        }
        assert_eq!(
            Money::from_satang(i64::MIN).to_string(),
            "-92,233,720,368,547,758.08"
        );
    }

    proptest::proptest! {
        #[test]
        fn display_equals_the_char_grouping(satang: i64) {
            let m = Money::from_satang(satang);
            proptest::prop_assert_eq!(m.to_string(), grouped_by_chars(m));
        }
    }

    #[test]
    fn json_is_a_number() {
        let v = serde_json::to_string(&Money::from_satang(123450)).unwrap();
        assert_eq!(v, "1234.5");
    }
}
