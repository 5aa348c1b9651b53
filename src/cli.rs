//! Command line: parsing, printing diagnostics, exit codes. The stages themselves never print.

use crate::build::{BuildFailure, BuildOptions, build_site};
use clap::{Parser, Subcommand};
use prongsai_model::{Date, Diagnostic, Severity};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes: 0 ok, 1 the input has errors, 2 usage or internal failure.
const EXIT_INPUT: u8 = 1;
const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "prongsai",
    version,
    about = "prongsai (โปร่งใส, \"transparent\"): builds a local government's procurement disclosure website (การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง, ITA) from Markdown pages and procurement spreadsheets.",
    after_help = "Site root layout: site.yaml, content/ (Markdown pages), procurement-data/ (แผน / สขร.1 month files), themes/<name>/ (optional overrides).\nExit codes: 0 ok, 1 the input has errors (ข้อมูลมีข้อผิดพลาด), 2 usage or internal failure."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into a folder (สร้างเว็บไซต์). The previous output is replaced only if the whole build succeeds.
    Build(BuildArgs),
}

#[derive(clap::Args, Debug)]
struct BuildArgs {
    /// Site root: the folder with site.yaml, content/ and procurement-data/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Output folder [default: <root>/public].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Absolute address of the published site, e.g. https://www.muangluang.go.th (overrides base_url in site.yaml).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The date the site describes (วันที่ของข้อมูล), as YYYY-MM-DD in BE (2569-11-01) or CE (2026-11-01). Default: SOURCE_DATE_EPOCH if set, else none, so builds stay reproducible.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: Option<Date>,
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    prongsai_content::parse_date(text).ok_or_else(|| {
        format!("วันที่ \"{text}\" ไม่ถูกต้อง — use YYYY-MM-DD, e.g. 2569-11-01 (BE) or 2026-11-01 (CE)")
    })
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) as a date.
fn source_date_epoch() -> Option<Date> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Date::from_days(secs.div_euclid(86_400)))
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Build(args) => build(args),
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    (errors, warnings)
}

fn build(args: BuildArgs) -> ExitCode {
    let out = args.out.unwrap_or_else(|| args.root.join("public"));
    let opts = BuildOptions {
        root: args.root,
        out,
        base_url: args.base_url,
        as_of: args.as_of.or_else(source_date_epoch),
    };
    match build_site(&opts) {
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            let (_, warnings) = counts(&report.diagnostics);
            println!(
                "สร้างเว็บไซต์เสร็จ: {} ไฟล์ใน {} (คำเตือน {warnings})\nbuilt {} files ({} bytes) into {}, {warnings} warning(s)",
                report.files,
                opts.out.display(),
                report.files,
                report.bytes,
                opts.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(BuildFailure::Input(diags)) => {
            print_diagnostics(&diags);
            let (errors, warnings) = counts(&diags);
            eprintln!(
                "\nไม่ได้สร้างเว็บไซต์: พบข้อผิดพลาด {errors} รายการ (คำเตือน {warnings}) — แก้ไขแล้วสั่ง build อีกครั้ง ผลลัพธ์เดิมใน {} ยังอยู่ครบ\nnot built: {errors} error(s), {warnings} warning(s); fix them and build again. The previous output in {} is unchanged.",
                opts.out.display(),
                opts.out.display()
            );
            ExitCode::from(EXIT_INPUT)
        }
        Err(BuildFailure::Internal(message)) => {
            eprintln!("{message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn as_of_accepts_be_and_ce() {
        assert_eq!(
            parse_as_of("2569-11-01").map(Date::iso),
            Ok("2026-11-01".to_owned())
        );
        assert_eq!(
            parse_as_of("2026-11-01").map(Date::iso),
            Ok("2026-11-01".to_owned())
        );
        assert!(parse_as_of("1/11/2569").is_err());
    }
}
