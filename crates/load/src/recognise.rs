//! Which layout a month file is in, and where its header is: recognised from the content, never
//! from a setting. The header may be any of the first rows (title rows above it: "แบบ สขร.1",
//! the agency's name, the month), one row or two (a shared heading over sub-columns); its
//! cells are matched by the one table of spellings ([`crate::headers`]).
//!
//! The layout follows from the columns found:
//! - a column only the สขร.1 form has (winner and price in one cell, contract number and date in
//!   one cell, a split bidders heading, ลว.) says สขร.1;
//! - a column only the ITA list has (the agency's name, district, province, ministry, type, the
//!   fiscal year) says the ITA list, unless the header is also a complete template;
//! - otherwise the template when its required columns are all there, else whichever layout
//!   they complete.
//!
//! A header that completes the สขร.1 form and the ITA list at once is refused, naming both.

use crate::headers::{Col, TailOf, month_col, sub_col};
use prongsai_model::{Field, Layout};
use std::collections::BTreeSet;

/// How far below the top a header row is looked for.
pub(crate) const HEADER_SEARCH_ROWS: usize = 20;

/// A recognised header.
#[derive(Debug)]
pub(crate) struct Header {
    pub layout: Layout,
    /// Index of the header's first row among the rows given; the rows above it are titles.
    pub first: usize,
    /// Index of its last row: data starts below it.
    pub last: usize,
    /// Each physical column's meaning (0-based), `None` when its header is blank or unknown.
    pub cols: Vec<Option<Col>>,
    /// Each column's header as written (a sub-column with its heading: "เลขที่และวันที่… / วันที่").
    pub shown: Vec<String>,
}

impl Header {
    /// The line of the header row diagnostics point at: the row that names the columns.
    pub fn line(&self, lines: &[u32]) -> u32 {
        lines.get(self.first).copied().unwrap_or(1)
    }
}

/// Why no header was recognised.
#[derive(Debug, PartialEq)]
pub(crate) enum Miss {
    /// No row names two known columns.
    Nothing,
    /// The row that came closest (index), the layout it came closest to, and what it lacks.
    Incomplete {
        row: usize,
        layout: Layout,
        lacking: Vec<Field>,
    },
    /// A header that reads as two layouts at once.
    Ambiguous {
        row: usize,
        layouts: (Layout, Layout),
    },
}

/// The fields each layout must have a column for. The สขร.1 form may share one column between
/// two of them; the template may not (`template_fields` counts whole columns only).
pub(crate) fn required(layout: Layout) -> &'static [Field] {
    match layout {
        Layout::Template => &[
            Field::Seq,
            Field::Title,
            Field::Budget,
            Field::BudgetSource,
            Field::ReferencePrice,
            Field::Method,
            Field::Bids,
            Field::Winner,
            Field::AgreedPrice,
            Field::Reason,
            Field::ContractNo,
            Field::ContractDate,
            Field::Status,
        ],
        Layout::Skr1 => &[
            Field::Seq,
            Field::Title,
            Field::Budget,
            Field::ReferencePrice,
            Field::Method,
            Field::Bids,
            Field::Winner,
            Field::AgreedPrice,
            Field::Reason,
            Field::ContractNo,
            Field::ContractDate,
        ],
        Layout::Ita => &[
            Field::Title,
            Field::Budget,
            Field::BudgetSource,
            Field::Status,
            Field::Method,
            Field::ReferencePrice,
            Field::AgreedPrice,
            Field::Winner,
        ],
        // Never recognised from a month file's header: e-GP files are read by `egp`.
        Layout::Egp => &[],
    }
}

/// One candidate header (a row, or a row and the sub-header row under it) read column by column.
struct Reading {
    cols: Vec<Option<Col>>,
    shown: Vec<String>,
    two_rows: bool,
}

impl Reading {
    fn known(&self) -> usize {
        self.cols.iter().filter(|c| c.is_some()).count()
    }

    /// Fields with a column of their own (what the template needs).
    fn whole_fields(&self) -> BTreeSet<Field> {
        self.cols
            .iter()
            .filter_map(|c| match c {
                Some(Col::Field(f)) => Some(*f),
                _ => None,
            })
            .collect()
    }

    /// Fields any column gives, shared cells included.
    fn fields(&self) -> BTreeSet<Field> {
        self.cols
            .iter()
            .flatten()
            .flat_map(|c| c.fields())
            .collect()
    }

    fn lacking(&self, layout: Layout) -> Vec<Field> {
        let have = match layout {
            Layout::Template => self.whole_fields(),
            _ => self.fields(),
        };
        required(layout)
            .iter()
            .copied()
            .filter(|f| !have.contains(f))
            .collect()
    }

    fn decide(&self) -> Result<Layout, (Layout, Option<Layout>)> {
        let skr1_only = self.cols.iter().flatten().any(|c| c.is_skr1_only());
        let ita_only = self.cols.iter().flatten().any(|c| c.is_ita_only());
        let complete = |l: Layout| self.lacking(l).is_empty();
        let (t, s, i) = (
            complete(Layout::Template),
            complete(Layout::Skr1),
            complete(Layout::Ita),
        );
        match (skr1_only, ita_only) {
            (true, true) if s && i => Err((Layout::Skr1, Some(Layout::Ita))),
            (true, _) if s => Ok(Layout::Skr1),
            (true, true) if i => Ok(Layout::Ita),
            (true, _) => Err((Layout::Skr1, None)),
            (false, true) if t => Ok(Layout::Template),
            (false, true) if i => Ok(Layout::Ita),
            (false, true) => Err((self.closest(&[Layout::Ita, Layout::Template]), None)),
            (false, false) if t => Ok(Layout::Template),
            (false, false) if s => Ok(Layout::Skr1),
            (false, false) if i => Ok(Layout::Ita),
            (false, false) => Err((
                self.closest(&[Layout::Template, Layout::Skr1, Layout::Ita]),
                None,
            )),
        }
    }

    /// The layout the header lacks the fewest columns of (earlier in `order` on a tie).
    fn closest(&self, order: &[Layout]) -> Layout {
        order
            .iter()
            .copied()
            .min_by_key(|l| self.lacking(*l).len())
            .unwrap_or(Layout::Template)
    }
}

fn cell<S: AsRef<str>>(row: &[S], c: usize) -> &str {
    row.get(c).map_or("", |s| crate::values::clean(s.as_ref()))
}

/// Reads `row` as a header, with `below` as its sub-header row when it is one.
fn read<S: AsRef<str>>(row: &[S], below: Option<&[S]>) -> Reading {
    let width = row.len().max(below.map_or(0, <[S]>::len));
    // A heading merged across columns leaves the cells right of it blank: each column's heading
    // is its own cell's, else the nearest one to its left.
    let mut heading: Vec<(Option<Col>, &str)> = Vec::with_capacity(width);
    let mut left: (Option<Col>, &str) = (None, "");
    for c in 0..width {
        let text = cell(row, c);
        if !text.is_empty() {
            left = (month_col(text), text);
        }
        heading.push(left);
    }
    let two_rows = below.is_some_and(|b| is_sub_header(row, b, &heading));
    let mut cols = Vec::with_capacity(width);
    let mut shown = Vec::with_capacity(width);
    for (c, (parent, parent_text)) in heading.iter().enumerate() {
        let own = cell(row, c);
        let child = if two_rows {
            below.map_or("", |b| cell(b, c))
        } else {
            ""
        };
        let (col, text) = if !child.is_empty() {
            let col = sub_col(*parent, child);
            let text = if parent_text.is_empty() || *parent_text == child {
                child.to_owned()
            } else {
                format!("{parent_text} / {child}")
            };
            (col, text)
        } else if !own.is_empty() {
            (month_col(own), own.to_owned())
        } else {
            // A blank header right of a shared-cell heading: the rest of that heading's cell.
            let tail = match parent {
                Some(Col::ContractAndDate) => Some(Col::Tail(TailOf::Contract)),
                Some(Col::WinnerAndPrice) => Some(Col::Tail(TailOf::Winner)),
                Some(Col::Field(Field::Bids)) => Some(Col::Tail(TailOf::Bids)),
                _ => None,
            };
            (tail, String::new())
        };
        cols.push(col);
        shown.push(text);
    }
    Reading {
        cols,
        shown,
        two_rows,
    }
}

/// Whether `below` is a sub-header of `row`: every cell it fills names a column, and at least
/// one of them sits under a shared heading (contract, bidders, winner) of `row`.
fn is_sub_header<S: AsRef<str>>(row: &[S], below: &[S], heading: &[(Option<Col>, &str)]) -> bool {
    let mut under_shared = false;
    for (c, text) in below.iter().enumerate() {
        let text = crate::values::clean(text.as_ref());
        if text.is_empty() {
            continue;
        }
        let parent = heading.get(c).and_then(|h| h.0);
        let shared = matches!(
            parent,
            Some(
                Col::ContractAndDate
                    | Col::WinnerAndPrice
                    | Col::Field(Field::Bids | Field::Winner | Field::ContractNo)
            )
        );
        match sub_col(parent, text) {
            Some(_) if shared && text != cell(row, c) => under_shared = true,
            Some(_) => {}
            None => return false,
        }
    }
    under_shared
}

/// Finds the header among the first rows of a file (`rows`, each a row's cells).
pub(crate) fn recognise<S: AsRef<str>>(rows: &[Vec<S>]) -> Result<Header, Miss> {
    let mut closest: Option<(usize, usize, Layout, Vec<Field>)> = None;
    for r in 0..rows.len().min(HEADER_SEARCH_ROWS) {
        let reading = read(&rows[r], rows.get(r + 1).map(Vec::as_slice));
        if reading.known() < 2 {
            continue;
        }
        match reading.decide() {
            Ok(layout) => {
                return Ok(Header {
                    layout,
                    first: r,
                    last: r + usize::from(reading.two_rows),
                    cols: reading.cols,
                    shown: reading.shown,
                });
            }
            Err((a, Some(b))) => {
                return Err(Miss::Ambiguous {
                    row: r,
                    layouts: (a, b),
                });
            }
            Err((layout, None)) => {
                if closest.as_ref().is_none_or(|c| reading.known() > c.1) {
                    closest = Some((r, reading.known(), layout, reading.lacking(layout)));
                }
            }
        }
    }
    match closest {
        Some((row, _, layout, lacking)) => Err(Miss::Incomplete {
            row,
            layout,
            lacking,
        }),
        None => Err(Miss::Nothing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[&[&str]]) -> Vec<Vec<String>> {
        text.iter()
            .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
            .collect()
    }

    const SKR1: &[&str] = &[
        "ลำดับที่",
        "งานที่จัดซื้อหรือจัดจ้าง",
        "วงเงินที่จะซื้อหรือจ้าง",
        "ราคากลาง",
        "วิธีซื้อหรือจ้าง",
        "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
        "เหตุผลที่คัดเลือกโดยสรุป",
        "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
    ];

    const ITA16: &[&str] = &[
        "ที่",
        "ปีงบประมาณ",
        "ชื่อหน่วยงาน",
        "อำเภอ",
        "จังหวัด",
        "กระทรวง",
        "ประเภทหน่วยงาน",
        "ชื่อรายการของงานที่ซื้อหรือจ้าง",
        "วงเงินงบประมาณที่ได้รับจัดสรร (บาท)",
        "แหล่งที่มาของงบประมาณ",
        "สถานะการจัดซื้อจัดจ้าง",
        "วิธีการจัดซื้อจัดจ้าง",
        "ราคากลาง (บาท)",
        "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
        "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
        "เลขที่โครงการในระบบ e-GP",
    ];

    #[test]
    fn the_skr1_form_below_its_title_rows() {
        let r = rows(&[
            &["", "", "", "", "", "", "", "", "แบบ สขร.1"],
            &["สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนตุลาคม 2567"],
            &["องค์การบริหารส่วนตำบลเมืองหลวง"],
            SKR1,
            &["1", "จัดซื้อ", "1000"],
        ]);
        let h = recognise(&r).unwrap();
        assert_eq!((h.layout, h.first, h.last), (Layout::Skr1, 3, 3));
        assert_eq!(h.cols[6], Some(Col::WinnerAndPrice));
    }

    #[test]
    fn a_two_row_header_reads_its_sub_columns() {
        let r = rows(&[
            &[
                "ลำดับที่",
                "งานที่จัดซื้อหรือจัดจ้าง",
                "วงเงินงบประมาณ",
                "ราคากลาง",
                "วิธีซื้อ/จ้าง",
                "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
                "",
                "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
                "",
                "เหตุผลที่คัดเลือกโดยสังเขป",
                "เลขที่และวันที่ของสัญญา",
                "",
                "",
            ],
            &[
                "",
                "",
                "",
                "",
                "",
                "รายชื่อผู้เสนอราคา",
                "ราคาที่เสนอ",
                "ผู้ได้รับการคัดเลือก",
                "ราคาที่ตกลงซื้อหรือจ้าง",
                "",
                "เลขที่",
                "ลว.",
                "วันที่",
            ],
            &["1", "จัดซื้อ"],
        ]);
        let h = recognise(&r).unwrap();
        assert_eq!((h.layout, h.first, h.last), (Layout::Skr1, 0, 1));
        let f = |x| Some(Col::Field(x));
        assert_eq!(h.cols[5], f(Field::Bids));
        assert_eq!(h.cols[6], Some(Col::BidPrices));
        assert_eq!(h.cols[7], f(Field::Winner));
        assert_eq!(h.cols[8], f(Field::AgreedPrice));
        assert_eq!(h.cols[10], f(Field::ContractNo));
        assert_eq!(h.cols[11], Some(Col::Connector));
        assert_eq!(h.cols[12], f(Field::ContractDate));
        assert_eq!(h.shown[12], "เลขที่และวันที่ของสัญญา / วันที่");
    }

    #[test]
    fn the_ita_lists_and_the_template() {
        let h = recognise(&rows(&[ITA16])).unwrap();
        assert_eq!(h.layout, Layout::Ita);
        let eighteen: &[&str] = &[
            "ปีงบประมาณ",
            "ประเภทหน่วยงาน",
            "กระทรวง",
            "ชื่อหน่วยงาน",
            "อำเภอ",
            "จังหวัด",
            "งานจัดซื้อจัดจ้าง",
            "วงเงินงบประมาณที่ได้รับจัดสรร",
            "แหล่งที่มาของงบประมาณ",
            "สถานะการจัดซื้อจัดจ้าง",
            "วิธีการ",
            "ราคากลาง",
            "ราคาที่ตกลงซื้อจ้าง",
            "เลขประจำตัวผู้เสียภาษี",
            "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
            "เลขที่โครงการ",
            "วันที่เริ่มต้นสัญญา",
            "วันที่สิ้นสุดสัญญา",
        ];
        assert_eq!(recognise(&rows(&[eighteen])).unwrap().layout, Layout::Ita);
        let template: Vec<&str> = Field::MONTH.iter().map(|f| f.thai()).collect();
        let h = recognise(&rows(&[&template])).unwrap();
        assert_eq!((h.layout, h.first), (Layout::Template, 0));
    }

    #[test]
    fn what_is_not_a_header_is_named() {
        assert_eq!(
            recognise(&rows(&[&["a", "b"], &["1", "2"]])).unwrap_err(),
            Miss::Nothing
        );
        let short: Vec<&str> = SKR1[..7].to_vec();
        match recognise(&rows(&[&["แบบ สขร.1"], &short])).unwrap_err() {
            Miss::Incomplete {
                row,
                layout,
                lacking,
            } => {
                assert_eq!((row, layout), (1, Layout::Skr1));
                assert_eq!(
                    lacking,
                    vec![Field::Reason, Field::ContractNo, Field::ContractDate]
                );
            }
            other => panic!("{other:?}"),
        }
        let mut both: Vec<&str> = SKR1.to_vec();
        both.extend(&ITA16[1..]);
        assert!(matches!(
            recognise(&rows(&[&both])).unwrap_err(),
            Miss::Ambiguous { .. }
        ));
    }
}
