//! `limits:`: bounds on what one file may hold, so a broken or hostile file is a clear error
//! instead of exhausting memory (docs/security.md, "Size limits").

use serde::Deserialize;

/// Largest file read from the site root (Markdown page, asset, data file) unless
/// `limits: { max_file_mb: … }` says otherwise: a scanned PDF fits, a runaway export does not.
pub const DEFAULT_MAX_FILE_MB: u64 = 50;
/// Largest e-GP data file (`<FY>/egp/`), read as a stream: data.go.th's national `cgd-contract`
/// resource for a year is about 300 MB, and a provincial extract far less.
pub const DEFAULT_MAX_EGP_FILE_MB: u64 = 1024;
/// Largest single CSV cell: a long project title is a few hundred bytes.
pub const DEFAULT_MAX_CELL_KB: u64 = 64;
/// Most data rows in one CSV file: a month of a very large agency is a few thousand; the
/// 1M-record benchmark spreads ~8k a month.
pub const DEFAULT_MAX_ROWS: u64 = 100_000;

/// The limits in the units the readers count in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes (`max_file_mb`).
    pub max_file_bytes: u64,
    /// Largest single CSV cell, in bytes (`max_cell_kb`).
    pub max_cell_bytes: usize,
    /// Most data rows in one CSV file (`max_rows`).
    pub max_rows: usize,
    /// Largest e-GP data file, in bytes (`max_egp_file_mb`): streamed, so only its size is
    /// bounded here; a line of it is bounded by `max_cell_bytes` times the columns it may have.
    pub max_egp_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        RawLimits::default().resolve()
    }
}

/// `limits:` as written.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLimits {
    max_file_mb: Option<u64>,
    max_cell_kb: Option<u64>,
    max_rows: Option<u64>,
    max_egp_file_mb: Option<u64>,
}

impl RawLimits {
    pub(crate) fn resolve(self) -> Limits {
        Limits {
            max_file_bytes: self
                .max_file_mb
                .unwrap_or(DEFAULT_MAX_FILE_MB)
                .saturating_mul(1024 * 1024),
            max_cell_bytes: usize::try_from(
                self.max_cell_kb
                    .unwrap_or(DEFAULT_MAX_CELL_KB)
                    .saturating_mul(1024),
            )
            .unwrap_or(usize::MAX),
            max_rows: usize::try_from(self.max_rows.unwrap_or(DEFAULT_MAX_ROWS))
                .unwrap_or(usize::MAX),
            max_egp_file_bytes: self
                .max_egp_file_mb
                .unwrap_or(DEFAULT_MAX_EGP_FILE_MB)
                .saturating_mul(1024 * 1024),
        }
    }
}

/// The limits written, when the file as a whole could not be read (C101): its own problem
/// is reported once, and a readable `limits:` section still bounds what the loaders read.
pub(crate) fn lenient(text: &str) -> Limits {
    #[derive(Deserialize, Default)]
    struct Site {
        #[serde(default)]
        limits: RawLimits,
    }
    serde_saphyr::from_str::<Option<Site>>(text)
        .ok()
        .flatten()
        .unwrap_or_default()
        .limits
        .resolve()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_in_reader_units() {
        let d = Limits::default();
        assert_eq!(d.max_file_bytes, 50 * 1024 * 1024);
        assert_eq!(d.max_cell_bytes, 64 * 1024);
        assert_eq!(d.max_rows, 100_000);
        assert_eq!(d.max_egp_file_bytes, 1024 * 1024 * 1024);
    }
}
