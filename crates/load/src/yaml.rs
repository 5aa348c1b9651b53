//! YAML files (`agency.yaml`, `plan.yaml`, annual.md front matter) as a map of spanned values,
//! so every problem can point at its line and column.

use crate::diag;
use crate::values::{clean, parse_date};
use prongsai_model::{Date, Diagnostic, Location};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML node with just the distinctions the loader needs.
#[derive(Debug, Clone)]
pub(crate) enum Y {
    Null,
    Bool(bool),
    /// A number, kept as written so `phone: 045123456` can be told apart from text.
    Num(String),
    Str(String),
    /// A list; no key of ours takes one, so its items are not kept.
    Seq,
    Map(Vec<(String, Spanned<Y>)>),
}

impl<'de> Deserialize<'de> for Y {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Y, D::Error> {
        d.deserialize_any(YVisitor)
    }
}

struct YVisitor;

impl<'de> Visitor<'de> for YVisitor {
    type Value = Y;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Y, E> {
        Ok(Y::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Y, E> {
        Ok(Y::Num(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Y, E> {
        Ok(Y::Num(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Y, E> {
        Ok(Y::Num(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Y, E> {
        Ok(Y::Num(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Y, E> {
        Ok(Y::Num(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Y, E> {
        Ok(Y::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Y, E> {
        Ok(Y::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Y, E> {
        Ok(Y::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Y, E> {
        Ok(Y::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Y, D::Error> {
        Y::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Y, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Y::Seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Y, A::Error> {
        let mut out = Vec::new();
        while let Some((k, v)) = map.next_entry::<Y, Spanned<Y>>()? {
            let key = match k {
                Y::Str(s) | Y::Num(s) => s,
                Y::Bool(b) => b.to_string(),
                _ => String::new(),
            };
            out.push((key, v));
        }
        Ok(Y::Map(out))
    }
}

pub(crate) fn loc(path: &str, key: &str, v: &Spanned<Y>) -> Location {
    let (line, column) = (v.referenced.line(), v.referenced.column());
    if line == 0 {
        return Location::file(path);
    }
    Location::cell(path, line as u32, column as u32, key)
}

/// Parses a YAML mapping; `None` (reported) when it is empty, not YAML, or not a mapping.
/// `line_offset` is the number of file lines above `text` (front matter starts below `---`).
pub(crate) fn parse_map_at(
    path: &str,
    text: &str,
    line_offset: u32,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Spanned<Y>)>> {
    if clean(text).is_empty() {
        diags.push(
            Diagnostic::error(
                diag::EMPTY_FILE,
                "ไฟล์ว่าง: ใส่ข้อมูลตามรูปแบบ key: value ตามคู่มือ",
                "the file is empty: fill in the keys as `key: value` lines, as the data contract describes",
            )
            .at(Location::file(path)),
        );
        return None;
    }
    // Blank lines in front keep serde-saphyr's line numbers equal to the file's.
    let padded = format!("{}{text}", "\n".repeat(line_offset as usize));
    match serde_saphyr::from_str::<Spanned<Y>>(&padded) {
        Ok(Spanned {
            value: Y::Map(m), ..
        }) => Some(m),
        Ok(other) => {
            diags.push(
                Diagnostic::error(
                    diag::YAML_SYNTAX,
                    "ไฟล์ YAML นี้ต้องเป็นรายการ key: value (เช่น name: องค์การบริหารส่วนตำบล...) ทีละบรรทัด",
                    "this YAML must be a mapping of `key: value` lines (e.g. `name: …`)",
                )
                .at(loc(path, "", &other)),
            );
            None
        }
        Err(e) => {
            let location = match e.location() {
                Some(l) if l.line() > 0 => Location {
                    column: Some(l.column() as u32),
                    ..Location::line(path, l.line() as u32)
                },
                _ => Location::file(path),
            };
            let first = e.to_string();
            let first = first.lines().next().unwrap_or_default().to_owned();
            diags.push(
                Diagnostic::error(
                    diag::YAML_SYNTAX,
                    format!(
                        "รูปแบบ YAML ไม่ถูกต้อง ({first}): ตรวจสอบว่าแต่ละบรรทัดเป็น key: value เว้นวรรคหลัง : และข้อความที่มี : หรือ # ใส่ในเครื่องหมาย \" \""
                    ),
                    format!(
                        "invalid YAML ({first}): each line must be `key: value` with a space after the colon; quote text containing : or #"
                    ),
                )
                .at(location),
            );
            None
        }
    }
}

pub(crate) fn parse_map(
    path: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Spanned<Y>)>> {
    parse_map_at(path, text, 0, diags)
}

fn type_error(path: &str, key: &str, v: &Spanned<Y>, th: &str, en: &str) -> Diagnostic {
    Diagnostic::error(
        diag::BAD_KEY_VALUE,
        format!("ค่าของ {key} ไม่ถูกต้อง: {th}"),
        format!("the value of {key} is invalid: {en}"),
    )
    .at(loc(path, key, v))
    .with_text(describe(&v.value))
}

fn describe(y: &Y) -> String {
    match y {
        Y::Null => String::new(),
        Y::Bool(b) => b.to_string(),
        Y::Num(s) | Y::Str(s) => s.clone(),
        Y::Seq => "[…]".to_owned(),
        Y::Map(_) => "{…}".to_owned(),
    }
}

/// A text value; numbers are accepted as written, blank is `None`.
pub(crate) fn text(
    path: &str,
    key: &str,
    v: &Spanned<Y>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    match &v.value {
        Y::Str(s) | Y::Num(s) => Some(clean(s).to_owned()).filter(|s| !s.is_empty()),
        Y::Null => None,
        _ => {
            diags.push(type_error(
                path,
                key,
                v,
                "ต้องเป็นข้อความบรรทัดเดียว",
                "it must be a single line of text",
            ));
            None
        }
    }
}

pub(crate) fn date(
    path: &str,
    key: &str,
    v: &Spanned<Y>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let s = match &v.value {
        Y::Str(s) | Y::Num(s) => s.clone(),
        Y::Null => return None,
        _ => String::new(),
    };
    match parse_date(&s) {
        Ok(d) => Some(d),
        Err(e) => {
            diags.push(diag::value_error(diag::BAD_DATE, e, loc(path, key, v), &s));
            None
        }
    }
}

pub(crate) fn unknown_key(path: &str, key: &str, v: &Spanned<Y>, known: &[&str]) -> Diagnostic {
    let list = known.join(", ");
    Diagnostic::warning(
        diag::UNKNOWN_KEY,
        format!("ไม่รู้จัก \"{key}\" จึงไม่นำมาใช้: ตรวจสอบการสะกด คีย์ที่ใช้ได้คือ {list}"),
        format!("unknown key \"{key}\" is ignored: check the spelling; known keys are {list}"),
    )
    .at(loc(path, key, v))
    .with_text(key)
}
