// tests/lighthouse/run.mjs BASE_URL: Lighthouse best practices on the home, a year and a record
// page of the sample site served at BASE_URL (tests/apache/run serves it with Apache and the
// site's .htaccess), in Debian's Chromium. Prints each page's score and every audit that lost
// points; exits 1 unless every page scores 100.
//
// Lighthouse is pinned by this folder's package-lock.json. Chromium gets the flags it needs on a
// closed network (no update checks, no sync, no background fetches) and runs headless as root.

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const PAGES = ['/', '/procurement/2569/', '/procurement/2569/records/2568-10-1/'];
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const base = process.argv[2];
if (!base) {
  console.error('usage: run.mjs BASE_URL');
  process.exit(2);
}

let failed = 0;
for (const page of PAGES) {
  // A browser of its own for each page, as a first visit: Chromium asks for /favicon.ico once
  // per browser, so a shared one would blame only the first page for a missing icon.
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: FLAGS,
  });
  try {
    const url = new URL(page, base).href;
    const started = Date.now();
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: ['best-practices'],
      logLevel: 'error',
      output: 'json',
    });
    const { lhr } = result;
    const category = lhr.categories['best-practices'];
    const score = Math.round((category.score ?? 0) * 100);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (lhr.runtimeError) {
      failed++;
      console.log(`FAIL ${page}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      continue;
    }
    const lost = category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1);
    if (score < 100) failed++;
    console.log(`${score < 100 ? 'FAIL' : 'ok'} ${page}: best practices ${score} (${seconds}s)`);
    for (const a of lost) {
      const items = (a.details?.items || []).slice(0, 5).map((i) => JSON.stringify(i).slice(0, 200));
      console.log(`    | ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      for (const i of items) console.log(`    |   ${i}`);
    }
  } finally {
    await chrome.kill();
  }
}
process.exit(failed ? 1 : 0);
