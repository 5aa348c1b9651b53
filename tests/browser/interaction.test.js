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
const SORTABLE_PAGES = [MONTH_URL, `/procurement/${MONTH_FY}/plan/`];
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
        const rows = [...document.querySelectorAll('table tbody tr')].filter((tr) => tr.offsetParent !== null);
        const links = new Set();
        for (const tr of rows) {
          for (const a of tr.querySelectorAll('a[href]')) {
            const p = new URL(a.href).pathname;
            if (/\/records\//.test(p)) links.add(p);
          }
        }
        return { links: [...links], rows: rows.length };
      });
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
 * Runs in the page. For every table[data-sortable]: each header has a button;
 * clicking a numeric column's button sorts its rows (aria-sort tells the
 * direction) and a second click reverses them; the table's filter input
 * hides the rows that do not contain the typed text and shows all again
 * when cleared. Returns a list of problems.
 */
async function sortAndFilter() {
  const problems = [];
  const tick = () => new Promise((r) => setTimeout(r, 250));
  const tables = [...document.querySelectorAll('table[data-sortable]')];
  if (!tables.length) return ['no table[data-sortable] on the page'];
  const THAI = '๐๑๒๓๔๕๖๗๘๙';
  const num = (s) => {
    const t = s.replace(/[๐-๙]/g, (d) => String(THAI.indexOf(d))).replace(/[,\s]|บาท/g, '');
    return /^-?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : null;
  };
  const visibleRows = (t) => [...t.tBodies].flatMap((b) => [...b.rows]).filter((r) => !r.hidden && r.offsetParent !== null);
  for (const [ti, table] of tables.entries()) {
    const name = `table ${ti + 1}${table.id ? ` #${table.id}` : ''}`;
    const ths = [...table.querySelectorAll('thead th')];
    const buttons = ths.map((th) => th.querySelector('button'));
    if (!buttons.some(Boolean)) {
      problems.push(`${name}: no header button (thead th button) after the script ran`);
      continue;
    }
    const rows = visibleRows(table);
    if (rows.length < 2) continue;
    // a column whose cells are all numbers (sort value, or text)
    const cellValue = (row, ci) => {
      const c = row.cells[ci];
      if (!c) return null;
      const v = c.getAttribute('data-sort') ?? c.getAttribute('data-sort-value') ?? c.getAttribute('data-value') ?? c.textContent;
      return num(v.trim());
    };
    let col = -1;
    for (let ci = 0; ci < ths.length; ci++) {
      if (!buttons[ci]) continue;
      const vals = rows.map((r) => cellValue(r, ci));
      if (vals.every((v) => v !== null) && new Set(vals).size > 1) {
        col = ci;
        break;
      }
    }
    if (col < 0) {
      problems.push(`${name}: no sortable column with numeric values (or data-sort) to test sorting with`);
    } else {
      const order = () => visibleRows(table).map((r) => cellValue(r, col));
      const sorted = (a, dir) => a.every((v, i) => i === 0 || (dir > 0 ? a[i - 1] <= v : a[i - 1] >= v));
      for (const click of [1, 2]) {
        buttons[col].click();
        await tick();
        const aria = ths[col].getAttribute('aria-sort');
        const dir = aria === 'ascending' ? 1 : aria === 'descending' ? -1 : 0;
        const vals = order();
        if (!dir) problems.push(`${name}: after click ${click} on "${ths[col].textContent.trim()}", th has aria-sort="${aria}" (want ascending/descending)`);
        else if (!sorted(vals, dir)) problems.push(`${name}: after click ${click}, column "${ths[col].textContent.trim()}" is not ${aria}: ${vals.slice(0, 8).join(', ')}…`);
        if (vals.length !== rows.length) problems.push(`${name}: sorting changed the row count ${rows.length} → ${vals.length}`);
      }
    }
    // the filter input: aria-controls names the table, or the nearest search box before it
    let input = table.id ? document.querySelector(`input[aria-controls~="${table.id}"]`) : null;
    if (!input) {
      const scope = table.closest('section, figure, div.table, .table-wrap, main') || document;
      const inputs = [...scope.querySelectorAll('input[type="search"], input[data-filter], input[type="text"]')].filter(
        (i) => !i.closest('#search-form') && i.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      input = inputs[inputs.length - 1] || null;
    }
    if (!input) {
      problems.push(`${name}: no filter input for the table`);
      continue;
    }
    if (!input.labels?.length && !input.getAttribute('aria-label') && !input.getAttribute('aria-labelledby')) {
      problems.push(`${name}: the filter input has no label`);
    }
    // a word from one row that not every row has
    const texts = rows.map((r) => r.textContent);
    let word = null;
    for (const t of texts) {
      for (const w of t.split(/\s+/).filter((w) => w.length >= 3 && !/^[\d,.]+$/.test(w))) {
        const n = texts.filter((x) => x.includes(w)).length;
        if (n >= 1 && n < texts.length) {
          word = w;
          break;
        }
      }
      if (word) break;
    }
    if (!word) continue;
    const wantCount = texts.filter((x) => x.includes(word)).length;
    input.focus();
    input.value = word;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await tick();
    const shown = visibleRows(table);
    if (shown.length !== wantCount || !shown.every((r) => r.textContent.includes(word))) {
      problems.push(`${name}: filtering on "${word}" shows ${shown.length} rows, want the ${wantCount} rows containing it`);
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await tick();
    if (visibleRows(table).length !== rows.length) {
      problems.push(`${name}: clearing the filter shows ${visibleRows(table).length} of ${rows.length} rows`);
    }
  }
  return problems;
}
