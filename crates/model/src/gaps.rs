//! Disclosures that fall due with the calendar, and the gaps among them on a given day.
//!
//! A gap is a disclosure that is due (or about to be) and has no file: a month's แบบ สขร.1, a
//! fiscal year's plan, an ended year's annual report. Missing data is not wrong data: a gap never
//! stops a build. The check stage reports each gap (C201, C205, C208: `info` before its due date,
//! `warning` after it) and the site shows it with its due date, both from [`gaps`], so the two
//! can never disagree.

use crate::{Data, Date, YearMonth, fiscal_year_months};
use serde::Serialize;

/// How long after its period each disclosure may take. The defaults are owned here; site.yaml's
/// `checks.month_due_days` and `checks.annual_report_due_days` override them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DueRules {
    /// Days after a month's last day by which its file is due. Default 15: prongsai's own choice
    /// (the law asks for a monthly summary without naming a day; see docs/rules.md, C201).
    pub month_due_days: u32,
    /// Days after 30 September by which the ended year's annual report is due. Default 30:
    /// prongsai's own choice (see docs/rules.md, C205).
    pub annual_report_due_days: u32,
}

impl Default for DueRules {
    fn default() -> DueRules {
        DueRules {
            month_due_days: 15,
            annual_report_due_days: 30,
        }
    }
}

/// One disclosure of a fiscal year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "month", rename_all = "snake_case")]
pub enum Disclosure {
    Plan,
    Month(YearMonth),
    AnnualReport,
}

/// A disclosure that is missing on the day checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub fiscal_year: i32,
    pub what: Disclosure,
    pub due: Date,
    /// Days past `due` on the day checked: positive once overdue, zero or negative before.
    pub overdue_days: i64,
}

impl Gap {
    pub fn is_overdue(&self) -> bool {
        self.overdue_days > 0
    }

    /// Where the missing file belongs, relative to the site root.
    pub fn path(&self) -> String {
        let fy = self.fiscal_year;
        match self.what {
            Disclosure::Plan => format!("procurement-data/{fy}/plan.csv"),
            Disclosure::Month(m) => format!("procurement-data/{fy}/months/{}.csv", m.key()),
            Disclosure::AnnualReport => format!("procurement-data/{fy}/annual.md"),
        }
    }

    /// `แบบ สขร.1 เดือนพฤศจิกายน 2569`
    pub fn label_th(&self) -> String {
        match self.what {
            Disclosure::Plan => format!("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ {}", self.fiscal_year),
            Disclosure::Month(m) => format!("แบบ สขร.1 เดือน{}", m.thai_long()),
            Disclosure::AnnualReport => {
                format!("รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ {}", self.fiscal_year)
            }
        }
    }

    /// `the November 2569 month file (2569-11)`
    pub fn label_en(&self) -> String {
        match self.what {
            Disclosure::Plan => format!("the procurement plan of fiscal year {}", self.fiscal_year),
            Disclosure::Month(m) => format!("the month file of {}", m.key()),
            Disclosure::AnnualReport => {
                format!(
                    "the annual procurement report of fiscal year {}",
                    self.fiscal_year
                )
            }
        }
    }

    /// `เลยกำหนดเผยแพร่ 3 วัน (ครบกำหนด 15 ธ.ค. 2569)` or `ครบกำหนดเผยแพร่ 15 ธ.ค. 2569`.
    pub fn status_th(&self) -> String {
        if self.is_overdue() {
            format!(
                "เลยกำหนดเผยแพร่ {} วัน (ครบกำหนด {})",
                self.overdue_days,
                self.due.thai_short()
            )
        } else {
            format!("ครบกำหนดเผยแพร่ {}", self.due.thai_short())
        }
    }

    /// `3 days overdue (due 2026-12-15)` or `due 2026-12-15`.
    pub fn status_en(&self) -> String {
        if self.is_overdue() {
            let s = if self.overdue_days == 1 { "" } else { "s" };
            format!(
                "{} day{s} overdue (due {})",
                self.overdue_days,
                self.due.iso()
            )
        } else {
            format!("due {}", self.due.iso())
        }
    }
}

/// 1 October before fiscal year `fy`: the day the year and its budget start.
pub fn fiscal_year_start(fy: i32) -> Option<Date> {
    Date::from_be(fy - 1, 10, 1)
}

/// 30 September of fiscal year `fy`.
pub fn fiscal_year_end(fy: i32) -> Option<Date> {
    Date::from_be(fy, 9, 30)
}

/// When a month's file is due: its last day plus the grace period.
pub fn month_due(m: YearMonth, rules: &DueRules) -> Option<Date> {
    m.last_day()
        .map(|d| d.add_days(i64::from(rules.month_due_days)))
}

/// When fiscal year `fy`'s plan is due: the 30th working day (Monday–Friday) counting 1 October
/// as day one when it is a weekday (มาตรา 11; public holidays are not counted out, so the legal
/// deadline may fall a few days later).
pub fn plan_due(fy: i32) -> Option<Date> {
    let mut d = fiscal_year_start(fy)?;
    let mut counted = 0;
    loop {
        if !d.is_weekend() {
            counted += 1;
            if counted == 30 {
                return Some(d);
            }
        }
        d = d.add_days(1);
    }
}

/// When fiscal year `fy`'s annual report is due.
pub fn annual_report_due(fy: i32, rules: &DueRules) -> Option<Date> {
    fiscal_year_end(fy).map(|d| d.add_days(i64::from(rules.annual_report_due_days)))
}

/// Has month `m` ended on `as_of`? Its last day must be before that day.
pub fn month_ended(m: YearMonth, as_of: Date) -> bool {
    m.last_day().is_some_and(|d| d < as_of)
}

/// The fiscal quarters (1–4) of `fy` whose quarter document (ITA O11) the site publishes on
/// `as_of`: those with a month that has ended or already has a file. A quarter with missing
/// months is still published, naming them, so an assessor sees what is not there yet.
pub fn quarters_shown(fy: &crate::FiscalYear, as_of: Date) -> Vec<u8> {
    (1..=4)
        .filter(|&q| {
            crate::fiscal_quarter_months(fy.year, q)
                .iter()
                .any(|m| month_ended(*m, as_of) || fy.months.contains_key(m))
        })
        .collect()
}

/// Does the site publish `fy`'s annual report (its page and the annual summary documents) on
/// `as_of`? Once `annual.md` exists, or once the year has ended: its figures are then final and
/// a missing narrative is shown as missing.
pub fn annual_report_shown(fy: &crate::FiscalYear, as_of: Date) -> bool {
    fy.annual.is_some() || fiscal_year_end(fy.year).is_some_and(|d| d < as_of)
}

/// The fiscal years the site covers on `as_of`: from the first year with a folder to the year
/// `as_of` falls in (a new fiscal year exists on 1 October whether or not its folder does), plus
/// any later folder an agency has started early. Empty when there is no procurement data at all.
pub fn covered_years(data: &Data, as_of: Date) -> std::ops::RangeInclusive<i32> {
    let (Some(&first), Some(&last)) = (data.years.keys().next(), data.years.keys().next_back())
    else {
        #[allow(clippy::reversed_empty_ranges, reason = "the empty range")]
        return 1..=0;
    };
    first..=last.max(as_of.fiscal_year())
}

/// Adds an empty fiscal year for each covered year without a folder, so the site lists a new
/// fiscal year (and its gaps) from 1 October on.
pub fn open_years(data: &mut Data, as_of: Date) {
    for fy in covered_years(data, as_of) {
        data.years.entry(fy).or_insert_with(|| crate::FiscalYear {
            year: fy,
            ..crate::FiscalYear::default()
        });
    }
}

/// Every disclosure missing on `as_of` that has begun to be expected: months that have ended, the
/// plan of every year that has started, the annual report of every year that has ended. A file
/// that exists but could not be read is not a gap (the load error already names it). Sorted by
/// fiscal year, then plan, months, annual report.
pub fn gaps(data: &Data, as_of: Date, rules: &DueRules) -> Vec<Gap> {
    let mut out = Vec::new();
    let gap = |fiscal_year: i32, what: Disclosure, due: Option<Date>| {
        due.map(|due| Gap {
            fiscal_year,
            what,
            due,
            overdue_days: as_of.days() - due.days(),
        })
    };
    for fy in covered_years(data, as_of) {
        let year = data.years.get(&fy);
        let has = |what: Disclosure| {
            year.is_some_and(|y| {
                y.unreadable.contains(&what)
                    || match what {
                        Disclosure::Plan => y.plan.is_some(),
                        Disclosure::Month(m) => y.months.contains_key(&m),
                        Disclosure::AnnualReport => y.annual.is_some(),
                    }
            })
        };
        if fiscal_year_start(fy).is_some_and(|d| d <= as_of) && !has(Disclosure::Plan) {
            out.extend(gap(fy, Disclosure::Plan, plan_due(fy)));
        }
        for m in fiscal_year_months(fy) {
            if month_ended(m, as_of) && !has(Disclosure::Month(m)) {
                out.extend(gap(fy, Disclosure::Month(m), month_due(m, rules)));
            }
        }
        if fiscal_year_end(fy).is_some_and(|d| d < as_of) && !has(Disclosure::AnnualReport) {
            out.extend(gap(
                fy,
                Disclosure::AnnualReport,
                annual_report_due(fy, rules),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FiscalYear, MonthFile};

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_be(y, m, d).unwrap()
    }

    fn data_with_months(fy: i32, months: &[YearMonth]) -> Data {
        let mut year = FiscalYear {
            year: fy,
            ..FiscalYear::default()
        };
        for &m in months {
            year.months.insert(
                m,
                MonthFile {
                    joined: Vec::new(),
                    month: m,
                    file: std::sync::Arc::default(),
                    records: Vec::new(),
                },
            );
        }
        let mut data = Data::default();
        data.years.insert(fy, year);
        data
    }

    #[test]
    fn quarters_and_annual_report_shown_from_their_first_month() {
        let oct = YearMonth::new(2569, 10);
        let data = data_with_months(2570, &[]);
        let fy = &data.years[&2570];
        assert!(quarters_shown(fy, date(2569, 10, 31)).is_empty());
        assert_eq!(quarters_shown(fy, date(2569, 11, 1)), [1]);
        assert_eq!(quarters_shown(fy, date(2570, 1, 1)), [1]);
        assert_eq!(quarters_shown(fy, date(2570, 2, 1)), [1, 2]);
        // A file filed early shows its quarter before any of its months has ended.
        let data = data_with_months(2570, &[oct]);
        assert_eq!(quarters_shown(&data.years[&2570], date(2569, 10, 2)), [1]);
        assert!(!annual_report_shown(fy, date(2570, 9, 30)));
        assert!(annual_report_shown(fy, date(2570, 10, 1)));
    }

    #[test]
    fn plan_due_skips_weekends() {
        // 1 Oct 2567 (2024) was a Tuesday; the 30th weekday is Monday 11 Nov 2024.
        assert_eq!(plan_due(2568).unwrap().iso(), "2024-11-11");
    }

    #[test]
    fn a_month_is_a_gap_once_ended_and_overdue_after_its_grace() {
        let oct = YearMonth::new(2568, 10);
        let data = data_with_months(2569, &[]);
        let rules = DueRules::default();
        let months = |as_of| {
            gaps(&data, as_of, &rules)
                .into_iter()
                .filter(|g| matches!(g.what, Disclosure::Month(_)))
                .collect::<Vec<_>>()
        };
        assert!(months(date(2568, 10, 31)).is_empty(), "not ended yet");
        let g = months(date(2568, 11, 1));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].what, Disclosure::Month(oct));
        assert_eq!(g[0].due, date(2568, 11, 15));
        assert!(!g[0].is_overdue());
        assert_eq!(g[0].path(), "procurement-data/2569/months/2568-10.csv");
        let g = months(date(2568, 11, 18));
        assert_eq!(g[0].overdue_days, 3);
        assert_eq!(
            g[0].status_th(),
            "เลยกำหนดเผยแพร่ 3 วัน (ครบกำหนด 15 พ.ย. 2568)"
        );
    }

    #[test]
    fn a_new_fiscal_year_has_gaps_without_a_folder() {
        let data = data_with_months(2569, &fiscal_year_months(2569));
        // 2 Dec 2569: FY 2570 began on 1 Oct 2569 with no folder.
        let g = gaps(&data, date(2569, 12, 2), &DueRules::default());
        let whats: Vec<(i32, Disclosure)> = g.iter().map(|g| (g.fiscal_year, g.what)).collect();
        assert_eq!(
            whats,
            vec![
                (2569, Disclosure::Plan),
                (2569, Disclosure::AnnualReport),
                (2570, Disclosure::Plan),
                (2570, Disclosure::Month(YearMonth::new(2569, 10))),
                (2570, Disclosure::Month(YearMonth::new(2569, 11))),
            ]
        );
        assert_eq!(covered_years(&data, date(2569, 12, 2)), 2569..=2570);
    }

    #[test]
    fn an_unreadable_file_is_not_also_a_gap() {
        let mut data = data_with_months(2569, &[]);
        let oct = YearMonth::new(2568, 10);
        if let Some(y) = data.years.get_mut(&2569) {
            y.unreadable.insert(Disclosure::Month(oct));
        }
        let g = gaps(&data, date(2568, 11, 20), &DueRules::default());
        assert!(g.iter().all(|g| g.what != Disclosure::Month(oct)), "{g:?}");
    }

    #[test]
    fn gaps_only_grow_with_time() {
        let data = data_with_months(2569, &[YearMonth::new(2568, 10)]);
        let rules = DueRules::default();
        let mut day = date(2568, 10, 1);
        let mut last = 0;
        while day < date(2571, 10, 1) {
            let n = gaps(&data, day, &rules).len();
            assert!(n >= last, "{} gaps on {day} after {last}", n);
            last = n;
            day = day.add_days(1);
        }
    }
}
