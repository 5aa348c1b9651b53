//! Times `check` over synthetic data: `cargo run --release -p prongsai_check --example bench_check -- [records]`
//! (default 100,000). Data is generated deterministically (a fixed LCG), spread over five fiscal years,
//! 300 suppliers and 20 realistic titles with village numbers, so every supplier has many similar
//! titles inside each 30-day window and the splitting and concentration rules have real work.

use prongsai_check::{CheckOptions, check};
use prongsai_model::*;
use std::sync::Arc;
use std::time::Instant;

const TITLES: [&str; 20] = [
    "จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น",
    "จัดซื้ออาหารเสริม (นม) โรงเรียน",
    "จ้างเหมาประกอบอาหารกลางวัน ศูนย์พัฒนาเด็กเล็ก",
    "จัดซื้อวัสดุสำนักงาน",
    "จัดซื้อวัสดุก่อสร้าง สำหรับซ่อมแซมถนน",
    "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก",
    "จ้างซ่อมแซมถนนลูกรัง",
    "จ้างเหมาบริการเก็บขยะมูลฝอย",
    "จัดซื้อวัสดุคอมพิวเตอร์",
    "จ้างซ่อมแซมรถบรรทุกน้ำอเนกประสงค์",
    "จัดซื้อครุภัณฑ์คอมพิวเตอร์",
    "จ้างเหมารถโดยสารไม่ประจำทาง",
    "จัดซื้อวัสดุไฟฟ้าและวิทยุ",
    "จ้างขุดลอกคลองส่งน้ำ",
    "จัดซื้อหินคลุก",
    "จ้างเหมาจัดทำป้ายประชาสัมพันธ์",
    "จัดซื้อวัสดุการเกษตร",
    "จ้างวางท่อระบายน้ำคอนกรีต",
    "จัดซื้อเวชภัณฑ์ที่ไม่ใช่ยา",
    "จ้างเหมาทำความสะอาดอาคารสำนักงาน",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Lcg(42);
    let first_fy = 2566;
    let years = 5;
    let months: Vec<YearMonth> = (first_fy..first_fy + years)
        .flat_map(fiscal_year_months)
        .collect();
    let per_month = n.div_ceil(months.len());
    let mut data = Data::default();
    let mut made = 0;
    for &m in &months {
        let file = Arc::new(SourceFile {
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
        });
        let mut records = Vec::with_capacity(per_month);
        for seq in 1..=per_month.min(n - made) as u32 {
            let budget = Money::from_baht(1_000 + rng.next(600_000) as i64);
            let agreed = Money::from_satang(
                budget.satang() - rng.next(budget.satang() as u64 / 10 + 1) as i64,
            );
            let winner = format!("ร้านผู้ประกอบการ {}", rng.next(300));
            let day = 1 + rng.next(28) as i64;
            records.push(Procurement {
                joined: None,
                file: file.clone(),
                line: seq + 1,
                month: m,
                seq,
                egp_project_no: EgpNo::new(&format!(
                    "{:02}{:02}{:07}",
                    m.year_be % 100,
                    m.month,
                    seq
                )),
                plan_id: None,
                title: format!("{} หมู่ที่ {}", TITLES[rng.next(20) as usize], 1 + rng.next(15)),
                budget,
                budget_source: Some("งบประมาณรายจ่ายประจำปี".into()),
                reference_price: Some(Money::from_satang(budget.satang() - rng.next(1_000) as i64)),
                method: if budget > Money::from_baht(500_000) {
                    Method::EBidding
                } else {
                    Method::Specific
                },
                bids: vec![Bid {
                    name: winner.clone(),
                    price: Some(agreed),
                    status: None,
                    date: None,
                }],
                winner: Some(winner),
                winner_tin: None,
                agreed_price: Some(agreed),
                reason: Some("ราคาต่ำสุด".into()),
                contract_no: Some(format!("{seq}/{}", m.year_be)),
                contract_date: m.first_day().map(|d| d.add_days(day - 1)),
                contract_end: m.first_day().map(|d| d.add_days(day + 30)),
                status: Some(Status::Completed),
                legal_ground: None,
                explanation: None,
                tender_start: None,
                tender_end: None,
                unspsc: None,
                egp: None,
            });
        }
        made += records.len();
        let fy = data
            .years
            .entry(m.fiscal_year())
            .or_insert_with(|| FiscalYear {
                year: m.fiscal_year(),
                ..FiscalYear::default()
            });
        fy.months.insert(
            m,
            MonthFile {
                joined: Vec::new(),
                month: m,
                file,
                records,
            },
        );
    }
    let opts = CheckOptions::new(
        Date::from_be(first_fy + years - 1, 10, 15).unwrap_or_else(|| Date::from_days(0)),
    );
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let report = check(&data, &[], &opts);
        best = best.min(t.elapsed().as_secs_f64());
        found = report.diagnostics.len();
    }
    println!(
        "{made} records: check best of 5 = {:.1} ms ({found} diagnostics)",
        best * 1000.0
    );
}
