use serde::Serialize;
use std::fmt;

/// A 13-digit Thai taxpayer identification number (เลขประจำตัวผู้เสียภาษีอากร), check digit verified.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Tin(String);

impl Tin {
    /// Accepts exactly 13 ASCII digits whose last is the mod-11 check digit of the first twelve.
    pub fn new(digits: &str) -> Option<Tin> {
        let bytes = digits.as_bytes();
        if bytes.len() != 13 || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let check = tin_check_digit(&digits[..12])?;
        (bytes[12] - b'0' == check).then(|| Tin(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `0-3355-12345-67-8`, the grouping printed on Thai forms.
    pub fn grouped(&self) -> String {
        let s = &self.0;
        format!(
            "{}-{}-{}-{}-{}",
            &s[0..1],
            &s[1..5],
            &s[5..10],
            &s[10..12],
            &s[12..13]
        )
    }
}

impl fmt::Display for Tin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Revenue Department's check digit: (11 − Σ dᵢ·(13−i) mod 11) mod 10 over the first 12 digits.
pub fn tin_check_digit(first12: &str) -> Option<u8> {
    let b = first12.as_bytes();
    if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = b
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(d - b'0') * (13 - i as u32))
        .sum();
    Some(((11 - sum % 11) % 10) as u8)
}

/// An e-GP project number (เลขที่โครงการ): 11 digits, the first four the BE year (2 digits) and month.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EgpNo(String);

impl EgpNo {
    pub fn new(digits: &str) -> Option<EgpNo> {
        let b = digits.as_bytes();
        (b.len() == 11 && b.iter().all(u8::is_ascii_digit)).then(|| EgpNo(digits.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The last two digits of the BE year the number was issued in.
    pub fn year_2digits(&self) -> u8 {
        (self.0.as_bytes()[0] - b'0') * 10 + (self.0.as_bytes()[1] - b'0')
    }

    pub fn month(&self) -> u8 {
        (self.0.as_bytes()[2] - b'0') * 10 + (self.0.as_bytes()[3] - b'0')
    }
}

impl fmt::Display for EgpNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An item classification of the UN Standard Products and Services Code, as e-GP records it:
/// eight digits (segment, family, class, commodity, two each), and the words e-GP shows after
/// the code when the officer copied them too.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Unspsc {
    code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl Unspsc {
    /// Eight ASCII digits, and the description (blank is none).
    pub fn new(code: &str, description: Option<&str>) -> Option<Unspsc> {
        let b = code.as_bytes();
        (b.len() == 8 && b.iter().all(u8::is_ascii_digit)).then(|| Unspsc {
            code: code.to_owned(),
            description: description
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_owned),
        })
    }

    /// `72141103`
    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

impl fmt::Display for Unspsc {
    /// `72141103 งานก่อสร้างถนน`: what the loader reads back as the same value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.description {
            Some(d) => write!(f, "{} {d}", self.code),
            None => f.write_str(&self.code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_tins() {
        // 0994000165510 is a widely published juristic-person TIN with a valid check digit.
        assert!(Tin::new("0994000165510").is_some());
        assert!(Tin::new("0994000165511").is_none());
        assert!(Tin::new("099400016551").is_none());
        assert_eq!(
            Tin::new("0994000165510").unwrap().grouped(),
            "0-9940-00165-51-0"
        );
    }

    #[test]
    fn egp_parts() {
        let n = EgpNo::new("67109123456").unwrap();
        assert_eq!(n.year_2digits(), 67);
        assert_eq!(n.month(), 10);
        assert!(EgpNo::new("6710912345").is_none());
    }

    proptest! {
        #[test]
        fn any_twelve_digits_complete_to_a_valid_tin(n in 0u64..1_000_000_000_000) {
            let first = format!("{n:012}");
            let check = tin_check_digit(&first).unwrap();
            let valid = format!("{first}{check}");
            prop_assert!(Tin::new(&valid).is_some());
            let invalid = format!("{first}{}", (check + 1) % 10);
            prop_assert!(Tin::new(&invalid).is_none());
        }
    }
}
