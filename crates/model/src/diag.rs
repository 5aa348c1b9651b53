use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn thai(self) -> &'static str {
        match self {
            Severity::Error => "ข้อผิดพลาด",
            Severity::Warning => "คำเตือน",
            Severity::Info => "หมายเหตุ",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a problem is: a file relative to the site root (with `/`), and where known its line
/// and column (1-based, as spreadsheet users count) and the column's header as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_name: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            ..Location::default()
        }
    }

    pub fn line(file: impl Into<String>, line: u32) -> Location {
        Location {
            file: file.into(),
            line: Some(line),
            ..Location::default()
        }
    }

    pub fn cell(
        file: impl Into<String>,
        line: u32,
        column: u32,
        column_name: impl Into<String>,
    ) -> Location {
        Location {
            file: file.into(),
            line: Some(line),
            column: Some(column),
            column_name: Some(column_name.into()),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// A problem found in the input, as a value: stages collect these and never stop at the first.
///
/// Every message exists in Thai (for the finance division) and English, and says how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable identifier, e.g. `P101` or `ITA-O12-MISSING-MONTH`; documented in the rule reference.
    pub code: String,
    pub severity: Severity,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The offending text as found in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub message_th: String,
    pub message_en: String,
    /// What the rule rests on: a law section, an ITA item, or a red-flag guide.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: impl Into<String>,
        message_th: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: code.into(),
            severity,
            location: None,
            text: None,
            message_th: message_th.into(),
            message_en: message_en.into(),
            source: None,
        }
    }

    pub fn error(
        code: impl Into<String>,
        th: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, th, en)
    }

    pub fn warning(
        code: impl Into<String>,
        th: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, th, en)
    }

    pub fn info(
        code: impl Into<String>,
        th: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Info, code, th, en)
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Diagnostic {
        self.text = Some(text.into());
        self
    }

    pub fn with_source(mut self, source: impl Into<String>) -> Diagnostic {
        self.source = Some(source.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Order for reports: by file, line, column, then code, so output is stable across runs.
    pub fn sort_key(&self) -> (Option<&str>, Option<u32>, Option<u32>, &str, &str) {
        let loc = self.location.as_ref();
        (
            loc.map(|l| l.file.as_str()),
            loc.and_then(|l| l.line),
            loc.and_then(|l| l.column),
            self.code.as_str(),
            self.message_en.as_str(),
        )
    }
}

/// Sorts diagnostics into the stable report order.
pub fn sort_diagnostics(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: error[P101]: Thai message` then the English under it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message_th)?;
        write!(f, "\n    {}", self.message_en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_json() {
        let d = Diagnostic::error("P101", "จำนวนเงินไม่ถูกต้อง", "Invalid amount")
            .at(Location::cell(
                "procurement-data/2568/months/2567-10.csv",
                3,
                5,
                "วงเงินงบประมาณ",
            ))
            .with_text("12a");
        assert_eq!(
            d.to_string(),
            "procurement-data/2568/months/2567-10.csv:3:5: error[P101]: จำนวนเงินไม่ถูกต้อง\n    Invalid amount"
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["line"], 3);
        assert_eq!(json["column_name"], "วงเงินงบประมาณ");
        assert_eq!(json["severity"], "error");
    }
}
