use crate::{Date, EgpNo, Location, Method, Money, Status, Tin, YearMonth};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A column of `plan.csv` or of a month file, by meaning rather than by header text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Seq,
    EgpProjectNo,
    PlanId,
    Title,
    Division,
    Budget,
    BudgetSource,
    ReferencePrice,
    Method,
    ExpectedMonth,
    Bids,
    Winner,
    WinnerTin,
    AgreedPrice,
    Reason,
    ContractNo,
    ContractDate,
    ContractEnd,
    Status,
    LegalGround,
    Explanation,
    TenderStart,
    TenderEnd,
    Unspsc,
}

impl Field {
    /// Month-file columns in the contract's order (the order of templates and exports).
    pub const MONTH: [Field; 22] = [
        Field::Seq,
        Field::EgpProjectNo,
        Field::PlanId,
        Field::Title,
        Field::Budget,
        Field::BudgetSource,
        Field::ReferencePrice,
        Field::Method,
        Field::Bids,
        Field::Winner,
        Field::WinnerTin,
        Field::AgreedPrice,
        Field::Reason,
        Field::ContractNo,
        Field::ContractDate,
        Field::ContractEnd,
        Field::Status,
        Field::LegalGround,
        Field::Explanation,
        Field::TenderStart,
        Field::TenderEnd,
        Field::Unspsc,
    ];

    pub const PLAN: [Field; 8] = [
        Field::Seq,
        Field::PlanId,
        Field::Title,
        Field::Division,
        Field::Budget,
        Field::BudgetSource,
        Field::Method,
        Field::ExpectedMonth,
    ];

    /// The English alias, also the key in JSON exports.
    pub fn alias(self) -> &'static str {
        match self {
            Field::Seq => "seq",
            Field::EgpProjectNo => "egp_project_no",
            Field::PlanId => "plan_id",
            Field::Title => "title",
            Field::Division => "division",
            Field::Budget => "budget",
            Field::BudgetSource => "budget_source",
            Field::ReferencePrice => "reference_price",
            Field::Method => "method",
            Field::ExpectedMonth => "expected_month",
            Field::Bids => "bids",
            Field::Winner => "winner",
            Field::WinnerTin => "winner_tin",
            Field::AgreedPrice => "agreed_price",
            Field::Reason => "reason",
            Field::ContractNo => "contract_no",
            Field::ContractDate => "contract_date",
            Field::ContractEnd => "contract_end",
            Field::Status => "status",
            Field::LegalGround => "legal_ground",
            Field::Explanation => "explanation",
            Field::TenderStart => "tender_start",
            Field::TenderEnd => "tender_end",
            Field::Unspsc => "unspsc",
        }
    }

    /// The canonical Thai header. `Seq` is ลำดับที่ in month files and ลำดับ in the plan,
    /// `Budget` วงเงินงบประมาณ and งบประมาณ: use [`Field::thai_in_plan`] for the plan.
    pub fn thai(self) -> &'static str {
        match self {
            Field::Seq => "ลำดับที่",
            Field::EgpProjectNo => "เลขที่โครงการ",
            Field::PlanId => "รหัสแผน",
            Field::Title => "งานที่ซื้อหรือจ้าง",
            Field::Division => "หน่วยงานเจ้าของงาน",
            Field::Budget => "วงเงินงบประมาณ",
            Field::BudgetSource => "แหล่งที่มาของงบประมาณ",
            Field::ReferencePrice => "ราคากลาง",
            Field::Method => "วิธีการจัดซื้อจัดจ้าง",
            Field::ExpectedMonth => "ช่วงเวลาที่คาดว่าจะประกาศ",
            Field::Bids => "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
            Field::Winner => "ผู้ได้รับการคัดเลือก",
            Field::WinnerTin => "เลขประจำตัวผู้เสียภาษี",
            Field::AgreedPrice => "ราคาที่ตกลงซื้อหรือจ้าง",
            Field::Reason => "เหตุผลที่คัดเลือกโดยสังเขป",
            Field::ContractNo => "เลขที่สัญญา",
            Field::ContractDate => "วันที่สัญญา",
            Field::ContractEnd => "วันสิ้นสุดสัญญา",
            Field::Status => "สถานะ",
            Field::LegalGround => "เหตุผลตามมาตรา 56",
            Field::Explanation => "คำชี้แจง",
            Field::TenderStart => "วันที่ประกาศเชิญชวน",
            Field::TenderEnd => "วันสิ้นสุดการยื่นข้อเสนอ",
            Field::Unspsc => "รหัส UNSPSC",
        }
    }

    pub fn thai_in_plan(self) -> &'static str {
        match self {
            Field::Seq => "ลำดับ",
            Field::Title => "รายการ/โครงการ",
            Field::Budget => "งบประมาณ",
            other => other.thai(),
        }
    }
}

/// What pages, downloads and forms show for a field that no file of a record gives (the สขร.1
/// form has no budget source, the ITA list no bidders): a word, never a blank that reads as zero.
pub const NOT_GIVEN_TH: &str = "ไม่ระบุ";
pub const NOT_GIVEN_EN: &str = "not given";

/// How a month file lays out its columns. prongsai recognises it from the header row, never
/// from a setting: the finance division commits the files it already makes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// prongsai's template (data contract v1): every field in a column of its own.
    #[default]
    Template,
    /// แบบ สขร.1, the monthly summary form as agencies keep it: title rows, a one- or two-row
    /// header, bidders and prices, winner and price, contract number and date in shared cells.
    Skr1,
    /// The ITA procurement list the NACC asks for (16 columns, or an accounting system's 18).
    Ita,
    /// e-GP's contract data (`<FY>/egp/`, the data.go.th CSV or the CGD API's JSON): not a month
    /// file, a second source the month files are checked against.
    Egp,
}

impl Layout {
    /// When two files of one month are joined, the record takes its number and address from the
    /// file of the first layout in this order: the one with the most detail per row.
    pub const JOIN_ORDER: [Layout; 3] = [Layout::Template, Layout::Skr1, Layout::Ita];

    pub fn thai(self) -> &'static str {
        match self {
            Layout::Template => "แม่แบบของ prongsai",
            Layout::Skr1 => "แบบ สขร.1",
            Layout::Ita => "รายการจัดซื้อจัดจ้างตามแบบ ITA",
            Layout::Egp => "ข้อมูลสัญญาในระบบ e-GP (กรมบัญชีกลาง)",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Layout::Template => "prongsai's template",
            Layout::Skr1 => "the แบบ สขร.1 form",
            Layout::Ita => "the ITA procurement list",
            Layout::Egp => "e-GP's contract data (Comptroller General's Department)",
        }
    }
}

/// A file read from the site root, shared by every record that came from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SourceFile {
    /// Relative to the site root, with `/`, e.g. `procurement-data/2568/months/2567-10.csv`.
    pub path: String,
    /// `UTF-8`, `UTF-8 (BOM)` or `windows-874`.
    pub encoding: &'static str,
    /// The layout its header was recognised as (month files; plans are always the template).
    pub layout: Layout,
    /// Where each known field was found: 1-based column number and the header as written. A
    /// field the file has no column for is *not given* by it (ไม่ระบุ), which is not an error.
    /// Two fields may share a column where a form writes them in one cell (ผู้ได้รับการคัดเลือก
    /// และราคาที่ตกลงซื้อหรือจ้าง).
    pub columns: Vec<(Field, u32, String)>,
    /// The worksheet read, for a workbook (`.xlsx`, `.xls`): every location in the file then
    /// names it, and its lines are the sheet's row numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

impl SourceFile {
    /// Whether the file gives `field`: the template gives every field of its contract (an
    /// optional column left out is a blank, as a blank cell is); the forms agencies keep give
    /// the fields they have a column for.
    pub fn gives(&self, field: Field) -> bool {
        (self.layout == Layout::Template && Field::MONTH.contains(&field))
            || self.column(field).is_some()
    }

    pub fn column(&self, field: Field) -> Option<(u32, &str)> {
        self.columns
            .iter()
            .find(|(f, ..)| *f == field)
            .map(|(_, c, h)| (*c, h.as_str()))
    }

    /// The cell of `field` on `line`, or the line alone when the file has no such column.
    pub fn loc(&self, line: u32, field: Field) -> Location {
        match self.column(field) {
            Some((col, header)) => Location::cell(self.path.clone(), line, col, header),
            None => Location::line(self.path.clone(), line),
        }
        .in_sheet(self.sheet.clone())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Agency {
    pub name: String,
    pub short_name: String,
    pub agency_type: String,
    pub district: String,
    pub province: String,
    pub ministry: String,
    pub website: String,
    pub ocid_prefix: Option<String>,
    /// รหัสหน่วยงานในระบบ e-GP (the Comptroller General's Department's department code).
    pub egp_department_code: Option<String>,
    /// The agency's own 13-digit taxpayer number (เลขประจำตัวผู้เสียภาษีอากรของหน่วยงาน): the
    /// registered identifier OCDS publishes for the publisher and buyer when it is known.
    pub tax_id: Option<Tin>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Free text, e.g. วันจันทร์–วันศุกร์ 08.30–16.30 น.
    pub opening_hours: Option<String>,
    /// A web map of the office (Google Maps, OpenStreetMap…).
    pub map_url: Option<String>,
    /// Name → URL, e.g. `facebook` → page address.
    pub social: BTreeMap<String, String>,
    /// Invented data: every page built from it must say ข้อมูลตัวอย่าง.
    pub sample: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bid {
    pub name: String,
    pub price: Option<Money>,
    /// What the bid list says became of the bid, e.g. `(ไม่ผ่านคุณสมบัติ)`; `None` when it says
    /// nothing (most สขร.1 forms list only names and prices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<BidStatus>,
    /// The day the bid was submitted, when the bid list says (`(ยื่น 3/10/2567)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl Bid {
    /// ` (ไม่ผ่านคุณสมบัติ) (ยื่น 03/10/2567)`: the status and the date as the bid list writes
    /// them, or nothing; what the loader reads back as the same status and date.
    pub fn marker(&self) -> String {
        let mut out = self
            .status
            .map(|s| format!(" ({})", s.thai()))
            .unwrap_or_default();
        if let Some(d) = self.date {
            out.push_str(&format!(
                " ({BID_DATE_WORD} {:02}/{:02}/{})",
                d.day(),
                d.month(),
                d.year_be()
            ));
        }
        out
    }

    /// What became of the bid: the marker's status, else valid. A bid listed with its price in
    /// a สขร.1 was submitted and evaluated; only a marker says it was set aside or withdrawn.
    pub fn status_or_valid(&self) -> BidStatus {
        self.status.unwrap_or(BidStatus::Valid)
    }
}

/// The word a bid list puts before a bid's date, `(ยื่น 3 ต.ค. 2567)`; the loader also reads the
/// longer forms officers write (ยื่นเมื่อ, ยื่นวันที่, ยื่นข้อเสนอ, เสนอราคาวันที่).
pub const BID_DATE_WORD: &str = "ยื่น";

/// The outcome of one bid as a bid list may mark it, in words Thai procurement forms use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BidStatus {
    /// ผ่านคุณสมบัติ: met the qualification requirements and was evaluated.
    Valid,
    /// ไม่ผ่านคุณสมบัติ, ถูกตัดสิทธิ์: did not meet the requirements.
    Disqualified,
    /// ถอนตัว: the bidder withdrew the bid.
    Withdrawn,
}

impl BidStatus {
    /// Thai label, as shown on pages.
    pub fn thai(self) -> &'static str {
        match self {
            BidStatus::Valid => "ผ่านคุณสมบัติ",
            BidStatus::Disqualified => "ไม่ผ่านคุณสมบัติ",
            BidStatus::Withdrawn => "ถอนตัว",
        }
    }

    /// The status a marker in a bid list names, spacing-blind; `None` for any other text (so a
    /// name in brackets stays part of the name).
    pub fn from_marker(text: &str) -> Option<BidStatus> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let t = t.to_lowercase();
        // Whole-marker matches only: a firm called "(ผ่านฟ้า)" keeps its brackets.
        const DISQUALIFIED: [&str; 8] = [
            "ไม่ผ่านคุณสมบัติ",
            "ไม่ผ่านการพิจารณา",
            "ขาดคุณสมบัติ",
            "ถูกตัดสิทธิ์",
            "ตัดสิทธิ์",
            "ไม่ถูกต้องตามเงื่อนไข",
            "disqualified",
            "ไม่ผ่าน",
        ];
        const WITHDRAWN: [&str; 4] = ["ถอนตัว", "ขอถอนการเสนอราคา", "ถอนการเสนอราคา", "withdrawn"];
        const VALID: [&str; 4] = ["ผ่านคุณสมบัติ", "ผ่านการพิจารณา", "valid", "ผ่าน"];
        if DISQUALIFIED.contains(&t.as_str()) {
            Some(BidStatus::Disqualified)
        } else if WITHDRAWN.contains(&t.as_str()) {
            Some(BidStatus::Withdrawn)
        } else if VALID.contains(&t.as_str()) {
            Some(BidStatus::Valid)
        } else {
            None
        }
    }
}

/// A row of a file: where a record, or the part of it that file gave, was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowRef {
    pub file: Arc<SourceFile>,
    pub line: u32,
}

/// One row of a month file: a procurement in the แบบ สขร.1 / ITA layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Procurement {
    pub file: Arc<SourceFile>,
    pub line: u32,
    /// The row of another layout's file for the same month that this record was joined with
    /// (the สขร.1 beside the ITA list): it gave the fields `file` does not have.
    pub joined: Option<Box<RowRef>>,
    pub month: YearMonth,
    pub seq: u32,
    pub egp_project_no: Option<EgpNo>,
    pub plan_id: Option<String>,
    pub title: String,
    pub budget: Money,
    /// `None` also when no file of the record gives it (the สขร.1 form has no such column).
    pub budget_source: Option<String>,
    pub reference_price: Option<Money>,
    pub method: Method,
    pub bids: Vec<Bid>,
    pub winner: Option<String>,
    pub winner_tin: Option<Tin>,
    pub agreed_price: Option<Money>,
    pub reason: Option<String>,
    pub contract_no: Option<String>,
    pub contract_date: Option<Date>,
    pub contract_end: Option<Date>,
    /// `None` only when no file of the record gives it (the สขร.1 form has no such column).
    pub status: Option<Status>,
    /// The มาตรา 56 ground for a วิธีเฉพาะเจาะจง purchase above 500,000 บาท (an extension column).
    pub legal_ground: Option<String>,
    /// คำชี้แจง: the agency's own explanation of the row, published with it; it confirms a
    /// finding that is more often a typo than a fact (see `findings`).
    pub explanation: Option<String>,
    /// วันที่ประกาศเชิญชวน: the day the invitation was announced.
    pub tender_start: Option<Date>,
    /// วันสิ้นสุดการยื่นข้อเสนอ: the deadline for bids.
    pub tender_end: Option<Date>,
    /// รหัส UNSPSC of the item, as e-GP classifies it.
    pub unspsc: Option<crate::Unspsc>,
    /// The e-GP contract the record was joined with (`<FY>/egp/`): which fields it filled and
    /// where it differs. `None` when the year has no e-GP data or e-GP has no such contract.
    pub egp: Option<Box<crate::EgpLink>>,
}

impl Procurement {
    /// `2567-10-3`: stable while the row keeps its month and ลำดับที่; used in URLs and OCDS ids.
    pub fn id(&self) -> String {
        format!("{}-{}", self.month.key(), self.seq)
    }

    pub fn fiscal_year(&self) -> i32 {
        self.month.fiscal_year()
    }

    /// Where `field` was read: the cell of whichever of the record's files has its column, else
    /// the record's line.
    pub fn loc(&self, field: Field) -> Location {
        if let Some(e) = self.egp.as_ref().filter(|e| e.filled(field)) {
            return e.loc(field);
        }
        match &self.joined {
            Some(j) if self.file.column(field).is_none() && j.file.column(field).is_some() => {
                j.file.loc(j.line, field)
            }
            _ => self.file.loc(self.line, field),
        }
    }

    /// Whether a file of the record gives `field` ([`SourceFile::gives`]). A field that is not
    /// given is shown as ไม่ระบุ, left out of OCDS, and the rules that need it do not run on the
    /// record; a given field may still be blank (an optional cell left empty).
    pub fn given(&self, field: Field) -> bool {
        // A record always has its number; a form without a status column may still say ยกเลิก.
        matches!(field, Field::Seq)
            || (field == Field::Status && self.status.is_some())
            || self.file.gives(field)
            || self.joined.as_ref().is_some_and(|j| j.file.gives(field))
            || self.egp_filled(field)
    }

    /// Whether `field`'s value came from e-GP: no month file of the record gives it.
    pub fn egp_filled(&self, field: Field) -> bool {
        self.egp.as_ref().is_some_and(|e| e.filled(field))
    }

    /// The files the record was read from, its own first.
    pub fn sources(&self) -> impl Iterator<Item = RowRef> + '_ {
        std::iter::once(RowRef {
            file: Arc::clone(&self.file),
            line: self.line,
        })
        .chain(self.joined.as_deref().cloned())
    }

    /// Budget minus agreed price, when both are known (งบประมาณที่ประหยัดได้).
    pub fn savings(&self) -> Option<Money> {
        self.agreed_price.map(|p| self.budget.saturating_sub(p))
    }

    pub fn is_cancelled(&self) -> bool {
        self.status == Some(Status::Cancelled)
    }

    /// The status as pages, forms and downloads write it: ไม่ระบุ when no file gives it.
    pub fn status_text(&self) -> &'static str {
        self.status.map_or(NOT_GIVEN_TH, Status::canonical)
    }

    /// The budget source as pages, forms and downloads write it: ไม่ระบุ when no file gives it.
    pub fn budget_source_text(&self) -> &str {
        self.budget_source.as_deref().unwrap_or(NOT_GIVEN_TH)
    }

    /// The คำชี้แจง, when it says anything: a cell of blanks is no explanation.
    pub fn explanation(&self) -> Option<&str> {
        self.explanation
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The มาตรา 56 ground, when it says anything.
    pub fn legal_ground(&self) -> Option<&str> {
        self.legal_ground
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// The รหัสแผน, when it says anything.
    pub fn plan_id(&self) -> Option<&str> {
        self.plan_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// One line of the annual procurement plan (แผนการจัดซื้อจัดจ้าง).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanLine {
    pub file: Arc<SourceFile>,
    pub line: u32,
    pub seq: u32,
    pub plan_id: String,
    pub title: String,
    pub division: String,
    pub budget: Money,
    pub budget_source: String,
    pub method: Method,
    pub expected_month: YearMonth,
}

impl PlanLine {
    pub fn loc(&self, field: Field) -> Location {
        self.file.loc(self.line, field)
    }
}

/// `plan.yaml`: when the plan was approved and published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlanMeta {
    pub path: String,
    pub approved_on: Option<Date>,
    pub published_on: Option<Date>,
    pub egp_plan_no: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub path: String,
    pub lines: Vec<PlanLine>,
}

/// A month file that exists; an empty `records` means ไม่มีการจัดซื้อจัดจ้าง.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthFile {
    pub month: YearMonth,
    pub file: Arc<SourceFile>,
    /// The month's files of other layouts, joined row by row into `records` (a สขร.1 and an
    /// ITA list kept side by side); empty for a month given in one file.
    pub joined: Vec<Arc<SourceFile>>,
    pub records: Vec<Procurement>,
}

impl MonthFile {
    /// Every file the month was read from, `file` first.
    pub fn files(&self) -> impl Iterator<Item = &Arc<SourceFile>> {
        std::iter::once(&self.file).chain(&self.joined)
    }
}

/// `annual.md`: the narrative of the annual procurement report; its figures are computed, never typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AnnualReport {
    pub path: String,
    pub approved_by: Option<String>,
    pub approved_on: Option<Date>,
    /// The Markdown body after the front matter.
    pub body: String,
    /// 1-based line of the file where `body` starts, for diagnostics inside it.
    pub body_line: u32,
    /// The `##`/`#` headings of the body, in order, with their lines in the file.
    pub headings: Vec<(u32, String)>,
}

/// One fiscal year (ปีงบประมาณ, BE) of procurement data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FiscalYear {
    pub year: i32,
    pub plan: Option<Plan>,
    pub plan_meta: Option<PlanMeta>,
    /// Only the month files that exist; a missing month is a disclosure gap once it has ended.
    pub months: BTreeMap<YearMonth, MonthFile>,
    pub annual: Option<AnnualReport>,
    /// Files that exist but could not be read (a load error names each): not also a gap.
    pub unreadable: BTreeSet<crate::Disclosure>,
    /// `egp/`: e-GP's contracts of the agency, when the folder exists.
    pub egp: Option<crate::Egp>,
}

impl FiscalYear {
    pub fn records(&self) -> impl Iterator<Item = &Procurement> {
        self.months.values().flat_map(|m| m.records.iter())
    }

    /// Whether the year has anything an OCDS release can describe (a procurement row or a plan
    /// line). The schema needs at least one release, so the build writes `ocds.json` exactly
    /// when this holds, and every page that links the file asks the same question.
    pub fn has_ocds_releases(&self) -> bool {
        self.records().next().is_some() || self.plan.as_ref().is_some_and(|p| !p.lines.is_empty())
    }

    pub fn plan_line(&self, plan_id: &str) -> Option<&PlanLine> {
        self.plan
            .as_ref()?
            .lines
            .iter()
            .find(|l| l.plan_id == plan_id)
    }
}

/// Everything under `procurement-data/`, loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Data {
    /// `None` only when `agency.yaml` is missing or unusable (a load error says so).
    pub agency: Option<Agency>,
    pub years: BTreeMap<i32, FiscalYear>,
}

impl Data {
    pub fn records(&self) -> impl Iterator<Item = &Procurement> {
        self.years.values().flat_map(FiscalYear::records)
    }

    pub fn is_sample(&self) -> bool {
        self.agency.as_ref().is_some_and(|a| a.sample)
    }

    /// The newest fiscal year with data, which the home page shows.
    pub fn current_year(&self) -> Option<&FiscalYear> {
        self.years.values().next_back()
    }
}
