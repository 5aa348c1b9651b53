//! A page's content stream, written by hand.
//!
//! pdf-writer's `Content` writes a glyph string as a literal string with octal escapes
//! (`(\000\022)`, up to 8 bytes a glyph, and a scan for balanced parentheses) whenever its bytes
//! are ASCII, and our 2-byte CIDs nearly always are. Its escaping was 11 % of a month PDF's
//! samples and the longer stream made the deflate after it (25 %) longer too. The pages use a
//! handful of operators, so they are written here: glyphs as literal strings of their raw bytes
//! (2 bytes a glyph, a backslash only before the few bytes that need one: a month's content
//! streams are a quarter shorter than with hex strings and deflate 14 % smaller), one text
//! object per page, the font set only when it changes. Numbers are
//! formatted as pdf-writer formats them (an integer when exact, else the shortest decimal).

/// Writes the operators the pages use into one buffer.
pub(super) struct PageStream {
    buf: Vec<u8>,
    /// Inside `BT … ET`.
    in_text: bool,
    /// The font (resource name) and size last set with `Tf` in this stream.
    font: Option<(&'static [u8], u32)>,
    /// The text rise last set with `Ts` (0 at the start of a page).
    rise: f32,
}

impl PageStream {
    pub fn with_capacity(capacity: usize) -> PageStream {
        PageStream {
            buf: Vec::with_capacity(capacity),
            in_text: false,
            font: None,
            rise: 0.0,
        }
    }

    pub fn finish(mut self) -> Vec<u8> {
        self.end_text();
        self.buf
    }

    fn num(&mut self, value: f32) {
        if value as i32 as f32 == value {
            self.buf
                .extend_from_slice(itoa::Buffer::new().format(value as i32).as_bytes());
        } else if value.abs() > 1e-6 && value.abs() < 1e12 {
            self.buf
                .extend_from_slice(ryu::Buffer::new().format_finite(value).as_bytes());
        } else if value.is_finite() {
            // ryu writes exponents (`1e-7`) out here, and PDF has no exponent syntax; Rust's
            // Display writes plain digits (pdf-writer does the same).
            use std::io::Write as _;
            let _ = write!(self.buf, "{value}");
        } else {
            // Only a layout bug could give NaN or infinity; 0 keeps the stream readable.
            self.buf.push(b'0');
        }
    }

    fn nums(&mut self, values: &[f32]) {
        for &v in values {
            self.num(v);
            self.buf.push(b' ');
        }
    }

    fn op(&mut self, op: &[u8]) {
        self.buf.extend_from_slice(op);
        self.buf.push(b'\n');
    }

    /// `w`
    pub fn line_width(&mut self, width: f32) {
        self.nums(&[width]);
        self.op(b"w");
    }

    /// `re` then `f` (filled in `gray`, then the fill colour back to black) or `S`.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>) {
        debug_assert!(!self.in_text, "paths cannot be drawn inside a text object");
        if let Some(gray) = fill {
            self.nums(&[gray]);
            self.op(b"g");
        }
        self.nums(&[x, y, w, h]);
        self.op(b"re");
        if fill.is_some() {
            self.op(b"f");
            self.op(b"0 g");
        } else {
            self.op(b"S");
        }
    }

    /// Starts a line of text at (`x`, `y`) in the font named `font` in the page's resources.
    pub fn text_at(&mut self, font: &'static [u8], size: f32, x: f32, y: f32) {
        if !self.in_text {
            self.op(b"BT");
            self.in_text = true;
        }
        if self.font != Some((font, size.to_bits())) {
            self.buf.push(b'/');
            self.buf.extend_from_slice(font);
            self.buf.push(b' ');
            self.nums(&[size]);
            self.op(b"Tf");
            self.font = Some((font, size.to_bits()));
        }
        self.nums(&[1.0, 0.0, 0.0, 1.0, x, y]);
        self.op(b"Tm");
    }

    /// `Ts`, only when it changes.
    pub fn rise(&mut self, rise: f32) {
        if rise.to_bits() != self.rise.to_bits() {
            self.nums(&[rise]);
            self.op(b"Ts");
            self.rise = rise;
        }
    }

    /// Starts a `TJ` array.
    pub fn begin_tj(&mut self) {
        self.buf.push(b'[');
    }

    /// One string of 2-byte CIDs in a `TJ` array, as a literal string of the raw bytes.
    ///
    /// Only the three bytes with a meaning inside a literal string (`\`, `(`, `)`) and the
    /// two line ends (a bare CR or LF would be read as LF) are escaped; every other byte, NUL
    /// included, stands for itself (ISO 32000-1, 7.3.4.2). Hex would take 4 bytes a glyph.
    pub fn cids(&mut self, cids: impl IntoIterator<Item = u16>) {
        self.buf.push(b'(');
        for cid in cids {
            for byte in cid.to_be_bytes() {
                match byte {
                    b'\\' | b'(' | b')' => self.buf.extend_from_slice(&[b'\\', byte]),
                    b'\r' => self.buf.extend_from_slice(b"\\r"),
                    b'\n' => self.buf.extend_from_slice(b"\\n"),
                    _ => self.buf.push(byte),
                }
            }
        }
        self.buf.push(b')');
    }

    /// An adjustment in a `TJ` array (thousandths of text space, subtracted from the pen).
    pub fn adjust(&mut self, amount: f32) {
        // Delimiters around the strings make spaces unnecessary, but two numbers in a row need one.
        if self.buf.last().is_some_and(|b| b.is_ascii_digit()) {
            self.buf.push(b' ');
        }
        self.num(amount);
    }

    pub fn end_tj(&mut self) {
        self.op(b"]TJ");
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.op(b"ET");
            self.in_text = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_never_use_exponents() {
        let mut s = PageStream::with_capacity(0);
        s.nums(&[1e-7, -2.5e-8, 3e13, 0.25, -0.0, f32::NAN]);
        let out = String::from_utf8(s.finish()).expect("ascii");
        assert!(!out.contains('e'), "{out}");
        assert!(
            out.starts_with("0.0000001 -0.000000025 30000000000000 0.25 0 0 "),
            "{out}"
        );
    }

    #[test]
    fn writes_the_operators_as_a_reader_expects_them() {
        let mut s = PageStream::with_capacity(0);
        s.line_width(0.5);
        s.rect(28.0, 10.5, 100.0, 12.25, Some(0.88));
        s.rect(28.0, 10.5, 100.0, 12.25, None);
        s.text_at(b"F1", 10.0, 31.0, 500.5);
        s.begin_tj();
        s.cids([1, 0x0a2f]);
        s.adjust(-12.5);
        s.adjust(3.0);
        s.cids([0xffff]);
        s.end_tj();
        s.rise(1.5);
        s.text_at(b"F1", 10.0, 31.0, 480.0);
        s.begin_tj();
        s.cids([2]);
        s.end_tj();
        s.rise(0.0);
        s.text_at(b"F2", 12.0, 31.0, 460.0);
        s.begin_tj();
        s.cids([3]);
        s.end_tj();
        assert_eq!(
            s.finish(),
            b"0.5 w\n0.88 g\n28 10.5 100 12.25 re\nf\n0 g\n28 10.5 100 12.25 re\nS\n\
             BT\n/F1 10 Tf\n1 0 0 1 31 500.5 Tm\n[(\x00\x01\\n/)-12.5 3(\xff\xff)]TJ\n\
             1.5 Ts\n1 0 0 1 31 480 Tm\n[(\x00\x02)]TJ\n0 Ts\n\
             /F2 12 Tf\n1 0 0 1 31 460 Tm\n[(\x00\x03)]TJ\nET\n"
        );
    }

    /// Reads a literal string back as ISO 32000-1, 7.3.4.2 says a reader must, from just after
    /// its `(` to its closing `)`; gives the bytes and how many were read, `)` included.
    fn read_literal(bytes: &[u8]) -> (Vec<u8>, usize) {
        let mut out = Vec::new();
        let mut depth = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match b {
                b'\\' => {
                    let e = bytes[i];
                    i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => panic!("the writer never uses octal escapes"),
                        b'\r' | b'\n' => panic!("the writer never continues a line"),
                        other => out.push(other),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => return (out, i),
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                // An unescaped line end of either kind, or CR LF, is read as one LF.
                b'\r' => {
                    if bytes.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        panic!("unterminated string")
    }

    /// Every CID, the escaped bytes and NUL among them, reads back as itself, and nothing
    /// follows the string's end.
    #[test]
    fn every_cid_reads_back_from_its_literal_string() {
        let all: Vec<u16> = (0..=u16::MAX).collect();
        for chunk in all.chunks(997) {
            let mut s = PageStream::with_capacity(0);
            s.cids(chunk.iter().copied());
            let written = s.finish();
            assert_eq!(written.first(), Some(&b'('));
            let (read, used) = read_literal(&written[1..]);
            let expected: Vec<u8> = chunk.iter().flat_map(|c| c.to_be_bytes()).collect();
            assert_eq!(read, expected);
            assert_eq!(used, written.len() - 1, "the string ended early");
        }
    }
}
