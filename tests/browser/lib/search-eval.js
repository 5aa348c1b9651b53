'use strict';
// Search quality on a built site: a query set, which pages are relevant to each query, and
// the figures (right page first, precision@10, recall). Used by search.test.js (prongsai's own
// search in Chromium, with the thresholds of issue 33) and bench/search-compare (the same
// queries against Pagefind on the same site).
//
// Relevance is judged from the built pages themselves, independently of either search:
//
// - The pages judged are the site's pages a reader searches for (every page of sitemap.xml),
//   except those that only point at other pages or describe the site rather than its content:
//   the home page (headlines of other pages), /search/, /sitemap/, the downloads list /data/
//   and the ITA evidence indexes /ita/… . A result outside these pages is left out of both
//   searches' lists before counting.
// - A page's text is what its <main> element shows (tags, scripts and styles removed,
//   entities decoded); its title is its <title> up to " | ".
// - A query's words are its space-separated parts, each normalised as a reader would compare
//   them: lower case, Thai digits as Arabic, only letters and digits kept (so "233,560.00" is
//   "23356000" and "e-bidding" is "ebidding").
// - A page is relevant when its text holds every word of the query, each starting where a word
//   starts by the Unicode word boundaries of ICU's Thai dictionary (Intl.Segmenter, not
//   prongsai's segmenter) and, for a word ending in a digit, not followed by another digit in
//   the text: "นม" is not in "เดือนมีนาคม", "13" is not in "1,300.00", "233560" is in
//   "233,560.00".
// - The right page of a query is named by what it asks for: the page whose title holds the
//   words (most queries), the supplier page showing a TIN, the record page showing an e-GP
//   number or an amount. Values such as supplier names, TINs, e-GP numbers and amounts are
//   taken from the site's own procurements.json, so the set follows the sample data.

const fs = require('node:fs');
const path = require('node:path');
const { decodeEntities: decode } = require('./checks');

const SEGMENTER = new Intl.Segmenter('th', { granularity: 'word' });
const KEEP = /[\p{Alphabetic}\p{N}]/u;
const DIGIT = /[0-9]/;

/** Lower case, Thai digits as Arabic, letters and digits only; with each kept char's index in `text`. */
function normalise(text) {
  let s = '';
  const at = [];
  let i = 0;
  for (const ch of text) {
    let c = ch;
    const cp = ch.codePointAt(0);
    if (cp >= 0xe50 && cp <= 0xe59) c = String.fromCharCode(48 + cp - 0xe50);
    if (KEEP.test(c) || (cp >= 0xe01 && cp <= 0xe4e)) {
      for (const l of c.toLowerCase()) {
        s += l;
        at.push(i);
      }
    }
    i += ch.length;
  }
  return { s, at };
}

/** A text prepared for judging: normalised, with the normalised positions where ICU words start. */
function prepare(text) {
  const { s, at } = normalise(text);
  const starts = new Set();
  let k = 0;
  for (const seg of SEGMENTER.segment(text)) {
    while (k < at.length && at[k] < seg.index) k++;
    if (k < at.length && at[k] < seg.index + seg.segment.length) starts.add(k);
  }
  return { text, s, at, starts };
}

function queryWords(q) {
  return q
    .split(/\s+/)
    .map((w) => normalise(w).s)
    .filter(Boolean);
}

function holdsWord(p, w) {
  let i = p.s.indexOf(w);
  while (i >= 0) {
    if (p.starts.has(i)) {
      if (!DIGIT.test(w[w.length - 1])) return true;
      const end = i + w.length - 1;
      const next = p.text[p.at[end] + 1];
      if (next === undefined || !/[0-9\u0E50-\u0E59]/.test(next)) return true;
    }
    i = p.s.indexOf(w, i + 1);
  }
  return false;
}

function holdsAll(p, q) {
  const words = queryWords(q);
  return words.length > 0 && words.every((w) => holdsWord(p, w));
}

function htmlText(html) {
  return decode(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

const EXCLUDED = [/^\/$/, /^\/search\/$/, /^\/sitemap\/$/, /^\/data\//, /^\/ita\//];

/** The judged pages of a built site: [{ url, title, text, main: prepared, head: prepared }]. */
function sitePages(dir) {
  const sitemap = fs.readFileSync(path.join(dir, 'sitemap.xml'), 'utf8');
  const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(decode(m[1])).pathname);
  return urls
    .filter((u) => !EXCLUDED.some((re) => re.test(u)))
    .map((url) => {
      const file = path.join(dir, decodeURIComponent(url), 'index.html');
      const html = fs.readFileSync(file, 'utf8');
      const main = html.match(/<main\b[^>]*>([\s\S]*)<\/main>/i);
      const title = htmlText((html.match(/<title>([\s\S]*?)<\/title>/i) || ['', ''])[1]).split(' | ')[0];
      const text = htmlText(main ? main[1] : '');
      return { url, title, text, main: prepare(text), head: prepare(title) };
    });
}

function records(dir) {
  const out = [];
  const dataDir = path.join(dir, 'data');
  for (const fy of fs.readdirSync(dataDir).sort()) {
    const f = path.join(dataDir, fy, 'procurements.json');
    if (fs.existsSync(f)) out.push(...JSON.parse(fs.readFileSync(f, 'utf8')).records);
  }
  return out;
}

/** Thousands separators and two decimals, as the pages print amounts. */
function money(n) {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "0-3339-90001-13-0", as the pages print a TIN. */
function groupedTin(t) {
  return `${t[0]}-${t.slice(1, 5)}-${t.slice(5, 10)}-${t.slice(10, 12)}-${t[12]}`;
}

/**
 * The query set: { single: [...25], multi: [...] }, each { q, type, right(page) }, plus for a
 * misspelling `suggest`, the query it should suggest (whose right page then counts).
 */
function querySet(dir) {
  const recs = records(dir);
  const wins = new Map();
  for (const r of recs) {
    if (!r.winner) continue;
    const w = wins.get(r.winner) || { name: r.winner, tin: r.winner_tin, n: 0 };
    w.n++;
    wins.set(r.winner, w);
  }
  const byCount = [...wins.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
  const firm = (prefix, withTin) => {
    const w = byCount.find((x) => x.name.startsWith(prefix) && (!withTin || x.tin));
    if (!w) throw new Error(`the sample data has no winner named ${prefix}…${withTin ? ' with a TIN' : ''}`);
    return w;
  };
  const hjk = firm('ห้างหุ้นส่วนจำกัด ', true);
  const company = firm('บริษัท ');
  const shop = firm('ร้าน');
  const biggest = recs
    .filter((r) => r.egp_project_no && r.agreed_price)
    .sort((a, b) => b.agreed_price - a.agreed_price || a.id.localeCompare(b.id))[0];
  const amount = money(biggest.agreed_price);

  const titled = (q) => (p) => holdsAll(p.head, q);
  const supplierShowing = (q) => (p) => p.url.startsWith('/suppliers/') && p.url !== '/suppliers/' && holdsAll(p.main, q);
  const recordShowing = (q) => (p) => p.url.includes('/records/') && holdsAll(p.main, q);
  const t = (type, q, right) => ({ type, q, right: right || titled(q) });

  const single = [
    t('supplier name', hjk.name),
    t('supplier name', company.name),
    t('supplier name', shop.name),
    t('title part', 'ขุดลอกหนองน้ำ'),
    t('title part', 'ท่อระบายน้ำ'),
    t('title part', 'อาหารกลางวัน'),
    t('single word', 'ถนน'),
    t('single word', 'นม'),
    t('single word', 'คอนกรีต'),
    t('single word', 'ประปา'),
    t('TIN', groupedTin(hjk.tin), supplierShowing(groupedTin(hjk.tin))),
    t('TIN', hjk.tin, supplierShowing(hjk.tin)),
    t('e-GP number', biggest.egp_project_no, recordShowing(biggest.egp_project_no)),
    t('amount', amount, recordShowing(amount)),
    t('amount', amount.replace(/,/g, '').replace(/\.00$/, ''), recordShowing(amount)),
    t('village', 'บ้านหนองแวง'),
    t('village', 'โนนสูง'),
    t('Thai digits', 'หมู่ที่ ๑๓'),
    t('Thai digits', 'พ.ศ. ๒๕๖๘'),
    t('English', 'e-bidding'),
    t('English', 'No Gift Policy'),
    { ...t('misspelling', 'คอนกรีด'), suggest: 'คอนกรีต', right: titled('คอนกรีต') },
    { ...t('misspelling', 'ศรีษะเกษ'), suggest: 'ศรีสะเกษ', right: titled('ศรีสะเกษ') },
    t('partial word', 'คอนกรี'),
    t('partial word', hjk.name.replace('ห้างหุ้นส่วนจำกัด ', '').slice(0, 5)),
  ];
  const multi = [
    t('multi-word', 'คอนกรีต ถนน'),
    t('multi-word', 'ถนน หมู่ที่ 13'),
    t('multi-word', 'อาหารเสริม นม ตุลาคม 2568'),
    t('multi-word', 'ขุดลอก หนองแวง'),
    t('multi-word', 'ซ่อมแซม ลูกรัง'),
    t('multi-word', 'ท่อระบายน้ำ หมู่ที่ 15'),
    t('multi-word', `${company.name.replace(/^บริษัท /, '').replace(/ จำกัด$/, '')} ${hjk.name.replace('ห้างหุ้นส่วนจำกัด ', '')}`, () => false),
  ];
  // The last one names two firms: no page is titled with both; it counts for precision and
  // recall only (a query is "multi-word" for the page-first rule when some page is titled with it).
  return { single, multi };
}

/**
 * Figures for one search over the query set. `search(q)` resolves to
 * { urls: [every result, best first], suggestion, ms }.
 */
async function evaluate(pages, set, search) {
  const inSet = new Set(pages.map((p) => p.url));
  const rows = [];
  for (const [group, list] of [['single', set.single], ['multi', set.multi]]) {
    for (const item of list) {
      const first = await search(item.q);
      const effective = item.suggest && first.suggestion === item.suggest ? item.suggest : item.q;
      const res = effective === item.q ? first : await search(effective);
      const urls = res.urls.filter((u) => inSet.has(u));
      const relevant = new Set(pages.filter((p) => holdsAll(p.main, effective)).map((p) => p.url));
      const right = new Set(pages.filter((p) => item.right(p)).map((p) => p.url));
      const top = urls.slice(0, 10);
      const row = {
        group,
        type: item.type,
        q: item.q,
        suggestion: first.suggestion || '',
        effective,
        results: urls.length,
        relevant: relevant.size,
        right: right.size,
        rightFirst: urls.length > 0 && right.has(urls[0]),
        precision: top.length ? top.filter((u) => relevant.has(u)).length / top.length : null,
        recall: relevant.size ? urls.filter((u) => relevant.has(u)).length / relevant.size : null,
        found: urls.filter((u) => relevant.has(u)).length,
        first: urls[0] || '',
        ms: first.ms + (res === first ? 0 : res.ms),
      };
      rows.push(row);
    }
  }
  const single = rows.filter((r) => r.group === 'single');
  const multi = rows.filter((r) => r.group === 'multi' && r.right > 0);
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const withResults = rows.filter((r) => r.precision !== null);
  const judged = rows.filter((r) => r.recall !== null);
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    rows,
    summary: {
      singleRightFirst: single.filter((r) => r.rightFirst).length,
      single: single.length,
      multiRightFirst: multi.filter((r) => r.rightFirst).length,
      multi: multi.length,
      precision10: mean(withResults.map((r) => r.precision)),
      recall: mean(judged.map((r) => r.recall)),
      recallAll: judged.reduce((a, r) => a + r.found, 0) / Math.max(1, judged.reduce((a, r) => a + r.relevant, 0)),
      medianMs: ms.length ? ms[Math.floor(ms.length / 2)] : 0,
    },
  };
}

function report(name, result) {
  const lines = [`${name}: query | type | results | relevant | found | P@10 | right first | ms | first result`];
  for (const r of result.rows) {
    lines.push(
      [
        r.q + (r.suggestion ? ` → ${r.suggestion}` : ''),
        r.type,
        r.results,
        r.relevant,
        r.found,
        r.precision === null ? '-' : r.precision.toFixed(2),
        r.right ? (r.rightFirst ? 'yes' : 'NO') : '-',
        Math.round(r.ms),
        r.first,
      ].join(' | '),
    );
  }
  const s = result.summary;
  lines.push(
    `${name}: right page first ${s.singleRightFirst}/${s.single} single, ${s.multiRightFirst}/${s.multi} multi-word; ` +
      `mean precision@10 ${s.precision10.toFixed(3)}; mean recall ${s.recall.toFixed(3)} (all hits ${s.recallAll.toFixed(3)}); ` +
      `median ${Math.round(s.medianMs)} ms`,
  );
  return lines.join('\n');
}

module.exports = { sitePages, querySet, evaluate, report, holdsAll, prepare };
