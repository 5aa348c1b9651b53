//! The registry of every diagnostic code any stage can emit: its default severity, Thai and
//! English titles, what it rests on and what the user does about it. Stages emit `codes::P121.code`
//! rather than a string of their own, `Diagnostic::new` refuses (in debug builds) a code that is
//! not here, `docs/diagnostics.md` is generated from [`ALL`], and `prongsai explain CODE` prints an
//! entry, so a code's title and severity are written once.
//!
//! One scheme, a letter for the stage and three digits: `P1xx` the loader (`procurement-data/`),
//! `C0xx` the checker's own inputs, `C1xx` site.yaml, content pages, themes and output paths,
//! `C2xx`–`C4xx` the check rules (their longer documentation is `prongsai_check::rules()`),
//! `O1xx` the OCDS publication, `R2xx` the render stage's own faults, `S1xx` the preview server.
//! A published code keeps its meaning; a code that is retired is not reused.

use crate::Severity;
use serde::Serialize;
use std::fmt::Write as _;

/// One diagnostic code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Code {
    pub code: &'static str,
    /// What the code usually is; a few are reported at another severity in context (a gap is
    /// `info` until it is due, a symlinked folder is a warning where a symlinked file is an error).
    pub severity: Severity,
    pub title_th: &'static str,
    pub title_en: &'static str,
    /// What it rests on: a law section, an ITA item, a specification, or prongsai's own contract.
    pub source: &'static str,
    /// Text that gets this code, where an example helps (empty when none).
    pub example: &'static str,
    /// What the user does about it.
    pub fix_th: &'static str,
    pub fix_en: &'static str,
}

impl Code {
    pub fn stage(&self) -> Stage {
        Stage::of(self.code)
    }
}

/// Which part of prongsai reports a code, for grouping the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Load,
    CheckInput,
    Site,
    CheckRule,
    Ocds,
    Render,
    Serve,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Load,
        Stage::CheckInput,
        Stage::Site,
        Stage::CheckRule,
        Stage::Ocds,
        Stage::Render,
        Stage::Serve,
    ];

    /// The stage a code's letter and first digit name.
    pub fn of(code: &str) -> Stage {
        match (code.as_bytes().first(), code.as_bytes().get(1)) {
            (Some(b'P'), _) => Stage::Load,
            (Some(b'C'), Some(b'0')) => Stage::CheckInput,
            (Some(b'C'), Some(b'1')) => Stage::Site,
            (Some(b'O'), _) => Stage::Ocds,
            (Some(b'R'), _) => Stage::Render,
            (Some(b'S'), _) => Stage::Serve,
            _ => Stage::CheckRule,
        }
    }

    /// The codes' pattern and what reports them, in English then Thai.
    pub fn heading(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Stage::Load => (
                "P1xx",
                "data files in procurement-data/ (load)",
                "ไฟล์ข้อมูลใน procurement-data/",
            ),
            Stage::CheckInput => (
                "C0xx",
                "the checker's own inputs (checks:, ita:, criteria files)",
                "ข้อมูลตั้งค่าของการตรวจสอบ",
            ),
            Stage::Site => (
                "C1xx",
                "site.yaml, content pages, themes and output paths",
                "site.yaml หน้าเนื้อหา ธีม และเส้นทางไฟล์ผลลัพธ์",
            ),
            Stage::CheckRule => (
                "C2xx–C4xx",
                "check rules: disclosure, law and consistency, red flags",
                "กฎการตรวจสอบ: การเปิดเผยข้อมูล กฎหมาย และข้อควรตรวจสอบ",
            ),
            Stage::Ocds => (
                "O1xx",
                "the OCDS publication (`data/<FY>/ocds.json`)",
                "การเผยแพร่ข้อมูลแบบ OCDS",
            ),
            Stage::Render => (
                "R2xx",
                "faults while rendering the site",
                "ข้อผิดพลาดระหว่างสร้างเว็บไซต์",
            ),
            Stage::Serve => (
                "S1xx",
                "the preview server (prongsai serve)",
                "การแสดงตัวอย่างเว็บไซต์ (prongsai serve)",
            ),
        }
    }
}

/// prongsai's data contract: the files of `procurement-data/`.
pub const DATA_CONTRACT: &str = "prongsai data contract (procurement-data/README.md, crates/load)";
/// prongsai's site.yaml contract.
pub const SITE_CONFIG: &str = "prongsai site.yaml contract (docs/site-config.md)";
/// prongsai's content pages and themes.
pub const CONTENT: &str = "prongsai content pages and themes (README.md, templates/README.md)";
/// What prongsai refuses to publish, and why.
pub const SECURITY: &str = "prongsai security policy (docs/security.md)";
/// A fault of prongsai itself rather than of the input.
pub const PRONGSAI: &str = "prongsai (a fault of the program, not of the input)";

/// Declares each code once: a constant named as the code, and its place in [`ALL`].
macro_rules! registry {
    ($($code:ident $severity:ident {
        th: $th:expr,
        en: $en:expr,
        source: $source:expr,
        example: $example:expr,
        fix_th: $fix_th:expr,
        fix_en: $fix_en:expr $(,)?
    })*) => {
        $(
            pub const $code: Code = Code {
                code: stringify!($code),
                severity: Severity::$severity,
                title_th: $th,
                title_en: $en,
                source: $source,
                example: $example,
                fix_th: $fix_th,
                fix_en: $fix_en,
            };
        )*
        /// Every code, in code order (by string: `C`, `O`, `P`, `R`, `S`).
        pub static ALL: &[Code] = &[$($code),*];
    };
}

registry! {
    C001 Error {
        th: "ค่า checks: ใน site.yaml ไม่ถูกต้อง",
        en: "Invalid checks: section in site.yaml",
        source: "prongsai site.yaml contract (docs/site-config.md, docs/rules.md)",
        example: "",
        fix_th: "แก้คีย์หรือค่าใน checks: ตามที่ข้อความระบุ (ดูรายการคีย์ใน docs/rules.md)",
        fix_en: "fix the key or value in checks: as the message says (the keys are listed in docs/rules.md)",
    }
    C002 Error {
        th: "ไฟล์เกณฑ์ ITA ของเว็บไซต์อ่านไม่ได้",
        en: "Site's ITA criteria file cannot be read",
        source: "prongsai criteria files (crates/check/criteria/ita-<year>.yaml)",
        example: "",
        fix_th: "แก้ไฟล์ criteria/ita-<ปี>.yaml ของเว็บไซต์ตามที่ข้อความระบุ หรือลบไฟล์เพื่อใช้เกณฑ์ที่มากับโปรแกรม",
        fix_en: "fix the site's criteria/ita-<year>.yaml as the message says, or delete it to use the compiled criteria",
    }
    C003 Error {
        th: "ไม่มีเกณฑ์ ITA ของปีที่ขอ",
        en: "No ITA criteria for the requested year",
        source: "prongsai criteria files (crates/check/criteria/ita-<year>.yaml)",
        example: "",
        fix_th: "ใช้ปีที่มีเกณฑ์ (ข้อความระบุปีที่มี) หรือเพิ่ม criteria/ita-<ปี>.yaml",
        fix_en: "use a year that has criteria (the message lists them) or add criteria/ita-<year>.yaml",
    }
    C004 Error {
        th: "ค่า ita: ใน site.yaml ไม่ถูกต้อง",
        en: "Invalid ita: section in site.yaml",
        source: "prongsai site.yaml contract (docs/site-config.md); ITA OIT items are answered with a URL",
        example: "",
        fix_th: "แก้ ita: ใน site.yaml: item เป็น \"<ปี>:<ข้อ>\", url เป็น https://…",
        fix_en: "fix ita: in site.yaml: item as \"<year>:<item>\", url as https://…",
    }
    C005 Warning {
        th: "ไม่มีไฟล์เกณฑ์ ITA สำหรับประเภทหน่วยงานนี้",
        en: "No ITA criteria file for this agency type",
        source: "prongsai criteria files (crates/check/criteria/ita-<year>.yaml); agency.yaml agency_type",
        example: "",
        fix_th: "เพิ่ม criteria/ita-<ปี>-<ชื่อ>.yaml ที่ระบุ agency_types: ของหน่วยงาน หรือแก้ agency_type ใน agency.yaml",
        fix_en: "add criteria/ita-<year>-<name>.yaml naming the agency's type under agency_types:, or correct agency_type in agency.yaml",
    }
    C100 Error {
        th: "อ่าน site.yaml ไม่ได้",
        en: "site.yaml cannot be read or is not UTF-8",
        source: SITE_CONFIG,
        example: "",
        fix_th: "ตรวจสิทธิ์การอ่านไฟล์ และบันทึกไฟล์ด้วยการเข้ารหัส UTF-8",
        fix_en: "check the file's permissions and save it as UTF-8",
    }
    C101 Error {
        th: "site.yaml ไม่ถูกต้องตามรูปแบบ YAML",
        en: "site.yaml is not valid YAML, or a value has the wrong type",
        source: SITE_CONFIG,
        example: "",
        fix_th: "แก้บรรทัดที่ระบุให้เป็น `คีย์: ค่า`; ใส่ `\"` ครอบข้อความที่มี `:` หรือ `#`",
        fix_en: "fix the line named as `key: value`; quote text containing `:` or `#`",
    }
    C102 Warning {
        th: "ไม่รู้จักคีย์ใน site.yaml",
        en: "unknown key in site.yaml, ignored",
        source: SITE_CONFIG,
        example: "",
        fix_th: "ตรวจการสะกดชื่อคีย์ (ข้อความแนะนำชื่อที่ใกล้เคียง)",
        fix_en: "check the spelling (the message suggests the nearest key)",
    }
    C103 Error {
        th: "base_url ไม่ใช่ที่อยู่เต็ม",
        en: "base_url is not an absolute address",
        source: SITE_CONFIG,
        example: "",
        fix_th: "เขียนที่อยู่เต็ม เช่น `base_url: https://www.example.go.th`",
        fix_en: "write an absolute address, e.g. `base_url: https://www.example.go.th`",
    }
    C104 Error {
        th: "ชื่อธีมไม่ถูกต้อง",
        en: "theme name uses characters other than a-z 0-9 - _",
        source: SITE_CONFIG,
        example: "",
        fix_th: "ใช้ชื่อโฟลเดอร์ใน themes/ ที่มีแต่ a-z 0-9 - _",
        fix_en: "name a folder of themes/ using only a-z 0-9 - _",
    }
    C105 Error {
        th: "ไม่รู้จัก data_license",
        en: "data_license is not a known licence",
        source: SITE_CONFIG,
        example: "",
        fix_th: "ใช้รหัส SPDX หรือรหัสของ thai_gdc ที่ข้อความระบุ เช่น `CC-BY-4.0`",
        fix_en: "use an SPDX or thai_gdc identifier the message lists, e.g. `CC-BY-4.0`",
    }
    C106 Error {
        th: "as_of ไม่ใช่วันที่",
        en: "as_of in site.yaml is not a date",
        source: SITE_CONFIG,
        example: "",
        fix_th: "เขียน ปปปป-ดด-วว เช่น `2569-11-01` หรือลบบรรทัดเพื่อใช้วันที่ปัจจุบัน",
        fix_en: "write YYYY-MM-DD, e.g. `2569-11-01`, or remove the line to use today's date",
    }
    C107 Error {
        th: "as_of อยู่ก่อนปีงบประมาณแรกของข้อมูล",
        en: "as_of is before the first fiscal year of the data",
        source: SITE_CONFIG,
        example: "",
        fix_th: "แก้วันที่ หรือลบบรรทัด as_of",
        fix_en: "correct the date or remove the as_of line",
    }
    C108 Error {
        th: "og_image ไม่ใช่ภาพ PNG/JPEG ของเว็บไซต์หรือ https://",
        en: "og_image is not a PNG/JPEG of the site or an https:// address",
        source: SITE_CONFIG,
        example: "",
        fix_th: "ใช้ไฟล์ .png หรือ .jpg ในเว็บไซต์ (ขึ้นต้นด้วย /) หรือที่อยู่ https://",
        fix_en: "use a .png or .jpg of the site (starting with /) or an https:// address",
    }
    C109 Error {
        th: "policies_updated ไม่ใช่วันที่",
        en: "policies_updated in site.yaml is not a date",
        source: SITE_CONFIG,
        example: "",
        fix_th: "เขียนวันที่ประกาศนโยบายเว็บไซต์เป็น ปปปป-ดด-วว เช่น `2568-10-01`",
        fix_en: "write the day the site's policies were announced as YYYY-MM-DD, e.g. `2568-10-01`",
    }
    C110 Error {
        th: "front matter ไม่ถูกต้องตามรูปแบบ YAML",
        en: "front matter is not valid YAML, or a value has the wrong type",
        source: CONTENT,
        example: "",
        fix_th: "แก้บรรทัดที่ระบุให้เป็น `คีย์: ค่า`",
        fix_en: "fix the line named as `key: value`",
    }
    C111 Error {
        th: "front matter ไม่มี --- ปิดท้าย",
        en: "front matter is not closed",
        source: CONTENT,
        example: "",
        fix_th: "เพิ่มบรรทัด `---` หลังคีย์สุดท้าย",
        fix_en: "add a `---` line after the last key",
    }
    C112 Error {
        th: "วันที่ใน front matter ไม่ถูกต้อง",
        en: "invalid date in front matter",
        source: CONTENT,
        example: "",
        fix_th: "เขียน ปปปป-ดด-วว เช่น `2568-10-15`",
        fix_en: "write YYYY-MM-DD, e.g. `2568-10-15`",
    }
    C113 Warning {
        th: "ไม่รู้จักคีย์ใน front matter",
        en: "unknown front matter key, ignored",
        source: CONTENT,
        example: "",
        fix_th: "ตรวจการสะกดชื่อคีย์ (ข้อความแนะนำชื่อที่ใกล้เคียง)",
        fix_en: "check the spelling (the message suggests the nearest key)",
    }
    C114 Warning {
        th: "หน้าไม่มี title",
        en: "page has no title; the file name is used",
        source: CONTENT,
        example: "",
        fix_th: "เพิ่ม `title: ชื่อหน้า` ใน front matter",
        fix_en: "add `title: …` to the front matter",
    }
    C115 Error {
        th: "slug ไม่ถูกต้อง",
        en: "slug is not a single name (has /, \\ or ..)",
        source: SECURITY,
        example: "",
        fix_th: "ใช้ชื่อเดียวที่ไม่มี / \\ หรือ .. เช่น `slug: ข่าว-2568`",
        fix_en: "use one name without /, \\ or .., e.g. `slug: news-2568`",
    }
    C116 Error {
        th: "favicon ไม่ใช่ไฟล์ PNG/ICO ของเว็บไซต์",
        en: "favicon is not a PNG or ICO file of the site",
        source: SITE_CONFIG,
        example: "favicon: emblem.svg",
        fix_th: "ใช้ไฟล์ .png หรือ .ico ใน content/ เขียนเป็นเส้นทางที่ขึ้นต้นด้วย / หรือลบบรรทัดเพื่อใช้ไอคอนที่สร้างให้",
        fix_en: "use a .png or .ico under content/, written as a path starting with /, or remove the line to use the generated icon",
    }
    C120 Error {
        th: "ลิงก์ไปยังหน้าที่ไม่มี",
        en: "link to a page that does not exist in content/",
        source: CONTENT,
        example: "",
        fix_th: "แก้ชื่อไฟล์ในลิงก์ (เช่น `@/about/structure.md`) หรือสร้างหน้านั้น",
        fix_en: "fix the file name in the link (e.g. `@/about/structure.md`) or create the page",
    }
    C121 Error {
        th: "ลิงก์ไปยังหน้าฉบับร่าง",
        en: "link to a draft page, which is not published",
        source: CONTENT,
        example: "",
        fix_th: "เผยแพร่หน้านั้น (ลบ `draft: true`) หรือลบลิงก์",
        fix_en: "publish that page (remove `draft: true`) or remove the link",
    }
    C122 Warning {
        th: "นำลิงก์ที่อาจรันโค้ดออก",
        en: "link or image whose address could run code was removed",
        source: SECURITY,
        example: "",
        fix_th: "ใช้ที่อยู่ https://, http://, mailto:, tel: หรือ @/หน้า.md",
        fix_en: "use an https://, http://, mailto:, tel: or @/page.md address",
    }
    C123 Warning {
        th: "นำ HTML ที่ไม่ปลอดภัยออก",
        en: "unsafe HTML was removed from the page",
        source: SECURITY,
        example: "",
        fix_th: "ลบส่วนนั้นออก หรือถ้าตรวจแล้วว่าปลอดภัย ตั้ง `markdown: { raw_html: trust }` ใน site.yaml",
        fix_en: "remove it, or if reviewed as safe set `markdown: { raw_html: trust }` in site.yaml",
    }
    C124 Warning {
        th: "เมนูชี้ไปยังที่อยู่ที่อาจรันโค้ด",
        en: "menu item points to an address that could run code; left out",
        source: SECURITY,
        example: "",
        fix_th: "ใช้ @/หน้า.md, /ที่อยู่/ หรือ https://",
        fix_en: "use @/page.md, /path/ or https://",
    }
    C130 Error {
        th: "อ่านไฟล์ไม่ได้",
        en: "file cannot be read",
        source: CONTENT,
        example: "",
        fix_th: "ตรวจสิทธิ์การอ่านไฟล์ หรือย้ายไฟล์ออก",
        fix_en: "check the file's permissions, or move it out",
    }
    C131 Error {
        th: "ไฟล์ไม่ได้บันทึกเป็น UTF-8",
        en: "content file is not UTF-8",
        source: CONTENT,
        example: "",
        fix_th: "เปิดไฟล์แล้วบันทึกใหม่ด้วยการเข้ารหัส UTF-8",
        fix_en: "open the file and save it again as UTF-8",
    }
    C132 Error {
        th: "ไฟล์ใหญ่เกินขีดจำกัด",
        en: "file larger than limits.max_file_mb; not published",
        source: SECURITY,
        example: "",
        fix_th: "ลดขนาดไฟล์ หรือตั้ง `limits: { max_file_mb: … }` ใน site.yaml",
        fix_en: "make the file smaller, or raise `limits: { max_file_mb: … }` in site.yaml",
    }
    C133 Error {
        th: "ลิงก์ (symlink) ออกนอกเว็บไซต์",
        en: "symlink outside the site root or to a folder; not published",
        source: SECURITY,
        example: "",
        fix_th: "คัดลอกไฟล์จริงมาไว้ใน content/ แทนลิงก์",
        fix_en: "copy the real file into content/ instead of linking",
    }
    C140 Error {
        th: "ไม่พบโฟลเดอร์ธีม",
        en: "theme folder not found",
        source: SITE_CONFIG,
        example: "",
        fix_th: "สร้าง themes/<ชื่อ>/ หรือลบบรรทัด theme: เพื่อใช้ธีม default",
        fix_en: "create themes/<name>/, or remove theme: to use the default theme",
    }
    C141 Error {
        th: "ไม่พบแม่แบบ",
        en: "template not found",
        source: CONTENT,
        example: "",
        fix_th: "ใช้แม่แบบที่มีอยู่ (ข้อความระบุ) หรือเพิ่มไฟล์ใน themes/<ธีม>/templates/",
        fix_en: "use a template that exists (the message lists them) or add it under themes/<theme>/templates/",
    }
    C142 Error {
        th: "สร้างหน้าจากแม่แบบไม่สำเร็จ",
        en: "rendering a template failed",
        source: CONTENT,
        example: "",
        fix_th: "แก้แม่แบบหรือ front matter ตามรายละเอียด",
        fix_en: "fix the template or the front matter as the report says",
    }
    C143 Error {
        th: "แม่แบบมีข้อผิดพลาด",
        en: "template has a syntax error or is not UTF-8",
        source: CONTENT,
        example: "",
        fix_th: "แก้แม่แบบตามรายละเอียด และบันทึกเป็น UTF-8",
        fix_en: "fix the template as the report says and save it as UTF-8",
    }
    C150 Warning {
        th: "ไม่ได้สร้าง sitemap.xml เพราะไม่มี base_url",
        en: "no base_url, so sitemap.xml is not written",
        source: "sitemaps.org protocol (a sitemap lists absolute URLs); prongsai site.yaml contract (docs/site-config.md)",
        example: "",
        fix_th: "เพิ่ม `base_url: https://…` ใน site.yaml หรือใช้ `build --base-url`",
        fix_en: "add `base_url: https://…` to site.yaml or pass `build --base-url`",
    }
    C151 Warning {
        th: "ไม่ได้ระบุ data_license",
        en: "site.yaml names no data_license for the open data",
        source: "Open Definition 2.1 (open data carries an explicit licence); prongsai site.yaml contract (docs/site-config.md)",
        example: "",
        fix_th: "เพิ่ม `data_license: CC-BY-4.0` (หรือสัญญาอนุญาตที่หน่วยงานเลือก)",
        fix_en: "add `data_license: CC-BY-4.0` (or the licence the agency chose)",
    }
    C152 Info {
        th: "site.yaml กำหนด as_of ตายตัว",
        en: "site.yaml pins as_of: the site always describes that day",
        source: SITE_CONFIG,
        example: "",
        fix_th: "ใช้เฉพาะเว็บไซต์ตัวอย่างหรือฉบับเก็บถาวร เว็บไซต์จริงควรลบบรรทัด as_of",
        fix_en: "meant for samples and archives: a live site removes the as_of line",
    }
    C153 Warning {
        th: "ไม่มีไฟล์ og_image ในเว็บไซต์",
        en: "og_image is not a file of the site; link previews show no image",
        source: SITE_CONFIG,
        example: "",
        fix_th: "วางไฟล์ไว้ใน content/ ที่ตำแหน่งเดียวกัน หรือแก้ og_image",
        fix_en: "put the file at that place under content/, or fix og_image",
    }
    C154 Warning {
        th: "ไม่มีไฟล์ favicon ในเว็บไซต์ จึงใช้ไอคอนที่สร้างให้",
        en: "favicon is not a file of the site; the generated icon is used",
        source: SITE_CONFIG,
        example: "",
        fix_th: "วางไฟล์ไว้ใน content/ ที่ตำแหน่งเดียวกัน หรือแก้ favicon",
        fix_en: "put the file at that place under content/, or fix favicon",
    }
    C160 Error {
        th: "เส้นทางไฟล์ผลลัพธ์ชนกันหรือออกนอกโฟลเดอร์",
        en: "output path conflict: two pages claim one address, a file is also a folder, or a path escapes the output folder",
        source: SECURITY,
        example: "",
        fix_th: "แก้ slug หรือชื่อไฟล์ให้ไม่ซ้ำ และไม่มี \"..\" หรือ \"/\" นำหน้า",
        fix_en: "change a slug or file name so each address is unique, without \"..\" or a leading \"/\"",
    }
    C201 Warning {
        th: "ยังไม่เผยแพร่ไฟล์ของเดือนที่สิ้นสุดแล้ว",
        en: "Month file not yet published for a month that has ended",
        source: "พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 9 (8) (แบบ สขร.1 ทุกเดือน); ITA 2568 O12, ITA 2569 O11/O12, ITA 2567 O21",
        example: "",
        fix_th: "เพิ่มไฟล์ของเดือนนั้น (`prongsai new month <ปี-เดือน>`) เดือนที่ไม่มีการจัดซื้อจัดจ้างให้มีแต่แถวหัวตาราง",
        fix_en: "add the month file (`prongsai new month <year-month>`); a month with no procurement keeps just the header row",
    }
    C202 Warning {
        th: "ไม่มีเลขที่โครงการในระบบ e-GP",
        en: "e-GP project number missing",
        source: "ITA 2568 O12 field เลขที่โครงการในระบบ e-GP; data contract (threshold 5,000 บาท, checks.egp_threshold)",
        example: "",
        fix_th: "กรอกเลขที่โครงการจากระบบ e-GP",
        fix_en: "write the project number from e-GP",
    }
    C205 Warning {
        th: "ยังไม่มีรายงานผลการจัดซื้อจัดจ้างประจำปี",
        en: "Annual procurement report not yet published",
        source: "ITA 2568 O13, ITA 2569 O12, ITA 2567 O22 (รายงานผลการจัดซื้อจัดจ้างประจำปีของปีงบประมาณก่อนหน้า)",
        example: "",
        fix_th: "เพิ่ม procurement-data/<ปี>/annual.md (รายงานผลการจัดซื้อจัดจ้างประจำปี)",
        fix_en: "add procurement-data/<year>/annual.md (the annual procurement report)",
    }
    C206 Warning {
        th: "รายงานประจำปีขาดหัวข้อที่กำหนด",
        en: "Annual report lacks a required section",
        source: "ITA 2568 O13 / ITA 2569 O12 elements as mirrored on agency websites [S]; data contract annual.md",
        example: "",
        fix_th: "เพิ่มหัวข้อที่ขาดใน annual.md ตามที่ข้อความระบุ",
        fix_en: "add the missing section to annual.md as the message names it",
    }
    C207 Warning {
        th: "รายงานประจำปีไม่ระบุผู้อนุมัติหรือวันที่อนุมัติ",
        en: "Annual report approval missing",
        source: "ITA 2568 O13 / ITA 2569 O12: the report is approved by the head of the agency [S]; data contract annual.md front matter",
        example: "",
        fix_th: "เพิ่ม approved_by และ approved_date ใน front matter ของ annual.md",
        fix_en: "add approved_by and approved_date to annual.md's front matter",
    }
    C208 Warning {
        th: "ยังไม่มีแผนการจัดซื้อจัดจ้างประจำปี",
        en: "Annual procurement plan not yet published",
        source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 11; ระเบียบกระทรวงการคลังฯ 2560 ข้อ 11 (ภายใน 30 วันทำการ); ITA 2567 O19",
        example: "",
        fix_th: "เพิ่ม procurement-data/<ปี>/plan.csv (`prongsai new plan <ปี>`)",
        fix_en: "add procurement-data/<year>/plan.csv (`prongsai new plan <year>`)",
    }
    C209 Error {
        th: "ป้าย ita: อ้างข้อการประเมินที่ไม่มีในเกณฑ์ของปีนั้น",
        en: "ita: tag names an item the year's criteria do not have",
        source: "ITA criteria files (crates/check/criteria/ita-<year>.yaml); front matter ita: and site.yaml ita.evidence (docs/site-config.md)",
        example: "",
        fix_th: "แก้ป้าย ita: ให้เป็นข้อที่มีในเกณฑ์ของปีนั้น (`prongsai check --ita <ปี>` แสดงรายการ)",
        fix_en: "name an item the year's criteria have (`prongsai check --ita <year>` lists them)",
    }
    C220 Warning {
        th: "สัญญาในระบบ e-GP ที่ยังไม่มีในไฟล์รายเดือน",
        en: "A contract e-GP has that no month file discloses",
        source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 66 และแบบ สขร.1 (พ.ร.บ.ข้อมูลข่าวสารฯ มาตรา 9 (8)); ITA O11–O12; data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP)",
        example: "e-GP 67109000123, signed 15 ต.ค. 2567, in no row of `2567-10.csv`",
        fix_th: "เพิ่มรายการในไฟล์รายเดือนที่ระบุ (พร้อมเลขที่โครงการ e-GP) หรือแก้เลขที่โครงการของแถวที่เป็นสัญญาเดียวกันให้ตรง",
        fix_en: "add the contract to the month file named (with its e-GP number), or correct the e-GP number of the row that is this contract",
    }
    C301 Error {
        th: "วันที่สัญญาไม่อยู่ในเดือนของไฟล์",
        en: "Contract date outside the file's month",
        source: "แบบ สขร.1 (สรุปผลการจัดซื้อจัดจ้างรายเดือน, พ.ร.บ.ข้อมูลข่าวสารฯ มาตรา 9 (8)); data contract (contract_date must fall in the file's month)",
        example: "",
        fix_th: "แก้วันที่สัญญา หรือย้ายแถวไปไฟล์ของเดือนที่ถูกต้อง",
        fix_en: "correct the contract date or move the row to the right month file",
    }
    C303 Error {
        th: "วันสิ้นสุดสัญญาก่อนวันที่สัญญา",
        en: "Contract ends before it starts",
        source: "data contract (contract_end not before contract_date); Open Contracting red flags: implausible dates",
        example: "",
        fix_th: "แก้วันที่สัญญาหรือวันสิ้นสุดสัญญา",
        fix_en: "correct the contract date or the end date",
    }
    C304 Error {
        th: "ราคาที่ตกลงสูงกว่าวงเงินงบประมาณ",
        en: "Agreed price above the budget",
        source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 (วงเงินงบประมาณที่ได้รับจัดสรร); Open Contracting red flags: contract value above budget",
        example: "",
        fix_th: "ตรวจราคาที่ตกลงและวงเงินงบประมาณ แก้ตัวเลขที่พิมพ์ผิด; ถ้าถูกต้องแล้ว ให้เขียนเหตุผลในคอลัมน์ คำชี้แจง (เผยแพร่คู่กับรายการ)",
        fix_en: "check the agreed price and the budget; correct a mistyped figure, or if the row is right, explain it in the คำชี้แจง (explanation) column, published with the record",
    }
    C305 Error {
        th: "วิธีเฉพาะเจาะจงเกิน 500,000 บาท โดยไม่ระบุเหตุตามมาตรา 56",
        en: "Specific method above 500,000 baht without a section 56 ground",
        source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 56 (2)(ข) และกฎกระทรวงกำหนดวงเงิน (ไม่เกิน 500,000 บาท) [S]; Open Contracting red flags: non-competitive method above threshold",
        example: "",
        fix_th: "ระบุเหตุตามมาตรา 56 ในคอลัมน์ เหตุผลตามมาตรา 56 หรือแก้วิธีการจัดซื้อจัดจ้าง; ถ้าถูกต้องแล้ว ให้เขียนเหตุผลในคอลัมน์ คำชี้แจง",
        fix_en: "write the section 56 ground in legal_ground, or correct the method; if the row is right, explain it in the คำชี้แจง (explanation) column",
    }
    C306 Error {
        th: "รายการเกิน 500,000 บาท ไม่อ้างอิงแผนการจัดซื้อจัดจ้าง",
        en: "Record above 500,000 baht not linked to a plan line",
        source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 11–12 (ต้องจัดซื้อจัดจ้างตามแผนที่เผยแพร่; ยกเว้นวงเงินตามมาตรา 56 (2)(ข)) [S]",
        example: "",
        fix_th: "ใส่รหัสแผนของรายการนี้ในคอลัมน์รหัสแผน; ถ้าไม่อยู่ในแผนจริง (เช่น กรณีเร่งด่วนตามมาตรา 11) ให้เขียนเหตุผลในคอลัมน์ คำชี้แจง",
        fix_en: "write the plan line's id in the plan id column; if it is really outside the plan (an urgent need, section 11), explain it in the คำชี้แจง (explanation) column",
    }
    C307 Error {
        th: "รหัสแผนไม่มีในแผนการจัดซื้อจัดจ้างของปี",
        en: "Plan id not found in the year's plan",
        source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 11–12; data contract (plan_id links a record to a plan line)",
        example: "",
        fix_th: "แก้รหัสแผนให้ตรงกับ plan.csv ของปีนั้น หรือเพิ่มรายการในแผน",
        fix_en: "correct the plan id to one in the year's plan.csv, or add the line to the plan",
    }
    C309 Warning {
        th: "เผยแพร่แผนการจัดซื้อจัดจ้างช้ากว่า 30 วันทำการ",
        en: "Procurement plan published later than 30 working days",
        source: "พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 11; ระเบียบกระทรวงการคลังฯ 2560 ข้อ 11 (ภายใน 30 วันทำการนับแต่วันที่ได้รับความเห็นชอบงบประมาณ) [S]",
        example: "",
        fix_th: "เผยแพร่แผนให้ทันกำหนด; ถ้าวันที่ใน plan.yaml ผิด ให้แก้วันที่",
        fix_en: "publish the plan on time; if the date in plan.yaml is wrong, correct it",
    }
    C310 Warning {
        th: "ปีและเดือนในเลขที่โครงการ e-GP ไม่สอดคล้องกับวันที่สัญญา",
        en: "e-GP number's year and month do not fit the contract date",
        source: "e-GP project number format (digits 1–2 BE year, 3–4 month; data contract); ITA 2568 O12 field เลขที่โครงการในระบบ e-GP",
        example: "",
        fix_th: "ตรวจเลขที่โครงการ e-GP และวันที่สัญญา แก้ตัวที่ผิด",
        fix_en: "check the e-GP number and the contract date; correct the wrong one",
    }
    C311 Info {
        th: "ผู้ชนะเป็นนิติบุคคลแต่ไม่มีเลขประจำตัวผู้เสียภาษี",
        en: "Juristic winner without a taxpayer number",
        source: "ประมวลรัษฎากร (เลขประจำตัวผู้เสียภาษีอากร 13 หลัก); OCDS 1.1 parties.identifier; Open Contracting red flags: supplier identification",
        example: "",
        fix_th: "กรอกเลขประจำตัวผู้เสียภาษี 13 หลักของผู้ชนะ",
        fix_en: "write the winner's 13-digit taxpayer number",
    }
    C312 Warning {
        th: "ชื่อผู้ประกอบการกับเลขประจำตัวผู้เสียภาษีไม่ตรงกัน",
        en: "Supplier name and taxpayer number disagree",
        source: "ประมวลรัษฎากร (เลขประจำตัวผู้เสียภาษีอากร 13 หลัก: หนึ่งเลขต่อหนึ่งนิติบุคคล); OCDS 1.1 parties.identifier and organisation identifier guidance",
        example: "",
        fix_th: "ตรวจชื่อและเลขประจำตัวผู้เสียภาษี ให้หนึ่งเลขใช้ชื่อเดียว",
        fix_en: "check the names and taxpayer numbers: one number, one name",
    }
    C313 Error {
        th: "วันที่ในการเสนอราคาขัดกันเอง",
        en: "Tender dates contradict each other",
        source: "data contract (tender_start ≤ tender_end ≤ contract_date; a bid's date between the invitation and the contract); Open Contracting red flags: implausible dates",
        example: "",
        fix_th: "แก้วันที่ประกาศเชิญชวน วันสิ้นสุดการยื่นข้อเสนอ วันที่ยื่นของผู้เสนอราคา หรือวันที่สัญญา ให้ตรงกับระบบ e-GP",
        fix_en: "correct the invitation date, the bid deadline, a bid's date or the contract date as e-GP shows them",
    }
    C320 Warning {
        th: "ข้อมูลในไฟล์รายเดือนไม่ตรงกับข้อมูล e-GP",
        en: "A month file's value differs from e-GP's",
        source: "data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP, กรมบัญชีกลาง); prongsai data contract (procurement-data/<FY>/egp/)",
        example: "ราคาที่ตกลง 12,100.00 in `2567-10.csv`, 12,000.00 in e-GP",
        fix_th: "ตรวจกับเอกสารสัญญา: ถ้าไฟล์รายเดือนผิดให้แก้ไฟล์ ถ้า e-GP ผิดให้แก้ในระบบ e-GP (เว็บไซต์แสดงค่าของหน่วยงาน พร้อมค่าของ e-GP ข้างกัน)",
        fix_en: "check the contract: correct the month file if it is wrong, or e-GP if it is (the site shows the agency's value with e-GP's beside it)",
    }
    C401 Warning {
        th: "ควรตรวจสอบ: อาจเป็นการแบ่งซื้อแบ่งจ้าง",
        en: "Worth a look: possible splitting",
        source: "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างฯ 2560 ข้อ 20 (ห้ามแบ่งซื้อแบ่งจ้าง) [S]; Red Flags for Integrity (OCP/TI 2016): contract splitting / multiple awards just below a threshold",
        example: "",
        fix_th: "ตรวจว่าเป็นงานเดียวกันที่ถูกแบ่งหรือไม่ ถ้าไม่ใช่ ไม่ต้องแก้ไข",
        fix_en: "check whether it is one purchase split up; if not, nothing to fix",
    }
    C402 Warning {
        th: "ควรตรวจสอบ: ราคาที่ตกลงกระจุกตัวใต้ 500,000 บาท",
        en: "Worth a look: agreed prices bunched just under 500,000 baht",
        source: "Red Flags for Integrity (OCP/TI 2016): contract values just below procurement thresholds; พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 56 (2)(ข) limit",
        example: "",
        fix_th: "ตรวจที่มาของราคา ถ้ามีเหตุผลปกติ ไม่ต้องแก้ไข",
        fix_en: "check how the prices were set; if ordinary, nothing to fix",
    }
    C403 Warning {
        th: "ควรตรวจสอบ: ราคาที่ตกลงเท่ากับราคากลางพอดี",
        en: "Worth a look: agreed price equals the reference price",
        source: "Red Flags for Integrity (OCP/TI 2016): winning bid equal or very close to the estimated price",
        example: "",
        fix_th: "เก็บบันทึกการต่อรองราคาไว้ ถ้ามีเหตุผลปกติ ไม่ต้องแก้ไข",
        fix_en: "keep a record of the negotiation; if ordinary, nothing to fix",
    }
    C404 Warning {
        th: "ควรตรวจสอบ: ราคากลางเท่ากับวงเงินงบประมาณพอดี",
        en: "Worth a look: reference price equals the budget",
        source: "Red Flags for Integrity (OCP/TI 2016): estimate not based on market research; พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 4 (ราคากลาง)",
        example: "",
        fix_th: "เก็บที่มาของการคำนวณราคากลางไว้ ถ้ามีเหตุผลปกติ ไม่ต้องแก้ไข",
        fix_en: "keep how the reference price was calculated; if ordinary, nothing to fix",
    }
    C405 Warning {
        th: "ควรตรวจสอบ: วิธีประกาศเชิญชวนทั่วไปมีผู้เสนอราคารายเดียว",
        en: "Worth a look: single bidder on an open method",
        source: "Red Flags for Integrity (OCP/TI 2016): single bidder; cardinal-rs indicator R018 (Single bid received); พ.ร.บ.การจัดซื้อจัดจ้างฯ 2560 มาตรา 55 (1)",
        example: "",
        fix_th: "ตรวจว่าการประกาศเชิญชวนเปิดกว้างพอ ถ้ามีเหตุผลปกติ ไม่ต้องแก้ไข",
        fix_en: "check the invitation was open enough; if ordinary, nothing to fix",
    }
    C406 Warning {
        th: "ควรตรวจสอบ: ผู้ประกอบการรายเดียวได้งานสัดส่วนสูงของปี",
        en: "Worth a look: one supplier wins a large share of the year",
        source: "Red Flags for Integrity (OCP/TI 2016): supplier concentration / same supplier repeatedly wins",
        example: "",
        fix_th: "ตรวจเหตุที่ผู้ประกอบการรายนี้ได้งานมาก ถ้าเป็นตลาดเล็ก ไม่ต้องแก้ไข",
        fix_en: "check why this supplier wins so much; a small local market is ordinary",
    }
    O100 Info {
        th: "ปีงบประมาณยังไม่มีข้อมูลให้เผยแพร่เป็น OCDS",
        en: "nothing to publish as OCDS for the fiscal year (no rows, no plan lines)",
        source: "OCDS 1.1 release package schema (releases: minItems 1)",
        example: "",
        fix_th: "ไม่ต้องแก้ไข ไฟล์ OCDS จะสร้างเมื่อมีรายการหรือแผน",
        fix_en: "nothing to fix: the file is written once the year has rows or plan lines",
    }
    O101 Error {
        th: "ไม่มีข้อมูลหน่วยงานสำหรับ OCDS",
        en: "no agency profile: the OCDS package has no publisher or buyer",
        source: "OCDS 1.1 release package schema (publisher, buyer)",
        example: "",
        fix_th: "เพิ่มไฟล์ procurement-data/agency.yaml",
        fix_en: "add procurement-data/agency.yaml",
    }
    O102 Error {
        th: "ที่อยู่เว็บไซต์ไม่ใช่ URL แบบเต็ม",
        en: "neither base_url nor the agency website is an absolute http(s) URL",
        source: "OCDS 1.1 release package schema (uri must be dereferenceable)",
        example: "",
        fix_th: "ใส่ website ใน agency.yaml หรือ base_url ใน site.yaml เป็น https://…",
        fix_en: "set website in agency.yaml or base_url in site.yaml to https://…",
    }
    O110 Warning {
        th: "ยังไม่ได้กำหนด ocid_prefix",
        en: "no ocid_prefix in agency.yaml; the placeholder ocds-xxxxxx is used",
        source: "OCDS 1.1 identifiers guidance (registered ocid prefix)",
        example: "",
        fix_th: "ขอรหัสฟรีจาก data@open-contracting.org แล้วใส่ `ocid_prefix: ocds-……` ใน agency.yaml",
        fix_en: "register a prefix free at data@open-contracting.org, then set `ocid_prefix: ocds-……` in agency.yaml",
    }
    O111 Warning {
        th: "ocid_prefix ไม่อยู่ในรูปแบบของ OCDS",
        en: "ocid_prefix is not `ocds-` + 6 lowercase letters or digits",
        source: "OCDS 1.1 identifiers guidance (ocid prefix format)",
        example: "",
        fix_th: "ตรวจสอบกับรหัสที่ได้รับจดทะเบียน",
        fix_en: "check it against the registered prefix",
    }
    O120 Error {
        th: "รหัส ocid ซ้ำกัน",
        en: "two rows with the same month and ลำดับที่ get the same ocid",
        source: "OCDS 1.1 (ocid unique per contracting process)",
        example: "",
        fix_th: "แก้ลำดับที่หรือเลขที่โครงการไม่ให้ซ้ำ",
        fix_en: "make the ลำดับที่ or the project number unique",
    }
    O121 Warning {
        th: "เลขที่โครงการ e-GP ซ้ำหลายรายการ",
        en: "an e-GP project number on several rows of the year; the row id is used",
        source: "OCDS 1.1 (ocid unique per contracting process)",
        example: "",
        fix_th: "ตรวจสอบว่าเลขที่โครงการถูกต้อง",
        fix_en: "check the project numbers are right",
    }
    O122 Warning {
        th: "รหัสแผนซ้ำในแผน",
        en: "a รหัสแผน repeated in plan.csv; the plan release id gets its ลำดับ appended",
        source: "OCDS 1.1 (release id unique within a package)",
        example: "",
        fix_th: "แก้รหัสแผนให้ไม่ซ้ำ",
        fix_en: "make the plan ids unique",
    }
    O130 Warning {
        th: "วันที่เผยแพร่ไม่อยู่ในรูปแบบ RFC 3339",
        en: "published_date is not RFC 3339; the latest date in the data is used",
        source: "OCDS 1.1 release package schema (publishedDate: date-time)",
        example: "",
        fix_th: "ใช้วันที่แบบ RFC 3339 เช่น 2026-12-01T00:00:00+07:00",
        fix_en: "write an RFC 3339 date-time, e.g. 2026-12-01T00:00:00+07:00",
    }
    O131 Warning {
        th: "ค่าไม่ใช่ URL แบบเต็ม จึงไม่ใส่ใน OCDS",
        en: "license / publication_policy is not an absolute URL; left out",
        source: "OCDS 1.1 release package schema (license, publicationPolicy: uri)",
        example: "",
        fix_th: "ใช้ที่อยู่เต็ม https://…",
        fix_en: "use an absolute https://… address",
    }
    P100 Info {
        th: "อ่านไฟล์ด้วยรหัส Windows-874",
        en: "file was read as Windows-874 (TIS-620)",
        source: DATA_CONTRACT,
        example: "a CSV saved by Excel as \"CSV (Comma delimited)\" on Thai Windows",
        fix_th: "บันทึกใหม่เป็น \"CSV UTF-8 (Comma delimited)\"",
        fix_en: "save as \"CSV UTF-8 (Comma delimited)\"",
    }
    P101 Error {
        th: "อ่านไฟล์เป็นข้อความไม่ได้",
        en: "file is neither UTF-8 nor Windows-874",
        source: DATA_CONTRACT,
        example: "an `.xlsx` renamed to `.csv`, a UTF-16 \"Unicode Text\" file",
        fix_th: "เปิดใน Excel แล้วบันทึกเป็น \"CSV UTF-8\"",
        fix_en: "save from Excel as \"CSV UTF-8\"",
    }
    P102 Error {
        th: "ไฟล์ว่าง",
        en: "empty file (0 bytes, only blanks, or no header row)",
        source: DATA_CONTRACT,
        example: "`2567-10.csv` of 0 bytes",
        fix_th: "ใส่แถวหัวตาราง เดือนที่ไม่มีการจัดซื้อจัดจ้างให้มีแต่แถวหัวตาราง",
        fix_en: "write the header row; a month with no procurement keeps just the header",
    }
    P103 Error {
        th: "เปิด/อ่านไฟล์ไม่ได้",
        en: "file or folder cannot be opened or read",
        source: DATA_CONTRACT,
        example: "permissions, a locked file",
        fix_th: "ตรวจว่าไฟล์มีอยู่และมีสิทธิ์อ่าน",
        fix_en: "check the file exists and is readable",
    }
    P104 Warning {
        th: "เครื่องหมาย `\"` ไม่ครบคู่",
        en: "unbalanced double quote swallows the rest of the file",
        source: DATA_CONTRACT,
        example: "`1,\"ร้าน ก,500`",
        fix_th: "เติม `\"` ให้ครบคู่ หรือลบ `\"` ที่เกินออก",
        fix_en: "pair or remove the stray `\"`",
    }
    P105 Error {
        th: "ไฟล์ใหญ่เกินขีดจำกัด",
        en: "file larger than `limits.max_file_mb` (default 50 MB), or a workbook that unpacks to more (a zip bomb; measured while unpacking, not trusted from the zip); not read",
        source: DATA_CONTRACT,
        example: "a 2 GB export saved as `2567-10.csv`",
        fix_th: "ตรวจว่าเป็นไฟล์ที่ถูกต้อง หรือเพิ่ม `limits: { max_file_mb: … }` ใน site.yaml",
        fix_en: "check it is the right file, or raise `limits: { max_file_mb: … }` in site.yaml",
    }
    P106 Error {
        th: "ช่องยาวเกินขีดจำกัด",
        en: "one CSV cell longer than `limits.max_cell_kb` (default 64 KiB); names line, column and size; the row is left out",
        source: DATA_CONTRACT,
        example: "a Word document pasted into งานที่ซื้อหรือจ้าง",
        fix_th: "ย่อข้อความในช่อง หรือเพิ่ม `limits: { max_cell_kb: … }` ใน site.yaml",
        fix_en: "shorten the cell, or raise `limits: { max_cell_kb: … }`",
    }
    P107 Error {
        th: "แถวเกินขีดจำกัด",
        en: "more data rows than `limits.max_rows` (default 100,000) in one file; reading stops there",
        source: DATA_CONTRACT,
        example: "a generated file of a million rows",
        fix_th: "ตรวจไฟล์ หรือเพิ่ม `limits: { max_rows: … }` ใน site.yaml",
        fix_en: "check the file, or raise `limits: { max_rows: … }`",
    }
    P108 Error {
        th: "ลิงก์ (symlink)",
        en: "error: a symlink that leaves the site root (or dangles) is not read; warning: a symlinked folder is not followed",
        source: DATA_CONTRACT,
        example: "`agency.yaml -> /etc/passwd`",
        fix_th: "คัดลอกไฟล์จริงมาไว้ใน `procurement-data/` แทนลิงก์",
        fix_en: "copy the real file into `procurement-data/`",
    }
    P110 Warning {
        th: "ไม่รู้จักคอลัมน์",
        en: "unknown column, ignored",
        source: DATA_CONTRACT,
        example: "`หมายเหตุ`",
        fix_th: "แก้ชื่อคอลัมน์ให้ตรงกับหัวตารางที่กำหนด หรือปล่อยไว้ (ไม่ถูกอ่าน)",
        fix_en: "rename to a contract header or leave it (it is ignored)",
    }
    P111 Error {
        th: "ไม่มีคอลัมน์ที่ต้องมี",
        en: "required column missing (lists the columns found)",
        source: DATA_CONTRACT,
        example: "no `ราคากลาง`",
        fix_th: "เพิ่มคอลัมน์นั้นในแถวหัวตาราง",
        fix_en: "add the column to the header row",
    }
    P112 Error {
        th: "คอลัมน์ซ้ำ",
        en: "the same column appears twice",
        source: DATA_CONTRACT,
        example: "two `สถานะ` columns",
        fix_th: "ลบคอลัมน์ที่ซ้ำออกหนึ่งคอลัมน์",
        fix_en: "delete one",
    }
    P113 Error {
        th: "ไม่พบแถวหัวตาราง",
        en: "no header row: a plan's first row names no known column; a month file has no row among its first 20 that completes a layout (names the row that came closest, the layout and the columns it lacks)",
        source: DATA_CONTRACT,
        example: "data starting on line 1; a สขร.1 form without its contract column",
        fix_th: "ให้แถวแรกเป็นหัวตาราง (สร้างไฟล์ใหม่ด้วย `prongsai new month`) หรือเพิ่มคอลัมน์ที่ขาดในแถวหัวตารางของแบบ สขร.1 / รายการ ITA",
        fix_en: "put the header row first (`prongsai new month`), or add the missing columns to the สขร.1 / ITA list header",
    }
    P114 Warning {
        th: "ข้อมูลเกินคอลัมน์สุดท้าย",
        en: "cells right of the last header are ignored",
        source: DATA_CONTRACT,
        example: "a stray comma in an unquoted cell",
        fix_th: "ย้ายข้อมูลเข้าคอลัมน์ที่ถูกต้อง หรือใส่ `\"` ครอบข้อความที่มีจุลภาค",
        fix_en: "move the data or quote the cell",
    }
    P115 Error {
        th: "อ่านสมุดงาน Excel ไม่ได้",
        en: "the file is not a readable workbook (corrupt, another format renamed `.xlsx`, an HTML \"xls\" from another system), or it has no visible worksheet",
        source: DATA_CONTRACT,
        example: "a PNG saved as `2569-11.xlsx`",
        fix_th: "เปิดแล้ว Save As \"Excel Workbook (.xlsx)\" หรือ \"CSV UTF-8\" และเลิกซ่อนแผ่นงานข้อมูล",
        fix_en: "open it and Save As \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"; unhide the data sheet",
    }
    P116 Error {
        th: "สมุดงานมีรหัสผ่าน",
        en: "password-protected (encrypted) workbook",
        source: DATA_CONTRACT,
        example: "File → Info → Protect Workbook → Encrypt with Password",
        fix_th: "ยกเลิกรหัสผ่านแล้วบันทึกเป็น .xlsx",
        fix_en: "clear the password and save as `.xlsx`",
    }
    P117 Error {
        th: "ผสานเซลล์ข้ามคอลัมน์",
        en: "cells merged across columns in or under the header row (a block merged down one column reads as its value in every row; merges above the header, in a title, are ignored)",
        source: DATA_CONTRACT,
        example: "a remark merged over ผู้ได้รับการคัดเลือก and เลขประจำตัวผู้เสียภาษี",
        fix_th: "ยกเลิกการผสานเซลล์ แล้วใส่ค่าในคอลัมน์ของมัน",
        fix_en: "unmerge and put the value in its column",
    }
    P118 Error {
        th: "ช่องมีค่าผิดพลาด",
        en: "a cell holds an error value",
        source: DATA_CONTRACT,
        example: "`#DIV/0!`, `#REF!`, `#N/A`",
        fix_th: "แก้สูตร หรือพิมพ์ค่าลงไปแทน",
        fix_en: "fix the formula or type the value",
    }
    P119 Error {
        th: "สูตรไม่มีค่าที่คำนวณไว้",
        en: "a formula cell without a saved (cached) value: the file was never calculated",
        source: DATA_CONTRACT,
        example: "a workbook written by a program, not saved by Excel",
        fix_th: "เปิดใน Excel กด F9 คำนวณใหม่แล้วบันทึก หรือวางแบบค่า (Paste Special → Values)",
        fix_en: "open in Excel, recalculate (F9) and save, or Paste Special → Values",
    }
    P120 Error {
        th: "ช่องที่ต้องกรอกว่าง",
        en: "required cell empty (some only unless status is ยกเลิกการดำเนินการ)",
        source: DATA_CONTRACT,
        example: "empty `ผู้ได้รับการคัดเลือก`",
        fix_th: "กรอกช่องนั้น",
        fix_en: "fill it in",
    }
    P121 Error {
        th: "จำนวนเงินไม่ถูกต้อง",
        en: "invalid money",
        source: DATA_CONTRACT,
        example: "`-500`, `1.234`, `12a`, `1,23`",
        fix_th: "จำนวนเงินบวก ทศนิยมไม่เกิน 2 ตำแหน่ง เช่น `1,234.50` หรือ `๑,๒๓๔.๕๐ บาท`",
        fix_en: "a positive amount, ≤ 2 decimals: `1,234.50`, `๑,๒๓๔.๕๐ บาท`",
    }
    P122 Error {
        th: "วันที่ไม่ถูกต้อง",
        en: "invalid date",
        source: DATA_CONTRACT,
        example: "`15/10/2024` (ค.ศ.), `31/02/2568`, `15/10/567`",
        fix_th: "เขียนวันที่ พ.ศ. เช่น `15/10/2567`, `15 ต.ค. 2567`, `2567-10-15`",
        fix_en: "`15/10/2567`, `15 ต.ค. 2567`, `15 ตุลาคม 2567`, `2567-10-15`",
    }
    P123 Error {
        th: "เดือนไม่ถูกต้อง",
        en: "invalid plan month",
        source: DATA_CONTRACT,
        example: "`ต.ค. 2024`, `2568-13`",
        fix_th: "เขียนเดือน พ.ศ. เช่น `ม.ค. 2568`, `มกราคม 2568`, `2568-01`",
        fix_en: "`ม.ค. 2568`, `มกราคม 2568`, `2568-01`",
    }
    P124 Error {
        th: "ไม่รู้จักวิธีการจัดซื้อจัดจ้าง",
        en: "unknown method (lists the accepted ones)",
        source: DATA_CONTRACT,
        example: "`ประมูล`",
        fix_th: "ใช้วิธีที่กำหนด: `e-bidding`, `e-market`, `สอบราคา`, `วิธีคัดเลือก`, `วิธีเฉพาะเจาะจง`, `วิธีประกวดแบบ`",
        fix_en: "`e-bidding`, `e-market`, `สอบราคา`, `วิธีคัดเลือก`, `วิธีเฉพาะเจาะจง`, `วิธีประกวดแบบ`",
    }
    P125 Error {
        th: "ไม่รู้จักสถานะ",
        en: "unknown status (lists the accepted ones)",
        source: DATA_CONTRACT,
        example: "`เสร็จแล้ว`",
        fix_th: "ใช้สถานะที่กำหนด: `ยังไม่ลงนามในสัญญา`, `อยู่ระหว่างระยะสัญญา`, `สิ้นสุดสัญญา`, `ยกเลิกการดำเนินการ`",
        fix_en: "`ยังไม่ลงนามในสัญญา`, `อยู่ระหว่างระยะสัญญา`, `สิ้นสุดสัญญา`, `ยกเลิกการดำเนินการ`",
    }
    P126 Error {
        th: "เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง",
        en: "invalid TIN: length, or check digit (says which digit was expected), or Excel's `3.31E+12`",
        source: DATA_CONTRACT,
        example: "`0-9940-00165-51-1`",
        fix_th: "เลข 13 หลักที่หลักสุดท้ายถูกต้องตาม mod 11; จัดรูปแบบคอลัมน์เป็นข้อความ (Text)",
        fix_en: "13 digits, check digit mod 11; format the column as Text",
    }
    P127 Error {
        th: "เลขที่โครงการ e-GP ไม่ถูกต้อง",
        en: "invalid e-GP project number (11 digits, digits 3–4 a month)",
        source: DATA_CONTRACT,
        example: "`6710912345`",
        fix_th: "คัดลอกเลขที่โครงการจากระบบ e-GP; จัดรูปแบบคอลัมน์เป็นข้อความ (Text)",
        fix_en: "copy it from e-GP; format the column as Text",
    }
    P128 Error {
        th: "ลำดับไม่ถูกต้อง",
        en: "sequence number not a positive whole number",
        source: DATA_CONTRACT,
        example: "`1a`, `0`",
        fix_th: "ใช้เลขจำนวนเต็มบวก `1`, `2`, `3`",
        fix_en: "`1`, `2`, `3`",
    }
    P129 Error {
        th: "รายชื่อผู้เสนอราคาไม่ถูกต้อง",
        en: "a bid's price is invalid, a price has no bidder name, or a bid's date `(ยื่น …)` cannot be read",
        source: DATA_CONTRACT,
        example: "`ร้าน ก -500`, `12,000`, `ร้าน ก 12,000 (ยื่น 31/02/2568)`",
        fix_th: "บรรทัดละหนึ่งราย (หรือคั่นด้วย `;`): ชื่อแล้วตามด้วยราคา วันที่ยื่นเขียนในวงเล็บ เช่น `(ยื่น 3 ต.ค. 2567)`",
        fix_en: "one bid a line (or `;`): name then price; a bid's date in brackets, e.g. `(ยื่น 3 ต.ค. 2567)`",
    }
    P130 Warning {
        th: "ผู้เสนอราคาไม่มีราคา",
        en: "a bid has no price",
        source: DATA_CONTRACT,
        example: "`ร้านสมใจ`",
        fix_th: "เขียนราคาต่อท้ายชื่อผู้เสนอราคา",
        fix_en: "write the price after the name",
    }
    P131 Error {
        th: "ลำดับที่ซ้ำ",
        en: "duplicate ลำดับที่ in the file (names the first line); the second row is left out",
        source: DATA_CONTRACT,
        example: "two rows numbered 1",
        fix_th: "แก้ลำดับที่ไม่ให้ซ้ำ",
        fix_en: "renumber",
    }
    P132 Error {
        th: "รหัสแผนซ้ำ",
        en: "duplicate รหัสแผน in plan.csv (names the first line); the second line is left out",
        source: DATA_CONTRACT,
        example: "two `P68-001`",
        fix_th: "แก้รหัสแผนไม่ให้ซ้ำ",
        fix_en: "make plan IDs unique",
    }
    P133 Error {
        th: "แถวหัวตารางเป็นได้สองรูปแบบ",
        en: "a header that reads as both the แบบ สขร.1 form and the ITA list (names both)",
        source: DATA_CONTRACT,
        example: "a สขร.1 header with the ITA list's agency columns added",
        fix_th: "แยกเป็นสองไฟล์ของเดือนเดียวกัน (`2568-03 สขร1.xlsx`, `2568-03 ITA.xlsx`) หรือลบคอลัมน์ของรูปแบบที่ไม่ใช้",
        fix_en: "split it into two files of the month (`2568-03 สขร1.xlsx`, `2568-03 ITA.xlsx`) or delete the other layout's columns",
    }
    P134 Error {
        th: "ไฟล์ระบุเดือนหรือปีงบประมาณอื่น",
        en: "the file says it covers another month (a title row) or fiscal year (an ITA list's ปีงบประมาณ) than its name and folder: the wrong file saved under this name (the date the form was signed does not count)",
        source: DATA_CONTRACT,
        example: "`2567-11.xlsx` titled \"…ในรอบเดือนตุลาคม 2567\"",
        fix_th: "ตรวจว่าเป็นไฟล์ของเดือนนี้ แล้วแก้ชื่อไฟล์หรือหัวเรื่องให้ตรงกัน",
        fix_en: "check it is this month's file, then correct its name or its title",
    }
    P135 Info {
        th: "รูปแบบของไฟล์ไม่มีบางข้อมูล (ไม่ระบุ)",
        en: "the month's layout does not give some fields (the สขร.1 form has no budget source, status, TIN or e-GP number; the ITA list no bidders, reason, contract number or date): they are shown as ไม่ระบุ, and the file that would complete them is named",
        source: DATA_CONTRACT,
        example: "`2568-03 สขร1.xlsx` without `2568-03 ITA.xlsx`",
        fix_th: "ไม่ต้องแก้: ถ้ามีไฟล์อีกรูปแบบของเดือนเดียวกัน (รายการ ITA หรือแบบ สขร.1) ให้ใส่ไว้ในโฟลเดอร์เดียวกัน prongsai จะรวมให้",
        fix_en: "nothing to fix; if you keep the month in the other layout too (the ITA list, the สขร.1 form), put it in the same folder and prongsai joins them",
    }
    P136 Error {
        th: "สองไฟล์ของเดือนเดียวกันให้ข้อมูลไม่ตรงกัน",
        en: "two files of one month (a สขร.1 and an ITA list) give different values for the same procurement (names both cells)",
        source: DATA_CONTRACT,
        example: "ราคาที่ตกลง 12,100.00 in the สขร.1, 12,000.00 in the ITA list",
        fix_th: "แก้ไฟล์ที่ผิดให้ตรงกับเอกสารจริง",
        fix_en: "correct the file that is wrong",
    }
    P137 Warning {
        th: "รายการที่จับคู่กับอีกไฟล์ของเดือนไม่ได้",
        en: "a row of one of a month's two files that pairs with no row of the other (by e-GP number, else by title and agreed price): published on its own",
        source: DATA_CONTRACT,
        example: "a procurement in the สขร.1 but not in the ITA list",
        fix_th: "เพิ่มรายการนั้นในอีกไฟล์ หรือแก้ชื่องาน ราคาที่ตกลง หรือเลขที่โครงการให้ตรงกัน",
        fix_en: "add it to the other file, or make its title, agreed price or e-GP number match",
    }
    P138 Warning {
        th: "ไฟล์ระบุหน่วยงานอื่น",
        en: "a title row or an ITA list's agency column names another agency, district, province, ministry or agency type than agency.yaml (names both values)",
        source: DATA_CONTRACT,
        example: "ชื่อหน่วยงาน `เทศบาลตำบลห้วยทับทัน` in อบต.เมืองหลวง's folder",
        fix_th: "ตรวจว่าเป็นไฟล์ของหน่วยงานนี้ แล้วแก้ไฟล์หรือ agency.yaml ให้ตรงกัน",
        fix_en: "check it is this agency's file, then correct the file or agency.yaml",
    }
    P139 Error {
        th: "รหัส UNSPSC ไม่ถูกต้อง",
        en: "invalid UNSPSC code (8 digits, optionally followed by its description)",
        source: DATA_CONTRACT,
        example: "`721411`, `7214110A`",
        fix_th: "คัดลอกรหัส 8 หลักจากระบบ e-GP เช่น `72141103` (ต่อท้ายด้วยชื่อรายการได้); จัดรูปแบบคอลัมน์เป็นข้อความ (Text)",
        fix_en: "copy the 8-digit code from e-GP, e.g. `72141103` (its description may follow); format the column as Text",
    }
    P140 Error {
        th: "ชื่อไฟล์รายเดือนไม่ถูกต้อง / ไฟล์อยู่ผิดที่",
        en: "month file misnamed (gives the expected name) or misplaced",
        source: DATA_CONTRACT,
        example: "`2567-1.csv`, `2024-10.csv`, `ตุลาคม.csv`",
        fix_th: "เปลี่ยนชื่อเป็น `<ปี พ.ศ.>-<เดือน 2 หลัก>.csv` เช่น `2567-01.csv`",
        fix_en: "rename to `<BE year>-<MM>.csv`, e.g. `2567-01.csv`",
    }
    P141 Error {
        th: "เดือนไม่อยู่ในปีงบประมาณของโฟลเดอร์",
        en: "month outside its folder's fiscal year (gives the right folder)",
        source: DATA_CONTRACT,
        example: "`2568/months/2568-10.csv`",
        fix_th: "ย้ายไฟล์ไปโฟลเดอร์ปีงบประมาณที่ข้อความระบุ",
        fix_en: "move it to `2569/months/`",
    }
    P142 Error {
        th: "ชื่อโฟลเดอร์ปีงบประมาณไม่ถูกต้อง",
        en: "fiscal-year folder not a 4-digit BE year",
        source: DATA_CONTRACT,
        example: "`2025`, `2568-draft`",
        fix_th: "เปลี่ยนชื่อโฟลเดอร์เป็นปี พ.ศ. 4 หลัก เช่น `2568`",
        fix_en: "rename to the BE year, e.g. `2568`",
    }
    P143 Warning {
        th: "ไม่รู้จักไฟล์/โฟลเดอร์",
        en: "unknown file or folder, not read (README.md, dotfiles and Excel `~$` lock files are ignored silently)",
        source: DATA_CONTRACT,
        example: "`notes.txt`, `ตุลาคม.xlsx` (a workbook gets the hint to name it `months/<BE year>-<MM>.xlsx`)",
        fix_th: "ย้ายออก หรือตั้งชื่อตามข้อกำหนดของข้อมูล",
        fix_en: "move it out, or name it per the contract",
    }
    P144 Error {
        th: "ไม่มี agency.yaml",
        en: "agency.yaml missing",
        source: DATA_CONTRACT,
        example: "",
        fix_th: "สร้าง `procurement-data/agency.yaml`",
        fix_en: "create `procurement-data/agency.yaml`",
    }
    P145 Error {
        th: "มีไฟล์เดียวกันหลายรูปแบบ",
        en: "the same month (or plan) as more than one file, e.g. `2569-11.csv` and `2569-11.xlsx`; none of them is read",
        source: DATA_CONTRACT,
        example: "a CSV left behind after switching to Excel",
        fix_th: "เก็บไว้ไฟล์เดียว ลบไฟล์อื่น",
        fix_en: "keep one and delete the others",
    }
    P146 Error {
        th: "ไม่อ่านไฟล์รูปแบบนี้",
        en: "a month file or plan saved as `.xlsm`, `.xlsb`, `.ods`, `.fods` or `.numbers`",
        source: DATA_CONTRACT,
        example: "`2569-11.ods`",
        fix_th: "Save As \"Excel Workbook (.xlsx)\" หรือ \"CSV UTF-8\" ด้วยชื่อเดิม",
        fix_en: "Save As \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\" under the same name",
    }
    P150 Error {
        th: "YAML ไม่ถูกต้อง",
        en: "YAML syntax error, or the document is not a `key: value` mapping",
        source: DATA_CONTRACT,
        example: "`short_name: [อบต.`",
        fix_th: "เขียนบรรทัดละ `คีย์: ค่า`; ใส่ `\"` ครอบข้อความที่มี `:` หรือ `#`",
        fix_en: "one `key: value` a line; quote text containing `:` or `#`",
    }
    P151 Error {
        th: "ไม่มีคีย์ที่ต้องมี",
        en: "required key missing or blank in agency.yaml (names the key)",
        source: DATA_CONTRACT,
        example: "no `province`",
        fix_th: "เพิ่มคีย์นั้น เช่น `province: ศรีสะเกษ`",
        fix_en: "add `province: ศรีสะเกษ`",
    }
    P152 Warning {
        th: "ไม่รู้จักคีย์",
        en: "unknown key, ignored (lists the known ones)",
        source: DATA_CONTRACT,
        example: "`notes:` in plan.yaml",
        fix_th: "ตรวจการสะกดชื่อคีย์",
        fix_en: "check the spelling",
    }
    P153 Error {
        th: "ค่าของคีย์ไม่ถูกต้อง",
        en: "wrong kind of value for a key",
        source: DATA_CONTRACT,
        example: "`phone: 045123456` (loses its 0), `sample: yes please`, `social: x`",
        fix_th: "ใส่ `\"` ครอบเบอร์โทรศัพท์; `sample: true`; `social:` เป็นบรรทัด `ชื่อ: URL` ที่ย่อหน้า",
        fix_en: "quote phone numbers; `sample: true`; `social:` as indented `name: URL` lines",
    }
    P154 Error {
        th: "front matter ไม่มี `---` ปิด",
        en: "annual.md front matter never closes",
        source: DATA_CONTRACT,
        example: "`---` then no second `---`",
        fix_th: "เพิ่มบรรทัด `---` ปิด front matter",
        fix_en: "add the closing `---` line",
    }
    P155 Error {
        th: "ที่อยู่เว็บไม่ปลอดภัย",
        en: "`website` / `social` in agency.yaml not `http(s)://…`, or a link in annual.md whose address could run code (`javascript:`, `data:`, `vbscript:`)",
        source: DATA_CONTRACT,
        example: "`website: javascript:alert(1)`",
        fix_th: "ใช้ที่อยู่ `https://`",
        fix_en: "use an `https://` address",
    }
    P160 Error {
        th: "ไฟล์ในโฟลเดอร์ egp/ ไม่ใช่ข้อมูล e-GP ที่อ่านได้",
        en: "a file in egp/ is neither the data.go.th CSV nor the CGD API's JSON (names the columns it lacks), or its JSON does not read",
        source: "data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP, กรมบัญชีกลาง); prongsai data contract (procurement-data/<FY>/egp/)",
        example: "a month file saved into `egp/`",
        fix_th: "ใส่ไฟล์ตามที่ดาวน์โหลดจาก data.go.th (CSV) หรือที่ `prongsai egp fetch` เขียน (JSON) โดยไม่แก้หัวตาราง",
        fix_en: "put the file there as downloaded from data.go.th (CSV) or as `prongsai egp fetch` writes it (JSON), headers unchanged",
    }
    P161 Info {
        th: "หัวตารางของไฟล์ e-GP เลื่อนจากข้อมูล: อ่านโดยจัดคอลัมน์ให้ตรง",
        en: "the e-GP file's header is shifted against its rows (a known defect of the published data: no อำเภอ/ตำบล in the header, or three empty \"(Eng)\" columns): read with the columns aligned",
        source: "data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP, กรมบัญชีกลาง); prongsai data contract (procurement-data/<FY>/egp/)",
        example: "26 header names, 28 values a row",
        fix_th: "ไม่ต้องแก้: prongsai จัดคอลัมน์ให้ตรงแล้ว",
        fix_en: "nothing to fix: prongsai aligned the columns",
    }
    P162 Warning {
        th: "แถวของไฟล์ e-GP เลื่อนคอลัมน์: ไม่ใช้แถวนี้",
        en: "a row of an e-GP file has a number of values that fits neither its header nor a known shift: skipped",
        source: "data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP, กรมบัญชีกลาง); prongsai data contract (procurement-data/<FY>/egp/)",
        example: "a title with an unquoted comma",
        fix_th: "ดาวน์โหลดไฟล์ใหม่ หรือแก้แถวนั้นให้มีจำนวนช่องเท่าหัวตาราง",
        fix_en: "download the file again, or make the row's values match the header",
    }
    P163 Warning {
        th: "ค่าในไฟล์ e-GP อ่านไม่ได้: ไม่ใช้แถวนี้",
        en: "a date, amount, e-GP project number or TIN in an e-GP file does not read: the row is skipped (never read as zero)",
        source: "data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP, กรมบัญชีกลาง); prongsai data contract (procurement-data/<FY>/egp/)",
        example: "`ราคาตกลงซื้อ/จ้าง` = `หนึ่งหมื่น`",
        fix_th: "ดาวน์โหลดไฟล์ใหม่ หรือแก้ค่าที่ระบุ",
        fix_en: "download the file again, or correct the value named",
    }
    P164 Info {
        th: "ข้ามแถวของหน่วยงานอื่นในไฟล์ e-GP",
        en: "rows of other agencies in a provincial or national e-GP file were skipped (counted once per file)",
        source: "data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP, กรมบัญชีกลาง); prongsai data contract (procurement-data/<FY>/egp/)",
        example: "",
        fix_th: "ไม่ต้องแก้: ใช้เฉพาะแถวของหน่วยงาน (ตาม egp_department_code ใน agency.yaml หรือชื่อหน่วยงาน)",
        fix_en: "nothing to fix: only the agency's rows are used (by agency.yaml's egp_department_code, else its name)",
    }
    P165 Warning {
        th: "ไฟล์ e-GP ไม่มีแถวของหน่วยงานนี้",
        en: "no row of an e-GP file is this agency's (names the agencies it holds most)",
        source: "data.go.th cgd-contract (ข้อมูลสัญญาจากระบบ e-GP, กรมบัญชีกลาง); prongsai data contract (procurement-data/<FY>/egp/)",
        example: "a file of another province",
        fix_th: "ตรวจว่าเป็นไฟล์ที่ถูกต้อง และใส่ egp_department_code (รหัสหน่วยงานในระบบ e-GP) ใน agency.yaml หรือแก้ชื่อหน่วยงานให้ตรงกับ e-GP",
        fix_en: "check it is the right file, and set egp_department_code in agency.yaml or make the agency's name match e-GP's",
    }
    R200 Error {
        th: "สร้างไฟล์ PDF หรือ XLSX ไม่สำเร็จ",
        en: "producing a PDF or XLSX export failed (a fault in prongsai)",
        source: PRONGSAI,
        example: "",
        fix_th: "แจ้งผู้ดูแลระบบ prongsai พร้อมไฟล์ที่ระบุ",
        fix_en: "report it to the prongsai maintainers with the file named",
    }
    S100 Error {
        th: "สร้างตัวอย่างเว็บไซต์ไม่สำเร็จ",
        en: "the preview build failed inside prongsai (not an input error)",
        source: PRONGSAI,
        example: "",
        fix_th: "อ่านรายละเอียด แก้สิ่งที่ระบุ (เช่น สิทธิ์ของโฟลเดอร์) หรือแจ้งผู้ดูแลระบบ prongsai",
        fix_en: "read the detail, fix what it names (e.g. folder permissions), or report it to the prongsai maintainers",
    }
}

/// Codes that were renamed into the scheme or folded into the one stage that owns their fact, by
/// their former name, so a script or a note that still names one is told what it is called now.
pub const RENAMED: &[(&str, &Code)] = &[
    ("OCDS-EMPTY", &O100),
    ("OCDS-NO-AGENCY", &O101),
    ("OCDS-BASE-URL", &O102),
    ("OCDS-PREFIX-MISSING", &O110),
    ("OCDS-PREFIX-MALFORMED", &O111),
    ("OCDS-DUPLICATE-OCID", &O120),
    ("OCDS-DUPLICATE-EGP-NO", &O121),
    ("OCDS-DUPLICATE-PLAN-ID", &O122),
    ("OCDS-PUBLISHED-DATE", &O130),
    ("OCDS-NOT-A-URL", &O131),
    // Check rules that repeated what the loader refuses first, so they could never fire.
    ("C203", &P151),
    ("C204", &P120),
    ("C302", &P141),
    ("C308", &P132),
];

/// The code a former name was renamed to.
pub fn renamed(former: &str) -> Option<&'static Code> {
    RENAMED
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(former.trim()))
        .map(|&(_, c)| c)
}

/// The entry of `code`, if it is registered.
pub fn get(code: &str) -> Option<&'static Code> {
    ALL.binary_search_by(|c| c.code.cmp(code))
        .ok()
        .map(|i| &ALL[i])
}

/// Up to `n` registered codes nearest to a code that is not: fewest edits first, then the
/// codes the text begins, then the closest number in the same stage: `C13` suggests `C130`.
pub fn nearest(code: &str, n: usize) -> Vec<&'static Code> {
    let wanted = code.trim().to_uppercase();
    let number = |c: &str| c.get(1..).and_then(|d| d.parse::<i64>().ok());
    let mut ranked: Vec<(usize, bool, i64, &'static Code)> = ALL
        .iter()
        .map(|c| {
            let distance = edit_distance(&wanted, c.code);
            let gap = match (
                wanted.get(..1) == c.code.get(..1),
                number(&wanted),
                number(c.code),
            ) {
                (true, Some(a), Some(b)) => (a - b).abs(),
                _ => i64::MAX,
            };
            (distance, !c.code.starts_with(&wanted), gap, c)
        })
        .collect();
    ranked.sort_by_key(|&(d, p, g, c)| (d, p, g, c.code));
    ranked.into_iter().take(n).map(|(_, _, _, c)| c).collect()
}

/// Levenshtein distance over characters; codes are four characters, so the table is tiny.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// `docs/diagnostics.md`: every code of every stage, grouped by stage.
pub fn markdown() -> String {
    let mut s = String::from(
        "# Diagnostics (รหัสข้อความแจ้งปัญหา)\n\n\
<!-- Generated by crates/model/tests/docs.rs from prongsai_model::codes::ALL; do not edit by hand.\n     \
Regenerate with: UPDATE_DOCS=1 cargo test -p prongsai_model --test docs -->\n\n\
Every problem prongsai reports carries a stable code: a letter for the part of prongsai that found it and three\n\
digits. Once published a code keeps its meaning. Each message names the file (relative to the site root) and where\n\
it can the line and column (1-based, as a text editor or Excel row number shows), says in Thai and English what is\n\
wrong and how to fix it. `prongsai explain CODE` prints one entry below; the check rules (`C2xx`–`C4xx`) are\n\
explained at length in [rules.md](rules.md).\n\n\
Severities: **error** fails `prongsai build` and `prongsai check` (exit 1); **warning** is reported but does not\n\
fail; **info** is a note. The severity below is the usual one: a missing disclosure is `info` until it is due, and a\n\
symlinked folder (P108) is a warning where a symlinked file is an error.\n\n\
In a workbook (`.xlsx`, `.xls`) the line is the sheet's row number and the column counts from A = 1, and the place\n\
names the sheet and cell as Excel shows them:\n\
`procurement-data/2570/months/2569-11.xlsx, แผ่นงาน สขร1, เซลล์ F7 (คอลัมน์ \"ราคากลาง\")`. A workbook's cells are\n\
turned into the text a CSV of the same sheet would hold, so every `P1xx` code applies to it unchanged; P115–P119\n\
are what only a workbook can get wrong. A lone `-` in a cell counts as empty (Thai forms write `-` for \"nothing\n\
here\").\n",
    );
    for stage in Stage::ALL {
        let (pattern, en, th) = stage.heading();
        let _ = write!(
            s,
            "\n## {pattern}: {en}\n\n{th}\n\n| code | severity | Thai | English |\n|---|---|---|---|\n"
        );
        let codes: Vec<&Code> = ALL.iter().filter(|c| c.stage() == stage).collect();
        for c in &codes {
            let _ = writeln!(
                s,
                "| [{0}](#{1}) | {2} | {3} | {4} |",
                c.code,
                c.code.to_lowercase(),
                c.severity,
                cell(c.title_th),
                cell(c.title_en)
            );
        }
        for c in &codes {
            let _ = write!(
                s,
                "\n### {}\n\n**{}** · {} · {}\n\n",
                c.code, c.severity, c.title_th, c.title_en
            );
            if !c.example.is_empty() {
                let _ = writeln!(s, "- Example: {}", c.example);
            }
            for (former, _) in RENAMED.iter().filter(|(_, r)| r.code == c.code) {
                let _ = writeln!(s, "- Formerly: `{former}`");
            }
            let _ = writeln!(s, "- แก้ไข: {}", c.fix_th);
            let _ = writeln!(s, "- Fix: {}", c.fix_en);
            let _ = writeln!(s, "- Source: {}", c.source);
            if stage == Stage::CheckRule || stage == Stage::CheckInput {
                let _ = writeln!(s, "- Rule: [rules.md](rules.md#{})", c.code.to_lowercase());
            }
        }
    }
    s
}

/// A table cell: a `|` would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_in_order_and_shaped_by_stage() {
        assert!(
            ALL.windows(2).all(|w| w[0].code < w[1].code),
            "codes must be listed in order, each once"
        );
        for c in ALL {
            let shaped = c.code.len() == 4
                && matches!(c.code.as_bytes()[0], b'P' | b'C' | b'O' | b'R' | b'S')
                && c.code[1..].bytes().all(|b| b.is_ascii_digit());
            assert!(shaped, "{}: a letter and three digits", c.code);
            assert!(
                [c.title_th, c.title_en, c.source, c.fix_th, c.fix_en]
                    .iter()
                    .all(|t| !t.trim().is_empty()),
                "{}: every field but the example is written",
                c.code
            );
            assert_eq!(get(c.code), Some(c));
        }
        for (former, c) in RENAMED {
            assert!(
                get(former).is_none(),
                "{former} is a former name, not a code"
            );
            assert_eq!(renamed(&former.to_lowercase()), Some(*c));
        }
        assert!(get("C1300").is_none() && get("c130").is_none() && get("").is_none());
    }

    #[test]
    fn nearest_suggests_close_codes() {
        assert_eq!(nearest("c13", 1)[0].code, "C130");
        assert_eq!(nearest("P1O1", 1)[0].code, "P101");
        let near: Vec<_> = nearest("C209x", 3).iter().map(|c| c.code).collect();
        assert!(near.contains(&"C209"), "{near:?}");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "P101"), 4);
    }
}
