//! The แบบ สขร.1 monthly summary: its 9 columns and how a record fills them, shared by the PDF and
//! the XLSX's second sheet so the two never disagree.

use crate::NOT_APPLICABLE;
use prongsai_model::{Agency, Money, Procurement, YearMonth};

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
    let bids = if p.bids.is_empty() {
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
        (None, _) if p.is_cancelled() => p.status.canonical().to_owned(),
        (None, Some(price)) => format!("ราคาที่ตกลง {}", baht(price)),
        (None, None) => NOT_APPLICABLE.to_owned(),
    };
    let contract = match (&p.contract_no, p.contract_date) {
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
