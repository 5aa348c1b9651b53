//! A static search index that works for Thai and runs entirely in the browser.
//!
//! Thai is written without spaces between words, so word-based indexes need a dictionary
//! segmenter and still miss supplier names and village names that are not in the dictionary.
//! This index instead keys every document by the character bigrams of its normalised text:
//! a query matches a document when the document contains all of the query's bigrams, and the
//! reader then confirms the exact substring. That finds `ถนน` inside `ก่อสร้างถนนคอนกรีต`
//! with no segmentation and no false positives.
//!
//! Layout under `search/` in the built site (version 2):
//! - `meta.json`: `{"v":2,"docs":N,"shards":S,"chunk":C,"max":3000,"kinds":[…],"folders":[…]}`;
//!   `kinds` and `folders` are the distinct badges and URL folders, in order of first use.
//! - `s-<i>.json`: shard `i` of the inverted index, `{"<bigram>":"<postings>"}`; a bigram lives in
//!   shard `fnv1a32(utf8(bigram)) % S`. Postings are a string of URL-safe base-64 varints (5 bits
//!   a digit, lowest first, the digit's 6th bit = more follow): per id `2·(gap−1)` from the
//!   previous id (the first from −1), `+1` when a run of consecutive ids starts there, then
//!   followed by the run's length − 1.
//! - `d-<k>.json`: documents `k·C … k·C+C−1`, each `[title, folder, url tail, kind, meta, rest]`
//!   or the same with a 7th element `overlap`: the URL is `folders[folder] + tail`, the badge
//!   `kinds[kind]`, and the searchable text is `normalise(title) + normalise(meta)`, then that
//!   head's last `overlap` UTF-16 units again (a record's text starts with the supplier its meta
//!   ends with), then `rest`, cut to `max` characters. That is exactly version 1's stored text
//!   `normalise(title + meta + text)`, so the bigrams and every query's hits are unchanged. The
//!   four strings are stored with Thai (`U+0E00…U+0E7F`) shifted to `U+0700…U+077F`, two UTF-8
//!   bytes instead of three; DEL (`U+007F`) escapes a character that was in that block or DEL.
//! - `search.js`: the reader, which loads only the shards a query needs and the chunks of its hits.
//!
//! Sizes, version 1 → 2 (bytes on disk; same hits, checked by the tests below and, for these
//! sites, by rebuilding every version 1 text from the version 2 files):
//!
//! | site | `d-*.json` | `s-*.json` | `search/` |
//! |---|---|---|---|
//! | sample (414 docs) | 453,162 → 176,825 | 150,449 → 63,753 | 625,373 → 267,452 |
//! | `bench/gen --records 10000` (10,500 docs) | 9,221,761 → 3,407,720 | 2,972,246 → 1,131,170 | 12,213,567 → 4,563,498 |
//! | `bench/gen --pages 10000` (10,100 docs) | 35,421,258 → 23,362,411 | 6,901,078 → 1,439,117 | 42,333,775 → 24,826,530 |
//!
//! A content page's document is mostly its body text (up to 3,000 normalised characters), which
//! the reader needs to confirm a hit and which nothing else in the index repeats.
//!
//! The normalisation here and in `assets/search.js` must stay identical (tested both ways).

// FNV-1a over UTF-8: tiny, and the same few lines in the JavaScript reader's shard lookup.
use prongsai_text::fnv1a32;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

/// The reader, served at `search/search.js`.
pub const READER_JS: &str = include_str!("../assets/search.js");

pub const FORMAT_VERSION: u32 = 2;
const CHUNK: usize = 200;
/// Enough text to find a page by its opening paragraphs without shipping whole pages.
const MAX_TEXT_CHARS: usize = 3000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDoc {
    /// Site-relative URL, e.g. `/procurement/2568/records/2567-10-3/`.
    pub url: String,
    pub title: String,
    /// Shown as a badge: e.g. `รายการจัดซื้อจัดจ้าง`, `ผู้ประกอบการ`, `หน้า`.
    pub kind: String,
    /// One short line under the title: date, amount, supplier.
    pub meta: String,
    /// Further text to match (body, supplier, e-GP number…); not shown.
    pub text: String,
}

/// The search normalisation: lower case, Thai digits as Arabic, only letters, digits and Thai
/// characters kept (spaces and punctuation dropped, so `1,234` matches `1234` and `ม. 3` matches `ม.3`).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_into(&mut out, text);
    out
}

/// [`normalise`], appending to `out`: the index builder normalises a document's parts into one
/// buffer.
fn normalise_into(out: &mut String, text: &str) {
    for c in text.chars() {
        // Thai and ASCII first: they are nearly all of the text, and the general Unicode
        // lookups below cost more than everything else in the index build.
        match c {
            '\u{0E50}'..='\u{0E59}' => out.push(char::from(b'0' + (c as u32 - 0x0E50) as u8)),
            _ if prongsai_text::is_thai(c) => out.push(c),
            _ if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ if c.is_ascii() => {}
            _ if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
}

/// A character pair packed into one number, the first char in the high half: packed pairs
/// sort exactly as the tuples do (and, since UTF-8 keeps code point order, as the pairs'
/// strings), with one comparison each, and hash as one word.
type Packed = u64;

fn pack(a: char, b: char) -> Packed {
    (u64::from(a) << 32) | u64::from(b)
}

fn unpack(p: Packed) -> (char, char) {
    // Both halves came from chars, so neither falls back.
    let half = |v: u64| char::from_u32(v as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
    (half(p >> 32), half(p & 0xFFFF_FFFF))
}

/// The distinct character pairs of a normalised text, in order. Pairs of chars, not strings:
/// one allocation per query rather than one per pair.
fn pairs(norm: &str) -> Vec<(char, char)> {
    let mut packed: Vec<Packed> = norm
        .chars()
        .zip(norm.chars().skip(1))
        .map(|(a, b)| pack(a, b))
        .collect();
    packed.sort_unstable();
    packed.dedup();
    packed.into_iter().map(unpack).collect()
}

fn pair_string((a, b): (char, char)) -> String {
    let mut s = String::with_capacity(8);
    s.push(a);
    s.push(b);
    s
}

fn pair_shard((a, b): (char, char), shards: usize) -> usize {
    let mut buf = [0u8; 8];
    let la = a.encode_utf8(&mut buf).len();
    let lb = b.encode_utf8(&mut buf[la..]).len();
    fnv1a32(&buf[..la + lb]) as usize % shards
}

fn bigrams(norm: &str) -> Vec<String> {
    pairs(norm).into_iter().map(pair_string).collect()
}

/// Shards are sized so one holds roughly this many postings: small enough for a phone to fetch
/// a handful per query, few enough that a small site is a couple of files.
const POSTINGS_PER_SHARD: usize = 40_000;

/// The digits of the postings strings: URL-safe base 64, so a JSON string holds them unescaped.
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` in 5-bit groups, lowest first, one base-64 digit each; the digit's 6th bit says
/// another group follows. A gap below 16 between two ids is then one byte instead of JSON's two
/// to three.
fn put_varint(out: &mut String, mut v: u64) {
    loop {
        let low = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(char::from(B64[low]));
            return;
        }
        out.push(char::from(B64[low | 32]));
    }
}

/// Runs shorter than this are written id by id: a run costs two numbers.
const MIN_RUN: usize = 3;

/// One postings list as a string of varints: for each id (or run of consecutive ids), `2·(gap−1)`
/// from the previous id (the first from −1), plus 1 when a run follows, then the run's length
/// minus one. Common bigrams (`บา`, a month name, a method) are in nearly every record, and a run
/// of thousands of ids is a few bytes.
fn encode_postings(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len());
    let mut prev: i64 = -1;
    let mut i = 0;
    while i < ids.len() {
        let mut j = i + 1;
        while j < ids.len() && ids[j] == ids[j - 1] + 1 {
            j += 1;
        }
        let gap = (i64::from(ids[i]) - prev - 1) as u64;
        if j - i >= MIN_RUN {
            put_varint(&mut out, gap * 2 + 1);
            put_varint(&mut out, (j - i - 1) as u64);
            prev = i64::from(ids[j - 1]);
            i = j;
        } else {
            put_varint(&mut out, gap * 2);
            prev = i64::from(ids[i]);
            i += 1;
        }
    }
    out
}

/// The inverse of [`encode_postings`]; `None` for a string it did not write.
fn decode_postings(s: &str) -> Option<Vec<u32>> {
    let mut digits = s.bytes().map(|b| B64.iter().position(|&d| d == b));
    let mut next = || -> Option<Option<u64>> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let Some(d) = digits.next() else {
                return if shift == 0 { Some(None) } else { None };
            };
            let d = d? as u64;
            v |= (d & 31).checked_shl(shift)?;
            shift += 5;
            if d & 32 == 0 {
                return Some(Some(v));
            }
            if shift > 35 {
                return None;
            }
        }
    };
    let mut ids = Vec::new();
    let mut prev: i64 = -1;
    while let Some(x) = next()? {
        let id = prev + 1 + (x / 2) as i64;
        let run = if x % 2 == 1 { next()?? } else { 0 };
        for k in 0..=run as i64 {
            ids.push(u32::try_from(id + k).ok()?);
        }
        prev = id + run as i64;
    }
    Some(ids)
}

/// What a chunk stores of one document's searchable text. The reader rebuilds the text as
/// `normalise(title) + normalise(meta)`, then `overlap` UTF-16 units repeated from that head's
/// end, then `rest`, cut to [`MAX_TEXT_CHARS`] characters: the title and the meta are already in
/// the row for display, and a record's text starts with the supplier its meta ends with.
struct StoredText {
    /// The whole searchable text, exactly as version 1 stored it: the bigrams come from it.
    full: String,
    rest_start: usize,
    /// In UTF-16 units, as the reader's strings count.
    overlap: usize,
}

impl StoredText {
    fn new(d: &SearchDoc) -> StoredText {
        // normalise() maps each character on its own and drops the spaces, so this is
        // normalise(title + " " + meta + " " + text), the version 1 text.
        let mut full = String::with_capacity(d.title.len() + d.meta.len() + d.text.len());
        normalise_into(&mut full, &d.title);
        normalise_into(&mut full, &d.meta);
        let head_len = full.len();
        normalise_into(&mut full, &d.text);
        if let Some((cut, _)) = full.char_indices().nth(MAX_TEXT_CHARS) {
            full.truncate(cut);
        }
        if full.len() <= head_len {
            // Only a head longer than the limit: the reader's cut alone rebuilds it.
            return StoredText {
                rest_start: full.len(),
                full,
                overlap: 0,
            };
        }
        let (head, rest) = full.split_at(head_len);
        // The longest end of the head the rest starts with (the earliest start wins).
        let overlap_bytes = head
            .char_indices()
            .map(|(i, _)| &head[i..])
            .find(|tail| rest.starts_with(tail))
            .map_or(0, str::len);
        let overlap: usize = rest[..overlap_bytes].chars().map(char::len_utf16).sum();
        // Worth it only when the repeat is longer than the number saying how long it is.
        let (rest_start, overlap) = if overlap_bytes > overlap.to_string().len() + 1 {
            (head_len + overlap_bytes, overlap)
        } else {
            (head_len, 0)
        };
        StoredText {
            full,
            rest_start,
            overlap,
        }
    }

    fn rest(&self) -> &str {
        &self.full[self.rest_start..]
    }
}

/// The reader's rebuild of a document's searchable text from its stored row.
fn rebuild_text(title: &str, meta: &str, rest: &str, overlap: usize, max_chars: usize) -> String {
    let mut text = normalise(title);
    text.push_str(&normalise(meta));
    let head: Vec<u16> = text.encode_utf16().collect();
    let repeat = String::from_utf16_lossy(&head[head.len().saturating_sub(overlap)..]);
    text.push_str(&repeat);
    text.push_str(rest);
    text.chars().take(max_chars).collect()
}

/// A site-relative URL as a shared folder (listed once in `meta.json`) and what follows it:
/// `/procurement/2568/records/` + `2568-03-7/`.
fn split_url(url: &str) -> (&str, &str) {
    let cut = url
        .strip_suffix('/')
        .unwrap_or(url)
        .rfind('/')
        .map_or(0, |i| i + 1);
    url.split_at(cut)
}

/// Small tables of the strings many documents share, indexed in order of first use.
#[derive(Default)]
struct Table<'a> {
    items: Vec<&'a str>,
    index: HashMap<&'a str, u32>,
}

impl<'a> Table<'a> {
    fn id(&mut self, s: &'a str) -> u32 {
        let next = self.items.len() as u32;
        *self.index.entry(s).or_insert_with(|| {
            self.items.push(s);
            next
        })
    }
}

/// Thai takes three UTF-8 bytes a character, and most of the chunks' bytes are Thai. The chunks
/// store the Thai block `U+0E00…U+0E7F` shifted to `U+0700…U+077F` (Syriac and Arabic
/// Supplement: two bytes each, and rare in Thai procurement text); a character already in that
/// block, or the escape itself, is written after [`ESCAPE`].
const THAI: u32 = 0x0E00;
const PACKED: u32 = 0x0700;
/// DEL: JSON keeps it as one raw byte, and no title or text has a reason to hold it.
const ESCAPE: char = '\u{7f}';

/// Appends `text` packed to `out` (whole characters, so `out` stays UTF-8 at every piece's end).
fn pack_thai_into(out: &mut Vec<u8>, text: &str) {
    // On UTF-8 bytes, as this runs over every stored character: U+0E00…U+0E7F is E0 B8|B9 xx,
    // U+0700…U+077F is DC|DD xx.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0xE0 if matches!(bytes.get(i + 1), Some(0xB8 | 0xB9)) => {
                out.push(bytes[i + 1] + (0xDC - 0xB8));
                out.extend_from_slice(&bytes[i + 2..i + 3]);
                i += 3;
            }
            0xDC | 0xDD => {
                out.push(0x7F);
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
            }
            0x7F => {
                out.extend_from_slice(&[0x7F, 0x7F]);
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
fn pack_thai(text: &str) -> String {
    let mut out = Vec::new();
    pack_thai_into(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

fn unpack_thai(packed: &str) -> String {
    let mut out = String::with_capacity(packed.len() * 3 / 2);
    let mut chars = packed.chars();
    while let Some(c) = chars.next() {
        match c {
            ESCAPE => out.extend(chars.next()),
            '\u{0700}'..='\u{077F}' => out.extend(char::from_u32(c as u32 - PACKED + THAI)),
            _ => out.push(c),
        }
    }
    out
}

/// One document as a chunk stores it (see the module comment); the overlap is left off when 0.
/// The strings are [`pack_thai`]ed.
#[derive(Serialize)]
#[serde(untagged)]
enum Row<'a> {
    Plain(&'a str, u32, &'a str, u32, &'a str, &'a str),
    Overlap(&'a str, u32, &'a str, u32, &'a str, &'a str, usize),
}

/// Builds the index files (paths relative to the site root, under `search/`).
pub fn build(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    let texts: Vec<StoredText> = docs.par_iter().map(StoredText::new).collect();
    // Runs of consecutive documents are inverted in parallel, each into its own map, then
    // appended in document order, so every list comes out sorted and deduplicated exactly as
    // a serial pass would make it. A document's pairs are neither collected nor sorted: its
    // text has thousands of pairs but only hundreds of distinct ones, and a pair seen again in
    // the same document finds its list already ending with that document. (Sorting each
    // document's pairs, and keeping them, was a fifth of a 10,000-page build.)
    let run_len = texts
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(1);
    let runs: Vec<FxHashMap<Packed, Vec<u32>>> = texts
        .par_chunks(run_len)
        .enumerate()
        .map(|(r, run)| {
            let mut map: FxHashMap<Packed, Vec<u32>> = FxHashMap::default();
            for (j, t) in run.iter().enumerate() {
                let id = (r * run_len + j) as u32;
                let mut chars = t.full.chars();
                let Some(mut prev) = chars.next() else {
                    continue;
                };
                for c in chars {
                    let ids = map.entry(pack(prev, c)).or_default();
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                    prev = c;
                }
            }
            map
        })
        .collect();
    let mut postings: FxHashMap<Packed, Vec<u32>> = FxHashMap::default();
    for run in runs {
        for (pair, mut ids) in run {
            // A pair's first list is moved in, not copied.
            match postings.entry(pair) {
                Entry::Vacant(e) => {
                    e.insert(ids);
                }
                Entry::Occupied(mut e) => e.get_mut().append(&mut ids),
            }
        }
    }
    let total_postings: usize = postings.values().map(Vec::len).sum();
    let shards = (total_postings / POSTINGS_PER_SHARD)
        .max(1)
        .next_power_of_two()
        .min(4096);
    // A shard's lists: its pairs with their document ids.
    type Lists = Vec<((char, char), Vec<u32>)>;
    let mut by_shard: Vec<Lists> = (0..shards).map(|_| Vec::new()).collect();
    for (pair, ids) in postings {
        let pair = unpack(pair);
        by_shard[pair_shard(pair, shards)].push((pair, ids));
    }

    let mut files: Vec<(String, Vec<u8>)> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(i, lists)| {
            // Keyed by string, so the file's keys are in the order a string map gives them.
            let encoded: BTreeMap<String, String> = lists
                .iter()
                .map(|(g, ids)| (pair_string(*g), encode_postings(ids)))
                .collect();
            (
                format!("search/s-{i}.json"),
                serde_json::to_vec(&encoded).unwrap_or_default(),
            )
        })
        .collect();

    // Two small serial passes over borrowed strings: the tables must number in document order.
    let mut kinds = Table::default();
    let kind_ids: Vec<u32> = docs.iter().map(|d| kinds.id(&d.kind)).collect();
    let mut folders = Table::default();
    let urls: Vec<(u32, &str)> = docs
        .iter()
        .map(|d| {
            let (folder, tail) = split_url(&d.url);
            (folders.id(folder), tail)
        })
        .collect();

    let chunks: Vec<(String, Vec<u8>)> = docs
        .par_chunks(CHUNK)
        .zip(texts.par_chunks(CHUNK))
        .zip(kind_ids.par_chunks(CHUNK).zip(urls.par_chunks(CHUNK)))
        .enumerate()
        .map(|(k, ((ds, ts), (ks, us)))| {
            // The chunk's strings packed into one buffer, one allocation per chunk.
            let mut packed = Vec::new();
            let mut ends = Vec::with_capacity(ds.len() * 4);
            for (d, (t, &(_, tail))) in ds.iter().zip(ts.iter().zip(us)) {
                for part in [d.title.as_str(), tail, d.meta.as_str(), t.rest()] {
                    pack_thai_into(&mut packed, part);
                    ends.push(packed.len());
                }
            }
            // Whole characters were copied or mapped to whole characters.
            let packed = String::from_utf8(packed).unwrap_or_default();
            let part = |i: usize| {
                let start = if i == 0 { 0 } else { ends[i - 1] };
                packed.get(start..ends[i]).unwrap_or_default()
            };
            let rows: Vec<Row> = ts
                .iter()
                .zip(ks.iter().zip(us))
                .enumerate()
                .map(|(j, (t, (&kind, &(folder, _))))| {
                    let (title, tail, meta, rest) = (
                        part(4 * j),
                        part(4 * j + 1),
                        part(4 * j + 2),
                        part(4 * j + 3),
                    );
                    match t.overlap {
                        0 => Row::Plain(title, folder, tail, kind, meta, rest),
                        n => Row::Overlap(title, folder, tail, kind, meta, rest, n),
                    }
                })
                .collect();
            (
                format!("search/d-{k}.json"),
                serde_json::to_vec(&rows).unwrap_or_default(),
            )
        })
        .collect();
    files.extend(chunks);

    let meta = serde_json::json!({
        "v": FORMAT_VERSION,
        "docs": docs.len(),
        "shards": shards,
        "chunk": CHUNK,
        "max": MAX_TEXT_CHARS,
        "kinds": kinds.items,
        "folders": folders.items,
    });
    files.push(("search/meta.json".to_owned(), meta.to_string().into_bytes()));
    files.push(("search/search.js".to_owned(), READER_JS.as_bytes().to_vec()));
    files
}

/// A document as the reader shows it, rebuilt from the index files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: u32,
    pub title: String,
    pub url: String,
    pub kind: String,
    pub meta: String,
    /// The normalised text a query must be a substring of.
    pub text: String,
}

/// Reads an index as the browser does: meta.json's tables, shards' postings and chunks' rows.
pub struct Index<'a> {
    files: &'a [(String, Vec<u8>)],
    shards: u32,
    chunk: u32,
    max_chars: usize,
    kinds: Vec<String>,
    folders: Vec<String>,
}

impl<'a> Index<'a> {
    /// `None` when there is no readable `search/meta.json` of this format version.
    pub fn open(files: &'a [(String, Vec<u8>)]) -> Option<Index<'a>> {
        let mut index = Index {
            files,
            shards: 1,
            chunk: 1,
            max_chars: 0,
            kinds: Vec::new(),
            folders: Vec::new(),
        };
        let meta: serde_json::Value = index.json("search/meta.json")?;
        if meta["v"].as_u64()? != u64::from(FORMAT_VERSION) {
            return None;
        }
        index.shards = u32::try_from(meta["shards"].as_u64()?).ok()?.max(1);
        index.chunk = u32::try_from(meta["chunk"].as_u64()?).ok()?.max(1);
        index.max_chars = usize::try_from(meta["max"].as_u64()?).ok()?;
        index.kinds = serde_json::from_value(meta["kinds"].clone()).ok()?;
        index.folders = serde_json::from_value(meta["folders"].clone()).ok()?;
        Some(index)
    }

    fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> Option<T> {
        let (_, bytes) = self.files.iter().find(|(p, _)| p == path)?;
        serde_json::from_slice(bytes).ok()
    }

    /// Ids of the documents holding a bigram (empty when none does).
    fn postings(&self, gram: &str) -> Vec<u32> {
        let shard = fnv1a32(gram.as_bytes()) % self.shards;
        let map: BTreeMap<String, String> = self
            .json(&format!("search/s-{shard}.json"))
            .unwrap_or_default();
        map.get(gram)
            .and_then(|s| decode_postings(s))
            .unwrap_or_default()
    }

    /// One document, rebuilt from its chunk's row and meta.json's tables.
    pub fn doc(&self, id: u32) -> Option<Hit> {
        let rows: Vec<serde_json::Value> =
            self.json(&format!("search/d-{}.json", id / self.chunk))?;
        let row = rows.get((id % self.chunk) as usize)?.as_array()?;
        let str_at = |i: usize| {
            row.get(i)
                .and_then(serde_json::Value::as_str)
                .map(unpack_thai)
        };
        let num_at = |i: usize| {
            row.get(i)
                .and_then(serde_json::Value::as_u64)
                .and_then(|n| usize::try_from(n).ok())
        };
        let (title, meta, rest) = (str_at(0)?, str_at(4)?, str_at(5)?);
        Some(Hit {
            id,
            text: rebuild_text(&title, &meta, &rest, num_at(6).unwrap_or(0), self.max_chars),
            title,
            url: format!("{}{}", self.folders.get(num_at(1)?)?, str_at(2)?),
            kind: self.kinds.get(num_at(3)?)?.clone(),
            meta,
        })
    }

    /// The same search the browser runs: the documents holding every bigram of the normalised
    /// query whose rebuilt text contains it, in id order.
    pub fn search(&self, q: &str) -> Vec<Hit> {
        let norm = normalise(q);
        let grams = bigrams(&norm);
        let mut candidates: Option<Vec<u32>> = None;
        for g in &grams {
            let ids = self.postings(g);
            candidates = Some(match candidates {
                None => ids,
                Some(prev) => prev
                    .into_iter()
                    .filter(|id| ids.binary_search(id).is_ok())
                    .collect(),
            });
        }
        candidates
            .unwrap_or_default()
            .into_iter()
            .filter_map(|id| self.doc(id))
            .filter(|hit| hit.text.contains(&norm))
            .collect()
    }
}

/// The same search the browser runs, for tests and for a command-line check of the index:
/// ids of documents whose normalised text contains the normalised query, in id order.
pub fn query(files: &[(String, Vec<u8>)], q: &str) -> Vec<u32> {
    Index::open(files)
        .map(|index| index.search(q).into_iter().map(|h| h.id).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> SearchDoc {
        SearchDoc {
            url: format!("/x/{}/", title.len()),
            title: title.into(),
            kind: "record".into(),
            meta: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise("ถนน คสล. หมู่ที่ ๓"), "ถนนคสลหมู่ที่3");
        assert_eq!(normalise("E-Bidding 1,234.50"), "ebidding123450");
    }

    #[test]
    fn finds_thai_substrings_without_segmentation() {
        let docs = vec![
            doc("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3", ""),
            doc("จัดซื้ออาหารเสริม (นม)", "สหกรณ์โคนมศรีสะเกษ จำกัด"),
            doc("ซ่อมแซมถนนลูกรัง", ""),
            doc("จัดซื้อวัสดุสำนักงาน", "ร้านนนทบุรี"),
        ];
        let files = build(&docs);
        assert_eq!(query(&files, "ถนน"), vec![0, 2]);
        assert_eq!(query(&files, "โคนม"), vec![1]);
        assert_eq!(query(&files, "หมู่ที่ ๓"), vec![0]);
        assert!(query(&files, "ถนนลาดยาง").is_empty());
        // "นน" appears in ร้านนนทบุรี and in ถนน, but "ถนน" must not match ร้านนนทบุรี.
        assert!(!query(&files, "ถนน").contains(&3));
    }

    #[test]
    fn output_is_deterministic_and_sharded() {
        let docs: Vec<SearchDoc> = (0..3000)
            .map(|i| doc(&format!("รายการที่ {i} จัดซื้อวัสดุ"), &format!("ผู้ขาย {}", i % 17)))
            .collect();
        let a = build(&docs);
        let b = build(&docs);
        assert_eq!(a, b);
        assert!(a.iter().filter(|(p, _)| p.starts_with("search/d-")).count() == 15);
        assert_eq!(query(&a, "รายการที่ 2999").len(), 1);
    }

    /// The version 1 searchable text, written the straightforward way: what every hit is judged by.
    fn v1_text(d: &SearchDoc) -> String {
        normalise(&format!("{} {} {}", d.title, d.meta, d.text))
            .chars()
            .take(MAX_TEXT_CHARS)
            .collect()
    }

    /// Hits by plain substring search over the version 1 texts (no index at all).
    fn v1_hits(docs: &[SearchDoc], q: &str) -> Vec<u32> {
        let norm = normalise(q);
        if norm.chars().count() < 2 {
            return Vec::new();
        }
        (0..docs.len() as u32)
            .filter(|&i| v1_text(&docs[i as usize]).contains(&norm))
            .collect()
    }

    const SUPPLIERS: [&str; 5] = [
        "ห้างหุ้นส่วนจำกัด บุญวัฒนาขุดลอก",
        "ร้านหลวงหลวงลำการโยธา",
        "บริษัท ศรีสะเกษวัสดุ จำกัด",
        "สหกรณ์โคนมศรีสะเกษ จำกัด",
        "ร้าน ก.การค้า",
    ];
    const TITLES: [&str; 4] = [
        "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก บ้านโนนสูง หมู่ที่ 15 กว้าง 4 เมตร ยาว 400 เมตร",
        "จ้างเหมาขุดลอกหนองน้ำสาธารณะ บ้านเมืองหลวง หมู่ที่ ๑๐",
        "จัดซื้ออาหารเสริม (นม) โรงเรียนบ้านนนทบุรี",
        "ซ่อมแซมถนนลูกรัง",
    ];

    /// Documents shaped as the site's: pages (long bodies, long and odd titles), suppliers, and
    /// records whose meta ends with the supplier their text starts with.
    fn site_docs() -> Vec<SearchDoc> {
        let mut docs = vec![
            SearchDoc {
                url: "/about/".into(),
                title: "เกี่ยวกับเรา".into(),
                kind: "หน้าเว็บ".into(),
                meta: "1 ต.ค. 2568".into(),
                text: "ถนน ".repeat(1200) + "ท้ายหน้าเกินขีดจำกัด",
            },
            SearchDoc {
                url: "/".into(),
                title: "ชื่อยาวมาก ".repeat(400),
                kind: "หน้าเว็บ".into(),
                meta: String::new(),
                text: "ข้อความที่ไม่ถูกเก็บ".into(),
            },
            SearchDoc {
                url: "/news/emoji/".into(),
                title: "𝐀𝐁 ΣΑΣ İstanbul 𝐀𝐁".into(),
                kind: "หน้าเว็บ".into(),
                meta: "𝐀𝐁".into(),
                text: "𝐀𝐁 ต่อท้าย".into(),
            },
            SearchDoc {
                url: "/ข่าว/ܐܒ/".into(),
                title: "ܐܒ \u{7f} ทดสอบ ݿ".into(),
                kind: "หน้าเว็บ".into(),
                meta: "ݐ\u{7f}\u{7f}".into(),
                text: "ܐܒ\u{7f}ܐ ๛".into(),
            },
            SearchDoc {
                url: "no-slash".into(),
                title: "หน้า".into(),
                kind: "หน้าเว็บ".into(),
                meta: "หน้า".into(),
                text: "หน้า".into(),
            },
        ];
        for (i, s) in SUPPLIERS.iter().enumerate() {
            docs.push(SearchDoc {
                url: format!("/suppliers/n-{i}/"),
                title: (*s).into(),
                kind: "ผู้ประกอบการ".into(),
                meta: format!("{} รายการ", i * 3),
                text: format!("{}", 3_100_000_000_000u64 + i as u64),
            });
        }
        for i in 0..230usize {
            let winner = if i % 7 == 3 { "" } else { SUPPLIERS[i % 5] };
            let year = 2567 + i % 3;
            docs.push(SearchDoc {
                url: format!("/procurement/{year}/records/{year}-{:02}-{i}/", i % 12 + 1),
                title: TITLES[i % 4].into(),
                kind: "รายการจัดซื้อจัดจ้าง".into(),
                meta: format!(
                    "เม.ย. {year} · {} · {},{:03}.{:02}{}",
                    ["e-bidding", "สอบราคา", "เฉพาะเจาะจง"][i % 3],
                    i % 9,
                    i * 7 % 1000,
                    i % 100,
                    if winner.is_empty() {
                        String::new()
                    } else {
                        format!(" · {winner}")
                    }
                ),
                text: format!(
                    "{winner} 6904{:07} P69{:04} สัญญาจ้าง {}/{year} เงินอุดหนุนเฉพาะกิจ ",
                    i * 37,
                    i,
                    i % 50
                ),
            });
        }
        docs
    }

    /// Queries from every seam of the texts: within titles, across title|meta, meta|supplier
    /// and supplier|e-GP number, numbers, and texts no document holds.
    fn site_queries(docs: &[SearchDoc]) -> Vec<String> {
        let mut qs: Vec<String> = [
            "ถนน",
            "ถนนลาดยาง",
            "นน",
            "หมู่ที่ ๑๕",
            "โคนม",
            "เม.ย. 2568",
            "e-bidding",
            "E-BIDDING",
            "1,234",
            "สัญญาจ้าง 7/2568",
            "เงินอุดหนุน",
            "บุญวัฒนาขุดลอก",
            "ศรีสะเกษวัสดุจำกัด",
            "จำกัดบ้าน",
            "ยาว 400 เมตรเม.ย.",
            "จำกัด6904",
            "โยธาร้านหลวง",
            "โยธาโยธา",
            "ถนนท้ายหน้า",
            "ท้ายหน้าเกิน",
            "ชื่อยาวมาก",
            "ข้อความ",
            "𝐀𝐁",
            "σασ",
            "istanbul",
            "𝐁ต่อ",
            "หน้าหน้า",
            "ܒทด",
            "ݿݐܐ",
            "ܐܒ",
            "ܐ๛",
            "3100000000002",
            "P690012",
            "ก",
            "",
            "· ·",
        ]
        .map(String::from)
        .to_vec();
        for (i, d) in docs.iter().enumerate().step_by(3) {
            let t: Vec<char> = v1_text(d).chars().collect();
            for (start, len) in [(0, 2), (i % 40, 9), (t.len().saturating_sub(12), 12)] {
                qs.push(t.iter().skip(start).take(len).collect());
            }
            let title = normalise(&d.title).chars().count();
            let meta = normalise(&d.meta).chars().count();
            for seam in [title, title + meta] {
                qs.push(t.iter().skip(seam.saturating_sub(4)).take(8).collect());
            }
        }
        qs
    }

    #[test]
    fn every_document_is_rebuilt_exactly() {
        let docs = site_docs();
        let files = build(&docs);
        let index = Index::open(&files).expect("meta.json of this version");
        for (i, d) in docs.iter().enumerate() {
            let hit = index.doc(i as u32).expect("every document has a row");
            assert_eq!(hit.title, d.title, "doc {i}");
            assert_eq!(hit.url, d.url, "doc {i}");
            assert_eq!(hit.kind, d.kind, "doc {i}");
            assert_eq!(hit.meta, d.meta, "doc {i}");
            assert_eq!(hit.text, v1_text(d), "doc {i}");
        }
        assert!(index.doc(docs.len() as u32).is_none());
        // A record's supplier is stored once, in its meta; its text repeats it by length.
        let rows: Vec<serde_json::Value> = index.json("search/d-0.json").expect("chunk 0");
        let mut repeats = 0;
        for (d, row) in docs.iter().zip(&rows) {
            let Some(winner) = SUPPLIERS.iter().find(|s| d.meta.ends_with(*s)) else {
                continue;
            };
            let rest = row[5].as_str().expect("rest");
            assert!(!rest.contains(&normalise(winner)), "{row}");
            assert_eq!(
                row[6].as_u64(),
                Some(normalise(winner).encode_utf16().count() as u64)
            );
            repeats += 1;
        }
        assert!(repeats > 100, "{repeats}");
    }

    #[test]
    fn hits_equal_a_substring_search_of_the_version_1_texts() {
        let docs = site_docs();
        let files = build(&docs);
        let queries = site_queries(&docs);
        assert!(queries.len() > 300);
        let mut found = 0;
        for q in &queries {
            let want = v1_hits(&docs, q);
            found += usize::from(!want.is_empty());
            assert_eq!(query(&files, q), want, "query {q:?}");
        }
        // The seams and substrings are real: most queries find something.
        assert!(
            found > queries.len() * 3 / 4,
            "{found} of {}",
            queries.len()
        );
    }

    #[test]
    fn thai_packs_into_two_bytes_and_back() {
        let text = "ถนน ๑๒ ฿ ๛ ܐ ݿ \u{7f} 𝐀 ab ࠀ ฿\u{7f}ܐ";
        let packed = pack_thai(text);
        assert_eq!(unpack_thai(&packed), text);
        assert_eq!(pack_thai("ถนน").len(), 6);
        assert_eq!(pack_thai("ถนน"), "\u{716}\u{719}\u{719}");
        assert_eq!(pack_thai("ܐ\u{7f}"), "\u{7f}ܐ\u{7f}\u{7f}");
    }

    #[test]
    fn postings_round_trip_through_the_varint_string() {
        for ids in [
            vec![],
            vec![0],
            vec![0, 1],
            vec![0, 1, 2],
            vec![5, 6, 7, 8, 20, 21, 40],
            (0..5000).collect::<Vec<u32>>(),
            vec![15, 16, 17, 1 << 20, u32::MAX - 2, u32::MAX - 1, u32::MAX],
        ] {
            assert_eq!(decode_postings(&encode_postings(&ids)), Some(ids));
        }
        // A long run is a couple of digits, a sparse list about one digit per small gap.
        assert_eq!(encode_postings(&(0..5000).collect::<Vec<u32>>()).len(), 4);
        assert_eq!(encode_postings(&[0, 2, 4, 6]), "ACCC");
        assert_eq!(decode_postings("A!"), None);
        assert_eq!(decode_postings("g"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Packed pairs sort and dedup exactly as the tuples do, for any characters (Thai,
        /// Latin, astral).
        #[test]
        fn packed_pairs_equal_sorted_tuples(texts in proptest::collection::vec(
            proptest::collection::vec(proptest::prop_oneof![
                proptest::char::range('\u{E01}', '\u{E5B}'),
                proptest::char::range('a', 'e'),
                proptest::char::range('0', '9'),
                proptest::char::range('\u{1F600}', '\u{1F603}'),
                proptest::char::range('\u{10000}', '\u{10FFFF}'),
            ], 0..300), 1..6)) {
            for chars in texts {
                let text: String = chars.into_iter().collect();
                let mut want: Vec<(char, char)> = text.chars().zip(text.chars().skip(1)).collect();
                want.sort_unstable();
                want.dedup();
                proptest::prop_assert_eq!(pairs(&text), want);
            }
        }

        #[test]
        fn postings_round_trip(mut ids in proptest::collection::vec(0u32..3000, 0..400)) {
            ids.sort_unstable();
            ids.dedup();
            proptest::prop_assert_eq!(decode_postings(&encode_postings(&ids)), Some(ids));
        }

        /// Any documents from Thai and Latin pieces, with the record shape's repeats, against
        /// queries cut from their texts.
        #[test]
        fn random_documents_find_what_a_substring_search_finds(
            raw in proptest::collection::vec(
                (proptest::collection::vec(0usize..10, 0..6), proptest::collection::vec(0usize..10, 0..4),
                 proptest::collection::vec(0usize..10, 0..8), proptest::bool::ANY),
                1..40),
            cuts in proptest::collection::vec((0usize..200, 1usize..12), 1..30),
        ) {
            const PIECES: [&str; 10] =
                ["ถนน", "นน", " ๑๒ ", "คอนกรีต", "Ab-1", "·", "ร้าน", "𝐀", "จำกัด", "12,345.00"];
            let join = |ix: &[usize]| ix.iter().map(|&i| PIECES[i]).collect::<String>();
            let docs: Vec<SearchDoc> = raw
                .iter()
                .enumerate()
                .map(|(i, (t, m, x, repeat))| {
                    let meta = join(m);
                    let text = if *repeat { format!("{meta} {}", join(x)) } else { join(x) };
                    SearchDoc { url: format!("/r/{i}/"), title: join(t), kind: "k".into(), meta, text }
                })
                .collect();
            let files = build(&docs);
            let all: String = docs.iter().map(v1_text).collect();
            let all: Vec<char> = all.chars().collect();
            for (start, len) in cuts {
                let q: String = all.iter().skip(start % all.len().max(1)).take(len).collect();
                proptest::prop_assert_eq!(query(&files, &q), v1_hits(&docs, &q), "query {:?}", q);
            }
        }
    }

    /// The browser's reader (assets/search.js under Node) finds what [`query`] finds and
    /// normalises as [`normalise`] does. Needs `node` (the browser tests need it too).
    #[test]
    fn the_javascript_reader_agrees() {
        let docs = site_docs();
        let files = build(&docs);
        let dir = tempfile::tempdir().expect("temporary folder");
        for (path, bytes) in &files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("under search/")).expect("mkdir");
            std::fs::write(path, bytes).expect("write");
        }
        let queries = site_queries(&docs);
        let samples: Vec<String> = docs
            .iter()
            .flat_map(|d| [d.title.clone(), d.meta.clone(), d.text.clone()])
            .chain(["ΣΑΣ ς İı ﬁ Ǆ ๐๑๒ ½ ², ๛ฯ ๆ ‍".to_owned()])
            .collect();
        std::fs::write(
            dir.path().join("input.json"),
            serde_json::to_vec(&serde_json::json!({ "queries": queries, "samples": samples }))
                .expect("json"),
        )
        .expect("write");
        let script = r#"
            const fs = require("fs"), path = require("path");
            const [dir, reader] = process.argv.slice(1);
            const r = require(reader);
            const input = JSON.parse(fs.readFileSync(path.join(dir, "input.json"), "utf8"));
            const load = (p) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, p), "utf8")));
            (async () => {
              const hits = [];
              for (const q of input.queries) {
                const n = Array.from(r.normalise(q)).length;
                hits.push(n < 2 ? [] : (await r.find(load, q, Infinity)).map((h) => [h.id, h.url, h.kind, h.title, h.meta]));
              }
              process.stdout.write(JSON.stringify({ hits, normalised: input.samples.map(r.normalise) }));
            })();
        "#;
        let reader = dir.path().join("reader.js");
        std::fs::write(&reader, READER_JS).expect("write");
        let out = std::process::Command::new("node")
            .arg("-e")
            .arg(script)
            .arg(dir.path())
            .arg(&reader)
            .output()
            .expect("node is needed to test the browser reader (apt install nodejs)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("node wrote JSON");
        let index = Index::open(&files).expect("index");
        for (q, js) in queries.iter().zip(got["hits"].as_array().expect("hits")) {
            let want: Vec<serde_json::Value> = index
                .search(q)
                .into_iter()
                .map(|h| serde_json::json!([h.id, h.url, h.kind, h.title, h.meta]))
                .collect();
            assert_eq!(js.as_array().expect("list"), &want, "query {q:?}");
        }
        for (s, js) in samples
            .iter()
            .zip(got["normalised"].as_array().expect("list"))
        {
            assert_eq!(js.as_str(), Some(normalise(s).as_str()), "sample {s:?}");
        }
    }
}
