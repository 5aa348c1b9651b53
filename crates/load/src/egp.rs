//! `<FY>/egp/`: e-GP's contract data as the Comptroller General's Department publishes it, in
//! either shape: the data.go.th `cgd-contract` CSV (Thai headers, one row a contract) or the CGD
//! API's JSON (`{"result": [project, …]}`, each project with its `contract[]`).
//!
//! A provincial or national file holds half a million rows, nearly all another agency's, so a
//! file is streamed: the CSV record by record, the JSON project by project, and only the
//! agency's rows are kept. Which rows are the agency's: the department code when the data has one
//! and agency.yaml gives `egp_department_code`, else the agency's name (with the province, where
//! the row names one, so a namesake elsewhere is not taken).
//!
//! The published data has known defects: some years' CSV headers leave out เขต/อำเภอ and
//! แขวง/ตำบล while the rows keep them, and the CKAN API declares three empty "(Eng)" columns.
//! Both are recognised by counting a row's values against the header and read with the columns
//! aligned (P161); a row that fits neither is skipped with a warning (P162), as is a row whose
//! date, amount or project number does not read (P163). Nothing is ever read as zero.

use crate::diag;
use crate::values::{is_empty_cell, parse_egp_no, parse_money, parse_tin};
use prongsai_model::{
    Agency, Date, Diagnostic, EgpContract, EgpNo, Field, Layout, Location, Money, SourceFile, Tin,
    ValueError, parse_date, parse_date_any_era,
};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

/// One e-GP file read: its contracts of the agency, or `None` when it could not be read at all.
pub(crate) struct FileRead {
    pub file: Option<Arc<SourceFile>>,
    pub contracts: Vec<EgpContract>,
}

impl FileRead {
    /// A file not read: its error is already reported.
    fn none() -> FileRead {
        FileRead {
            file: None,
            contracts: Vec::new(),
        }
    }
}

/// A column of e-GP's data, by meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    ProjectNo,
    Title,
    DeptCode,
    DeptName,
    DeptSubName,
    Method,
    Budget,
    ReferencePrice,
    ProjectAgreed,
    TransactionDate,
    Province,
    District,
    Subdistrict,
    WinnerTin,
    Winner,
    ContractNo,
    ContractDate,
    ContractEnd,
    ContractPrice,
    ContractStatus,
}

/// Each column's names: the data.go.th CSV's Thai header, then the API's key (some CSV exports
/// of the API keep them). Matched after dropping blanks and a `(บาท)`.
const COLUMNS: &[(Col, &[&str])] = &[
    (Col::ProjectNo, &["รหัสโครงการ", "project_id"]),
    (Col::Title, &["ชื่อโครงการ", "project_name"]),
    (
        Col::DeptCode,
        &["รหัสหน่วยงาน", "dept_code", "dept_id", "department_code"],
    ),
    (Col::DeptName, &["ชื่อหน่วยงาน", "dept_name"]),
    (Col::DeptSubName, &["ชื่อหน่วยงานย่อย", "dept_sub_name"]),
    (Col::Method, &["วิธีจัดซื้อฯ", "วิธีจัดซื้อ", "purchase_method_name"]),
    (Col::Budget, &["งบประมาณ", "project_money"]),
    (Col::ReferencePrice, &["ราคากลาง", "price_build"]),
    (
        Col::ProjectAgreed,
        &["ราคาตกลงซื้อ/จ้าง", "ราคาตกลงซื้อจ้าง", "sum_price_agree"],
    ),
    (Col::TransactionDate, &["วันที่เกิดรายการ", "transaction_date"]),
    (Col::Province, &["จังหวัด", "province"]),
    (Col::District, &["เขต/อำเภอ", "อำเภอ", "district"]),
    (Col::Subdistrict, &["แขวง/ตำบล", "ตำบล", "subdistrict"]),
    (Col::WinnerTin, &["เลขนิติบุคคล", "winner_tin"]),
    (Col::Winner, &["ชื่อผู้ชนะ", "winner"]),
    (Col::ContractNo, &["เลขที่สัญญา", "contract_no"]),
    (Col::ContractDate, &["วันที่ลงนามสัญญา", "contract_date"]),
    (Col::ContractEnd, &["วันที่สิ้นสุดสัญญา", "contract_finish_date"]),
    (Col::ContractPrice, &["งบสัญญา", "price_agree"]),
    (Col::ContractStatus, &["สถานะสัญญา", "status"]),
];

/// What a file must have to be read as e-GP's CSV, named in the error when it lacks them.
const REQUIRED: [Col; 4] = [
    Col::ProjectNo,
    Col::Title,
    Col::DeptName,
    Col::TransactionDate,
];

/// The model field a column gives, for locations and the record pages' sources.
fn field_of(col: Col) -> Option<Field> {
    Some(match col {
        Col::ProjectNo => Field::EgpProjectNo,
        Col::Title => Field::Title,
        Col::Method => Field::Method,
        Col::Budget => Field::Budget,
        Col::ReferencePrice => Field::ReferencePrice,
        Col::WinnerTin => Field::WinnerTin,
        Col::Winner => Field::Winner,
        Col::ContractNo => Field::ContractNo,
        Col::ContractDate => Field::ContractDate,
        Col::ContractEnd => Field::ContractEnd,
        Col::ContractPrice => Field::AgreedPrice,
        Col::ContractStatus => Field::Status,
        _ => return None,
    })
}

fn header_key(h: &str) -> String {
    let k: String = h
        .trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| !prongsai_text::is_blank_char(*c))
        .collect::<String>()
        .to_lowercase();
    k.strip_suffix("(บาท)").map(str::to_owned).unwrap_or(k)
}

fn col_of(header: &str) -> Option<Col> {
    let k = header_key(header);
    COLUMNS
        .iter()
        .find(|(_, names)| names.iter().any(|n| header_key(n) == k))
        .map(|(c, _)| *c)
}

/// The CKAN API's empty English columns, e.g. `จังหวัด(Eng)`.
fn is_eng(header: &str) -> bool {
    header.to_lowercase().contains("(eng)")
}

/// Which rows are the agency's.
pub(crate) struct Filter {
    code: Option<String>,
    /// Match keys of the agency's names, abbreviations spelt out.
    names: Vec<String>,
    /// The name without its type (`เมืองหลวง`): a cheap test a row must pass before the full one.
    bare: String,
    province: String,
}

/// Thai local-government abbreviations, spelt out for comparing names.
const ABBREVIATIONS: [(&str, &str); 7] = [
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
    ("เทศบาลต.", "เทศบาลตำบล"),
    ("จ.", "จังหวัด"),
];

fn name_key(name: &str) -> String {
    let t = prongsai_text::trim_blank(name);
    let spelt = ABBREVIATIONS
        .iter()
        .find_map(|(a, full)| t.strip_prefix(a).map(|rest| format!("{full}{rest}")))
        .unwrap_or_else(|| t.to_owned());
    prongsai_text::match_key(&spelt)
}

fn province_key(p: &str) -> String {
    let k = name_key(p);
    k.strip_prefix(&prongsai_text::match_key("จังหวัด"))
        .map(str::to_owned)
        .unwrap_or(k)
}

impl Filter {
    pub(crate) fn new(agency: &Agency) -> Filter {
        let names: Vec<String> = [&agency.name, &agency.short_name]
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| name_key(n))
            .collect();
        let types = [
            "องค์การบริหารส่วนตำบล",
            "องค์การบริหารส่วนจังหวัด",
            "เทศบาลนคร",
            "เทศบาลเมือง",
            "เทศบาลตำบล",
        ];
        let full = prongsai_text::trim_blank(&agency.name);
        let bare = types
            .iter()
            .find_map(|t| full.strip_prefix(t))
            .unwrap_or(full);
        Filter {
            code: agency
                .egp_department_code
                .as_deref()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
            names,
            bare: prongsai_text::trim_blank(bare).to_owned(),
            province: province_key(&agency.province),
        }
    }

    /// Whether a row (or project) is the agency's: by department code when both have one, else
    /// by name and, where the row names a province, by province.
    fn ours(&self, code: Option<&str>, names: [&str; 2], province: &str) -> bool {
        if let (Some(want), Some(have)) = (&self.code, code.map(str::trim))
            && !have.is_empty()
        {
            return have == want;
        }
        if !names.iter().any(|n| n.contains(self.bare.as_str())) {
            return false;
        }
        let named = names.iter().any(|n| {
            let k = name_key(n);
            self.names.contains(&k)
        });
        named && (is_empty_cell(province) || province_key(province) == self.province)
    }
}

/// What was seen of other agencies, for the one info (and the warning when none is ours).
#[derive(Default)]
struct Others {
    skipped: usize,
    /// Names of the departments skipped in the agency's province, with their counts.
    names: BTreeMap<String, usize>,
}

impl Others {
    fn skip(&mut self, filter: &Filter, name: &str, province: &str) {
        self.skipped += 1;
        if (is_empty_cell(province) || province_key(province) == filter.province)
            && (self.names.len() < 10_000 || self.names.contains_key(name))
        {
            *self.names.entry(name.to_owned()).or_default() += 1;
        }
    }

    fn report(&self, rel: &str, ours: usize, agency: &Agency, diags: &mut Vec<Diagnostic>) {
        if self.skipped > 0 {
            diags.push(
                Diagnostic::info(
                    diag::EGP_OTHERS,
                    format!(
                        "ข้ามแถวของหน่วยงานอื่น {} แถว: ไม่ต้องแก้ ใช้เฉพาะของ{} {} แถว",
                        self.skipped, agency.name, ours
                    ),
                    format!(
                        "skipped {} rows of other agencies: nothing to fix, the {} rows of {} are used",
                        self.skipped, ours, agency.name
                    ),
                )
                .at(Location::file(rel)),
            );
        }
        if ours == 0 && self.skipped > 0 {
            let mut common: Vec<(&String, &usize)> = self.names.iter().collect();
            common.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let listed: Vec<String> = common.iter().take(3).map(|(n, _)| (*n).clone()).collect();
            let listed = if listed.is_empty() {
                "-".to_owned()
            } else {
                listed.join(", ")
            };
            diags.push(
                Diagnostic::warning(
                    diag::EGP_NONE_OURS,
                    format!(
                        "ไม่มีแถวใดเป็นของ{} (ในจังหวัด{} ไฟล์มีหน่วยงาน เช่น {listed}): ตรวจว่าเป็นไฟล์ที่ถูกต้อง และใส่ egp_department_code ใน agency.yaml หรือแก้ชื่อหน่วยงานให้ตรงกับ e-GP",
                        agency.name, agency.province
                    ),
                    format!(
                        "no row is {}'s (in {} the file names e.g. {listed}): check it is the right file, and set egp_department_code in agency.yaml or make the agency's name match e-GP's",
                        agency.name, agency.province
                    ),
                )
                .at(Location::file(rel)),
            );
        }
    }
}

/// Reads one e-GP file: JSON by its extension, else CSV.
pub(crate) fn read(
    root: &Path,
    rel: &str,
    agency: &Agency,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> FileRead {
    let file = match std::fs::File::open(root.join(rel)) {
        Ok(f) => f,
        Err(e) => {
            diags.push(crate::cannot_open(rel, &e));
            return FileRead::none();
        }
    };
    // Streamed, so memory does not grow with the file; its size is still bounded, and a CSV
    // line by what its columns can hold (a file that is not e-GP's is refused on the way).
    let size = file.metadata().map_or(0, |m| m.len());
    if size > limits.max_egp_file_bytes {
        diags.push(too_large(rel, size, limits.max_egp_file_bytes));
        return FileRead::none();
    }
    let filter = Filter::new(agency);
    let mut input = BufReader::with_capacity(1 << 16, file);
    let json = rel
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("json"));
    if json {
        read_json(rel, input, &filter, agency, diags)
    } else {
        let encoding = match input.fill_buf() {
            Ok(head) => sniff(head),
            Err(_) => "UTF-8",
        };
        let max_line = limits.max_cell_bytes.saturating_mul(MAX_COLUMNS as usize) as u64;
        read_csv(rel, input, encoding, max_line, &filter, agency, diags)
    }
}

/// The most columns an e-GP CSV row has (28 names, 3 "(Eng)" columns more in the API's dump),
/// with room to spare: the longest line is this many cells of `max_cell_bytes`.
const MAX_COLUMNS: u64 = 40;

fn too_large(rel: &str, size: u64, max: u64) -> Diagnostic {
    let mb = |n: u64| n.div_ceil(1024 * 1024);
    Diagnostic::error(
        crate::diag::FILE_TOO_LARGE,
        format!(
            "ไฟล์ข้อมูล e-GP ใหญ่ {} MB เกินขีดจำกัด {} MB จึงไม่อ่าน: ใช้ไฟล์ของจังหวัดหรือของหน่วยงาน (prongsai egp fetch) แทนไฟล์ทั้งประเทศ หรือตั้ง limits: {{ max_egp_file_mb: … }} ใน site.yaml",
            mb(size),
            mb(max)
        ),
        format!(
            "the e-GP file is {} MB, over the limit of {} MB, so it was not read: use the province's or the agency's own file (prongsai egp fetch) instead of the national one, or set limits: {{ max_egp_file_mb: … }} in site.yaml",
            mb(size),
            mb(max)
        ),
    )
    .at(Location::file(rel))
}

/// UTF-8 unless the first block is not (a file saved as Windows-874 by Excel).
fn sniff(head: &[u8]) -> &'static str {
    match std::str::from_utf8(head) {
        Ok(_) => "UTF-8",
        // A block may end inside a character: only an error before the last 3 bytes counts.
        Err(e) if e.error_len().is_none() => "UTF-8",
        Err(_) => "windows-874",
    }
}

fn text_of(bytes: &[u8], encoding: &str) -> String {
    if encoding == "UTF-8" {
        match std::str::from_utf8(bytes) {
            Ok(s) => return s.trim_start_matches('\u{FEFF}').to_owned(),
            Err(_) => return String::from_utf8_lossy(bytes).into_owned(),
        }
    }
    encoding_rs::WINDOWS_874
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// A reader that notes where each line ends, so a CSV record's start byte gives its line: the
/// csv crate's own line count falls behind at every CRLF. Only the newlines not yet passed are
/// kept (a buffer's worth), so a file of any size needs no more.
struct Newlines<R> {
    inner: R,
    at: u64,
    ends: Rc<std::cell::RefCell<std::collections::VecDeque<u64>>>,
    /// Where the current line started, and how long a line may be: a line longer than any row
    /// of e-GP's data can be (a file that is not one, or a hostile one) stops the read rather
    /// than filling memory.
    line_start: u64,
    max_line: u64,
}

impl<R: Read> Read for Newlines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut ends = self.ends.borrow_mut();
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                let at = self.at + i as u64;
                ends.push_back(at);
                self.line_start = at + 1;
            }
        }
        self.at += n as u64;
        if self.at - self.line_start > self.max_line {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a line longer than {} KiB from byte {}",
                    self.max_line / 1024,
                    self.line_start
                ),
            ));
        }
        Ok(n)
    }
}

/// The line a record starting at a byte is on (1 for the first), asked in increasing byte order.
struct LineOf {
    passed: u32,
    ends: Rc<std::cell::RefCell<std::collections::VecDeque<u64>>>,
}

impl LineOf {
    fn line(&mut self, byte: u64) -> u32 {
        let mut ends = self.ends.borrow_mut();
        // The csv crate places a record after a CRLF at the CRLF's `\n`: a newline at the very
        // byte has been passed too.
        while ends.front().is_some_and(|e| *e <= byte) {
            ends.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

/// How a row's values line up with the header: which column each value is.
struct Alignment {
    cols: Vec<Option<Col>>,
}

impl Alignment {
    fn index(&self, col: Col) -> Option<usize> {
        self.cols.iter().position(|c| *c == Some(col))
    }
}

/// The ways a row may be laid out: as the header says; with เขต/อำเภอ and แขวง/ตำบล after
/// จังหวัด where the header leaves them out; without the header's empty "(Eng)" columns.
fn alignments(header: &[String]) -> Vec<(Alignment, bool)> {
    let cols: Vec<Option<Col>> = header
        .iter()
        .map(|h| if is_eng(h) { None } else { col_of(h) })
        .collect();
    let mut out = vec![(Alignment { cols: cols.clone() }, false)];
    let has = |c: Col| cols.contains(&Some(c));
    if let Some(p) = cols.iter().position(|c| *c == Some(Col::Province))
        && !has(Col::District)
        && !has(Col::Subdistrict)
    {
        let mut shifted = cols.clone();
        shifted.splice(p + 1..p + 1, [Some(Col::District), Some(Col::Subdistrict)]);
        out.push((Alignment { cols: shifted }, true));
    }
    if header.iter().any(|h| is_eng(h)) {
        let without: Vec<Option<Col>> = header
            .iter()
            .zip(&cols)
            .filter(|(h, _)| !is_eng(h))
            .map(|(_, c)| *c)
            .collect();
        out.push((Alignment { cols: without }, true));
    }
    out
}

/// The alignment a row of `n` values fits: exactly, or with only blank values past its end
/// (Excel's trailing commas).
fn fit<'a>(
    aligns: &'a [(Alignment, bool)],
    cells: &csv::ByteRecord,
) -> Option<&'a (Alignment, bool)> {
    let n = cells.len();
    aligns.iter().find(|(a, _)| a.cols.len() == n).or_else(|| {
        aligns
            .iter()
            .filter(|(a, _)| a.cols.len() < n)
            .filter(|(a, _)| {
                cells
                    .iter()
                    .skip(a.cols.len())
                    .all(|c| c.iter().all(u8::is_ascii_whitespace))
            })
            .max_by_key(|(a, _)| a.cols.len())
    })
}

fn source_file(
    rel: &str,
    encoding: &'static str,
    columns: Vec<(Field, u32, String)>,
) -> SourceFile {
    SourceFile {
        path: rel.to_owned(),
        encoding,
        layout: Layout::Egp,
        columns,
        sheet: None,
    }
}

fn neither_shape(rel: &str, lacking: &[&str]) -> Diagnostic {
    let list = lacking.join(", ");
    Diagnostic::error(
        diag::EGP_NOT_READ,
        format!("ไฟล์นี้ไม่ใช่ข้อมูลสัญญาจาก e-GP ที่อ่านได้ (ขาดคอลัมน์ {list}): ใส่ไฟล์ CSV ตามที่ดาวน์โหลดจาก data.go.th (ชุดข้อมูล cgd-contract) หรือไฟล์ JSON ที่ prongsai egp fetch เขียน โดยไม่แก้หัวตาราง"),
        format!("this is not e-GP contract data prongsai can read (it lacks the columns {list}): put the CSV there as downloaded from data.go.th (the cgd-contract dataset), or the JSON prongsai egp fetch writes, headers unchanged"),
    )
    .at(Location::file(rel))
    .with_text(list)
}

fn read_csv(
    rel: &str,
    input: impl Read,
    encoding: &'static str,
    max_line: u64,
    filter: &Filter,
    agency: &Agency,
    diags: &mut Vec<Diagnostic>,
) -> FileRead {
    let ends = Rc::new(std::cell::RefCell::new(std::collections::VecDeque::new()));
    let mut lines = LineOf {
        passed: 0,
        ends: Rc::clone(&ends),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(Newlines {
            inner: input,
            at: 0,
            ends,
            line_start: 0,
            max_line,
        });
    let mut record = csv::ByteRecord::new();
    // The header: the first row that is not blank.
    let mut header: Option<(Vec<String>, u32)> = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let cells: Vec<String> = record.iter().map(|c| text_of(c, encoding)).collect();
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let line = record.position().map_or(1, |p| lines.line(p.byte()));
                header = Some((cells, line));
                break;
            }
            Err(e) => {
                diags.push(not_csv(rel, &e));
                return FileRead::none();
            }
        }
    }
    let Some((header, _)) = header else {
        diags.push(neither_shape(rel, &REQUIRED.map(thai_name)));
        return FileRead::none();
    };
    let aligns = alignments(&header);
    let lacking: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| aligns[0].0.index(**c).is_none())
        .map(|c| thai_name(*c))
        .collect();
    if !lacking.is_empty() {
        diags.push(neither_shape(rel, &lacking));
        return FileRead::none();
    }
    let mut file: Option<Arc<SourceFile>> = None;
    let file_of = |a: &Alignment| -> Arc<SourceFile> {
        let columns = a
            .cols
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let c = (*c)?;
                let f = field_of(c)?;
                let name = COLUMNS
                    .iter()
                    .find(|(x, _)| *x == c)
                    .map_or("", |(_, n)| n[0]);
                Some((f, u32::try_from(i + 1).ok()?, name.to_owned()))
            })
            .collect();
        Arc::new(source_file(rel, encoding, columns))
    };
    let mut contracts = Vec::new();
    let mut others = Others::default();
    let mut realigned = 0usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // A broken quote ends what can be read; what was read stands, the rest is named.
                diags.push(not_csv(rel, &e));
                break;
            }
        }
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let line = record.position().map_or(0, |p| lines.line(p.byte()));
        let Some((align, shifted)) = fit(&aligns, &record) else {
            diags.push(shifted_row(rel, line, record.len(), &aligns));
            continue;
        };
        let cell = |c: Col| -> String {
            align
                .index(c)
                .and_then(|i| record.get(i))
                .map(|b| text_of(b, encoding))
                .unwrap_or_default()
        };
        let (code, name, sub, province) = (
            cell(Col::DeptCode),
            cell(Col::DeptName),
            cell(Col::DeptSubName),
            cell(Col::Province),
        );
        let code = (!code.trim().is_empty()).then_some(code.as_str());
        if !filter.ours(code, [&name, &sub], &province) {
            others.skip(filter, &name, &province);
            continue;
        }
        if *shifted {
            realigned += 1;
        }
        let f = file.get_or_insert_with(|| file_of(align));
        let raw = RawContract {
            project_no: cell(Col::ProjectNo),
            title: cell(Col::Title),
            method: cell(Col::Method),
            budget: cell(Col::Budget),
            reference_price: cell(Col::ReferencePrice),
            project_agreed: cell(Col::ProjectAgreed),
            transaction_date: cell(Col::TransactionDate),
            winner_tin: cell(Col::WinnerTin),
            winner: cell(Col::Winner),
            contract_no: cell(Col::ContractNo),
            contract_date: cell(Col::ContractDate),
            contract_end: cell(Col::ContractEnd),
            contract_price: cell(Col::ContractPrice),
            status: cell(Col::ContractStatus),
        };
        if let Some(c) = raw.into_contract(f, line, diags) {
            contracts.push(c);
        }
    }
    let file = file.unwrap_or_else(|| file_of(&aligns[0].0));
    if realigned > 0 {
        diags.push(
            Diagnostic::info(
                diag::EGP_SHIFTED_FILE,
                format!(
                    "หัวตารางของไฟล์ไม่ตรงกับจำนวนค่าในแถว ({} ชื่อ) ซึ่งเป็นข้อบกพร่องที่ทราบของข้อมูลที่เผยแพร่: อ่าน {realigned} แถวโดยจัดคอลัมน์ให้ตรงแล้ว",
                    header.len()
                ),
                format!(
                    "the header ({} names) does not match the number of values in the rows, a known defect of the published data: {realigned} rows were read with the columns aligned",
                    header.len()
                ),
            )
            .at(Location::file(rel)),
        );
    }
    others.report(rel, contracts.len(), agency, diags);
    FileRead {
        file: Some(file),
        contracts,
    }
}

fn thai_name(c: Col) -> &'static str {
    COLUMNS
        .iter()
        .find(|(x, _)| *x == c)
        .map_or("", |(_, n)| n[0])
}

fn not_csv(rel: &str, e: &csv::Error) -> Diagnostic {
    let line = e.position().map(|p| p.line() as u32);
    let loc = match line {
        Some(l) => Location::line(rel, l),
        None => Location::file(rel),
    };
    Diagnostic::warning(
        diag::EGP_SHIFTED_ROW,
        format!("อ่านแถว CSV ไม่ได้ ({e}): ไม่ใช้แถวนี้และแถวที่ตามมา ดาวน์โหลดไฟล์ใหม่"),
        format!("cannot read this CSV row ({e}): it and the rows after it are not used; download the file again"),
    )
    .at(loc)
}

fn shifted_row(rel: &str, line: u32, n: usize, aligns: &[(Alignment, bool)]) -> Diagnostic {
    let expected: Vec<String> = aligns
        .iter()
        .map(|(a, _)| a.cols.len().to_string())
        .collect();
    let expected = expected.join(" หรือ ");
    Diagnostic::warning(
        diag::EGP_SHIFTED_ROW,
        format!("แถวนี้มี {n} ค่า ไม่ตรงกับหัวตาราง ({expected} ค่า) ค่าจึงเลื่อนคอลัมน์: ไม่ใช้แถวนี้"),
        format!("this row has {n} values where the header has {} : its values are shifted, so the row is not used", expected.replace(" หรือ ", " or ")),
    )
    .at(Location::line(rel, line))
}

/// A contract's values as text, before they are read.
#[derive(Default)]
struct RawContract {
    project_no: String,
    title: String,
    method: String,
    budget: String,
    reference_price: String,
    project_agreed: String,
    transaction_date: String,
    winner_tin: String,
    winner: String,
    contract_no: String,
    contract_date: String,
    contract_end: String,
    contract_price: String,
    status: String,
}

/// An e-GP date: as the data contract reads dates (`10 ม.ค. 67`, `15/10/2567`), or ISO in
/// either era with a time after it (`2024-10-15 00:00:00`). Empty or `-`: none.
fn egp_date(text: &str) -> Result<Option<Date>, ValueError> {
    if is_empty_cell(text) {
        return Ok(None);
    }
    let t = prongsai_text::trim_blank(text);
    let iso = t.len() > 10
        && t.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let t = if iso { &t[..10] } else { t };
    parse_date(t).or_else(|_| parse_date_any_era(t)).map(Some)
}

fn egp_money(text: &str) -> Result<Option<Money>, ValueError> {
    if is_empty_cell(text) {
        return Ok(None);
    }
    parse_money(text).map(Some)
}

fn optional(text: String) -> Option<String> {
    (!is_empty_cell(&text)).then(|| prongsai_text::trim_blank(&text).to_owned())
}

impl RawContract {
    /// The contract, or `None` with a warning at its line when a value it needs does not read.
    fn into_contract(
        self,
        file: &Arc<SourceFile>,
        line: u32,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<EgpContract> {
        let at = |field: Field| file.loc(line, field);
        // Values with no field of their own (the project's agreed price, the transaction date)
        // are placed at their line, and named.
        let bad = |field: Option<Field>, name: &str, text: &str, e: ValueError| {
            Diagnostic::warning(
                diag::EGP_BAD_VALUE,
                format!("{name} \"{text}\" อ่านไม่ได้ ({}): ไม่ใช้แถวนี้", e.th),
                format!(
                    "{name} \"{text}\" does not read ({}): the row is not used",
                    e.en
                ),
            )
            .at(field.map_or_else(|| Location::line(&file.path, line), at))
            .with_text(text.to_owned())
        };
        let project_no: EgpNo = match parse_egp_no(&self.project_no) {
            Ok(n) => n,
            Err(e) => {
                diags.push(bad(
                    Some(Field::EgpProjectNo),
                    "รหัสโครงการ",
                    &self.project_no,
                    e,
                ));
                return None;
            }
        };
        // The first value that does not read is named; the row is not used either way.
        let money = |field: Option<Field>, name: &str, text: &str| {
            egp_money(text).map_err(|e| Box::new(bad(field, name, text, e)))
        };
        let date = |field: Option<Field>, name: &str, text: &str| {
            egp_date(text).map_err(|e| Box::new(bad(field, name, text, e)))
        };
        let read = (|| {
            Ok::<_, Box<Diagnostic>>((
                money(Some(Field::Budget), "งบประมาณ", &self.budget)?,
                money(
                    Some(Field::ReferencePrice),
                    "ราคากลาง",
                    &self.reference_price,
                )?,
                money(None, "ราคาตกลงซื้อ/จ้าง", &self.project_agreed)?,
                money(Some(Field::AgreedPrice), "งบสัญญา", &self.contract_price)?,
                date(None, "วันที่เกิดรายการ", &self.transaction_date)?,
                date(
                    Some(Field::ContractDate),
                    "วันที่ลงนามสัญญา",
                    &self.contract_date,
                )?,
                date(Some(Field::ContractEnd), "วันที่สิ้นสุดสัญญา", &self.contract_end)?,
            ))
        })();
        let (
            budget,
            reference_price,
            project_agreed,
            contract_price,
            transaction_date,
            contract_date,
            contract_end,
        ) = match read {
            Ok(v) => v,
            Err(d) => {
                diags.push(*d);
                return None;
            }
        };
        let winner = optional(self.winner);
        let contract_no = optional(self.contract_no);
        // A project without a winner, a contract number or a date of signing has no contract yet.
        if winner.is_none() && contract_no.is_none() && contract_date.is_none() {
            return None;
        }
        let winner_tin: Option<Tin> = if is_empty_cell(&self.winner_tin) {
            None
        } else {
            match parse_tin(&self.winner_tin) {
                Ok(t) => Some(t),
                Err(e) => {
                    diags.push(
                        Diagnostic::warning(
                            diag::EGP_BAD_VALUE,
                            format!(
                                "เลขนิติบุคคล \"{}\" อ่านไม่ได้ ({}): ไม่ใช้เลขนี้",
                                self.winner_tin, e.th
                            ),
                            format!(
                                "the TIN \"{}\" does not read ({}): it is not used",
                                self.winner_tin, e.en
                            ),
                        )
                        .at(at(Field::WinnerTin))
                        .with_text(self.winner_tin.clone()),
                    );
                    None
                }
            }
        };
        Some(EgpContract {
            file: Arc::clone(file),
            line,
            project_no,
            title: prongsai_text::trim_blank(&self.title).to_owned(),
            method: optional(self.method),
            budget,
            reference_price,
            agreed_price: contract_price.or(project_agreed),
            transaction_date,
            winner_tin,
            winner,
            contract_no,
            contract_date,
            contract_end,
            status_text: optional(self.status),
            disclosed_by: None,
        })
    }
}

/// A reader that counts the lines it has handed on, so a JSON project is placed at its line.
struct Lines<R> {
    inner: R,
    line: Rc<Cell<u32>>,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let newlines = buf[..n].iter().filter(|b| **b == b'\n').count() as u32;
        self.line.set(self.line.get() + newlines);
        Ok(n)
    }
}

/// The JSON file's projects, one at a time: `{"result": [...]}` (the API's answer, optionally
/// with `dept_code` before it, as `prongsai egp fetch` writes it) or a bare array.
struct JsonState<'a> {
    rel: &'a str,
    filter: &'a Filter,
    line: Rc<Cell<u32>>,
    file: Arc<SourceFile>,
    /// The file's own department code, when it says which department it holds.
    code: Option<String>,
    contracts: Vec<EgpContract>,
    others: Others,
    projects: usize,
    diags: Vec<Diagnostic>,
}

impl JsonState<'_> {
    fn project(&mut self, line: u32, p: &serde_json::Value) {
        self.projects += 1;
        let text = |v: Option<&serde_json::Value>| -> String {
            match v {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => String::new(),
            }
        };
        let get = |k: &str| text(p.get(k));
        let (name, sub, province) = (get("dept_name"), get("dept_sub_name"), get("province"));
        let code = p.get("dept_code").map(|v| text(Some(v)));
        let code = code.or_else(|| self.code.clone());
        if !self.filter.ours(code.as_deref(), [&name, &sub], &province) {
            self.others.skip(self.filter, &name, &province);
            return;
        }
        let contracts: Vec<&serde_json::Value> = match p.get("contract") {
            Some(serde_json::Value::Array(a)) => a.iter().collect(),
            Some(o @ serde_json::Value::Object(_)) => vec![o],
            _ => Vec::new(),
        };
        for c in contracts {
            let cget = |k: &str| text(c.get(k));
            let raw = RawContract {
                project_no: get("project_id"),
                title: get("project_name"),
                method: get("purchase_method_name"),
                budget: get("project_money"),
                reference_price: get("price_build"),
                project_agreed: get("sum_price_agree"),
                transaction_date: get("transaction_date"),
                winner_tin: cget("winner_tin"),
                winner: cget("winner"),
                contract_no: cget("contract_no"),
                contract_date: cget("contract_date"),
                contract_end: cget("contract_finish_date"),
                contract_price: cget("price_agree"),
                status: cget("status"),
            };
            if let Some(k) = raw.into_contract(&self.file, line, &mut self.diags) {
                self.contracts.push(k);
            }
        }
    }
}

/// A project of the array, with the line it starts on.
struct ProjectSeed<'s, 'a>(&'s mut JsonState<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for ProjectSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // The reader has just handed on the value's first byte.
        let line = self.0.line.get() + 1;
        let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
        self.0.project(line, &v);
        Ok(())
    }
}

/// The array of projects.
struct Projects<'s, 'a>(&'s mut JsonState<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for Projects<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Projects<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of e-GP projects")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(ProjectSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// The whole file: an object holding the projects under `result` (or `data`), or the array.
struct Top<'s, 'a>(&'s mut JsonState<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for Top<'_, '_> {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Top<'_, '_> {
    /// Whether the file held an array of projects.
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the CGD API's answer: {\"result\": [ … ]}")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element_seed(ProjectSeed(&mut *self.0))?.is_some() {}
        Ok(true)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "result" | "data" if !found => {
                    map.next_value_seed(Projects(&mut *self.0))?;
                    found = true;
                }
                "dept_code" => {
                    let v: serde_json::Value = map.next_value()?;
                    self.0.code = match v {
                        serde_json::Value::String(s) => Some(s),
                        serde_json::Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    };
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(found)
    }
}

fn read_json(
    rel: &str,
    input: impl Read,
    filter: &Filter,
    agency: &Agency,
    diags: &mut Vec<Diagnostic>,
) -> FileRead {
    let line = Rc::new(Cell::new(0));
    let reader = Lines {
        inner: input,
        line: Rc::clone(&line),
    };
    let mut state = JsonState {
        rel,
        filter,
        line,
        file: Arc::new(source_file(rel, "UTF-8", Vec::new())),
        code: None,
        contracts: Vec::new(),
        others: Others::default(),
        projects: 0,
        diags: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = serde::de::DeserializeSeed::deserialize(Top(&mut state), &mut de)
        .and_then(|found| de.end().map(|()| found));
    diags.append(&mut state.diags);
    match result {
        Ok(true) => {}
        Ok(false) => {
            diags.push(neither_shape(state.rel, &["result"]));
            return FileRead::none();
        }
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    diag::EGP_NOT_READ,
                    format!("อ่านไฟล์ JSON ไม่ได้ ({e}): ดาวน์โหลดใหม่ด้วย prongsai egp fetch หรือจาก data.go.th"),
                    format!("the JSON does not read ({e}): download it again with prongsai egp fetch or from data.go.th"),
                )
                .at(Location::line(rel, u32::try_from(e.line()).unwrap_or(0))),
            );
            return FileRead::none();
        }
    }
    state
        .others
        .report(rel, state.contracts.len(), agency, diags);
    let _ = state.projects;
    FileRead {
        file: Some(state.file),
        contracts: state.contracts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency() -> Agency {
        Agency {
            name: "องค์การบริหารส่วนตำบลเมืองหลวง".into(),
            short_name: "อบต.เมืองหลวง".into(),
            province: "ศรีสะเกษ".into(),
            district: "ห้วยทับทัน".into(),
            ..Agency::default()
        }
    }

    #[test]
    fn names_and_codes_pick_the_agencys_rows() {
        let f = Filter::new(&agency());
        assert!(f.ours(None, ["อบต.เมืองหลวง", ""], "ศรีสะเกษ"));
        assert!(f.ours(None, ["องค์การบริหารส่วนตำบลเมืองหลวง", ""], "จ.ศรีสะเกษ"));
        assert!(f.ours(
            None,
            ["กรมส่งเสริมการปกครองท้องถิ่น", "องค์การบริหารส่วนตำบลเมืองหลวง"],
            ""
        ));
        // A namesake elsewhere, and another type of agency with the same place name.
        assert!(!f.ours(None, ["องค์การบริหารส่วนตำบลเมืองหลวง", ""], "สุรินทร์"));
        assert!(!f.ours(None, ["เทศบาลตำบลเมืองหลวง", ""], "ศรีสะเกษ"));
        let mut a = agency();
        a.egp_department_code = Some("6330903".into());
        let f = Filter::new(&a);
        assert!(f.ours(Some("6330903"), ["x", ""], ""));
        assert!(!f.ours(Some("6330904"), ["อบต.เมืองหลวง", ""], "ศรีสะเกษ"));
        // No code in the row: the name decides.
        assert!(f.ours(None, ["อบต.เมืองหลวง", ""], "ศรีสะเกษ"));
    }

    #[test]
    fn egp_dates_in_every_published_form() {
        let d = Date::from_be(2567, 1, 10);
        assert_eq!(egp_date("10 ม.ค. 67").unwrap(), d);
        assert_eq!(egp_date("10/01/2567").unwrap(), d);
        assert_eq!(egp_date("2024-01-10").unwrap(), d);
        assert_eq!(egp_date("2024-01-10 00:00:00").unwrap(), d);
        assert_eq!(egp_date("2567-01-10").unwrap(), d);
        assert_eq!(egp_date("-").unwrap(), None);
        assert!(egp_date("เมื่อวาน").is_err());
    }

    #[test]
    fn shifted_headers_have_their_alignments() {
        let h = |names: &[&str]| names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let a = alignments(&h(&["รหัสโครงการ", "จังหวัด", "สถานะโครงการ"]));
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].0.cols.len(), 5);
        assert_eq!(a[1].0.index(Col::District), Some(2));
        let a = alignments(&h(&[
            "รหัสโครงการ",
            "จังหวัด",
            "จังหวัด(Eng)",
            "เขต/อำเภอ",
            "เขต/อำเภอ(Eng)",
        ]));
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].0.cols.len(), 3);
        assert_eq!(a[0].0.index(Col::District), Some(3));
    }
}
