//! Embedded Sarabun: shaping with rustybuzz, glyph → CID interning, subsetting and the PDF font
//! objects (Type0 + CIDFontType2 + ToUnicode).
//!
//! Text extraction is the hard part for Thai. Shaping turns one cluster (a consonant with its
//! vowel and tone marks) into several glyphs, sometimes more glyphs than characters (SARA AM
//! ำ becomes NIKHAHIT + SARA AA) or alternate glyphs (a tone mark shifted left over ป). A plain
//! glyph → character table cannot express that, so CIDs are ours to allocate: each distinct pair
//! (glyph, text it stands for) gets its own CID, the first glyph of a cluster stands for the whole
//! cluster's text and the cluster's other glyphs for nothing. `CIDToGIDMap` maps CIDs back to the
//! subset font's glyphs, and `ToUnicode` gives each CID its text, so copy-paste and `pdftotext`
//! return exactly the characters that were typed.

use crate::ExportError;
use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use rustybuzz::{Face, UnicodeBuffer};
use std::collections::HashMap;

pub(crate) static SARABUN_REGULAR: &[u8] =
    include_bytes!("../../../../assets/fonts/Sarabun-Regular.ttf");
pub(crate) static SARABUN_BOLD: &[u8] = include_bytes!("../../../../assets/fonts/Sarabun-Bold.ttf");

/// One positioned glyph, in font units, already mapped to its CID.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Glyph {
    pub cid: u16,
    pub x_advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
}

pub(crate) struct Font {
    data: &'static [u8],
    face: Face<'static>,
    pub units_per_em: f32,
    /// CID → (original glyph id, text). CID 0 is `.notdef` with no text.
    cids: Vec<(u16, String)>,
    interned: HashMap<(u16, String), u16>,
    /// Advance of each glyph as the PDF reader will assume it (`/W`), in font units.
    postscript_name: &'static str,
}

impl Font {
    pub fn new(data: &'static [u8], postscript_name: &'static str) -> Result<Font, ExportError> {
        let face = Face::from_slice(data, 0)
            .ok_or_else(|| ExportError::Font(format!("cannot parse {postscript_name}")))?;
        let units_per_em = f32::from(face.units_per_em() as u16);
        Ok(Font {
            data,
            face,
            units_per_em,
            cids: vec![(0, String::new())],
            interned: HashMap::new(),
            postscript_name,
        })
    }

    /// Shapes `text` (one line) and returns glyphs with their CIDs.
    pub fn shape(&mut self, text: &str) -> Vec<Glyph> {
        if text.is_empty() {
            return Vec::new();
        }
        let shaped = self.shape_raw(text);
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        let mut out = Vec::with_capacity(infos.len());
        let mut i = 0;
        while i < infos.len() {
            // Clusters are byte offsets, non-decreasing for left-to-right text; a cluster's
            // glyphs are consecutive and its text ends where the next cluster starts.
            let start = infos[i].cluster as usize;
            let mut j = i;
            while j < infos.len() && infos[j].cluster as usize == start {
                j += 1;
            }
            let end = infos.get(j).map_or(text.len(), |g| g.cluster as usize);
            let cluster_text = text.get(start..end).unwrap_or("");
            let texts = split_cluster_text(cluster_text, &positions[i..j]);
            for (k, part) in texts.iter().enumerate() {
                let (info, pos) = (&infos[i + k], &positions[i + k]);
                let gid = u16::try_from(info.glyph_id).unwrap_or(0);
                let cid = self.intern(gid, part);
                out.push(Glyph {
                    cid,
                    x_advance: pos.x_advance,
                    x_offset: pos.x_offset,
                    y_offset: pos.y_offset,
                });
            }
            i = j;
        }
        out
    }

    fn shape_raw(&self, text: &str) -> rustybuzz::GlyphBuffer {
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        rustybuzz::shape(&self.face, &[], buf)
    }

    /// Advance per cluster: `(byte offset where the cluster starts, width in font units)`, in
    /// text order. Measuring does not intern CIDs, so text that is only measured adds nothing to
    /// the embedded font.
    pub fn cluster_advances(&self, text: &str) -> Vec<(usize, i32)> {
        let shaped = self.shape_raw(text);
        let mut out: Vec<(usize, i32)> = Vec::new();
        for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let start = info.cluster as usize;
            match out.last_mut() {
                Some((s, w)) if *s == start => *w += pos.x_advance,
                _ => out.push((start, pos.x_advance)),
            }
        }
        out
    }

    /// Width of `text` in points at `size`.
    pub fn measure(&self, text: &str, size: f32) -> f32 {
        let units: i32 = self.cluster_advances(text).iter().map(|c| c.1).sum();
        units as f32 * size / self.units_per_em
    }

    fn intern(&mut self, gid: u16, text: &str) -> u16 {
        let key = (gid, text.to_owned());
        if let Some(&cid) = self.interned.get(&key) {
            return cid;
        }
        // CIDs are u16; a document needing more distinct (glyph, text) pairs than that falls
        // back to .notdef's CID rather than failing (no Thai month summary comes near).
        let Ok(cid) = u16::try_from(self.cids.len()) else {
            return 0;
        };
        self.cids.push(key.clone());
        self.interned.insert(key, cid);
        cid
    }

    fn advance(&self, gid: u16) -> u16 {
        self.face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
            .unwrap_or(0)
    }

    /// Advance of the glyph behind `cid`, in font units (what the PDF reader moves by).
    pub fn cid_advance(&self, cid: u16) -> i32 {
        self.cids
            .get(usize::from(cid))
            .map_or(0, |(gid, _)| i32::from(self.advance(*gid)))
    }

    /// Writes the font objects: `type0` is the reference pages use; the others are allocated here.
    pub fn write(
        &self,
        pdf: &mut Pdf,
        next: &mut impl FnMut() -> Ref,
        type0: Ref,
    ) -> Result<(), ExportError> {
        let cid_font = next();
        let descriptor = next();
        let font_file = next();
        let to_unicode = next();
        let cid_to_gid = next();

        // Subset to the glyphs used; the remapper assigns new consecutive glyph ids.
        let mut remapper = subsetter::GlyphRemapper::new();
        for (gid, _) in &self.cids {
            remapper.remap(*gid);
        }
        let subset = subsetter::subset(self.data, 0, &remapper)
            .map_err(|e| ExportError::Font(format!("subsetting {}: {e}", self.postscript_name)))?;

        // A subset font's name carries a six-letter tag (ISO 32000 9.6.4); derive it from the
        // glyph set so it is deterministic.
        let tag = subset_tag(&self.cids);
        let base_font = format!("{tag}+{}", self.postscript_name);
        let base_font = Name(base_font.as_bytes());

        pdf.type0_font(type0)
            .base_font(base_font)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_font)
            .to_unicode(to_unicode);

        let scale = 1000.0 / self.units_per_em;
        let mut cid = pdf.cid_font(cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(base_font)
            .system_info(SYSTEM_INFO)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_stream(cid_to_gid);
        cid.widths().consecutive(
            0,
            self.cids
                .iter()
                .map(|(gid, _)| f32::from(self.advance(*gid)) * scale),
        );
        cid.finish();

        let bbox = self.face.global_bounding_box();
        let ascender = f32::from(self.face.ascender()) * scale;
        let descender = f32::from(self.face.descender()) * scale;
        let cap_height = self
            .face
            .capital_height()
            .map_or(ascender, |h| f32::from(h) * scale);
        pdf.font_descriptor(descriptor)
            .name(base_font)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(ascender)
            .descent(descender)
            .cap_height(cap_height)
            .stem_v(if self.face.is_bold() { 120.0 } else { 80.0 })
            .font_file2(font_file);

        let compressed = compress_to_vec_zlib(&subset, 9);
        pdf.stream(font_file, &compressed)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(subset.len()).unwrap_or(i32::MAX),
            );

        let mut map = Vec::with_capacity(self.cids.len() * 2);
        for (gid, _) in &self.cids {
            let new = remapper.get(*gid).unwrap_or(0);
            map.extend_from_slice(&new.to_be_bytes());
        }
        let map = compress_to_vec_zlib(&map, 9);
        pdf.stream(cid_to_gid, &map).filter(Filter::FlateDecode);

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
        for (cid, (_, text)) in (0u16..).zip(&self.cids) {
            if cid != 0 {
                cmap.pair_with_multiple(cid, text.chars());
            }
        }
        let cmap = cmap.finish();
        pdf.stream(to_unicode, cmap.as_slice());
        Ok(())
    }
}

/// Which part of a cluster's text each of its glyphs stands for (see the module comment).
///
/// Extractors such as poppler place a glyph's text over the glyph's advance and insert a space
/// where they see a gap, so every glyph that advances the pen should carry some text: SARA AM's
/// NIKHAHIT + SARA AA after ด must not leave SARA AA's width "empty" (that reads `ดำ เนิน`).
/// The first advancing glyph takes the characters the later advancing glyphs do not; each later
/// advancing glyph takes one character from the end; zero-width glyphs (marks) take nothing.
/// Concatenated in glyph order the parts are always exactly the cluster's text.
fn split_cluster_text<'t>(text: &'t str, positions: &[rustybuzz::GlyphPosition]) -> Vec<&'t str> {
    let mut parts = vec![""; positions.len()];
    let advancing: Vec<usize> = (0..positions.len())
        .filter(|&k| positions[k].x_advance != 0)
        .collect();
    let char_starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let first = advancing.first().copied().unwrap_or(0);
    if advancing.len() <= 1 || char_starts.len() < advancing.len() {
        if let Some(p) = parts.get_mut(first) {
            *p = text;
        }
        return parts;
    }
    let later = advancing.len() - 1;
    let split = char_starts[char_starts.len() - later];
    parts[first] = &text[..split];
    for (n, &k) in advancing[1..].iter().enumerate() {
        let from = char_starts[char_starts.len() - later + n];
        let to = char_starts
            .get(char_starts.len() - later + n + 1)
            .copied()
            .unwrap_or(text.len());
        parts[k] = &text[from..to];
    }
    parts
}

const SYSTEM_INFO: SystemInfo<'static> = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// Six uppercase letters from a hash of the used glyphs (FNV-1a: stable across runs and builds,
/// unlike `std`'s randomly seeded hasher).
fn subset_tag(cids: &[(u16, String)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (gid, text) in cids {
        for b in gid.to_le_bytes().iter().chain(text.as_bytes()) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}
