//! The favicon: the agency's mark, one letter white on the theme's blue, drawn at build time the
//! way the link-preview card is (card.rs: the Sarabun outlines, rustybuzz, the coverage
//! rasteriser, miniz_oxide), and the `.ico` container that browsers and crawlers ask for by name.
//! Same mark in, same bytes out.

use crate::card::{BACKGROUND, Coverage, INK, draw_run, png_of, shape};
use crate::pdf::font::SARABUN_BOLD;
use rustybuzz::Face;
use rustybuzz::ttf_parser::GlyphId;

/// The images inside `favicon.ico`: a tab (16 px, 32 px on a dense screen) and Windows' 48 px.
pub const ICO_SIZES: [u32; 3] = [16, 32, 48];

/// What iOS and Android put on a home screen (`apple-touch-icon`).
pub const TOUCH_ICON_SIZE: u32 = 180;

/// A `size`×`size` RGBA PNG of `mark` (a letter or two). `rounded`: a rounded square on a
/// transparent ground, for tabs; otherwise the whole square is blue, because iOS draws a
/// home-screen icon's transparent corners black and rounds the corners itself.
pub fn icon_png(mark: &str, size: u32, rounded: bool) -> Vec<u8> {
    let n = size as usize;
    let s = size as f32;
    let mut ground = Coverage::new(n, n);
    let corners = if rounded { s * 0.2 } else { 0.0 };
    polygon(&mut ground, &rounded_square(s, corners));
    let ground = ground.finish();
    let mut ink = Coverage::new(n, n);
    if let Some(face) = Face::from_slice(SARABUN_BOLD, 0) {
        draw_centred(&mut ink, &face, mark, s);
    }
    let ink = ink.finish();
    let mut rows = Vec::with_capacity(n * (1 + n * 4));
    for y in 0..n {
        rows.push(0); // filter: none
        for x in 0..n {
            let (a, g) = (ground[y * n + x], ink[y * n + x]);
            for c in 0..3 {
                let (bg, fg) = (f32::from(BACKGROUND[c]), f32::from(INK[c]));
                rows.push((bg + (fg - bg) * g).round() as u8);
            }
            rows.push((a * 255.0).round() as u8);
        }
    }
    png_of(size, size, 6, &rows)
}

/// An `.ico` holding PNG images (Windows Vista's format, which every current browser reads).
/// A PNG whose size cannot be read from its header is listed as 256 px, as the format says of
/// any image that large.
pub fn ico(pngs: &[&[u8]]) -> Vec<u8> {
    let count = u16::try_from(pngs.len()).unwrap_or(u16::MAX);
    let mut out = Vec::new();
    out.extend_from_slice(&[0, 0, 1, 0]); // reserved, type 1 = icon
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = 6 + 16 * u32::from(count);
    for png in pngs.iter().take(usize::from(count)) {
        let (w, h) = png_size(png).unwrap_or((256, 256));
        // One byte each; 0 means 256 (or more).
        let side = |v: u32| u8::try_from(v).unwrap_or(0);
        let len = u32::try_from(png.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&[side(w), side(h), 0, 0]); // no palette, reserved
        out.extend_from_slice(&1u16.to_le_bytes()); // colour planes
        out.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        offset = offset.saturating_add(len);
    }
    for png in pngs.iter().take(usize::from(count)) {
        out.extend_from_slice(png);
    }
    out
}

/// Width and height from a PNG's header; `None` when `bytes` is not a PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |r: std::ops::Range<usize>| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(r)?.try_into().ok()?))
    };
    Some((be(16..20)?, be(20..24)?))
}

/// The corners of a square of side `s`, each rounded with radius `r`, clockwise.
fn rounded_square(s: f32, r: f32) -> Vec<(f32, f32)> {
    if r <= 0.0 {
        return vec![(0.0, 0.0), (s, 0.0), (s, s), (0.0, s)];
    }
    const STEPS: u16 = 8;
    let centres = [(s - r, r), (s - r, s - r), (r, s - r), (r, r)];
    let mut points = Vec::with_capacity(4 * usize::from(STEPS + 1));
    for (k, (cx, cy)) in centres.into_iter().enumerate() {
        // Start at the top-right corner's top, going clockwise (y down).
        let start = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::FRAC_PI_2;
        for i in 0..=STEPS {
            let a = start + f32::from(i) / f32::from(STEPS) * std::f32::consts::FRAC_PI_2;
            points.push((cx + r * a.cos(), cy + r * a.sin()));
        }
    }
    points
}

fn polygon(cover: &mut Coverage, points: &[(f32, f32)]) {
    for (i, p) in points.iter().enumerate() {
        cover.line(*p, points[(i + 1) % points.len()]);
    }
}

/// Draws `mark` with its ink box centred in an `s`-pixel square, 60 % of it high at most and
/// 72 % wide, so a tall Thai letter and a wide Latin pair look the same size.
fn draw_centred(cover: &mut Coverage, face: &Face<'_>, mark: &str, s: f32) {
    let glyphs = shape(face, mark.trim());
    // The ink box in font units, over every glyph at its place on the line.
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut pen = 0.0f32;
    for g in &glyphs {
        if let Some(b) = face.glyph_bounding_box(GlyphId(g.id)) {
            let (dx, dy) = (pen + g.x_offset as f32, g.y_offset as f32);
            x0 = x0.min(dx + f32::from(b.x_min));
            x1 = x1.max(dx + f32::from(b.x_max));
            y0 = y0.min(dy + f32::from(b.y_min));
            y1 = y1.max(dy + f32::from(b.y_max));
        }
        pen += g.advance as f32;
    }
    if x1 <= x0 || y1 <= y0 {
        return;
    }
    let scale = (0.6 * s / (y1 - y0)).min(0.72 * s / (x1 - x0));
    let left = s / 2.0 - (x0 + x1) / 2.0 * scale;
    let baseline = s / 2.0 + (y0 + y1) / 2.0 * scale;
    draw_run(cover, face, &glyphs, left, baseline, scale);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_pngs_of_their_size_with_the_mark_on_them() {
        for size in [16, 32, 48, 180] {
            let png = icon_png("ม", size, size != 180);
            assert_eq!(png_size(&png), Some((size, size)));
            assert_eq!(png, icon_png("ม", size, size != 180), "deterministic");
        }
        // A mark compresses worse than an empty square.
        assert!(icon_png("ม", 48, true).len() > icon_png("", 48, true).len() + 100);
    }

    #[test]
    fn the_ico_directory_points_at_each_png() {
        let pngs: Vec<Vec<u8>> = ICO_SIZES.iter().map(|s| icon_png("ก", *s, true)).collect();
        let refs: Vec<&[u8]> = pngs.iter().map(Vec::as_slice).collect();
        let ico = ico(&refs);
        assert_eq!(&ico[..6], &[0, 0, 1, 0, 3, 0]);
        for (i, png) in pngs.iter().enumerate() {
            let e = &ico[6 + 16 * i..6 + 16 * (i + 1)];
            assert_eq!(u32::from(e[0]), ICO_SIZES[i]);
            let len = u32::from_le_bytes(e[8..12].try_into().unwrap()) as usize;
            let at = u32::from_le_bytes(e[12..16].try_into().unwrap()) as usize;
            assert_eq!(&ico[at..at + len], png.as_slice());
        }
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
