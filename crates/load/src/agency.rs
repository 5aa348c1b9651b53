//! `agency.yaml` to an [`Agency`].

use crate::diag;
use crate::yaml::{self, Y};
use prongsai_model::{Agency, Diagnostic, Location};

const REQUIRED: [&str; 7] = [
    "name",
    "short_name",
    "agency_type",
    "district",
    "province",
    "ministry",
    "website",
];
const OPTIONAL: [&str; 10] = [
    "ocid_prefix",
    "egp_department_code",
    "tax_id",
    "address",
    "phone",
    "email",
    "opening_hours",
    "map_url",
    "social",
    "sample",
];

/// `None` when a required key is missing or the file is unusable (each reported).
pub(crate) fn parse(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Agency> {
    let map = yaml::parse_map(path, text, diags)?;
    let mut agency = Agency::default();
    let mut found = [false; REQUIRED.len()];
    for (key, value) in &map {
        let k = key.as_str();
        if let Some(i) = REQUIRED.iter().position(|r| *r == k) {
            let mut v = yaml::text(path, k, value, diags);
            if k == "website"
                && let Some(url) = v.as_deref()
                && !is_web_url(url)
            {
                diags.push(bad_url(path, k, value, url));
                v = None;
            }
            found[i] = v.is_some();
            let slot = match k {
                "name" => &mut agency.name,
                "short_name" => &mut agency.short_name,
                "agency_type" => &mut agency.agency_type,
                "district" => &mut agency.district,
                "province" => &mut agency.province,
                "ministry" => &mut agency.ministry,
                _ => &mut agency.website,
            };
            *slot = v.unwrap_or_default();
            continue;
        }
        match k {
            "ocid_prefix" => agency.ocid_prefix = yaml::text(path, k, value, diags),
            "egp_department_code" => {
                agency.egp_department_code = yaml::text(path, k, value, diags)
            }
            "tax_id" => {
                // An unquoted 0994000165510 is read as a number and loses its leading zero.
                if let Y::Num(n) = &value.value {
                    diags.push(bad(
                        path,
                        k,
                        value,
                        n,
                        "ใส่เลขประจำตัวผู้เสียภาษีในเครื่องหมาย \" \" เช่น tax_id: \"0994000165510\" เพื่อไม่ให้เลข 0 นำหน้าหายไป",
                        "quote the taxpayer number, e.g. tax_id: \"0994000165510\", so its leading 0 is kept",
                    ));
                } else if let Some(t) = yaml::text(path, k, value, diags) {
                    match crate::values::parse_tin(&t) {
                        Ok(tin) => agency.tax_id = Some(tin),
                        Err(e) => diags.push(bad(path, k, value, &t, &e.th, &e.en)),
                    }
                }
            }
            "address" => agency.address = yaml::text(path, k, value, diags),
            "opening_hours" => agency.opening_hours = yaml::text(path, k, value, diags),
            "map_url" => match yaml::text(path, k, value, diags) {
                Some(u) if is_web_url(&u) => agency.map_url = Some(u),
                Some(u) => diags.push(bad_url(path, k, value, &u)),
                None => {}
            },
            "email" => match yaml::text(path, k, value, diags) {
                Some(e) if is_email(&e) => agency.email = Some(e.trim().to_owned()),
                Some(e) => diags.push(bad(
                    path,
                    k,
                    value,
                    &e,
                    "ต้องเป็นอีเมลหนึ่งรายการ เช่น email: saraban@muangluang.go.th",
                    "it must be one e-mail address, e.g. email: saraban@muangluang.go.th",
                )),
                None => {}
            },
            "phone" => {
                // An unquoted 045123456 is read as a number and loses its leading zero.
                if let Y::Num(n) = &value.value {
                    diags.push(bad(
                        path,
                        k,
                        value,
                        n,
                        "ใส่เบอร์โทรศัพท์ในเครื่องหมาย \" \" เช่น phone: \"045-123456\" เพื่อไม่ให้เลข 0 นำหน้าหายไป",
                        "quote the phone number, e.g. phone: \"045-123456\", so its leading 0 is kept",
                    ));
                } else if let Some(p) = yaml::text(path, k, value, diags) {
                    if is_phone(&p) {
                        agency.phone = Some(p.trim().to_owned());
                    } else {
                        diags.push(bad(
                            path,
                            k,
                            value,
                            &p,
                            "ต้องเป็นเบอร์โทรศัพท์ 9 หรือ 10 หลัก ขึ้นต้นด้วย 0 (หรือ +66) ใช้ได้เฉพาะตัวเลข ช่องว่าง และขีด เช่น \"045-123456\" หลายเบอร์ให้คั่นด้วยเครื่องหมายจุลภาค",
                            "it must be a 9- or 10-digit number starting with 0 (or +66), with only digits, spaces and hyphens, e.g. \"045-123456\"; separate several numbers with commas",
                        ));
                    }
                }
            }
            "sample" => match &value.value {
                Y::Bool(b) => agency.sample = *b,
                Y::Null => {}
                _ => diags.push(bad(
                    path,
                    k,
                    value,
                    "",
                    "sample ต้องเป็น true หรือ false",
                    "sample must be true or false",
                )),
            },
            "social" => match &value.value {
                Y::Map(entries) => {
                    for (name, url) in entries {
                        if let Some(u) = yaml::text(path, name, url, diags) {
                            if is_web_url(&u) {
                                agency.social.insert(name.clone(), u);
                            } else {
                                diags.push(bad_url(path, name, url, &u));
                            }
                        }
                    }
                }
                Y::Null => {}
                _ => diags.push(bad(
                    path,
                    k,
                    value,
                    "",
                    "social ต้องเป็นรายการ ชื่อ: ที่อยู่เว็บ ย่อหน้าใต้ social: เช่น   facebook: https://facebook.com/...",
                    "social must be an indented list of `name: URL` lines, e.g.   facebook: https://facebook.com/…",
                )),
            },
            _ => {
                let mut known = REQUIRED.to_vec();
                known.extend(OPTIONAL);
                diags.push(yaml::unknown_key(path, k, value, &known));
            }
        }
    }
    let mut complete = true;
    for (key, ok) in REQUIRED.iter().zip(found) {
        if !ok {
            complete = false;
            diags.push(
                Diagnostic::error(
                    diag::MISSING_KEY,
                    format!(
                        "ไม่มี {key} หรือเว้นว่างไว้ ซึ่งต้องมี: เพิ่มบรรทัด {key}: ... (ต้องมี {})",
                        REQUIRED.join(", ")
                    ),
                    format!(
                        "the required key {key} is missing or blank: add a line `{key}: …` (required: {})",
                        REQUIRED.join(", ")
                    ),
                )
                .at(Location::file(path))
                .with_text(*key),
            );
        }
    }
    complete.then_some(agency)
}

/// Addresses that become links on every page must be web addresses: a `javascript:` or `data:`
/// one would run in the reader's browser.
fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Thai numbers: 0 + 8 or 9 digits, or +66 without the 0; several separated by commas. Hotlines
/// such as 1567 are not the office's number and are left to the contact page's text.
fn is_phone(text: &str) -> bool {
    text.split(',').all(|one| {
        let one = one.trim();
        let (rest, intl) = match one.strip_prefix("+66") {
            Some(r) => (r, true),
            None => (one, false),
        };
        if !rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        {
            return false;
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if intl {
            (8..=9).contains(&digits.len()) && !digits.starts_with('0')
        } else {
            (9..=10).contains(&digits.len()) && digits.starts_with('0')
        }
    })
}

/// Deliberately simple: one @, a dotted domain, nothing that could break out of a mailto: link.
fn is_email(text: &str) -> bool {
    let text = text.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    !local.is_empty()
        && local.chars().all(ok)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn bad_url(path: &str, key: &str, v: &serde_saphyr::Spanned<Y>, url: &str) -> Diagnostic {
    Diagnostic::error(
        diag::BAD_URL,
        format!(
            "ค่าของ {key} ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http:// เช่น https://www.muangluang.go.th (ได้ \"{url}\")"
        ),
        format!(
            "{key} must be a web address starting with https:// or http://, e.g. https://www.muangluang.go.th (found \"{url}\")"
        ),
    )
    .at(yaml::loc(path, key, v))
    .with_text(url)
}

fn bad(
    path: &str,
    key: &str,
    v: &serde_saphyr::Spanned<Y>,
    text: &str,
    th: &str,
    en: &str,
) -> Diagnostic {
    Diagnostic::error(
        diag::BAD_KEY_VALUE,
        format!("ค่าของ {key} ไม่ถูกต้อง: {th}"),
        format!("the value of {key} is invalid: {en}"),
    )
    .at(yaml::loc(path, key, v))
    .with_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "name: องค์การบริหารส่วนตำบลเมืองหลวง\nshort_name: อบต.เมืองหลวง\nagency_type: องค์กรปกครองส่วนท้องถิ่น\ndistrict: ห้วยทับทัน\nprovince: ศรีสะเกษ\nministry: กระทรวงมหาดไทย\nwebsite: https://www.muangluang.go.th\nsample: true\nphone: \"045-000000\"\nsocial:\n  facebook: https://facebook.com/x\n";

    #[test]
    fn script_addresses_are_errors() {
        let text = GOOD
            .replace("https://www.muangluang.go.th", "javascript:alert(1)")
            .replace("https://facebook.com/x", "\"data:text/html,x\"");
        let mut d = Vec::new();
        let a = parse("procurement-data/agency.yaml", &text, &mut d);
        assert!(a.is_none());
        let got: Vec<_> = d
            .iter()
            .filter(|x| x.code == diag::BAD_URL)
            .map(|x| x.location.as_ref().and_then(|l| l.line))
            .collect();
        assert_eq!(got, vec![Some(7), Some(11)], "{d:?}");
    }

    #[test]
    fn tax_id_is_a_checked_quoted_tin() {
        let mut d = Vec::new();
        let a = parse(
            "procurement-data/agency.yaml",
            &format!("{GOOD}tax_id: \"0-9940-00165-51-0\"\negp_department_code: \"6330903\"\n"),
            &mut d,
        )
        .expect("agency");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(a.tax_id.as_ref().map(|t| t.as_str()), Some("0994000165510"));
        assert_eq!(a.egp_department_code.as_deref(), Some("6330903"));
        for bad_value in ["tax_id: 994000165510", "tax_id: \"0994000165511\""] {
            let mut d = Vec::new();
            let a = parse(
                "procurement-data/agency.yaml",
                &format!("{GOOD}{bad_value}\n"),
                &mut d,
            )
            .expect("agency");
            assert!(a.tax_id.is_none());
            assert_eq!(d.len(), 1, "{bad_value}: {d:?}");
            assert_eq!(d[0].code, diag::BAD_KEY_VALUE);
            assert_eq!(d[0].location.as_ref().and_then(|l| l.line), Some(12));
        }
    }

    #[test]
    fn contact_details_are_checked_with_their_line() {
        let good = format!(
            "{GOOD}email: saraban@muangluang.go.th\nopening_hours: จันทร์–ศุกร์ 08.30–16.30 น.\nmap_url: https://www.openstreetmap.org/x\n"
        );
        let mut d = Vec::new();
        let a = parse("procurement-data/agency.yaml", &good, &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(a.email.as_deref(), Some("saraban@muangluang.go.th"));
        assert_eq!(a.phone.as_deref(), Some("045-000000"));
        assert!(a.map_url.is_some() && a.opening_hours.is_some());

        let bad = good
            .replace("\"045-000000\"", "\"โทร 045\"")
            .replace("saraban@muangluang.go.th", "saraban at muangluang")
            .replace("https://www.openstreetmap.org/x", "\"javascript:x\"");
        let mut d = Vec::new();
        assert!(parse("procurement-data/agency.yaml", &bad, &mut d).is_some());
        let got: Vec<_> = d
            .iter()
            .map(|x| {
                let l = x.location.as_ref().unwrap();
                (x.code.as_str(), l.file.as_str(), l.line)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (diag::BAD_KEY_VALUE, "procurement-data/agency.yaml", Some(9)),
                (
                    diag::BAD_KEY_VALUE,
                    "procurement-data/agency.yaml",
                    Some(12)
                ),
                (diag::BAD_URL, "procurement-data/agency.yaml", Some(14)),
            ]
        );
    }

    #[test]
    fn phone_and_email_shapes() {
        for p in [
            "045-123456",
            "0 4512 3456",
            "081-234-5678",
            "+66 45 123 456",
            "045-123456, 045-123457",
        ] {
            assert!(is_phone(p), "{p}");
        }
        for p in [
            "1567",
            "045",
            "+66045123456",
            "045-123456 ต่อ 12",
            "",
            "045/123456",
        ] {
            assert!(!is_phone(p), "{p}");
        }
        assert!(is_email("a.b@x.go.th"));
        for e in [
            "a@b",
            "@x.go.th",
            "a b@x.go.th",
            "a@x..th",
            "a@x.th?subject=x",
            "a@@x.th",
        ] {
            assert!(!is_email(e), "{e}");
        }
    }

    #[test]
    fn good_agency() {
        let mut d = Vec::new();
        let a = parse("procurement-data/agency.yaml", GOOD, &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert!(a.sample);
        assert_eq!(a.district, "ห้วยทับทัน");
        assert_eq!(a.social["facebook"], "https://facebook.com/x");
    }

    #[test]
    fn missing_and_unknown() {
        let mut d = Vec::new();
        let text = GOOD
            .replace("district: ห้วยทับทัน\n", "distric: x\n")
            .replace("\"045-000000\"", "045000000");
        assert!(parse("a.yaml", &text, &mut d).is_none());
        let codes: Vec<_> = d
            .iter()
            .map(|x| (x.code.as_str(), x.location.as_ref().and_then(|l| l.line)))
            .collect();
        assert!(codes.contains(&(diag::UNKNOWN_KEY, Some(4))), "{codes:?}");
        assert!(codes.contains(&(diag::MISSING_KEY, None)));
        assert!(codes.contains(&(diag::BAD_KEY_VALUE, Some(9))));
        let mut d = Vec::new();
        assert!(parse("a.yaml", "name: [unclosed\n", &mut d).is_none());
        assert_eq!(d[0].code, diag::YAML_SYNTAX);
        assert!(d[0].location.as_ref().unwrap().line.is_some());
    }
}
