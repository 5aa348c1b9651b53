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
  ['supplier', { from: '/suppliers/', under: '/suppliers/' }],
  ['annual-report', '/procurement/2568/annual/'],
  ['ita-index', '/ita/2569/'],
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
  'ita-index': ['ชื่อข้อการประเมิน', 'ลิงก์หลักฐาน (URL)', 'สิ่งที่ยังขาด', 'ความเชื่อมั่นของเกณฑ์'],
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
