//! C402: agreed prices bunched just under the วิธีเฉพาะเจาะจง limit.

use prongsai_model::codes;
use super::{Ctx, RED_FLAG_GUIDE, RuleClass, RuleInfo, baht};
use prongsai_model::{Diagnostic, Field};

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C402,
    class: RuleClass::RedFlag,
    doc: "When a fiscal year has at least checks.bunching_min_count (3) agreed prices within checks.bunching_low–\
checks.bunching_high (450,000–500,000 บาท), each of them is reported: many contracts just under the วิธีเฉพาะเจาะจง \
limit can mean values are being set to avoid an open method. One or two are ordinary.",
};

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let cfg = &ctx.opts.config;
    for (&fy, y) in &ctx.data.years {
        let band: Vec<_> = y
            .records()
            .filter(|p| !p.is_cancelled())
            .filter(|p| {
                p.agreed_price
                    .is_some_and(|a| a >= cfg.bunching_low && a <= cfg.bunching_high)
            })
            .collect();
        if band.len() < cfg.bunching_min_count.max(1) {
            continue;
        }
        for p in &band {
            let agreed = p.agreed_price.unwrap_or_default();
            out.push(
                INFO.diag(
                    format!(
                        "ควรตรวจสอบ: ราคาที่ตกลง {} อยู่ในช่วง {}–{} ซึ่งปีงบประมาณ {fy} มี {} รายการ ราคาที่กระจุกตัวใต้เกณฑ์วิธีเฉพาะเจาะจงอาจหมายถึงการกำหนดวงเงินเพื่อเลี่ยงวิธีประกาศเชิญชวน",
                        baht(agreed),
                        baht(cfg.bunching_low),
                        baht(cfg.bunching_high),
                        band.len()
                    ),
                    format!(
                        "Worth a look: agreed price {agreed} is in {}–{}, where FY {fy} has {} contracts; bunching under the specific-method limit can mean values set to avoid an open method ({RED_FLAG_GUIDE})",
                        cfg.bunching_low,
                        cfg.bunching_high,
                        band.len()
                    ),
                )
                .at(p.loc(Field::AgreedPrice)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_rule, testkit::*};
    use prongsai_model::Money;

    fn priced(seq: u32, baht_: i64) -> prongsai_model::Procurement {
        let mut p = record("2567-12", seq);
        p.budget = Money::from_baht(500_000);
        p.agreed_price = Some(Money::from_baht(baht_));
        p
    }

    #[test]
    fn three_in_band_warn_two_do_not() {
        let three = Fixture::new()
            .with(priced(1, 450_000))
            .with(priced(2, 499_000))
            .with(priced(3, 500_000))
            .with(priced(4, 449_999))
            .data;
        assert_eq!(run_rule(run, &three, date(2568, 1, 1)).len(), 3);
        let two = Fixture::new()
            .with(priced(1, 450_000))
            .with(priced(2, 499_000))
            .data;
        assert!(run_rule(run, &two, date(2568, 1, 1)).is_empty());
    }
}
