'use strict';
// Every column of every sortable table sorts by what it shows: amounts and counts as numbers
// ("2" before "11", which a text sort gets wrong), months and dates in time order, the rest in
// Thai order; a dash (nothing there) last whichever way. The expected order is worked out here
// from the visible text, independently of themes/default/static/js/tables.js and of the
// data-sort attributes it reads.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { sampleSite } = require('./lib/site');
const { serve } = require('./lib/server');
const C = require('./lib/checks');

const FY = 2569;
const PAGES = [`/procurement/${FY}/plan/`, `/procurement/${FY}/months/2568-10/`, '/suppliers/'];

// Columns whose kind is part of the contract: page → { column header: kind }. The plan's last
// column (how many records a line became) is the one that once sorted "11" before "2".
const KINDS = {
  [`/procurement/${FY}/plan/`]: {
    ลำดับ: 'number',
    'งบประมาณ (บาท)': 'number',
    ช่วงเวลาที่คาดว่าจะประกาศ: 'date',
    'ราคาที่ตกลง (บาท)': 'number',
    รายการจัดซื้อจัดจ้าง: 'number',
  },
  [`/procurement/${FY}/months/2568-10/`]: {
    ลำดับที่: 'number',
    'วงเงินที่จะซื้อหรือจ้าง (บาท)': 'number',
    เลขที่และวันที่ของสัญญาหรือข้อตกลง: 'date',
  },
  '/suppliers/': { จำนวนรายการ: 'number', 'มูลค่ารวม (บาท)': 'number' },
  supplier: { เดือน: 'date', 'ราคาที่ตกลง (บาท)': 'number' },
};

let server;
let browser;

before(async () => {
  server = await serve(sampleSite());
  browser = await C.openBrowser(server.url, { viewport: C.DESKTOP });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function check(url, kinds) {
  const loaded = await C.loadPage(browser, url, { viewport: C.DESKTOP });
  try {
    C.assertPresent(loaded, url);
    const { problems, columns } = await loaded.page.evaluate(sortEveryColumn);
    C.assertNone(problems, `${url} sorting`);
    for (const [header, kind] of Object.entries(kinds)) {
      const col = columns.find((c) => c.header === header);
      assert.ok(col, `${url}: no sortable column "${header}" (columns: ${columns.map((c) => c.header).join(', ')})`);
      assert.equal(col.kind, kind, `${url}: column "${header}" holds ${col.kind}s, want ${kind}s`);
    }
    C.assertNone(loaded.log.problems(), `${url} network and console`);
  } finally {
    await loaded.page.close();
  }
}

describe('every sortable column sorts by what it holds', () => {
  for (const url of PAGES) {
    it(url, () => check(url, KINDS[url]));
  }

  it('the supplier page with the most money', async () => {
    const loaded = await C.loadPage(browser, '/suppliers/', { viewport: C.DESKTOP });
    let url;
    try {
      C.assertPresent(loaded, '/suppliers/');
      // The list comes largest first, so its first supplier has the most records to sort.
      url = await loaded.page.evaluate(() => {
        const a = document.querySelector('table tbody tr a[href]');
        return a && new URL(a.href).pathname;
      });
    } finally {
      await loaded.page.close();
    }
    assert.ok(url, '/suppliers/ links no supplier page');
    await check(url, KINDS.supplier);
  });
});

/**
 * Runs in the page: clicks every header button of every table[data-sortable] twice and checks
 * the rows come ascending, then descending, by the column's kind, decided from the shown text:
 * - date: every filled cell ends with a Thai month and year (`ต.ค. 2568`, `3 ต.ค. 2568`);
 * - number: every filled cell starts with a number (`1,510,000.00`, `11 รายการ`, Thai digits too);
 * - text: anything else, in Thai order with digit runs compared as numbers.
 * An empty or `-` cell must come last in both directions. Returns { problems, columns }.
 */
async function sortEveryColumn() {
  const problems = [];
  const columns = [];
  const tick = () => new Promise((r) => setTimeout(r, 50));
  const THAI = '๐๑๒๓๔๕๖๗๘๙';
  const ascii = (s) => s.replace(/[๐-๙]/g, (d) => String(THAI.indexOf(d)));
  const SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
  const LONG = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
  const esc = (s) => s.replace(/\./g, '\\.');
  const monthRe = [...SHORT, ...LONG].map(esc).join('|');
  const dateRe = new RegExp(`(?:(\\d{1,2})\\s*)?(${monthRe})\\s*(\\d{4})$`);
  const dateOf = (t) => {
    const m = ascii(t).match(dateRe);
    if (!m) return null;
    const month = (SHORT.indexOf(m[2]) + 1 || LONG.indexOf(m[2]) + 1);
    return Number(m[3]) * 10000 + month * 100 + Number(m[1] || 0);
  };
  const numberOf = (t) => {
    const m = ascii(t).match(/^-?\d[\d,]*(\.\d+)?/);
    return m ? parseFloat(m[0].replace(/,/g, '')) : null;
  };
  const collator = new Intl.Collator('th', { numeric: true });
  const blank = (t) => t === '' || t === '-' || t === '\u2013';
  // innerText: what a reader sees, a <br> as a line break (textContent runs the lines together).
  const text = (row, ci) => (row.cells[ci] ? row.cells[ci].innerText.trim() : '');
  const tables = [...document.querySelectorAll('table[data-sortable]')];
  if (!tables.length) problems.push('no table[data-sortable] on the page');
  for (const [ti, table] of tables.entries()) {
    const body = table.tBodies[0];
    const ths = [...table.tHead.rows[0].cells];
    const rows = [...body.rows];
    for (const [ci, th] of ths.entries()) {
      const header = th.textContent.trim();
      const name = `table ${ti + 1}, column "${header}"`;
      const button = th.querySelector('button');
      if (!button) {
        problems.push(`${name}: no sort button`);
        continue;
      }
      const filled = rows.map((r) => text(r, ci)).filter((t) => !blank(t));
      let kind = 'text';
      if (filled.length && filled.every((t) => dateOf(t) !== null)) kind = 'date';
      else if (filled.length && filled.every((t) => numberOf(t) !== null)) kind = 'number';
      columns.push({ header, kind });
      const key = { date: dateOf, number: numberOf, text: (t) => t }[kind];
      const cmp = kind === 'text' ? (a, b) => collator.compare(a, b) : (a, b) => a - b;
      for (const [dir, sign] of [['ascending', 1], ['descending', -1]]) {
        button.click();
        await tick();
        if (th.getAttribute('aria-sort') !== dir) problems.push(`${name}: aria-sort is "${th.getAttribute('aria-sort')}" after a click, want "${dir}"`);
        const shown = [...body.rows].map((r) => text(r, ci));
        if (shown.length !== rows.length) problems.push(`${name}: sorting changed the row count ${rows.length} → ${shown.length}`);
        const firstBlank = shown.findIndex(blank);
        if (firstBlank >= 0 && !shown.slice(firstBlank).every(blank)) {
          problems.push(`${name} ${dir}: a filled cell comes after an empty one ("${shown.slice(firstBlank).find((t) => !blank(t)).slice(0, 40)}")`);
        }
        const keys = shown.filter((t) => !blank(t)).map(key);
        const bad = keys.findIndex((k, i) => i > 0 && sign * cmp(keys[i - 1], k) > 0);
        if (bad > 0) {
          const vals = shown.filter((t) => !blank(t));
          problems.push(`${name} is not ${dir} (${kind}): … "${vals[bad - 1].slice(0, 40)}" before "${vals[bad].slice(0, 40)}" …`);
        }
      }
    }
  }
  return { problems, columns };
}
