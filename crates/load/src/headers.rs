//! Header cells to what their columns hold: the one table of every column spelling prongsai
//! reads, for plans and for month files in each of their layouts (prongsai's template, the แบบ
//! สขร.1 form, the ITA list). Headers are compared by [`key`], so units such as `(บาท)`, spacing,
//! case and what PDF or Word did to the Thai marks do not matter.
//!
//! A spelling is matched whole first; failing that, by fragments (every fragment of a rule in
//! the header, in rule order), which is how the forms' many tails ("…ในการซื้อหรือจ้าง",
//! "…ในการจัดซื้อหรือจัดจ้าง", none) and PDF-broken words still find their column.

use crate::diag;
use prongsai_model::{Diagnostic, Field, Location};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Month,
    Plan,
}

impl Kind {
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Month => &Field::MONTH,
            Kind::Plan => &Field::PLAN,
        }
    }

    /// Columns that must exist in the template; in a month file some may be blank on cancelled
    /// rows.
    pub fn required(self, field: Field) -> bool {
        match self {
            Kind::Plan => true,
            Kind::Month => !matches!(
                field,
                Field::EgpProjectNo
                    | Field::PlanId
                    | Field::WinnerTin
                    | Field::ContractEnd
                    | Field::LegalGround
                    | Field::Explanation
                    | Field::TenderStart
                    | Field::TenderEnd
                    | Field::Unspsc
            ),
        }
    }

    pub fn header(self, field: Field) -> &'static str {
        match self {
            Kind::Month => field.thai(),
            Kind::Plan => field.thai_in_plan(),
        }
    }
}

/// An ITA list's columns about the agency itself, checked against agency.yaml.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum AgencyCol {
    Name,
    District,
    Province,
    Ministry,
    Type,
}

impl AgencyCol {
    pub fn thai(self) -> &'static str {
        match self {
            AgencyCol::Name => "ชื่อหน่วยงาน",
            AgencyCol::District => "อำเภอ",
            AgencyCol::Province => "จังหวัด",
            AgencyCol::Ministry => "กระทรวง",
            AgencyCol::Type => "ประเภทหน่วยงาน",
        }
    }

    pub fn agency_yaml_key(self) -> &'static str {
        match self {
            AgencyCol::Name => "name",
            AgencyCol::District => "district",
            AgencyCol::Province => "province",
            AgencyCol::Ministry => "ministry",
            AgencyCol::Type => "agency_type",
        }
    }
}

/// What a month file's column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    /// One field, in a column of its own.
    Field(Field),
    /// แบบ สขร.1: "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", the winner and the agreed
    /// price in one cell.
    WinnerAndPrice,
    /// แบบ สขร.1: "เลขที่และวันที่ของสัญญาหรือข้อตกลง…", the contract's number and date in one cell.
    ContractAndDate,
    /// แบบ สขร.1: "ราคาที่เสนอ" beside a column of bidders' names (a split bidders heading).
    BidPrices,
    /// แบบ สขร.1: "ลว." between a contract's number and date columns, a connecting word.
    Connector,
    /// A column with no header of its own right of a shared-cell heading that was merged across
    /// it: the rest of that heading's cell (the contract date beside its number, the prices
    /// beside the names).
    Tail(TailOf),
    /// The ITA list: the agency's name, district, province, ministry, type.
    Agency(AgencyCol),
    /// The ITA list: ปีงบประมาณ.
    FiscalYear,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TailOf {
    Contract,
    Winner,
    Bids,
}

impl Col {
    /// Columns only the แบบ สขร.1 form has: a header naming one says which layout it is.
    pub fn is_skr1_only(self) -> bool {
        matches!(
            self,
            Col::WinnerAndPrice | Col::ContractAndDate | Col::BidPrices | Col::Connector
        )
    }

    /// Columns only the ITA list has.
    pub fn is_ita_only(self) -> bool {
        matches!(self, Col::Agency(_) | Col::FiscalYear)
    }

    /// The fields a cell of this column gives.
    pub fn fields(self) -> Vec<Field> {
        match self {
            Col::Field(f) => vec![f],
            Col::WinnerAndPrice => vec![Field::Winner, Field::AgreedPrice],
            Col::ContractAndDate => vec![Field::ContractNo, Field::ContractDate],
            Col::BidPrices | Col::Tail(TailOf::Bids) => vec![Field::Bids],
            Col::Tail(TailOf::Contract) => vec![Field::ContractDate],
            Col::Tail(TailOf::Winner) => vec![Field::AgreedPrice],
            Col::Connector | Col::Agency(_) | Col::FiscalYear => Vec::new(),
        }
    }
}

/// The comparison key of a header: [`prongsai_text::match_key`] (no blanks, no Thai vowel or
/// tone marks, lower case), without a trailing `*` (a required-column mark) or unit in
/// parentheses.
pub(crate) fn key(header: &str) -> String {
    let mut s = prongsai_text::match_key(header);
    while s.ends_with('*') {
        s.pop();
    }
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
        && open > 0
    {
        s.truncate(open);
    }
    s
}

const MONTH: u8 = 1;
const PLAN: u8 = 2;
const BOTH: u8 = MONTH | PLAN;

/// One column's spellings: whole headers, and fragments that must all appear in a header.
struct Rule {
    col: Col,
    on: u8,
    exact: &'static [&'static str],
    fragments: &'static [&'static [&'static str]],
}

const fn rule(col: Col, on: u8, exact: &'static [&'static str]) -> Rule {
    Rule {
        col,
        on,
        exact,
        fragments: &[],
    }
}

const fn field(f: Field) -> Col {
    Col::Field(f)
}

/// Every spelling of every column, in matching order: a header matched whole by any rule
/// wins; otherwise the first rule whose fragments are all in it. Where one header could match
/// two rules' fragments, the more specific rule comes first (the contract's number-and-date
/// before its number, the end date before the date, มาตรา 56 before the reason).
static RULES: &[Rule] = &[
    rule(
        field(Field::Seq),
        BOTH,
        &["ลำดับที่", "ลำดับ", "ที่", "no", "no.", "seq", "ลำดับที่."],
    ),
    Rule {
        col: field(Field::EgpProjectNo),
        on: MONTH,
        exact: &[
            "เลขที่โครงการ",
            "egp_project_no",
            "เลขที่โครงการในระบบ e-GP",
            "เลขที่โครงการ e-GP",
            "รหัสโครงการ",
            "เลขที่โครงการจัดซื้อจัดจ้าง",
        ],
        fragments: &[&["เลขที่โครงการ"], &["โครงการ", "e-gp"]],
    },
    rule(
        field(Field::PlanId),
        BOTH,
        &["รหัสแผน", "plan_id", "เลขที่แผน"],
    ),
    rule(
        field(Field::Title),
        PLAN,
        &["รายการ/โครงการ", "title", "รายการ", "โครงการ", "ชื่อโครงการ"],
    ),
    Rule {
        col: field(Field::Title),
        on: MONTH,
        exact: &[
            "งานที่ซื้อหรือจ้าง",
            "title",
            "งานที่จัดซื้อหรือจัดจ้าง",
            "งานจัดซื้อจัดจ้าง",
            "งานที่จะจัดซื้อหรือจ้าง",
            "งานที่จัดซื้อจัดจ้าง",
            "ชื่อรายการของงานที่ซื้อหรือจ้าง",
            "ชื่อรายการ",
            "รายการพัสดุที่จัดซื้อจัดจ้าง",
            "รายการพัสดุ",
            "รายการ/โครงการ",
            "รายการ",
            "โครงการ",
            "ชื่อโครงการ",
        ],
        fragments: &[&["งาน", "ซื้อ"], &["งาน", "จ้าง"]],
    },
    rule(
        field(Field::Division),
        PLAN,
        &[
            "หน่วยงานเจ้าของงาน",
            "division",
            "หน่วยงาน",
            "หน่วยงานที่รับผิดชอบ",
            "ส่วนราชการ",
        ],
    ),
    Rule {
        col: field(Field::Budget),
        on: BOTH,
        exact: &[
            "วงเงินงบประมาณ",
            "budget",
            "งบประมาณ",
            "วงเงินที่จะซื้อหรือจ้าง",
            "วงเงินที่จัดซื้อจัดจ้าง",
            "วงเงินที่จะจัดซื้อหรือจัดจ้าง",
            "วงเงินงบประมาณที่ได้รับจัดสรร",
            "วงเงิน",
        ],
        fragments: &[&["วงเงิน"]],
    },
    Rule {
        col: field(Field::BudgetSource),
        on: BOTH,
        exact: &[
            "แหล่งที่มาของงบประมาณ",
            "budget_source",
            "แหล่งเงิน",
            "แหล่งงบประมาณ",
            "ที่มาของงบประมาณ",
        ],
        fragments: &[&["แหล่ง", "งบประมาณ"], &["แหล่งเงิน"]],
    },
    Rule {
        col: field(Field::ReferencePrice),
        on: MONTH,
        exact: &["ราคากลาง", "reference_price", "ราคาอ้างอิง"],
        fragments: &[&["ราคากลาง"]],
    },
    Rule {
        col: field(Field::Method),
        on: BOTH,
        exact: &[
            "วิธีการจัดซื้อจัดจ้าง",
            "method",
            "วิธีจัดซื้อจัดจ้าง",
            "วิธีซื้อหรือจ้าง",
            "วิธีซื้อ/จ้าง",
            "วิธีการซื้อหรือจ้าง",
            "วิธีการจัดหา",
            "วิธีการ",
            "วิธีจัดซื้อฯ",
        ],
        fragments: &[&["วิธี", "ซื้อ"], &["วิธี", "จ้าง"]],
    },
    rule(
        field(Field::ExpectedMonth),
        PLAN,
        &[
            "ช่วงเวลาที่คาดว่าจะประกาศ",
            "expected_month",
            "ช่วงเวลาที่คาดว่าจะประกาศจัดซื้อจัดจ้าง",
        ],
    ),
    // The winner's shared cell before the bidders: "ผู้ได้รับการคัดเลือกและราคาที่ตกลง…" holds
    // ราคา, as the bidders' heading does.
    Rule {
        col: Col::WinnerAndPrice,
        on: MONTH,
        exact: &["ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง"],
        fragments: &[&["ได้รับ", "คัดเลือก", "ราคา"]],
    },
    Rule {
        col: field(Field::Bids),
        on: MONTH,
        exact: &[
            "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
            "bids",
            "รายชื่อผู้ยื่นข้อเสนอและราคาที่เสนอ",
            "รายชื่อผู้เสนอราคา",
            "ผู้เสนอราคา",
        ],
        fragments: &[&["ผู้เสนอราคา"], &["ผู้ยื่นข้อเสนอ"]],
    },
    rule(Col::BidPrices, MONTH, &["ราคาที่เสนอ"]),
    Rule {
        col: field(Field::WinnerTin),
        on: MONTH,
        exact: &[
            "เลขประจำตัวผู้เสียภาษี",
            "winner_tin",
            "เลขประจำตัวผู้เสียภาษีอากร",
            "เลขนิติบุคคล",
        ],
        fragments: &[&["ผู้เสียภาษี"]],
    },
    Rule {
        col: field(Field::LegalGround),
        on: MONTH,
        exact: &["เหตุผลตามมาตรา 56", "legal_ground"],
        fragments: &[&["มาตรา"]],
    },
    Rule {
        col: field(Field::Reason),
        on: MONTH,
        exact: &[
            "เหตุผลที่คัดเลือกโดยสังเขป",
            "reason",
            "เหตุผลที่คัดเลือกโดยสรุป",
            "เหตุผลที่คัดเลือก",
            "เหตุผลการคัดเลือก",
        ],
        fragments: &[&["เหตุผล"]],
    },
    Rule {
        col: field(Field::Winner),
        on: MONTH,
        exact: &[
            "ผู้ได้รับการคัดเลือก",
            "winner",
            "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
            "ผู้ที่ได้รับการคัดเลือก",
            "ผู้ได้รับคัดเลือก",
            "ชื่อผู้ชนะ",
            "ผู้ชนะ",
        ],
        fragments: &[&["ได้รับ", "คัดเลือก"]],
    },
    Rule {
        col: field(Field::AgreedPrice),
        on: MONTH,
        exact: &[
            "ราคาที่ตกลงซื้อหรือจ้าง",
            "agreed_price",
            "ราคาที่ตกลงซื้อจ้าง",
            "ราคาที่ตกลงซื้อ",
            "ราคาที่ตกลง",
            "ราคาตกลงซื้อ/จ้าง",
        ],
        fragments: &[&["ราคา", "ตกลง"]],
    },
    Rule {
        col: Col::ContractAndDate,
        on: MONTH,
        exact: &[
            "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
            "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
        ],
        fragments: &[&["เลขที่", "วันที่", "สัญญา"], &["เลขที่", "วันที่", "ข้อตกลง"]],
    },
    rule(
        field(Field::Explanation),
        MONTH,
        &["คำชี้แจง", "explanation", "คำชี้แจงของหน่วยงาน"],
    ),
    // Matched whole only: วันสิ้นสุดการยื่นข้อเสนอ holds สิ้นสุด, the contract end's fragment.
    rule(
        field(Field::TenderStart),
        MONTH,
        &[
            "วันที่ประกาศเชิญชวน",
            "tender_start",
            "วันประกาศเชิญชวน",
            "วันที่ประกาศ",
            "วันที่ประกาศเชิญชวนทั่วไป",
        ],
    ),
    rule(
        field(Field::TenderEnd),
        MONTH,
        &[
            "วันสิ้นสุดการยื่นข้อเสนอ",
            "tender_end",
            "วันที่ยื่นข้อเสนอ",
            "วันยื่นข้อเสนอ",
            "วันสุดท้ายของการยื่นข้อเสนอ",
            "วันที่สิ้นสุดการยื่นข้อเสนอ",
        ],
    ),
    rule(
        field(Field::Unspsc),
        MONTH,
        &["รหัส UNSPSC", "unspsc", "รหัสสินค้า UNSPSC"],
    ),
    Rule {
        col: field(Field::ContractEnd),
        on: MONTH,
        exact: &[
            "วันสิ้นสุดสัญญา",
            "contract_end",
            "วันที่สิ้นสุดสัญญา",
            "สิ้นสุดสัญญา",
            "วันที่สิ้นสุด",
        ],
        fragments: &[&["สิ้นสุด"]],
    },
    Rule {
        col: field(Field::ContractNo),
        on: MONTH,
        exact: &["เลขที่สัญญา", "contract_no", "เลขที่สัญญาหรือข้อตกลง"],
        fragments: &[&["เลขที่", "สัญญา"], &["เลขที่", "ข้อตกลง"]],
    },
    Rule {
        col: field(Field::ContractDate),
        on: MONTH,
        exact: &[
            "วันที่สัญญา",
            "contract_date",
            "วันที่ลงนามสัญญา",
            "วันที่ลงนามในสัญญา",
            "วันที่เริ่มต้นสัญญา",
            "วันที่ทำสัญญา",
        ],
        fragments: &[&["วันที่", "สัญญา"]],
    },
    Rule {
        col: field(Field::Status),
        on: MONTH,
        exact: &[
            "สถานะ",
            "status",
            "สถานะการจัดซื้อจัดจ้าง",
            "สถานะโครงการ",
            "สถานะสัญญา",
        ],
        fragments: &[&["สถานะ"]],
    },
    rule(Col::Agency(AgencyCol::Name), MONTH, &["ชื่อหน่วยงาน"]),
    rule(
        Col::Agency(AgencyCol::District),
        MONTH,
        &["อำเภอ", "เขต/อำเภอ"],
    ),
    rule(Col::Agency(AgencyCol::Province), MONTH, &["จังหวัด"]),
    rule(Col::Agency(AgencyCol::Ministry), MONTH, &["กระทรวง"]),
    rule(Col::Agency(AgencyCol::Type), MONTH, &["ประเภทหน่วยงาน"]),
    rule(
        Col::FiscalYear,
        MONTH,
        &["ปีงบประมาณ", "ปีงบประมาณ พ.ศ.", "ปีงบ"],
    ),
];

/// The rules with their spellings and fragments turned into keys once.
struct KeyedRule {
    col: Col,
    on: u8,
    exact: Vec<String>,
    fragments: Vec<Vec<String>>,
}

static KEYED: LazyLock<Vec<KeyedRule>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|r| KeyedRule {
            col: r.col,
            on: r.on,
            exact: r.exact.iter().map(|s| key(s)).collect(),
            fragments: r
                .fragments
                .iter()
                .map(|f| f.iter().map(|s| key(s)).collect())
                .collect(),
        })
        .collect()
});

fn col_by_key(on: u8, k: &str) -> Option<Col> {
    if k.is_empty() {
        return None;
    }
    let rules = || KEYED.iter().filter(|r| r.on & on != 0);
    if let Some(r) = rules().find(|r| r.exact.iter().any(|e| e == k)) {
        return Some(r.col);
    }
    // Fragments only for Thai headers: an English alias is matched whole or not at all.
    if !k.chars().any(prongsai_text::is_thai) {
        return None;
    }
    rules()
        .find(|r| {
            r.fragments
                .iter()
                .any(|all| all.iter().all(|frag| k.contains(frag.as_str())))
        })
        .map(|r| r.col)
}

/// What a month file's column with this header holds.
pub(crate) fn month_col(header: &str) -> Option<Col> {
    col_by_key(MONTH, &key(header))
}

/// The column of a sub-header under a shared heading (a two-row header: the contract heading
/// over เลขที่ | วันที่, the bidders' over รายชื่อผู้เสนอราคา | ราคาที่เสนอ). Short words such
/// as เลขที่, วันที่ or ราคา mean something only under their heading.
pub(crate) fn sub_col(parent: Option<Col>, child: &str) -> Option<Col> {
    let k = key(child);
    let is = |words: &[&str]| words.iter().any(|w| key(w) == k);
    match parent {
        Some(Col::ContractAndDate | Col::Field(Field::ContractNo | Field::ContractDate)) => {
            if is(&["เลขที่", "เลขที่สัญญา", "เลขที่สัญญา/ข้อตกลง", "สัญญาเลขที่"])
            {
                return Some(Col::Field(Field::ContractNo));
            }
            if is(&["วันที่", "ลงวันที่", "วันที่สัญญา", "วัน/เดือน/ปี"])
            {
                return Some(Col::Field(Field::ContractDate));
            }
            if is(&["ลว.", "ลว"]) {
                return Some(Col::Connector);
            }
        }
        Some(Col::Field(Field::Bids) | Col::BidPrices) => {
            if is(&["รายชื่อผู้เสนอราคา", "ชื่อผู้เสนอราคา", "ผู้เสนอราคา", "รายชื่อ", "ชื่อ"])
            {
                return Some(Col::Field(Field::Bids));
            }
            if is(&["ราคาที่เสนอ", "ราคา", "ราคาเสนอ", "จำนวนเงิน"])
            {
                return Some(Col::BidPrices);
            }
        }
        Some(Col::WinnerAndPrice | Col::Field(Field::Winner | Field::AgreedPrice)) => {
            if is(&["ผู้ได้รับการคัดเลือก", "ผู้ได้รับคัดเลือก", "รายชื่อ", "ชื่อ"])
            {
                return Some(Col::Field(Field::Winner));
            }
            if is(&[
                "ราคาที่ตกลงซื้อหรือจ้าง",
                "ราคาที่ตกลงซื้อ",
                "ราคาที่ตกลง",
                "ราคา",
                "จำนวนเงิน",
            ]) {
                return Some(Col::Field(Field::AgreedPrice));
            }
        }
        _ => {}
    }
    month_col(child)
}

/// The field a plan's header names.
pub(crate) fn field_for(kind: Kind, header: &str) -> Option<Field> {
    let on = match kind {
        Kind::Month => MONTH,
        Kind::Plan => PLAN,
    };
    match col_by_key(on, &key(header))? {
        Col::Field(f) if kind.fields().contains(&f) => Some(f),
        _ => None,
    }
}

/// Matches the header row; returns the columns found (field, 1-based column, header as written)
/// and whether every required column is there.
pub(crate) fn match_headers(
    kind: Kind,
    header: &[String],
    path: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<(Field, u32, String)>, bool) {
    let mut columns: Vec<(Field, u32, String)> = Vec::new();
    let mut unknown = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let col = i as u32 + 1;
        let shown = crate::values::clean(raw);
        match field_for(kind, raw) {
            Some(field) => {
                if let Some((_, first, _)) = columns.iter().find(|(f, ..)| *f == field) {
                    diags.push(duplicate_column(shown, *first, path, line, col));
                } else {
                    columns.push((field, col, shown.to_owned()));
                }
            }
            None if shown.is_empty() => {}
            None => unknown.push((col, shown)),
        }
    }
    if columns.is_empty() {
        let expected = expected_list(kind);
        diags.push(
            Diagnostic::error(
                diag::NO_HEADER,
                format!("แถวแรกของไฟล์ไม่ใช่แถวหัวตาราง: แถวแรกต้องเป็นชื่อคอลัมน์ ได้แก่ {expected}"),
                format!(
                    "the first row is not a header row: it must name the columns, i.e. {expected}"
                ),
            )
            .at(Location::line(path, line))
            .with_text(header.join(",")),
        );
        return (columns, false);
    }
    for (col, shown) in unknown {
        diags.push(unknown_column(shown, &expected_list(kind), path, line, col));
    }
    let found: Vec<&str> = columns.iter().map(|(_, _, h)| h.as_str()).collect();
    let mut complete = true;
    for &field in kind.fields() {
        if kind.required(field) && !columns.iter().any(|(f, ..)| *f == field) {
            complete = false;
            diags.push(missing_column(
                kind.header(field),
                field.alias(),
                &found.join(", "),
                path,
                line,
                &header.join(","),
            ));
        }
    }
    (columns, complete)
}

pub(crate) fn duplicate_column(
    shown: &str,
    first: u32,
    path: &str,
    line: u32,
    col: u32,
) -> Diagnostic {
    Diagnostic::error(
        diag::DUPLICATE_COLUMN,
        format!("คอลัมน์ \"{shown}\" ซ้ำกับคอลัมน์ที่ {first}: ลบคอลัมน์ที่ซ้ำออกให้เหลือคอลัมน์เดียว"),
        format!("column \"{shown}\" duplicates column {first}: delete one of them"),
    )
    .at(Location::cell(path, line, col, shown))
    .with_text(shown)
}

pub(crate) fn unknown_column(
    shown: &str,
    expected: &str,
    path: &str,
    line: u32,
    col: u32,
) -> Diagnostic {
    Diagnostic::warning(
        diag::UNKNOWN_COLUMN,
        format!(
            "ไม่รู้จักคอลัมน์ \"{shown}\" จึงไม่นำมาใช้: ถ้าเป็นคอลัมน์ที่ต้องการ ให้แก้ชื่อตามแม่แบบ ({expected})"
        ),
        format!(
            "unknown column \"{shown}\" is ignored: if it is meant to be one of ours, rename it as in the template ({expected})"
        ),
    )
    .at(Location::cell(path, line, col, shown))
    .with_text(shown)
}

pub(crate) fn missing_column(
    name: &str,
    alias: &str,
    found: &str,
    path: &str,
    line: u32,
    header: &str,
) -> Diagnostic {
    Diagnostic::error(
        diag::MISSING_COLUMN,
        format!(
            "ไม่มีคอลัมน์ \"{name}\" ({alias}) ซึ่งต้องมี: เพิ่มคอลัมน์นี้ในแถวหัวตาราง (คอลัมน์ที่พบ: {found})"
        ),
        format!(
            "the required column \"{name}\" ({alias}) is missing: add it to the header row (columns found: {found})"
        ),
    )
    .at(Location::line(path, line))
    .with_text(header)
}

pub(crate) fn expected_list(kind: Kind) -> String {
    kind.fields()
        .iter()
        .map(|f| kind.header(*f))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A data file read as a table with its header matched: the rows, the shared [`SourceFile`]
/// every record points to, and whether every required column was found.
pub(crate) struct Opened {
    pub table: crate::csv::Table,
    pub file: std::sync::Arc<prongsai_model::SourceFile>,
    pub complete: bool,
}

/// Reads `text` as CSV and matches its header for `kind`; `None` when there is no usable header
/// (already reported).
pub(crate) fn open(
    kind: Kind,
    path: &str,
    text: &str,
    encoding: &'static str,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Opened> {
    let table = crate::csv::read(text, path, limits, diags)?.into_table();
    open_table(kind, path, table, encoding, None, diags)
}

/// Matches the header of a table read from a CSV file or a worksheet (`sheet`).
pub(crate) fn open_table(
    kind: Kind,
    path: &str,
    table: crate::csv::Table,
    encoding: &'static str,
    sheet: Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Opened> {
    let (columns, complete) = match_headers(kind, &table.header, path, table.header_line, diags);
    if columns.is_empty() {
        return None;
    }
    let file = std::sync::Arc::new(prongsai_model::SourceFile {
        path: path.to_owned(),
        encoding,
        layout: prongsai_model::Layout::Template,
        columns,
        sheet,
    });
    Some(Opened {
        table,
        file,
        complete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_match() {
        let m = Kind::Month;
        assert_eq!(field_for(m, " วงเงินงบประมาณ (บาท) "), Some(Field::Budget));
        assert_eq!(
            field_for(m, "\u{A0}ราคากลาง(บาท)"),
            Some(Field::ReferencePrice)
        );
        assert_eq!(field_for(m, "งานที่จัดซื้อหรือจัดจ้าง"), Some(Field::Title));
        assert_eq!(field_for(m, "ลำดับ"), Some(Field::Seq));
        assert_eq!(field_for(Kind::Plan, "ลำดับที่"), Some(Field::Seq));
        assert_eq!(field_for(m, "Agreed_Price"), Some(Field::AgreedPrice));
        assert_eq!(field_for(m, "เหตุผลตามมาตรา 56"), Some(Field::LegalGround));
        assert_eq!(field_for(m, "คำชี้แจง"), Some(Field::Explanation));
        assert_eq!(field_for(m, "Explanation"), Some(Field::Explanation));
        assert_eq!(field_for(m, "วันที่ประกาศเชิญชวน"), Some(Field::TenderStart));
        assert_eq!(field_for(m, "tender_end"), Some(Field::TenderEnd));
        assert_eq!(field_for(m, "รหัส UNSPSC"), Some(Field::Unspsc));
        assert_eq!(field_for(m, "UNSPSC"), Some(Field::Unspsc));
        assert_eq!(field_for(Kind::Plan, "winner"), None);
        assert_eq!(field_for(m, "หมายเหตุ"), None);
    }

    #[test]
    fn the_forms_spellings_find_their_columns() {
        let c = |h: &str| month_col(h);
        let f = |x| Some(Col::Field(x));
        // แบบ สขร.1, as published, with and without tails and units.
        assert_eq!(c("งานที่จัดซื้อหรือจัดจ้าง"), f(Field::Title));
        assert_eq!(c("งานที่จะจัดซื้อหรือจ้าง"), f(Field::Title));
        assert_eq!(c("วงเงินที่จะซื้อหรือจ้าง (บาท)"), f(Field::Budget));
        assert_eq!(c("วงเงินที่จัดซื้อจัดจ้าง"), f(Field::Budget));
        assert_eq!(c("วิธีซื้อ/จ้าง"), f(Field::Method));
        assert_eq!(c("วิธีซื้อหรือจ้าง"), f(Field::Method));
        assert_eq!(c("รายชื่อผู้เสนอราคาและราคาที่เสนอ"), f(Field::Bids));
        assert_eq!(
            c("ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง"),
            Some(Col::WinnerAndPrice)
        );
        assert_eq!(
            c("ผู้ที่ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง"),
            Some(Col::WinnerAndPrice)
        );
        assert_eq!(c("เหตุผลที่คัดเลือกโดยสรุป"), f(Field::Reason));
        assert_eq!(c("เหตุผลที่คัดเลือกโดยสังเขป"), f(Field::Reason));
        for contract in [
            "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
            "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการจัดซื้อหรือจัดจ้าง",
            "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
        ] {
            assert_eq!(c(contract), Some(Col::ContractAndDate), "{contract}");
        }
        // Through a PDF: decomposed sara am, marks out of order, า printed as ำ, broken words.
        assert_eq!(c("ลําดับที่"), f(Field::Seq));
        assert_eq!(c("ราคาท่ีตกลงซ้ือหรือจ้าง"), f(Field::AgreedPrice));
        assert_eq!(
            c("เลขทแ่ี ละวนั ทข่ี องสญั ญาหรือขอ้ ตกลง"),
            Some(Col::ContractAndDate)
        );
        assert_eq!(c("วิธีซื้อหรือจ้ำง"), f(Field::Method));
        // The ITA list's 16 and 18 columns.
        assert_eq!(c("ที่"), f(Field::Seq));
        assert_eq!(c("ชื่อรายการของงานที่ซื้อหรือจ้าง"), f(Field::Title));
        assert_eq!(c("วงเงินงบประมาณที่ได้รับจัดสรร (บาท)"), f(Field::Budget));
        assert_eq!(c("สถานะการจัดซื้อจัดจ้าง"), f(Field::Status));
        assert_eq!(c("วิธีการ"), f(Field::Method));
        assert_eq!(c("ราคาที่ตกลงซื้อจ้าง"), f(Field::AgreedPrice));
        assert_eq!(c("รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก"), f(Field::Winner));
        assert_eq!(c("เลขที่โครงการในระบบ e-GP"), f(Field::EgpProjectNo));
        assert_eq!(c("วันที่เริ่มต้นสัญญา"), f(Field::ContractDate));
        assert_eq!(c("วันที่สิ้นสุดสัญญา"), f(Field::ContractEnd));
        assert_eq!(c("ชื่อหน่วยงาน"), Some(Col::Agency(AgencyCol::Name)));
        assert_eq!(c("ปีงบประมาณ"), Some(Col::FiscalYear));
        assert_eq!(c("หมายเหตุ"), None);
    }

    #[test]
    fn sub_headers_read_under_their_heading() {
        let contract = Some(Col::ContractAndDate);
        assert_eq!(
            sub_col(contract, "เลขที่"),
            Some(Col::Field(Field::ContractNo))
        );
        assert_eq!(
            sub_col(contract, "วันที่"),
            Some(Col::Field(Field::ContractDate))
        );
        assert_eq!(sub_col(contract, "ลว."), Some(Col::Connector));
        let bids = Some(Col::Field(Field::Bids));
        assert_eq!(
            sub_col(bids, "รายชื่อผู้เสนอราคา"),
            Some(Col::Field(Field::Bids))
        );
        assert_eq!(sub_col(bids, "ราคาที่เสนอ"), Some(Col::BidPrices));
        let winner = Some(Col::WinnerAndPrice);
        assert_eq!(
            sub_col(winner, "ผู้ได้รับการคัดเลือก"),
            Some(Col::Field(Field::Winner))
        );
        assert_eq!(
            sub_col(winner, "ราคาที่ตกลงซื้อหรือจ้าง"),
            Some(Col::Field(Field::AgreedPrice))
        );
        // Outside a heading, เลขที่ alone means nothing.
        assert_eq!(sub_col(None, "เลขที่"), None);
    }

    #[test]
    fn missing_and_duplicate() {
        let mut d = Vec::new();
        let header: Vec<String> = ["ลำดับ", "รหัสแผน", "seq", "อื่น ๆ"].map(String::from).to_vec();
        let (cols, complete) = match_headers(Kind::Plan, &header, "p.csv", 1, &mut d);
        assert!(!complete);
        assert_eq!(cols.len(), 2);
        let codes: Vec<&str> = d.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(
            codes.iter().filter(|c| **c == diag::MISSING_COLUMN).count(),
            6
        );
        assert!(codes.contains(&diag::DUPLICATE_COLUMN));
        assert!(codes.contains(&diag::UNKNOWN_COLUMN));
    }
}
