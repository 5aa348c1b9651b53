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
use rustybuzz::{
    Direction, Face, GlyphBuffer, GlyphPosition, Script, ShapePlan, UnicodeBuffer, script,
};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

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

/// One glyph as the shaper returned it, before it has a CID.
#[derive(Clone, Copy, Debug)]
struct RawGlyph {
    gid: u16,
    /// Byte offset in the shaped text where the glyph's cluster starts.
    cluster: u32,
    pos: GlyphPosition,
    /// The shaper's `UNSAFE_TO_BREAK`: text cut where this glyph's cluster starts must be shaped
    /// again, because the glyphs on either side could then differ.
    unsafe_to_break: bool,
}

/// A shaped line of text, shared between measuring (layout) and drawing (write).
struct Run {
    glyphs: Vec<RawGlyph>,
    /// The script the text was shaped as (`None`: no strong script, e.g. digits only).
    script: Option<Script>,
    /// The same glyphs with CIDs, set the first time the run is drawn. Interning again would give
    /// the same CIDs (every (glyph, text) pair of the run is interned by then), so this only
    /// skips work.
    drawn: Option<Rc<[Glyph]>>,
}

pub(crate) struct Font {
    data: &'static [u8],
    face: Face<'static>,
    pub units_per_em: f32,
    /// CID → (original glyph id, text). CID 0 is `.notdef` with no text.
    cids: Vec<(u16, String)>,
    /// Advance of each CID's glyph as the PDF reader will assume it (`/W`), in font units.
    cid_advances: Vec<i32>,
    /// Glyph id → the CIDs allocated for it (usually one; more when a glyph stands for different
    /// texts). Indexed by glyph id so looking a pair up allocates nothing.
    cids_by_gid: Vec<Vec<u16>>,
    postscript_name: &'static str,
    /// Shaping is nearly all of a month PDF's cost, and a month repeats a lot of text (supplier
    /// names, methods, dates, reasons, the header on every page), and layout measures the same
    /// lines that are later drawn. So each distinct text is shaped once per document. Owned by
    /// this `Font`, i.e. by one `month_pdf` call: nothing is shared between calls or threads.
    runs: Vec<Run>,
    /// Text → index in `runs`.
    run_index: HashMap<Box<str>, usize, BuildHasherDefault<FxHasher>>,
    /// Shape plans by (script, direction). `rustybuzz::shape` compiles a plan on every call,
    /// which costs about as much as shaping a line; a document needs one or two.
    plans: Vec<(Option<Script>, Direction, ShapePlan)>,
    /// Reused between shapings to save the buffer's allocations.
    buffer: Option<UnicodeBuffer>,
    /// `false` shapes every call afresh with `rustybuzz::shape`, as before the caches existed;
    /// tests use it to show the caches do not change a single byte.
    cache: bool,
}

impl Font {
    pub fn new(data: &'static [u8], postscript_name: &'static str) -> Result<Font, ExportError> {
        let face = Face::from_slice(data, 0)
            .ok_or_else(|| ExportError::Font(format!("cannot parse {postscript_name}")))?;
        let units_per_em = f32::from(face.units_per_em() as u16);
        let glyph_count = usize::from(face.number_of_glyphs());
        let notdef_advance = face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(0))
            .map_or(0, i32::from);
        Ok(Font {
            data,
            face,
            units_per_em,
            cids: vec![(0, String::new())],
            cid_advances: vec![notdef_advance],
            cids_by_gid: vec![Vec::new(); glyph_count],
            postscript_name,
            runs: Vec::new(),
            run_index: HashMap::default(),
            plans: Vec::new(),
            buffer: None,
            cache: true,
        })
    }

    /// Turns the per-document shaping caches on or off (see `cache`).
    pub fn set_cache(&mut self, on: bool) {
        self.cache = on;
    }

    /// Shapes `text` (one line) and returns glyphs with their CIDs.
    pub fn shape(&mut self, text: &str) -> Rc<[Glyph]> {
        if text.is_empty() {
            return Rc::from([]);
        }
        if !self.cache {
            let glyphs = self.shape_uncached(text);
            return self.intern_run(text, &glyphs);
        }
        let idx = self.run(text);
        if let Some(drawn) = &self.runs[idx].drawn {
            return drawn.clone();
        }
        // Take the glyphs out while interning (it needs `&mut self`), then put them back.
        let glyphs = std::mem::take(&mut self.runs[idx].glyphs);
        let drawn = self.intern_run(text, &glyphs);
        let run = &mut self.runs[idx];
        run.glyphs = glyphs;
        run.drawn = Some(drawn.clone());
        drawn
    }

    /// Maps a shaped run's glyphs to CIDs, interning new (glyph, text) pairs in glyph order.
    fn intern_run(&mut self, text: &str, glyphs: &[RawGlyph]) -> Rc<[Glyph]> {
        let mut out = Vec::with_capacity(glyphs.len());
        let mut i = 0;
        while i < glyphs.len() {
            // Clusters are byte offsets, non-decreasing for left-to-right text; a cluster's
            // glyphs are consecutive and its text ends where the next cluster starts.
            let start = glyphs[i].cluster;
            let mut j = i;
            while j < glyphs.len() && glyphs[j].cluster == start {
                j += 1;
            }
            let end = glyphs.get(j).map_or(text.len(), |g| g.cluster as usize);
            let cluster_text = text.get(start as usize..end).unwrap_or("");
            let cluster = &glyphs[i..j];
            for (g, part) in cluster.iter().zip(cluster_parts(cluster_text, cluster)) {
                let cid = self.intern(g.gid, part);
                out.push(Glyph {
                    cid,
                    x_advance: g.pos.x_advance,
                    x_offset: g.pos.x_offset,
                    y_offset: g.pos.y_offset,
                });
            }
            i = j;
        }
        out.into()
    }

    /// The index in `self.runs` of `text`'s run, shaping it on first use.
    fn run(&mut self, text: &str) -> usize {
        if let Some(&idx) = self.run_index.get(text) {
            return idx;
        }
        let mut buf = self.buffer.take().unwrap_or_default();
        buf.push_str(text);
        buf.guess_segment_properties();
        // `rustybuzz::shape` plans with exactly these properties (the guessed script, `None`
        // when the text has no strong script, its direction, no language, no features).
        let script = guessed_script(&buf);
        let direction = buf.direction();
        let idx = match self
            .plans
            .iter()
            .position(|(s, d, _)| *s == script && *d == direction)
        {
            Some(idx) => idx,
            None => {
                let plan = ShapePlan::new(&self.face, direction, script, None, &[]);
                self.plans.push((script, direction, plan));
                self.plans.len() - 1
            }
        };
        let shaped = rustybuzz::shape_with_plan(&self.face, &self.plans[idx].2, buf);
        let glyphs = raw_glyphs(&shaped);
        self.buffer = Some(shaped.clear());
        self.add_run(
            text,
            Run {
                glyphs,
                script,
                drawn: None,
            },
        )
    }

    fn add_run(&mut self, text: &str, run: Run) -> usize {
        self.runs.push(run);
        self.run_index.insert(text.into(), self.runs.len() - 1);
        self.runs.len() - 1
    }

    /// Line breaking measures a whole paragraph, then each of its lines is drawn: rather than
    /// shape a line again, reuse the paragraph's glyphs for `para[start..end]` when the shaper
    /// says that is exactly what shaping the line alone would give: both ends are cluster starts
    /// not marked `UNSAFE_TO_BREAK` (HarfBuzz's guarantee for that flag) and the line is shaped
    /// as the same script (a line of digits alone would use another plan). Otherwise the line is
    /// shaped on its own when drawn, as before.
    pub fn reuse_for_line(&mut self, para: &str, start: usize, end: usize) {
        let Some(line) = para.get(start..end) else {
            return;
        };
        if !self.cache
            || line.is_empty()
            || line.len() == para.len()
            || self.run_index.contains_key(line)
        {
            return;
        }
        let Some(run) = self.run_index.get(para).map(|&i| &self.runs[i]) else {
            return;
        };
        let glyphs = &run.glyphs;
        let first = glyphs.partition_point(|g| (g.cluster as usize) < start);
        let last = glyphs.partition_point(|g| (g.cluster as usize) < end);
        let clean_cut = |i: usize, at: usize| match glyphs.get(i) {
            None => at == para.len(),
            Some(g) => g.cluster as usize == at && (at == 0 || !g.unsafe_to_break),
        };
        // Clusters must be non-decreasing (left-to-right) for the slice to be the line's glyphs.
        if first >= last
            || !clean_cut(first, start)
            || !clean_cut(last, end)
            || !glyphs.windows(2).all(|w| w[0].cluster <= w[1].cluster)
        {
            return;
        }
        let script = run.script;
        let mut buf = self.buffer.take().unwrap_or_default();
        buf.push_str(line);
        buf.guess_segment_properties();
        let same_script = guessed_script(&buf) == script;
        buf.clear();
        self.buffer = Some(buf);
        if !same_script {
            return;
        }
        let Ok(offset) = u32::try_from(start) else {
            return;
        };
        let slice: Vec<RawGlyph> = glyphs[first..last]
            .iter()
            .map(|g| RawGlyph {
                cluster: g.cluster - offset,
                ..*g
            })
            .collect();
        self.add_run(
            line,
            Run {
                glyphs: slice,
                script,
                drawn: None,
            },
        );
    }

    /// What the code did before the caches: a fresh buffer and plan for every call.
    fn shape_uncached(&self, text: &str) -> Vec<RawGlyph> {
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        raw_glyphs(&rustybuzz::shape(&self.face, &[], buf))
    }

    /// Calls `f` with the shaped glyphs of `text`, from the cache when enabled.
    fn with_glyphs<R>(&mut self, text: &str, f: impl FnOnce(&[RawGlyph]) -> R) -> R {
        if !self.cache {
            return f(&self.shape_uncached(text));
        }
        let idx = self.run(text);
        f(&self.runs[idx].glyphs)
    }

    /// Advance per cluster: `(byte offset where the cluster starts, width in font units)`, in
    /// text order. Measuring does not intern CIDs, so text that is only measured adds nothing to
    /// the embedded font.
    pub fn cluster_advances(&mut self, text: &str) -> Vec<(usize, i32)> {
        self.with_glyphs(text, |glyphs| {
            let mut out: Vec<(usize, i32)> = Vec::with_capacity(glyphs.len());
            for g in glyphs {
                let start = g.cluster as usize;
                match out.last_mut() {
                    Some((s, w)) if *s == start => *w += g.pos.x_advance,
                    _ => out.push((start, g.pos.x_advance)),
                }
            }
            out
        })
    }

    /// Width of `text` in points at `size`.
    pub fn measure(&mut self, text: &str, size: f32) -> f32 {
        let units: i32 =
            self.with_glyphs(text, |glyphs| glyphs.iter().map(|g| g.pos.x_advance).sum());
        units as f32 * size / self.units_per_em
    }

    fn intern(&mut self, gid: u16, text: &str) -> u16 {
        let Some(known) = self.cids_by_gid.get(usize::from(gid)) else {
            // Not a glyph of this font (the shaper never returns one): draw `.notdef`.
            return 0;
        };
        if let Some(&cid) = known
            .iter()
            .find(|&&cid| self.cids[usize::from(cid)].1 == text)
        {
            return cid;
        }
        // CIDs are u16; a document needing more distinct (glyph, text) pairs than that falls
        // back to .notdef's CID rather than failing (no Thai month summary comes near).
        let Ok(cid) = u16::try_from(self.cids.len()) else {
            return 0;
        };
        self.cids.push((gid, text.to_owned()));
        self.cid_advances.push(i32::from(self.advance(gid)));
        self.cids_by_gid[usize::from(gid)].push(cid);
        cid
    }

    fn advance(&self, gid: u16) -> u16 {
        self.face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
            .unwrap_or(0)
    }

    /// Advance of the glyph behind `cid`, in font units (what the PDF reader moves by).
    pub fn cid_advance(&self, cid: u16) -> i32 {
        self.cid_advances
            .get(usize::from(cid))
            .copied()
            .unwrap_or(0)
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
        cid.widths()
            .consecutive(0, self.cid_advances.iter().map(|&w| w as f32 * scale));
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

fn guessed_script(buf: &UnicodeBuffer) -> Option<Script> {
    Some(buf.script()).filter(|s| *s != script::UNKNOWN)
}

fn raw_glyphs(shaped: &GlyphBuffer) -> Vec<RawGlyph> {
    shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| RawGlyph {
            gid: u16::try_from(info.glyph_id).unwrap_or(0),
            cluster: info.cluster,
            pos: *pos,
            unsafe_to_break: info.unsafe_to_break(),
        })
        .collect()
}

/// Which part of a cluster's text each of its glyphs stands for (see the module comment), in
/// glyph order.
///
/// Extractors such as poppler place a glyph's text over the glyph's advance and insert a space
/// where they see a gap, so every glyph that advances the pen should carry some text: SARA AM's
/// NIKHAHIT + SARA AA after ด must not leave SARA AA's width "empty" (that reads `ดำ เนิน`).
/// The first advancing glyph takes the characters the later advancing glyphs do not; each later
/// advancing glyph takes one character from the end; zero-width glyphs (marks) take nothing.
/// Concatenated in glyph order the parts are always exactly the cluster's text. (Computed
/// without allocating: this runs for every cluster of every distinct line.)
fn cluster_parts<'t>(text: &'t str, glyphs: &[RawGlyph]) -> impl Iterator<Item = &'t str> {
    let advancing = glyphs.iter().filter(|g| g.pos.x_advance != 0).count();
    let first = glyphs
        .iter()
        .position(|g| g.pos.x_advance != 0)
        .unwrap_or(0);
    let chars = text.chars().count();
    // `head` goes to the first advancing glyph; `tail` is handed out a character at a time to
    // the later ones (it is empty when there are too few characters to go round).
    let (head, mut tail) = if advancing <= 1 || chars < advancing {
        (text, "")
    } else {
        let split = text
            .char_indices()
            .nth(chars - (advancing - 1))
            .map_or(text.len(), |(b, _)| b);
        text.split_at(split)
    };
    glyphs.iter().enumerate().map(move |(k, g)| {
        if k == first {
            head
        } else if g.pos.x_advance != 0 {
            let len = tail.chars().next().map_or(0, char::len_utf8);
            let (part, rest) = tail.split_at(len);
            tail = rest;
            part
        } else {
            ""
        }
    })
}

/// The shaping cache hashes every line of a big month, often several times; std's SipHash
/// (DoS-resistant, which text from our own data files does not need) showed up in profiles.
/// This is the Fx hash (rustc's), eight bytes at a time. It only affects lookups, never output.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::break_lines;

    fn fields(glyphs: &[RawGlyph]) -> Vec<(u16, u32, i32, i32, i32)> {
        glyphs
            .iter()
            .map(|g| {
                (
                    g.gid,
                    g.cluster,
                    g.pos.x_advance,
                    g.pos.x_offset,
                    g.pos.y_offset,
                )
            })
            .collect()
    }

    /// Lines reused from their paragraph's shaping must be exactly what shaping the line alone
    /// gives, whatever the width (so wherever the line breaks fall).
    #[test]
    fn reused_line_glyphs_equal_fresh_shaping() {
        let texts = [
            "จ้างเหมาซ่อมแซมถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่ หมู่ที่ 3 ตำบลเมืองหลวง",
            "ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง ราคาที่เสนอ 498,000.00 บาท",
            "ซื้อวัสดุสำนักงาน (กระดาษ หมึกพิมพ์) สำหรับงานบริหารทั่วไปประจำปี",
            "ปั๊มน้ำ ป่าไม้ ฝ้าย ฟ้อน ญี่ปุ่น ฐาน ฎีกา ปฏิบัติ ดำเนินการ น้ำ กำลัง",
            "AVATAR Type Wave Yo 12/2568 ลงวันที่ 15 ต.ค. 2567 Tower WAVE",
            "1,234,567.00 บาท ราคาที่ตกลง 2,000.50 บาท",
        ];
        let mut fresh = Font::new(SARABUN_REGULAR, "Sarabun-Regular").expect("font");
        fresh.set_cache(false);
        let mut reused = 0;
        for text in texts {
            for width in [25.0, 40.0, 60.0, 90.0, 136.0, 300.0] {
                let mut cached = Font::new(SARABUN_REGULAR, "Sarabun-Regular").expect("font");
                for line in break_lines(&mut cached, text, 10.0, width) {
                    if line.is_empty() {
                        continue;
                    }
                    reused += usize::from(cached.run_index.contains_key(line.as_str()));
                    let idx = cached.run(&line);
                    assert_eq!(
                        fields(&cached.runs[idx].glyphs),
                        fields(&fresh.shape_uncached(&line)),
                        "{line:?} of {text:?} at width {width}"
                    );
                }
            }
        }
        assert!(
            reused > 20,
            "lines should mostly come from their paragraph ({reused})"
        );
    }
}
