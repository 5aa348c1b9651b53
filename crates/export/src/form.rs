//! What the PDF and the XLSX of each document say, shared so the two never disagree: the แบบ
//! สขร.1 monthly summary (its 9 columns and how a record fills them), the quarter's months, the
//! annual summary's tables and narrative, and the procurement plan's columns.

use crate::NOT_APPLICABLE;
use prongsai_model::{
    Agency, Date, DueRules, Field, FiscalYear, Method, Money, NOT_GIVEN_TH, PlanLine, PlanMeta,
    Procurement, Tally, YearMonth, YearSummary, fiscal_quarter_months, fiscal_year_months,
    month_due,
};

/// The 9 columns of แบบ สขร.1, in the form's order.
pub(crate) const SKR1_HEADERS: [&str; 9] = [
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง",
    "ราคากลาง",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสังเขป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
];

/// The headers with zero-width spaces at word boundaries, so the PDF's narrow columns wrap them
/// between words (`วงเงินที่จะ|ซื้อหรือจ้าง`, not `ซื้อห|รือ`).
pub(crate) const SKR1_HEADERS_BREAKABLE: [&str; 9] = [
    "ลำดับ\u{200B}ที่",
    "งานที่\u{200B}จัดซื้อ\u{200B}หรือ\u{200B}จัดจ้าง",
    "วงเงิน\u{200B}ที่จะ\u{200B}ซื้อ\u{200B}หรือ\u{200B}จ้าง",
    "ราคากลาง",
    "วิธี\u{200B}ซื้อ\u{200B}หรือ\u{200B}จ้าง",
    "รายชื่อ\u{200B}ผู้เสนอราคา\u{200B}และ\u{200B}ราคา\u{200B}ที่เสนอ",
    "ผู้ได้รับ\u{200B}การคัดเลือก\u{200B}และ\u{200B}ราคา\u{200B}ที่ตกลง\u{200B}ซื้อ\u{200B}หรือ\u{200B}จ้าง",
    "เหตุผล\u{200B}ที่\u{200B}คัดเลือก\u{200B}โดย\u{200B}สังเขป",
    "เลขที่\u{200B}และ\u{200B}วันที่\u{200B}ของ\u{200B}สัญญา\u{200B}หรือ\u{200B}ข้อตกลง\u{200B}ในการ\u{200B}ซื้อ\u{200B}หรือ\u{200B}จ้าง",
];

/// Columns holding amounts: right-aligned in the PDF, numbers in the XLSX.
pub(crate) const SKR1_MONEY_COLUMNS: [usize; 2] = [2, 3];

/// `สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม 2567`
pub(crate) fn skr1_title(month: YearMonth) -> String {
    format!("สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {}", month.thai_long())
}

/// `องค์การบริหารส่วนตำบลเมืองหลวง อำเภอห้วยทับทัน จังหวัดศรีสะเกษ`
pub(crate) fn agency_line(agency: &Agency) -> String {
    let mut s = agency.name.clone();
    if !agency.district.is_empty() {
        s.push_str(" อำเภอ");
        s.push_str(&agency.district);
    }
    if !agency.province.is_empty() {
        s.push_str(" จังหวัด");
        s.push_str(&agency.province);
    }
    s
}

fn baht(m: Money) -> String {
    format!("{m} บาท")
}

/// A record's 9 cells as display text (money grouped, dates `15 ต.ค. 2567`).
pub(crate) fn skr1_cells(p: &Procurement) -> [String; 9] {
    let title = match &p.egp_project_no {
        Some(n) => format!("{}\nเลขที่โครงการ {}", p.title, n),
        None => p.title.clone(),
    };
    let bids = if !p.given(Field::Bids) {
        NOT_GIVEN_TH.to_owned()
    } else if p.bids.is_empty() {
        NOT_APPLICABLE.to_owned()
    } else {
        p.bids
            .iter()
            .map(|b| match b.price {
                Some(price) => format!("{} ราคาที่เสนอ {}{}", b.name, baht(price), b.marker()),
                None => format!("{}{}", b.name, b.marker()),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let winner = match (&p.winner, p.agreed_price) {
        (Some(w), Some(price)) => format!("{w} ราคาที่ตกลง {}", baht(price)),
        (Some(w), None) => w.clone(),
        (None, _) if p.is_cancelled() => p.status_text().to_owned(),
        (None, Some(price)) => format!("ราคาที่ตกลง {}", baht(price)),
        (None, None) => NOT_APPLICABLE.to_owned(),
    };
    let contract = match (&p.contract_no, p.contract_date) {
        (None, None) if !p.given(Field::ContractNo) && !p.given(Field::ContractDate) => {
            NOT_GIVEN_TH.to_owned()
        }
        (Some(no), Some(d)) => format!("{no}\nลงวันที่ {}", d.thai_short()),
        (Some(no), None) => no.clone(),
        (None, Some(d)) => format!("ลงวันที่ {}", d.thai_short()),
        (None, None) => NOT_APPLICABLE.to_owned(),
    };
    [
        p.seq.to_string(),
        title,
        p.budget.to_string(),
        p.reference_price
            .map_or_else(|| NOT_APPLICABLE.to_owned(), |m| m.to_string()),
        p.method.thai().to_owned(),
        bids,
        winner,
        p.reason
            .clone()
            .unwrap_or_else(|| NOT_APPLICABLE.to_owned()),
        contract,
    ]
}

/// What a quarter document (ITA O11) shows for one of its months.
#[derive(Clone, Copy, Debug)]
pub enum QuarterMonth<'a> {
    /// The month file exists: its records (none: ไม่มีการจัดซื้อจัดจ้าง).
    Filed(&'a [Procurement]),
    /// No month file (a gap once the month has ended): named as not yet published.
    Missing,
}

/// The three months of quarter `q` of `fy`, as the quarter document shows them.
pub fn quarter_months(fy: &FiscalYear, q: u8) -> [(YearMonth, QuarterMonth<'_>); 3] {
    fiscal_quarter_months(fy.year, q).map(|m| {
        let shown = match fy.months.get(&m) {
            Some(f) => QuarterMonth::Filed(&f.records),
            None => QuarterMonth::Missing,
        };
        (m, shown)
    })
}

/// What the quarter document says of a month without a file.
pub const NOT_PUBLISHED: &str = "ยังไม่เผยแพร่";

/// `ยังไม่เผยแพร่ (ครบกำหนดเผยแพร่ 15 พ.ย. 2567)`: the due date, not the days overdue, so the
/// document does not change from one day to the next.
pub(crate) fn not_published(month: YearMonth, due: &DueRules) -> String {
    match month_due(month, due) {
        Some(d) => format!("{NOT_PUBLISHED} (ครบกำหนดเผยแพร่ {})", d.thai_short()),
        None => NOT_PUBLISHED.to_owned(),
    }
}

/// `สรุปผลการดำเนินการจัดซื้อจัดจ้าง ไตรมาสที่ 1 (ตุลาคม 2567 – ธันวาคม 2567)`
pub(crate) fn quarter_title(fy: i32, q: u8) -> String {
    let [first, _, last] = fiscal_quarter_months(fy, q);
    format!(
        "สรุปผลการดำเนินการจัดซื้อจัดจ้าง ไตรมาสที่ {q} ({} – {})",
        first.thai_long(),
        last.thai_long()
    )
}

/// `เดือนตุลาคม 2567`
pub(crate) fn month_heading(month: YearMonth) -> String {
    format!("เดือน{}", month.thai_long())
}

/// The date a quarter document is stamped with: the last day of its last month with a file
/// (its data can only have changed up to then), else of its first month.
pub(crate) fn quarter_created(months: &[(YearMonth, QuarterMonth<'_>)]) -> YearMonth {
    months
        .iter()
        .rev()
        .find(|(_, m)| matches!(m, QuarterMonth::Filed(_)))
        .or(months.first())
        .map_or(YearMonth::new(1970, 1), |(m, _)| *m)
}

/// `แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568`
pub(crate) fn annual_title(fy: i32) -> String {
    format!("แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fy}")
}

/// The figure columns of the annual summary's tables, after the column naming the group.
pub(crate) const SUMMARY_HEADERS: [&str; 6] = [
    "จำนวนโครงการ",
    "ยกเลิก",
    "วงเงินงบประมาณ (บาท)",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
    "งบประมาณที่ประหยัดได้ (บาท)",
    "ร้อยละที่ประหยัดได้",
];

/// One table of the annual summary: a row per group and the total, all from [`YearSummary`]
/// (savings = budget − agreed price, data contract), so the figures equal the year page's.
pub(crate) struct SummaryTable {
    /// `ตารางที่ 1 ผลการจัดซื้อจัดจ้างจำแนกตามวิธีการจัดซื้อจัดจ้าง`
    pub title: String,
    /// The first column's header.
    pub group: &'static str,
    pub rows: Vec<(String, Tally)>,
    pub total: Tally,
}

pub(crate) fn summary_tables(fy: &FiscalYear) -> Vec<SummaryTable> {
    let s = YearSummary::of(fy);
    let by_method = Method::ALL
        .iter()
        .filter_map(|m| s.by_method.get(m).map(|t| (m.thai().to_owned(), t.clone())))
        .collect();
    let by_source = s
        .by_budget_source
        .iter()
        .map(|(k, t)| (k.clone(), t.clone()))
        .collect();
    let by_month = fiscal_year_months(fy.year)
        .into_iter()
        .map(|m| {
            let label = if fy.months.contains_key(&m) {
                m.thai_long()
            } else {
                format!("{} ({NOT_PUBLISHED})", m.thai_long())
            };
            (label, s.by_month.get(&m).cloned().unwrap_or_default())
        })
        .collect();
    vec![
        SummaryTable {
            title: "ตารางที่ 1 ผลการจัดซื้อจัดจ้างจำแนกตามวิธีการจัดซื้อจัดจ้าง".into(),
            group: "วิธีการจัดซื้อจัดจ้าง",
            rows: by_method,
            total: s.all.clone(),
        },
        SummaryTable {
            title: "ตารางที่ 2 ผลการจัดซื้อจัดจ้างจำแนกตามแหล่งที่มาของงบประมาณ".into(),
            group: "แหล่งที่มาของงบประมาณ",
            rows: by_source,
            total: s.all.clone(),
        },
        SummaryTable {
            title: "ตารางที่ 3 ผลการจัดซื้อจัดจ้างรายเดือน".into(),
            group: "เดือน",
            rows: by_month,
            total: s.all,
        },
    ]
}

/// `12.34`: savings as a share of the budget of the records with an agreed price.
pub(crate) fn percent(t: &Tally) -> String {
    format!("{:.2}", t.savings_percent())
}

/// A tally's six figures as display text, in [`SUMMARY_HEADERS`] order.
pub(crate) fn tally_cells(t: &Tally) -> [String; 6] {
    [
        t.count.to_string(),
        t.cancelled.to_string(),
        t.budget.to_string(),
        t.agreed.to_string(),
        t.savings.to_string(),
        percent(t),
    ]
}

/// A block of the annual report's narrative (annual.md), as both documents lay it out.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Block {
    Heading(String),
    Paragraph(String),
    /// A list item, with its marker (`•` or `1.`).
    Item(String, String),
}

/// annual.md's Markdown as plain blocks: the documents are forms, not web pages, so emphasis,
/// links (their text is kept) and raw HTML (shown as text, as on the annual page) are flattened.
pub(crate) fn narrative_blocks(body: &str) -> Vec<Block> {
    use prongsai_text::markdown::{Dialect, Event, Tag, TagEnd, parse};
    let mut out = Vec::new();
    let mut text = String::new();
    // Per open list: the next item's number, or `None` for a bullet list.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut marker: Option<String> = None;
    let flush = |text: &mut String, marker: &mut Option<String>, out: &mut Vec<Block>| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        text.clear();
        if t.is_empty() {
            return;
        }
        match marker.take() {
            Some(m) => out.push(Block::Item(m, t)),
            None => out.push(Block::Paragraph(t)),
        }
    };
    for event in parse(body, Dialect::Report) {
        match event {
            Event::Start(Tag::List(start)) => {
                flush(&mut text, &mut marker, &mut out);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut text, &mut marker, &mut out);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut text, &mut marker, &mut out);
                marker = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_owned(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                text.clear();
                if !t.is_empty() {
                    out.push(Block::Heading(t));
                }
            }
            Event::Start(Tag::Heading { .. }) => flush(&mut text, &mut marker, &mut out),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => {
                let m = marker.clone();
                flush(&mut text, &mut marker, &mut out);
                // A paragraph inside an item belongs to that item; the next one is plain.
                if m.is_some() && out.last().is_some_and(|b| matches!(b, Block::Item(..))) {
                    marker = None;
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t);
            }
            Event::End(TagEnd::TableCell) => text.push_str("  "),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    flush(&mut text, &mut marker, &mut out);
    out
}

/// The approval line under the narrative, when annual.md names an approver or a date.
pub(crate) fn approval_line(
    approved_by: Option<&str>,
    approved_on: Option<Date>,
) -> Option<String> {
    let by = approved_by.map(str::trim).filter(|s| !s.is_empty());
    match (by, approved_on) {
        (Some(b), Some(d)) => Some(format!("ผู้อนุมัติ {b} อนุมัติเมื่อวันที่ {}", d.thai_long())),
        (Some(b), None) => Some(format!("ผู้อนุมัติ {b}")),
        (None, Some(d)) => Some(format!("อนุมัติเมื่อวันที่ {}", d.thai_long())),
        (None, None) => None,
    }
}

/// What the annual summary says when annual.md is missing: the figures stand on their own.
pub(crate) const NO_NARRATIVE: &str =
    "ยังไม่เผยแพร่รายงานผลการวิเคราะห์ ปัญหาและอุปสรรค และแนวทางการปรับปรุง";

/// `ประกาศองค์การบริหารส่วนตำบลเมืองหลวง เรื่อง เผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2570`
pub(crate) fn plan_title(agency: &Agency, fy: i32) -> String {
    format!(
        "ประกาศ{} เรื่อง เผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fy}",
        agency.name
    )
}

/// The announcement's text: the legal ground and what plan.yaml says of approval and e-GP.
pub(crate) fn plan_preamble(agency: &Agency, fy: i32, meta: Option<&PlanMeta>) -> Vec<String> {
    let mut out = vec![format!(
        "อาศัยอำนาจตามมาตรา 11 แห่งพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 {} \
         จึงประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fy} ตามรายละเอียดแนบท้ายประกาศนี้",
        agency.name
    )];
    let Some(meta) = meta else {
        return out;
    };
    if let Some(d) = meta.approved_on {
        out.push(format!("แผนได้รับความเห็นชอบเมื่อวันที่ {}", d.thai_long()));
    }
    if let Some(n) = meta
        .egp_plan_no
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        out.push(format!("เลขที่แผนในระบบ e-GP {n}"));
    }
    if let Some(n) = meta
        .note
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        out.push(n.to_owned());
    }
    if let Some(d) = meta.published_on {
        out.push(format!("ประกาศ ณ วันที่ {}", d.thai_long()));
    }
    out
}

/// The plan's columns as the data contract names them (plan.csv's headers).
pub(crate) fn plan_headers() -> [&'static str; 8] {
    Field::PLAN.map(Field::thai_in_plan)
}

/// Columns holding amounts in [`plan_cells`].
pub(crate) const PLAN_MONEY_COLUMNS: [usize; 1] = [4];

pub(crate) fn plan_cells(l: &PlanLine) -> [String; 8] {
    [
        l.seq.to_string(),
        l.plan_id.clone(),
        l.title.clone(),
        l.division.clone(),
        l.budget.to_string(),
        l.budget_source.clone(),
        l.method.thai().to_owned(),
        l.expected_month.thai_long(),
    ]
}

/// The plan's total, for the last row.
pub(crate) fn plan_total(lines: &[PlanLine]) -> Money {
    lines.iter().map(|l| l.budget).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrative_keeps_headings_paragraphs_and_items() {
        let blocks = narrative_blocks(
            "> ข้อมูลตัวอย่าง\n\n## ผลการวิเคราะห์\n\nย่อหน้า **หนึ่ง**\nต่อ\n\n- ข้อ ก\n- ข้อ ข\n\n1. แรก\n2. สอง\n\n<b>x</b>\n",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph("ข้อมูลตัวอย่าง".into()),
                Block::Heading("ผลการวิเคราะห์".into()),
                Block::Paragraph("ย่อหน้า หนึ่ง ต่อ".into()),
                Block::Item("•".into(), "ข้อ ก".into()),
                Block::Item("•".into(), "ข้อ ข".into()),
                Block::Item("1.".into(), "แรก".into()),
                Block::Item("2.".into(), "สอง".into()),
                Block::Paragraph("<b>x</b>".into()),
            ]
        );
    }
}
