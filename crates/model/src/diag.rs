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
    /// The worksheet, when the file is a workbook; `line` is then the sheet's row number and
    /// `column` its column (A = 1), so the place reads as Excel shows it: `แผ่นงาน สขร1, เซลล์ F7`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
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
            sheet: None,
        }
    }

    /// The same place inside worksheet `sheet` (no change for `None`, i.e. a text file).
    pub fn in_sheet(mut self, sheet: Option<String>) -> Location {
        if sheet.is_some() {
            self.sheet = sheet;
        }
        self
    }

    /// The cell as Excel names it (`F7`), when the location is a cell of a worksheet.
    pub fn cell_ref(&self) -> Option<String> {
        self.sheet.as_ref()?;
        Some(format!("{}{}", column_letters(self.column?), self.line?))
    }

    /// The place in English, for the English line of a report: the same as [`fmt::Display`]
    /// for a text file, `file, sheet S, cell F7` for a workbook.
    pub fn english(&self) -> String {
        match &self.sheet {
            None => self.to_string(),
            Some(sheet) => self.in_words(sheet, "sheet", "cell", "row"),
        }
    }

    /// For a place in a workbook, how to find it in Thai and in English, with the column's
    /// header, since a finance officer looks for the cell by what the sheet shows:
    /// `file, แผ่นงาน สขร1, เซลล์ F7 (คอลัมน์ "ราคากลาง")`. `None` for a text file.
    pub fn sheet_places(&self) -> Option<(String, String)> {
        self.sheet.as_ref()?;
        let (col_th, col_en) = match &self.column_name {
            Some(h) if !h.is_empty() => (format!(" (คอลัมน์ \"{h}\")"), format!(" (column \"{h}\")")),
            _ => (String::new(), String::new()),
        };
        Some((
            format!("{self}{col_th}"),
            format!("{}{col_en}", self.english()),
        ))
    }

    fn in_words(&self, sheet: &str, sheet_w: &str, cell_w: &str, row_w: &str) -> String {
        let mut s = format!("{}, {sheet_w} {sheet}", self.file);
        match (self.cell_ref(), self.line) {
            (Some(cell), _) => s.push_str(&format!(", {cell_w} {cell}")),
            (None, Some(line)) => s.push_str(&format!(", {row_w} {line}")),
            (None, None) => {}
        }
        s
    }
}

/// Excel's column name of a 1-based column number: 1 → A, 26 → Z, 27 → AA.
pub fn column_letters(column: u32) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Location {
    /// `file:line:col` for a text file (as compilers and editors write it); for a workbook the
    /// way a spreadsheet user finds the cell: `file, แผ่นงาน สขร1, เซลล์ F7`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            return f.write_str(&self.in_words(sheet, "แผ่นงาน", "เซลล์", "แถว"));
        }
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
    /// Stable identifier, e.g. `P101`: an entry of [`crate::codes`], documented in docs/diagnostics.md.
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
        let code = code.into();
        // Every code a stage emits is registered, so the reference and `explain` know it: any
        // test that reaches an unregistered code fails here.
        debug_assert!(
            crate::codes::get(&code).is_some(),
            "diagnostic code {code:?} is not in prongsai_model::codes"
        );
        Diagnostic {
            code,
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
    /// `file:line:col: error[P101]: Thai message` then the English under it; in a workbook the
    /// place is given in each language (`file, แผ่นงาน สขร1, เซลล์ F7 (คอลัมน์ "…")`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sheet = self.location.as_ref().and_then(Location::sheet_places);
        match (&sheet, &self.location) {
            (Some((th, _)), _) => write!(f, "{th}: ")?,
            (None, Some(loc)) => write!(f, "{loc}: ")?,
            (None, None) => {}
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message_th)?;
        match &sheet {
            Some((_, en)) => write!(f, "\n    {en}: {}", self.message_en),
            None => write!(f, "\n    {}", self.message_en),
        }
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
        assert!(json.get("sheet").is_none());
        assert_eq!(json["line"], 3);
        assert_eq!(json["column_name"], "วงเงินงบประมาณ");
        assert_eq!(json["severity"], "error");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "not in prongsai_model::codes")]
    fn an_unregistered_code_is_refused() {
        let _ = Diagnostic::warning("LINT-1", "ไม่มีรหัสนี้", "no such code");
    }

    #[test]
    fn workbook_places_read_as_excel_shows_them() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(6), "F");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
        let d = Diagnostic::error("P121", "จำนวนเงินไม่ถูกต้อง", "invalid amount: fix it").at(
            Location::cell(
                "procurement-data/2570/months/2569-11.xlsx",
                7,
                6,
                "ราคากลาง",
            )
            .in_sheet(Some("สขร1".into())),
        );
        assert_eq!(
            d.to_string(),
            "procurement-data/2570/months/2569-11.xlsx, แผ่นงาน สขร1, เซลล์ F7 (คอลัมน์ \"ราคากลาง\"): error[P121]: จำนวนเงินไม่ถูกต้อง\n    procurement-data/2570/months/2569-11.xlsx, sheet สขร1, cell F7 (column \"ราคากลาง\"): invalid amount: fix it"
        );
        let row = Location::line("b.xlsx", 3).in_sheet(Some("S".into()));
        assert_eq!(row.to_string(), "b.xlsx, แผ่นงาน S, แถว 3");
        assert_eq!(row.english(), "b.xlsx, sheet S, row 3");
        assert_eq!(
            Location::line("a.csv", 3).in_sheet(None).to_string(),
            "a.csv:3"
        );
    }
}
