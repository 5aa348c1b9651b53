//! A hand-built fiscal year: the loader is another stage, and these tests pin the exports alone.
#![allow(dead_code)] // each test binary uses a different part of the fixture

use prongsai_model::*;
use std::collections::BTreeMap;
use std::sync::Arc;

pub fn agency(sample: bool) -> Agency {
    Agency {
        name: "องค์การบริหารส่วนตำบลเมืองหลวง".into(),
        short_name: "อบต.เมืองหลวง".into(),
        agency_type: "องค์กรปกครองส่วนท้องถิ่น".into(),
        district: "ห้วยทับทัน".into(),
        province: "ศรีสะเกษ".into(),
        ministry: "กระทรวงมหาดไทย".into(),
        website: "https://www.muangluang.go.th".into(),
        sample,
        ..Agency::default()
    }
}

pub fn source(path: &str) -> Arc<SourceFile> {
    Arc::new(SourceFile {
        layout: prongsai_model::Layout::Template,
        sheet: None,
        path: path.into(),
        encoding: "UTF-8",
        columns: Vec::new(),
    })
}

pub fn record(month: YearMonth, seq: u32, title: &str) -> Procurement {
    let file = source(&format!("procurement-data/2568/months/{}.csv", month.key()));
    Procurement {
        joined: None,
        file,
        line: seq + 1,
        month,
        seq,
        egp_project_no: EgpNo::new("67109123456"),
        plan_id: Some("P68-001".into()),
        title: title.into(),
        budget: Money::from_baht(500_000),
        budget_source: Some("งบประมาณรายจ่ายประจำปี".into()),
        reference_price: Some(Money::from_satang(49_850_050)),
        method: Method::Specific,
        bids: vec![
            Bid {
                name: "ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง".into(),
                price: Some(Money::from_baht(498_000)),
                status: None,
                date: None,
            },
            Bid {
                name: "ร้านรุ่งเรืองวัสดุ".into(),
                price: Some(Money::from_baht(499_500)),
                status: None,
                date: None,
            },
        ],
        winner: Some("ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง".into()),
        winner_tin: Tin::new("0994000165510"),
        agreed_price: Some(Money::from_satang(49_800_025)),
        reason: Some("ราคาต่ำสุดและคุณสมบัติครบถ้วน".into()),
        contract_no: Some("12/2568".into()),
        contract_date: Date::from_be(2567, 10, 15),
        contract_end: Date::from_be(2568, 1, 15),
        status: Some(Status::UnderContract),
        legal_ground: None,
        explanation: None,
        tender_start: None,
        tender_end: None,
        unspsc: None,
        egp: None,
    }
}

pub const OCT: YearMonth = YearMonth::new(2567, 10);
pub const NOV: YearMonth = YearMonth::new(2567, 11);
pub const DEC: YearMonth = YearMonth::new(2567, 12);

/// October: three records (one with formula-like text, one cancelled); November: none.
pub fn fiscal_year() -> FiscalYear {
    let mut oct = vec![
        record(
            OCT,
            1,
            "จ้างเหมาซ่อมแซมถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่ หมู่ที่ 3 ตำบลเมืองหลวง",
        ),
        record(OCT, 2, "=HYPERLINK(\"http://evil.example\",\"คลิก\")"),
        record(
            OCT,
            3,
            "ซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์) สำหรับงานบริหารทั่วไปประจำปี",
        ),
    ];
    oct[1].winner = Some("+ร้านทดสอบ".into());
    oct[1].reason = Some("@SUM(1+1)".into());
    oct[1].budget_source = Some("-2+3".into());
    oct[1].bids[1].name = "=1+2".into();
    oct[1].method = Method::EMarket;
    oct[2].status = Some(Status::Cancelled);
    oct[2].winner = None;
    oct[2].winner_tin = None;
    oct[2].agreed_price = None;
    oct[2].bids = Vec::new();
    oct[2].contract_no = None;
    oct[2].contract_date = None;
    oct[2].contract_end = None;
    oct[2].reason = None;
    oct[2].egp_project_no = None;
    oct[2].reference_price = None;
    let mut months = BTreeMap::new();
    months.insert(
        OCT,
        MonthFile {
            joined: Vec::new(),
            month: OCT,
            file: oct[0].file.clone(),
            records: oct,
        },
    );
    months.insert(
        NOV,
        MonthFile {
            joined: Vec::new(),
            month: NOV,
            file: source("procurement-data/2568/months/2567-11.csv"),
            records: Vec::new(),
        },
    );
    let plan_file = source("procurement-data/2568/plan.csv");
    let plan = Plan {
        path: plan_file.path.clone(),
        lines: vec![
            PlanLine {
                file: plan_file.clone(),
                line: 2,
                seq: 1,
                plan_id: "P68-001".into(),
                title: "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3".into(),
                division: "กองช่าง".into(),
                budget: Money::from_baht(500_000),
                budget_source: "งบประมาณรายจ่ายประจำปี".into(),
                method: Method::Specific,
                expected_month: OCT,
            },
            PlanLine {
                file: plan_file,
                line: 3,
                seq: 2,
                plan_id: "P68-002".into(),
                title: "@evil".into(),
                division: "กองคลัง".into(),
                budget: Money::from_satang(1_234_550),
                budget_source: "เงินสะสม".into(),
                method: Method::EMarket,
                expected_month: YearMonth::new(2568, 1),
            },
        ],
    };
    FiscalYear {
        year: 2568,
        plan: Some(plan),
        plan_meta: Some(PlanMeta {
            path: "procurement-data/2568/plan.yaml".into(),
            approved_on: Date::from_be(2567, 10, 1),
            ..PlanMeta::default()
        }),
        months,
        annual: None,
        unreadable: Default::default(),
        egp: None,
    }
}

/// A fiscal year of `n` records spread over the twelve months, for the size and speed tests.
pub fn big_year(n: usize) -> FiscalYear {
    let months = fiscal_year_months(2568);
    let mut out = FiscalYear {
        year: 2568,
        ..FiscalYear::default()
    };
    for (i, ym) in months.iter().enumerate() {
        let per = n / 12 + usize::from(i < n % 12);
        let file = source(&format!("procurement-data/2568/months/{}.csv", ym.key()));
        let records = (0..per)
            .map(|k| {
                let mut r = record(
                    *ym,
                    k as u32 + 1,
                    &format!("จ้างเหมาซ่อมแซมถนนสายที่ {k} บ้านโนนสำราญ หมู่ที่ {}", k % 20),
                );
                r.file = file.clone();
                r.budget = Money::from_satang(1_000_000 + k as i64 * 137);
                r
            })
            .collect();
        out.months.insert(
            *ym,
            MonthFile {
                joined: Vec::new(),
                month: *ym,
                file,
                records,
            },
        );
    }
    out
}
