//! `site.yaml`, the one file that configures a site: its whole schema (site settings,
//! `markdown:`, `limits:`, `checks:`, `ita:`), every default, and the located diagnostics of
//! reading it. The other stages read the parsed [`SiteConfig`]; none reads the file's text.
//!
//! Codes reported here: `C100`–`C109` and `C116` (the file and the site settings). The `checks:` and
//! `ita:` sections are parsed here too, but a problem in them is the check stage's to report
//! (`C001`, `C004`), so it is kept as a located [`SectionError`].

mod checks;
mod date;
mod ita;
mod licence;
mod limits;
mod site;
pub mod yaml;

pub use checks::CheckConfig;
pub use date::parse_date;
pub use ita::ExternalEvidence;
pub use licence::{LICENCES, Licence, find_licence};
pub use limits::{DEFAULT_MAX_CELL_KB, DEFAULT_MAX_FILE_MB, DEFAULT_MAX_ROWS, Limits};
pub use site::{
    EgpConfig, KNOWN_KEYS, MarkdownConfig, MenuItem, RawHtml, SITE_FILE, SectionError, SiteConfig,
    load, parse,
};
