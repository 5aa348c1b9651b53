//! Bytes to text: UTF-8 (with or without BOM), else Windows-874 (TIS-620), else an error.

use encoding_rs::WINDOWS_874;

/// How a file's bytes were turned into text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub text: String,
    /// The `SourceFile::encoding` name.
    pub encoding: &'static str,
}

/// Why a file could not be read as text, in Thai and English.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NotText {
    pub th: &'static str,
    pub en: &'static str,
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(NotText {
            th: "ไฟล์บันทึกเป็น Unicode (UTF-16): ใน Excel เลือก บันทึกเป็น → \"CSV UTF-8 (Comma delimited)\"",
            en: "the file is UTF-16 (\"Unicode Text\"): in Excel choose Save As → \"CSV UTF-8 (Comma delimited)\"",
        });
    }
    // NULs never occur in text; they mean a spreadsheet (.xlsx renamed), an image, or UTF-16 without BOM.
    if bytes.contains(&0) {
        return Err(binary());
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(match s.strip_prefix('\u{FEFF}') {
                Some(rest) => Decoded {
                    text: rest.to_owned(),
                    encoding: "UTF-8 (BOM)",
                },
                None => Decoded {
                    text: s.to_owned(),
                    encoding: "UTF-8",
                },
            });
        }
        Err(_) => WINDOWS_874
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(binary)?,
    };
    // Control characters other than tab and line breaks mean binary data that happened to map.
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(binary());
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: "windows-874",
    })
}

fn binary() -> NotText {
    NotText {
        th: "อ่านไฟล์นี้เป็นข้อความไม่ได้ (ไม่ใช่ UTF-8 และไม่ใช่ Windows-874/TIS-620) อาจเป็นไฟล์ Excel (.xlsx) ที่เปลี่ยนชื่อ: ใน Excel เลือก บันทึกเป็น → \"CSV UTF-8 (Comma delimited)\"",
        en: "this file is not text (neither UTF-8 nor Windows-874/TIS-620); it may be an Excel workbook renamed: in Excel choose Save As → \"CSV UTF-8 (Comma delimited)\"",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("ก,b".as_bytes()).unwrap().encoding, "UTF-8");
        let bom = decode("\u{FEFF}ก".as_bytes()).unwrap();
        assert_eq!((bom.text.as_str(), bom.encoding), ("ก", "UTF-8 (BOM)"));
        // ลำดับ in TIS-620.
        let tis = decode(&[0xC5, 0xD3, 0xB4, 0xD1, 0xBA]).unwrap();
        assert_eq!((tis.text.as_str(), tis.encoding), ("ลำดับ", "windows-874"));
        assert!(decode(&[0xFF, 0xFE, b'a', 0]).is_err());
        assert!(decode(&[b'P', b'K', 3, 4, 0, 0]).is_err());
        // 0xDB is undefined in Windows-874.
        assert!(decode(&[0xC5, 0xDB]).is_err());
        assert!(decode(&[0xC5, 0x01]).is_err());
    }
}
