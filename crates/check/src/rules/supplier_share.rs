//! C406: one supplier won a large share of a fiscal year's total.

use super::{Ctx, RED_FLAG_GUIDE, RuleClass, RuleInfo, amount, baht};
use prongsai_model::codes;
use prongsai_model::{Diagnostic, Field, Money, Procurement, SupplierKey};
use std::collections::BTreeMap;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C406,
    class: RuleClass::RedFlag,
    doc: "For each fiscal year whose total agreed amount reaches checks.supplier_share_min_total (1,000,000 บาท), a \
supplier whose contracts add up to more than checks.supplier_share (30%) of the total is reported once, at its \
first record of the year. Suppliers are grouped by TIN, else by name without บริษัท/หจก./จำกัด and spaces. A small \
market (one hardware shop in the district) explains many cases.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let cfg = &ctx.opts.config;
    for (&fy, y) in &ctx.data.years {
        let mut by: BTreeMap<SupplierKey, (Money, usize, &Procurement)> = BTreeMap::new();
        let mut total = Money::ZERO;
        for p in y.records().filter(|p| !p.is_cancelled()) {
            let a = amount(p);
            total = total.saturating_add(a);
            if let Some(k) = SupplierKey::winner(p) {
                let e = by.entry(k).or_insert((Money::ZERO, 0, p));
                e.0 = e.0.saturating_add(a);
                e.1 += 1;
            }
        }
        if total < cfg.supplier_share_min_total || total == Money::ZERO {
            continue;
        }
        for (sum, count, first) in by.values() {
            let share = sum.satang() as f64 / total.satang() as f64;
            if share > cfg.supplier_share {
                let winner = first.winner.as_deref().unwrap_or_default();
                let pct = (share * 100.0).round();
                out.push(
                    INFO.diag(
                        format!(
                            "ควรตรวจสอบ: {winner} ได้งาน {count} รายการ รวม {} คิดเป็น {pct}% ของยอดรวมปีงบประมาณ {fy} ({}) เกินเกณฑ์ {}%",
                            baht(*sum),
                            baht(total),
                            (cfg.supplier_share * 100.0).round()
                        ),
                        format!(
                            "Worth a look: {winner} won {count} contracts worth {sum}, {pct}% of FY {fy}'s total ({total}), above {}% ({RED_FLAG_GUIDE})",
                            (cfg.supplier_share * 100.0).round()
                        ),
                    )
                    .at(first.loc(Field::Winner)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    fn won(seq: u32, who: &str, baht_: i64) -> Procurement {
        let mut p = record("2567-10", seq);
        p.winner = Some(who.into());
        p.budget = Money::from_baht(baht_);
        p.agreed_price = Some(Money::from_baht(baht_));
        p
    }

    /// ก under two spellings (800,000 in all), then ข, ค and ง at 600,000 each.
    fn five_firms() -> Fixture {
        Fixture::new()
            .with(won(1, "บริษัท ก จำกัด", 400_000))
            .with(won(2, "บจก.ก", 400_000))
            .with(won(3, "ร้าน ข", 600_000))
            .with(won(4, "ร้าน ค", 600_000))
            .with(won(5, "ร้าน ง", 600_000))
    }

    #[test]
    fn dominant_supplier_reported_once() {
        let data = five_firms().data;
        // ก: 800,000 of 2,600,000 = 31%; ข, ค, ง: 23% each.
        let d = run_rule(run, &data, date(2568, 1, 1));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(2));
        assert!(d[0].message_th.contains("2 รายการ"));
    }

    #[test]
    fn small_years_are_skipped() {
        let data = Fixture::new()
            .with(won(1, "ร้าน ก", 90_000))
            .with(won(2, "ร้าน ข", 10_000))
            .data;
        assert!(run_rule(run, &data, date(2568, 1, 1)).is_empty());
    }

    /// The share counts exactly the records the firm's /suppliers/ page lists: same key, same
    /// rows (a TIN without a winner's name is on no page, so it is in no share either).
    #[test]
    fn shares_count_the_rows_of_the_supplier_page() {
        let mut unnamed = won(6, "", 1_500_000);
        unnamed.winner_tin = prongsai_model::Tin::new("0994000165510");
        let data = five_firms().with(unnamed).data;
        let pages = prongsai_model::suppliers(data.years.values().flat_map(|y| y.records()));
        let page = pages.iter().find(|s| s.name == "บจก.ก").unwrap();
        assert_eq!(page.records.len(), 2);
        assert_eq!(pages.len(), 4);
        // The unnamed row's 1,500,000 is 37% of the year's 4,100,000, but it is no firm's
        // share; ก: 800,000 = 20%.
        assert!(run_rule(run, &data, date(2568, 1, 1)).is_empty());
    }
}
