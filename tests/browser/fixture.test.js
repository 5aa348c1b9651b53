'use strict';
// The suite bites: on fixtures/broken (an image without alt text, pale text,
// a wide table outside the scrolling box, a dead link, an outside image) every check that the
// sample site must pass fails, with the defect named.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { SUITE, buildSite } = require('./lib/site');
const { serve } = require('./lib/server');
const C = require('./lib/checks');

const FIXTURE = path.join(SUITE, 'fixtures', 'broken');
const PAGE = '/broken/';

describe('fixtures/broken: the checks fail on a broken site', () => {
  let out;
  let server;
  let browser;
  let loaded;

  const ready = C.once(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-broken-'));
    fs.rmSync(out, { recursive: true });
    const r = buildSite(FIXTURE, out);
    assert.ok(r.ok, `prongsai build of ${FIXTURE} failed (exit ${r.status}):\n${r.output}`);
    // Without the site's CSP: the breakage under test is written inline (pale text, a squeezed
    // table, an outside image), and the policy would block it before these checks could see it.
    // csp.test.js proves the policy bites on its own broken page.
    server = await serve(out, { applyHtaccess: false });
    browser = await C.openBrowser(server.url);
    loaded = await C.loadPage(browser, PAGE);
    C.assertPresent(loaded, PAGE);
  });
  // the build and the page, for the link and vnu checks too
  before(() => ready().catch(() => {}));

  after(async () => {
    await loaded?.page.close();
    await browser?.close();
    await server?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('axe reports the image without alt and the low-contrast text', async () => {
    await ready();
    const problems = await C.checkAxe(loaded.page);
    const text = problems.join('\n');
    assert.match(text, /axe image-alt /, `axe did not flag the <img> without alt:\n${text}`);
    assert.match(text, /axe color-contrast /, `axe did not flag the pale text:\n${text}`);
    assert.throws(() => C.assertNone(problems, 'axe'), /image-alt/);
  });

  it('the layout check reports the tall row, the cell narrower than its word and the clipped box', async () => {
    await ready();
    await loaded.page.setViewportSize(C.MOBILE);
    const problems = await C.checkLayout(loaded.page);
    const text = problems.join('\n');
    assert.match(text, /column "ชื่อโครงการ" makes its row \d+ px tall/, `the row-height check did not bite:\n${text}`);
    assert.match(text, /column "ผู้รับจ้าง" is \d+ px wide, narrower than its word "Construction"/, `the word-width check did not bite:\n${text}`);
    assert.match(text, /clips its text sideways .* no visible scroll cue/, `the scroll-cue check did not bite:\n${text}`);
    // naming a column as data-long exempts it, and only it
    const exempt = (await C.checkLayout(loaded.page, { longColumns: ['ชื่อโครงการ'] })).join('\n');
    assert.doesNotMatch(exempt, /column "ชื่อโครงการ" makes its row/, `longColumns did not exempt the named column:\n${exempt}`);
  });

  it('the overflow check reports the wide table at 360 px', async () => {
    await ready();
    await loaded.page.setViewportSize(C.MOBILE);
    const problems = await C.checkOverflow(loaded.page);
    const text = problems.join('\n');
    assert.match(text, /scrolls sideways/, `the page-width check did not bite:\n${text}`);
    assert.match(text, /table.*not inside a horizontally scrolling box/, `the table check did not bite:\n${text}`);
  });

  it('the Nu HTML Checker reports the image without alt', async () => {
    await ready();
    const problems = await C.runVnu(out);
    const text = problems.join('\n');
    assert.ok(problems.length > 0, 'vnu reported no error on the broken site');
    assert.match(text, /broken\/index\.html.*alt/i, `vnu did not name the missing alt in broken/index.html:\n${text}`);
  });

  it('the network check reports the image fetched from outside 127.0.0.1', async () => {
    await ready();
    const text = loaded.log.problems().join('\n');
    assert.match(text, /request leaving 127\.0\.0\.1 \(blocked\): https:\/\/cdn\.example\.invalid\/logo\.png/, `not reported:\n${text}`);
  });

  it('the link check reports the dead link', async () => {
    await ready();
    const problems = C.checkLinks(out, { baseUrl: 'https://broken.example.invalid' });
    const text = problems.join('\n');
    assert.match(text, /broken\/index\.html: <a href="\/no-such-page\/"/, `the link check missed /no-such-page/:\n${text}`);
  });
});

describe('the link checker and parser on their own', () => {
  it('resolves relative, absolute, srcset, fragments, own-domain URLs and sitemap entries', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-links-'));
    try {
      fs.mkdirSync(path.join(d, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(d, 'a', 'b', 'x.png'), '');
      fs.writeFileSync(
        path.join(d, 'sitemap.xml'),
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
          '<url><loc>https://www.muangluang.go.th/a/</loc></url><url><loc>https://www.muangluang.go.th/lost/</loc></url></urlset>',
      );
      fs.writeFileSync(
        path.join(d, 'a', 'index.html'),
        '<!doctype html><h1 id=top2>x</h1><a href=b/x.png>ok</a><a href="../a/#top2">ok</a>' +
          '<img srcset="b/x.png 1x, b/y.png 2x" alt=""><a href=https://www.muangluang.go.th/gone/>own</a>' +
          '<a href="https://example.org/">external</a><a href="#nope">frag</a><a href=mailto:a@b.c>m</a>' +
          '<a rel="external" href="https://www.muangluang.go.th/eservice/">site.yaml address</a>' +
          '<script>var s = "<a href=/in-script/>";</script><!-- <a href=/in-comment/> -->',
      );
      const problems = C.checkLinks(d);
      const text = problems.join('\n');
      assert.match(text, /srcset="b\/y\.png"/);
      assert.match(text, /\/gone\//);
      assert.match(text, /no id "nope"/);
      assert.match(text, /sitemap\.xml: <loc="https:\/\/www\.muangluang\.go\.th\/lost\/"/);
      assert.doesNotMatch(text, /in-script|in-comment|example\.org|mailto|x\.png"|top2|eservice/);
      assert.equal(problems.length, 4, text);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('serves .woff2, .svg, .json, .xlsx, .pdf with their content types', () => {
    const { contentType } = require('./lib/server');
    assert.equal(contentType('a.woff2'), 'font/woff2');
    assert.equal(contentType('a.svg'), 'image/svg+xml');
    assert.match(contentType('a.json'), /^application\/json/);
    assert.equal(contentType('a.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(contentType('a.pdf'), 'application/pdf');
  });
});
