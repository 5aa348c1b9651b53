//! `prongsai init DIR`: the answers (flags, or questions on a terminal), then the files
//! [`crate::scaffold::init_files`] makes.

use crate::cli::InitArgs;
use crate::scaffold;
use prongsai_model::Agency;
use std::io::{BufRead, IsTerminal as _, Write};
use std::path::Path;
use std::process::ExitCode;

const EXIT_USAGE: u8 = 2;

/// One value `init` needs: its flag, the question, and the default when there is one.
struct Question {
    flag: &'static str,
    th: &'static str,
    en: &'static str,
    default: Option<String>,
}

pub fn init(args: InitArgs) -> ExitCode {
    match run(
        args,
        &mut std::io::stdin().lock(),
        std::io::stdin().is_terminal(),
    ) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run(args: InitArgs, input: &mut dyn BufRead, terminal: bool) -> Result<String, String> {
    refuse_non_empty(&args.dir)?;
    let as_of = crate::build::resolve_as_of(args.as_of, &prongsai_content::SiteConfig::default());
    let current_fy = as_of.fiscal_year();
    let mut values = [
        (
            args.name,
            q("--name", "ชื่อหน่วยงาน (เต็ม)", "agency name", None),
        ),
        (
            args.short_name,
            q("--short-name", "ชื่อย่อ เช่น อบต.เมืองหลวง", "short name", None),
        ),
        (
            args.agency_type,
            q(
                "--type",
                "ประเภทหน่วยงาน",
                "agency type",
                Some("องค์กรปกครองส่วนท้องถิ่น"),
            ),
        ),
        (args.district, q("--district", "อำเภอ", "district", None)),
        (args.province, q("--province", "จังหวัด", "province", None)),
        (
            args.ministry,
            q("--ministry", "กระทรวง", "ministry", Some("กระทรวงมหาดไทย")),
        ),
        (
            args.website,
            q(
                "--website",
                "ที่อยู่เว็บไซต์ เช่น https://www.muangluang.go.th",
                "website",
                None,
            ),
        ),
        (
            args.fiscal_year.map(|y| y.to_string()),
            q(
                "--fiscal-year",
                "ปีงบประมาณแรก (พ.ศ.)",
                "first fiscal year (BE)",
                Some(current_fy.to_string().as_str()),
            ),
        ),
    ];
    let missing_required = values
        .iter()
        .any(|(v, q)| v.is_none() && q.default.is_none());
    // Questions only when someone can answer them: flags or a pipe make a script's run.
    if terminal && missing_required {
        eprintln!(
            "เริ่มเว็บไซต์ใหม่ใน {0} — ตอบคำถามต่อไปนี้ (กด Enter เพื่อใช้ค่าในวงเล็บ)\nnew site in {0}: answer the questions (Enter takes the value in brackets)",
            args.dir.display()
        );
        for (value, question) in &mut values {
            if value.is_none() {
                *value = Some(ask(question, input)?);
            }
        }
    }
    let mut missing = Vec::new();
    let mut answer = |i: usize| -> String {
        let (value, question) = &values[i];
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => v.to_owned(),
            None => match &question.default {
                Some(d) => d.clone(),
                None => {
                    missing.push(format!(
                        "  {} ({} / {})",
                        question.flag, question.th, question.en
                    ));
                    String::new()
                }
            },
        }
    };
    let agency = Agency {
        name: answer(0),
        short_name: answer(1),
        agency_type: answer(2),
        district: scaffold::bare_place(&answer(3), &["อำเภอ", "อ."]),
        province: scaffold::bare_place(&answer(4), &["จังหวัด", "จ."]),
        ministry: answer(5),
        website: answer(6).trim_end_matches('/').to_owned(),
        ..Agency::default()
    };
    let fiscal_year = answer(7);
    if !missing.is_empty() {
        return Err(format!(
            "ขาดข้อมูลที่จำเป็น ใส่เป็นตัวเลือกต่อไปนี้ (หรือสั่งในหน้าต่าง terminal เพื่อให้ถาม):\nmissing required values; pass these flags (or run it on a terminal to be asked):\n{}\ne.g. prongsai init {} --name องค์การบริหารส่วนตำบลเมืองหลวง --short-name อบต.เมืองหลวง --district ห้วยทับทัน --province ศรีสะเกษ --website https://www.muangluang.go.th",
            missing.join("\n"),
            args.dir.display()
        ));
    }
    validate_website(&agency.website)?;
    let fiscal_year = parse_year(&fiscal_year)?;
    let rules = prongsai_model::DueRules::default();
    let files = scaffold::init_files(&agency, fiscal_year, as_of, &rules);
    std::fs::create_dir_all(&args.dir).map_err(|e| {
        format!(
            "สร้างโฟลเดอร์ {0} ไม่ได้: {e}\ncannot create {0}: {e}",
            args.dir.display()
        )
    })?;
    scaffold::create_all(&args.dir, &files).map_err(|e| e.to_string())?;
    let year_files: Vec<_> = files
        .iter()
        .filter(|f| {
            f.path
                .starts_with(&format!("{}/{fiscal_year}/", prongsai_load::DATA_DIR))
        })
        .cloned()
        .collect();
    let mut out = format!(
        "สร้างเว็บไซต์ของ{} ใน {} แล้ว ({} ไฟล์) / created the site of {} in {} ({} files)\n\
         \nขั้นต่อไป / next:\n\
         - ตรวจ procurement-data/agency.yaml (ที่อยู่ โทรศัพท์ อีเมล) และหน้าใน content/ แล้วแก้ให้ตรงกับหน่วยงาน\n  \
           review procurement-data/agency.yaml (address, phone, e-mail) and the pages in content/\n\
         - นำโฟลเดอร์นี้ขึ้น GitHub แล้วตั้งค่าการเผยแพร่ตาม README.md / put the folder on GitHub and set up deployment as README.md says\n\
         - prongsai check และ prongsai serve เพื่อตรวจและดูตัวอย่าง / `prongsai check`, `prongsai serve` to check and preview\n\n",
        agency.name,
        args.dir.display(),
        files.len(),
        agency.name,
        args.dir.display(),
        files.len(),
    );
    out.push_str(&scaffold::year_guide(
        fiscal_year,
        as_of,
        &rules,
        &year_files,
    ));
    Ok(out)
}

fn q(flag: &'static str, th: &'static str, en: &'static str, default: Option<&str>) -> Question {
    Question {
        flag,
        th,
        en,
        default: default.map(str::to_owned),
    }
}

/// Asks until an answer (or the default) is given; end of input is an error, never a guess.
fn ask(question: &Question, input: &mut dyn BufRead) -> Result<String, String> {
    loop {
        match &question.default {
            Some(d) => eprint!("{} / {} [{d}]: ", question.th, question.en),
            None => eprint!("{} / {}: ", question.th, question.en),
        }
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        let read = input
            .read_line(&mut line)
            .map_err(|e| format!("อ่านคำตอบไม่ได้: {e}\ncannot read the answer: {e}"))?;
        if read == 0 {
            return Err(format!(
                "ไม่ได้ตอบ {0} — ยกเลิก ไม่ได้สร้างไฟล์ใด\nno answer for {0}; nothing was written",
                question.flag
            ));
        }
        let line = line.trim();
        if !line.is_empty() {
            return Ok(line.to_owned());
        }
        if let Some(d) = &question.default {
            return Ok(d.clone());
        }
    }
}

fn refuse_non_empty(dir: &Path) -> Result<(), String> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(format!(
                    "โฟลเดอร์ {0} มีไฟล์อยู่แล้ว — init ใช้ได้กับโฟลเดอร์ว่างหรือโฟลเดอร์ใหม่เท่านั้น (เพิ่มปีงบประมาณใช้ prongsai new year)\n{0} is not empty; init only starts a site in an empty or new folder (for a new fiscal year use `prongsai new year`)",
                    dir.display()
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!(
            "เปิดโฟลเดอร์ {0} ไม่ได้: {e}\ncannot open {0}: {e}",
            dir.display()
        )),
    }
}

fn validate_website(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(()),
        _ => Err(format!(
            "ที่อยู่เว็บไซต์ \"{url}\" ต้องขึ้นต้นด้วย https:// เช่น https://www.muangluang.go.th (--website)\nwebsite \"{url}\" must be an address starting with https://, e.g. https://www.muangluang.go.th (--website)"
        )),
    }
}

fn parse_year(text: &str) -> Result<i32, String> {
    prongsai_model::thai_to_arabic_digits(text.trim())
        .parse::<i32>()
        .ok()
        .filter(|y| scaffold::YEARS.contains(y))
        .ok_or_else(|| {
            format!(
                "ปีงบประมาณ \"{text}\" ต้องเป็นปี พ.ศ. เช่น 2570 (--fiscal-year)\nfiscal year \"{text}\" must be a BE year, e.g. 2570 (--fiscal-year)"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    fn args(extra: &[&str], dir: &Path) -> InitArgs {
        let mut argv = vec![
            "prongsai",
            "init",
            dir.to_str().unwrap(),
            "--as-of",
            "2569-12-02",
        ];
        argv.extend_from_slice(extra);
        match crate::cli::Cli::parse_from(argv).into_init() {
            Some(a) => a,
            None => panic!("not init"),
        }
    }

    #[test]
    fn a_terminal_is_asked_for_what_the_flags_leave_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let answers = "เทศบาลตำบลทดสอบ\nทต.ทดสอบ\n\nอำเภอเมือง\nจังหวัดศรีสะเกษ\n\nnot a url\n\n";
        let mut input = std::io::Cursor::new(answers.as_bytes());
        // The bad website is caught after the questions, before anything is written.
        let err = run(args(&[], &root), &mut input, true).unwrap_err();
        assert!(err.contains("https://"), "{err}");
        assert!(!root.exists());
        let answers = "เทศบาลตำบลทดสอบ\nทต.ทดสอบ\n\nอำเภอเมือง\nจังหวัดศรีสะเกษ\n\nhttps://www.example.go.th/\n\n";
        let mut input = std::io::Cursor::new(answers.as_bytes());
        run(args(&[], &root), &mut input, true).unwrap();
        let agency = std::fs::read_to_string(root.join("procurement-data/agency.yaml")).unwrap();
        assert!(agency.contains("district: \"เมือง\""), "{agency}");
        assert!(agency.contains("province: \"ศรีสะเกษ\""));
        assert!(agency.contains("agency_type: \"องค์กรปกครองส่วนท้องถิ่น\""));
        assert!(agency.contains("website: \"https://www.example.go.th\""));
        // 2 Dec 2569 is in fiscal year 2570, whose October file fell due on 15 Nov.
        assert!(
            root.join("procurement-data/2570/months/2569-10.csv")
                .exists()
        );
        assert!(
            !root
                .join("procurement-data/2570/months/2569-11.csv")
                .exists()
        );
    }

    #[test]
    fn without_a_terminal_missing_flags_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let mut input = std::io::Cursor::new(&b""[..]);
        let err = run(args(&["--name", "x"], &root), &mut input, false).unwrap_err();
        for flag in ["--short-name", "--district", "--province", "--website"] {
            assert!(err.contains(flag), "{flag} not in {err}");
        }
        assert!(!err.contains("--name ("), "{err}");
        assert!(
            !err.contains("--ministry"),
            "a flag with a default is not missing: {err}"
        );
        assert!(!root.exists());
    }

    #[test]
    fn end_of_input_stops_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let mut input = std::io::Cursor::new("ชื่อ\n".as_bytes());
        let err = run(args(&[], &root), &mut input, true).unwrap_err();
        assert!(err.contains("--short-name"), "{err}");
        assert!(!root.exists());
    }
}
