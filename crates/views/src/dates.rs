//! How new the data behind a page or a download is: the one place that decides it, for the
//! pages' "last updated" line, the open-data catalogue and the procurement feed.
//!
//! Only the data decides (never the clock, so builds stay byte-identical): a month file covers
//! its month up to its last day, or up to `as_of` while the month runs; anything made of several
//! months is as new as the newest month file in it. A plan is as new as its publication
//! (`plan.yaml` published_on, else approved_on); without one, the first day of its fiscal year,
//! the latest day the law lets it appear.

use prongsai_model::{Date, FiscalYear, YearMonth, fiscal_year_months};

/// The first day of fiscal year `fy` (1 October of the year before).
fn year_start(fy: &FiscalYear, as_of: Date) -> Date {
    fiscal_year_months(fy.year)[0].first_day().unwrap_or(as_of)
}

pub fn plan_updated(fy: &FiscalYear, as_of: Date) -> Date {
    fy.plan_meta
        .as_ref()
        .and_then(|m| m.published_on.or(m.approved_on))
        .unwrap_or_else(|| year_start(fy, as_of))
}

/// The newest of `months` that has a month file, as above; `None` when none has.
pub fn months_updated(
    fy: &FiscalYear,
    months: impl IntoIterator<Item = YearMonth>,
    as_of: Date,
) -> Option<Date> {
    months
        .into_iter()
        .filter(|ym| fy.months.contains_key(ym))
        .filter_map(YearMonth::last_day)
        .max()
        .map(|d| d.min(as_of).max(year_start(fy, as_of)))
}

pub fn month_updated(fy: &FiscalYear, ym: YearMonth, as_of: Date) -> Date {
    months_updated(fy, [ym], as_of).unwrap_or_else(|| plan_updated(fy, as_of))
}

/// The whole year: its newest month file and its plan, whichever is newer.
pub fn year_updated(fy: &FiscalYear, as_of: Date) -> Date {
    let plan = fy.plan.as_ref().map(|_| plan_updated(fy, as_of));
    match (months_updated(fy, fy.months.keys().copied(), as_of), plan) {
        (Some(m), Some(p)) => m.max(p),
        (Some(d), None) | (None, Some(d)) => d,
        (None, None) => plan_updated(fy, as_of),
    }
}

/// The newest data of the whole site: what a page made of all years is as new as.
pub fn data_updated(data: &prongsai_model::Data, as_of: Date) -> Option<Date> {
    data.years.values().map(|fy| year_updated(fy, as_of)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_as_new_as_its_last_day_or_as_of() {
        let mut fy = FiscalYear {
            year: 2569,
            ..FiscalYear::default()
        };
        let oct = YearMonth::new(2568, 10);
        let nov = YearMonth::new(2568, 11);
        for ym in [oct, nov] {
            fy.months.insert(
                ym,
                prongsai_model::MonthFile {
                    joined: Vec::new(),
                    month: ym,
                    file: std::sync::Arc::new(prongsai_model::SourceFile::default()),
                    records: Vec::new(),
                },
            );
        }
        let as_of = Date::from_be(2568, 11, 10).unwrap();
        assert_eq!(
            month_updated(&fy, oct, as_of),
            Date::from_be(2568, 10, 31).unwrap()
        );
        assert_eq!(month_updated(&fy, nov, as_of), as_of);
        assert_eq!(year_updated(&fy, as_of), as_of);
        // No plan.yaml: the first day of the fiscal year.
        assert_eq!(
            plan_updated(&fy, as_of),
            Date::from_be(2568, 10, 1).unwrap()
        );
    }
}
