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

    /// Accepts the canonical value and the spellings finance officers use, case and spacing insensitive.
    pub fn parse(text: &str) -> Option<Method> {
        let key: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | '(' | ')'))
            .flat_map(char::to_lowercase)
            .collect();
        let key = key.strip_prefix("วิธี").unwrap_or(&key);
        Some(match key {
            "ebidding" | "ประกวดราคาอิเล็กทรอนิกส์" | "ประกวดราคาอิเล็กทรอนิกส์ebidding" | "eb" => {
                Method::EBidding
            }
            "emarket" | "ตลาดอิเล็กทรอนิกส์" | "ตลาดอิเล็กทรอนิกส์emarket" | "em" => {
                Method::EMarket
            }
            "สอบราคา" => Method::PriceInquiry,
            "คัดเลือก" => Method::Selection,
            "เฉพาะเจาะจง" | "specific" | "เฉพาะเจาะจงมาตรา56" => {
                Method::Specific
            }
            "ประกวดแบบ" => Method::DesignContest,
            "selection" => Method::Selection,
            "priceinquiry" => Method::PriceInquiry,
            "designcontest" => Method::DesignContest,
            _ => return None,
        })
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

    pub fn parse(text: &str) -> Option<Status> {
        let key: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "ยังไม่ลงนามในสัญญา" | "ยังไม่ได้ลงนามในสัญญา" | "notsigned" => {
                Status::NotSigned
            }
            "อยู่ระหว่างระยะสัญญา"
            | "อยู่ระหว่างดำเนินการ"
            | "อยู่ระหว่างสัญญา"
            | "undercontract"
            | "active" => Status::UnderContract,
            "สิ้นสุดสัญญา"
            | "สิ้นสุดระยะสัญญา"
            | "ดำเนินการแล้วเสร็จ"
            | "แล้วเสร็จ"
            | "completed"
            | "terminated" => Status::Completed,
            "ยกเลิกการดำเนินการ" | "ยกเลิก" | "cancelled" | "canceled" => {
                Status::Cancelled
            }
            _ => return None,
        })
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
        for m in Method::ALL {
            assert_eq!(Method::parse(m.canonical()), Some(m));
            assert_eq!(Method::parse(m.thai()), Some(m));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.canonical()), Some(s));
        }
    }
}
