//! Identifiers and date strings: everything here is a pure function of its input, so the same
//! data always yields the same ids, whatever else is in the year.

use prongsai_model::{Data, Date, Tin, normalise_name};
// FNV-1a: a fixed, documented function, so party ids do not change with the Rust version the
// way `DefaultHasher` output may.
use prongsai_text::fnv1a64;
use std::collections::BTreeMap;

/// Used when `agency.yaml` has no `ocid_prefix`. OCDS reserves no test prefix; registered
/// prefixes are six random lowercase letters and digits, so six `x` is recognisably a stand-in
/// and tells any reader that these ocids are not yet globally unique.
pub const PLACEHOLDER_PREFIX: &str = "ocds-xxxxxx";

/// org-id.guide's code for the Thai Revenue Department's 13-digit taxpayer number
/// (list `TH-TIN`, "Thai Revenue Department - Tax Identification Number").
pub const TIN_SCHEME: &str = "TH-TIN";

/// The e-GP department code (รหัสหน่วยงาน) of the Comptroller General's Department's e-GP
/// system. No org-id.guide list covers it; the crate README says so.
pub const EGP_SCHEME: &str = "TH-EGP";

/// A registered prefix is `ocds-` and six lowercase ASCII letters or digits.
pub fn is_well_formed_prefix(prefix: &str) -> bool {
    prefix.strip_prefix("ocds-").is_some_and(|rest| {
        rest.len() == 6
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// Makes a free-text identifier (a plan id, a contract number) safe inside an ocid or an id:
/// whitespace runs become one `-`, so `ผ 01 / 68` and `ผ 01  / 68` give the same id.
pub fn id_part(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join("-")
}

/// The comparison key of an organisation name: the `/suppliers/` pages' normaliser (Thai digits
/// as ASCII, spaces removed, legal form abbreviated, case folded), so the OCDS parties and the
/// supplier pages agree on which rows are one firm.
pub fn name_key(name: &str) -> String {
    normalise_name(name)
}

/// Every firm's TIN by normalised name, gathered from all fiscal years, so a row that leaves the
/// TIN out still names the party a row of another month or year identified.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TinDirectory(BTreeMap<String, Tin>);

impl TinDirectory {
    /// The first TIN given for a name, in fiscal year, month and ลำดับที่ order: a later,
    /// conflicting TIN does not reassign the party (`check` reports the conflict).
    pub fn of(data: &Data) -> TinDirectory {
        let mut map = BTreeMap::new();
        for fy in data.years.values() {
            let mut rows: Vec<_> = fy.records().collect();
            rows.sort_by_key(|r| (r.month, r.seq, r.line));
            for r in rows {
                if let (Some(name), Some(tin)) = (r.winner.as_deref(), r.winner_tin.as_ref())
                    && !name.trim().is_empty()
                {
                    map.entry(name_key(name)).or_insert_with(|| tin.clone());
                }
            }
        }
        TinDirectory(map)
    }

    pub fn tin(&self, name: &str) -> Option<&Tin> {
        self.0.get(&name_key(name))
    }
}

/// The party id of an organisation: `TH-TIN-<TIN>` when its taxpayer number is known (the
/// scheme-id form OCDS recommends), else `name-<hash of the normalised name>`.
pub fn party_id(name: &str, tin: Option<&Tin>) -> String {
    match tin {
        Some(tin) => format!("{TIN_SCHEME}-{tin}"),
        None => format!("name-{:016x}", fnv1a64(name_key(name).as_bytes())),
    }
}

/// A release id as a URL fragment (RFC 3986): Thai letters and other bytes outside the
/// unreserved set percent-encoded as UTF-8, `/` kept (fragments allow it), so the linked release's
/// `url` is the valid `format: uri` the record package schema asks for.
pub fn fragment(id: &str) -> String {
    prongsai_text::url::encode_fragment(id)
}

/// Start of a day in Thailand (UTC+7, no daylight saving) as RFC 3339.
pub fn day_start(date: Date) -> String {
    format!("{}T00:00:00+07:00", date.iso())
}

/// Last second of a day in Thailand, for period end dates that are inclusive in Thai contracts.
pub fn day_end(date: Date) -> String {
    format!("{}T23:59:59+07:00", date.iso())
}

/// Accepts the RFC 3339 `date-time` form the schema's `format` asks for:
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
pub fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|s| !s.is_empty() && s.iter().all(u8::is_ascii_digit))
    };
    let shape = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !shape {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> u32 {
        b[r].iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let in_range = i32::try_from(year)
        .ok()
        .and_then(|y| u8::try_from(month).ok().map(|m| (y, m)))
        .and_then(|(y, m)| Date::from_ce(y, m, u8::try_from(day).ok()?))
        .is_some()
        && num(11..13) < 24
        && num(14..16) < 60
        && num(17..19) < 61;
    if !in_range {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
                && (h1 - b'0') * 10 + (h2 - b'0') < 24
                && (m1 - b'0') * 10 + (m2 - b'0') < 60
        }
        _ => false,
    }
}

/// An absolute `http`/`https` URL with a host: what the schema's `format: uri` members need
/// and what a reader can follow.
pub fn is_web_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !text.chars().any(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert!(is_well_formed_prefix("ocds-213czf"));
        assert!(is_well_formed_prefix(PLACEHOLDER_PREFIX));
        assert!(!is_well_formed_prefix("ocds-213CZF"));
        assert!(!is_well_formed_prefix("ocds-213cz"));
        assert!(!is_well_formed_prefix("213czf"));
        assert!(!is_well_formed_prefix("ocds-213czf-"));
    }

    #[test]
    fn party_ids_are_stable_and_spacing_blind() {
        assert_eq!(party_id("ร้าน ก.การค้า", None), party_id("ร้านก.การค้า ", None));
        assert_eq!(party_id("หจก. ๑๒๓", None), party_id("หจก.123", None));
        assert_eq!(
            party_id("ห้างหุ้นส่วนจำกัด ก.การค้า", None),
            party_id("หจก.ก.การค้า", None)
        );
        assert_ne!(party_id("ร้าน ก", None), party_id("ร้าน ข", None));
        // Pinned: a change here would renumber every supplier in published data.
        assert_eq!(party_id("", None), "name-cbf29ce484222325");
        let tin = Tin::new("0994000165510").unwrap();
        assert_eq!(party_id("x", Some(&tin)), "TH-TIN-0994000165510");
    }

    #[test]
    fn rfc3339() {
        assert!(is_rfc3339("2024-10-15T00:00:00+07:00"));
        assert!(is_rfc3339("2024-10-15T00:00:00Z"));
        assert!(is_rfc3339("2024-10-15T00:00:00.123Z"));
        assert!(!is_rfc3339("2024-10-15"));
        assert!(!is_rfc3339("2024-02-30T00:00:00Z"));
        assert!(!is_rfc3339("2024-10-15T25:00:00Z"));
        assert!(!is_rfc3339("2024-10-15T00:00:00+0700"));
        assert!(!is_rfc3339("๒๐๒๔-10-15T00:00:00Z"));
    }

    #[test]
    fn urls() {
        assert!(is_web_url("https://www.muangluang.go.th"));
        assert!(is_web_url("https://creativecommons.org/licenses/by/4.0/"));
        assert!(!is_web_url("www.muangluang.go.th"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https://a b"));
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment("ocds-abc-2568-1-tender"), "ocds-abc-2568-1-tender");
        assert_eq!(fragment("plan-ผ01/68 x"), "plan-%E0%B8%9C01/68%20x");
    }

    #[test]
    fn id_parts() {
        assert_eq!(id_part(" ผ 01  / 68 "), "ผ-01-/-68");
    }
}
