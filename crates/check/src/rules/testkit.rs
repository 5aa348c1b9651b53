//! A tiny fixture language for rule tests: build `Data` by hand, clean by default, then break
//! one thing. Uses only `prongsai_model`, so integration tests include it by path too.

#![allow(dead_code)] // each test binary uses a different part

use prongsai_model::*;
use std::sync::Arc;

pub fn date(be_year: i32, month: u8, day: u8) -> Date {
    Date::from_be(be_year, month, day).expect("test dates are valid")
}

pub fn ym(key: &str) -> YearMonth {
    let (y, m) = key.split_once('-').expect("YYYY-MM");
    YearMonth::new(y.parse().expect("year"), m.parse().expect("month"))
}

fn month_source(m: YearMonth) -> Arc<SourceFile> {
    Arc::new(SourceFile {
        layout: prongsai_model::Layout::Template,
        sheet: None,
        path: format!(
            "procurement-data/{}/months/{}.csv",
            m.fiscal_year(),
            m.key()
        ),
        encoding: "UTF-8",
        columns: Field::MONTH
            .iter()
            .enumerate()
            .map(|(i, f)| (*f, i as u32 + 1, f.thai().to_owned()))
            .collect(),
    })
}

/// A clean record on the 15th of `month` ("2567-10"): small specific purchase, all fields filled.
pub fn record(month: &str, seq: u32) -> Procurement {
    let m = ym(month);
    Procurement {
        joined: None,
        file: month_source(m),
        line: seq + 1,
        month: m,
        seq,
        egp_project_no: EgpNo::new(&format!("{:02}{:02}{:07}", m.year_be % 100, m.month, seq)),
        plan_id: None,
        title: format!("ซื้อวัสดุสำนักงาน รายการที่ {seq}"),
        budget: Money::from_baht(10_000),
        budget_source: Some("งบประมาณรายจ่ายประจำปี".into()),
        reference_price: Some(Money::from_baht(10_000)),
        method: Method::Specific,
        bids: vec![Bid {
            name: "ร้านทดสอบพาณิชย์".into(),
            price: Some(Money::from_baht(9_500)),
            status: None,
            date: None,
        }],
        winner: Some("ร้านทดสอบพาณิชย์".into()),
        winner_tin: None,
        agreed_price: Some(Money::from_baht(9_500)),
        reason: Some("ราคาต่ำสุดและคุณสมบัติครบ".into()),
        contract_no: Some(format!("{seq}/{}", m.year_be)),
        contract_date: m.first_day().map(|d| d.add_days(14)),
        contract_end: m.first_day().map(|d| d.add_days(44)),
        status: Some(Status::Completed),
        legal_ground: None,
        explanation: None,
        tender_start: None,
        tender_end: None,
        unspsc: None,
        egp: None,
    }
}

pub fn agency() -> Agency {
    Agency {
        name: "องค์การบริหารส่วนตำบลทดสอบ".into(),
        short_name: "อบต.ทดสอบ".into(),
        agency_type: "องค์กรปกครองส่วนท้องถิ่น".into(),
        district: "ห้วยทับทัน".into(),
        province: "ศรีสะเกษ".into(),
        ministry: "กระทรวงมหาดไทย".into(),
        website: "https://example.go.th".into(),
        ..Agency::default()
    }
}

pub const COMPLETE_ANNUAL_BODY: &str =
    "## ผลการวิเคราะห์\n\nข้อความ\n\n## ปัญหาและอุปสรรค\n\nข้อความ\n\n## แนวทางการปรับปรุง\n\nข้อความ\n";

pub fn annual(fy: i32) -> AnnualReport {
    AnnualReport {
        path: format!("procurement-data/{fy}/annual.md"),
        approved_by: Some("นายก อบต.ทดสอบ".into()),
        approved_on: Some(date(fy, 10, 20)),
        body: COMPLETE_ANNUAL_BODY.into(),
        body_line: 5,
        headings: vec![
            (5, "ผลการวิเคราะห์".into()),
            (9, "ปัญหาและอุปสรรค".into()),
            (13, "แนวทางการปรับปรุง".into()),
        ],
    }
}

pub fn plan_line(fy: i32, seq: u32, id: &str, budget_baht: i64) -> PlanLine {
    PlanLine {
        file: Arc::new(SourceFile {
            layout: prongsai_model::Layout::Template,
            sheet: None,
            path: format!("procurement-data/{fy}/plan.csv"),
            encoding: "UTF-8",
            columns: Field::PLAN
                .iter()
                .enumerate()
                .map(|(i, f)| (*f, i as u32 + 1, f.thai_in_plan().to_owned()))
                .collect(),
        }),
        line: seq + 1,
        seq,
        plan_id: id.into(),
        title: format!("โครงการ {id}"),
        division: "กองช่าง".into(),
        budget: Money::from_baht(budget_baht),
        budget_source: "งบประมาณรายจ่ายประจำปี".into(),
        method: Method::EBidding,
        expected_month: YearMonth::new(fy - 1, 12),
    }
}

/// Data under construction.
pub struct Fixture {
    pub data: Data,
}

impl Fixture {
    /// Only the agency.
    pub fn new() -> Fixture {
        Fixture {
            data: Data {
                agency: Some(agency()),
                years: Default::default(),
            },
        }
    }

    /// A complete, clean fiscal year: 12 empty month files, a published plan, an approved annual report.
    pub fn full_year(mut self, fy: i32) -> Fixture {
        for m in fiscal_year_months(fy) {
            self.month(m);
        }
        let y = self.year(fy);
        y.plan = Some(Plan {
            path: format!("procurement-data/{fy}/plan.csv"),
            lines: Vec::new(),
        });
        y.plan_meta = Some(PlanMeta {
            path: format!("procurement-data/{fy}/plan.yaml"),
            approved_on: Some(date(fy - 1, 10, 5)),
            published_on: Some(date(fy - 1, 10, 10)),
            egp_plan_no: None,
            note: None,
        });
        y.annual = Some(annual(fy));
        self
    }

    pub fn year(&mut self, fy: i32) -> &mut FiscalYear {
        self.data.years.entry(fy).or_insert_with(|| FiscalYear {
            year: fy,
            ..FiscalYear::default()
        })
    }

    /// The month file, created empty (ไม่มีการจัดซื้อจัดจ้าง) if absent.
    pub fn month(&mut self, m: YearMonth) -> &mut MonthFile {
        self.year(m.fiscal_year())
            .months
            .entry(m)
            .or_insert_with(|| MonthFile {
                joined: Vec::new(),
                month: m,
                file: month_source(m),
                records: Vec::new(),
            })
    }

    pub fn without_month(mut self, key: &str) -> Fixture {
        let m = ym(key);
        self.year(m.fiscal_year()).months.remove(&m);
        self
    }

    pub fn with(mut self, p: Procurement) -> Fixture {
        let m = p.month;
        self.month(m).records.push(p);
        self
    }

    pub fn with_plan_line(mut self, fy: i32, l: PlanLine) -> Fixture {
        let y = self.year(fy);
        y.plan
            .get_or_insert_with(|| Plan {
                path: format!("procurement-data/{fy}/plan.csv"),
                lines: Vec::new(),
            })
            .lines
            .push(l);
        self
    }

    pub fn edit(mut self, f: impl FnOnce(&mut Data)) -> Fixture {
        f(&mut self.data);
        self
    }
}

impl Default for Fixture {
    fn default() -> Fixture {
        Fixture::new()
    }
}
