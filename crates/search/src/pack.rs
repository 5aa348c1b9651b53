//! Thai takes three UTF-8 bytes a character, and most of the chunks' bytes are Thai. The chunks
//! store the Thai block `U+0E00…U+0E7F` shifted to `U+0700…U+077F` (Syriac and Arabic
//! Supplement: two bytes each, and rare in Thai procurement text), and the word mark
//! ([`crate::words::MARK`], three bytes) as `~`; a character already in that block, a `~` or the
//! escape itself is written after [`ESCAPE`].

const THAI: u32 = 0x0E00;
const PACKED: u32 = 0x0700;
/// DEL: JSON keeps it as one raw byte, and no title or text has a reason to hold it.
const ESCAPE: char = '\u{7f}';
/// What the mark is stored as: one byte, and rare in titles.
const MARK_BYTE: u8 = b'~';

/// Appends `text` packed to `out` (whole characters, so `out` stays UTF-8 at every piece's end).
pub(crate) fn pack_thai_into(out: &mut Vec<u8>, text: &str) {
    // On UTF-8 bytes, as this runs over every stored character: U+0E00…U+0E7F is E0 B8|B9 xx,
    // U+0700…U+077F is DC|DD xx, U+200B is E2 80 8B.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0xE0 if matches!(bytes.get(i + 1), Some(0xB8 | 0xB9)) => {
                out.push(bytes[i + 1] + (0xDC - 0xB8));
                out.extend_from_slice(&bytes[i + 2..i + 3]);
                i += 3;
            }
            0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x8B]) => {
                out.push(MARK_BYTE);
                i += 3;
            }
            0xDC | 0xDD => {
                out.push(0x7F);
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
            }
            0x7F | MARK_BYTE => {
                out.extend_from_slice(&[0x7F, bytes[i]]);
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
}

#[cfg(test)]
pub(crate) fn pack_thai(text: &str) -> String {
    let mut out = Vec::new();
    pack_thai_into(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

pub(crate) fn unpack_thai(packed: &str) -> String {
    let mut out = String::with_capacity(packed.len() * 3 / 2);
    let mut chars = packed.chars();
    while let Some(c) = chars.next() {
        match c {
            ESCAPE => out.extend(chars.next()),
            '~' => out.push(crate::words::MARK),
            '\u{0700}'..='\u{077F}' => out.extend(char::from_u32(c as u32 - PACKED + THAI)),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_packs_into_two_bytes_and_back() {
        let text = "ถนน ๑๒ ฿ ๛ ܐ ݿ \u{7f} 𝐀 ab ࠀ ฿\u{7f}ܐ ~ a\u{200B}b \u{200C}";
        let packed = pack_thai(text);
        assert_eq!(unpack_thai(&packed), text);
        assert_eq!(pack_thai("ถนน").len(), 6);
        assert_eq!(pack_thai("ถนน"), "\u{716}\u{719}\u{719}");
        assert_eq!(pack_thai("ܐ\u{7f}"), "\u{7f}ܐ\u{7f}\u{7f}");
        assert_eq!(pack_thai("ก\u{200B}~"), "\u{701}~\u{7f}~");
    }
}
