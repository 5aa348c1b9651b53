//! Diagnostics as text for people (`human`), programs (`json`) and GitHub Actions (`github`).

use prongsai_model::{Diagnostic, Severity};
use std::fmt::Write as _;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "github" => Ok(Format::Github),
            other => Err(format!(
                "unknown format {other:?}: use human, json or github"
            )),
        }
    }
}

/// Counts by severity: (errors, warnings, info).
pub fn counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    diags
        .iter()
        .fold((0, 0, 0), |(e, w, i), d| match d.severity {
            Severity::Error => (e + 1, w, i),
            Severity::Warning => (e, w + 1, i),
            Severity::Info => (e, w, i + 1),
        })
}

/// Renders `diags` (expected already sorted, as `check` returns them). `color` adds ANSI colours
/// to `human` only.
pub fn render_report(diags: &[Diagnostic], format: Format, color: bool) -> String {
    match format {
        Format::Human => human(diags, color),
        Format::Json => json(diags),
        Format::Github => github(diags),
    }
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.wrap(code, s.as_str())
    }
}

fn human(diags: &[Diagnostic], color: bool) -> String {
    let paint = Paint(color);
    let mut out = String::new();
    let mut current: Option<Option<&str>> = None;
    for d in diags {
        let file = d.location.as_ref().map(|l| l.file.as_str());
        if current != Some(file) {
            if current.is_some() {
                out.push('\n');
            }
            let header = file.unwrap_or("(ทั่วไป / general)");
            let _ = writeln!(out, "{}", paint.wrap("1", header));
            current = Some(file);
        }
        // A workbook's place reads as Excel shows it, in each language (sheet, cell, header).
        let sheet = d.location.as_ref().and_then(|l| l.sheet_places());
        let place = match (&sheet, &d.location) {
            (Some((th, _)), _) => format!("{th}: "),
            (None, Some(l)) => format!("{l}: "),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "{place}{}[{}]: {}",
            paint.severity(d.severity),
            d.code,
            d.message_th
        );
        let en = match &sheet {
            Some((_, en)) => format!("{en}: {}", d.message_en),
            None => d.message_en.clone(),
        };
        let _ = writeln!(out, "    {}", paint.wrap("2", &en));
    }
    let (e, w, i) = counts(diags);
    if !diags.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "สรุป: ข้อผิดพลาด {e} รายการ, คำเตือน {w} รายการ, หมายเหตุ {i} รายการ"
    );
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let _ = writeln!(
        out,
        "Summary: {}, {}, {}",
        plural(e, "error", "errors"),
        plural(w, "warning", "warnings"),
        plural(i, "info", "info")
    );
    out
}

fn json(diags: &[Diagnostic]) -> String {
    let (e, w, i) = counts(diags);
    // Every key is always present (null when unknown) so consumers can rely on the shape.
    let items: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let loc = d.location.as_ref();
            serde_json::json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "file": loc.map(|l| l.file.as_str()),
                "line": loc.and_then(|l| l.line),
                "column": loc.and_then(|l| l.column),
                "column_name": loc.and_then(|l| l.column_name.as_deref()),
                "sheet": loc.and_then(|l| l.sheet.as_deref()),
                "text": d.text,
                "message_th": d.message_th,
                "message_en": d.message_en,
                "source": d.source,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "version": 1,
        "summary": {"errors": e, "warnings": w, "info": i},
        "diagnostics": items,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// GitHub's workflow-command escaping for the message part.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// And for property values, which also may not contain `:` or `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = crate::rules()
            .iter()
            .find(|r| r.code == d.code)
            .map(|r| format!("{} {}", d.code, r.title_th))
            .unwrap_or_else(|| d.code.clone());
        let mut props = Vec::new();
        if let Some(l) = &d.location {
            props.push(format!("file={}", escape_property(&l.file)));
            if let Some(line) = l.line {
                props.push(format!("line={line}"));
            }
            if let Some(col) = l.column {
                props.push(format!("col={col}"));
            }
        }
        props.push(format!("title={}", escape_property(&title)));
        let message = format!("{}\n{}", d.message_th, d.message_en);
        let _ = writeln!(
            out,
            "::{command} {}::{}",
            props.join(","),
            escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use prongsai_model::Location;

    fn sample() -> Vec<Diagnostic> {
        vec![
            Diagnostic::error("C304", "ราคาสูง, เกิน: 100%", "Price above budget")
                .at(Location::cell(
                    "procurement-data/2568/months/2567-10.csv",
                    3,
                    12,
                    "ราคาที่ตกลงซื้อหรือจ้าง",
                ))
                .with_text("12,000.00")
                .with_source("law"),
            Diagnostic::warning("C202", "ไม่มีเลข", "No number").at(Location::line(
                "procurement-data/2568/months/2567-10.csv",
                4,
            )),
            Diagnostic::info("C311", "หมายเหตุ", "Note")
                .at(Location::file("procurement-data/2568/plan.yaml")),
        ]
    }

    #[test]
    fn human_groups_by_file_and_counts() {
        let s = render_report(&sample(), Format::Human, false);
        assert_eq!(
            s,
            "procurement-data/2568/months/2567-10.csv\n\
             procurement-data/2568/months/2567-10.csv:3:12: error[C304]: ราคาสูง, เกิน: 100%\n    Price above budget\n\
             procurement-data/2568/months/2567-10.csv:4: warning[C202]: ไม่มีเลข\n    No number\n\
             \n\
             procurement-data/2568/plan.yaml\n\
             procurement-data/2568/plan.yaml: info[C311]: หมายเหตุ\n    Note\n\
             \n\
             สรุป: ข้อผิดพลาด 1 รายการ, คำเตือน 1 รายการ, หมายเหตุ 1 รายการ\n\
             Summary: 1 error, 1 warning, 1 info\n"
        );
        assert!(!s.contains('\x1b'));
        let c = render_report(&sample(), Format::Human, true);
        assert!(c.contains("\x1b[1;31merror\x1b[0m"));
        assert_eq!(render_report(&[], Format::Human, false).lines().count(), 2);
    }

    #[test]
    fn json_has_a_stable_shape() {
        let v: serde_json::Value =
            serde_json::from_str(&render_report(&sample(), Format::Json, false)).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["summary"]["errors"], 1);
        assert_eq!(v["summary"]["info"], 1);
        let first = &v["diagnostics"][0];
        for key in [
            "code",
            "severity",
            "file",
            "line",
            "column",
            "column_name",
            "sheet",
            "text",
            "message_th",
            "message_en",
            "source",
        ] {
            assert!(first.get(key).is_some(), "{key}");
        }
        assert_eq!(first["column"], 12);
        assert!(v["diagnostics"][2]["line"].is_null());
    }

    #[test]
    fn github_escapes_properties_and_data() {
        let s = render_report(&sample(), Format::Github, false);
        let first = s.lines().next().unwrap();
        assert!(
            first.starts_with(
                "::error file=procurement-data/2568/months/2567-10.csv,line=3,col=12,title=C304 "
            ),
            "{first}"
        );
        assert!(
            first.ends_with("::ราคาสูง, เกิน: 100%25%0APrice above budget"),
            "{first}"
        );
        assert!(s.contains("::notice file=procurement-data/2568/plan.yaml,title="));
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn formats_parse() {
        assert_eq!("GitHub".parse::<Format>(), Ok(Format::Github));
        assert!("xml".parse::<Format>().is_err());
    }
}
