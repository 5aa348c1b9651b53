'use strict';
// What a reader does: searches in Thai, sorts and filters tables, and reads
// every row even with JavaScript turned off.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { sampleSite } = require('./lib/site');
const { serve } = require('./lib/server');
const C = require('./lib/checks');

const WORD = 'ถนน';
const MONTH_FY = 2569;
const MONTH = '2568-10';
const MONTH_URL = `/procurement/${MONTH_FY}/months/${MONTH}/`;
const SORTABLE_PAGES = [MONTH_URL, `/procurement/${MONTH_FY}/plan/`, '/suppliers/'];
const NOJS_PAGES = [
  MONTH_URL,
  `/procurement/${MONTH_FY}/`,
  `/procurement/${MONTH_FY}/plan/`,
  '/procurement/2568/annual/',
  '/suppliers/',
  '/ita/2569/',
];

let dir;
let server;

/** procurements.json of every fiscal year in the output: { fy: doc }. */
function procurementDocs() {
  const docs = {};
  const dataDir = path.join(dir, 'data');
  if (!fs.existsSync(dataDir)) return docs;
  for (const fy of fs.readdirSync(dataDir)) {
    const f = path.join(dataDir, fy, 'procurements.json');
    if (fs.existsSync(f)) docs[fy] = JSON.parse(fs.readFileSync(f, 'utf8'));
  }
  return docs;
}

function recordUrl(r) {
  return `/procurement/${r.fiscal_year}/records/${r.month}-${r.seq}/`;
}

before(async () => {
  dir = sampleSite();
  server = await serve(dir);
});

after(async () => {
  await server?.close();
});

describe('search', () => {
  let browser;
  let expected;
  const ready = C.once(async () => {
    const docs = procurementDocs();
    assert.ok(docs[MONTH_FY], `page missing: /data/${MONTH_FY}/procurements.json`);
    expected = Object.values(docs)
      .flatMap((d) => d.records)
      .filter((r) => r.title.includes(WORD));
    assert.ok(expected.length >= 3, `the sample data should have at least 3 records titled with ${WORD}, has ${expected.length}`);
    browser = await C.openBrowser(server.url);
  });
  after(async () => browser?.close());

  /** Wait for the reader to finish, then the shown results. */
  async function results(page) {
    await page.waitForFunction(
      () => {
        const s = document.getElementById('search-status');
        return s && /พบ|ไม่พบ|ไม่สำเร็จ/.test(s.textContent);
      },
      null,
      { timeout: 15000 },
    );
    return page.evaluate(() => ({
      status: document.getElementById('search-status').textContent,
      items: [...document.querySelectorAll('#search-results a')].map((a) => ({
        title: a.textContent.trim(),
        path: new URL(a.href).pathname,
      })),
    }));
  }

  function assertExpected(found) {
    assert.match(found.status, /พบ/, `search status: ${found.status}`);
    assert.doesNotMatch(found.status, /ไม่พบ|ไม่สำเร็จ/, `search status: ${found.status}`);
    const titles = new Set(found.items.map((i) => i.title));
    const want = [...new Set(expected.map((r) => r.title))];
    const hit = want.filter((t) => titles.has(t));
    assert.ok(
      hit.length >= Math.min(3, want.length),
      `expected at least 3 of the ${want.length} record titles containing ${WORD} among the results; found ${hit.length}.\n` +
        `results: ${found.items.map((i) => i.title).join(' | ')}\nexpected e.g.: ${want.slice(0, 5).join(' | ')}`,
    );
    const urls = new Set(found.items.map((i) => i.path));
    const linked = expected.filter((r) => urls.has(recordUrl(r)));
    assert.ok(linked.length >= 1, `no result links to a record page such as ${recordUrl(expected[0])}`);
  }

  it(`/search/?q=${WORD} lists the records whose title contains ${WORD}`, async () => {
    await ready();
    const loaded = await C.loadPage(browser, `/search/?q=${encodeURIComponent(WORD)}`);
    try {
      if (loaded.status === 404) assert.fail('page missing: /search/');
      assertExpected(await results(loaded.page));
      C.assertNone(loaded.log.problems(), '/search/ network and console');
    } finally {
      await loaded.page.close();
    }
  });

  it(`typing ${WORD} into #search-q finds them too, and Enter puts the query in the address`, async () => {
    await ready();
    const loaded = await C.loadPage(browser, '/search/');
    try {
      if (loaded.status === 404) assert.fail('page missing: /search/');
      const { page } = loaded;
      assert.ok(await page.$('form#search-form #search-q'), '#search-q is not inside form#search-form');
      await page.fill('#search-q', WORD);
      assertExpected(await results(page));
      await page.press('#search-q', 'Enter');
      await page.waitForFunction(() => location.search.includes('q='), null, { timeout: 5000 });
      assert.equal(new URL(page.url()).searchParams.get('q'), WORD);
      assertExpected(await results(page));
      C.assertNone(loaded.log.problems(), '/search/ network and console');
    } finally {
      await loaded.page.close();
    }
  });
});

describe('sortable tables', () => {
  let browser;
  before(async () => {
    browser = await C.openBrowser(server.url, { viewport: C.DESKTOP });
  });
  after(async () => browser?.close());

  for (const url of SORTABLE_PAGES) {
    it(`${url}: header buttons sort, the filter box filters`, async () => {
      const loaded = await C.loadPage(browser, url, { viewport: C.DESKTOP });
      try {
        C.assertPresent(loaded, url);
        const problems = await loaded.page.evaluate(sortAndFilter);
        C.assertNone(problems, `${url} sort and filter`);
        C.assertNone(loaded.log.problems(), `${url} network and console`);
      } finally {
        await loaded.page.close();
      }
    });
  }
});

describe('with JavaScript turned off', () => {
  let browser;
  before(async () => {
    browser = await C.openBrowser(server.url, { javaScriptEnabled: false, viewport: C.DESKTOP });
  });
  after(async () => browser?.close());

  it(`${MONTH_URL} lists every record of the month`, async () => {
    const docs = procurementDocs();
    assert.ok(docs[MONTH_FY], `page missing: /data/${MONTH_FY}/procurements.json`);
    const records = docs[MONTH_FY].records.filter((r) => r.month === MONTH);
    assert.ok(records.length > 0, `the sample has no record in ${MONTH}`);
    const loaded = await C.loadPage(browser, MONTH_URL, { viewport: C.DESKTOP });
    try {
      C.assertPresent(loaded, MONTH_URL);
      const seen = await loaded.page.evaluate(() => {
        const links = new Set();
        const tables = [];
        for (const table of document.querySelectorAll('table')) {
          const rows = [...table.querySelectorAll('tbody tr')].filter((tr) => tr.offsetParent !== null && !tr.hidden);
          let linking = 0;
          for (const tr of rows) {
            const ps = [...tr.querySelectorAll('a[href]')].map((a) => new URL(a.href).pathname).filter((p) => /\/records\//.test(p));
            ps.forEach((p) => links.add(p));
            if (ps.length) linking++;
          }
          if (linking) tables.push({ rows: rows.length, linking });
        }
        return { links: [...links], tables };
      });
      assert.equal(seen.tables.length, 1, `want one table of the month's records, found ${JSON.stringify(seen.tables)}`);
      assert.equal(seen.tables[0].rows, records.length, `the month table shows ${seen.tables[0].rows} rows without JavaScript; the data has ${records.length} records`);
      const want = records.map(recordUrl);
      const missing = want.filter((u) => !seen.links.includes(u));
      assert.deepEqual(missing, [], `visible table rows without JavaScript do not link these records of ${MONTH}`);
      assert.equal(seen.links.length, records.length, `record rows shown (${seen.links.length}) ≠ records in the data (${records.length})`);
    } finally {
      await loaded.page.close();
    }
  });

  for (const url of NOJS_PAGES) {
    it(`${url}: every table row is in the page and visible`, async () => {
      const loaded = await C.loadPage(browser, url, { viewport: C.DESKTOP });
      try {
        C.assertPresent(loaded, url);
        const hidden = await loaded.page.evaluate(() =>
          [...document.querySelectorAll('table tbody tr')]
            .filter((tr) => tr.offsetParent === null || tr.hidden)
            .map((tr) => tr.textContent.trim().slice(0, 80)),
        );
        assert.deepEqual(hidden, [], 'table rows hidden without JavaScript');
        C.assertNone(loaded.log.problems(), `${url} network and console (no JavaScript)`);
      } finally {
        await loaded.page.close();
      }
    });
  }
});

/**
 * Runs in the page; the contract of themes/default/static/js/tables.js:
 * - table[data-sortable]: every thead th gets a <button>; a click sorts the
 *   first tbody by that column (td data-sort, else the text; numbers as
 *   numbers, text in Thai order with digit runs as numbers) and sets th
 *   aria-sort ascending, a second click descending (sort.test.js checks
 *   every column);
 * - table[data-filter]: a labelled input[type=search] just before the table's
 *   box hides the rows that do not contain the typed text (spaces ignored)
 *   and shows all of them again when cleared.
 * Returns a list of problems.
 */
async function sortAndFilter() {
  const problems = [];
  const tick = () => new Promise((r) => setTimeout(r, 200));
  const tables = [...document.querySelectorAll('table[data-sortable], table[data-filter]')];
  if (!tables.length) return ['no table[data-sortable] or table[data-filter] on the page'];
  const THAI = '๐๑๒๓๔๕๖๗๘๙';
  const num = (s) => {
    const t = s.replace(/[๐-๙]/g, (d) => String(THAI.indexOf(d))).replace(/[,\s]|บาท/g, '');
    return /^-?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
  };
  const rowsOf = (t) => (t.tBodies[0] ? [...t.tBodies[0].rows] : []);
  const visibleRows = (t) => rowsOf(t).filter((r) => !r.hidden && r.offsetParent !== null);
  const key = (row, ci) => {
    const c = row.cells[ci];
    if (!c) return '';
    return (c.getAttribute('data-sort') ?? c.textContent).trim();
  };
  const collator = new Intl.Collator('th', { numeric: true });
  for (const [ti, table] of tables.entries()) {
    const name = `table ${ti + 1}${table.className ? `.${table.className}` : ''}`;
    const rows = rowsOf(table);
    if (table.hasAttribute('data-sortable')) {
      const ths = table.tHead ? [...table.tHead.rows[0].cells] : [];
      const buttons = ths.map((th) => th.querySelector('button'));
      const without = ths.filter((th, i) => !buttons[i]).map((th) => th.textContent.trim());
      if (!ths.length) problems.push(`${name}: data-sortable but no thead`);
      else if (without.length) problems.push(`${name}: header cells without a sort button: ${without.join(', ')}`);
      if (rows.length >= 2 && ths.length) {
        // one numeric column and one text column, each with more than one distinct value
        const pick = (numeric) =>
          ths.findIndex((th, ci) => {
            if (!buttons[ci]) return false;
            const vals = rows.map((r) => key(r, ci));
            return new Set(vals).size > 1 && vals.every((v) => (num(v) !== null) === numeric);
          });
        const cols = [pick(true), pick(false)].filter((c) => c >= 0);
        if (!cols.length) problems.push(`${name}: no column to test sorting with`);
        for (const col of cols) {
          const label = ths[col].textContent.trim();
          const numeric = num(key(rows[0], col)) !== null;
          const cmp = (a, b) => (numeric ? num(a) - num(b) : collator.compare(a, b));
          for (const want of ['ascending', 'descending']) {
            buttons[col].click();
            await tick();
            const aria = ths[col].getAttribute('aria-sort');
            const vals = rowsOf(table).map((r) => key(r, col));
            const dir = want === 'ascending' ? 1 : -1;
            const bad = vals.findIndex((v, i) => i > 0 && dir * cmp(vals[i - 1], v) > 0);
            if (aria !== want) problems.push(`${name}: after clicking "${label}" th aria-sort is "${aria}", want "${want}"`);
            if (bad > 0) problems.push(`${name}: column "${label}" is not ${want} after a click: … ${vals[bad - 1]}, ${vals[bad]} …`);
            if (vals.length !== rows.length) problems.push(`${name}: sorting changed the row count ${rows.length} → ${vals.length}`);
          }
        }
      }
    }
    if (!table.hasAttribute('data-filter')) continue;
    const box = table.closest('.table-wrap') || table;
    let input = null;
    for (let el = box.previousElementSibling; el && !input; el = null) {
      input = el.matches('input') ? el : el.querySelector('input[type="search"], input');
    }
    if (!input) {
      problems.push(`${name}: data-filter but no filter input just before the table`);
      continue;
    }
    if (!input.labels?.length && !input.getAttribute('aria-label') && !input.getAttribute('aria-labelledby')) {
      problems.push(`${name}: the filter input has no label`);
    }
    if (rows.length < 2) continue;
    // a word of one row that not every row has
    const norm = (t) => t.toLowerCase().replace(/\s+/g, '');
    const texts = rows.map((r) => norm(r.textContent));
    let word = null;
    for (const r of rows) {
      for (const w of r.textContent.split(/\s+/).filter((w) => w.length >= 3 && num(w) === null)) {
        const n = texts.filter((x) => x.includes(norm(w))).length;
        if (n < texts.length) {
          word = w;
          break;
        }
      }
      if (word) break;
    }
    if (!word) continue;
    const wantCount = texts.filter((x) => x.includes(norm(word))).length;
    const type = async (v) => {
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await tick();
    };
    await type(word);
    const shown = visibleRows(table);
    if (shown.length !== wantCount || !shown.every((r) => norm(r.textContent).includes(norm(word)))) {
      problems.push(`${name}: filtering on "${word}" shows ${shown.length} rows, want the ${wantCount} rows containing it`);
    }
    await type('ไม่มีคำนี้ในตารางแน่นอน');
    if (visibleRows(table).length !== 0) problems.push(`${name}: filtering on a word in no row still shows rows`);
    await type('');
    if (visibleRows(table).length !== rows.length) {
      problems.push(`${name}: clearing the filter shows ${visibleRows(table).length} of ${rows.length} rows`);
    }
  }
  return problems;
}
