//! e-GP's own record of the agency's contracts (the Comptroller General's Department's
//! procurement system), read from `procurement-data/<FY>/egp/` beside the month files: a second
//! source, joined to the records by the e-GP project number, which completes what the month files
//! do not give and cross-checks what they do.

use crate::{Date, EgpNo, Field, Location, Money, SourceFile, Status, Tin, YearMonth};
use std::sync::Arc;

/// One contract of the agency as e-GP publishes it (a row of the data.go.th CSV, or one
/// `contract[]` entry of a CGD API project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgpContract {
    pub file: Arc<SourceFile>,
    /// The row of the CSV, or the line where the project's object starts in the JSON.
    pub line: u32,
    pub project_no: EgpNo,
    pub title: String,
    /// วิธีจัดซื้อฯ as e-GP writes it (e-GP's names differ from the ITA list's).
    pub method: Option<String>,
    /// งบประมาณ (project_money).
    pub budget: Option<Money>,
    /// ราคากลาง (price_build).
    pub reference_price: Option<Money>,
    /// ราคาตกลงซื้อ/จ้าง of this contract (price_agree), else of the project (sum_price_agree).
    pub agreed_price: Option<Money>,
    /// วันที่เกิดรายการ (transaction_date).
    pub transaction_date: Option<Date>,
    pub winner_tin: Option<Tin>,
    pub winner: Option<String>,
    pub contract_no: Option<String>,
    pub contract_date: Option<Date>,
    pub contract_end: Option<Date>,
    /// สถานะสัญญา as e-GP writes it (ส่งงานครบถ้วน, ส่งงานล่าช้า…).
    pub status_text: Option<String>,
    /// The id of the record of a month file that discloses this contract (`2567-10-3`), set when
    /// the data is loaded; `None`: no month file holds it.
    pub disclosed_by: Option<String>,
}

impl EgpContract {
    /// The month whose month file should disclose the contract: the month it was signed, else
    /// the month e-GP recorded it.
    pub fn month(&self) -> Option<YearMonth> {
        self.contract_date
            .or(self.transaction_date)
            .map(Date::year_month)
    }

    pub fn loc(&self) -> Location {
        self.file.loc(self.line, Field::EgpProjectNo)
    }

    /// The place of `field` in the e-GP file: its cell in a CSV, its line in a JSON.
    pub fn loc_of(&self, field: Field) -> Location {
        self.file.loc(self.line, field)
    }

    /// The status in the words of the data contract, when e-GP's words say one.
    pub fn status(&self) -> Option<Status> {
        self.status_text.as_deref().and_then(egp_status)
    }

    /// The contract as a value of `field`, for filling a record and comparing with it.
    pub fn value(&self, field: Field) -> Option<EgpValue> {
        match field {
            Field::EgpProjectNo => Some(EgpValue::Text(self.project_no.as_str().to_owned())),
            Field::Budget => self.budget.map(EgpValue::Money),
            Field::ReferencePrice => self.reference_price.map(EgpValue::Money),
            Field::AgreedPrice => self.agreed_price.map(EgpValue::Money),
            Field::Winner => self.winner.clone().map(EgpValue::Text),
            Field::WinnerTin => self.winner_tin.clone().map(EgpValue::Tin),
            Field::ContractNo => self.contract_no.clone().map(EgpValue::Text),
            Field::ContractDate => self.contract_date.map(EgpValue::Date),
            Field::ContractEnd => self.contract_end.map(EgpValue::Date),
            Field::Status => self.status().map(EgpValue::Status),
            _ => None,
        }
    }
}

/// The fields e-GP can give a record: filled where no month file gives them, compared where one
/// does (not the contract number, which forms write in too many ways to compare).
pub const EGP_FIELDS: [Field; 10] = [
    Field::EgpProjectNo,
    Field::Budget,
    Field::ReferencePrice,
    Field::Winner,
    Field::WinnerTin,
    Field::AgreedPrice,
    Field::ContractNo,
    Field::ContractDate,
    Field::ContractEnd,
    Field::Status,
];

/// e-GP's words for a contract's state, in the data contract's: the CGD data says ส่งงานครบถ้วน or
/// ส่งงานล่าช้า once the work is delivered.
pub fn egp_status(text: &str) -> Option<Status> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    if t.starts_with("ส่งงาน") || t.contains("ครบถ้วน") || t.contains("เสร็จ")
    {
        return Some(Status::Completed);
    }
    if t.contains("ยกเลิก") {
        return Some(Status::Cancelled);
    }
    if t.contains("ระหว่าง") {
        return Some(Status::UnderContract);
    }
    Status::parse(text)
}

/// A value as e-GP gives it, typed so pages format it as they format the record's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EgpValue {
    Money(Money),
    Date(Date),
    Tin(Tin),
    Status(Status),
    Text(String),
}

impl std::fmt::Display for EgpValue {
    /// As diagnostics quote it: `12,000.00`, `15 ต.ค. 2567`, the TIN's digits.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EgpValue::Money(m) => write!(f, "{m}"),
            EgpValue::Date(d) => f.write_str(&d.thai_short()),
            EgpValue::Tin(t) => write!(f, "{t}"),
            EgpValue::Status(s) => f.write_str(s.canonical()),
            EgpValue::Text(t) => f.write_str(t),
        }
    }
}

/// A field of a record whose value differs from e-GP's: the record keeps the agency's value
/// (what the agency published), and pages and downloads show e-GP's beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgpDiff {
    pub field: Field,
    /// The agency's value, as the diagnostic quotes it.
    pub ours: String,
    pub egp: EgpValue,
}

/// A record's link to the e-GP contract it was joined with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgpLink {
    /// The e-GP file and its line.
    pub file: Arc<SourceFile>,
    pub line: u32,
    pub project_no: EgpNo,
    /// The fields no month file of the record gives, whose values came from e-GP.
    pub filled: Vec<Field>,
    /// The fields both give, where they differ.
    pub differs: Vec<EgpDiff>,
}

impl EgpLink {
    pub fn filled(&self, field: Field) -> bool {
        self.filled.contains(&field)
    }

    pub fn differs(&self, field: Field) -> Option<&EgpDiff> {
        self.differs.iter().find(|d| d.field == field)
    }

    pub fn loc(&self, field: Field) -> Location {
        self.file.loc(self.line, field)
    }
}

/// A fiscal year's `egp/` folder, read: the agency's contracts in it (other agencies' rows of a
/// provincial or national file are skipped as they are read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Egp {
    pub files: Vec<Arc<SourceFile>>,
    pub contracts: Vec<EgpContract>,
}

impl Egp {
    /// The contracts whose month has ended by `as_of`: the ones a month file should hold by now.
    pub fn due(&self, as_of: Date) -> impl Iterator<Item = &EgpContract> {
        self.contracts.iter().filter(move |c| {
            c.month()
                .and_then(YearMonth::last_day)
                .is_some_and(|d| d < as_of)
        })
    }

    /// `(agreeing, due)`: how many contracts of ended months a month file discloses with every
    /// value e-GP also gives the same, of how many there are. `records` finds a record by id.
    pub fn agreement<'a>(
        &self,
        as_of: Date,
        record: impl Fn(&str) -> Option<&'a crate::Procurement>,
    ) -> (usize, usize) {
        let mut agree = 0;
        let mut due = 0;
        for c in self.due(as_of) {
            due += 1;
            let same = c
                .disclosed_by
                .as_deref()
                .and_then(&record)
                .is_some_and(|r| r.egp.as_ref().is_some_and(|l| l.differs.is_empty()));
            if same {
                agree += 1;
            }
        }
        (agree, due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn egp_status_words() {
        assert_eq!(egp_status("ส่งงานครบถ้วน"), Some(Status::Completed));
        assert_eq!(egp_status("ส่งงานล่าช้า"), Some(Status::Completed));
        assert_eq!(egp_status("ยกเลิกสัญญา"), Some(Status::Cancelled));
        assert_eq!(egp_status("อยู่ระหว่างดำเนินการ"), Some(Status::UnderContract));
        assert_eq!(egp_status("สิ้นสุดสัญญา"), Some(Status::Completed));
        assert_eq!(egp_status(""), None);
        assert_eq!(egp_status("อื่น ๆ"), None);
    }
}
