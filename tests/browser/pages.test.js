'use strict';
// Every page type of the sample site, as the public sees it in Chromium:
// no console errors, no failed requests, nothing fetched from outside,
// Thai in Sarabun, no sideways scrolling at 360 px, no axe WCAG 2.1 AA
// violations; screenshots at 360×640 and 1280×800.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { sampleSite, artifactsDir } = require('./lib/site');
const { serve } = require('./lib/server');
const C = require('./lib/checks');

const SHOTS = artifactsDir('screenshots');

// [name, url or resolver]; a resolver finds its URL on another page.
const PAGES = [
  ['home', '/'],
  ['year-overview', '/procurement/2569/'],
  ['plan', '/procurement/2569/plan/'],
  ['month', '/procurement/2569/months/2568-10/'],
  ['record', { from: '/procurement/2569/months/2568-10/', under: '/procurement/2569/records/' }],
  // The sample's confirmed finding: the agency's explanation under คำชี้แจงของหน่วยงาน.
  ['record-explained', '/procurement/2569/records/2569-09-7/'],
  // An e-bidding record with the e-GP details: the tender period, UNSPSC and a date per bid.
  ['record-e-bidding', '/procurement/2569/records/2569-07-14/'],
  // A สขร.1 month completed from e-GP (issue 31), and a record whose agreed price differs from e-GP's.
  ['record-egp-filled', '/procurement/2568/records/2567-11-1/'],
  ['record-egp-differs', '/procurement/2569/records/2569-03-1/'],
  ['supplier', { from: '/suppliers/', under: '/suppliers/' }],
  ['annual-report', '/procurement/2568/annual/'],
  ['ita-index', '/ita/2569/'],
  ['years', '/procurement/'],
  ['data', '/data/'],
  // Index pages of folders that have none of their own (crates/render/src/folders.rs).
  ['folder-downloads', '/data/2569/'],
  ['folder-records', '/procurement/2569/records/'],
  ['content-structure', '/about/structure/'],
  ['content-measures', '/integrity/measures-2568/'],
  ['contact', '/contact/'],
  ['sitemap-page', '/sitemap/'],
  ['website-policy', '/website-policy/'],
  ['privacy', '/privacy/'],
  ['accessibility', '/accessibility/'],
  ['not-found', '/no-such-page-prongsai-test/', 404],
];

// One PNG per page type per layout width, for reviewers (CI uploads the folder).
const LAYOUT_SHOTS = artifactsDir('layout');

// Columns whose cells the data makes long, by header text, exempt from the row-height limit:
// the agency's own paragraphs (integrity report) and the notes and missing items of an ITA
// criterion. Every other column must keep its row within C.ROW_LINES lines.
const LONG_COLUMNS = {
  'content-measures': [
    'มาตรการ/โครงการ/กิจกรรม',
    'ขั้นตอนหรือวิธีการปฏิบัติ',
    'ผลการดำเนินการ (output)',
    'ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome/result)',
  ],
  'content-structure': ['ภารกิจหลัก'],
  // The contact page's Markdown tables hold the agency's own sentences (postal address, what
  // each office handles): at 360 px they wrap to five lines rather than being cut.
  contact: ['รายละเอียด', 'เรื่องที่ติดต่อ'],
  'ita-index': ['ชื่อข้อการประเมิน', 'ลิงก์หลักฐาน (URL)', 'สิ่งที่ยังขาด'],
};

let server;
let browser;

before(async () => {
  server = await serve(sampleSite());
  browser = await C.openBrowser(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The first link on page `from` whose path is strictly below `under`. */
async function firstLinkUnder(from, under) {
  const loaded = await C.loadPage(browser, from);
  try {
    if (loaded.status === 404) assert.fail(`page missing: ${from} (needed to find a link under ${under})`);
    const href = await loaded.page.evaluate((under) => {
      for (const a of document.querySelectorAll('a[href]')) {
        const u = new URL(a.href, location.href);
        if (u.origin === location.origin && u.pathname.startsWith(under) && u.pathname.length > under.length) {
          return u.pathname;
        }
      }
      return null;
    }, under);
    if (!href) assert.fail(`page missing: ${under}… (no link under ${under} on ${from})`);
    return href;
  } finally {
    await loaded.page.close();
  }
}

for (const [name, where, expectStatus = 200] of PAGES) {
  describe(`${name} page`, () => {
    let loaded;
    let urlPath;

    const ready = C.once(async () => {
      urlPath = typeof where === 'string' ? where : await firstLinkUnder(where.from, where.under);
      loaded = await C.loadPage(browser, urlPath, { expectStatus, viewport: C.MOBILE });
      if (expectStatus === 200) C.assertPresent(loaded, urlPath);
      else assert.equal(loaded.status, expectStatus, `${urlPath} should answer ${expectStatus}`);
      await C.screenshot(loaded.page, SHOTS, name, 'mobile-360x640');
    });

    after(async () => {
      await loaded?.page.close();
    });

    it('renders Thai text in Sarabun', async () => {
      await ready();
      C.assertNone(await C.checkFonts(loaded.page), `${urlPath} fonts`);
    });

    it('does not scroll sideways at 360×640; tables scroll in their own box', async () => {
      await ready();
      C.assertNone(await C.checkOverflow(loaded.page), `${urlPath} at 360×640`);
    });

    it('has no axe WCAG 2.1 A/AA violations at 360×640', async () => {
      await ready();
      C.assertNone(await C.checkAxe(loaded.page, 'at 360×640'), `${urlPath} axe`);
    });

    it('has no axe WCAG 2.1 A/AA violations at 1280×800 (and a desktop screenshot)', async () => {
      await ready();
      await loaded.page.setViewportSize(C.DESKTOP);
      await C.screenshot(loaded.page, SHOTS, name, 'desktop-1280x800');
      C.assertNone(await C.checkAxe(loaded.page, 'at 1280×800'), `${urlPath} axe`);
    });

    it(`lays its tables out readably at ${C.LAYOUT_WIDTHS.join(', ')} px (and a screenshot at each)`, async () => {
      await ready();
      const problems = [];
      for (const width of C.LAYOUT_WIDTHS) {
        await loaded.page.setViewportSize({ width, height: 800 });
        await C.screenshot(loaded.page, LAYOUT_SHOTS, name, `${width}px`);
        const found = [...(await C.checkOverflow(loaded.page)), ...(await C.checkLayout(loaded.page, { longColumns: LONG_COLUMNS[name] || [] }))];
        problems.push(...found.map((p) => `at ${width} px: ${p}`));
      }
      C.assertNone(problems, `${urlPath} layout`);
    });

    it('logs no console error, fails no request, fetches nothing from outside 127.0.0.1', async () => {
      await ready();
      C.assertNone(loaded.log.problems(), `${urlPath} network and console`);
    });
  });
}

// The ITA evidence index is what the assessor pastes into ITAS item by item: on a phone each
// item is a card, at 1,280 px every column is on screen without scrolling, and the page lists
// exactly the items and links of its CSV and JSON downloads.
describe('ITA evidence index at 360 and 1280 px', () => {
  const URL_PATH = '/ita/2569/';
  const fs = require('node:fs');
  const path = require('node:path');
  const dir = () => sampleSite();

  it('downloads as evidence.json and evidence.csv (UTF-8 BOM), linked from the page, with the same rows', async () => {
    const json = path.join(dir(), 'ita/2569/evidence.json');
    const csv = path.join(dir(), 'ita/2569/evidence.csv');
    assert.ok(fs.existsSync(json), 'page missing: /ita/2569/evidence.json');
    assert.ok(fs.existsSync(csv), 'page missing: /ita/2569/evidence.csv');
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    const bytes = fs.readFileSync(csv);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'evidence.csv starts with a UTF-8 BOM for Excel');
    const lines = bytes.toString('utf8').split('\r\n').filter((l) => l);
    assert.ok(doc.rows.length > 0);
    // Cells may hold line breaks inside quotes: count rows by their leading year instead.
    assert.equal(lines.filter((l) => l.startsWith('2569,')).length, doc.rows.length, 'one CSV row per JSON row');
    const loaded = await C.loadPage(browser, URL_PATH, { viewport: C.DESKTOP });
    try {
      C.assertPresent(loaded, URL_PATH);
      const seen = await loaded.page.evaluate(() => ({
        items: [...document.querySelectorAll('table.ita-index tbody tr')].map((tr) => tr.id.replace(/^item-/, '')),
        links: [...document.querySelectorAll('table.ita-index tbody a[href]')].map((a) => a.getAttribute('href')),
        downloads: [...document.querySelectorAll('a[href$="evidence.csv"], a[href$="evidence.json"]')].map((a) => a.getAttribute('href')),
      }));
      assert.deepEqual(seen.downloads, ['/ita/2569/evidence.csv', '/ita/2569/evidence.json']);
      assert.deepEqual(seen.items, [...new Set(doc.rows.map((r) => r.code))]);
      assert.deepEqual(seen.links, doc.rows.filter((r) => r.url).map((r) => r.url));
      for (const u of seen.links) assert.match(u, /^https:\/\//, `evidence links are absolute: ${u}`);
      // The sample names its e-service system in site.yaml: an address outside the pages built.
      const o10 = doc.rows.filter((r) => r.code === 'O10');
      assert.ok(o10.some((r) => r.link_kind === 'external' && r.status === 'met'), JSON.stringify(o10));
      // A public page: what is missing in words, never the staff's how-to (front-matter lines,
      // site.yaml entries, commands), which check --ita and the CI job summary carry.
      const text = await loaded.page.evaluate(() => document.body.innerText);
      for (const source of [text, bytes.toString('utf8'), JSON.stringify(doc)]) {
        for (const staff of ['front matter', 'site.yaml', 'prongsai new', 'ita: [', 'วิธีเพิ่ม']) {
          assert.ok(!source.includes(staff), `staff how-to on the public ITA index: ${staff}`);
        }
      }
    } finally {
      await loaded.page.close();
    }
  });

  it('shows each item as a card at 360 px and every column within the screen at 1280 px', async () => {
    const loaded = await C.loadPage(browser, URL_PATH, { viewport: C.MOBILE });
    try {
      C.assertPresent(loaded, URL_PATH);
      const measure = () =>
        loaded.page.evaluate(() => {
          const table = document.querySelector('table.ita-index');
          const rows = [...table.tBodies[0].rows];
          const vw = document.documentElement.clientWidth;
          return {
            display: getComputedStyle(rows[0]).display,
            headerVisible: table.tHead.getBoundingClientRect().height > 1,
            tableRight: table.getBoundingClientRect().right,
            wrapScrolls: table.parentElement.scrollWidth > table.parentElement.clientWidth + 1,
            cellsOutside: rows.flatMap((r) => [...r.cells]).filter((c) => c.getBoundingClientRect().right > vw + 1).length,
            vw,
          };
        });
      const phone = await measure();
      assert.equal(phone.display, 'block', 'at 360 px an item is a card, not a table row');
      assert.equal(phone.headerVisible, false, 'at 360 px each cell names its column, so the header row is not shown');
      assert.equal(phone.cellsOutside, 0, 'no cell reaches past the 360 px screen');
      await C.screenshot(loaded.page, SHOTS, 'ita-cards', 'mobile-360x640');
      await loaded.page.setViewportSize(C.DESKTOP);
      const desk = await measure();
      assert.equal(desk.display, 'table-row', 'at 1280 px the index is a table');
      assert.equal(desk.headerVisible, true);
      assert.equal(desk.wrapScrolls, false, 'at 1280 px no column is cut off behind a scroll');
      assert.ok(desk.tableRight <= desk.vw, `the table ends at ${desk.tableRight} px, inside ${desk.vw} px`);
      await C.screenshot(loaded.page, SHOTS, 'ita-table', 'desktop-1280x800');
    } finally {
      await loaded.page.close();
    }
  });
});
