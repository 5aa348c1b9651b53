//! C401: possible splitting of one purchase into parts that each stay under a threshold.

use super::{Ctx, RuleClass, RuleInfo, amount, baht};
use crate::text::{common_prefix_len, dice_sorted, normalise_title, sorted_bigrams};
use prongsai_model::codes;
use prongsai_model::{Diagnostic, Field, Money, Procurement, SupplierKey};
use rayon::prelude::*;
use std::collections::HashMap;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C401,
    class: RuleClass::RedFlag,
    doc: "Records won by the same supplier (same TIN, or same name once บริษัท/หจก./จำกัด and spaces are \
removed), with similar titles, within checks.split_window_days (30) days of the first, each below a threshold of \
checks.split_thresholds (500,000 บาท) but together above it. Titles are compared after removing spaces, punctuation \
and digits (Thai has no spaces between words, and village numbers often differ between parts): similar means \
sharing checks.split_prefix_chars (10) leading characters or a character-bigram Dice similarity of at least \
checks.split_similarity (0.7). Each record is reported once, naming the others. Separate needs that happen to look \
alike are common: this is worth a look, not a finding. The check sorts each supplier's records by date and slides a \
window, so it stays near-linear in the number of records.",
};

struct Entry<'a> {
    p: &'a Procurement,
    day: i64,
    title: Vec<char>,
    bigrams: Vec<(char, char)>,
    amount: Money,
}

fn similar(a: &Entry<'_>, b: &Entry<'_>, prefix: usize, dice: f64) -> bool {
    if a.title == b.title {
        return true;
    }
    (prefix > 0 && common_prefix_len(&a.title, &b.title) >= prefix)
        || dice_sorted(&a.bigrams, &b.bigrams) >= dice
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let cfg = &ctx.opts.config;
    let mut thresholds = cfg.split_thresholds.clone();
    thresholds.sort_unstable_by(|a, b| b.cmp(a));
    let mut groups: HashMap<SupplierKey, Vec<&Procurement>> = HashMap::new();
    for (_, p) in super::records(ctx.data) {
        if p.is_cancelled() {
            continue;
        }
        if let Some(k) = SupplierKey::winner(p) {
            groups.entry(k).or_default().push(p);
        }
    }
    let mut groups: Vec<(SupplierKey, Vec<&Procurement>)> = groups.into_iter().collect();
    // Deterministic order before the parallel pass; the final report is sorted anyway.
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let window = i64::from(cfg.split_window_days);
    let found: Vec<Diagnostic> = groups
        .par_iter()
        .flat_map_iter(|(_, ps)| {
            let mut es: Vec<Entry<'_>> = ps
                .iter()
                .filter_map(|p| {
                    let day = p.contract_date.or_else(|| p.month.first_day())?.days();
                    let title = normalise_title(&p.title);
                    let bigrams = sorted_bigrams(&title);
                    Some(Entry { p, day, title, bigrams, amount: amount(p) })
                })
                .collect();
            es.sort_by(|a, b| (a.day, &a.p.file.path, a.p.line).cmp(&(b.day, &b.p.file.path, b.p.line)));
            let mut reported = vec![false; es.len()];
            let mut diags = Vec::new();
            for i in 0..es.len() {
                if reported[i] {
                    continue;
                }
                let mut cluster = vec![i];
                for j in i + 1..es.len() {
                    if es[j].day - es[i].day > window {
                        break;
                    }
                    if similar(&es[i], &es[j], cfg.split_prefix_chars, cfg.split_similarity) {
                        cluster.push(j);
                    }
                }
                if cluster.len() < 2 {
                    continue;
                }
                let total: Money = cluster.iter().map(|&k| es[k].amount).sum();
                let Some(&limit) = thresholds
                    .iter()
                    .find(|&&t| total > t && cluster.iter().all(|&k| es[k].amount < t))
                else {
                    continue;
                };
                for &k in &cluster {
                    if reported[k] {
                        continue;
                    }
                    reported[k] = true;
                    let others: Vec<String> = cluster.iter().filter(|&&o| o != k).map(|&o| es[o].p.id()).collect();
                    let p = es[k].p;
                    let winner = p.winner.as_deref().unwrap_or_default();
                    diags.push(
                        INFO.diag(
                            format!(
                                "ควรตรวจสอบ: {winner} ได้งานชื่อคล้ายกัน {} รายการภายใน {window} วัน (รายการนี้และ {}) แต่ละรายการต่ำกว่า {} รวม {} อาจเป็นการแบ่งซื้อแบ่งจ้าง ถ้าเป็นคนละความต้องการจริง ไม่ต้องแก้ข้อมูล",
                                cluster.len(),
                                others.join(", "),
                                baht(limit),
                                baht(total)
                            ),
                            format!(
                                "Worth a look: {winner} won {} similar items within {window} days (this and {}), each under {limit} baht, together {total}: possible splitting; if they were separate needs, nothing needs changing",
                                cluster.len(),
                                others.join(", ")
                            ),
                        )
                        .at(p.loc(Field::Title)),
                    );
                }
            }
            diags
        })
        .collect();
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};

    fn part(month: &str, seq: u32, day_offset: i64, title: &str, baht_: i64) -> Procurement {
        let mut p = record(month, seq);
        p.title = title.into();
        p.budget = Money::from_baht(baht_);
        p.agreed_price = Some(Money::from_baht(baht_));
        p.reference_price = Some(Money::from_baht(baht_));
        p.winner = Some("หจก.ทับทันก่อสร้าง".into());
        p.contract_date = p.month.first_day().map(|d| d.add_days(day_offset));
        p
    }

    #[test]
    fn three_similar_parts_over_the_limit_are_flagged_once_each() {
        let data = Fixture::new()
            .with(part("2567-11", 1, 2, "ซ่อมแซมถนนลูกรัง หมู่ 3", 200_000))
            .with(part("2567-11", 2, 10, "ซ่อมแซมถนนลูกรัง หมู่ 4", 200_000))
            .with(part("2567-11", 3, 20, "ซ่อมแซมถนนลูกรัง หมู่ 5", 200_000))
            .with(part("2567-11", 4, 21, "ซื้อน้ำมันเชื้อเพลิง", 200_000))
            .data;
        let d = run_rule(run, &data, date(2568, 1, 1));
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d[0].message_th.contains("ควรตรวจสอบ"));
        assert!(d[0].message_th.contains("2567-11-2, 2567-11-3"));
    }

    #[test]
    fn far_apart_different_suppliers_or_under_total_are_not_flagged() {
        let mut other = part("2567-11", 2, 10, "ซ่อมแซมถนนลูกรัง หมู่ 4", 300_000);
        other.winner = Some("ร้านอื่น".into());
        let data = Fixture::new()
            .with(part("2567-11", 1, 2, "ซ่อมแซมถนนลูกรัง หมู่ 3", 300_000))
            .with(other)
            .with(part("2568-01", 1, 2, "ซ่อมแซมถนนลูกรัง หมู่ 6", 300_000))
            .with(part("2568-03", 1, 2, "ซ่อมแซมถนนลูกรัง หมู่ 7", 100_000))
            .with(part("2568-03", 2, 3, "ซ่อมแซมถนนลูกรัง หมู่ 8", 100_000))
            .data;
        assert!(run_rule(run, &data, date(2568, 6, 1)).is_empty());
    }

    #[test]
    fn a_part_at_the_threshold_is_not_splitting() {
        let data = Fixture::new()
            .with(part("2567-11", 1, 2, "ซ่อมแซมถนนลูกรัง หมู่ 3", 500_000))
            .with(part("2567-11", 2, 3, "ซ่อมแซมถนนลูกรัง หมู่ 4", 100_000))
            .data;
        assert!(run_rule(run, &data, date(2568, 1, 1)).is_empty());
    }
}
