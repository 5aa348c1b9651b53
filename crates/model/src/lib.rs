//! The typed domain every stage of prongsai shares.
//!
//! Values here are already valid: parsing text into them (and reporting what could not be parsed)
//! is the load stage's job, so later stages never re-validate a `Money` or a `Date`.

pub mod codes;
mod date;
mod diag;
mod digits;
mod domain;
mod egp;
pub mod findings;
mod gaps;
mod ids;
mod method;
mod money;
mod summary;
mod value;

pub use date::{
    BE_OFFSET, Date, THAI_MONTHS_LONG, THAI_MONTHS_SHORT, YearMonth, fiscal_quarter_months,
    fiscal_year_months, fiscal_year_of,
};
pub use diag::{Diagnostic, Location, Severity, column_letters, sort_diagnostics};
pub use digits::{has_thai_digits, thai_to_arabic_digits, to_thai_digits};
pub use domain::*;
pub use egp::{EGP_FIELDS, Egp, EgpContract, EgpDiff, EgpLink, EgpValue, egp_status};
pub use gaps::{
    Disclosure, DueRules, Gap, annual_report_due, annual_report_shown, covered_years,
    fiscal_year_end, fiscal_year_start, gaps, month_due, month_ended, open_years, plan_due,
    quarters_shown,
};
pub use ids::{EgpNo, Tin, Unspsc, tin_check_digit};
pub use method::{Method, Status};
pub use money::{Grouped, Money};
pub use summary::{
    PlanProgress, Supplier, SupplierKey, Tally, YearSummary, normalise_name, suppliers, winner_name,
};
pub use value::{ValueError, normalise_value, parse_date, parse_date_any_era, parse_month};
