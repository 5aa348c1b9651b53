//! The load stage's diagnostic codes (documented in `DIAGNOSTICS.md`) and small constructors.

use crate::values::ValueError;
use prongsai_model::{Diagnostic, Location};

pub const ENCODING_874: &str = "P100";
pub const NOT_TEXT: &str = "P101";
pub const EMPTY_FILE: &str = "P102";
pub const UNREADABLE: &str = "P103";
pub const UNBALANCED_QUOTE: &str = "P104";
pub const FILE_TOO_LARGE: &str = "P105";
pub const CELL_TOO_LARGE: &str = "P106";
pub const TOO_MANY_ROWS: &str = "P107";
pub const SYMLINK: &str = "P108";
pub const UNKNOWN_COLUMN: &str = "P110";
pub const MISSING_COLUMN: &str = "P111";
pub const DUPLICATE_COLUMN: &str = "P112";
pub const NO_HEADER: &str = "P113";
pub const EXTRA_CELLS: &str = "P114";
pub const BAD_WORKBOOK: &str = "P115";
pub const PROTECTED_WORKBOOK: &str = "P116";
pub const MERGED_CELLS: &str = "P117";
pub const CELL_ERROR: &str = "P118";
pub const FORMULA_NO_VALUE: &str = "P119";
pub const EMPTY_CELL: &str = "P120";
pub const BAD_MONEY: &str = "P121";
pub const BAD_DATE: &str = "P122";
pub const BAD_MONTH: &str = "P123";
pub const BAD_METHOD: &str = "P124";
pub const BAD_STATUS: &str = "P125";
pub const BAD_TIN: &str = "P126";
pub const BAD_EGP: &str = "P127";
pub const BAD_SEQ: &str = "P128";
pub const BAD_BIDS: &str = "P129";
pub const BID_NO_PRICE: &str = "P130";
pub const DUPLICATE_SEQ: &str = "P131";
pub const DUPLICATE_PLAN_ID: &str = "P132";
pub const MONTH_FILE_NAME: &str = "P140";
pub const MONTH_OUTSIDE_FY: &str = "P141";
pub const YEAR_FOLDER: &str = "P142";
pub const UNKNOWN_FILE: &str = "P143";
pub const NO_AGENCY: &str = "P144";
pub const TWO_FORMATS: &str = "P145";
pub const SAVE_AS: &str = "P146";
pub const YAML_SYNTAX: &str = "P150";
pub const MISSING_KEY: &str = "P151";
pub const UNKNOWN_KEY: &str = "P152";
pub const BAD_KEY_VALUE: &str = "P153";
pub const FRONT_MATTER: &str = "P154";
pub const BAD_URL: &str = "P155";

/// A value that failed to parse, at its cell, carrying the text as found.
pub fn value_error(code: &str, e: ValueError, loc: Location, text: &str) -> Diagnostic {
    Diagnostic::error(code, e.th, e.en).at(loc).with_text(text)
}
