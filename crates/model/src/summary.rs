//! Figures computed from the month files: the annual report's tables, the year overview and the
//! home page all read these, so a figure is never typed by hand and never computed twice differently.

use crate::{FiscalYear, Method, Money, Procurement, Tin, YearMonth};
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts and sums of a group of records (by method, by budget source, by month…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Records that were not cancelled.
    pub count: u32,
    pub cancelled: u32,
    /// Σ budget of the records that were not cancelled.
    pub budget: Money,
    /// Σ agreed price of the records with one.
    pub agreed: Money,
    /// Σ (budget − agreed price) over the records with an agreed price.
    pub savings: Money,
}

impl Tally {
    pub fn add(&mut self, r: &Procurement) {
        if r.is_cancelled() {
            self.cancelled += 1;
            return;
        }
        self.count += 1;
        self.budget = self.budget.saturating_add(r.budget);
        if let Some(p) = r.agreed_price {
            self.agreed = self.agreed.saturating_add(p);
            self.savings = self.savings.saturating_add(r.budget.saturating_sub(p));
        }
    }

    /// Savings as a share of the budget of the records with an agreed price, in percent.
    pub fn savings_percent(&self) -> f64 {
        let base = self.agreed.saturating_add(self.savings);
        if base.satang() == 0 {
            0.0
        } else {
            self.savings.as_f64() / base.as_f64() * 100.0
        }
    }
}

/// Where a plan line stands, judged from the records that reference it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanProgress {
    NotStarted,
    InProgress,
    Contracted,
}

impl PlanProgress {
    pub fn thai(self) -> &'static str {
        match self {
            PlanProgress::NotStarted => "ยังไม่ดำเนินการ",
            PlanProgress::InProgress => "อยู่ระหว่างดำเนินการ",
            PlanProgress::Contracted => "ลงนามในสัญญาแล้ว",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct YearSummary {
    pub year: i32,
    pub all: Tally,
    pub by_method: BTreeMap<Method, Tally>,
    pub by_budget_source: BTreeMap<String, Tally>,
    pub by_month: BTreeMap<YearMonth, Tally>,
    /// Σ budget of the plan's lines.
    pub planned_budget: Money,
    pub plan_lines: u32,
}

impl YearSummary {
    pub fn of(fy: &FiscalYear) -> YearSummary {
        let mut s = YearSummary {
            year: fy.year,
            ..YearSummary::default()
        };
        for (ym, month) in &fy.months {
            let t = s.by_month.entry(*ym).or_default();
            for r in &month.records {
                t.add(r);
            }
        }
        for r in fy.records() {
            s.all.add(r);
            s.by_method.entry(r.method).or_default().add(r);
            s.by_budget_source
                .entry(
                    r.budget_source
                        .as_deref()
                        .map_or(crate::NOT_GIVEN_TH, str::trim)
                        .to_owned(),
                )
                .or_default()
                .add(r);
        }
        if let Some(plan) = &fy.plan {
            s.plan_lines = plan.lines.len() as u32;
            s.planned_budget = plan.lines.iter().map(|l| l.budget).sum();
        }
        s
    }

    /// The progress of each plan line, in plan order, with the records that reference it.
    pub fn plan_progress(fy: &FiscalYear) -> Vec<(PlanProgress, Vec<&Procurement>)> {
        let Some(plan) = &fy.plan else {
            return Vec::new();
        };
        let mut by_plan: BTreeMap<&str, Vec<&Procurement>> = BTreeMap::new();
        for r in fy.records() {
            if let Some(id) = r.plan_id.as_deref() {
                by_plan.entry(id.trim()).or_default().push(r);
            }
        }
        plan.lines
            .iter()
            .map(|line| {
                let recs = by_plan
                    .get(line.plan_id.trim())
                    .cloned()
                    .unwrap_or_default();
                let live: Vec<&&Procurement> = recs.iter().filter(|r| !r.is_cancelled()).collect();
                let progress = if live.is_empty() {
                    PlanProgress::NotStarted
                } else if live.iter().any(|r| r.contract_date.is_some()) {
                    PlanProgress::Contracted
                } else {
                    PlanProgress::InProgress
                };
                (progress, recs)
            })
            .collect()
    }
}

/// A supplier, identified by TIN when known and otherwise by its normalised name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SupplierKey(pub String);

impl SupplierKey {
    pub fn of(name: &str, tin: Option<&Tin>) -> SupplierKey {
        match tin {
            Some(t) => SupplierKey(t.as_str().to_owned()),
            None => SupplierKey(format!(
                "n-{:08x}",
                prongsai_text::fnv1a32(normalise_name(name).as_bytes())
            )),
        }
    }

    /// The winner of a record, or `None` when the record names none. The one grouping of firms:
    /// the `/suppliers/` pages and the red-flag checks (C406 supplier share, splitting) use it
    /// alike, so a check never counts a firm the pages show as two, or the other way round.
    pub fn winner(r: &Procurement) -> Option<SupplierKey> {
        Some(SupplierKey::of(winner_name(r)?, r.winner_tin.as_ref()))
    }
}

/// The one comparison key of a firm's name, for the `/suppliers/` pages, the OCDS parties and the
/// red-flag checks alike: Thai digits as ASCII, without spaces, dots, commas, brackets or quotes,
/// case folded, and without the legal-form words (บริษัท … จำกัด, บจก., หจก., ห้างหุ้นส่วนจำกัด,
/// ร้าน …), so `บริษัท ศรีสะเกษวัสดุ จำกัด`, `บจก.ศรีสะเกษวัสดุ` and `ศรีสะเกษวัสดุ` are one firm.
/// Thai company law does not register two juristic persons under one name, so dropping the legal
/// form joins spellings, not firms.
pub fn normalise_name(name: &str) -> String {
    let mut compact = String::with_capacity(name.len());
    for c in crate::thai_to_arabic_digits(name).chars() {
        if c.is_whitespace() || matches!(c, '.' | ',' | '(' | ')' | '"' | '\'') {
            continue;
        }
        // Thai has no case: Unicode's lower-case table search for every Thai letter was 1 % of
        // a 10,000-record build (every supplier of every row goes through here).
        match c {
            _ if prongsai_text::is_thai(c) => compact.push(c),
            _ if c.is_ascii() => compact.push(c.to_ascii_lowercase()),
            _ => compact.extend(c.to_lowercase()),
        }
    }
    let mut s = compact.as_str();
    for prefix in [
        "บริษัท",
        "บจก",
        "ห้างหุ้นส่วนจำกัด",
        "หจก",
        "ห้างหุ้นส่วนสามัญ",
        "หสม",
        "ร้าน",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
            break;
        }
    }
    for suffix in ["จำกัดมหาชน", "จำกัด"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            break;
        }
    }
    if s.is_empty() { compact } else { s.to_owned() }
}

/// Everything one supplier won, across years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Supplier<'a> {
    pub key: SupplierKey,
    /// The name as most often written.
    pub name: String,
    pub tin: Option<Tin>,
    pub records: Vec<&'a Procurement>,
    pub by_year: BTreeMap<i32, Tally>,
}

/// The supplier a record chose, as written; `None` when it names none (cancelled, or left
/// blank): such a record has no supplier page.
pub fn winner_name(r: &Procurement) -> Option<&str> {
    r.winner.as_deref().map(str::trim).filter(|n| !n.is_empty())
}

/// Groups the winners of all records by supplier, sorted by key for stable output.
pub fn suppliers<'a>(records: impl Iterator<Item = &'a Procurement>) -> Vec<Supplier<'a>> {
    // Per supplier: how often each spelling of the name occurs, the TIN, and the records.
    type Acc<'a> = (BTreeMap<&'a str, u32>, Option<Tin>, Vec<&'a Procurement>);
    let mut map: BTreeMap<SupplierKey, Acc<'a>> = BTreeMap::new();
    for r in records {
        let (Some(key), Some(name)) = (SupplierKey::winner(r), winner_name(r)) else {
            continue;
        };
        let entry = map.entry(key).or_default();
        *entry.0.entry(name).or_default() += 1;
        if entry.1.is_none() {
            entry.1 = r.winner_tin.clone();
        }
        entry.2.push(r);
    }
    map.into_iter()
        .map(|(key, (names, tin, records))| {
            // Most frequent spelling wins; ties go to the alphabetically first for determinism.
            let name = names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(n, _)| (*n).to_owned())
                .unwrap_or_default();
            let mut by_year: BTreeMap<i32, Tally> = BTreeMap::new();
            for r in &records {
                by_year.entry(r.fiscal_year()).or_default().add(r);
            }
            Supplier {
                key,
                name,
                tin,
                records,
                by_year,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, MonthFile, SourceFile, Status};
    use std::sync::Arc;

    fn rec(
        month: YearMonth,
        seq: u32,
        winner: &str,
        budget: i64,
        agreed: Option<i64>,
        status: Status,
    ) -> Procurement {
        Procurement {
            joined: None,
            file: Arc::new(SourceFile::default()),
            line: seq + 1,
            month,
            seq,
            egp_project_no: None,
            plan_id: Some("P1".into()),
            title: "t".into(),
            budget: Money::from_baht(budget),
            budget_source: Some("งบประมาณรายจ่ายประจำปี".into()),
            reference_price: None,
            method: Method::Specific,
            bids: vec![],
            winner: Some(winner.into()),
            winner_tin: None,
            agreed_price: agreed.map(Money::from_baht),
            reason: None,
            contract_no: None,
            contract_date: Date::from_be(month.year_be, month.month, 5),
            contract_end: None,
            status: Some(status),
            legal_ground: None,
            explanation: None,
            tender_start: None,
            tender_end: None,
            unspsc: None,
            egp: None,
        }
    }

    #[test]
    fn tallies_skip_cancelled_and_sum_savings() {
        let ym = YearMonth::new(2567, 10);
        let records = vec![
            rec(ym, 1, "ร้าน ก", 1000, Some(900), Status::Completed),
            rec(ym, 2, "ร้าน ก", 500, None, Status::Cancelled),
            rec(ym, 3, "ร้านก", 2000, Some(2000), Status::UnderContract),
        ];
        let file = Arc::new(SourceFile::default());
        let mut fy = FiscalYear {
            year: 2568,
            ..FiscalYear::default()
        };
        fy.months.insert(
            ym,
            MonthFile {
                joined: Vec::new(),
                month: ym,
                file,
                records,
            },
        );
        let s = YearSummary::of(&fy);
        assert_eq!(s.all.count, 2);
        assert_eq!(s.all.cancelled, 1);
        assert_eq!(s.all.budget, Money::from_baht(3000));
        assert_eq!(s.all.agreed, Money::from_baht(2900));
        assert_eq!(s.all.savings, Money::from_baht(100));
        assert_eq!(s.by_month[&ym].count, 2);
        // "ร้าน ก" and "ร้านก" are one supplier.
        let sup = suppliers(fy.records());
        assert_eq!(sup.len(), 1);
        assert_eq!(sup[0].records.len(), 3);
        assert_eq!(sup[0].by_year[&2568].agreed, Money::from_baht(2900));
    }

    #[test]
    fn names_normalise_spacing_digits_and_legal_form() {
        assert_eq!(normalise_name("ร้าน ๑๒๓ วัสดุ"), normalise_name("ร้าน123วัสดุ"));
        assert_eq!(
            normalise_name("ห้างหุ้นส่วนจำกัด ก.การค้า"),
            normalise_name("หจก. ก.การค้า")
        );
        assert_ne!(normalise_name("ร้าน ก"), normalise_name("ร้าน ข"));
    }

    #[test]
    fn the_winner_key_prefers_the_tin_and_skips_unnamed_winners() {
        let ym = YearMonth::new(2567, 10);
        let tin = Tin::new("0994000165510");
        let mut a = rec(ym, 1, "บริษัท ก จำกัด", 1, None, Status::Completed);
        let b = rec(ym, 2, " บจก.ก ", 1, None, Status::Completed);
        assert_eq!(SupplierKey::winner(&a), SupplierKey::winner(&b));
        a.winner_tin = tin.clone();
        assert_eq!(
            SupplierKey::winner(&a),
            tin.map(|t| SupplierKey(t.as_str().to_owned()))
        );
        // The key the supplier pages group by; a record without a winner is on no page.
        a.winner = Some("  ".into());
        assert_eq!(SupplierKey::winner(&a), None);
        assert_eq!(
            SupplierKey::winner(&b).map(|k| k.0),
            Some(format!("n-{:08x}", prongsai_text::fnv1a32("ก".as_bytes())))
        );
    }
}
