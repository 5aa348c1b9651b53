use serde::{Serialize, Serializer};
use std::fmt;

/// วิธีการจัดซื้อจัดจ้าง under มาตรา 55–56 of the Public Procurement Act B.E. 2560.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    EBidding,
    EMarket,
    PriceInquiry,
    Selection,
    Specific,
    DesignContest,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::EBidding,
        Method::EMarket,
        Method::PriceInquiry,
        Method::Selection,
        Method::Specific,
        Method::DesignContest,
    ];

    /// The canonical value of the data contract.
    pub fn canonical(self) -> &'static str {
        match self {
            Method::EBidding => "e-bidding",
            Method::EMarket => "e-market",
            Method::PriceInquiry => "สอบราคา",
            Method::Selection => "วิธีคัดเลือก",
            Method::Specific => "วิธีเฉพาะเจาะจง",
            Method::DesignContest => "วิธีประกวดแบบ",
        }
    }

    /// The Thai name as printed on สขร.1 forms.
    pub fn thai(self) -> &'static str {
        match self {
            Method::EBidding => "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
            Method::EMarket => "ตลาดอิเล็กทรอนิกส์ (e-market)",
            Method::PriceInquiry => "สอบราคา",
            Method::Selection => "วิธีคัดเลือก",
            Method::Specific => "วิธีเฉพาะเจาะจง",
            Method::DesignContest => "วิธีประกวดแบบ",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Method::EBidding => "electronic bidding",
            Method::EMarket => "electronic market",
            Method::PriceInquiry => "price inquiry",
            Method::Selection => "selection",
            Method::Specific => "specific (direct) method",
            Method::DesignContest => "design contest",
        }
    }

    /// ประกาศเชิญชวนทั่วไป (มาตรา 55 (1)): anyone may bid.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Method::EBidding | Method::EMarket | Method::PriceInquiry
        )
    }

    /// Accepts the canonical value and the spellings finance officers, ITA lists and accounting
    /// exports use, compared by [`key`]: blind to case, spacing, punctuation, the word วิธี and
    /// what PDF or Word did to the Thai marks.
    pub fn parse(text: &str) -> Option<Method> {
        const SPELLINGS: &[(Method, &[&str])] = &[
            (
                Method::EBidding,
                &[
                    "e-bidding",
                    "ประกวดราคาอิเล็กทรอนิกส์",
                    "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
                    "ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์",
                    "eb",
                ],
            ),
            (
                Method::EMarket,
                &[
                    "e-market",
                    "ตลาดอิเล็กทรอนิกส์",
                    "ตลาดอิเล็กทรอนิกส์ (e-market)",
                    "em",
                ],
            ),
            (Method::PriceInquiry, &["สอบราคา", "price inquiry"]),
            (Method::Selection, &["คัดเลือก", "selection"]),
            (
                Method::Specific,
                &["เฉพาะเจาะจง", "specific", "เฉพาะเจาะจง มาตรา 56"],
            ),
            (Method::DesignContest, &["ประกวดแบบ", "design contest"]),
        ];
        static KEYS: std::sync::LazyLock<Vec<(String, Method)>> = std::sync::LazyLock::new(|| {
            SPELLINGS
                .iter()
                .flat_map(|(m, names)| names.iter().map(move |n| (key(n), *m)))
                .collect()
        });
        let k = key(text);
        KEYS.iter().find(|(s, _)| *s == k).map(|(_, m)| *m)
    }

    /// The list shown in "accepted values" messages.
    pub fn accepted_list() -> String {
        Method::ALL
            .iter()
            .map(|m| m.canonical())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The comparison key of a method or status name: [`prongsai_text::match_key`] without the
/// punctuation officers vary (`e-bidding`, `(e-market)`, `วิธี.`) and without a leading วิธี.
fn key(text: &str) -> String {
    let k: String = prongsai_text::match_key(text)
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.' | '(' | ')'))
        .collect();
    // วิธี as a key, its vowel marks gone.
    match k.strip_prefix("วธ") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => k,
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.canonical())
    }
}

impl Serialize for Method {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.canonical())
    }
}

/// สถานะการจัดซื้อจัดจ้าง, as the ITA list spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    NotSigned,
    UnderContract,
    Completed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotSigned,
        Status::UnderContract,
        Status::Completed,
        Status::Cancelled,
    ];

    pub fn canonical(self) -> &'static str {
        match self {
            Status::NotSigned => "ยังไม่ลงนามในสัญญา",
            Status::UnderContract => "อยู่ระหว่างระยะสัญญา",
            Status::Completed => "สิ้นสุดสัญญา",
            Status::Cancelled => "ยกเลิกการดำเนินการ",
        }
    }

    pub fn english(self) -> &'static str {
        match self {
            Status::NotSigned => "not yet signed",
            Status::UnderContract => "under contract",
            Status::Completed => "contract ended",
            Status::Cancelled => "cancelled",
        }
    }

    /// Accepts the canonical value and the spellings ITA lists and accounting exports use,
    /// compared by [`key`].
    pub fn parse(text: &str) -> Option<Status> {
        const SPELLINGS: &[(Status, &[&str])] = &[
            (
                Status::NotSigned,
                &["ยังไม่ลงนามในสัญญา", "ยังไม่ได้ลงนามในสัญญา", "not signed"],
            ),
            (
                Status::UnderContract,
                &[
                    "อยู่ระหว่างระยะสัญญา",
                    "อยู่ระหว่างดำเนินการ",
                    "อยู่ระหว่างสัญญา",
                    "under contract",
                    "active",
                ],
            ),
            (
                Status::Completed,
                &[
                    "สิ้นสุดสัญญา",
                    "สิ้นสุดระยะสัญญา",
                    "ดำเนินการแล้วเสร็จ",
                    "แล้วเสร็จ",
                    "completed",
                    "terminated",
                ],
            ),
            (
                Status::Cancelled,
                &["ยกเลิกการดำเนินการ", "ยกเลิก", "cancelled", "canceled"],
            ),
        ];
        static KEYS: std::sync::LazyLock<Vec<(String, Status)>> = std::sync::LazyLock::new(|| {
            SPELLINGS
                .iter()
                .flat_map(|(st, names)| names.iter().map(move |n| (key(n), *st)))
                .collect()
        });
        let k = key(text);
        KEYS.iter().find(|(s, _)| *s == k).map(|(_, st)| *st)
    }

    pub fn accepted_list() -> String {
        Status::ALL
            .iter()
            .map(|s| s.canonical())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.canonical())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases() {
        assert_eq!(Method::parse("e-bidding"), Some(Method::EBidding));
        assert_eq!(Method::parse(" E-Bidding "), Some(Method::EBidding));
        assert_eq!(
            Method::parse("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"),
            Some(Method::EBidding)
        );
        assert_eq!(Method::parse("เฉพาะเจาะจง"), Some(Method::Specific));
        assert_eq!(Method::parse("วิธีเฉพาะเจาะจง"), Some(Method::Specific));
        assert_eq!(Method::parse("e market"), Some(Method::EMarket));
        assert_eq!(Method::parse("ประมูล"), None);
        // As an ITA list or a PDF copy writes them.
        assert_eq!(
            Method::parse("ตลาดอิเล็กทรอนิกส์ (e-market)"),
            Some(Method::EMarket)
        );
        assert_eq!(Method::parse("วิธีเฉพำะเจำะจง"), Some(Method::Specific));
        assert_eq!(Method::parse("วิธีคัดเลือก"), Some(Method::Selection));
        assert_eq!(Method::parse("คัดเลือก"), Some(Method::Selection));
        assert_eq!(Status::parse("สิ้นสุดระยะสัญญา"), Some(Status::Completed));
        assert_eq!(Status::parse(" ยกเลิก "), Some(Status::Cancelled));
        assert_eq!(Status::parse("สิ้นสุด"), None);
        for m in Method::ALL {
            assert_eq!(Method::parse(m.canonical()), Some(m));
            assert_eq!(Method::parse(m.thai()), Some(m));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.canonical()), Some(s));
        }
    }
}
