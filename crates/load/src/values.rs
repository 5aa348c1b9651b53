//! Parsers for the value kinds of the data contract, one `parse_*` function per kind.
//!
//! Each takes the text of one cell (as found, untrimmed) and returns the typed value or a
//! [`ValueError`] whose Thai and English text says what is wrong and how to fix it. They never
//! panic on any input, which makes them fuzz targets. Dates and months are read by the model's
//! one date reader, shared with front matter and the command line.

use prongsai_model::{
    Bid, BidStatus, Date, EgpNo, Method, Money, Status, Tin, Unspsc, normalise_value as normalise,
    thai_to_arabic_digits, tin_check_digit,
};
pub use prongsai_model::{ValueError, parse_date, parse_month};
pub(crate) use prongsai_text::{is_blank_char, trim_blank as clean};

/// A lone dash is how Thai forms write "nothing here"; it counts as an empty cell.
pub fn is_empty_cell(s: &str) -> bool {
    matches!(clean(s), "" | "-" | "–" | "—")
}

/// The largest amount accepted: more than the whole national budget is surely a typing slip.
const MAX_BAHT: u64 = 1_000_000_000_000;

/// Money in baht: `1234.5`, `1,234.50`, `๑,๒๓๔.๕๐`, with an optional `บาท` (or `฿`).
pub fn parse_money(text: &str) -> Result<Money, ValueError> {
    let s = normalise(text);
    let s = s.strip_suffix("บาท").unwrap_or(&s);
    let s = clean(s.strip_prefix('฿').unwrap_or(s));
    if s.is_empty() {
        return Err(ValueError::new(
            "ไม่มีจำนวนเงิน: ใส่จำนวนเงินเป็นตัวเลข เช่น 1,234.50",
            "no amount: write the amount in figures, e.g. 1,234.50",
        ));
    }
    if s.starts_with('-') || s.starts_with('−') || (s.starts_with('(') && s.ends_with(')')) {
        return Err(ValueError::new(
            "จำนวนเงินติดลบไม่ได้: ใส่จำนวนเงินที่เป็นบวก",
            "the amount cannot be negative: write a positive amount",
        ));
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    if s.chars()
        .any(|c| !(c.is_ascii_digit() || c == ',' || c == '.'))
    {
        return Err(ValueError::new(
            "จำนวนเงินต้องเป็นตัวเลขเท่านั้น: เขียนเช่น 1,234.50 (ใช้ , คั่นหลักพันและ . คั่นทศนิยมได้ ลงท้ายด้วย บาท ได้)",
            "the amount must be a number only: write e.g. 1,234.50 (commas between thousands, a dot before satang, optionally ending in บาท)",
        ));
    }
    let (int_part, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let frac_satang = match frac {
        None => 0,
        Some(f) if f.contains('.') || f.contains(',') => {
            return Err(ValueError::new(
                "จำนวนเงินมีจุดทศนิยมมากกว่าหนึ่งจุดหรือมี , หลังจุด: เขียนเช่น 1,234.50",
                "the amount has more than one decimal point or a comma after it: write e.g. 1,234.50",
            ));
        }
        Some(f) if f.len() > 2 => {
            return Err(ValueError::new(
                "จำนวนเงินมีทศนิยมเกิน 2 ตำแหน่ง: ปัดเป็นสตางค์ (2 ตำแหน่ง)",
                "the amount has more than 2 decimals: round it to satang (2 decimals)",
            ));
        }
        Some("") => 0,
        Some(f) => {
            let v: u64 = f.parse().map_err(|_| digits_error())?;
            if f.len() == 1 { v * 10 } else { v }
        }
    };
    if int_part.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(digits_error());
    }
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(ValueError::new(
                "ใส่เครื่องหมาย , คั่นหลักพันไม่ถูกตำแหน่ง: เขียนเช่น 1,234,567.00 หรือไม่ใส่ , เลย",
                "commas are misplaced: group thousands as in 1,234,567.00, or leave the commas out",
            ));
        }
    }
    let digits: String = int_part.chars().filter(|c| *c != ',').collect();
    let baht: u64 = if digits.is_empty() {
        0
    } else if digits.len() > 15 {
        u64::MAX
    } else {
        digits.parse().map_err(|_| digits_error())?
    };
    if baht > MAX_BAHT {
        return Err(ValueError::new(
            "จำนวนเงินสูงเกินจริง (เกินหนึ่งล้านล้านบาท): ตรวจสอบจำนวนหลัก",
            "the amount is implausibly large (over one trillion baht): check the number of digits",
        ));
    }
    // Both factors are bounded above (≤ 10^12 baht, < 100 satang), so this cannot overflow i64.
    let satang = baht * 100 + frac_satang;
    Ok(Money::from_satang(satang as i64))
}

fn digits_error() -> ValueError {
    ValueError::new(
        "จำนวนเงินไม่ใช่ตัวเลข: เขียนเช่น 1,234.50",
        "the amount is not a number: write e.g. 1,234.50",
    )
}

/// A procurement method, by its canonical value or a common spelling.
pub fn parse_method(text: &str) -> Result<Method, ValueError> {
    Method::parse(clean(text)).ok_or_else(|| {
        let list = Method::accepted_list();
        ValueError::new(
            format!("ไม่รู้จักวิธีการจัดซื้อจัดจ้างนี้: ใช้ค่าใดค่าหนึ่งต่อไปนี้ {list}"),
            format!("unknown procurement method: use one of {list}"),
        )
    })
}

/// A procurement status, by its canonical value or a common spelling.
pub fn parse_status(text: &str) -> Result<Status, ValueError> {
    Status::parse(clean(text)).ok_or_else(|| {
        let list = Status::accepted_list();
        ValueError::new(
            format!("ไม่รู้จักสถานะนี้: ใช้ค่าใดค่าหนึ่งต่อไปนี้ {list}"),
            format!("unknown status: use one of {list}"),
        )
    })
}

/// Digits of an identifier once Thai digits, spaces and dashes are gone; `None` if anything else.
fn id_digits(text: &str) -> Option<String> {
    let s = normalise(text);
    let d: String = s
        .chars()
        .filter(|c| !is_blank_char(*c) && !matches!(c, '-' | '–'))
        .collect();
    d.bytes().all(|b| b.is_ascii_digit()).then_some(d)
}

/// Excel shows long numbers as `6.71E+10` unless the column is formatted as text.
fn looks_scientific(text: &str) -> bool {
    let s = clean(text).to_ascii_uppercase();
    s.contains("E+") && s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

const EXCEL_TEXT_TH: &str =
    "Excel แสดงตัวเลขยาวเป็นรูป 6.71E+10: จัดรูปแบบคอลัมน์นี้เป็น \"ข้อความ\" (Text) แล้วพิมพ์ตัวเลขใหม่";
const EXCEL_TEXT_EN: &str = "Excel turned the long number into 6.71E+10: format this column as Text and type the number again";

/// A taxpayer ID: 13 digits, dashes and spaces allowed, mod-11 check digit verified.
pub fn parse_tin(text: &str) -> Result<Tin, ValueError> {
    if looks_scientific(text) {
        return Err(ValueError::new(EXCEL_TEXT_TH, EXCEL_TEXT_EN));
    }
    let Some(d) = id_digits(text) else {
        return Err(ValueError::new(
            "เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลข 13 หลัก (มี - หรือเว้นวรรคคั่นได้)",
            "the taxpayer ID must be 13 digits (dashes or spaces between them are fine)",
        ));
    };
    if d.len() != 13 {
        return Err(ValueError::new(
            format!(
                "เลขประจำตัวผู้เสียภาษีต้องมี 13 หลัก แต่มี {} หลัก: ตรวจสอบกับหนังสือรับรองหรือ ภ.พ.20",
                d.len()
            ),
            format!(
                "the taxpayer ID must have 13 digits but has {}: check it against the company certificate",
                d.len()
            ),
        ));
    }
    let expected = tin_check_digit(&d[..12]);
    match (Tin::new(&d), expected) {
        (Some(tin), _) => Ok(tin),
        (None, Some(check)) => Err(ValueError::new(
            format!(
                "เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง: หลักสุดท้าย (หลักตรวจสอบ) ควรเป็น {check} ไม่ใช่ {}: ตรวจสอบว่าพิมพ์ตัวเลขครบและถูกต้อง",
                &d[12..]
            ),
            format!(
                "invalid taxpayer ID: the last (check) digit should be {check}, not {}: check for a typing slip",
                &d[12..]
            ),
        )),
        (None, None) => Err(ValueError::new(
            "เลขประจำตัวผู้เสียภาษีไม่ถูกต้อง",
            "invalid taxpayer ID",
        )),
    }
}

/// An e-GP project number: 11 digits.
pub fn parse_egp_no(text: &str) -> Result<EgpNo, ValueError> {
    if looks_scientific(text) {
        return Err(ValueError::new(EXCEL_TEXT_TH, EXCEL_TEXT_EN));
    }
    let d = id_digits(text).unwrap_or_default();
    match EgpNo::new(&d) {
        Some(n) if (1..=12).contains(&n.month()) => Ok(n),
        Some(n) => Err(ValueError::new(
            format!(
                "เลขที่โครงการ e-GP หลักที่ 3–4 ต้องเป็นเดือน (01–12) แต่เป็น {:02}: คัดลอกเลขจากระบบ e-GP อีกครั้ง",
                n.month()
            ),
            format!(
                "digits 3–4 of an e-GP project number are the month (01–12), not {:02}: copy the number from e-GP again",
                n.month()
            ),
        )),
        None if d.is_empty() => Err(ValueError::new(
            "เลขที่โครงการ e-GP ต้องเป็นตัวเลข 11 หลัก",
            "an e-GP project number must be 11 digits",
        )),
        None => Err(ValueError::new(
            format!(
                "เลขที่โครงการ e-GP ต้องมี 11 หลัก แต่มี {} หลัก: คัดลอกเลขจากระบบ e-GP อีกครั้ง",
                d.len()
            ),
            format!(
                "an e-GP project number has 11 digits, this one has {}: copy it from e-GP again",
                d.len()
            ),
        )),
    }
}

/// รหัส UNSPSC: eight digits as e-GP shows them (`72141103`, Thai digits and spaces or dashes
/// between the pairs accepted), optionally followed by the words e-GP shows after it.
pub fn parse_unspsc(text: &str) -> Result<Unspsc, ValueError> {
    let s = normalise(text);
    // The code is the leading run of digits and separators; what follows is its description.
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.')))
        .map_or(s.len(), |(i, _)| i);
    let digits: String = s[..end].chars().filter(char::is_ascii_digit).collect();
    let description = clean(s[end..].trim_start_matches([':', '-', '–']));
    Unspsc::new(&digits, Some(description)).ok_or_else(|| {
        ValueError::new(
            format!(
                "รหัส UNSPSC ต้องเป็นตัวเลข 8 หลัก (เช่น 72141103) แต่พบ {} หลัก: คัดลอกรหัสจากระบบ e-GP อีกครั้ง",
                digits.len()
            ),
            format!(
                "a UNSPSC code has 8 digits (e.g. 72141103), this one has {}: copy it from e-GP again",
                digits.len()
            ),
        )
    })
}

/// ลำดับ / ลำดับที่: a positive whole number.
pub fn parse_seq(text: &str) -> Result<u32, ValueError> {
    let s = normalise(text);
    let s = s.strip_suffix('.').unwrap_or(&s);
    match s.parse::<u32>() {
        Ok(n) if n > 0 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(ValueError::new(
            "ลำดับต้องเป็นจำนวนเต็มบวก เช่น 1, 2, 3",
            "the sequence number must be a positive whole number such as 1, 2, 3",
        )),
    }
}

/// Words an officer writes before a bid's date inside its brackets, longest first so the
/// longer form wins: `(ยื่น 3 ต.ค. 2567)`, `(ยื่นเมื่อ 3/10/2567)`, `(วันที่ยื่น 2567-10-03)`.
const BID_DATE_WORDS: [&str; 11] = [
    "ยื่นข้อเสนอเมื่อวันที่",
    "ยื่นข้อเสนอเมื่อ",
    "ยื่นข้อเสนอวันที่",
    "วันที่ยื่นข้อเสนอ",
    "ยื่นเมื่อวันที่",
    "เสนอราคาวันที่",
    "ยื่นข้อเสนอ",
    "วันที่ยื่น",
    "ยื่นเมื่อ",
    "ยื่นวันที่",
    "ยื่น",
];

/// The date a bracket names: `Some(Ok)` for `ยื่น <date>` or a bare date, `Some(Err)` when the
/// words say it is a date but the date cannot be read, `None` for other text (part of a name).
fn bid_date_marker(inner: &str) -> Option<Result<Date, ValueError>> {
    let inner = clean(inner);
    let worded = BID_DATE_WORDS
        .iter()
        .find_map(|w| inner.strip_prefix(w))
        .map(|rest| clean(rest.trim_start_matches([':', '.'])));
    match worded {
        Some(rest) => Some(parse_date(rest)),
        None => parse_date(inner).ok().map(Ok),
    }
}

/// What the brackets of one bid line say besides its name and price.
struct BidMarkers {
    /// The line without the markers, which parses as name then price.
    rest: String,
    status: Option<BidStatus>,
    date: Option<Date>,
}

/// Takes the bracketed markers out of one bid, wherever they stand (after the name or after the
/// price): a status such as `(ไม่ผ่านคุณสมบัติ)` or `(ถอนตัว)`, and the day the bid was
/// submitted, `(ยื่น 3 ต.ค. 2567)`. Brackets holding anything else are part of the name.
fn take_bid_markers(part: &str) -> Result<BidMarkers, ValueError> {
    let mut status = None;
    let mut date = None;
    let mut rest = String::with_capacity(part.len());
    let mut tail = part;
    while let Some(open) = tail.find('(') {
        let Some(close) = tail[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = &tail[open + 1..close];
        let taken = match BidStatus::from_marker(inner) {
            Some(s) if status.is_none() => {
                status = Some(s);
                true
            }
            Some(_) => false,
            None => match bid_date_marker(inner) {
                Some(Ok(d)) if date.is_none() => {
                    date = Some(d);
                    true
                }
                Some(Err(e)) => {
                    return Err(ValueError::new(
                        format!("วันที่ยื่นข้อเสนอ \"{}\" ไม่ถูกต้อง: {}", clean(inner), e.th),
                        format!("the bid date \"{}\" is invalid: {}", clean(inner), e.en),
                    ));
                }
                _ => false,
            },
        };
        if taken {
            rest.push_str(&tail[..open]);
            rest.push(' ');
        } else {
            rest.push_str(&tail[..=close]);
        }
        tail = &tail[close + 1..];
    }
    rest.push_str(tail);
    Ok(BidMarkers { rest, status, date })
}

/// The lines of a cell that lists names: new lines, `;`, and the `<br>` of text copied from a
/// web page.
fn entry_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.split(['\n', ';']) {
        let mut rest = line;
        while let Some(i) = rest.to_ascii_lowercase().find("<br") {
            out.push(&rest[..i]);
            let after = &rest[i..];
            rest = after.find('>').map_or("", |e| &after[e + 1..]);
        }
        out.push(rest);
    }
    out
}

/// `1. ร้าน ก` or `1) ร้าน ก`: the numbering a list of bidders is often typed with.
fn strip_numbering(s: &str) -> &str {
    let digits = s.len()
        - s.trim_start_matches(|c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
            .len();
    if digits == 0 || digits > 6 {
        return s;
    }
    match s[digits..].strip_prefix(['.', ')']) {
        Some(rest) if rest.starts_with(is_blank_char) || rest.is_empty() => clean(rest),
        _ => s,
    }
}

/// Words a form writes between a name and its price: `เสนอราคา`, `(เป็นเงิน)`, `ราคาที่ตกลง`, `/`.
const PRICE_WORDS: [&str; 12] = [
    "เสนอราคาเป็นเงิน",
    "เสนอราคา",
    "ราคาที่เสนอ",
    "ราคาที่ตกลงซื้อหรือจ้าง",
    "ราคาที่ตกลงซื้อ",
    "ราคาที่ตกลง",
    "ราคาตกลง",
    "ราคา",
    "เป็นเงิน",
    "จำนวนเงิน",
    "จำนวน",
    "ในราคา",
];

/// `name` without the price words and separators a form puts before the price.
fn strip_price_words(name: &str) -> &str {
    let mut s = clean(name);
    loop {
        let before = s.len();
        s = clean(s.trim_end_matches(|c: char| {
            is_blank_char(c) || matches!(c, ',' | ':' | '-' | '=' | '/')
        }));
        for w in PRICE_WORDS {
            if let Some(rest) = s.strip_suffix(w) {
                s = clean(rest);
            }
            let bracketed = format!("({w})");
            if let Some(rest) = s.strip_suffix(bracketed.as_str()) {
                s = clean(rest);
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// A name and the amount written after it, as one line of a bids cell or a winner cell holds
/// them: `ร้าน ก 12,000`, `ร้าน ก เสนอราคา(เป็นเงิน) 12,100.00 บาท`, `ร้าน ก / 12,100 บาท`.
/// Returns the name (empty when the line is only a price) and the amount's text, if any.
fn split_amount(line: &str) -> (String, Option<String>) {
    let norm = thai_to_arabic_digits(line);
    let body = clean(&norm);
    let body = clean(body.strip_suffix("บาท").unwrap_or(body));
    let is_amount = |t: &str| {
        !t.is_empty()
            && t.chars().any(|c| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '−'))
    };
    // The amount is the last token: after a blank, or glued to a price word or a slash
    // (`เสนอราคา12,100`, `ร้าน ก/12,100`).
    let start = match body.rsplit_once(is_blank_char) {
        Some((_, last)) if is_amount(last) => Some(body.len() - last.len()),
        _ => {
            let digits = body.len()
                - body
                    .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.'))
                    .len();
            let head = &body[..body.len() - digits];
            let glued = ["/", ":", "="]
                .iter()
                .chain(PRICE_WORDS.iter())
                .any(|w| head.ends_with(w));
            (digits > 0 && (glued || head.is_empty()) && is_amount(&body[head.len()..]))
                .then_some(head.len())
        }
    };
    match start {
        Some(i) => (
            strip_price_words(&body[..i]).to_owned(),
            Some(body[i..].to_owned()),
        ),
        None => (strip_price_words(body).to_owned(), None),
    }
}

/// A bid as read from one entry of a list, before its price is checked.
struct Entry {
    name: String,
    price: Option<String>,
    status: Option<BidStatus>,
    date: Option<Date>,
}

/// The entries of a cell listing names with their prices: one a line, numbered or not, and a
/// price on a line of its own ("เสนอราคา 12,100.00 บาท") belongs to the name above it.
fn entries(text: &str) -> Result<Vec<Entry>, ValueError> {
    let mut out: Vec<Entry> = Vec::new();
    for raw in entry_lines(text) {
        let BidMarkers { rest, status, date } = take_bid_markers(clean(raw))?;
        let part = strip_numbering(clean(&rest));
        if part.is_empty() {
            if let Some(last) = out.last_mut() {
                if let Some(s) = status {
                    last.status.get_or_insert(s);
                }
                last.date = last.date.or(date);
            }
            continue;
        }
        let (name, price) = split_amount(part);
        match (name.is_empty(), price) {
            (true, Some(price)) => {
                if let Some(last) = out.last_mut().filter(|l| l.price.is_none()) {
                    last.price = Some(price);
                    if let Some(s) = status {
                        last.status.get_or_insert(s);
                    }
                    last.date = last.date.or(date);
                    continue;
                }
                return Err(ValueError::new(
                    format!(
                        "ราคาที่เสนอ {price} ไม่มีชื่อผู้เสนอราคา: เขียนชื่อผู้เสนอราคาแล้วตามด้วยราคา เช่น ร้านสมใจ 12,000"
                    ),
                    format!(
                        "the bid {price} has no bidder name: write the name then the price, e.g. ร้านสมใจ 12,000"
                    ),
                ));
            }
            // Only the words ("เสนอราคา") with nothing else: nothing to read.
            (true, None) => {}
            (false, price) => out.push(Entry {
                name,
                price,
                status,
                date,
            }),
        }
    }
    Ok(out)
}

fn entry_price(e: &Entry) -> Result<Option<Money>, ValueError> {
    e.price
        .as_deref()
        .map(|p| {
            parse_money(p).map_err(|err| {
                ValueError::new(
                    format!("ราคา \"{p}\" ของ \"{}\" ไม่ถูกต้อง: {}", e.name, err.th),
                    format!("the price \"{p}\" of \"{}\" is invalid: {}", e.name, err.en),
                )
            })
        })
        .transpose()
}

/// The bids cell: one bid a line (or `;`-separated), the bidder's name then the price as the
/// last token, optionally numbered, with the words forms put between them (`เสนอราคา`,
/// `(เป็นเงิน)`, `/`), or the price on the next line. Returns the bids and, for each bid given
/// without a price, its name (a warning in the template, an error in the สขร.1 form).
pub fn parse_bids(text: &str) -> Result<(Vec<Bid>, Vec<String>), ValueError> {
    let mut bids = Vec::new();
    let mut no_price = Vec::new();
    for e in entries(text)? {
        let price = entry_price(&e)?;
        // A withdrawn bid may never have had a price to report.
        if price.is_none() && e.status != Some(BidStatus::Withdrawn) {
            no_price.push(e.name.clone());
        }
        bids.push(Bid {
            name: e.name,
            price,
            status: e.status,
            date: e.date,
        });
    }
    Ok((bids, no_price))
}

/// Bidders in one cell and their prices in the cell beside it, a line each (a split bidders
/// heading: รายชื่อผู้เสนอราคา | ราคาที่เสนอ). A names cell that holds prices itself reads as a
/// bids cell.
pub fn parse_bids_beside(names: &str, prices: &str) -> Result<(Vec<Bid>, Vec<String>), ValueError> {
    let (mut bids, _) = parse_bids(names)?;
    let amounts: Vec<&str> = entry_lines(prices)
        .into_iter()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect();
    if amounts.is_empty() {
        let no_price = bids
            .iter()
            .filter(|b| b.price.is_none() && b.status != Some(BidStatus::Withdrawn))
            .map(|b| b.name.clone())
            .collect();
        return Ok((bids, no_price));
    }
    if amounts.len() != bids.len() {
        return Err(ValueError::new(
            format!(
                "มีชื่อผู้เสนอราคา {} ราย แต่มีราคาที่เสนอ {} รายการ: เขียนราคาบรรทัดละหนึ่งราคา ให้ตรงกับชื่อทีละบรรทัด",
                bids.len(),
                amounts.len()
            ),
            format!(
                "{} bidders but {} prices: write one price a line, level with its bidder's name",
                bids.len(),
                amounts.len()
            ),
        ));
    }
    for (bid, amount) in bids.iter_mut().zip(amounts) {
        let (words, price) = split_amount(amount);
        let price = price.unwrap_or(words);
        let e = Entry {
            name: bid.name.clone(),
            price: Some(price),
            status: None,
            date: None,
        };
        bid.price = entry_price(&e)?;
    }
    Ok((bids, Vec::new()))
}

/// A cell naming one party with an amount, as the สขร.1 form writes its winner:
/// `ร้าน ก\nราคาที่ตกลง 12,100.00 บาท`, `ร้าน ก 12,100.00 บาท`, `ร้าน ก / 12,100 บาท`.
/// Returns the name and the amount's text (`None` when the cell gives no amount).
pub fn split_named_amount(text: &str) -> Result<(String, Option<String>), ValueError> {
    let mut found = entries(text)?;
    match found.len() {
        0 => Ok((String::new(), None)),
        1 => {
            let e = found.remove(0);
            Ok((e.name, e.price))
        }
        n => {
            // Several lines with one amount: a long name broken over lines.
            let priced = found.iter().filter(|e| e.price.is_some()).count();
            if priced <= 1 {
                let price = found.iter().find_map(|e| e.price.clone());
                let name = found
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                return Ok((name, price));
            }
            Err(ValueError::new(
                format!(
                    "ช่องนี้มีชื่อ {n} รายพร้อมราคา: ผู้ได้รับการคัดเลือกต้องมีรายเดียวต่อหนึ่งแถว แยกเป็นแถวละหนึ่งรายการ"
                ),
                format!(
                    "this cell names {n} parties with prices: give one winner per row, one row per procurement"
                ),
            ))
        }
    }
}

/// A cell holding a contract's number and date, as the สขร.1 form writes it:
/// `สัญญาจ้าง 3/2568\nลว. 28 ต.ค. 2567`, `สัญญาซื้อขาย เลขที่ 9/2568 ลงวันที่ 14 มีนาคม 2568`,
/// `ใบสั่งซื้อ 1/2568 15/10/2567`. Returns the number and the date's text (`None` when the cell
/// gives no date: it may be in the cell beside it).
pub fn split_contract(text: &str) -> (Option<String>, Option<String>) {
    let t = clean(text);
    if t.is_empty() {
        return (None, None);
    }
    let no = |s: &str| {
        let s = clean(s.trim_end_matches(|c: char| is_blank_char(c) || matches!(c, ',' | '/')));
        (!s.is_empty()).then(|| s.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    // A word that introduces the date: the number is before it.
    for marker in ["ลงวันที่", "ลว.", "ลว ", "วันที่"] {
        if let Some(i) = t.find(marker) {
            return (no(&t[..i]), Some(clean(&t[i..]).to_owned()));
        }
    }
    // A date on the last line, or as the last one or three words.
    let lines: Vec<&str> = t.lines().map(clean).filter(|l| !l.is_empty()).collect();
    if lines.len() > 1
        && let Some(last) = lines.last()
        && parse_date(last).is_ok()
    {
        return (
            no(&lines[..lines.len() - 1].join(" ")),
            Some((*last).to_owned()),
        );
    }
    let words: Vec<&str> = t.split(is_blank_char).filter(|w| !w.is_empty()).collect();
    for n in [3, 1] {
        if words.len() > n {
            let date = words[words.len() - n..].join(" ");
            if parse_date(&date).is_ok() {
                return (no(&words[..words.len() - n].join(" ")), Some(date));
            }
        }
    }
    (no(t), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prongsai_model::{Date, YearMonth, to_thai_digits};
    use proptest::prelude::*;

    fn m(s: &str) -> i64 {
        parse_money(s).unwrap().satang()
    }

    #[test]
    fn money_forms() {
        assert_eq!(m("1234.5"), 123_450);
        assert_eq!(m("1,234.50"), 123_450);
        assert_eq!(m("๑,๒๓๔.๕๐"), 123_450);
        assert_eq!(m(" 1,234.50 บาท "), 123_450);
        assert_eq!(m("1234บาท"), 123_400);
        assert_eq!(m("0"), 0);
        assert_eq!(m(".5"), 50);
        assert_eq!(m("12."), 1200);
        for bad in [
            "-5",
            "(1,000)",
            "1.234",
            "12a",
            "",
            "บาท",
            "1,23",
            "1,2345",
            "1.2.3",
            "9999999999999",
            ".",
            "1 000",
        ] {
            assert!(parse_money(bad).is_err(), "{bad}");
        }
        assert!(parse_money("1.234").unwrap_err().en.contains("2 decimals"));
        assert!(parse_money("-1").unwrap_err().en.contains("negative"));
    }

    #[test]
    fn date_forms() {
        let d = Date::from_be(2567, 10, 15).unwrap();
        for s in [
            "15/10/2567",
            "15 ต.ค. 2567",
            "15 ตุลาคม 2567",
            "2567-10-15",
            "๑๕/๑๐/๒๕๖๗",
            "15 ตค 2567",
            "15ต.ค.2567",
            "15 ตุลาคม พ.ศ. 2567",
            " 15/10/2567 ",
            "15-10-2567",
        ] {
            assert_eq!(parse_date(s), Ok(d), "{s}");
        }
        let ce = parse_date("15/10/2024").unwrap_err();
        assert!(ce.th.contains("2567") && ce.en.contains("พ.ศ."), "{ce}");
        assert!(
            parse_date("31/02/2568")
                .unwrap_err()
                .en
                .contains("calendar")
        );
        assert!(parse_date("15/13/2568").is_err());
        // Two-digit years are Buddhist Era (data contract); three digits are a slip.
        assert_eq!(
            parse_date("15/10/67").map(|d| d.iso()),
            Ok("2024-10-15".into())
        );
        assert!(parse_date("15/10/567").is_err());
        assert!(parse_date("15 ตุลา 2567").is_err());
        assert!(parse_date("yesterday").is_err());
        assert!(parse_date("").is_err());
        assert!(parse_date("/").is_err());
    }

    #[test]
    fn month_forms() {
        let ym = YearMonth::new(2568, 1);
        for s in [
            "ม.ค. 2568",
            "มกราคม 2568",
            "2568-01",
            "2568-1",
            "01/2568",
            "๒๕๖๘-๐๑",
        ] {
            assert_eq!(parse_month(s), Ok(ym), "{s}");
        }
        assert!(parse_month("2025-01").unwrap_err().th.contains("2568"));
        assert!(parse_month("2568-13").is_err());
        assert!(parse_month("มกรา").is_err());
    }

    #[test]
    fn ids() {
        assert!(parse_tin("0-9940-00165-51-0").is_ok());
        assert!(parse_tin("0994000165510").is_ok());
        let e = parse_tin("0994000165511").unwrap_err();
        assert!(e.en.contains("should be 0"), "{e}");
        assert!(parse_tin("099400016551").unwrap_err().en.contains("has 12"));
        assert!(parse_tin("3.31E+12").unwrap_err().en.contains("Text"));
        assert!(parse_egp_no("67109123456").is_ok());
        assert!(
            parse_egp_no("6710912345")
                .unwrap_err()
                .en
                .contains("has 10")
        );
        assert!(
            parse_egp_no("67199123456")
                .unwrap_err()
                .en
                .contains("month")
        );
        assert_eq!(parse_seq("๑๒"), Ok(12));
        assert_eq!(parse_seq("3."), Ok(3));
        assert!(parse_seq("0").is_err());
        assert!(parse_seq("1a").is_err());
        assert!(parse_method("ประมูล").unwrap_err().en.contains("e-bidding"));
        assert!(
            parse_status("x")
                .unwrap_err()
                .th
                .contains("ยกเลิกการดำเนินการ")
        );
    }

    #[test]
    fn bids() {
        let (b, missing) =
            parse_bids("ร้านสมใจ 12,000 บาท\nหจก.ก้าวหน้า ราคา 12,500.50;บริษัท ดี จำกัด").unwrap();
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].name, "ร้านสมใจ");
        assert_eq!(b[0].price, Some(Money::from_baht(12_000)));
        assert_eq!(b[1].name, "หจก.ก้าวหน้า");
        assert_eq!(b[1].price, Some(Money::from_satang(1_250_050)));
        assert_eq!(b[2].price, None);
        assert_eq!(missing, vec!["บริษัท ดี จำกัด".to_owned()]);
        assert!(parse_bids("ร้าน ก -500").is_err());
        assert!(parse_bids("12,000").is_err());
        assert_eq!(parse_bids("  \n ; ").unwrap().0.len(), 0);
        assert_eq!(
            parse_bids("ร้าน ก ๑๒,๐๐๐บาท").unwrap().0[0].price,
            Some(Money::from_baht(12_000))
        );
    }

    #[test]
    fn bids_as_the_forms_write_them() {
        let price = |b: &Bid| b.price.map(Money::satang);
        for text in [
            "ร้าน ก เสนอราคา(เป็นเงิน) 12,100.00 บาท",
            "ร้าน ก เสนอราคาเป็นเงิน 12,100.00 บาท",
            "ร้าน ก / 12,100.00 บาท",
            "ร้าน ก 12,100.00 บาท",
            "1. ร้าน ก 12,100.00 บาท",
            "ร้าน ก\nเสนอราคา 12,100.00 บาท",
            "ร้าน ก<br>เสนอราคาเป็นเงิน 12,100.00 บาท",
            "ร้าน ก เสนอราคา12,100",
        ] {
            let (b, missing) = parse_bids(text).unwrap();
            assert_eq!(b.len(), 1, "{text}");
            assert_eq!(
                (b[0].name.as_str(), price(&b[0])),
                ("ร้าน ก", Some(1_210_000)),
                "{text}"
            );
            assert!(missing.is_empty(), "{text}");
        }
        let (b, _) = parse_bids("1. ร้าน ก\nเสนอราคา 500 บาท\n2. หจก. ข\nเสนอราคา 600 บาท").unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!((b[1].name.as_str(), price(&b[1])), ("หจก. ข", Some(60_000)));
        // A firm whose name starts with a number keeps it.
        assert_eq!(
            parse_bids("3 เค ซัพพลาย 500").unwrap().0[0].name,
            "3 เค ซัพพลาย"
        );
        let (b, missing) = parse_bids_beside("ร้าน ก\nร้าน ข", "12,100.00\n12,500.00 บาท").unwrap();
        assert_eq!(
            (price(&b[0]), price(&b[1])),
            (Some(1_210_000), Some(1_250_000))
        );
        assert!(missing.is_empty());
        assert!(parse_bids_beside("ร้าน ก\nร้าน ข", "12,100.00").is_err());
        assert!(parse_bids_beside("ร้าน ก", "สองหมื่น").is_err());
    }

    #[test]
    fn winners_and_contracts_in_one_cell() {
        let w = |t: &str| split_named_amount(t).unwrap();
        assert_eq!(
            w("ร้าน ก\nราคาที่ตกลง 12,100.00 บาท"),
            ("ร้าน ก".into(), Some("12,100.00".into()))
        );
        assert_eq!(
            w("ร้าน ก 12,100.00 บาท"),
            ("ร้าน ก".into(), Some("12,100.00".into()))
        );
        assert_eq!(
            w("ร้าน ก / 12,100 บาท"),
            ("ร้าน ก".into(), Some("12,100".into()))
        );
        assert_eq!(w("ร้าน ก"), ("ร้าน ก".into(), None));
        assert_eq!(
            w("ห้างหุ้นส่วนจำกัด\nเมืองหลวงวัสดุ\nราคาที่ตกลง 5,000 บาท"),
            ("ห้างหุ้นส่วนจำกัด เมืองหลวงวัสดุ".into(), Some("5,000".into()))
        );
        assert!(split_named_amount("ร้าน ก 100\nร้าน ข 200").is_err());
        let c = |t: &str| split_contract(t);
        let some = |a: &str, b: &str| (Some(a.to_owned()), Some(b.to_owned()));
        assert_eq!(
            c("สัญญาจ้าง 3/2568\nลว. 28 ต.ค. 2567"),
            some("สัญญาจ้าง 3/2568", "ลว. 28 ต.ค. 2567")
        );
        assert_eq!(
            c("สัญญาซื้อขาย เลขที่ 9/2568 ลงวันที่ 14 มีนาคม 2568"),
            some("สัญญาซื้อขาย เลขที่ 9/2568", "ลงวันที่ 14 มีนาคม 2568")
        );
        assert_eq!(c("ใบสั่งซื้อ 1/2568"), (Some("ใบสั่งซื้อ 1/2568".into()), None));
        assert_eq!(
            c("ใบสั่งซื้อ 1/2568 15/10/2567"),
            some("ใบสั่งซื้อ 1/2568", "15/10/2567")
        );
        assert_eq!(
            c("ใบสั่งจ้าง 4/2568\n3 ต.ค. 67"),
            some("ใบสั่งจ้าง 4/2568", "3 ต.ค. 67")
        );
        assert_eq!(
            c("สัญญา เลขที่ 5/2568\nวันที่ 2 ต.ค. 2567"),
            some("สัญญา เลขที่ 5/2568", "วันที่ 2 ต.ค. 2567")
        );
        assert_eq!(c(" "), (None, None));
    }

    #[test]
    fn bid_status_markers() {
        let (b, missing) = parse_bids(
            "ร้าน ก 12,000 (ไม่ผ่านคุณสมบัติ)\nร้าน ข (ถอนตัว)\nร้าน ค (ผ่านคุณสมบัติ) ๑๑,๐๐๐ บาท\nร้าน (ผ่านฟ้า) 9,000",
        )
        .unwrap();
        assert_eq!(b.len(), 4);
        assert_eq!(
            (b[0].name.as_str(), b[0].price, b[0].status),
            (
                "ร้าน ก",
                Some(Money::from_baht(12_000)),
                Some(BidStatus::Disqualified)
            )
        );
        assert_eq!(
            (b[1].name.as_str(), b[1].price, b[1].status),
            ("ร้าน ข", None, Some(BidStatus::Withdrawn))
        );
        assert_eq!(
            (b[2].name.as_str(), b[2].price, b[2].status),
            (
                "ร้าน ค",
                Some(Money::from_baht(11_000)),
                Some(BidStatus::Valid)
            )
        );
        // Brackets that are not a status stay in the name.
        assert_eq!((b[3].name.as_str(), b[3].status), ("ร้าน (ผ่านฟ้า)", None));
        // A withdrawn bid without a price is not a missing price.
        assert!(missing.is_empty());
        // What the exports write (Bid::marker) reads back as the same status.
        for status in [
            BidStatus::Valid,
            BidStatus::Disqualified,
            BidStatus::Withdrawn,
        ] {
            let bid = Bid {
                name: "ร้าน ก".into(),
                price: Some(Money::from_baht(1_000)),
                status: Some(status),
                date: None,
            };
            let text = format!("{} 1000{}", bid.name, bid.marker());
            assert_eq!(parse_bids(&text).unwrap().0, vec![bid]);
        }
    }

    #[test]
    fn bid_dates_in_brackets() {
        let d = Date::from_be(2567, 10, 3).unwrap();
        let (b, _) = parse_bids(
            "ร้าน ก 12,000 (ยื่น 3 ต.ค. 2567)\nร้าน ข (ยื่นเมื่อ 03/10/2567) 12,500 (ไม่ผ่านคุณสมบัติ)\nร้าน ค 13,000 (2567-10-03)\nบริษัท ง (ประเทศไทย) จำกัด 14,000 (วันที่ยื่นข้อเสนอ ๓ ตุลาคม ๒๕๖๗)",
        )
        .unwrap();
        assert_eq!(b.len(), 4);
        assert!(b.iter().all(|x| x.date == Some(d)), "{b:?}");
        assert_eq!(
            (b[1].name.as_str(), b[1].status, b[1].price),
            (
                "ร้าน ข",
                Some(BidStatus::Disqualified),
                Some(Money::from_baht(12_500))
            )
        );
        // Brackets that are neither a status nor a date stay in the name.
        assert_eq!(b[3].name, "บริษัท ง (ประเทศไทย) จำกัด");
        // Words that say "a date" make an unreadable date an error, not part of the name.
        let e = parse_bids("ร้าน ก 12,000 (ยื่น 31/02/2568)").unwrap_err();
        assert!(e.th.contains("วันที่ยื่นข้อเสนอ"), "{e}");
        assert!(parse_bids("ร้าน ก 12,000 (ยื่น 3/10/2024)").is_err());
        // What the exports write reads back as the same bid.
        let bid = Bid {
            name: "ร้าน ก".into(),
            price: Some(Money::from_baht(1_000)),
            status: Some(BidStatus::Withdrawn),
            date: Some(d),
        };
        let text = format!("{} 1000{}", bid.name, bid.marker());
        assert_eq!(parse_bids(&text).unwrap().0, vec![bid]);
    }

    #[test]
    fn unspsc_codes() {
        let u = parse_unspsc("72141103").unwrap();
        assert_eq!((u.code(), u.description()), ("72141103", None));
        let u = parse_unspsc(" ๗๒๑๔๑๑๐๓ : งานก่อสร้างถนน ").unwrap();
        assert_eq!(
            (u.code(), u.description()),
            ("72141103", Some("งานก่อสร้างถนน"))
        );
        assert_eq!(parse_unspsc(&u.to_string()), Ok(u));
        assert_eq!(parse_unspsc("72-14-11-03").unwrap().code(), "72141103");
        assert!(parse_unspsc("721411").unwrap_err().en.contains("has 6"));
        assert!(parse_unspsc("งานถนน").is_err());
        assert!(parse_unspsc("721411031").is_err());
    }

    proptest! {
        #[test]
        fn money_round_trips(satang in 0i64..100_000_000_000_000, baht_suffix: bool, thai: bool, display: bool) {
            let money = Money::from_satang(satang);
            let mut s = if display { money.to_string() } else { money.plain() };
            if baht_suffix { s.push_str(" บาท"); }
            if thai { s = to_thai_digits(&s); }
            prop_assert_eq!(parse_money(&s), Ok(money));
        }

        #[test]
        fn thai_and_arabic_dates_agree(days in -20_000i64..40_000, form in 0usize..4) {
            let d = Date::from_days(days);
            let s = match form {
                0 => format!("{}/{}/{}", d.day(), d.month(), d.year_be()),
                1 => d.thai_short(),
                2 => d.thai_long(),
                _ => format!("{}-{:02}-{:02}", d.year_be(), d.month(), d.day()),
            };
            prop_assert_eq!(parse_date(&s), Ok(d));
            prop_assert_eq!(parse_date(&to_thai_digits(&s)), Ok(d));
        }

        #[test]
        fn tin_check_digit_is_enforced(n in 0u64..1_000_000_000_000, wrong in 1u8..10) {
            let first = format!("{n:012}");
            let check = tin_check_digit(&first).unwrap();
            let dashed = format!("{}-{}-{}-{}-{check}", &first[0..1], &first[1..5], &first[5..10], &first[10..12]);
            prop_assert!(parse_tin(&dashed).is_ok());
            prop_assert!(parse_tin(&to_thai_digits(&dashed)).is_ok());
            let bad = format!("{first}{}", (check + wrong) % 10);
            let err = parse_tin(&bad).unwrap_err();
            let want = format!("should be {check}");
            prop_assert!(err.en.contains(&want), "{}", err.en);
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,40}") {
            let _ = parse_money(&s);
            let _ = parse_date(&s);
            let _ = parse_month(&s);
            let _ = parse_tin(&s);
            let _ = parse_egp_no(&s);
            let _ = parse_seq(&s);
            let _ = parse_bids(&s);
            let _ = parse_unspsc(&s);
        }
    }
}
