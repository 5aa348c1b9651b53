//! ITA criteria as data: one YAML file per assessment year, embedded in the binary and
//! replaceable by the agency (`criteria/ita-<year>.yaml` in the site root) without a rebuild,
//! because item codes and required elements change every year.

use prongsai_model::codes;
use prongsai_model::{Diagnostic, Location};
use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::RuleInfo;
use crate::rules::RuleClass;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C002,
    class: RuleClass::Input,
    doc: "criteria/ita-<assessment year>.yaml in the site root replaces the criteria compiled into prongsai for \
that year, so an agency can follow a new NACC manual without a new release. Copy the embedded file (shown in \
crates/check/criteria/) and edit it; an unreadable file is an error and the embedded criteria are used meanwhile.",
};

/// The criteria files compiled into the binary: (file name, text).
pub const EMBEDDED: [(&str, &str); 3] = [
    ("ita-2567.yaml", include_str!("../criteria/ita-2567.yaml")),
    ("ita-2568.yaml", include_str!("../criteria/ita-2568.yaml")),
    ("ita-2569.yaml", include_str!("../criteria/ita-2569.yaml")),
];

/// One assessment year's criteria.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// The ITA assessment year (พ.ศ.), e.g. 2569.
    pub assessment_year: i32,
    pub name: String,
    /// Bumped whenever the file changes; shown on the ITA page so a reader knows what was used.
    pub version: String,
    /// Where the facts come from, in general; each item names its own.
    pub source: String,
    /// What is unsure about this file as a whole, in Thai.
    #[serde(default)]
    pub notes_th: Vec<String>,
    /// The `agency_type` values of agency.yaml this file is for. The year's default file
    /// (`ita-<year>.yaml`, for local government) is used for any type no other file lists.
    #[serde(default)]
    pub agency_types: Vec<String>,
    pub items: Vec<CriteriaItem>,
    /// `embedded` or the override's path; filled in when loaded, never read from the file.
    #[serde(skip_deserializing)]
    pub file: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaItem {
    /// `O12`
    pub code: String,
    pub title_th: String,
    /// [C] read in a source's own text, [S] seen on agency mirrors, [I] inference.
    pub confidence: Confidence,
    pub source: String,
    /// What satisfies the item; an empty list is the same as one `kind: page`.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Fields the item requires, by the data contract's English alias or `agency.<key>`.
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub notes_th: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Confidence {
    C,
    S,
    I,
}

impl Confidence {
    pub fn thai(self) -> &'static str {
        match self {
            Confidence::C => "[C] ยืนยันจากเอกสารต้นทาง",
            Confidence::S => "[S] พบในเว็บไซต์หน่วยงานอื่น ยังไม่ยืนยันกับคู่มือ ป.ป.ช.",
            Confidence::I => "[I] อนุมาน ต้องตรวจสอบกับคู่มือ ป.ป.ช.",
        }
    }
}

/// One kind of evidence an item needs; an item is met when all of its evidence is.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// Which fiscal year, relative to the assessment year.
    #[serde(default)]
    pub fiscal_year: RelativeYear,
    /// For `months`: which months of that fiscal year.
    #[serde(default)]
    pub coverage: Coverage,
    /// For `months`: the download formats each month needs besides its page (`xlsx`, `pdf`).
    #[serde(default)]
    pub formats: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Month files (แบบ สขร.1 / ITA list): month pages and their downloads.
    Months,
    /// The annual procurement plan.
    Plan,
    /// The annual procurement report (annual.md with figures computed from the months).
    AnnualReport,
    /// A content page that says so in its front matter (`ita: ["2569:O1"]`), or an address in
    /// site.yaml `ita.evidence`: prongsai cannot read a document's meaning, the agency declares it.
    Page,
    /// An address outside the pages prongsai builds (an e-service system, a complaint form, a
    /// social-media page), named in site.yaml `ita.evidence`; a tagged page that links to it also counts.
    External,
}

impl EvidenceKind {
    /// Evidence the agency declares (a page tag or a site.yaml address) rather than data prongsai reads.
    pub fn is_declared(self) -> bool {
        matches!(self, EvidenceKind::Page | EvidenceKind::External)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelativeYear {
    /// The fiscal year equal to the assessment year.
    #[default]
    Current,
    /// The fiscal year before it.
    Previous,
}

impl RelativeYear {
    pub fn fiscal_year(self, assessment_year: i32) -> i32 {
        match self {
            RelativeYear::Current => assessment_year,
            RelativeYear::Previous => assessment_year - 1,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// October to March.
    #[serde(rename = "first_6")]
    First6,
    /// October to September.
    #[default]
    #[serde(rename = "all_12")]
    All12,
    /// Each quarter that has ended, as a whole quarter.
    Quarterly,
}

impl Coverage {
    /// Fiscal-year month indexes (1 = October … 12 = September) the coverage asks for.
    pub fn indexes(self) -> std::ops::RangeInclusive<u8> {
        match self {
            Coverage::First6 => 1..=6,
            Coverage::All12 | Coverage::Quarterly => 1..=12,
        }
    }

    pub fn thai(self) -> &'static str {
        match self {
            Coverage::First6 => "6 เดือนแรกของปีงบประมาณ (ต.ค.–มี.ค.)",
            Coverage::All12 => "ครบ 12 เดือน (ต.ค.–ก.ย.)",
            Coverage::Quarterly => "รายไตรมาส (ทุกไตรมาสที่สิ้นสุดแล้ว)",
        }
    }
}

/// Parses one criteria file; `file` names it in diagnostics and on the ITA page.
// A Diagnostic is what every stage returns for bad input; this path runs once per criteria file.
#[allow(clippy::result_large_err)]
pub fn parse_criteria(text: &str, file: &str) -> Result<Criteria, Diagnostic> {
    match serde_saphyr::from_str::<Criteria>(text) {
        Ok(mut c) => {
            c.file = file.to_owned();
            check_items(&c, text, file)?;
            Ok(c)
        }
        Err(e) => {
            let (loc, first) = prongsai_config::yaml::error_at(&e, file);
            Err(Diagnostic::error(
                INFO.code,
                format!("ไฟล์เกณฑ์ ITA อ่านไม่ได้ ({first}) แก้ไฟล์ให้ตรงรูปแบบของไฟล์ที่มากับโปรแกรม หรือลบไฟล์นี้เพื่อใช้เกณฑ์ที่มากับโปรแกรม"),
                format!("The ITA criteria file cannot be read ({first}); fix it to match the embedded files' layout, or delete it to use the embedded criteria"),
            )
            .at(loc)
            .with_source("prongsai criteria file format (crates/check/criteria/)"))
        }
    }
}

/// Line (1-based) of the `nth` (0-based) `code: <code>` in the file, for pointing at a bad item;
/// serde has already consumed the positions, so the text is searched again.
fn code_line(text: &str, code: &str, nth: usize) -> Option<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix("code:")
                .is_some_and(|v| v.trim().trim_matches('"') == code)
        })
        .nth(nth)
        .and_then(|(i, _)| u32::try_from(i + 1).ok())
}

/// What serde cannot see: two items with one code (the ITA page would show one of them twice
/// and tags would match either) and an item whose title is blank.
#[allow(clippy::result_large_err)]
fn check_items(c: &Criteria, text: &str, file: &str) -> Result<(), Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    for item in &c.items {
        let nth = usize::from(!seen.insert(item.code.as_str()));
        let at = |n| match code_line(text, &item.code, n) {
            Some(line) => Location::line(file, line),
            None => Location::file(file),
        };
        if nth == 1 {
            return Err(Diagnostic::error(
                INFO.code,
                format!("ไฟล์เกณฑ์ ITA มีข้อ {} ซ้ำ ลบหรือเปลี่ยนรหัสข้อที่ซ้ำ", item.code),
                format!("The ITA criteria file lists item {} twice; delete the duplicate or correct its code", item.code),
            )
            .at(at(1))
            .with_source("prongsai criteria file format (crates/check/criteria/)"));
        }
        if item.title_th.trim().is_empty() {
            return Err(Diagnostic::error(
                INFO.code,
                format!("ข้อ {} ในไฟล์เกณฑ์ ITA ไม่มีชื่อข้อ (title_th) ใส่ชื่อข้อตามคู่มือ ป.ป.ช.", item.code),
                format!("Item {} of the ITA criteria file has no title (title_th); write the NACC manual's title", item.code),
            )
            .at(at(0))
            .with_source("prongsai criteria file format (crates/check/criteria/)"));
        }
    }
    Ok(())
}

/// The criteria file's name without where it came from: `ita-2569.yaml`.
pub fn file_name(c: &Criteria) -> &str {
    c.file.rsplit([':', '/']).next().unwrap_or(&c.file)
}

/// Is this the year's default file (`ita-<year>.yaml`), used for agency types no other file names?
fn is_default_file(c: &Criteria) -> bool {
    let name = file_name(c);
    name == format!("ita-{}.yaml", c.assessment_year)
        || name == format!("ita-{}.yml", c.assessment_year)
}

/// Agency types compare without spaces, since agency.yaml is typed by hand.
fn same_type(a: &str, b: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squash(a) == squash(b)
}

/// The embedded criteria, with each `ita-<year>[-<set>].yaml` in `dir` (when given and present)
/// replacing the embedded file of the same name or adding a file. Sorted by assessment year, then
/// file name; a year may have several files, one per kind of agency (see [`select_criteria`]).
///
/// `dir` is normally `<site root>/criteria`; diagnostics name files as `criteria/<file>`.
pub fn load_criteria(dir: Option<&Path>) -> (Vec<Criteria>, Vec<Diagnostic>) {
    let mut out: Vec<Criteria> = Vec::new();
    let mut diags = Vec::new();
    for (name, text) in EMBEDDED {
        // The embedded files are tested to parse; a failure here would be a build defect, still reported.
        match parse_criteria(text, &format!("embedded:{name}")) {
            Ok(c) => out.push(c),
            Err(d) => diags.push(d),
        }
    }
    if let Some(dir) = dir
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.starts_with("ita-") && (n.ends_with(".yaml") || n.ends_with(".yml")))
            .collect();
        names.sort();
        for name in names {
            let shown = format!("criteria/{name}");
            let text = match std::fs::read_to_string(dir.join(&name)) {
                Ok(t) => t,
                Err(e) => {
                    diags.push(
                        Diagnostic::error(
                            INFO.code,
                            format!("อ่านไฟล์เกณฑ์ ITA ไม่ได้ ({e}) บันทึกไฟล์เป็น UTF-8"),
                            format!("Cannot read the ITA criteria file ({e}); save it as UTF-8"),
                        )
                        .at(Location::file(&shown)),
                    );
                    continue;
                }
            };
            match parse_criteria(&text, &shown) {
                Ok(c) => {
                    out.retain(|o| file_name(o) != name);
                    out.push(c);
                }
                Err(d) => diags.push(d),
            }
        }
    }
    out.sort_by(|a, b| (a.assessment_year, file_name(a)).cmp(&(b.assessment_year, file_name(b))));
    (out, diags)
}

pub const SELECT_INFO: RuleInfo = RuleInfo {
    entry: &codes::C005,
    class: RuleClass::Input,
    doc: "Item codes differ between kinds of agency (a vocational college's 2569 list is not a local \
government's). Each criteria file may name the agency.yaml `agency_type` values it is for (`agency_types:`); \
for each assessment year prongsai uses the file that names the agency's type, else the year's default file \
`ita-<year>.yaml`, which is written for local government (อบต., เทศบาล, อบจ.). When the default file names \
other types, the evidence index may not match the agency's list: add `criteria/ita-<year>-<name>.yaml` with \
`agency_types: [\"<the agency_type of agency.yaml>\"]` to the site.",
};

/// One criteria file per assessment year for an agency of type `agency_type` (agency.yaml):
/// the file whose `agency_types` names it, else the year's default file. A default file that
/// names other types is still used, with a warning, so the site keeps its ITA page.
pub fn select_criteria(
    all: &[Criteria],
    agency_type: Option<&str>,
) -> (Vec<Criteria>, Vec<Diagnostic>) {
    let mut out: Vec<Criteria> = Vec::new();
    let mut diags = Vec::new();
    let agency_type = agency_type.map(str::trim).filter(|t| !t.is_empty());
    let mut years: Vec<i32> = all.iter().map(|c| c.assessment_year).collect();
    years.dedup();
    for year in years {
        let of_year = || all.iter().filter(move |c| c.assessment_year == year);
        let named = agency_type
            .and_then(|t| of_year().find(|c| c.agency_types.iter().any(|a| same_type(a, t))));
        let chosen = named
            .or_else(|| of_year().find(|c| is_default_file(c)))
            .or_else(|| of_year().find(|c| c.agency_types.is_empty()));
        let Some(chosen) = chosen else { continue };
        if named.is_none()
            && let Some(t) = agency_type
            && !chosen.agency_types.is_empty()
        {
            diags.push(
                SELECT_INFO
                    .diag(
                        format!(
                            "ไม่มีไฟล์เกณฑ์ ITA ปี {year} สำหรับหน่วยงานประเภท \"{t}\" จึงใช้ไฟล์ {} (สำหรับ {}) ถ้าข้อการประเมินของหน่วยงานต่างจากนี้ ให้เพิ่มไฟล์ criteria/ita-{year}-<ชื่อ>.yaml ที่มี agency_types: [\"{t}\"]",
                            file_name(chosen),
                            chosen.agency_types.join(", ")
                        ),
                        format!(
                            "No ITA {year} criteria file is for agency type \"{t}\", so {} (for {}) is used; if the agency's item list differs, add criteria/ita-{year}-<name>.yaml with agency_types: [\"{t}\"]",
                            file_name(chosen),
                            chosen.agency_types.join(", ")
                        ),
                    )
                    .at(Location::file("procurement-data/agency.yaml")),
            );
        }
        out.push(chosen.clone());
    }
    (out, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse_and_name_their_year() {
        for (name, text) in EMBEDDED {
            let c = parse_criteria(text, name).unwrap_or_else(|d| panic!("{name}: {d}"));
            assert_eq!(name, format!("ita-{}.yaml", c.assessment_year));
            assert!(!c.items.is_empty());
            let mut codes: Vec<&str> = c.items.iter().map(|i| i.code.as_str()).collect();
            let n = codes.len();
            codes.sort();
            codes.dedup();
            assert_eq!(codes.len(), n, "{name}: duplicate item codes");
        }
    }

    #[test]
    fn items_known_per_year_and_unknown_codes_left_out() {
        let codes = |i: usize| -> Vec<String> {
            let c = parse_criteria(EMBEDDED[i].1, EMBEDDED[i].0).unwrap_or_else(|d| panic!("{d}"));
            c.items.into_iter().map(|i| i.code).collect()
        };
        let want: Vec<String> = ["O1", "O3", "O4"]
            .into_iter()
            .map(String::from)
            .chain((8..=26).map(|n| format!("O{n}")))
            .collect();
        assert_eq!(codes(2), want, "2569");
        assert_eq!(codes(1), want, "2568");
    }

    #[test]
    fn duplicate_code_and_blank_title_name_the_line() {
        let dup = format!(
            "{}  - code: O12\n    title_th: x\n    confidence: S\n    source: s\n",
            EMBEDDED[2].1
        );
        let d = parse_criteria(&dup, "criteria/ita-2569.yaml").unwrap_err();
        let loc = d.location.clone().unwrap();
        assert_eq!(loc.file, "criteria/ita-2569.yaml");
        assert_eq!(loc.line, u32::try_from(dup.lines().count() - 3).ok());
        assert!(d.message_en.contains("O12 twice"), "{}", d.message_en);

        let blank =
            EMBEDDED[2]
                .1
                .replacen("title_th: \"โครงสร้าง หน้าที่และอำนาจ\"", "title_th: \" \"", 1);
        let d = parse_criteria(&blank, "f.yaml").unwrap_err();
        assert_eq!(d.location.unwrap().line, code_line(&blank, "O1", 0));
        assert!(d.message_en.contains("no title"));

        let missing = EMBEDDED[2]
            .1
            .replacen("    title_th: \"โครงสร้าง หน้าที่และอำนาจ\"\n", "", 1);
        let d = parse_criteria(&missing, "f.yaml").unwrap_err();
        assert!(d.location.unwrap().line.is_some());

        let kind = EMBEDDED[2].1.replacen("kind: months", "kind: brochure", 1);
        let d = parse_criteria(&kind, "f.yaml").unwrap_err();
        assert!(d.location.unwrap().line.is_some());
    }

    #[test]
    fn override_replaces_embedded_year_and_reports_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let custom = EMBEDDED[2].1.replace("version: \"", "version: \"agency-");
        std::fs::write(dir.path().join("ita-2569.yaml"), custom).unwrap();
        std::fs::write(dir.path().join("ita-2570.yaml"), "assessment_year: [").unwrap();
        let (all, diags) = load_criteria(Some(dir.path()));
        let y2569: Vec<_> = all.iter().filter(|c| c.assessment_year == 2569).collect();
        assert_eq!(y2569.len(), 1);
        assert!(y2569[0].version.starts_with("agency-"));
        assert_eq!(y2569[0].file, "criteria/ita-2569.yaml");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "C002");
        assert_eq!(
            diags[0].location.as_ref().unwrap().file,
            "criteria/ita-2570.yaml"
        );
    }

    #[test]
    fn criteria_are_chosen_by_agency_type() {
        let dir = tempfile::tempdir().unwrap();
        let college = EMBEDDED[2]
            .1
            .replacen(
                "agency_types: [",
                "agency_types: [\"สถานศึกษา อาชีวศึกษา\"]\n# was: [",
                1,
            )
            .replace("version: \"", "version: \"college-");
        std::fs::write(dir.path().join("ita-2569-college.yaml"), college).unwrap();
        let (all, diags) = load_criteria(Some(dir.path()));
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(all.iter().filter(|c| c.assessment_year == 2569).count(), 2);

        // A local government gets the default file, with no warning; so does a site without agency.yaml.
        for t in [Some("องค์กรปกครองส่วนท้องถิ่น"), Some(" อบต. "), None]
        {
            let (chosen, d) = select_criteria(&all, t);
            assert!(d.is_empty(), "{t:?}: {d:?}");
            let y = chosen.iter().find(|c| c.assessment_year == 2569).unwrap();
            assert_eq!(y.file, "embedded:ita-2569.yaml");
            assert_eq!(chosen.len(), 3);
        }
        // The type a file names picks it (spaces ignored).
        let (chosen, d) = select_criteria(&all, Some("สถานศึกษาอาชีวศึกษา"));
        let y = chosen.iter().find(|c| c.assessment_year == 2569).unwrap();
        assert_eq!(y.file, "criteria/ita-2569-college.yaml");
        // Its other years fall back to the local-government files, with a warning each.
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d.iter()
                .all(|d| d.code == "C005" && d.severity == prongsai_model::Severity::Warning)
        );
        assert!(
            d[0].message_en.contains("ita-2567.yaml"),
            "{}",
            d[0].message_en
        );
    }
}
