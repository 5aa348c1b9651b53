//! A static search index for Thai that runs entirely in the browser.
//!
//! Documents are indexed by their words ([`words`]): Thai is segmented at build time with a
//! dictionary, so a word the reader types matches where a word starts, never inside another
//! (`นม` finds the milk records, not `เดือนมีนาคม`). A query's words must all match, in any
//! order, each as a prefix of an indexed word (`คอนกรี` finds `คอนกรีต`) or, for a Thai run typed
//! without spaces, as indexed words one after another (`ถนนคอนกรีต`). A number matches whole:
//! `13` does not find `130`, and `233560` finds `233,560.00`.
//!
//! Layout under `search/` in the built site (version 3):
//! - `meta.json`: `{"v":3,"docs":N,"shards":S,"numbers":M,"chunk":C,"kinds":[…],"folders":[…]}`;
//!   `kinds` and `folders` are the distinct badges and URL folders, in order of first use.
//! - `s-<i>.json`: shard `i` of the inverted index, `{"<word>":"<postings>"}` or, for a word that
//!   is also one of a document's keys, `{"<word>":["<postings>","<key postings>"]}`. A word lives
//!   in shard `fnv1a32(utf8(key)) % S`, where its key is its first two chars (the word itself when
//!   it has one), so the shard of a query term's first two chars holds every word it prefixes.
//! - `n-<i>.json`: the numbers (words of ASCII digits), as the shards hold words, each in
//!   `fnv1a32(utf8(number)) % M`: a number is only ever looked up whole.
//!   Postings are a string of URL-safe base-64 varints (5 bits a digit, lowest first, the digit's
//!   6th bit = more follow): per id `2·(gap−1)` from the previous id (the first from −1), `+1` when
//!   a run of consecutive ids starts there, then followed by the run's length − 1.
//! - `d-<k>.json`: documents `k·C … k·C+C−1`, each `[title, folder, url tail, kind, meta]`: the
//!   URL is `folders[folder] + tail`, the badge `kinds[kind]`. Title and meta carry
//!   [`words::MARK`] at each word boundary inside Thai, for ranking; the strings are stored with
//!   Thai (`U+0E00…U+0E7F`) shifted to `U+0700…U+077F` and the mark as `~` ([`pack`]).
//! - `search.js`: the reader, which loads only the shards of a query's terms and the chunks of
//!   its hits.
//!
//! Ranking: documents whose title holds every term first (the more of the title the terms
//! cover, the higher), then those whose title, meta line or keys (a record's e-GP number and
//! amounts, a supplier's TIN) hold every term, then the rest; ties in index order.
//!
//! A query that finds nothing gets a suggestion: each term without a match is replaced by the
//! nearest indexed word (or a word's start) of its shard, within one edit (two for terms of five
//! chars or more), so `คอนกรีด` suggests `คอนกรีต` and `ศรีษะเกษ` `ศรีสะเกษ`.
//!
//! The runs, terms, ranking and suggestion here ([`Index`]) and in `assets/search.js` must stay
//! identical (tested both ways).

mod pack;
mod postings;
mod reader;
pub mod words;

use pack::pack_thai_into;
use postings::encode_postings;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use words::Segmenter;

pub use reader::{Hit, Index, query};

/// The reader, served at `search/search.js`.
pub const READER_JS: &str = include_str!("../assets/search.js");

pub const FORMAT_VERSION: u32 = 3;
const CHUNK: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDoc {
    /// Site-relative URL, e.g. `/procurement/2568/records/2567-10-3/`.
    pub url: String,
    pub title: String,
    /// Shown as a badge: e.g. `รายการจัดซื้อจัดจ้าง`, `ผู้ประกอบการ`, `หน้าเว็บ`.
    pub kind: String,
    /// One short line under the title: date, amount, supplier.
    pub meta: String,
    /// Further text to match (the page's other text); indexed, not stored.
    pub text: String,
    /// What identifies the page besides its title (a record's e-GP number and amounts, a
    /// supplier's TIN): indexed, and ranked like the meta line; not stored.
    pub keys: String,
}

/// Shards are sized so one is roughly this many bytes: small enough for a phone to fetch one
/// per query term, few enough that a small site is a couple of files.
const BYTES_PER_SHARD: usize = 24_000;

/// The documents holding one word, and those of them it is a key of.
#[derive(Default)]
struct Lists {
    ids: Vec<u32>,
    keys: Vec<u32>,
}

impl Lists {
    fn add(&mut self, id: u32, key: bool) {
        if self.ids.last() != Some(&id) {
            self.ids.push(id);
        }
        if key && self.keys.last() != Some(&id) {
            self.keys.push(id);
        }
    }

    fn append(&mut self, mut other: Lists) {
        self.ids.append(&mut other.ids);
        self.keys.append(&mut other.keys);
    }
}

/// One document as a chunk stores it (see the module comment); the strings are packed.
#[derive(Serialize)]
struct Row<'a>(&'a str, u32, &'a str, u32, &'a str);

/// A word's entry in its shard: the postings, or the postings and the key postings.
#[derive(Serialize)]
#[serde(untagged)]
enum ShardEntry {
    Ids(String),
    WithKeys(String, String),
}

/// Builds the index files (paths relative to the site root, under `search/`).
pub fn build(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    build_sharded(docs, BYTES_PER_SHARD)
}

/// [`build`] with shards of about `per_shard` bytes (the tests use small ones).
fn build_sharded(docs: &[SearchDoc], per_shard: usize) -> Vec<(String, Vec<u8>)> {
    let seg = Segmenter::default();
    // Runs of consecutive documents are inverted in parallel, each into its own map, then
    // appended in document order, so every list comes out sorted and deduplicated exactly as
    // a serial pass would make it (a word seen again in the same document finds its list
    // already ending with that document).
    let run_len = docs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
    let runs: Vec<FxHashMap<String, Lists>> = docs
        .par_chunks(run_len)
        .enumerate()
        .map(|(r, run)| {
            let mut map: FxHashMap<String, Lists> = FxHashMap::default();
            for (j, d) in run.iter().enumerate() {
                let id = (r * run_len + j) as u32;
                let mut add = |w: &str, key: bool| match map.get_mut(w) {
                    Some(l) => l.add(id, key),
                    None => {
                        let mut l = Lists::default();
                        l.add(id, key);
                        map.insert(w.to_owned(), l);
                    }
                };
                for part in [&d.title, &d.meta, &d.text] {
                    seg.words(part, |w| add(w, false));
                }
                seg.words(&d.keys, |w| add(w, true));
            }
            map
        })
        .collect();
    let mut index: FxHashMap<String, Lists> = FxHashMap::default();
    for run in runs {
        for (word, lists) in run {
            // A word's first lists are moved in, not copied.
            match index.entry(word) {
                Entry::Vacant(e) => {
                    e.insert(lists);
                }
                Entry::Occupied(mut e) => e.get_mut().append(lists),
            }
        }
    }
    // Numbers and other words go to separate files: numbers (amounts, e-GP numbers, TINs,
    // dates) are most of the distinct words and are only ever looked up whole, so a Thai
    // term's shard does not carry them.
    let entries: Vec<(String, ShardEntry)> = index
        .into_par_iter()
        .map(|(w, l)| {
            let ids = encode_postings(&l.ids);
            let entry = if l.keys.is_empty() {
                ShardEntry::Ids(ids)
            } else {
                ShardEntry::WithKeys(ids, encode_postings(&l.keys))
            };
            (w, entry)
        })
        .collect();
    let count = |number: bool| -> usize {
        // What a word costs in its shard's JSON: itself, its postings, quotes and separators.
        let bytes: usize = entries
            .iter()
            .filter(|(w, _)| words::is_number(w) == number)
            .map(|(w, e)| {
                w.len()
                    + 6
                    + match e {
                        ShardEntry::Ids(ids) => ids.len(),
                        ShardEntry::WithKeys(ids, keys) => ids.len() + keys.len() + 5,
                    }
            })
            .sum();
        (bytes / per_shard.max(1))
            .max(1)
            .next_power_of_two()
            .min(4096)
    };
    let (shards, numbers) = (count(false), count(true));
    let mut by_shard: Vec<BTreeMap<String, ShardEntry>> =
        (0..shards + numbers).map(|_| BTreeMap::new()).collect();
    for (word, entry) in entries {
        let (number, i) = words::shard(&word, shards, numbers);
        // Keyed by string, so the file's keys are in the order a string map gives them.
        by_shard[if number { shards + i } else { i }].insert(word, entry);
    }
    let mut files: Vec<(String, Vec<u8>)> = by_shard
        .into_par_iter()
        .enumerate()
        .map(|(i, encoded)| {
            let path = if i < shards {
                format!("search/s-{i}.json")
            } else {
                format!("search/n-{}.json", i - shards)
            };
            (path, serde_json::to_vec(&encoded).unwrap_or_default())
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
        .zip(kind_ids.par_chunks(CHUNK).zip(urls.par_chunks(CHUNK)))
        .enumerate()
        .map(|(k, (ds, (ks, us)))| {
            // The chunk's strings packed into one buffer, one allocation per chunk.
            let mut packed = Vec::new();
            let mut ends = Vec::with_capacity(ds.len() * 3);
            for (d, &(_, tail)) in ds.iter().zip(us) {
                for part in [seg.mark(&d.title).as_str(), tail, &seg.mark(&d.meta)] {
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
            let rows: Vec<Row> = ks
                .iter()
                .zip(us)
                .enumerate()
                .map(|(j, (&kind, &(folder, _)))| {
                    Row(part(3 * j), folder, part(3 * j + 1), kind, part(3 * j + 2))
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
        "numbers": numbers,
        "chunk": CHUNK,
        "kinds": kinds.items,
        "folders": folders.items,
    });
    files.push(("search/meta.json".to_owned(), meta.to_string().into_bytes()));
    files.push(("search/search.js".to_owned(), READER_JS.as_bytes().to_vec()));
    files
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, title: &str, meta: &str, text: &str, keys: &str) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            kind: "รายการ".into(),
            meta: meta.into(),
            text: text.into(),
            keys: keys.into(),
        }
    }

    /// Documents shaped as the site's: a page, a supplier, records, a month page listing them.
    fn site_docs() -> Vec<SearchDoc> {
        vec![
            doc(
                "/about/",
                "เกี่ยวกับเรา",
                "",
                "อบต.เมืองหลวง อำเภอห้วยทับทัน จังหวัดศรีสะเกษ Integrity and Transparency",
                "",
            ),
            doc(
                "/suppliers/0335990001042/",
                "ห้างหุ้นส่วนจำกัด ทับทันปิโตรเลียม",
                "3 รายการ",
                "เลขประจำตัวผู้เสียภาษี 0-3359-90001-04-2",
                "0-3359-90001-04-2",
            ),
            doc(
                "/procurement/2569/records/2569-03-2/",
                "จัดซื้ออาหารเสริม (นม) โรงเรียน ประจำเดือนมีนาคม 2569",
                "มี.ค. 2569 · วิธีเฉพาะเจาะจง · 115,741.92 · สหกรณ์โคนมอีสานใต้พัฒนา จำกัด",
                "สหกรณ์โคนมอีสานใต้พัฒนา จำกัด 68105043204",
                "68105043204 117,100.00 115,741.92",
            ),
            doc(
                "/procurement/2569/records/2569-03-3/",
                "จัดซื้อน้ำมันเชื้อเพลิง ประจำเดือนมีนาคม 2569",
                "มี.ค. 2569 · วิธีเฉพาะเจาะจง · 31,972.77 · ห้างหุ้นส่วนจำกัด ทับทันปิโตรเลียม",
                "ห้างหุ้นส่วนจำกัด ทับทันปิโตรเลียม 0-3359-90001-04-2",
                "233,560.00 31,972.77",
            ),
            doc(
                "/procurement/2569/records/2569-06-1/",
                "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 13 บ้านหนองแวง",
                "มิ.ย. 2569 · e-bidding · 1,300.00",
                "ประจำเดือนมิถุนายน",
                "1,300.00",
            ),
            doc(
                "/procurement/2569/records/2569-06-2/",
                "ซ่อมแซมถนนลูกรัง หมู่ที่ ๓",
                "มิ.ย. 2569",
                "",
                "",
            ),
            doc(
                "/procurement/2569/months/2569-03/",
                "สรุปผลการจัดซื้อจัดจ้าง เดือนมีนาคม 2569",
                "2 รายการ",
                "จัดซื้ออาหารเสริม (นม) โรงเรียน จัดซื้อน้ำมันเชื้อเพลิง ทับทันปิโตรเลียม 31,972.77 บาท",
                "",
            ),
        ]
    }

    fn urls(files: &[(String, Vec<u8>)], q: &str) -> Vec<String> {
        let index = Index::open(files).expect("index");
        index.search(q).into_iter().map(|h| h.url).collect()
    }

    #[test]
    fn short_thai_words_match_where_words_start() {
        let files = build(&site_docs());
        // นม: the milk records and the month page listing them, not the months named มีนาคม / มิถุนายน.
        let milk = urls(&files, "นม");
        assert_eq!(milk.len(), 2, "{milk:?}");
        assert!(
            milk.iter()
                .all(|u| u.ends_with("2569-03-2/") || u.contains("months"))
        );
        // A word's start, a compound's inner words.
        assert_eq!(urls(&files, "คอนกรี").len(), 1);
        assert_eq!(urls(&files, "เสริมเหล็ก").len(), 1);
        assert_eq!(urls(&files, "หุ้นส่วน").len(), 2);
    }

    #[test]
    fn every_term_matches_in_any_order() {
        let files = build(&site_docs());
        let one = vec!["/procurement/2569/records/2569-06-1/".to_owned()];
        for q in [
            "คอนกรีต ถนน",
            "ถนน หมู่ที่ 13",
            "หนองแวง ถนน คอนกรีต",
            "ถนนคอนกรีต",
        ] {
            assert_eq!(urls(&files, q), one, "{q}");
        }
        assert_eq!(urls(&files, "ถนน หมู่ที่ 3").len(), 1);
        assert!(urls(&files, "ถนน อาหารเสริม").is_empty());
        // Thai digits are digits.
        assert_eq!(urls(&files, "ลูกรัง หมู่ที่ 3"), urls(&files, "ลูกรัง หมู่ที่ ๓"));
    }

    #[test]
    fn numbers_match_whole_as_printed_or_plain() {
        let files = build(&site_docs());
        let supplier = "/suppliers/0335990001042/";
        for q in ["0-3359-90001-04-2", "0335990001042", "๐๓๓๕๙๙๐๐๐๑๐๔๒"] {
            let found = urls(&files, q);
            assert_eq!(
                found.first().map(String::as_str),
                Some(supplier),
                "{q}: {found:?}"
            );
            assert_eq!(found.len(), 2, "{q}: {found:?}");
        }
        for q in ["233,560.00", "233560", "233560.00"] {
            assert_eq!(
                urls(&files, q),
                ["/procurement/2569/records/2569-03-3/"],
                "{q}"
            );
        }
        // 13 is not 1,300.00 nor 130.
        assert_eq!(urls(&files, "13").len(), 1);
        assert!(urls(&files, "2335").is_empty());
        assert_eq!(urls(&files, "68105043204").len(), 1);
    }

    #[test]
    fn the_page_whose_title_holds_the_words_comes_first() {
        let files = build(&site_docs());
        // The supplier page (its title is the name) before the records naming it.
        let found = urls(&files, "ทับทันปิโตรเลียม");
        assert_eq!(found[0], "/suppliers/0335990001042/", "{found:?}");
        assert_eq!(found.len(), 3);
        // The month page's title is mostly the query; the records also hold it.
        let found = urls(&files, "มีนาคม 2569");
        assert_eq!(found[0], "/procurement/2569/months/2569-03/", "{found:?}");
        // An amount is a record's key: the record before the month page that lists it.
        assert_eq!(
            urls(&files, "31,972.77")[0],
            "/procurement/2569/records/2569-03-3/"
        );
    }

    #[test]
    fn a_query_that_finds_nothing_suggests_the_nearest_words() {
        let files = build(&site_docs());
        let index = Index::open(&files).expect("index");
        assert_eq!(index.suggest("คอนกรีด").as_deref(), Some("คอนกรีต"));
        assert_eq!(index.suggest("ศรีษะเกษ").as_deref(), Some("ศรีสะเกษ"));
        assert_eq!(index.suggest("ถนน คอนกรีด").as_deref(), Some("ถนน คอนกรีต"));
        assert_eq!(index.suggest("ถนน"), None);
        assert_eq!(index.suggest("ซซซซซซ"), None);
        assert_eq!(index.suggest("ก"), None);
        assert_eq!(index.suggest("ถนน 68105043205"), None);
    }

    #[test]
    fn titles_keep_their_text_and_rows_their_marks() {
        let docs = site_docs();
        let files = build(&docs);
        let index = Index::open(&files).expect("index");
        for (i, d) in docs.iter().enumerate() {
            let hit = index.doc(i as u32).expect("every document has a row");
            assert_eq!(
                (hit.title.as_str(), hit.url.as_str(), hit.meta.as_str()),
                (d.title.as_str(), d.url.as_str(), d.meta.as_str())
            );
        }
        let rows = String::from_utf8(
            files
                .iter()
                .find(|(p, _)| p == "search/d-0.json")
                .expect("chunk")
                .1
                .clone(),
        )
        .expect("utf-8");
        assert!(rows.contains('~'), "{rows}");
        assert!(!rows.contains('\u{200B}'));
    }

    #[test]
    fn output_is_deterministic_and_sharded() {
        let docs: Vec<SearchDoc> = (0..3000)
            .map(|i| {
                doc(
                    &format!("/r/{i}/"),
                    &format!("รายการที่ {i} จัดซื้อวัสดุ"),
                    "",
                    &format!("ผู้ขาย {} บ้าน{}", i % 17, ["หนองแวง", "โนนสูง"][i % 2]),
                    &i.to_string(),
                )
            })
            .collect();
        let a = build(&docs);
        let b = build(&docs);
        assert_eq!(a, b);
        assert_eq!(
            a.iter().filter(|(p, _)| p.starts_with("search/d-")).count(),
            15
        );
        assert_eq!(query(&a, "รายการที่ 2999"), vec![2999]);
        assert_eq!(query(&a, "โนนสูง").len(), 1500);
    }

    /// The browser's reader (assets/search.js under Node) finds, ranks and suggests as [`Index`]
    /// does, and splits text into the same runs. Needs `node` (the browser tests need it too).
    #[test]
    fn the_javascript_reader_agrees() {
        let mut docs = site_docs();
        // Enough documents for several chunks and shards.
        for i in 0..900 {
            docs.push(doc(
                &format!("/r/{i}/"),
                &format!(
                    "{} หมู่ที่ {} บ้าน{}",
                    [
                        "จ้างก่อสร้างถนนคอนกรีต",
                        "จัดซื้อวัสดุสำนักงาน",
                        "ซ่อมแซมถนนลูกรัง",
                        "จัดซื้ออาหารเสริม (นม)"
                    ][i % 4],
                    i % 20,
                    ["หนองแวง", "โนนสูง", "เมืองหลวง"][i % 3]
                ),
                &format!(
                    "{} · {},{:03}.{:02}",
                    ["ต.ค. 2568", "มี.ค. 2569"][i % 2],
                    i % 9,
                    i * 7 % 1000,
                    i % 100
                ),
                &format!(
                    "ร้าน{} 6904{:07} P69-{:03}",
                    ["ก.การค้า", "ศรีสะเกษวัสดุ"][i % 2],
                    i * 37,
                    i % 50
                ),
                &format!("6904{:07}", i * 37),
            ));
        }
        let files = build(&docs);
        assert!(
            files
                .iter()
                .filter(|(p, _)| p.starts_with("search/s-"))
                .count()
                >= 1
        );
        let dir = tempfile::tempdir().expect("temporary folder");
        for (path, bytes) in &files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("under search/")).expect("mkdir");
            std::fs::write(path, bytes).expect("write");
        }
        let mut queries: Vec<String> = [
            "นม",
            "ถนน",
            "คอนกรี",
            "คอนกรีต ถนน",
            "ถนนคอนกรีต",
            "ถนน หมู่ที่ 13",
            "หมู่ที่ ๑๓",
            "โนนสูง หนองแวง",
            "0-3359-90001-04-2",
            "0335990001042",
            "233,560.00",
            "233560",
            "31,972.77",
            "13",
            "P69-003",
            "p69",
            "ก.การค้า",
            "ศรีสะเกษ",
            "คอนกรีด",
            "ศรีษะเกษ",
            "ถนน คอนกรีด",
            "ก",
            "",
            "· ·",
            "INTEGRITY",
            "transparency",
            "ทับทันปิโตรเลียม",
            "ห้างหุ้นส่วนจำกัด ทับทัน",
            "มีนาคม 2569",
            "ซซซซซ",
            "เสริมเหล็ก",
        ]
        .map(String::from)
        .to_vec();
        for d in docs.iter().step_by(37) {
            queries.push(d.title.clone());
            queries.push(d.title.chars().take(6).collect());
            queries.push(d.meta.clone());
        }
        let samples: Vec<String> = docs
            .iter()
            .flat_map(|d| [d.title.clone(), d.meta.clone(), d.text.clone()])
            .chain(["ΣΑΣ ς İı ﬁ Ǆ ๐๑๒ ½ ², ๛ฯ ๆ ‍ 1,-2 ,3- ฿5 a\u{200B}b 𝐀𝐁".to_owned()])
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
              const found = [];
              for (const q of input.queries) {
                const f = await r.find(load, q, Infinity);
                found.push({ hits: f.hits.map((h) => [h.id, h.url, h.kind, h.title, h.meta]), suggestion: f.suggestion });
              }
              process.stdout.write(JSON.stringify({ found, runs: input.samples.map(r.runs) }));
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
        let mut found = 0;
        for (q, js) in queries.iter().zip(got["found"].as_array().expect("found")) {
            let hits: Vec<serde_json::Value> = index
                .search(q)
                .into_iter()
                .map(|h| serde_json::json!([h.id, h.url, h.kind, h.title, h.meta]))
                .collect();
            found += usize::from(!hits.is_empty());
            assert_eq!(js["hits"].as_array().expect("list"), &hits, "query {q:?}");
            assert_eq!(
                js["suggestion"].as_str(),
                index.suggest(q).as_deref(),
                "query {q:?}"
            );
        }
        assert!(
            found > queries.len() * 2 / 3,
            "{found} of {}",
            queries.len()
        );
        for (s, js) in samples.iter().zip(got["runs"].as_array().expect("list")) {
            let mut want = Vec::new();
            words::runs(s, |r| {
                let class = match r.class {
                    words::Class::Thai => "t",
                    words::Class::Digit => "d",
                    words::Class::Other => "o",
                };
                want.push(serde_json::json!([r.norm, class]));
            });
            assert_eq!(js.as_array().expect("list"), &want, "sample {s:?}");
        }
    }
}
