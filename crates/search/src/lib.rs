//! A static search index that works for Thai and runs entirely in the browser.
//!
//! Thai is written without spaces between words, so word-based indexes need a dictionary
//! segmenter and still miss supplier names and village names that are not in the dictionary.
//! This index instead keys every document by the character bigrams of its normalised text:
//! a query matches a document when the document contains all of the query's bigrams, and the
//! reader then confirms the exact substring. That finds `ถนน` inside `ก่อสร้างถนนคอนกรีต`
//! with no segmentation and no false positives.
//!
//! Layout under `search/` in the built site (version 1):
//! - `meta.json`: `{"v":1,"docs":N,"shards":S,"chunk":C}`
//! - `s-<i>.json`: shard `i` of the inverted index, `{"<bigram>":[delta-encoded doc ids]}`;
//!   a bigram lives in shard `fnv1a32(utf8(bigram)) % S`
//! - `d-<k>.json`: documents `k·C … k·C+C−1` as `[title, url, kind, meta, normalised text]`
//! - `search.js`: the reader, which loads only the shards a query needs and the chunks of its hits.
//!
//! The normalisation here and in `assets/search.js` must stay identical (tested both ways).

// FNV-1a over UTF-8: tiny, and the same few lines in the JavaScript reader's shard lookup.
use prongsai_text::fnv1a32;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The reader, served at `search/search.js`.
pub const READER_JS: &str = include_str!("../assets/search.js");

pub const FORMAT_VERSION: u32 = 1;
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
    for c in text.chars() {
        // Thai and ASCII first: they are nearly all of the text, and the general Unicode
        // lookups below cost more than everything else in the index build.
        match c {
            '\u{0E50}'..='\u{0E59}' => out.push(char::from(b'0' + (c as u32 - 0x0E50) as u8)),
            '\u{0E00}'..='\u{0E7F}' => out.push(c),
            _ if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ if c.is_ascii() => {}
            _ if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// The distinct character pairs of a normalised text, in order. Pairs of chars, not strings:
/// one allocation per document rather than one per pair.
fn pairs(norm: &str) -> Vec<(char, char)> {
    let mut out: Vec<(char, char)> = norm.chars().zip(norm.chars().skip(1)).collect();
    out.sort_unstable();
    out.dedup();
    out
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

/// Document ids by character pair, for one shard.
type Postings = BTreeMap<(char, char), Vec<u32>>;

/// Shards are sized so one holds roughly this many postings: small enough for a phone to fetch
/// a handful per query, few enough that a small site is a couple of files.
const POSTINGS_PER_SHARD: usize = 40_000;

/// Builds the index files (paths relative to the site root, under `search/`).
pub fn build(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    let normalised: Vec<String> = docs
        .par_iter()
        .map(|d| {
            let mut all = String::with_capacity(d.title.len() + d.meta.len() + d.text.len() + 2);
            all.push_str(&d.title);
            all.push(' ');
            all.push_str(&d.meta);
            all.push(' ');
            all.push_str(&d.text);
            normalise(&all).chars().take(MAX_TEXT_CHARS).collect()
        })
        .collect();
    let doc_pairs: Vec<Vec<(char, char)>> = normalised.par_iter().map(|n| pairs(n)).collect();
    let total_postings: usize = doc_pairs.iter().map(Vec::len).sum();
    let shards = (total_postings / POSTINGS_PER_SHARD)
        .max(1)
        .next_power_of_two()
        .min(4096);

    // Pairs order exactly as their UTF-8 strings do, so the files are as if keyed by string.
    // Inverting the postings one document after another was the one serial step of a large
    // build; instead runs of consecutive documents are inverted in parallel, each into its own
    // maps per shard, and each shard then appends its runs' id lists in document order, so the
    // lists come out sorted exactly as a serial pass would make them.
    let run_len = doc_pairs
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(1);
    let runs: Vec<Vec<Postings>> = doc_pairs
        .par_chunks(run_len)
        .enumerate()
        .map(|(r, run)| {
            let mut maps: Vec<Postings> = vec![BTreeMap::new(); shards];
            for (j, ps) in run.iter().enumerate() {
                let id = (r * run_len + j) as u32;
                for p in ps {
                    maps[pair_shard(*p, shards)].entry(*p).or_default().push(id);
                }
            }
            maps
        })
        .collect();
    drop(doc_pairs);
    let mut by_shard: Vec<Vec<Postings>> = (0..shards).map(|_| Vec::new()).collect();
    for maps in runs {
        for (shard, map) in by_shard.iter_mut().zip(maps) {
            shard.push(map);
        }
    }

    let mut files: Vec<(String, Vec<u8>)> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(i, runs)| {
            let mut map: Postings = BTreeMap::new();
            for run in runs {
                for (pair, mut ids) in run {
                    map.entry(pair).or_default().append(&mut ids);
                }
            }
            let delta: BTreeMap<String, Vec<u32>> = map
                .iter()
                .map(|(g, ids)| {
                    let mut prev = 0;
                    let d = ids
                        .iter()
                        .map(|&id| {
                            let v = id - prev;
                            prev = id;
                            v
                        })
                        .collect();
                    (pair_string(*g), d)
                })
                .collect();
            (
                format!("search/s-{i}.json"),
                serde_json::to_vec(&delta).unwrap_or_default(),
            )
        })
        .collect();

    let chunks: Vec<(String, Vec<u8>)> = docs
        .par_chunks(CHUNK)
        .zip(normalised.par_chunks(CHUNK))
        .enumerate()
        .map(|(k, (ds, ns))| {
            let rows: Vec<[&str; 5]> = ds
                .iter()
                .zip(ns)
                .map(|(d, n)| {
                    [
                        d.title.as_str(),
                        d.url.as_str(),
                        d.kind.as_str(),
                        d.meta.as_str(),
                        n.as_str(),
                    ]
                })
                .collect();
            (
                format!("search/d-{k}.json"),
                serde_json::to_vec(&rows).unwrap_or_default(),
            )
        })
        .collect();
    files.extend(chunks);

    let meta = serde_json::json!({"v": FORMAT_VERSION, "docs": docs.len(), "shards": shards, "chunk": CHUNK});
    files.push(("search/meta.json".to_owned(), meta.to_string().into_bytes()));
    files.push(("search/search.js".to_owned(), READER_JS.as_bytes().to_vec()));
    files
}

/// The same search the browser runs, for tests and for a command-line check of the index:
/// ids of documents whose normalised text contains the normalised query, in id order.
pub fn query(files: &[(String, Vec<u8>)], q: &str) -> Vec<u32> {
    let get = |path: &str| {
        files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| b.as_slice())
    };
    let Some(meta) =
        get("search/meta.json").and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok())
    else {
        return Vec::new();
    };
    let shards = meta["shards"].as_u64().unwrap_or(1).max(1) as u32;
    let chunk = meta["chunk"].as_u64().unwrap_or(CHUNK as u64).max(1) as u32;
    let norm = normalise(q);
    let grams = bigrams(&norm);
    if grams.is_empty() {
        return Vec::new();
    }
    let mut candidates: Option<Vec<u32>> = None;
    for g in &grams {
        let shard = fnv1a32(g.as_bytes()) % shards;
        let map: BTreeMap<String, Vec<u32>> = get(&format!("search/s-{shard}.json"))
            .and_then(|b| serde_json::from_slice(b).ok())
            .unwrap_or_default();
        let mut ids = Vec::new();
        let mut acc = 0;
        for d in map.get(g).map(Vec::as_slice).unwrap_or(&[]) {
            acc += d;
            ids.push(acc);
        }
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
        .filter(|id| {
            let k = id / chunk;
            let rows: Vec<Vec<String>> = get(&format!("search/d-{k}.json"))
                .and_then(|b| serde_json::from_slice(b).ok())
                .unwrap_or_default();
            rows.get((id % chunk) as usize)
                .and_then(|r| r.get(4))
                .is_some_and(|t| t.contains(&norm))
        })
        .collect()
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
}
