'use strict';
// The site works under the Content-Security-Policy its own .htaccess sends: every page type is
// served with the .htaccess headers (lib/server.js reads the file as Apache would) and Chromium
// reports no policy violation, with JavaScript on (tables, search). A page with an inline script
// and an inline style, served with the same .htaccess, proves the check bites.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { sampleSite } = require('./lib/site');
const { serve } = require('./lib/server');
const C = require('./lib/checks');

// Every template the theme has, plus the search page running a query (it fetches its index).
const PAGES = [
  '/',
  '/procurement/',
  '/procurement/2569/',
  '/procurement/2569/plan/',
  '/procurement/2569/months/2568-10/',
  '/procurement/2569/records/2568-10-1/',
  '/procurement/2568/annual/',
  '/suppliers/',
  '/ita/2569/',
  '/data/',
  '/search/?q=%E0%B8%96%E0%B8%99%E0%B8%99',
  '/about/structure/',
  '/integrity/',
  '/sitemap/',
  '/privacy/',
  '/no-such-page-prongsai-csp/',
];

/** Load `urlPath` and return the CSP header and every violation Chromium reported. */
async function violations(browser, urlPath) {
  const page = await browser.context.newPage();
  const found = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) found.push(`console: ${msg.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation event: ${e.violatedDirective} ${e.blockedURI} line ${e.lineNumber}`);
    });
  });
  const res = await page.goto(browser.origin + urlPath, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  const csp = res ? res.headers()['content-security-policy'] : undefined;
  await page.close();
  return { csp, found: [...new Set(found)] };
}

describe('Content-Security-Policy from the site\'s .htaccess', () => {
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

  for (const urlPath of PAGES) {
    it(`${urlPath} is served with the policy and breaks none of it`, async () => {
      const { csp, found } = await violations(browser, urlPath);
      assert.ok(csp && /script-src 'self'/.test(csp), `${urlPath}: no Content-Security-Policy header (got ${csp})`);
      C.assertNone(found, `${urlPath} CSP violations`);
    });
  }
});

describe('the CSP check bites', () => {
  let dir;
  let server;
  let browser;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-csp-'));
    fs.copyFileSync(path.join(sampleSite(), '.htaccess'), path.join(dir, '.htaccess'));
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>x</title></head>' +
        '<body><p style="color:red">ก</p><script>document.title = "ran";</script></body></html>',
    );
    server = await serve(dir);
    browser = await C.openBrowser(server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports an inline script and an inline style', async () => {
    const { found } = await violations(browser, '/');
    const text = found.join('\n');
    assert.match(text, /script/i, `no violation reported for the inline script:\n${text}`);
    assert.match(text, /style/i, `no violation reported for the inline style:\n${text}`);
  });
});
