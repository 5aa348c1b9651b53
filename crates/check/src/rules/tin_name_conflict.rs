//! C312: one supplier name with two taxpayer numbers, or one taxpayer number under two names.

use prongsai_model::codes;
use super::{Ctx, RuleClass, RuleInfo, records};
use prongsai_model::{Diagnostic, Field, Procurement, Tin, normalise_name};
use std::collections::BTreeMap;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C312,
    class: RuleClass::Plausibility,
    doc: "A firm has one 13-digit taxpayer number, and the site (the /suppliers/ pages and the OCDS party ids) treats \
every row with the same name or the same number as the same firm, in every fiscal year. So one name written with two \
different numbers, or one number written under two different names, is almost always a typing slip: the supplier \
pages and the OCDS data would then merge two firms or split one. Names are compared as the /suppliers/ pages compare \
them (spaces, Thai digits and the legal-form abbreviation do not count). The first row in fiscal year, month and \
ลำดับที่ order is taken as right; each later row that disagrees with it is named, with the row it disagrees with. \
Correct the number or the name in the later row (or the earlier one, if that is the slip).",
};

/// The first row (in fiscal year, month, ลำดับที่ order) that gave a name or a TIN.
struct First<'a> {
    row: &'a Procurement,
    name: &'a str,
    tin: &'a Tin,
}

pub fn run(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let mut rows: Vec<(&Procurement, &str, &Tin)> = records(ctx.data)
        .filter_map(|(_, p)| {
            let name = p
                .winner
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())?;
            Some((p, name, p.winner_tin.as_ref()?))
        })
        .collect();
    rows.sort_by_key(|(p, ..)| (p.fiscal_year(), p.month, p.seq, p.line));
    let mut by_name: BTreeMap<String, First<'_>> = BTreeMap::new();
    let mut by_tin: BTreeMap<&Tin, First<'_>> = BTreeMap::new();
    for (p, name, tin) in rows {
        let key = normalise_name(name);
        let first = by_name
            .entry(key.clone())
            .or_insert(First { row: p, name, tin });
        if first.tin != tin {
            out.push(
                INFO.diag(
                    format!(
                        "\"{name}\" ใช้เลขประจำตัวผู้เสียภาษี {tin} แต่ที่ {} ชื่อเดียวกันใช้เลข {}: ผู้ประกอบการหนึ่งรายมีเลขเดียว ตรวจสอบแล้วแก้เลขที่พิมพ์ผิด",
                        where_is(first.row),
                        first.tin
                    ),
                    format!(
                        "\"{name}\" is given taxpayer number {tin}, but {} gives the same name {}: a firm has one number; correct the one mistyped",
                        where_is(first.row),
                        first.tin
                    ),
                )
                .at(p.loc(Field::WinnerTin))
                .with_text(tin.as_str()),
            );
        }
        let first = by_tin.entry(tin).or_insert(First { row: p, name, tin });
        if normalise_name(first.name) != key {
            out.push(
                INFO.diag(
                    format!(
                        "เลขประจำตัวผู้เสียภาษี {tin} เป็นของ \"{}\" ที่ {} แต่แถวนี้เขียนชื่อ \"{name}\": เลขหนึ่งเลขเป็นของผู้ประกอบการรายเดียว ตรวจสอบชื่อหรือเลขที่พิมพ์ผิด",
                        first.name,
                        where_is(first.row)
                    ),
                    format!(
                        "Taxpayer number {tin} belongs to \"{}\" at {}, but this row names \"{name}\": one number is one firm; correct the name or the number",
                        first.name,
                        where_is(first.row)
                    ),
                )
                .at(p.loc(Field::Winner))
                .with_text(name),
            );
        }
    }
}

/// `procurement-data/2568/months/2567-10.csv line 3`: where the first row is, in both languages.
fn where_is(p: &Procurement) -> String {
    format!("{} line {}", p.file.path, p.line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prongsai_model::Severity;
    use crate::rules::{run_rule, testkit::*};

    fn won(month: &str, seq: u32, name: &str, tin: Option<&str>) -> Procurement {
        let mut r = record(month, seq);
        r.winner = Some(name.into());
        r.winner_tin = tin.and_then(Tin::new);
        r
    }

    #[test]
    fn one_name_two_tins_and_one_tin_two_names() {
        let data = Fixture::new()
            .with(won("2567-10", 1, "หจก.ทับทันก่อสร้าง", Some("0994000165510")))
            // Same firm by the suppliers pages' normaliser, same TIN: fine.
            .with(won(
                "2567-11",
                1,
                "ห้างหุ้นส่วนจำกัด ทับทันก่อสร้าง",
                Some("0994000165510"),
            ))
            // No TIN: nothing to compare.
            .with(won("2567-11", 2, "หจก.ทับทันก่อสร้าง", None))
            // Same name, another TIN.
            .with(won("2567-12", 1, "หจก. ทับทันก่อสร้าง", Some("0994000612346")))
            // The first TIN under another name.
            .with(won("2568-01", 1, "ร้านทับทันวัสดุ", Some("0994000165510")))
            .data;
        let d = run_rule(run, &data, date(2568, 6, 1));
        assert_eq!(d.len(), 2, "{d:#?}");
        assert!(d.iter().all(|x| x.severity == Severity::Warning));
        let two_tins = d
            .iter()
            .find(|x| x.text.as_deref() == Some("0994000612346"))
            .unwrap();
        assert!(two_tins.message_en.contains("0994000165510"));
        assert!(two_tins.message_th.contains("2567-10"));
        let two_names = d
            .iter()
            .find(|x| x.text.as_deref() == Some("ร้านทับทันวัสดุ"))
            .unwrap();
        assert!(two_names.message_en.contains("หจก.ทับทันก่อสร้าง"));
    }

    #[test]
    fn consistent_rows_are_quiet() {
        let data = Fixture::new()
            .with(won(
                "2567-10",
                1,
                "บริษัท ศรีสะเกษวัสดุ จำกัด",
                Some("0994000165510"),
            ))
            .with(won(
                "2567-10",
                2,
                "บจก.ศรีสะเกษวัสดุ จำกัด",
                Some("0994000165510"),
            ))
            .with(won("2567-10", 3, "ร้าน ๑๒๓ พาณิชย์", Some("0994000612346")))
            .with(won("2567-11", 1, "ร้าน123พาณิชย์", Some("0994000612346")))
            .data;
        assert!(run_rule(run, &data, date(2568, 6, 1)).is_empty());
    }
}
