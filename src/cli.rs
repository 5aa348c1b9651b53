//! Command line: parsing, printing diagnostics, exit codes. The stages themselves never print.

use crate::build::{BuildFailure, BuildOptions, build_site, load_and_check, resolve_as_of};
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
    /// Build the site into a folder (สร้างเว็บไซต์). Runs every check first; the previous output is replaced only if the whole build succeeds.
    Build(BuildArgs),
    /// Check the procurement data against the data contract, the procurement law and the ITA criteria (ตรวจสอบข้อมูล), without building.
    Check(CheckArgs),
    /// Write a new, empty data file with the right headers (สร้างไฟล์ใหม่): `new month 2569-11`, `new plan 2570` or `new year 2571`.
    New(NewArgs),
    /// Start a new agency's site (เริ่มเว็บไซต์ใหม่): site.yaml, agency.yaml, the content pages, this fiscal year's folder, a GitHub workflow and a Thai README, in an empty folder. Asks on a terminal for what the flags leave out.
    Init(InitArgs),
    /// Print the rule reference (all check codes) as Markdown.
    Rules,
    /// Explain one diagnostic code (อธิบายรหัสข้อความ), e.g. `explain C401`: its Thai and English title, severity, what it rests on, how to fix it, and for a check rule the rule's documentation. Every code: docs/diagnostics.md.
    Explain {
        #[arg(value_name = "CODE")]
        code: String,
    },
    /// Convert a month file in another layout (แบบ สขร.1, the ITA list) to prongsai's template (แปลงไฟล์เป็นแม่แบบ): prints the CSV, or writes it with --out. The site never needs this: it reads those layouts as they are.
    Convert(ConvertArgs),
    /// e-GP's contract data (ข้อมูลสัญญาจากระบบ e-GP): `egp fetch [FY]` downloads the agency's contracts of a fiscal year from the CGD contract API into procurement-data/<FY>/egp/. The only command that uses the network.
    Egp(EgpArgs),
    /// Preview the site while editing (ดูตัวอย่างเว็บไซต์ขณะแก้ไข): builds in memory, serves it on 127.0.0.1, rebuilds on every saved change and reloads open pages. The output folder is never written.
    Serve(ServeArgs),
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Site root: the folder with site.yaml, content/ and procurement-data/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Port on 127.0.0.1; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 1111, value_name = "N")]
    port: u16,
    /// The date the site describes, as for build. Default: SOURCE_DATE_EPOCH if set, else today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: Option<Date>,
    /// Also evaluate this ITA assessment year (BE) for the ITA evidence index.
    #[arg(long, value_name = "YEAR")]
    ita: Option<i32>,
}

#[derive(clap::Args, Debug)]
struct EgpArgs {
    #[command(subcommand)]
    what: EgpWhat,
}

#[derive(Subcommand, Debug)]
enum EgpWhat {
    /// Download the agency's contracts (by agency.yaml's egp_department_code) of a BE fiscal year, e.g. 2568 [default: the current one], into procurement-data/<FY>/egp/egp-<FY>.json. The API key is read from the environment variable PRONGSAI_EGP_API_KEY (a GitHub repository secret EGP_API_KEY in the workflow prongsai init writes); PRONGSAI_EGP_API_URL replaces the API's address.
    Fetch {
        #[arg(value_name = "BE-FISCAL-YEAR")]
        year: Option<i32>,
        /// Site root.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
struct ConvertArgs {
    /// The month file: CSV, .xlsx or .xls, in any layout prongsai reads.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Write the template CSV here instead of printing it (refuses to replace an existing file).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The month the file covers, as a BE year and month (2568-03), when its name does not say.
    #[arg(long, value_name = "BE-YEAR-MONTH")]
    month: Option<String>,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Site root: the folder with site.yaml, content/ and procurement-data/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// "Today" for the checks: months whose last day is before it must be published. YYYY-MM-DD in CE or BE. Default: today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: Option<Date>,
    /// Output format: human (coloured on a terminal), json (stable, see crates/check/README.md) or github (workflow annotations).
    #[arg(long, default_value = "human", value_parser = clap::value_parser!(prongsai_check::Format))]
    format: prongsai_check::Format,
    /// Also evaluate this ITA assessment year (ปีที่ประเมิน ITA, BE), e.g. 2569, and list its items that are not complete, with what is missing and how to add it.
    #[arg(long, value_name = "YEAR")]
    ita: Option<i32>,
    /// Also append a Markdown report for the finance division to FILE (in CI: "$GITHUB_STEP_SUMMARY", the run's job summary): the errors, the findings and their explanations, the overdue disclosures, and the ITA items not complete (of --ita YEAR, else the newest year checked) with how to add them.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct NewArgs {
    #[command(subcommand)]
    what: NewWhat,
    /// Site root.
    #[arg(long, default_value = ".", value_name = "DIR", global = true)]
    root: PathBuf,
}

#[derive(Subcommand, Debug)]
enum NewWhat {
    /// An empty month file (แบบ สขร.1 columns) for a BE month, e.g. 2569-11: procurement-data/2570/months/2569-11.csv (or .xlsx with --xlsx).
    Month {
        #[arg(value_name = "BE-YEAR-MONTH")]
        month: String,
        /// Write an Excel workbook (drop-down lists, notes on each column, an example sheet) instead of CSV.
        #[arg(long)]
        xlsx: bool,
    },
    /// An empty plan for a BE fiscal year, e.g. 2570: procurement-data/2570/plan.csv (or .xlsx with --xlsx).
    Plan {
        #[arg(value_name = "BE-FISCAL-YEAR")]
        year: i32,
        /// Write an Excel workbook instead of CSV.
        #[arg(long)]
        xlsx: bool,
    },
    /// A new fiscal year's folder (ปีงบประมาณใหม่), e.g. 2571: plan.csv (header only), plan.yaml, and a header-only file for each month already due. Never overwrites.
    Year {
        #[arg(value_name = "BE-FISCAL-YEAR")]
        year: i32,
        /// "Today", deciding which months are already due. Default as for build: site.yaml's as_of, SOURCE_DATE_EPOCH, else today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
        as_of: Option<Date>,
    },
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// The new site's folder: created if missing, refused unless empty.
    #[arg(value_name = "DIR")]
    pub(crate) dir: PathBuf,
    /// The agency's full name, e.g. องค์การบริหารส่วนตำบลเมืองหลวง.
    #[arg(long)]
    pub(crate) name: Option<String>,
    /// Short name, e.g. อบต.เมืองหลวง.
    #[arg(long)]
    pub(crate) short_name: Option<String>,
    /// Agency type (ประเภทหน่วยงาน) [default: องค์กรปกครองส่วนท้องถิ่น].
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) agency_type: Option<String>,
    /// District (อำเภอ), e.g. ห้วยทับทัน.
    #[arg(long)]
    pub(crate) district: Option<String>,
    /// Province (จังหวัด), e.g. ศรีสะเกษ.
    #[arg(long)]
    pub(crate) province: Option<String>,
    /// Ministry (กระทรวง) [default: กระทรวงมหาดไทย].
    #[arg(long)]
    pub(crate) ministry: Option<String>,
    /// The site's address, e.g. https://www.muangluang.go.th.
    #[arg(long, value_name = "URL")]
    pub(crate) website: Option<String>,
    /// The BE fiscal year to start with [default: the current one].
    #[arg(long, value_name = "BE-FISCAL-YEAR")]
    pub(crate) fiscal_year: Option<i32>,
    /// "Today", deciding the current fiscal year and which months are due. Default: SOURCE_DATE_EPOCH if set, else today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    pub(crate) as_of: Option<Date>,
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
    /// The date the site describes (วันที่ของข้อมูล): months whose last day is before it count as ended. YYYY-MM-DD in BE (2569-11-01) or CE (2026-11-01). Default: SOURCE_DATE_EPOCH if set, else today; pass it for a reproducible build.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: Option<Date>,
    /// Also evaluate this ITA assessment year (BE) for the ITA evidence index.
    #[arg(long, value_name = "YEAR")]
    ita: Option<i32>,
}

#[cfg(test)]
impl Cli {
    /// `init`'s arguments, for the tests that drive it with scripted answers.
    pub fn into_init(self) -> Option<InitArgs> {
        match self.command {
            Command::Init(args) => Some(args),
            _ => None,
        }
    }
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    prongsai_content::parse_date(text).ok_or_else(|| {
        format!("วันที่ \"{text}\" ไม่ถูกต้อง — use YYYY-MM-DD, e.g. 2569-11-01 (BE) or 2026-11-01 (CE)")
    })
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
        Command::Check(args) => check(args),
        Command::New(args) => new(args),
        Command::Init(args) => crate::init::init(args),
        Command::Serve(args) => serve(args),
        Command::Convert(args) => convert(args),
        Command::Egp(EgpArgs {
            what: EgpWhat::Fetch { year, root },
        }) => {
            let fy = year.unwrap_or_else(|| {
                let (site, _) = prongsai_config::load(&root);
                let today = crate::build::source_date_epoch().unwrap_or_else(crate::build::today);
                site.as_of.unwrap_or(today).fiscal_year()
            });
            crate::egp_fetch::fetch(&root, fy)
        }
        Command::Rules => {
            print!("{}", prongsai_check::rules_markdown());
            ExitCode::SUCCESS
        }
        Command::Explain { code } => explain(&code),
    }
}

/// `prongsai convert`: one month file, whatever its layout, in prongsai's template.
fn convert(args: ConvertArgs) -> ExitCode {
    let shown = args.file.display().to_string();
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let month = match &args.month {
        Some(m) => parse_month_arg(m),
        None => prongsai_load::month_of_file_name(&name),
    };
    let Some(month) = month else {
        eprintln!(
            "ไม่รู้ว่าไฟล์ {shown} เป็นของเดือนใด: ตั้งชื่อไฟล์เป็น <ปี พ.ศ.>-<เดือน> เช่น 2568-03.xlsx หรือระบุ --month 2568-03
the month of {shown} is unknown: name the file <BE year>-<MM>, e.g. 2568-03.xlsx, or pass --month 2568-03"
        );
        return ExitCode::from(EXIT_USAGE);
    };
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("เปิดไฟล์ {shown} ไม่ได้ / cannot open {shown}: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (file, diags) = prongsai_load::parse_month_bytes(&shown, month, &bytes);
    print_diagnostics(&diags);
    let (errors, _) = counts(&diags);
    let Some(file) = file.filter(|_| errors == 0) else {
        eprintln!(
            "ไม่ได้แปลง: แก้ข้อผิดพลาดข้างบนก่อน
not converted: fix the errors above first"
        );
        return ExitCode::from(EXIT_INPUT);
    };
    let csv = prongsai_export::month_template_csv(&file);
    // What the template needs that the file's layout does not give, for the officer to fill in.
    let missing: Vec<&str> = prongsai_model::Field::MONTH
        .iter()
        .filter(|f| file.records.iter().any(|r| !r.given(**f)))
        .filter(|f| {
            matches!(
                f,
                prongsai_model::Field::BudgetSource | prongsai_model::Field::Status
            )
        })
        .map(|f| f.thai())
        .collect();
    match &args.out {
        Some(out) => {
            if out.exists() {
                eprintln!(
                    "มีไฟล์ {0} อยู่แล้ว จึงไม่เขียนทับ: ระบุชื่อไฟล์ใหม่
{0} exists, not replaced: give a new name",
                    out.display()
                );
                return ExitCode::from(EXIT_USAGE);
            }
            if let Err(e) = std::fs::write(out, &csv) {
                eprintln!("เขียนไฟล์ {0} ไม่ได้ / cannot write {0}: {e}", out.display());
                return ExitCode::from(EXIT_USAGE);
            }
            eprintln!(
                "เขียน {} ({} รายการ, {}) แล้ว
wrote {} ({} records, from {})",
                out.display(),
                file.records.len(),
                file.file.layout.thai(),
                out.display(),
                file.records.len(),
                file.file.layout.english()
            );
        }
        None => {
            use std::io::Write as _;
            let _ = std::io::stdout().write_all(&csv);
        }
    }
    if !missing.is_empty() {
        eprintln!(
            "ไฟล์เดิมไม่มีข้อมูล {0}: เติมในคอลัมน์นั้นก่อนใช้ไฟล์ใหม่แทนไฟล์เดิม
the original file does not give {0}: fill those columns in before the new file replaces it",
            missing.join(", ")
        );
    }
    ExitCode::SUCCESS
}

/// One registry entry, or the nearest codes when `code` is not one.
fn explain(code: &str) -> ExitCode {
    if let Some(entry) = prongsai_model::codes::renamed(code) {
        println!(
            "{code} เปลี่ยนชื่อเป็น {0} แล้ว / {code} is now called {0}\n",
            entry.code
        );
        print!("{}", explanation(entry));
        return ExitCode::SUCCESS;
    }
    let Some(entry) = prongsai_model::codes::get(&code.trim().to_uppercase()) else {
        let near: Vec<String> = prongsai_model::codes::nearest(code, 3)
            .iter()
            .map(|c| format!("{} ({})", c.code, c.title_en))
            .collect();
        let near = near.join(", ");
        eprintln!(
            "ไม่รู้จักรหัส \"{code}\" — รหัสที่ใกล้เคียง: {near}\nunknown code \"{code}\"; the nearest: {near}. Every code is listed in docs/diagnostics.md."
        );
        return ExitCode::from(EXIT_USAGE);
    };
    print!("{}", explanation(entry));
    ExitCode::SUCCESS
}

/// What `explain` prints: the entry in Thai and English, then a check rule's documentation.
fn explanation(c: &prongsai_model::codes::Code) -> String {
    let mut s = format!(
        "{} · {} ({})\n{}\n{}\n\n",
        c.code,
        c.severity,
        c.severity.thai(),
        c.title_th,
        c.title_en
    );
    if !c.example.is_empty() {
        s.push_str(&format!("ตัวอย่าง / Example: {}\n", c.example));
    }
    s.push_str(&format!(
        "วิธีแก้: {}\nFix: {}\nที่มา / Source: {}\n",
        c.fix_th, c.fix_en, c.source
    ));
    if let Some(rule) = prongsai_check::rules().iter().find(|r| r.code == c.code) {
        s.push_str(&format!("\n{}\n", rule.doc));
    }
    s
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
        as_of: args.as_of,
        ita_year: args.ita,
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

fn serve(args: ServeArgs) -> ExitCode {
    let as_of = resolve_as_of(args.as_of, &prongsai_config::load(&args.root).0);
    let opts = crate::serve::ServeOptions {
        root: args.root,
        port: args.port,
        as_of,
        ita_year: args.ita,
    };
    match crate::serve::serve(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    use std::io::IsTerminal as _;
    if !args.root.is_dir() {
        eprintln!(
            "ไม่พบโฟลเดอร์ {0} — ใช้ --root ชี้ไปยังโฟลเดอร์ของเว็บไซต์\nsite root {0} is not a folder",
            args.root.display()
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let checked = load_and_check(&args.root, None, args.as_of, args.ita);
    let color = args.format == prongsai_check::Format::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    print!(
        "{}",
        prongsai_check::render_report(&checked.diagnostics, args.format, color)
    );
    // `--ita <year>`: what the agency still has to add for that assessment. Gaps never fail the
    // check; the JSON report stays one object (the same list is /ita/<year>/evidence.json).
    if let Some(year) = args.ita
        && args.format != prongsai_check::Format::Json
        && let Some(eval) = checked
            .report
            .ita
            .iter()
            .find(|e| e.assessment_year == year)
    {
        print!("\n{}", eval.incomplete_text());
    }
    if let Some(path) = &args.summary {
        let ita = match args.ita {
            Some(year) => checked
                .report
                .ita
                .iter()
                .find(|e| e.assessment_year == year),
            None => checked.report.ita.last(),
        };
        let markdown = prongsai_check::job_summary(&prongsai_check::SummaryInput {
            diagnostics: &checked.diagnostics,
            data: &checked.data,
            ita,
            as_of: checked.as_of,
        });
        // Appended, as GitHub expects of every step writing the job summary.
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, markdown.as_bytes()));
        if let Err(e) = written {
            eprintln!(
                "เขียนรายงานสรุป {0} ไม่ได้: {e}\ncannot write the summary {0}: {e}",
                path.display()
            );
            return ExitCode::from(EXIT_USAGE);
        }
    }
    if checked.diagnostics.iter().any(Diagnostic::is_error) {
        ExitCode::from(EXIT_INPUT)
    } else {
        ExitCode::SUCCESS
    }
}

fn new(args: NewArgs) -> ExitCode {
    let (path, bytes) = match &args.what {
        NewWhat::Year { year, as_of } => return new_year(&args.root, *year, *as_of),
        NewWhat::Month { month, xlsx } => {
            let Some(ym) = parse_month_arg(month) else {
                eprintln!(
                    "เดือน \"{month}\" ไม่ถูกต้อง — ใช้รูปแบบ ปี พ.ศ.-เดือน เช่น 2569-11\ninvalid month \"{month}\"; use BE year-month, e.g. 2569-11"
                );
                return ExitCode::from(EXIT_USAGE);
            };
            let stem = args.root.join(format!(
                "procurement-data/{}/months/{}",
                ym.fiscal_year(),
                ym.key()
            ));
            let bytes = if *xlsx {
                prongsai_export::month_template_xlsx()
            } else {
                Ok(prongsai_load::month_template().into_bytes())
            };
            (stem, bytes)
        }
        NewWhat::Plan { year, .. } => {
            if !(2400..=2700).contains(year) {
                eprintln!(
                    "ปีงบประมาณ {year} ต้องเป็นปี พ.ศ. เช่น 2570\nfiscal year {year} must be a BE year, e.g. 2570"
                );
                return ExitCode::from(EXIT_USAGE);
            }
            let bytes = if matches!(args.what, NewWhat::Plan { xlsx: true, .. }) {
                prongsai_export::plan_template_xlsx()
            } else {
                Ok(prongsai_load::plan_template().into_bytes())
            };
            (
                args.root.join(format!("procurement-data/{year}/plan")),
                bytes,
            )
        }
    };
    let xlsx = matches!(
        args.what,
        NewWhat::Month { xlsx: true, .. } | NewWhat::Plan { xlsx: true, .. }
    );
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            eprintln!("สร้างแม่แบบไม่ได้: {e}\ncannot make the template: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let path = path.with_extension(if xlsx { "xlsx" } else { "csv" });
    // The month (or plan) in any format: a second file for it would stop the build (P145).
    if let Some(existing) = ["csv", "xlsx", "xls"]
        .iter()
        .map(|ext| path.with_extension(ext))
        .find(|p| p.exists())
    {
        eprintln!(
            "มีไฟล์ {0} อยู่แล้ว จึงไม่เขียนทับหรือสร้างไฟล์ซ้ำ\n{0} already exists; not overwritten nor duplicated",
            existing.display()
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, &bytes));
    match written {
        Ok(()) => {
            if xlsx {
                println!(
                    "สร้างไฟล์ {0} แล้ว — เปิดด้วย Excel กรอกข้อมูลในแผ่นงานแรก แล้วบันทึก (ดูตัวอย่างในแผ่นงาน ตัวอย่าง)\ncreated {0}",
                    path.display()
                );
            } else {
                println!(
                    "สร้างไฟล์ {0} แล้ว — เปิดด้วย Excel กรอกข้อมูล แล้วบันทึกเป็น CSV UTF-8\ncreated {0}",
                    path.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "เขียนไฟล์ {0} ไม่ได้: {e}\ncannot write {0}: {e}",
                path.display()
            );
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `new year`: the fiscal year's folder, then what to fill in.
fn new_year(root: &std::path::Path, year: i32, as_of: Option<Date>) -> ExitCode {
    use crate::scaffold;
    if !scaffold::YEARS.contains(&year) {
        eprintln!(
            "ปีงบประมาณ {year} ต้องเป็นปี พ.ศ. เช่น 2571\nfiscal year {year} must be a BE year, e.g. 2571"
        );
        return ExitCode::from(EXIT_USAGE);
    }
    if !root.is_dir() {
        eprintln!(
            "ไม่พบโฟลเดอร์ {0} — ใช้ --root ชี้ไปยังโฟลเดอร์ของเว็บไซต์\nsite root {0} is not a folder",
            root.display()
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let (config, _) = prongsai_config::load(root);
    let as_of = resolve_as_of(as_of, &config);
    // A broken `checks:` block is check's to report; here the default due dates do.
    let rules = prongsai_check::checks_of(&config).0.due_rules();
    let files = scaffold::year_files(year, as_of, &rules);
    match scaffold::create_all(root, &files) {
        Ok(()) => {
            print!("{}", scaffold::year_guide(year, as_of, &rules, &files));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `2569-11` (or with Thai digits) as a BE year and month.
fn parse_month_arg(text: &str) -> Option<prongsai_model::YearMonth> {
    let text = prongsai_model::thai_to_arabic_digits(text.trim()).into_owned();
    let (y, m) = text.split_once('-')?;
    let (y, m): (i32, u8) = (y.parse().ok()?, m.parse().ok()?);
    ((2400..=2700).contains(&y) && (1..=12).contains(&m))
        .then(|| prongsai_model::YearMonth::new(y, m))
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
        // The one date reader of the data files and front matter reads Thai forms here too.
        assert_eq!(
            parse_as_of("1 พ.ย. 2569").map(Date::iso),
            Ok("2026-11-01".to_owned())
        );
        assert!(parse_as_of("2569-13-01").is_err());
        assert!(parse_as_of("yesterday").is_err());
    }
}
