use serde::{Serialize, Serializer};
use std::fmt;

pub const THAI_MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];
pub const THAI_MONTHS_LONG: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Years in Thai documents are Buddhist Era; the Christian year is this much smaller.
pub const BE_OFFSET: i32 = 543;

/// A calendar date, held in the Christian era (as ISO 8601 output needs) and shown in BE.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// `None` for impossible dates such as 31 February.
    pub fn from_ce(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn from_be(be_year: i32, month: u8, day: u8) -> Option<Date> {
        Date::from_ce(be_year - BE_OFFSET, month, day)
    }

    pub fn year_ce(self) -> i32 {
        self.year
    }
    pub fn year_be(self) -> i32 {
        self.year + BE_OFFSET
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    pub fn year_month(self) -> YearMonth {
        YearMonth::new(self.year_be(), self.month)
    }

    /// The BE fiscal year (ปีงบประมาณ) the date falls in: October starts the next one.
    pub fn fiscal_year(self) -> i32 {
        fiscal_year_of(self.year_be(), self.month)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm), for spans such as "within 30 days".
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7)) as u8
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// `15 ต.ค. 2567`
    pub fn thai_short(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            THAI_MONTHS_SHORT[usize::from(self.month - 1)],
            self.year_be()
        )
    }

    /// `15 ตุลาคม 2567`
    pub fn thai_long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            THAI_MONTHS_LONG[usize::from(self.month - 1)],
            self.year_be()
        )
    }

    /// `2024-10-15`
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A calendar month named as the finance division names month files: BE year and month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year_be: i32,
    pub month: u8,
}

impl YearMonth {
    pub const fn new(year_be: i32, month: u8) -> YearMonth {
        YearMonth { year_be, month }
    }

    pub fn fiscal_year(self) -> i32 {
        fiscal_year_of(self.year_be, self.month)
    }

    /// `2567-10`, the month file's stem and the month page's path segment.
    pub fn key(self) -> String {
        format!("{}-{:02}", self.year_be, self.month)
    }

    pub fn first_day(self) -> Option<Date> {
        Date::from_be(self.year_be, self.month, 1)
    }

    pub fn last_day(self) -> Option<Date> {
        let ce = self.year_be - BE_OFFSET;
        Date::from_ce(ce, self.month, days_in_month(ce, self.month))
    }

    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth::new(self.year_be + 1, 1)
        } else {
            YearMonth::new(self.year_be, self.month + 1)
        }
    }

    /// `ต.ค. 2567`
    pub fn thai_short(self) -> String {
        format!(
            "{} {}",
            THAI_MONTHS_SHORT[usize::from(self.month.clamp(1, 12) - 1)],
            self.year_be
        )
    }

    /// `ตุลาคม 2567`
    pub fn thai_long(self) -> String {
        format!(
            "{} {}",
            THAI_MONTHS_LONG[usize::from(self.month.clamp(1, 12) - 1)],
            self.year_be
        )
    }

    /// 1 for October … 12 for September: the month's place in its fiscal year.
    pub fn fiscal_index(self) -> u8 {
        if self.month >= 10 {
            self.month - 9
        } else {
            self.month + 3
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

pub fn fiscal_year_of(year_be: i32, month: u8) -> i32 {
    if month >= 10 { year_be + 1 } else { year_be }
}

/// The twelve months of a BE fiscal year, October of the year before to September.
pub fn fiscal_year_months(fy: i32) -> [YearMonth; 12] {
    let mut out = [YearMonth::new(fy - 1, 10); 12];
    let mut ym = out[0];
    for slot in &mut out {
        *slot = ym;
        ym = ym.next();
    }
    out
}

/// The three months of fiscal quarter `q` (1–4) of fiscal year `fy`: quarter 1 is October to
/// December. A `q` outside 1–4 is clamped, so the function stays total.
pub fn fiscal_quarter_months(fy: i32, q: u8) -> [YearMonth; 3] {
    let all = fiscal_year_months(fy);
    let start = usize::from(q.clamp(1, 4) - 1) * 3;
    [all[start], all[start + 1], all[start + 2]]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::from_be(2568, 2, 31).is_none());
        assert!(Date::from_be(2568, 2, 29).is_none()); // 2025 is not leap
        assert!(Date::from_be(2567, 2, 29).is_some()); // 2024 is
        assert!(Date::from_be(2568, 13, 1).is_none());
    }

    #[test]
    fn fiscal_year_starts_in_october() {
        let d = Date::from_be(2567, 10, 1).unwrap();
        assert_eq!(d.fiscal_year(), 2568);
        assert_eq!(Date::from_be(2568, 9, 30).unwrap().fiscal_year(), 2568);
        let months = fiscal_year_months(2568);
        assert_eq!(months[0].key(), "2567-10");
        assert_eq!(months[11].key(), "2568-09");
        assert_eq!(months[3].fiscal_index(), 4);
        let quarters: Vec<YearMonth> = (1..=4)
            .flat_map(|q| fiscal_quarter_months(2568, q))
            .collect();
        assert_eq!(quarters, months);
        assert_eq!(fiscal_quarter_months(2568, 2)[0].key(), "2568-01");
    }

    #[test]
    fn formats() {
        let d = Date::from_be(2567, 10, 15).unwrap();
        assert_eq!(d.iso(), "2024-10-15");
        assert_eq!(d.thai_short(), "15 ต.ค. 2567");
        assert_eq!(d.thai_long(), "15 ตุลาคม 2567");
        assert_eq!(d.weekday(), 1); // a Tuesday
    }

    proptest! {
        #[test]
        fn days_round_trip(z in -1_000_000i64..1_000_000) {
            let d = Date::from_days(z);
            prop_assert_eq!(d.days(), z);
            prop_assert!(Date::from_ce(d.year_ce(), d.month(), d.day()).is_some());
        }
    }
}
