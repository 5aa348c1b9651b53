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
        f.write_str(Grouped::new(abs / 100, self.0 < 0, Some(abs % 100)).as_str())
    }
}

/// A number with a comma between each group of three digits (`-1,234,567`, or with satang
/// `1,234,567.50`): the one grouping of amounts ([`Money`]'s `Display`) and counts on pages.
///
/// Written right to left into the stack: every amount on every page, PDF row and sheet goes
/// through here, and two `String`s and the formatting machinery each time were about 1 % of a
/// build. The longest (`i64::MIN` satang) is 27 bytes.
pub struct Grouped {
    buf: [u8; 32],
    start: usize,
}

impl Grouped {
    /// `n` grouped: `-1,234`.
    pub fn int(n: i64) -> Grouped {
        Grouped::new(n.unsigned_abs(), n < 0, None)
    }

    /// `whole` grouped, after a minus if `negative`, then `.` and two digits of `hundredths`.
    fn new(mut whole: u64, negative: bool, hundredths: Option<u64>) -> Grouped {
        let mut g = Grouped {
            buf: [0; 32],
            start: 32,
        };
        if let Some(h) = hundredths {
            g.push(b'0' + (h % 10) as u8);
            g.push(b'0' + (h / 10 % 10) as u8);
            g.push(b'.');
        }
        let mut digits = 0;
        loop {
            if digits > 0 && digits % 3 == 0 {
                g.push(b',');
            }
            g.push(b'0' + (whole % 10) as u8);
            whole /= 10;
            digits += 1;
            if whole == 0 {
                break;
            }
        }
        if negative {
            g.push(b'-');
        }
        g
    }

    fn push(&mut self, b: u8) {
        self.start -= 1;
        self.buf[self.start] = b;
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits and punctuation were written.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or_default()
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
    fn integers_group_as_amounts_do() {
        for n in [-1_234_567, -1, 0, 7, 999, 1000, 1_234_567, i64::MAX / 100] {
            let amount = grouped_by_chars(Money::from_baht(n));
            assert_eq!(format!("{}.00", Grouped::int(n).as_str()), amount, "{n}");
        }
        assert_eq!(
            Grouped::int(i64::MIN).as_str(),
            "-9,223,372,036,854,775,808"
        );
        assert_eq!(Grouped::int(i64::MAX).as_str(), "9,223,372,036,854,775,807");
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
