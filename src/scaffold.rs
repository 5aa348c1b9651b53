//! Files that start something: `prongsai new year` (a fiscal year's folder) and `prongsai init`
//! (a new agency's site root). Both only ever create files: anything already there is left as
//! it is and the command refuses, so a finance officer's work cannot be overwritten by a typo.
//!
//! The site root `init` writes is the sample site without the sample data: the same site.yaml and
//! agency.yaml keys and the same content pages (tests/init.rs holds the two together).

use prongsai_model::{Agency, Date, DueRules, YearMonth};
use std::path::Path;

/// One file to create, by its `/`-separated path relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub text: String,
}

/// BE fiscal years a command accepts: wide enough for any real year, narrow enough to catch a CE
/// year (2027) typed by habit.
pub const YEARS: std::ops::RangeInclusive<i32> = 2400..=2700;

/// The months of fiscal year `fy` whose file is due on `as_of`: those a gap report would already
/// call due (crates/model/src/gaps.rs owns the due dates).
pub fn due_months(fy: i32, as_of: Date, rules: &DueRules) -> Vec<YearMonth> {
    prongsai_model::fiscal_year_months(fy)
        .into_iter()
        .filter(|&m| prongsai_model::month_due(m, rules).is_some_and(|due| due <= as_of))
        .collect()
}

/// The files of a new fiscal year: the plan (header only), its metadata with every key blank, and
/// a header-only file for each month already due.
pub fn year_files(fy: i32, as_of: Date, rules: &DueRules) -> Vec<NewFile> {
    let dir = format!("{}/{fy}", prongsai_load::DATA_DIR);
    let mut out = vec![
        NewFile {
            path: format!("{dir}/plan.csv"),
            text: prongsai_load::plan_template(),
        },
        NewFile {
            path: format!("{dir}/plan.yaml"),
            text: plan_yaml(fy),
        },
    ];
    out.extend(due_months(fy, as_of, rules).into_iter().map(|m| NewFile {
        path: format!("{dir}/months/{}.csv", m.key()),
        text: prongsai_load::month_template(),
    }));
    out
}

/// plan.yaml with its keys (data contract v1) left blank: a blank key is "not yet", never an
/// error, and the comments say what goes in each.
fn plan_yaml(fy: i32) -> String {
    let deadline = prongsai_model::plan_due(fy).map_or_else(String::new, |d| {
        format!(" (ภายใน {}; within 30 working days)", d.thai_short())
    });
    format!(
        "# ข้อมูลประกอบแผนการจัดซื้อจัดจ้าง ปีงบประมาณ {fy} (plan metadata, data contract v1).\n\
         # กรอกเมื่ออนุมัติและเผยแพร่แผนแล้ว วันที่เป็น พ.ศ. เช่น \"{prev}-10-06\" (dates in the Buddhist Era)\n\
         # วันที่ผู้บริหารอนุมัติแผน (the day the plan was approved)\n\
         approved_on:\n\
         # วันที่เผยแพร่แผนในระบบ e-GP และเว็บไซต์{deadline}\n\
         published_on:\n\
         # เลขที่แผนในระบบ e-GP เช่น \"P{yy}100000001\"\n\
         egp_plan_no:\n\
         note: \"แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fy}\"\n",
        prev = fy - 1,
        yy = fy.rem_euclid(100),
    )
}

/// What the officer fills in after `new year`, in Thai then English.
pub fn year_guide(fy: i32, as_of: Date, rules: &DueRules, written: &[NewFile]) -> String {
    let dir = format!("{}/{fy}", prongsai_load::DATA_DIR);
    let mut s = format!("สร้างปีงบประมาณ {fy} แล้ว / created fiscal year {fy}:\n");
    for f in written {
        s.push_str(&format!("  {}\n", f.path));
    }
    let plan_due = prongsai_model::plan_due(fy);
    s.push_str(&format!(
        "\nสิ่งที่ต้องกรอก / what to fill in:\n\
         1. {dir}/plan.csv: แผนการจัดซื้อจัดจ้าง หนึ่งแถวต่อหนึ่งโครงการ เปิดด้วย Excel แล้วบันทึกเป็น CSV UTF-8{}\n   \
            the procurement plan, one row per project; save as CSV UTF-8{}\n\
         2. {dir}/plan.yaml: approved_on, published_on (วันที่ พ.ศ.) และ egp_plan_no เมื่ออนุมัติและเผยแพร่แผนแล้ว\n   \
            the approval and publication dates (BE) and the e-GP plan number, once the plan is approved and published\n",
        plan_due.map_or_else(String::new, |d| if d < as_of {
            format!(" — ครบกำหนดเผยแพร่ {} เลยกำหนดแล้ว ให้เผยแพร่โดยเร็ว", d.thai_short())
        } else {
            format!(" — เผยแพร่ภายใน {}", d.thai_short())
        }),
        plan_due.map_or_else(String::new, |d| if d < as_of {
            format!(" (it was due {}: publish it as soon as possible)", d.iso())
        } else {
            format!(" (due {})", d.iso())
        }),
    ));
    let months = due_months(fy, as_of, rules);
    let mut n = 3;
    if let (Some(first), Some(last)) = (months.first(), months.last()) {
        let range = if first == last {
            first.key()
        } else {
            format!("{} … {}", first.key(), last.key())
        };
        s.push_str(&format!(
            "{n}. {dir}/months/ ({range}): เดือนที่ถึงกำหนดเผยแพร่แล้ว ไฟล์ที่มีแต่หัวตารางหมายถึง \"ไม่มีการจัดซื้อจัดจ้าง\" — \
             ถ้าเดือนใดมีรายการ ต้องกรอกให้ครบก่อนบันทึกขึ้น GitHub\n   \
             months already due: a file with only the header row means \"no procurement this month\"; \
             fill in every month that had procurement before you commit\n"
        ));
        n += 1;
    }
    if let Some(next) = prongsai_model::fiscal_year_months(fy)
        .into_iter()
        .find(|m| !months.contains(m))
        && let Some(due) = prongsai_model::month_due(next, rules)
    {
        s.push_str(&format!(
            "{n}. เดือนถัดไป {} ครบกำหนด {}: เมื่อสิ้นเดือนสั่ง prongsai new month {}\n   \
             next: {} is due {}; at the month's end run `prongsai new month {}`\n",
            next.thai_long(),
            due.thai_short(),
            next.key(),
            next.key(),
            due.iso(),
            next.key(),
        ));
        n += 1;
    }
    if let Some(due) = prongsai_model::annual_report_due(fy, rules) {
        s.push_str(&format!(
            "{n}. หลังสิ้นปีงบประมาณ เขียน {dir}/annual.md (รายงานผลการจัดซื้อจัดจ้างประจำปี) ภายใน {}\n   \
             after the year ends, write the annual report {dir}/annual.md (due {})\n",
            due.thai_short(),
            due.iso()
        ));
        n += 1;
    }
    s.push_str(&format!(
        "{n}. สั่ง prongsai check เพื่อตรวจ แล้วบันทึกขึ้น GitHub / run `prongsai check`, then commit\n"
    ));
    s
}

/// Why files could not be created.
#[derive(Debug)]
pub enum WriteFailure {
    /// These already exist; nothing was written.
    Exists(Vec<String>),
    /// A disk error after some files were written (listed first).
    Io {
        written: Vec<String>,
        path: String,
        error: std::io::Error,
    },
}

impl std::fmt::Display for WriteFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteFailure::Exists(paths) => write!(
                f,
                "มีไฟล์เหล่านี้อยู่แล้ว จึงไม่เขียนทับและไม่ได้สร้างไฟล์ใด: {0}\nthese files already exist, so nothing was written: {0}",
                paths.join(", ")
            ),
            WriteFailure::Io {
                written,
                path,
                error,
            } => write!(
                f,
                "เขียนไฟล์ {path} ไม่ได้: {error} (สร้างไปแล้ว: {0})\ncannot write {path}: {error} (already written: {0})",
                if written.is_empty() {
                    "-".to_owned()
                } else {
                    written.join(", ")
                }
            ),
        }
    }
}

/// Creates every file under `root`, or none when any of them exists already. Each file is
/// opened with create-new, so a file that appears meanwhile is not overwritten either.
pub fn create_all(root: &Path, files: &[NewFile]) -> Result<(), WriteFailure> {
    let existing: Vec<String> = files
        .iter()
        .filter(|f| root.join(&f.path).exists())
        .map(|f| f.path.clone())
        .collect();
    if !existing.is_empty() {
        return Err(WriteFailure::Exists(existing));
    }
    let mut written = Vec::new();
    for f in files {
        let path = root.join(&f.path);
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                use std::io::Write as _;
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)?
                    .write_all(f.text.as_bytes())
            });
        if let Err(error) = result {
            return Err(WriteFailure::Io {
                written,
                path: f.path.clone(),
                error,
            });
        }
        written.push(f.path.clone());
    }
    Ok(())
}

/// prongsai's own repository as `owner/name`, for the workflow that installs it.
fn repository() -> &'static str {
    env!("CARGO_PKG_REPOSITORY")
        .trim_start_matches("https://github.com/")
        .trim_end_matches('/')
}

/// `อำเภอห้วยทับทัน` → `ห้วยทับทัน`: agency.yaml holds the bare name and pages add the word.
pub fn bare_place(text: &str, prefixes: &[&str]) -> String {
    let t = text.trim();
    prefixes
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim()
        .to_owned()
}

const INIT_TEMPLATES: [(&str, &str); 9] = [
    ("site.yaml", include_str!("scaffold/site.yaml")),
    (
        "procurement-data/agency.yaml",
        include_str!("scaffold/agency.yaml"),
    ),
    (
        "content/_index.md",
        include_str!("scaffold/content/_index.md"),
    ),
    (
        "content/about/_index.md",
        include_str!("scaffold/content/about/_index.md"),
    ),
    (
        "content/contact.md",
        include_str!("scaffold/content/contact.md"),
    ),
    (
        "content/news/_index.md",
        include_str!("scaffold/content/news/_index.md"),
    ),
    (
        "content/integrity/_index.md",
        include_str!("scaffold/content/integrity/_index.md"),
    ),
    (
        ".github/workflows/site.yml",
        include_str!("scaffold/workflows/site.yml"),
    ),
    ("README.md", include_str!("scaffold/README.md")),
];

/// Everything `init` writes: the templates filled in with the answers, a .gitignore, and fiscal
/// year `fy` as `new year` makes it.
/// `a` carries what `init` asks for: the required keys of agency.yaml (data contract v1).
pub fn init_files(a: &Agency, fy: i32, as_of: Date, rules: &DueRules) -> Vec<NewFile> {
    let address = format!("อำเภอ{} จังหวัด{}", a.district, a.province);
    let description = format!(
        "เว็บไซต์เผยแพร่ข้อมูลการจัดซื้อจัดจ้าง ข่าวประชาสัมพันธ์ และข้อมูลคุณธรรมและความโปร่งใสของ{} อำเภอ{} จังหวัด{}",
        a.name, a.district, a.province
    );
    let today = as_of.iso();
    let vars: [(&str, &str); 12] = [
        ("NAME", &a.name),
        ("SHORT_NAME", &a.short_name),
        ("AGENCY_TYPE", &a.agency_type),
        ("DISTRICT", &a.district),
        ("PROVINCE", &a.province),
        ("MINISTRY", &a.ministry),
        ("WEBSITE", &a.website),
        ("ADDRESS", &address),
        ("DESCRIPTION", &description),
        ("VERSION", env!("CARGO_PKG_VERSION")),
        ("REPOSITORY", repository()),
        ("TODAY", &today),
    ];
    let mut out: Vec<NewFile> = INIT_TEMPLATES
        .iter()
        .map(|(path, template)| NewFile {
            path: (*path).to_owned(),
            text: fill(template, &vars),
        })
        .collect();
    out.push(NewFile {
        path: ".gitignore".to_owned(),
        text: "# prongsai build's output and its temporary folders\n/public\n/.prongsai-tmp*\n"
            .to_owned(),
    });
    out.extend(year_files(fy, as_of, rules));
    out
}

/// Replaces `@@KEY@@` with the value as a YAML double-quoted string, `@@KEY_J@@` with the same
/// without the quotes (inside a quoted string) and `@@KEY_TEXT@@` with the plain text (Markdown).
/// A JSON string is a valid YAML double-quoted scalar, so no answer can break a YAML file.
fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut s = template.to_owned();
    for (key, value) in vars {
        let quoted = serde_json::to_string(value).unwrap_or_else(|_| format!("\"{value}\""));
        let inner = &quoted[1..quoted.len() - 1];
        s = s
            .replace(&format!("@@{key}_TEXT@@"), value)
            .replace(&format!("@@{key}_J@@"), inner)
            .replace(&format!("@@{key}@@"), &quoted);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_be(y, m, d).unwrap()
    }

    fn answers() -> Agency {
        Agency {
            name: "เทศบาลตำบลทดสอบ: \"ตัวอย่าง\" #1".to_owned(),
            short_name: "ทต.ทดสอบ".to_owned(),
            agency_type: "องค์กรปกครองส่วนท้องถิ่น".to_owned(),
            district: "เมือง".to_owned(),
            province: "ศรีสะเกษ".to_owned(),
            ministry: "กระทรวงมหาดไทย".to_owned(),
            website: "https://www.example.go.th".to_owned(),
            ..Agency::default()
        }
    }

    #[test]
    fn months_are_due_fifteen_days_after_they_end() {
        let rules = DueRules::default();
        // 15 Nov 2569 is October 2569's due date: due on that day, not the day before.
        let keys = |as_of| -> Vec<String> {
            due_months(2570, as_of, &rules)
                .into_iter()
                .map(YearMonth::key)
                .collect()
        };
        assert!(keys(date(2569, 11, 14)).is_empty());
        assert_eq!(keys(date(2569, 11, 15)), ["2569-10"]);
        assert_eq!(keys(date(2570, 1, 1)), ["2569-10", "2569-11"]);
        assert_eq!(keys(date(2571, 1, 1)).len(), 12);
        assert!(keys(date(2569, 1, 1)).is_empty());
    }

    #[test]
    fn a_future_year_gets_its_plan_only() {
        let files = year_files(2571, date(2569, 11, 1), &DueRules::default());
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "procurement-data/2571/plan.csv",
                "procurement-data/2571/plan.yaml"
            ]
        );
    }

    #[test]
    fn no_placeholder_survives_and_answers_stay_valid_yaml() {
        let files = init_files(&answers(), 2570, date(2569, 12, 2), &DueRules::default());
        for f in &files {
            assert!(!f.text.contains("@@"), "{} keeps a placeholder", f.path);
        }
        let site = files.iter().find(|f| f.path == "site.yaml").unwrap();
        // Through the loader the build uses: the title with `:`, `"` and `#` survives.
        let (config, diags) = prongsai_config::parse(&site.text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(config.title, Some(answers().name));
    }

    #[test]
    fn guide_names_each_file_and_what_comes_next() {
        let rules = DueRules::default();
        let as_of = date(2570, 1, 1);
        let files = year_files(2570, as_of, &rules);
        let guide = year_guide(2570, as_of, &rules, &files);
        assert!(guide.contains("procurement-data/2570/months/2569-11.csv"));
        assert!(guide.contains("prongsai new month 2569-12"), "{guide}");
        assert!(guide.contains("ไม่มีการจัดซื้อจัดจ้าง"));
    }

    #[test]
    fn creates_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let files = year_files(2570, date(2570, 1, 1), &DueRules::default());
        std::fs::create_dir_all(dir.path().join("procurement-data/2570/months")).unwrap();
        std::fs::write(
            dir.path().join("procurement-data/2570/months/2569-11.csv"),
            "mine",
        )
        .unwrap();
        match create_all(dir.path(), &files) {
            Err(WriteFailure::Exists(p)) => {
                assert_eq!(p, ["procurement-data/2570/months/2569-11.csv"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(!dir.path().join("procurement-data/2570/plan.csv").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("procurement-data/2570/months/2569-11.csv"))
                .unwrap(),
            "mine"
        );
    }

    #[test]
    fn place_prefixes_are_dropped() {
        assert_eq!(bare_place(" อำเภอห้วยทับทัน ", &["อำเภอ", "อ."]), "ห้วยทับทัน");
        assert_eq!(bare_place("ศรีสะเกษ", &["จังหวัด", "จ."]), "ศรีสะเกษ");
    }
}
