//! The browser's search, step for step (`assets/search.js`), over the built files: for tests
//! and for checking an index from the command line.

use crate::postings::decode_postings;
use crate::words::{self, Class, runs};
use crate::{FORMAT_VERSION, pack::unpack_thai};
use std::collections::{BTreeMap, HashMap};

/// One word of a query: a run of one class ([`words::runs`]). A number or a single character
/// matches only a whole word; anything else also the start of a longer one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub exact: bool,
    pub thai: bool,
}

pub fn terms(q: &str) -> Vec<Term> {
    let mut out = Vec::new();
    runs(q, |r| {
        out.push(Term {
            text: r.norm.to_owned(),
            exact: r.class == Class::Digit || r.norm.chars().nth(1).is_none(),
            thai: r.class == Class::Thai,
        });
    });
    out
}

/// A document as the reader shows it, rebuilt from the index files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: u32,
    pub title: String,
    pub url: String,
    pub kind: String,
    pub meta: String,
}

/// The documents a term matched, and those of them it matched a key of.
#[derive(Clone, Debug, Default)]
struct Found {
    ids: Vec<u32>,
    keys: Vec<u32>,
}

type Shard = BTreeMap<String, (Vec<u32>, Vec<u32>)>;

/// A stored row: title and meta still carry their marks.
struct Row {
    title: String,
    url: String,
    kind: String,
    meta: String,
}

/// An index read as the browser reads it: meta.json's tables, the shards' words and the chunks'
/// rows.
pub struct Index {
    shards: Vec<Shard>,
    numbers: Vec<Shard>,
    rows: Vec<Row>,
}

fn json<T: serde::de::DeserializeOwned>(files: &[(String, Vec<u8>)], path: &str) -> Option<T> {
    let (_, bytes) = files.iter().find(|(p, _)| p == path)?;
    serde_json::from_slice(bytes).ok()
}

impl Index {
    /// `None` when there is no readable `search/meta.json` of this format version.
    pub fn open(files: &[(String, Vec<u8>)]) -> Option<Index> {
        let meta: serde_json::Value = json(files, "search/meta.json")?;
        if meta["v"].as_u64()? != u64::from(FORMAT_VERSION) {
            return None;
        }
        let shard_count = usize::try_from(meta["shards"].as_u64()?).ok()?.max(1);
        let number_count = usize::try_from(meta["numbers"].as_u64()?).ok()?.max(1);
        let docs = usize::try_from(meta["docs"].as_u64()?).ok()?;
        let chunk = usize::try_from(meta["chunk"].as_u64()?).ok()?.max(1);
        let kinds: Vec<String> = serde_json::from_value(meta["kinds"].clone()).ok()?;
        let folders: Vec<String> = serde_json::from_value(meta["folders"].clone()).ok()?;
        let read = |name: &str, count: usize| -> Option<Vec<Shard>> {
            let mut out = Vec::with_capacity(count);
            for i in 0..count {
                let raw: BTreeMap<String, serde_json::Value> =
                    json(files, &format!("search/{name}-{i}.json")).unwrap_or_default();
                let mut shard = Shard::new();
                for (word, v) in raw {
                    let lists = match &v {
                        serde_json::Value::String(s) => (decode_postings(s)?, Vec::new()),
                        serde_json::Value::Array(a) => (
                            decode_postings(a.first()?.as_str()?)?,
                            decode_postings(a.get(1)?.as_str()?)?,
                        ),
                        _ => return None,
                    };
                    shard.insert(word, lists);
                }
                out.push(shard);
            }
            Some(out)
        };
        let shards = read("s", shard_count)?;
        let numbers = read("n", number_count)?;
        let mut rows = Vec::with_capacity(docs);
        for k in 0..docs.div_ceil(chunk) {
            let chunk_rows: Vec<serde_json::Value> = json(files, &format!("search/d-{k}.json"))?;
            for row in chunk_rows {
                let s = |i: usize| row.get(i).and_then(|v| v.as_str()).map(unpack_thai);
                let n = |i: usize| {
                    row.get(i)
                        .and_then(serde_json::Value::as_u64)
                        .and_then(|n| usize::try_from(n).ok())
                };
                rows.push(Row {
                    title: s(0)?,
                    url: format!("{}{}", folders.get(n(1)?)?, s(2)?),
                    kind: kinds.get(n(3)?)?.clone(),
                    meta: s(4)?,
                });
            }
        }
        Some(Index {
            shards,
            numbers,
            rows,
        })
    }

    fn shard(&self, word: &str) -> &Shard {
        match words::shard(word, self.shards.len(), self.numbers.len()) {
            (true, i) => &self.numbers[i],
            (false, i) => &self.shards[i],
        }
    }

    /// The documents of the indexed words equal to `t` (`exact`) or starting with it.
    fn lookup(&self, t: &str, exact: bool) -> Option<Found> {
        let mut found: Option<Found> = None;
        for (word, (ids, keys)) in self.shard(t).range(t.to_owned()..) {
            if !word.starts_with(t) {
                break;
            }
            if exact && word != t {
                continue;
            }
            let f = found.get_or_insert_with(Found::default);
            f.ids = union(&f.ids, ids);
            f.keys = union(&f.keys, keys);
        }
        found
    }

    /// A term's documents: as a word or a word's start, or else (Thai typed without spaces) as
    /// indexed words one after another, the longest first word first.
    fn find(
        &self,
        t: &str,
        exact: bool,
        thai: bool,
        memo: &mut HashMap<String, Option<Found>>,
    ) -> Option<Found> {
        if let Some(f) = memo.get(t) {
            return f.clone();
        }
        let mut found = self.lookup(t, exact);
        if found.is_none() && thai {
            let cuts: Vec<usize> = t.char_indices().map(|(i, _)| i).skip(1).collect();
            for &i in cuts.iter().rev() {
                let Some(head) = self.lookup(&t[..i], true) else {
                    continue;
                };
                let rest = &t[i..];
                let single = rest.chars().nth(1).is_none();
                let Some(tail) = self.find(rest, single, true, memo) else {
                    continue;
                };
                let ids = intersect(&head.ids, &tail.ids);
                if !ids.is_empty() {
                    found = Some(Found {
                        ids,
                        keys: Vec::new(),
                    });
                    break;
                }
            }
        }
        memo.insert(t.to_owned(), found.clone());
        found
    }

    /// Every term's documents, or `None` for a term without any.
    fn found(&self, ts: &[Term]) -> Vec<Option<Found>> {
        let mut memo = HashMap::new();
        ts.iter()
            .map(|t| self.find(&t.text, t.exact, t.thai, &mut memo))
            .collect()
    }

    /// The same search the browser runs: the documents every term matches, best first.
    pub fn search(&self, q: &str) -> Vec<Hit> {
        let ts = terms(q);
        if ts.is_empty() || ts.iter().all(|t| t.text.chars().nth(1).is_none()) {
            return Vec::new();
        }
        let found = self.found(&ts);
        let Some(lists) = found.into_iter().collect::<Option<Vec<Found>>>() else {
            return Vec::new();
        };
        let ids = lists
            .iter()
            .map(|f| f.ids.clone())
            .reduce(|a, b| intersect(&a, &b))
            .unwrap_or_default();
        let mut ranked: Vec<(u8, u64, u64, u32)> = ids
            .iter()
            .filter_map(|&id| {
                let row = self.rows.get(id as usize)?;
                let (tier, covered, len) = rank(&ts, &lists, id, &row.title, &row.meta);
                Some((tier, covered, len, id))
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| (b.1 * a.2).cmp(&(a.1 * b.2)))
                .then(a.3.cmp(&b.3))
        });
        ranked
            .into_iter()
            .filter_map(|(_, _, _, id)| self.doc(id))
            .collect()
    }

    /// One document as shown: title and meta without their marks.
    pub fn doc(&self, id: u32) -> Option<Hit> {
        let row = self.rows.get(id as usize)?;
        let clean = |s: &str| s.replace(words::MARK, "");
        Some(Hit {
            id,
            title: clean(&row.title),
            url: row.url.clone(),
            kind: row.kind.clone(),
            meta: clean(&row.meta),
        })
    }

    /// What to suggest for a query that finds nothing: each term without a match replaced by
    /// the nearest word (or start of a word) of its shard; `None` when the query finds
    /// something, or some term has nothing near.
    pub fn suggest(&self, q: &str) -> Option<String> {
        let ts = terms(q);
        if ts.iter().all(|t| t.text.chars().nth(1).is_none()) || !self.search(q).is_empty() {
            return None;
        }
        let found = self.found(&ts);
        if found.iter().all(Option::is_some) {
            return None;
        }
        let mut out = Vec::new();
        for (t, f) in ts.iter().zip(&found) {
            if f.is_some() {
                out.push(t.text.clone());
                continue;
            }
            if words::is_number(&t.text) {
                // Numbers are spread over their shards by the whole number: none is "near".
                return None;
            }
            let n = t.text.chars().count();
            let max = if n >= 5 { 2 } else { 1 };
            let mut best: Option<(usize, usize, String)> = None;
            for (word, (ids, _)) in self.shard(&t.text) {
                let start: String = word.chars().take(n).collect();
                for cand in [word.clone(), start] {
                    let d = distance(&t.text, &cand);
                    if d == 0 || d > max {
                        continue;
                    }
                    let better = best.as_ref().is_none_or(|(bd, bn, bw)| {
                        (d, std::cmp::Reverse(ids.len()), &cand) < (*bd, std::cmp::Reverse(*bn), bw)
                    });
                    if better {
                        best = Some((d, ids.len(), cand));
                    }
                }
            }
            out.push(best?.2);
        }
        Some(out.join(" "))
    }
}

/// Tier 2 when the title holds every term, 1 when title, meta and keys together do, else 0;
/// with how much of the title the terms cover (`covered` of `len` UTF-16 units).
fn rank(ts: &[Term], lists: &[Found], id: u32, title: &str, meta: &str) -> (u8, u64, u64) {
    let (title_norm, title_starts, title_ends) = spans(title);
    let (meta_norm, meta_starts, meta_ends) = spans(meta);
    let mut in_title = true;
    let mut in_any = true;
    let mut covered = 0u64;
    for (t, f) in ts.iter().zip(lists) {
        let t_hit = holds(&title_norm, &title_starts, &title_ends, t);
        in_title &= t_hit;
        in_any &= t_hit
            || holds(&meta_norm, &meta_starts, &meta_ends, t)
            || f.keys.binary_search(&id).is_ok();
        covered += t.text.encode_utf16().count() as u64;
    }
    let len = (title_norm.encode_utf16().count() as u64).max(1);
    match (in_title, in_any) {
        (true, _) => (2, covered, len),
        (false, true) => (1, 0, 1),
        _ => (0, 0, 1),
    }
}

/// A marked text's runs joined, with where each run starts and ends.
fn spans(text: &str) -> (String, Vec<usize>, Vec<usize>) {
    let mut s = String::new();
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    runs(text, |r| {
        starts.push(s.len());
        s.push_str(r.norm);
        ends.push(s.len());
    });
    (s, starts, ends)
}

fn holds(s: &str, starts: &[usize], ends: &[usize], t: &Term) -> bool {
    starts.iter().any(|&p| {
        s[p..].starts_with(t.text.as_str())
            && (!t.exact || ends.binary_search(&(p + t.text.len())).is_ok())
    })
}

fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_ok())
        .collect()
}

/// Edits (insert, delete, replace, swap two neighbours) between two strings, by UTF-16 unit as
/// the reader counts.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<u16> = a.encode_utf16().collect();
    let b: Vec<u16> = b.encode_utf16().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The same search the browser runs, for tests and for a command-line check of the index:
/// the ids of the documents found, best first.
pub fn query(files: &[(String, Vec<u8>)], q: &str) -> Vec<u32> {
    Index::open(files)
        .map(|index| index.search(q).into_iter().map(|h| h.id).collect())
        .unwrap_or_default()
}
