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
use rustybuzz::{Direction, Face, GlyphBuffer, Script, ShapePlan, UnicodeBuffer, script};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

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

/// One glyph as the shaper returned it, before it has a CID. Only what horizontal text uses is
/// kept (not `GlyphPosition`'s `y_advance` and private field): a build's `ShapeCache` holds
/// millions of these, at 20 bytes each instead of 32.
#[derive(Clone, Copy, Debug)]
struct RawGlyph {
    gid: u16,
    /// The shaper's `UNSAFE_TO_BREAK`: text cut where this glyph's cluster starts must be shaped
    /// again, because the glyphs on either side could then differ.
    unsafe_to_break: bool,
    /// Byte offset in the shaped text where the glyph's cluster starts.
    cluster: u32,
    x_advance: i32,
    x_offset: i32,
    y_offset: i32,
}

/// What shaping one text gives, before CIDs: the same in every document, so it can be shared.
#[derive(Clone)]
pub(crate) struct Shaped {
    glyphs: Arc<[RawGlyph]>,
    /// The script the text was shaped as (`None`: no strong script, e.g. digits only).
    script: Option<Script>,
}

/// A shaped line of text, shared between measuring (layout) and drawing (write).
struct Run {
    shaped: Shaped,
    /// The same glyphs with CIDs, set the first time the run is drawn. Interning again would give
    /// the same CIDs (every (glyph, text) pair of the run is interned by then), so this only
    /// skips work.
    drawn: Option<Rc<[Glyph]>>,
}

/// Shaped runs shared by every month PDF of one build, so that a text several documents draw (a
/// title, a reason, a row number, "หน้า 3 จาก 70") is shaped at most twice per build (see below)
/// rather than once per document.
///
/// Create one per build and pass it to each [`month_pdf_shared`](crate::month_pdf_shared) call,
/// from any thread. It holds, per face, (script, direction, segment) → the shaper's glyphs: what
/// shaping that segment alone with those properties gives (see `Font::run` for segments), which
/// does not depend on the document, so a document's bytes do not
/// depend on what the cache held or which thread filled it. CIDs stay per document (each PDF
/// embeds its own font subset). Shaping happens outside the lock; the lock is taken only to look
/// a text up or insert it.
///
/// Only texts that a second document shapes are kept: most of a big month's texts belong to
/// one record (amounts, project and contract numbers, a bid with its price) and would fill the
/// cache without ever being asked for again. Until then a text is only remembered as a hash
/// (at most [`ShapeCache::MAX_SEEN`] per face, then forgotten all at once).
///
/// Memory is bounded: once a face's runs take about [`ShapeCache::MAX_BYTES_PER_FACE`], new
/// texts are no longer added (they are then shaped once per document, as without this cache).
///
/// It also holds the build's [`SharedRows`]: a quarter draws the same rows as its three months.
#[derive(Default)]
pub struct ShapeCache {
    pub(crate) regular: SharedRuns,
    pub(crate) bold: SharedRuns,
    pub(crate) rows: SharedRows,
}

/// Table rows wrapped into lines, kept from the first document that wraps a row until a second
/// one asks for it, then forgotten: each record's row is drawn twice per build, in its month's
/// แบบ สขร.1 and in its quarter's (ITA O11), and wrapping (shaping each cell to measure it,
/// choosing breaks) was a third of a PDF's CPU. Each line keeps the glyphs the first document
/// drew it with, so the second does not shape it again either. Wrapping depends only on the
/// font, the column widths and the text, and a line's glyphs are what shaping it alone gives
/// (see `Font::reuse_for_line`), so a document's bytes do not depend on which document wrapped a
/// row first.
///
/// Bounded: once the waiting rows take about [`SharedRows::MAX_BYTES`], new rows are wrapped by
/// each document, as without this cache.
#[derive(Default)]
pub(crate) struct SharedRows {
    inner: Mutex<(RowMap, usize)>,
}

/// A row's key → its cells' lines, each with its glyphs when the document had them.
type RowMap = HashMap<Box<str>, (WrappedRow, usize), BuildHasherDefault<FxHasher>>;

/// A row's cells, each a list of lines.
pub(crate) type WrappedRow = Vec<Vec<(String, Option<Shaped>)>>;

impl SharedRows {
    /// Room for the rows of three months waiting for their quarter on each of a few threads
    /// (a build makes each quarter right after its months): a 10,000-record year's month has
    /// about 830 rows of some 8 KB (the lines' glyphs are 20 bytes each).
    pub const MAX_BYTES: usize = 64 << 20;

    /// The key of a row: everything its wrapping depends on besides the font data.
    pub fn key(bold: bool, widths: &[f32], cells: &[String]) -> Box<str> {
        use std::fmt::Write;
        let mut key = String::with_capacity(cells.iter().map(|c| c.len() + 1).sum::<usize>() + 80);
        key.push(if bold { 'B' } else { 'R' });
        for w in widths {
            let _ = write!(key, "{:08x}", w.to_bits());
        }
        for c in cells {
            key.push('\u{0}');
            key.push_str(c);
        }
        key.into()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (RowMap, usize)> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The row's lines if another document wrapped it, which this takes away.
    pub fn take(&self, key: &str) -> Option<WrappedRow> {
        let mut inner = self.lock();
        let (row, bytes) = inner.0.remove(key)?;
        inner.1 -= bytes;
        Some(row)
    }

    /// Keeps a row this document wrapped for the next document that draws it.
    pub fn put(&self, key: Box<str>, row: WrappedRow) {
        let bytes = key.len()
            + row
                .iter()
                .flatten()
                .map(|(line, shaped)| {
                    64 + line.len() + shaped.as_ref().map_or(0, |s| 20 * s.glyphs.len())
                })
                .sum::<usize>();
        let mut inner = self.lock();
        if inner.1 + bytes <= Self::MAX_BYTES {
            inner.1 += bytes;
            inner.0.insert(key, (row, bytes));
        }
    }

    /// How many rows wait for their second document.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.lock().0.len()
    }
}

impl ShapeCache {
    /// The approximate heap a face's runs may take before the cache stops growing: 64 MiB,
    /// about 2.8 million glyphs (20 bytes each, plus their text and the map's own overhead).
    pub const MAX_BYTES_PER_FACE: usize = 64 << 20;

    /// How many texts seen in a single document so far a face remembers (as 8-byte hashes,
    /// about 9 MiB at most), so that a second document shaping one of them adds it to the cache.
    pub const MAX_SEEN: usize = 1 << 19;

    /// A cache that stops growing at `max_bytes_per_face` (`ShapeCache::default()` uses
    /// [`ShapeCache::MAX_BYTES_PER_FACE`]).
    pub fn with_limit(max_bytes_per_face: usize) -> ShapeCache {
        ShapeCache {
            regular: SharedRuns::with_limit(max_bytes_per_face),
            bold: SharedRuns::with_limit(max_bytes_per_face),
            rows: SharedRows::default(),
        }
    }

    /// How many texts are cached and about how many bytes they take, both faces together.
    pub fn size(&self) -> (usize, usize) {
        let (r, b) = (self.regular.size(), self.bold.size());
        (r.0 + b.0, r.1 + b.1)
    }
}

impl std::fmt::Debug for ShapeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (texts, bytes) = self.size();
        f.debug_struct("ShapeCache")
            .field("texts", &texts)
            .field("bytes", &bytes)
            .finish()
    }
}

/// One face's part of a [`ShapeCache`].
pub(crate) struct SharedRuns {
    inner: Mutex<SharedInner>,
    max_bytes: usize,
    max_seen: usize,
}

/// The properties a text was shaped with: its script (`None`: no strong script) and direction.
/// Part of every cache key, because a segment shaped inside a Thai text (see [`Font::run`]) uses
/// the Thai plan, and the same characters shaped alone might not.
type Props = (Option<Script>, Direction);

/// Text → glyphs, for one [`Props`]. A document or a build needs one or two of these.
type SegmentMap = HashMap<Box<str>, Arc<[RawGlyph]>, BuildHasherDefault<FxHasher>>;

fn segment_map(maps: &mut Vec<(Props, SegmentMap)>, props: Props) -> &mut SegmentMap {
    let idx = match maps.iter().position(|(p, _)| *p == props) {
        Some(idx) => idx,
        None => {
            maps.push((props, SegmentMap::default()));
            maps.len() - 1
        }
    };
    &mut maps[idx].1
}

#[derive(Default)]
struct SharedInner {
    runs: Vec<(Props, SegmentMap)>,
    /// Approximate heap taken by `runs`.
    bytes: usize,
    /// Hashes of texts shaped once and not (yet) in `runs`. A collision only lets a text in
    /// early; `runs` is keyed by the text itself.
    seen: HashSet<u64, BuildHasherDefault<FxHasher>>,
}

impl Default for SharedRuns {
    fn default() -> SharedRuns {
        SharedRuns::with_limit(ShapeCache::MAX_BYTES_PER_FACE)
    }
}

impl SharedRuns {
    /// Per entry, besides the text and the glyphs: the map's slot (key, glyph slice and script),
    /// the `Arc`'s counters and the allocator's rounding, roughly.
    const ENTRY_OVERHEAD: usize = 64;

    fn with_limit(max_bytes: usize) -> SharedRuns {
        SharedRuns::with_limits(max_bytes, ShapeCache::MAX_SEEN)
    }

    fn with_limits(max_bytes: usize, max_seen: usize) -> SharedRuns {
        SharedRuns {
            inner: Mutex::new(SharedInner::default()),
            max_bytes,
            max_seen,
        }
    }

    /// A panic elsewhere while the lock was held cannot leave a half-inserted entry (the map
    /// is only changed by one `insert`), so a poisoned lock's data is still good.
    fn lock(&self) -> std::sync::MutexGuard<'_, SharedInner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn get(&self, props: Props, text: &str) -> Option<Arc<[RawGlyph]>> {
        let inner = self.lock();
        let (_, map) = inner.runs.iter().find(|(p, _)| *p == props)?;
        map.get(text).cloned()
    }

    /// Offers a segment a document has just shaped (each document offers a segment at most
    /// once: it keeps its own). Kept on the second offer, if there is room.
    fn insert(&self, props: Props, text: &str, glyphs: &Arc<[RawGlyph]>) {
        let cost =
            text.len() + glyphs.len() * std::mem::size_of::<RawGlyph>() + Self::ENTRY_OVERHEAD;
        let hash = BuildHasherDefault::<FxHasher>::default().hash_one((props, text));
        let mut inner = self.lock();
        let inner = &mut *inner;
        let map = segment_map(&mut inner.runs, props);
        // Another document may have shaped the same text meanwhile: same glyphs, keep theirs.
        if inner.bytes + cost > self.max_bytes || map.contains_key(text) {
            return;
        }
        if !inner.seen.remove(&hash) {
            if inner.seen.len() >= self.max_seen {
                // Forgetting only costs texts seen before this point one more shaping.
                inner.seen.clear();
            }
            inner.seen.insert(hash);
            return;
        }
        map.insert(text.into(), glyphs.clone());
        inner.bytes += cost;
    }

    fn size(&self) -> (usize, usize) {
        let inner = self.lock();
        let texts = inner.runs.iter().map(|(_, m)| m.len()).sum();
        (texts, inner.bytes)
    }
}

pub(crate) struct Font<'c> {
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
    /// this `Font`, i.e. by one `month_pdf` call; what is shared between documents is `shared`.
    runs: Vec<Run>,
    /// Text → index in `runs`.
    run_index: HashMap<Box<str>, usize, BuildHasherDefault<FxHasher>>,
    /// The segments `run` shaped or took from `shared`, by the properties they were shaped with.
    segments: Vec<(Props, SegmentMap)>,
    /// Shape plans by (script, direction). `rustybuzz::shape` compiles a plan on every call,
    /// which costs about as much as shaping a line; a document needs one or two.
    plans: Vec<(Option<Script>, Direction, ShapePlan)>,
    /// Reused between shapings to save the buffer's allocations.
    buffer: Option<UnicodeBuffer>,
    /// The build's segments for this face, consulted when a segment is not in `segments` yet.
    /// Only what the shaper returned for a segment goes in, never the line slices of
    /// `reuse_for_line`: which texts the shared cache holds depends on thread timing, so what a
    /// document takes from it must be exactly what the document would otherwise compute itself.
    shared: Option<&'c SharedRuns>,
    /// `false` shapes every call afresh with `rustybuzz::shape`, as before the caches existed;
    /// tests use it to show the caches do not change a single byte.
    cache: bool,
}

impl<'c> Font<'c> {
    pub fn new(
        data: &'static [u8],
        postscript_name: &'static str,
    ) -> Result<Font<'c>, ExportError> {
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
            segments: Vec::new(),
            plans: Vec::new(),
            buffer: None,
            shared: None,
            cache: true,
        })
    }

    /// Turns the shaping caches on or off (see `cache`); off also ignores `shared`.
    pub fn set_cache(&mut self, on: bool) {
        self.cache = on;
    }

    /// Looks texts up in, and adds them to, a build's shared runs for this font's face.
    pub fn share(&mut self, runs: &'c SharedRuns) {
        self.shared = Some(runs);
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
        // A second handle on the glyphs, as interning needs `&mut self`.
        let glyphs = self.runs[idx].shaped.glyphs.clone();
        let drawn = self.intern_run(text, &glyphs);
        self.runs[idx].drawn = Some(drawn.clone());
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
                    x_advance: g.x_advance,
                    x_offset: g.x_offset,
                    y_offset: g.y_offset,
                });
            }
            i = j;
        }
        out.into()
    }

    /// The index in `self.runs` of `text`'s run, shaping it on first use.
    ///
    /// Nearly every text of a big month is unique (it holds an amount, a project or contract
    /// number, a date) but is made of words that repeat everywhere (supplier names, methods,
    /// villages, reasons). So, like browsers (Blink's word-by-word shaper), a text is shaped as
    /// segments split after each space, each segment looked up in this document's segments, then
    /// the build's `shared` ones, and shaped only when new. Every segment is shaped with the
    /// script and direction guessed for the whole text, as whole-text shaping would, and the
    /// glyphs are concatenated with clusters shifted by the segment's offset. This gives exactly
    /// the glyphs of shaping the whole text only because no lookup or kerning pair of Sarabun
    /// involves the space (see [`splits_after_space`] and the tests
    /// `word_by_word_equals_whole_text_for_character_pairs` and
    /// `word_by_word_equals_whole_text_for_the_sample_data`).
    fn run(&mut self, text: &str) -> usize {
        if let Some(&idx) = self.run_index.get(text) {
            return idx;
        }
        let mut buf = self.buffer.take().unwrap_or_default();
        buf.push_str(text);
        buf.guess_segment_properties();
        // `rustybuzz::shape` plans with exactly these properties (the guessed script, `None`
        // when the text has no strong script, its direction, no language, no features).
        let props = (guessed_script(&buf), buf.direction());
        buf.clear();
        self.buffer = Some(buf);
        let mut starts = segment_starts(text).peekable();
        let glyphs = if starts.peek().is_none() {
            self.segment(props, text)
        } else {
            let mut glyphs = Vec::new();
            let mut from = 0;
            for end in starts.chain(std::iter::once(text.len())) {
                let seg = self.segment(props, &text[from..end]);
                // Segments are shorter than the text, whose offsets the shaper keeps in u32.
                let offset = from as u32;
                glyphs.extend(seg.iter().map(|g| RawGlyph {
                    cluster: g.cluster + offset,
                    ..*g
                }));
                from = end;
            }
            glyphs.into()
        };
        self.add_run(
            text,
            Shaped {
                glyphs,
                script: props.0,
            },
        )
    }

    /// The glyphs of shaping `seg` alone with `props`: from this document's segments, the
    /// build's, or the shaper.
    fn segment(&mut self, props: Props, seg: &str) -> Arc<[RawGlyph]> {
        if let Some(glyphs) = segment_map(&mut self.segments, props).get(seg) {
            return glyphs.clone();
        }
        let glyphs = match self.shared.and_then(|s| s.get(props, seg)) {
            Some(glyphs) => glyphs,
            None => {
                let glyphs = self.shape_with(props, seg);
                if let Some(shared) = self.shared {
                    shared.insert(props, seg, &glyphs);
                }
                glyphs
            }
        };
        segment_map(&mut self.segments, props).insert(seg.into(), glyphs.clone());
        glyphs
    }

    /// Shapes `text` with the given properties (not guessed from `text` itself) and this
    /// document's plan for them.
    fn shape_with(&mut self, (script, direction): Props, text: &str) -> Arc<[RawGlyph]> {
        let mut buf = self.buffer.take().unwrap_or_default();
        buf.push_str(text);
        if let Some(script) = script {
            buf.set_script(script);
        }
        buf.set_direction(direction);
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
        let out = rustybuzz::shape_with_plan(&self.face, &self.plans[idx].2, buf);
        let glyphs = raw_glyphs(&out).into();
        self.buffer = Some(out.clear());
        glyphs
    }

    fn add_run(&mut self, text: &str, shaped: Shaped) -> usize {
        self.runs.push(Run {
            shaped,
            drawn: None,
        });
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
        let glyphs = &run.shaped.glyphs;
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
        let script = run.shaped.script;
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
        let slice: Arc<[RawGlyph]> = glyphs[first..last]
            .iter()
            .map(|g| RawGlyph {
                cluster: g.cluster - offset,
                ..*g
            })
            .collect();
        self.add_run(
            line,
            Shaped {
                glyphs: slice,
                script,
            },
        );
    }

    /// The glyphs this document has for `line` already (measured or drawn), to hand on with
    /// a wrapped row.
    pub fn line_glyphs(&self, line: &str) -> Option<Shaped> {
        let idx = *self.run_index.get(line)?;
        Some(self.runs[idx].shaped.clone())
    }

    /// Takes `line`'s glyphs from another document's wrapped row: exactly what shaping it here
    /// would give (see [`SharedRows`]).
    pub fn seed_line(&mut self, line: &str, shaped: Shaped) {
        if self.cache && !line.is_empty() && !self.run_index.contains_key(line) {
            self.add_run(line, shaped);
        }
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
        f(&self.runs[idx].shaped.glyphs)
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
                    Some((s, w)) if *s == start => *w += g.x_advance,
                    _ => out.push((start, g.x_advance)),
                }
            }
            out
        })
    }

    /// Width of `text` in points at `size`.
    pub fn measure(&mut self, text: &str, size: f32) -> f32 {
        let units: i32 = self.with_glyphs(text, |glyphs| glyphs.iter().map(|g| g.x_advance).sum());
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

/// Where [`Font::run`] starts a new segment: after each ASCII space between two characters that
/// [`word_edge`] allows on that side.
fn segment_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev = None;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let before = prev.replace(c);
            if c != ' ' {
                continue;
            }
            let after = chars.peek().map(|&(_, n)| n);
            if let (Some(b), Some(a)) = (before, after)
                && word_edge(b, false)
                && word_edge(a, true)
            {
                return Some(i + 1);
            }
        }
        None
    })
}

/// Whether `c` may end the segment before a space (`after == false`) or start the one after it
/// (`after == true`): the characters for which the tests prove that Sarabun shapes the two
/// sides of the space apart exactly as together (all of the Thai block, printable ASCII and the
/// dashes and ellipsis of the sample data; `word_by_word_equals_whole_text_for_character_pairs`).
///
/// A Thai mark or SARA AM after a space cannot start a segment: whole-text shaping puts it in
/// the space's cluster (positioned against the space, SARA AM decomposed around it), which a
/// segment starting with the mark would not. Any other character is left out because it was
/// not tested, so text with it around a space is shaped whole, as before.
fn word_edge(c: char, after: bool) -> bool {
    let thai = matches!(c, '\u{0E01}'..='\u{0E5B}');
    let tested = c.is_ascii_graphic() || thai || matches!(c, '–' | '—' | '…');
    tested && !(after && (crate::pdf::text::is_thai_combining(c) || c == 'ำ'))
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
            unsafe_to_break: info.unsafe_to_break(),
            cluster: info.cluster,
            x_advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
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
    let advancing = glyphs.iter().filter(|g| g.x_advance != 0).count();
    let first = glyphs.iter().position(|g| g.x_advance != 0).unwrap_or(0);
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
        } else if g.x_advance != 0 {
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
    let mut hasher = prongsai_text::Fnv1a64::new();
    for (gid, text) in cids {
        hasher.write(&gid.to_le_bytes());
        hasher.write(text.as_bytes());
    }
    let h = hasher.finish();
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
            .map(|g| (g.gid, g.cluster, g.x_advance, g.x_offset, g.y_offset))
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
                        fields(&cached.runs[idx].shaped.glyphs),
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

    const THAI: Props = (Some(script::THAI), Direction::LeftToRight);

    #[test]
    fn shape_cache_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync + Default>() {}
        shareable::<ShapeCache>();
    }

    fn shared_font(runs: &SharedRuns) -> Font<'_> {
        let mut font = Font::new(SARABUN_REGULAR, "Sarabun-Regular").expect("font");
        font.share(runs);
        font
    }

    /// Runs from the shared cache are what this document would have shaped itself, and line
    /// slices (which depend on the paragraph the line came from) never go into it.
    #[test]
    fn shared_runs_are_whole_text_shapings() {
        let shapes = ShapeCache::default();
        let text = "จ้างเหมาซ่อมแซมถนนคอนกรีตเสริมเหล็ก สายบ้านหนองไผ่ หมู่ที่ 3 ตำบลเมืองหลวง";
        let lines = break_lines(&mut shared_font(&shapes.regular), text, 10.0, 60.0);
        assert!(lines.len() > 2);
        assert_eq!(
            shapes.size().0,
            0,
            "kept only once a second document shapes it"
        );
        assert_eq!(
            break_lines(&mut shared_font(&shapes.regular), text, 10.0, 60.0),
            lines
        );
        let words: Vec<&str> = text.split_inclusive(' ').collect();
        assert_eq!(
            shapes.size().0,
            words.len(),
            "only the paragraph's words were shaped"
        );
        for word in words {
            assert!(shapes.regular.get(THAI, word).is_some(), "{word:?}");
        }
        let mut fresh = Font::new(SARABUN_REGULAR, "Sarabun-Regular").expect("font");
        fresh.set_cache(false);
        let mut third = shared_font(&shapes.regular);
        for t in std::iter::once(text).chain(lines.iter().map(String::as_str)) {
            let idx = third.run(t);
            assert_eq!(
                fields(&third.runs[idx].shaped.glyphs),
                fields(&fresh.shape_uncached(t)),
                "{t:?}"
            );
        }
    }

    #[test]
    fn shared_cache_stops_growing_at_its_limit() {
        let limit = 20_000;
        let shapes = ShapeCache::with_limit(limit);
        let texts: Vec<String> = (0..200)
            .map(|i| format!("ห้างหุ้นส่วนจำกัด ศรีสะเกษก่อสร้าง {i}"))
            .collect();
        let mut fonts = [shared_font(&shapes.regular), shared_font(&shapes.regular)];
        for font in &mut fonts {
            for text in &texts {
                assert!(font.measure(text, 10.0) > 0.0);
            }
        }
        let (kept, bytes) = shapes.size();
        assert!(kept > 5 && kept < 200, "{kept} texts");
        assert!(bytes <= limit, "{bytes} bytes");
        // Past the limit a text is still shaped, once per document.
        let late = texts[199].as_str();
        assert!(fonts[1].run_index.contains_key(late));
        assert!(shapes.regular.get(THAI, "199").is_none());
    }

    #[test]
    fn shared_cache_forgets_texts_seen_once_at_its_limit() {
        let runs = SharedRuns::with_limits(usize::MAX, 10);
        let texts: Vec<String> = (0..25)
            .map(|i| format!("ราคาที่เสนอ {i},000.00 บาท"))
            .collect();
        let mut font = shared_font(&runs);
        for text in &texts {
            font.run(text);
        }
        assert!(runs.lock().seen.len() <= 10);
        assert_eq!(runs.size().0, 0);
        // The last ones, still remembered, are kept when a second document shapes them.
        let mut second = shared_font(&runs);
        for text in texts.iter().rev() {
            second.run(text);
        }
        let kept = runs.size().0;
        assert!(kept > 0 && kept <= 10, "{kept}");
        assert!(runs.lock().seen.len() <= 10);
    }
}

#[cfg(test)]
mod word_by_word {
    use super::*;

    type Key = (u16, bool, u32, i32, i32, i32);

    fn keys(glyphs: &[RawGlyph]) -> Vec<Key> {
        glyphs
            .iter()
            .map(|g| {
                (
                    g.gid,
                    g.unsafe_to_break,
                    g.cluster,
                    g.x_advance,
                    g.x_offset,
                    g.y_offset,
                )
            })
            .collect()
    }

    /// Characters to try: all of the Thai block, printable ASCII and every character of the
    /// sample data.
    fn alphabet() -> Vec<char> {
        let mut chars: Vec<char> = ('\u{0E01}'..='\u{0E5B}').chain('!'..='~').collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procurement-data");
        for text in sample_texts(&root) {
            chars.extend(text.chars());
        }
        chars.retain(|c| *c != ' ' && !c.is_control());
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    /// The text of every file under `dir` (CSV cells, YAML, Markdown), one string per line.
    fn sample_texts(dir: &std::path::Path) -> Vec<String> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return out;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(sample_texts(&path));
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.extend(text.lines().map(str::to_owned));
            }
        }
        out
    }

    /// (whole, word by word) for `text`, each from a fresh font.
    fn both(face: &'static [u8], text: &str) -> (Vec<Key>, Vec<Key>) {
        let whole = Font::new(face, "t").expect("font").shape_uncached(text);
        let mut words = Font::new(face, "t").expect("font");
        let idx = words.run(text);
        (keys(&whole), keys(&words.runs[idx].shaped.glyphs))
    }

    /// The texts a month PDF of the sample data shapes: every cell and every line of a cell,
    /// the PDF's compositions of them (bids, the winner with the price, project number, contract
    /// date), a whole row, and each of these from every space on (where wrapped lines start).
    fn sample_pdf_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procurement-data");
        let mut texts = Vec::new();
        for line in sample_texts(&root) {
            texts.push(line);
        }
        let mut files = Vec::new();
        for year in std::fs::read_dir(&root)
            .expect("procurement-data")
            .flatten()
        {
            if let Ok(months) = std::fs::read_dir(year.path().join("months")) {
                files.extend(months.flatten().map(|m| m.path()));
            }
            files.push(year.path().join("plan.csv"));
        }
        for file in files {
            let Ok(mut reader) = ::csv::Reader::from_path(&file) else {
                continue;
            };
            for row in reader.records().flatten() {
                let cells: Vec<&str> = row.iter().collect();
                let cell = |i: usize| cells.get(i).copied().unwrap_or("-");
                for c in &cells {
                    texts.push((*c).to_owned());
                    texts.extend(c.lines().map(str::to_owned));
                    for bid in c.lines() {
                        if let Some((name, price)) = bid.rsplit_once(' ') {
                            texts.push(format!("{name} ราคาที่เสนอ {price} บาท"));
                        }
                    }
                }
                texts.push(format!("{} ราคาที่ตกลง {} บาท", cell(9), cell(11)));
                texts.push(format!("เลขที่โครงการ {}", cell(1)));
                texts.push(format!("ลงวันที่ {}", cell(14)));
                texts.push(cells.join(" "));
            }
        }
        let suffixes: Vec<String> = texts
            .iter()
            .flat_map(|t| t.match_indices(' ').map(|(i, _)| t[i + 1..].to_owned()))
            .collect();
        texts.extend(suffixes);
        texts.retain(|t| !t.is_empty());
        texts.sort_unstable();
        texts.dedup();
        texts
    }

    #[test]
    fn word_by_word_equals_whole_text_for_the_sample_data() {
        let texts = sample_pdf_texts();
        assert!(texts.len() > 5_000, "{}", texts.len());
        let split = texts.iter().filter(|t| segment_starts(t).next().is_some());
        assert!(split.count() > texts.len() / 2);
        for face in [SARABUN_REGULAR, SARABUN_BOLD] {
            for text in &texts {
                let (whole, words) = both(face, text);
                assert!(whole == words, "{text:?}");
            }
        }
    }

    #[test]
    fn word_by_word_equals_whole_text_for_character_pairs() {
        let chars = alphabet();
        assert!(chars.len() > 180, "{}", chars.len());
        let mut bad: std::collections::BTreeSet<(char, char)> = Default::default();
        let (mut checked, mut split) = (0usize, 0usize);
        for face in [SARABUN_REGULAR, SARABUN_BOLD] {
            let whole = Font::new(face, "t").expect("font");
            for &x in &chars {
                for &y in &chars {
                    for text in [
                        format!("{x} {y}"),
                        format!("{x}{x} {y}{y}"),
                        format!("ก{x} ก{y}"),
                        format!("ป{x} {y}ป"),
                        format!("{x}  {y}"),
                    ] {
                        let fresh = keys(&whole.shape_uncached(&text));
                        let mut words = Font::new(face, "t").expect("font");
                        let idx = words.run(&text);
                        checked += 1;
                        split += usize::from(segment_starts(&text).next().is_some());
                        if keys(&words.runs[idx].shaped.glyphs) != fresh {
                            bad.insert((x, y));
                        }
                    }
                }
            }
        }
        let firsts: std::collections::BTreeSet<char> = bad.iter().map(|p| p.0).collect();
        let seconds: std::collections::BTreeSet<char> = bad.iter().map(|p| p.1).collect();
        assert!(split > checked / 2, "{split} of {checked} texts were split");
        assert!(
            bad.is_empty(),
            "{checked} checked, {} bad; first chars {firsts:?}; second chars {seconds:?}",
            bad.len()
        );
    }
}
