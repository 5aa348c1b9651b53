//! The link-preview card (Open Graph image) as a PNG: Facebook and LINE do not show SVG.
//!
//! Lean on purpose: the Sarabun outlines the PDFs already embed, shaped by rustybuzz (Thai marks
//! need it), filled by a small coverage-accumulation rasteriser and compressed by miniz_oxide,
//! all already in the dependency tree; an image or font-rendering crate would add more build
//! time than this whole file. Same text in, same bytes out.

use crate::pdf::font::{SARABUN_BOLD, SARABUN_REGULAR};
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use rustybuzz::{Face, UnicodeBuffer};

/// The size Facebook, LINE and X recommend for a large preview (1.91:1).
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;

/// The theme's brand blue (`--brand` in site.css) and white on it (8.3:1).
pub(crate) const BACKGROUND: [u8; 3] = [0x0b, 0x4f, 0x8a];
pub(crate) const INK: [u8; 3] = [0xff, 0xff, 0xff];
const MARGIN: f32 = 80.0;

/// A 1200×630 card: `title` large and bold (shrunk until it fits one line), `subtitle` and
/// `footer` (e.g. the web address) below it.
pub fn og_card(title: &str, subtitle: &str, footer: &str) -> Vec<u8> {
    let (w, h) = (CARD_WIDTH as usize, CARD_HEIGHT as usize);
    let mut cover = Coverage::new(w, h);
    let width = w as f32 - 2.0 * MARGIN;
    if let Some(bold) = Face::from_slice(SARABUN_BOLD, 0) {
        draw_fitted(&mut cover, &bold, title, 84.0, 40.0, width, 290.0);
    }
    if let Some(regular) = Face::from_slice(SARABUN_REGULAR, 0) {
        draw_fitted(&mut cover, &regular, subtitle, 44.0, 28.0, width, 380.0);
        draw_fitted(&mut cover, &regular, footer, 34.0, 24.0, width, 540.0);
    }
    let alpha = cover.finish();
    let mut rows = Vec::with_capacity(h * (1 + w * 3));
    for y in 0..h {
        rows.push(0); // filter: none
        for a in &alpha[y * w..(y + 1) * w] {
            for c in 0..3 {
                let (bg, fg) = (f32::from(BACKGROUND[c]), f32::from(INK[c]));
                rows.push((bg + (fg - bg) * a).round() as u8);
            }
        }
    }
    png(CARD_WIDTH, CARD_HEIGHT, &rows)
}

/// Draws `text` on the baseline `y`, at `size` px or smaller (down to `min`) so it fits
/// `width`; at `min` it is cut at the last whole cluster that fits, with an ellipsis.
fn draw_fitted(
    cover: &mut Coverage,
    face: &Face<'_>,
    text: &str,
    size: f32,
    min: f32,
    width: f32,
    y: f32,
) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let units = face.units_per_em() as f32;
    let mut glyphs = shape(face, text);
    let advance = |g: &[Shaped]| g.iter().map(|s| s.advance).sum::<i32>() as f32;
    let natural = advance(&glyphs);
    let mut size = size;
    if natural * size / units > width {
        size = (width * units / natural).max(min);
    }
    if natural * size / units > width {
        // Cut at a cluster boundary so no Thai mark is left without its base.
        let mut cut = text.len();
        while cut > 0 {
            cut = text[..cut].char_indices().next_back().map_or(0, |(i, _)| i);
            let candidate = shape(face, &format!("{}…", &text[..cut]));
            if advance(&candidate) * size / units <= width {
                glyphs = candidate;
                break;
            }
        }
    }
    draw_run(cover, face, &glyphs, MARGIN, y, size / units);
}

/// Fills shaped `glyphs` into `cover`, the first at `left` on the baseline `y` (pixels), at
/// `scale` pixels per font unit.
pub(crate) fn draw_run(
    cover: &mut Coverage,
    face: &Face<'_>,
    glyphs: &[Shaped],
    left: f32,
    y: f32,
    scale: f32,
) {
    let mut pen = left;
    for g in glyphs {
        let mut outline = Outline {
            cover: &mut *cover,
            x: pen + g.x_offset as f32 * scale,
            y: y - g.y_offset as f32 * scale,
            scale,
            start: (0.0, 0.0),
            last: (0.0, 0.0),
        };
        face.outline_glyph(GlyphId(g.id), &mut outline);
        outline.close();
        pen += g.advance as f32 * scale;
    }
}

pub(crate) struct Shaped {
    pub id: u16,
    pub advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
}

pub(crate) fn shape(face: &Face<'_>, text: &str) -> Vec<Shaped> {
    let mut buf = UnicodeBuffer::new();
    buf.push_str(text);
    let out = rustybuzz::shape(face, &[], buf);
    out.glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(i, p)| Shaped {
            id: u16::try_from(i.glyph_id).unwrap_or(0),
            advance: p.x_advance,
            x_offset: p.x_offset,
            y_offset: p.y_offset,
        })
        .collect()
}

/// Glyph outlines (font units, y up) as line segments in pixels (y down).
struct Outline<'a> {
    cover: &'a mut Coverage,
    x: f32,
    y: f32,
    scale: f32,
    start: (f32, f32),
    last: (f32, f32),
}

impl Outline<'_> {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }

    fn to(&mut self, p: (f32, f32)) {
        self.cover.line(self.last, p);
        self.last = p;
    }
}

/// Segments per curve: plenty at preview sizes, where a glyph's curve spans a few dozen pixels.
const CURVE_STEPS: u16 = 12;

impl OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.start = self.at(x, y);
        self.last = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.to(p);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (p0, p1, p2) = (self.last, self.at(x1, y1), self.at(x, y));
        for i in 1..=CURVE_STEPS {
            let t = f32::from(i) / f32::from(CURVE_STEPS);
            let u = 1.0 - t;
            let q = (
                u * u * p0.0 + 2.0 * u * t * p1.0 + t * t * p2.0,
                u * u * p0.1 + 2.0 * u * t * p1.1 + t * t * p2.1,
            );
            self.to(q);
        }
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (p0, p1, p2, p3) = (self.last, self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        for i in 1..=CURVE_STEPS {
            let t = f32::from(i) / f32::from(CURVE_STEPS);
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            let q = (
                a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
                a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
            );
            self.to(q);
        }
    }

    fn close(&mut self) {
        if self.last != self.start {
            let s = self.start;
            self.to(s);
        }
    }
}

/// Signed area coverage, accumulated per pixel from each edge and summed along each row: the
/// exact area of the filled shape inside every pixel, so edges come out anti-aliased.
pub(crate) struct Coverage {
    w: usize,
    h: usize,
    acc: Vec<f32>,
}

impl Coverage {
    pub fn new(w: usize, h: usize) -> Coverage {
        // One spare cell per row: an edge's area may spill one pixel past its right end.
        Coverage {
            w,
            h,
            acc: vec![0.0; (w + 1) * h],
        }
    }

    fn add(&mut self, row: usize, x: i64, v: f32) {
        let x = x.clamp(0, self.w as i64) as usize;
        if let Some(cell) = self.acc.get_mut(row * (self.w + 1) + x) {
            *cell += v;
        }
    }

    pub fn line(&mut self, p0: (f32, f32), p1: (f32, f32)) {
        if (p0.1 - p1.1).abs() <= f32::EPSILON {
            return;
        }
        let (dir, p0, p1) = if p0.1 < p1.1 {
            (1.0, p0, p1)
        } else {
            (-1.0, p1, p0)
        };
        let dxdy = (p1.0 - p0.0) / (p1.1 - p0.1);
        let top = p0.1.max(0.0);
        let bottom = p1.1.min(self.h as f32);
        let mut x = p0.0 + (top - p0.1) * dxdy;
        let mut y = top;
        while y < bottom {
            let row = y.floor() as usize;
            let next = ((row + 1) as f32).min(bottom);
            let dy = next - y;
            let x_next = x + dxdy * dy;
            let d = dy * dir;
            let (xa, xb) = if x < x_next { (x, x_next) } else { (x_next, x) };
            let (fa, cb) = (xa.floor(), xb.ceil());
            let (ia, ib) = (fa as i64, cb as i64);
            if ib <= ia + 1 {
                // Within one pixel: split by where the edge crosses it on average.
                let mid = 0.5 * (x + x_next) - fa;
                self.add(row, ia, d * (1.0 - mid));
                self.add(row, ia + 1, d * mid);
            } else {
                // Across several pixels: each gets the area of the trapezoid left of the edge.
                let s = (xb - xa).recip();
                let fa_off = xa - fa;
                let a0 = 0.5 * s * (1.0 - fa_off) * (1.0 - fa_off);
                let fb_off = xb - cb + 1.0;
                let am = 0.5 * s * fb_off * fb_off;
                self.add(row, ia, d * a0);
                if ib == ia + 2 {
                    self.add(row, ia + 1, d * (1.0 - a0 - am));
                } else {
                    let a1 = s * (1.5 - fa_off);
                    self.add(row, ia + 1, d * (a1 - a0));
                    for xi in ia + 2..ib - 1 {
                        self.add(row, xi, d * s);
                    }
                    let a2 = a1 + (ib - ia - 3) as f32 * s;
                    self.add(row, ib - 1, d * (1.0 - a2 - am));
                }
                self.add(row, ib, d * am);
            }
            x = x_next;
            y = next;
        }
    }

    /// Coverage 0..1 per pixel, row by row.
    pub fn finish(self) -> Vec<f32> {
        let mut out = Vec::with_capacity(self.w * self.h);
        for row in self.acc.chunks(self.w + 1) {
            let mut sum = 0.0f32;
            for v in &row[..self.w] {
                sum += v;
                out.push(sum.abs().min(1.0));
            }
        }
        out
    }
}

/// An 8-bit RGB PNG of `rows` (each row its filter byte, then the pixels).
fn png(width: u32, height: u32, rows: &[u8]) -> Vec<u8> {
    png_of(width, height, 2, rows)
}

/// An 8-bit PNG of colour type `colour` (2 RGB, 6 RGBA) of `rows`.
pub(crate) fn png_of(width: u32, height: u32, colour: u8, rows: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, colour, 0, 0, 0]); // 8 bits, deflate, no filter set, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(rows, 6),
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&[kind.as_slice(), data]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 (ISO 3309, as PNG uses it), bit by bit: a card is a few kilobytes of chunks.
fn crc32(parts: &[&[u8]]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for part in parts {
        for b in *part {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_png_specification() {
        // The CRC of an IEND chunk, in every PNG file.
        assert_eq!(crc32(&[b"IEND"]), 0xae42_6082);
    }

    #[test]
    fn the_card_is_a_png_of_the_right_size_with_text_on_it() {
        let png = og_card(
            "องค์การบริหารส่วนตำบลเมืองหลวง",
            "การจัดซื้อจัดจ้าง",
            "www.muangluang.go.th",
        );
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[16..24], &[0, 0, 4, 176, 0, 0, 2, 118]);
        assert_eq!(
            png,
            og_card(
                "องค์การบริหารส่วนตำบลเมืองหลวง",
                "การจัดซื้อจัดจ้าง",
                "www.muangluang.go.th"
            )
        );
        // Text compresses worse than a plain background.
        assert!(png.len() > og_card("", "", "").len() + 5_000);
    }

    #[test]
    fn a_filled_square_covers_exactly_its_pixels() {
        let mut c = Coverage::new(10, 10);
        let sq = [(2.0, 2.0), (6.5, 2.0), (6.5, 5.0), (2.0, 5.0)];
        for i in 0..4 {
            c.line(sq[i], sq[(i + 1) % 4]);
        }
        let a = c.finish();
        assert!((a[3 * 10 + 3] - 1.0).abs() < 1e-4);
        assert!((a[3 * 10 + 6] - 0.5).abs() < 1e-4);
        assert!(a[3 * 10 + 8].abs() < 1e-4 && a[10 + 3].abs() < 1e-4);
    }
}
