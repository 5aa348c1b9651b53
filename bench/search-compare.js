'use strict';
// bench/search-compare.js SITE: prongsai's search and Pagefind's on the same built site, with
// the query set and judgement of tests/browser/lib/search-eval.js, in Chromium. SITE must hold
// both indexes (bench/search-compare builds it). Prints both tables, then Markdown for
// BENCHMARKS.md. Latency: per query, on a freshly opened page, from the call to the first
// screen of results (prongsai: find(), which returns its rows; Pagefind: search() and the
// data() of its first 10 results), the index files served from 127.0.0.1 with the HTTP cache
// off; the median over the query set, and again with each search's files already loaded (the
// same query asked twice in one page).

const path = require('node:path');
const suite = path.join(__dirname, '..', 'tests', 'browser');
const C = require(path.join(suite, 'lib', 'checks'));
const E = require(path.join(suite, 'lib', 'search-eval'));
const { serve } = require(path.join(suite, 'lib', 'server'));

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/search-compare.js SITE');
  process.exit(2);
}

/** JavaScript and WebAssembly bytes fetched by `page` while `fn` runs. */
async function codeBytes(page, fn) {
  let bytes = 0;
  const files = [];
  const onResponse = async (res) => {
    const url = new URL(res.url()).pathname;
    if (!/\.(m?js|wasm)$|wasm\.|pagefind-entry/.test(url) && res.request().resourceType() !== 'script') return;
    if (/\.json$/.test(url)) return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    files.push(`${url.split('/').pop()} ${body.length}`);
  };
  page.on('response', onResponse);
  await fn();
  await page.waitForLoadState('networkidle').catch(() => {});
  page.off('response', onResponse);
  return { bytes, files };
}

const tools = {
  prongsai: {
    page: '/search/',
    ready: () => window.prongsaiSearch,
    run: async ({ q, twice }) => {
      const load = (p) => fetch(`/${p}`, { cache: 'no-store' }).then((r) => r.json());
      const cache = {};
      const cached = (p) => (cache[p] ??= load(p));
      let t0 = performance.now();
      const found = await window.prongsaiSearch.find(cached, q, Infinity);
      let ms = performance.now() - t0;
      if (twice) {
        t0 = performance.now();
        await window.prongsaiSearch.find(cached, q, Infinity);
        ms = performance.now() - t0;
      }
      return { urls: found.hits.map((h) => h.url), suggestion: found.suggestion, ms };
    },
  },
  pagefind: {
    page: '/pagefind-search.html',
    ready: () => window.pagefind,
    run: async ({ q, twice }) => {
      const pf = window.pagefind;
      const first = async () => {
        const t0 = performance.now();
        const res = await pf.search(q);
        await Promise.all(res.results.slice(0, 10).map((r) => r.data()));
        return [res, performance.now() - t0];
      };
      let [res, ms] = await first();
      if (twice) [, ms] = await first();
      const all = await Promise.all(res.results.map((r) => r.data()));
      // Pagefind's URLs name the file (…/index.html); prongsai's and the judged pages', the folder.
      return { urls: all.map((d) => d.url.replace(/index\.html$/, '')), suggestion: null, ms };
    },
  },
};

(async () => {
  const server = await serve(dir);
  const browser = await C.openBrowser(server.url, { viewport: C.DESKTOP });
  const pages = E.sitePages(dir);
  const set = E.querySet(dir);
  const out = {};
  try {
    for (const [name, tool] of Object.entries(tools)) {
      const measure = async (twice) =>
        E.evaluate(pages, set, async (q) => {
          const page = await browser.context.newPage();
          try {
            await page.goto(server.url + tool.page, { waitUntil: 'load' });
            await page.waitForFunction(tool.ready, null, { timeout: 10000 });
            return await page.evaluate(tool.run, { q, twice });
          } finally {
            await page.close();
          }
        });
      const cold = await measure(false);
      const warm = await measure(true);
      const page = await browser.context.newPage();
      const open = await codeBytes(page, () => page.goto(server.url + tool.page, { waitUntil: 'load' }));
      await page.waitForFunction(tool.ready, null, { timeout: 10000 });
      const query = await codeBytes(page, () => page.evaluate(tool.run, { q: 'ถนน', twice: false }));
      await page.close();
      out[name] = { cold, warm, open, query };
      console.log(E.report(name, cold));
      console.log(`${name}: code on opening ${open.bytes} bytes (${open.files.join(', ')}); more on the first query ${query.bytes} bytes (${query.files.join(', ')}); warm median ${Math.round(warm.summary.medianMs)} ms\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const p = out.prongsai;
  const f = out.pagefind;
  const fmt = (x) => x.toFixed(2);
  const line = (label, a, b) => `| ${label} | ${a} | ${b} |`;
  console.log('| on the sample site, Chromium | prongsai | Pagefind 1.6.0 |');
  console.log('|---|---|---|');
  console.log(line('right page first, 25 single queries', p.cold.summary.singleRightFirst, f.cold.summary.singleRightFirst));
  console.log(line(`right page first, ${p.cold.summary.multi} multi-word queries`, p.cold.summary.multiRightFirst, f.cold.summary.multiRightFirst));
  console.log(line('mean precision@10', fmt(p.cold.summary.precision10), fmt(f.cold.summary.precision10)));
  console.log(line('mean recall (all hits)', fmt(p.cold.summary.recall), fmt(f.cold.summary.recall)));
  console.log(line('recall over all relevant pages', fmt(p.cold.summary.recallAll), fmt(f.cold.summary.recallAll)));
  console.log(line('search code on opening the search page (JS + WASM bytes)', p.open.bytes, f.open.bytes));
  console.log(line('… and on the first query', p.open.bytes + p.query.bytes, f.open.bytes + f.query.bytes));
  console.log(line('median query, fresh page (ms)', Math.round(p.cold.summary.medianMs), Math.round(f.cold.summary.medianMs)));
  console.log(line('median query, files loaded (ms)', Math.round(p.warm.summary.medianMs), Math.round(f.warm.summary.medianMs)));
  console.log('\n| query | type | prongsai first / P@10 / recall | Pagefind first / P@10 / recall |');
  console.log('|---|---|---|---|');
  p.cold.rows.forEach((r, i) => {
    const g = f.cold.rows[i];
    const cell = (x) => `${x.right ? (x.rightFirst ? 'yes' : 'no') : '–'} / ${x.precision === null ? '–' : fmt(x.precision)} / ${x.recall === null ? '–' : fmt(x.recall)}`;
    console.log(`| ${r.q}${r.suggestion ? ` (→ ${r.suggestion})` : ''} | ${r.type} | ${cell(r)} | ${cell(g)} |`);
  });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
