//! Dates and months as Thai documents write them: the one reader of date text, for the data
//! files, annual.md, page front matter and the command line alike.
//!
//! Each function takes text as found (untrimmed, Thai or Arabic digits) and returns the value or
//! a [`ValueError`] whose Thai and English text says what is wrong and how to fix it. They never
//! panic on any input, which makes them fuzz targets.

use crate::{
    BE_OFFSET, Date, THAI_MONTHS_LONG, THAI_MONTHS_SHORT, YearMonth, thai_to_arabic_digits,
};
use prongsai_text::{is_blank_char, trim_blank as clean};
use std::fmt;

/// Why a cell's text is not a valid value, in Thai (for the finance division) and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    pub th: String,
    pub en: String,
}

impl ValueError {
    pub fn new(th: impl Into<String>, en: impl Into<String>) -> ValueError {
        ValueError {
            th: th.into(),
            en: en.into(),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.th, self.en)
    }
}

impl std::error::Error for ValueError {}

/// Thai digits to Arabic, then surrounding blanks trimmed: how every value's text is read.
pub fn normalise_value(s: &str) -> String {
    clean(&thai_to_arabic_digits(s)).to_owned()
}

/// A Thai month name, short (`ต.ค.`, also without dots) or long (`ตุลาคม`), to 1–12.
fn thai_month(name: &str) -> Option<u8> {
    // Compared char by char, skipping dots and blanks, so no string is built per call.
    let key = || name.chars().filter(|c| *c != '.' && !is_blank_char(*c));
    (0u8..12)
        .find(|&i| {
            let i = usize::from(i);
            key().eq(THAI_MONTHS_LONG[i].chars())
                || key().eq(THAI_MONTHS_SHORT[i].chars().filter(|c| *c != '.'))
        })
        .map(|i| i + 1)
}

const FORMS_TH: &str = "เขียนวันที่เช่น 15/10/2567 หรือ 15 ต.ค. 2567 หรือ 15 ตุลาคม 2567 หรือ 2567-10-15";
const FORMS_EN: &str = "write dates as 15/10/2567, 15 ต.ค. 2567, 15 ตุลาคม 2567 or 2567-10-15";

/// Which years a date may be written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Era {
    /// Buddhist Era only: the data contract. A Christian-era year is an error that names its BE
    /// equivalent, because a finance officer who types 2024 meant a form's year, not a CE one.
    Buddhist,
    /// Either era, told apart by size: front matter and the command line, where ISO dates are
    /// usual.
    Either,
}

/// Checks a year is a four-digit Buddhist Era year (or, where allowed, a Christian-era one) and
/// returns it in BE; a rejected Christian-era year gets its BE equivalent in the message.
fn be_year(text: &str, era: Era) -> Result<i32, ValueError> {
    let year: i32 = match text.parse() {
        Ok(y) if text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()) => y,
        _ => {
            return Err(ValueError::new(
                format!("ปี \"{text}\" ไม่ใช่ตัวเลขปี พ.ศ. 4 หลัก: {FORMS_TH}"),
                format!("the year \"{text}\" is not a 4-digit Buddhist Era year: {FORMS_EN}"),
            ));
        }
    };
    // Forms written by hand and e-GP's own exports shorten the year to two digits ("3 ต.ค. 67"):
    // in a data file that is always the Buddhist Era. Elsewhere (front matter, --as-of) 68
    // could be either era, so it stays an error there.
    if text.len() == 2 && era == Era::Buddhist {
        return Ok(2500 + year);
    }
    if text.len() == 2 {
        return Err(ValueError::new(
            format!("ปีต้องเป็น พ.ศ. 4 หลัก: ใช้ {} แทน {text}", 2500 + year),
            format!(
                "the year must have 4 digits (Buddhist Era): write {} instead of {text}",
                2500 + year
            ),
        ));
    }
    if (1900..2300).contains(&year) {
        if era == Era::Either {
            return Ok(year + BE_OFFSET);
        }
        return Err(ValueError::new(
            format!(
                "ปี {year} เป็นปี ค.ศ.: ให้ใช้ พ.ศ. คือ {} (ค.ศ. + 543)",
                year + 543
            ),
            format!(
                "{year} is a Christian-era year: use พ.ศ. (Buddhist Era), i.e. {} (CE + 543)",
                year + 543
            ),
        ));
    }
    if !(2400..=2700).contains(&year) {
        return Err(ValueError::new(
            format!("ปี พ.ศ. {year} ไม่น่าจะถูกต้อง: ตรวจสอบปีอีกครั้ง"),
            format!("the Buddhist Era year {year} is implausible: check the year"),
        ));
    }
    Ok(year)
}

fn small_number(text: &str, what_th: &str, what_en: &str) -> Result<u8, ValueError> {
    if !text.is_empty()
        && text.len() <= 2
        && text.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = text.parse::<u8>()
    {
        return Ok(n);
    }
    Err(ValueError::new(
        format!("{what_th} \"{text}\" ไม่ใช่ตัวเลข: {FORMS_TH}"),
        format!("the {what_en} \"{text}\" is not a number: {FORMS_EN}"),
    ))
}

fn make_date(year: i32, month: u8, day: u8) -> Result<Date, ValueError> {
    if !(1..=12).contains(&month) {
        return Err(ValueError::new(
            format!("ไม่มีเดือนที่ {month}: เดือนต้องอยู่ระหว่าง 1 ถึง 12"),
            format!("there is no month {month}: months run from 1 to 12"),
        ));
    }
    Date::from_be(year, month, day).ok_or_else(|| {
        ValueError::new(
            format!("ไม่มีวันที่ {day}/{month}/{year} ในปฏิทิน: ตรวจสอบวันและเดือน"),
            format!("{day}/{month}/{year} is not a date on the calendar: check the day and month"),
        )
    })
}

/// A date: `15/10/2567`, `15 ต.ค. 2567`, `15 ตุลาคม 2567`, `2567-10-15`, Thai digits allowed;
/// the year in Buddhist Era, as the data contract asks.
pub fn parse_date(text: &str) -> Result<Date, ValueError> {
    parse_date_in(text, Era::Buddhist)
}

/// A date in any form [`parse_date`] reads, with the year in either era (a year from 1900 to
/// 2299 is Christian Era): page front matter and `--as-of`, where `2025-11-03` is usual.
pub fn parse_date_any_era(text: &str) -> Result<Date, ValueError> {
    parse_date_in(text, Era::Either)
}

/// Words a form puts before a date: ลว. (ลงวันที่), ลงวันที่, วันที่, ณ วันที่.
const DATE_PREFIXES: [&str; 5] = ["ลงวันที่", "ณวันที่", "ณ วันที่", "วันที่", "ลว."];

fn parse_date_in(text: &str, era: Era) -> Result<Date, ValueError> {
    let mut s = normalise_value(text);
    if let Some(rest) = DATE_PREFIXES.iter().find_map(|p| s.strip_prefix(p)) {
        s = clean(rest).to_owned();
    }
    if s.is_empty() {
        return Err(ValueError::new(
            format!("ไม่มีวันที่: {FORMS_TH}"),
            format!("no date: {FORMS_EN}"),
        ));
    }
    let parts: Vec<&str> = if s.contains('/') {
        s.split('/').map(clean).collect()
    } else if s.contains('-') && !s.contains(' ') {
        let p: Vec<&str> = s.split('-').collect();
        if p.len() == 3 && p[0].len() == 4 {
            // ISO order with a BE year: 2567-10-15.
            let year = be_year(p[0], era)?;
            let month = small_number(p[1], "เดือน", "month")?;
            let day = small_number(p[2], "วัน", "day")?;
            return make_date(year, month, day);
        }
        p
    } else {
        // 15 ต.ค. 2567, 15 ตุลาคม พ.ศ. 2567, 15ต.ค.2567
        return parse_named_date(&s, era);
    };
    if parts.len() != 3 {
        return Err(ValueError::new(
            format!("อ่านวันที่ \"{s}\" ไม่ได้: {FORMS_TH}"),
            format!("cannot read the date \"{s}\": {FORMS_EN}"),
        ));
    }
    let day = small_number(parts[0], "วัน", "day")?;
    let month = match small_number(parts[1], "เดือน", "month") {
        Ok(m) => m,
        Err(e) => thai_month(parts[1]).ok_or(e)?,
    };
    let year = be_year(parts[2], era)?;
    make_date(year, month, day)
}

fn parse_named_date(s: &str, era: Era) -> Result<Date, ValueError> {
    let fail = || {
        ValueError::new(
            format!("อ่านวันที่ \"{s}\" ไม่ได้: {FORMS_TH}"),
            format!("cannot read the date \"{s}\": {FORMS_EN}"),
        )
    };
    let s = s.replace("พ.ศ.", " ");
    let day_end = s.find(|c: char| !c.is_ascii_digit()).ok_or_else(fail)?;
    let (day, rest) = s.split_at(day_end);
    let year_start = rest
        .rfind(|c: char| !c.is_ascii_digit())
        .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
        .ok_or_else(fail)?;
    let (name, year) = rest.split_at(year_start);
    if day.is_empty() || year.is_empty() {
        return Err(fail());
    }
    let month = thai_month(name).ok_or_else(|| {
        ValueError::new(
            format!(
                "ไม่รู้จักชื่อเดือน \"{}\": ใช้ชื่อย่อเช่น ต.ค. หรือชื่อเต็มเช่น ตุลาคม",
                clean(name)
            ),
            format!(
                "unknown month name \"{}\": use a short Thai name such as ต.ค. or a full one such as ตุลาคม",
                clean(name)
            ),
        )
    })?;
    let day = small_number(day, "วัน", "day")?;
    let year = be_year(year, era)?;
    make_date(year, month, day)
}

/// The expected month of a plan line: `ม.ค. 2568`, `มกราคม 2568`, `2568-01` (also `01/2568`).
pub fn parse_month(text: &str) -> Result<YearMonth, ValueError> {
    let s = normalise_value(text);
    let fail = || {
        ValueError::new(
            format!("อ่านเดือน \"{s}\" ไม่ได้: เขียนเช่น ม.ค. 2568 หรือ มกราคม 2568 หรือ 2568-01"),
            format!("cannot read the month \"{s}\": write e.g. ม.ค. 2568, มกราคม 2568 or 2568-01"),
        )
    };
    if s.is_empty() {
        return Err(fail());
    }
    let (year, month) = if let Some((a, b)) = s.split_once('-').or_else(|| s.split_once('/')) {
        let (a, b) = (clean(a), clean(b));
        if a.len() == 4 {
            (
                be_year(a, Era::Buddhist)?,
                small_number(b, "เดือน", "month").map_err(|_| fail())?,
            )
        } else {
            (
                be_year(b, Era::Buddhist)?,
                small_number(a, "เดือน", "month").map_err(|_| fail())?,
            )
        }
    } else {
        let s2 = s.replace("พ.ศ.", " ");
        let year_start = s2
            .rfind(|c: char| !c.is_ascii_digit())
            .map(|i| i + s2[i..].chars().next().map_or(1, char::len_utf8))
            .ok_or_else(fail)?;
        let (name, year) = s2.split_at(year_start);
        if year.is_empty() {
            return Err(fail());
        }
        (
            be_year(year, Era::Buddhist)?,
            thai_month(name).ok_or_else(fail)?,
        )
    };
    if !(1..=12).contains(&month) {
        return Err(ValueError::new(
            format!("ไม่มีเดือนที่ {month}: เดือนต้องอยู่ระหว่าง 1 ถึง 12"),
            format!("there is no month {month}: months run from 1 to 12"),
        ));
    }
    Ok(YearMonth::new(year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data contract's own forms are tested with the loader (crates/load/src/values.rs).
    #[test]
    fn any_era_reads_iso_and_thai_dates_in_either_era() {
        for s in [
            "2568-10-15",
            "2025-10-15",
            "๒๕๖๘-๑๐-๑๕",
            "15 ต.ค. 2568",
            "15/10/2025",
        ] {
            assert_eq!(
                parse_date_any_era(s).map(|d| d.iso()),
                Ok("2025-10-15".to_owned()),
                "{s}"
            );
        }
        assert!(parse_date_any_era("2568-02-30").is_err());
        assert!(parse_date_any_era("15/10/68").is_err());
        // In a data file a two-digit year is Buddhist Era, and a form's ลว. / ลงวันที่ is read past.
        for s in [
            "3 ต.ค. 67",
            "ลว. 3 ต.ค. 2567",
            "ลงวันที่ 3 ตุลาคม 2567",
            "3/10/67",
            "วันที่ 3 ต.ค. 67",
        ] {
            assert_eq!(
                parse_date(s).map(|d| d.iso()),
                Ok("2024-10-03".to_owned()),
                "{s}"
            );
        }
        assert!(parse_date("2025-10-15").is_err());
    }
}
