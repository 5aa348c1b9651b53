//! Render stage: open-data downloads (CSV with BOM, JSON, XLSX in the ITA layout, PDF of แบบ สขร.1)
//! and the documents assessors ask for: a quarter's แบบ สขร.1 (ITA O11), the annual summary (ITA
//! O12) and the procurement plan (มาตรา 11), each as PDF and XLSX.
//!
//! Every function is pure: it takes the model and returns the file's bytes, so the render stage
//! can call them in parallel and hand the bytes to the one writing choke point. Output is
//! byte-for-byte deterministic: no clock, no random ids, no hash-map iteration order.
//!
//! See `README.md` in this crate for every output's columns, formats and the reasons for them.

mod card;
mod csv_out;
mod form;
mod icon;
mod json;
mod pdf;
mod safe;
pub mod templates;
mod xlsx;
mod xlsx_docs;

pub use card::{CARD_HEIGHT, CARD_WIDTH, og_card};
pub use csv_out::{month_template_csv, plan_csv, procurements_csv, table_csv};
pub use form::{NOT_PUBLISHED, QuarterMonth, quarter_months};
pub use icon::{ICO_SIZES, TOUCH_ICON_SIZE, ico, icon_png, png_size};
pub use json::{plan_json, procurements_json};
pub use pdf::{
    ShapeCache, annual_summary_pdf, annual_summary_pdf_shared, month_pdf, month_pdf_shared,
    plan_pdf, plan_pdf_shared, quarter_pdf, quarter_pdf_shared,
};
pub use safe::neutralise_formula;
pub use templates::{month_template_xlsx, plan_template_xlsx};
pub use xlsx::{month_xlsx, quarter_xlsx};
pub use xlsx_docs::{annual_summary_xlsx, plan_xlsx};

use prongsai_model::{Date, YearMonth};
use std::fmt;

/// Settings that would otherwise come from the environment; passing them in keeps output reproducible.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The creation date written into XLSX and PDF metadata. `None` dates a month's document on the
    /// last day of that month (when the summary could first be complete), never today's date, so a
    /// rebuild of unchanged data gives identical bytes. The render stage may pass, for example, the
    /// date of the data's last commit.
    pub created: Option<Date>,
}

impl ExportOptions {
    /// The date to stamp on a month's document.
    pub(crate) fn created_for(&self, month: YearMonth) -> Date {
        self.created
            .or_else(|| month.last_day())
            // A `YearMonth` from the model always has a last day; this fallback only keeps the
            // function total without panicking on a hand-built invalid month.
            .unwrap_or_else(|| Date::from_days(0))
    }
}

/// Why an XLSX or PDF could not be produced. JSON and CSV cannot fail on valid model data.
#[derive(Debug)]
pub enum ExportError {
    Xlsx(rust_xlsxwriter::XlsxError),
    /// The embedded font could not be parsed or subset (a build defect, not a data problem).
    Font(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Xlsx(e) => write!(f, "XLSX export failed: {e}"),
            ExportError::Font(e) => write!(f, "PDF font error: {e}"),
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Xlsx(e) => Some(e),
            ExportError::Font(_) => None,
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ExportError::Xlsx(e)
    }
}

/// What an empty month says, in every format (ITA: a month without procurement must say so).
pub const NO_PROCUREMENT: &str = "ไม่มีการจัดซื้อจัดจ้าง";

/// The placeholder for a value that does not apply (e.g. the winner of a cancelled procurement):
/// Thai forms use a dash, and the ITA template wants no blank cells.
pub(crate) const NOT_APPLICABLE: &str = "-";

/// The note every output built from invented data carries.
pub const SAMPLE_NOTE: &str = "ข้อมูลตัวอย่าง: ไม่ใช่ข้อมูลจริงของหน่วยงาน";

/// `15/10/2567`: day/month/BE year, as Thai government forms and the finance division's own
/// month files write dates.
pub(crate) fn thai_numeric_date(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year_be())
}
