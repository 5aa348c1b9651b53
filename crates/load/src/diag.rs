//! The load stage's names for its diagnostic codes (registered, with their titles and fixes, in
//! `prongsai_model::codes`; reference in docs/diagnostics.md) and small constructors.

use crate::values::ValueError;
use prongsai_model::{Diagnostic, Location, codes};

pub const ENCODING_874: &str = codes::P100.code;
pub const NOT_TEXT: &str = codes::P101.code;
pub const EMPTY_FILE: &str = codes::P102.code;
pub const UNREADABLE: &str = codes::P103.code;
pub const UNBALANCED_QUOTE: &str = codes::P104.code;
pub const FILE_TOO_LARGE: &str = codes::P105.code;
pub const CELL_TOO_LARGE: &str = codes::P106.code;
pub const TOO_MANY_ROWS: &str = codes::P107.code;
pub const SYMLINK: &str = codes::P108.code;
pub const UNKNOWN_COLUMN: &str = codes::P110.code;
pub const MISSING_COLUMN: &str = codes::P111.code;
pub const DUPLICATE_COLUMN: &str = codes::P112.code;
pub const NO_HEADER: &str = codes::P113.code;
pub const EXTRA_CELLS: &str = codes::P114.code;
pub const BAD_WORKBOOK: &str = codes::P115.code;
pub const PROTECTED_WORKBOOK: &str = codes::P116.code;
pub const MERGED_CELLS: &str = codes::P117.code;
pub const CELL_ERROR: &str = codes::P118.code;
pub const FORMULA_NO_VALUE: &str = codes::P119.code;
pub const EMPTY_CELL: &str = codes::P120.code;
pub const BAD_MONEY: &str = codes::P121.code;
pub const BAD_DATE: &str = codes::P122.code;
pub const BAD_MONTH: &str = codes::P123.code;
pub const BAD_METHOD: &str = codes::P124.code;
pub const BAD_STATUS: &str = codes::P125.code;
pub const BAD_TIN: &str = codes::P126.code;
pub const BAD_EGP: &str = codes::P127.code;
pub const BAD_SEQ: &str = codes::P128.code;
pub const BAD_BIDS: &str = codes::P129.code;
pub const BID_NO_PRICE: &str = codes::P130.code;
pub const DUPLICATE_SEQ: &str = codes::P131.code;
pub const DUPLICATE_PLAN_ID: &str = codes::P132.code;
pub const TWO_LAYOUTS: &str = codes::P133.code;
pub const OTHER_MONTH: &str = codes::P134.code;
pub const NOT_GIVEN: &str = codes::P135.code;
pub const JOIN_DIFFERS: &str = codes::P136.code;
pub const JOIN_UNPAIRED: &str = codes::P137.code;
pub const OTHER_AGENCY: &str = codes::P138.code;
pub const BAD_UNSPSC: &str = codes::P139.code;
pub const MONTH_FILE_NAME: &str = codes::P140.code;
pub const MONTH_OUTSIDE_FY: &str = codes::P141.code;
pub const YEAR_FOLDER: &str = codes::P142.code;
pub const UNKNOWN_FILE: &str = codes::P143.code;
pub const NO_AGENCY: &str = codes::P144.code;
pub const TWO_FORMATS: &str = codes::P145.code;
pub const SAVE_AS: &str = codes::P146.code;
pub const YAML_SYNTAX: &str = codes::P150.code;
pub const MISSING_KEY: &str = codes::P151.code;
pub const UNKNOWN_KEY: &str = codes::P152.code;
pub const BAD_KEY_VALUE: &str = codes::P153.code;
pub const FRONT_MATTER: &str = codes::P154.code;
pub const BAD_URL: &str = codes::P155.code;
pub const EGP_NOT_READ: &str = codes::P160.code;
pub const EGP_SHIFTED_FILE: &str = codes::P161.code;
pub const EGP_SHIFTED_ROW: &str = codes::P162.code;
pub const EGP_BAD_VALUE: &str = codes::P163.code;
pub const EGP_OTHERS: &str = codes::P164.code;
pub const EGP_NONE_OURS: &str = codes::P165.code;

/// A value that failed to parse, at its cell, carrying the text as found.
pub fn value_error(code: &str, e: ValueError, loc: Location, text: &str) -> Diagnostic {
    Diagnostic::error(code, e.th, e.en).at(loc).with_text(text)
}
