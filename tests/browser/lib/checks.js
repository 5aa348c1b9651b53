'use strict';
// The suite's checks, as plain functions that return a list of problems (an
// empty list passes). tests/browser/*.test.js use them on the sample site and
// fixture.test.js proves on a deliberately broken site that each one bites.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { SUITE } = require('./site');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MOBILE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };
/** The widths every page type is laid out and photographed at: phone, tablet, desktop. */
const LAYOUT_WIDTHS = [360, 768, 1280];
/** A table row may be this many lines of its body text tall (plus the cell padding). */
const ROW_LINES = 4;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE_PATH = path.join(SUITE, 'node_modules', 'axe-core', 'axe.min.js');
const VNU_JAR = path.join(SUITE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

/**
 * A function that runs `fn` once and returns the same promise afterwards, so
 * that each test of a group can await a shared setup and *fail* (not be
 * cancelled) with its error, e.g. "page missing: /procurement/2569/".
 */
function once(fn) {
  let p = null;
  return () => (p ??= Promise.resolve().then(fn));
}

/** Fail with every problem listed, one a line, under a title. */
function assertNone(problems, title) {
  if (problems.length) {
    assert.fail(`${title}: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
  }
}

// ------------------------------------------------------------ browser ---

/**
 * A fresh Chromium with its own temporary profile. Every request that does
 * not go to `origin` (the test server) is blocked and recorded.
 * Returns { context, origin, events, newPage(), close() }.
 */
async function openBrowser(origin, { javaScriptEnabled = true, viewport = MOBILE } = {}) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    javaScriptEnabled,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    serviceWorkers: 'block',
  });
  const events = { external: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let ok = false;
    try {
      ok = new URL(url).origin === origin;
    } catch {
      ok = false;
    }
    if (ok) return route.continue();
    events.external.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    origin,
    events,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Open `urlPath` in a new page of `browser` and record what the public would
 * not want to see: console errors, page errors, failed requests (network
 * errors and HTTP >= 400, except the main document when `expectStatus` says
 * so) and requests leaving 127.0.0.1.
 * Returns { page, status, missing, log } where log.problems() lists them.
 */
async function loadPage(browser, urlPath, { expectStatus = 200, viewport = MOBILE } = {}) {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  const url = browser.origin + urlPath;
  const log = { console: [], pageErrors: [], failed: [], externalStart: browser.events.external.length };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const text = msg.text();
      // Chromium reports the HTTP status of the 404 page itself as a console error.
      if (expectStatus === 404 && /status of 404/.test(text) && loc.url === url) return;
      // a blocked outside request is reported once, as leaving 127.0.0.1
      if (/ERR_BLOCKED_BY_CLIENT/.test(text)) return;
      log.console.push(`console error: ${text}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => log.pageErrors.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    const failure = req.failure();
    if (failure && /BLOCKED_BY_CLIENT/i.test(failure.errorText)) return; // recorded as external
    log.failed.push(`request failed: ${req.method()} ${req.url()} (${failure ? failure.errorText : '?'})`);
  });
  page.on('response', (res) => {
    const isMain = res.request().isNavigationRequest() && res.request().frame() === page.mainFrame();
    if (isMain && res.url() === url && res.status() === expectStatus) return;
    if (res.status() >= 400) log.failed.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  const res = await page.goto(url, { waitUntil: 'load' });
  const status = res ? res.status() : 0;
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  await page.evaluate(() => (document.fonts ? document.fonts.ready.then(() => true) : true)).catch(() => {});
  log.problems = () => [
    ...log.console,
    ...log.pageErrors,
    ...log.failed,
    ...browser.events.external
      .slice(log.externalStart)
      .map((u) => `request leaving 127.0.0.1 (blocked): ${u}`),
  ];
  return { page, url, status, missing: expectStatus === 200 && status === 404, log };
}

/** Throw "page missing: <url>" when the generator did not produce the page. */
function assertPresent(loaded, urlPath) {
  if (loaded.missing) assert.fail(`page missing: ${urlPath}`);
  if (loaded.status !== 200) assert.fail(`page ${urlPath} answered HTTP ${loaded.status}, expected 200`);
}

/** Thai text in Sarabun: a loaded Sarabun face, and body's font-family starts with Sarabun. */
async function checkFonts(page) {
  const r = await page.evaluate(async () => {
    if (document.fonts) await document.fonts.ready;
    const clean = (s) => s.replace(/["']/g, '').trim();
    const faces = document.fonts ? [...document.fonts].map((f) => ({ family: clean(f.family), status: f.status, range: f.unicodeRange })) : [];
    const family = getComputedStyle(document.body).fontFamily;
    // Is a Sarabun face that covers Thai (U+0E01) loaded?
    const covers = (range, cp) =>
      range.split(',').some((r) => {
        const m = r.trim().match(/^U\+([0-9A-F?]+)(?:-([0-9A-F]+))?$/i);
        if (!m) return false;
        const lo = parseInt(m[1].replace(/\?/g, '0'), 16);
        const hi = m[2] ? parseInt(m[2], 16) : m[1].includes('?') ? parseInt(m[1].replace(/\?/g, 'F'), 16) : lo;
        return cp >= lo && cp <= hi;
      });
    const thaiReady = faces.some((f) => /^sarabun$/i.test(f.family) && f.status === 'loaded' && covers(f.range, 0x0e01));
    const hasThai = /[\u0E00-\u0E7F]/.test(document.body.innerText);
    return { faces, family, thaiReady, hasThai };
  });
  const problems = [];
  const sarabun = r.faces.filter((f) => /^sarabun$/i.test(f.family));
  if (!sarabun.length) problems.push('no Sarabun @font-face in document.fonts');
  else if (!sarabun.some((f) => f.status === 'loaded')) {
    problems.push(`no Sarabun face loaded (faces: ${sarabun.map((f) => `${f.range} ${f.status}`).join('; ')})`);
  }
  if (!/^["']?Sarabun["']?\s*(,|$)/i.test(r.family)) problems.push(`body font-family is "${r.family}", not Sarabun first`);
  if (!r.hasThai) problems.push('the page shows no Thai text');
  else if (!r.thaiReady) problems.push('no Sarabun face covering Thai (U+0E01) is loaded: Thai text falls back to another font');
  return problems;
}

/**
 * No horizontal scrolling at the current viewport (use 360×640): the page is
 * no wider than the screen, nothing sticks out past the right edge unless a
 * box of its own scrolls it, and every table wider than its box is inside a
 * horizontally scrolling box.
 */
async function checkOverflow(page) {
  const r = await page.evaluate(() => {
    const desc = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      if (el.classList.length) s += `.${[...el.classList].slice(0, 3).join('.')}`;
      const p = el.parentElement;
      return p && p !== document.body ? `${desc(p)} > ${s}` : s;
    };
    const clips = (el) => {
      const ox = getComputedStyle(el).overflowX;
      return ox !== 'visible';
    };
    const scrollBox = (el) => {
      for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox === 'auto' || ox === 'scroll') return a;
      }
      return null;
    };
    const clippedByAncestor = (el) => {
      for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        if (clips(a)) return true;
      }
      return false;
    };
    const vw = window.innerWidth;
    const sticking = [];
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      if (rect.right > vw + 1 && !clippedByAncestor(el)) {
        // report only the outermost offender of a subtree
        const parent = el.parentElement;
        const pr = parent ? parent.getBoundingClientRect() : null;
        if (pr && pr.right > vw + 1 && parent !== document.body && !clippedByAncestor(parent)) continue;
        sticking.push(`${desc(el)} ends at x=${Math.round(rect.right)}`);
      }
    }
    const tables = [];
    for (const t of document.querySelectorAll('table')) {
      const box = scrollBox(t);
      const parentWidth = t.parentElement.clientWidth;
      if (!box && t.getBoundingClientRect().width > Math.min(parentWidth, vw) + 1) {
        tables.push(`${desc(t)} is ${Math.round(t.getBoundingClientRect().width)} px wide and not inside a horizontally scrolling box`);
      }
    }
    return {
      vw,
      scrollWidth: document.documentElement.scrollWidth,
      bodyScrollWidth: document.body.scrollWidth,
      sticking,
      tables,
    };
  });
  const problems = [];
  if (r.scrollWidth > r.vw) problems.push(`the page scrolls sideways: scrollWidth ${r.scrollWidth} > innerWidth ${r.vw}`);
  for (const s of r.sticking.slice(0, 15)) problems.push(`sticks out past the right edge (${r.vw} px): ${s}`);
  if (r.sticking.length > 15) problems.push(`… and ${r.sticking.length - 15} more elements sticking out`);
  problems.push(...r.tables);
  return problems;
}

/**
 * Can a person read the tables? At the current viewport:
 * - no table row taller than ROW_LINES lines of its text plus padding, except cells whose column
 *   header is in `longColumns` (columns the data makes long, named by the caller);
 * - no cell narrower than its longest word (Thai words found with Intl.Segmenter; URLs and
 *   <code> may break anywhere and are left out);
 * - no box that clips text sideways without a cue that more is there (a scrollbar taking space,
 *   a gradient shadow, or an ellipsis).
 * Page-level sideways scrolling is checkOverflow's.
 */
async function checkLayout(page, { longColumns = [] } = {}) {
  return page.evaluate(
    ({ longColumns, ROW_LINES }) => {
      const problems = [];
      const px = (v) => parseFloat(v) || 0;
      const header = (cell) => {
        const table = cell.closest('table');
        const head = table?.tHead?.rows[0] || table?.rows[0];
        const th = head?.cells[cell.cellIndex];
        return th && th !== cell ? th.textContent.trim().replace(/\s+/g, ' ') : '';
      };
      // The height of the text a person sees in the cell: a closed <details> counts as its summary.
      const contentHeight = (cell) => {
        let top = Infinity;
        let bottom = -Infinity;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent.trim() || n.parentElement.closest('details:not([open]) > :not(summary)')) continue;
          const r = document.createRange();
          r.selectNodeContents(n);
          for (const rect of r.getClientRects()) {
            top = Math.min(top, rect.top);
            bottom = Math.max(bottom, rect.bottom);
          }
        }
        return bottom > top ? bottom - top : 0;
      };
      const canvas = document.createElement('canvas').getContext('2d');
      const words = new Intl.Segmenter('th', { granularity: 'word' });
      let shown = 0;
      for (const table of document.querySelectorAll('table')) {
        if (!table.getClientRects().length) continue;
        const caption = (table.caption?.textContent || table.closest('[aria-label]')?.getAttribute('aria-label') || '').trim().slice(0, 60);
        for (const row of table.rows) {
          if (!row.getClientRects().length) continue;
          for (const cell of row.cells) {
            const cs = getComputedStyle(cell);
            const name = header(cell);
            const lineHeight = px(cs.lineHeight) || px(cs.fontSize) * 1.5;
            const limit = ROW_LINES * lineHeight + px(cs.paddingTop) + px(cs.paddingBottom) + 2;
            const own = contentHeight(cell) + px(cs.paddingTop) + px(cs.paddingBottom);
            if (own > limit && !longColumns.includes(name) && shown++ < 20) {
              problems.push(`table "${caption}": a cell of column "${name}" makes its row ${Math.round(own)} px tall (limit ${Math.round(limit)} px = ${ROW_LINES} lines + padding): "${cell.textContent.trim().slice(0, 60)}"`);
            }
            const inner = cell.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight);
            canvas.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (n.parentElement.closest('code, details:not([open]) > :not(summary)')) continue;
              for (const w of words.segment(n.textContent)) {
                if (!w.isWordLike || /[/:@]/.test(w.segment)) continue;
                const width = canvas.measureText(w.segment).width;
                if (width > inner + 1 && shown++ < 20) {
                  problems.push(`table "${caption}": column "${name}" is ${Math.round(inner)} px wide, narrower than its word "${w.segment}" (${Math.round(width)} px)`);
                }
              }
            }
          }
        }
      }
      for (const el of document.body.querySelectorAll('*')) {
        const cs = getComputedStyle(el);
        if (cs.overflowX === 'visible' || el.scrollWidth <= el.clientWidth + 1) continue;
        if (!el.getClientRects().length || !el.textContent.trim()) continue;
        const scrollbar = el.offsetHeight - el.clientHeight - px(cs.borderTopWidth) - px(cs.borderBottomWidth) > 0;
        const scrollable = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
        const shadow = /gradient/.test(cs.backgroundImage);
        const ellipsis = cs.textOverflow === 'ellipsis';
        if (!ellipsis && !(scrollable && (scrollbar || shadow))) {
          const id = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.classList.length ? `.${[...el.classList].join('.')}` : '');
          problems.push(`${id} clips its text sideways (${el.scrollWidth} px in ${el.clientWidth} px) with no visible scroll cue: "${el.textContent.trim().slice(0, 60)}"`);
        }
      }
      return problems;
    },
    { longColumns, ROW_LINES },
  );
}

let axeSource = null;
/** axe-core WCAG 2.0/2.1 A and AA; one problem per violated rule, with every node. */
async function checkAxe(page, label = '') {
  axeSource ??= fs.readFileSync(AXE_SOURCE_PATH, 'utf8');
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined').catch(() => false);
  if (!hasAxe) {
    // Works with JavaScript disabled too: evaluate() runs in the page regardless.
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 10)
      .map((n) => `      at ${n.target.join(' ')}\n        ${n.html.slice(0, 300)}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`)
      .join('\n');
    const more = v.nodes.length > 10 ? `\n      … and ${v.nodes.length - 10} more nodes` : '';
    return `axe ${v.id} (${v.impact})${label ? ` ${label}` : ''}: ${v.help} [${v.tags.filter((t) => t.startsWith('wcag')).join(', ')}] ${v.helpUrl}\n${nodes}${more}`;
  });
}

/** Save a full-page PNG as <dir>/<name>-<viewport label>.png; returns the path. */
async function screenshot(page, dir, name, label) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${label}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ------------------------------------------------------------ vnu ---

/** The Nu HTML Checker over every HTML file under dir: one problem per error. */
function runVnu(dir) {
  return new Promise((resolve, reject) => {
    const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', dir];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      let json;
      try {
        json = JSON.parse(err.trim() || out.trim() || '{"messages":[]}');
      } catch {
        return reject(new Error(`vnu exited ${code} without JSON:\n${out}\n${err}`));
      }
      const problems = json.messages
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map((m) => {
          const file = m.url ? path.relative(dir, decodeURIComponent(m.url.replace(/^file:/, ''))) : '?';
          const at = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn}` : '';
          const extract = m.extract ? ` — near ${JSON.stringify(m.extract.slice(0, 160))}` : '';
          return `vnu ${file}${at}: ${m.message}${extract}`;
        });
      if (code !== 0 && !problems.length) {
        return reject(new Error(`vnu exited ${code} but reported no errors:\n${out}\n${err}`));
      }
      resolve(problems);
    });
  });
}

// ------------------------------------------------------------ links ---

function walk(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Tags with their attributes from an HTML string (comments, script and style bodies skipped). */
function parseTags(html) {
  const clean = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/gi, '$1</style>');
  const tags = [];
  const tagRe = /<([a-zA-Z][a-zA-Z0-9-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*)?\/?>/g;
  const attrRe = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  let m;
  while ((m = tagRe.exec(clean))) {
    const attrs = {};
    const body = m[2] || '';
    let a;
    while ((a = attrRe.exec(body))) {
      const v = a[2] ?? a[3] ?? a[4];
      attrs[a[1].toLowerCase()] = v === undefined ? '' : decodeEntities(v);
    }
    tags.push({ name: m[1].toLowerCase(), attrs });
  }
  return tags;
}

/**
 * Every internal href, src, srcset and form action in the HTML pages, every
 * sitemap <loc> and feed <link href>, and every url() in the CSS files must
 * resolve to a file of the output;
 * fragments pointing into an HTML page must name an id of that page.
 * Absolute URLs on `baseUrl` (the site's own address) count as internal, except links marked
 * rel="external" (addresses site.yaml names outside the pages prongsai builds).
 */
function checkLinks(dir, { baseUrl = 'https://www.muangluang.go.th' } = {}) {
  const files = walk(dir);
  const fileSet = new Set(files);
  const SITE = 'http://site.invalid';
  const own = new Set([SITE, new URL(baseUrl).origin]);
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const ids = new Map();
  const parsed = new Map();
  for (const f of files) {
    if (!/\.html?$/i.test(f)) continue;
    const tags = parseTags(fs.readFileSync(path.join(dir, f), 'utf8'));
    parsed.set(f, tags);
    const set = new Set();
    for (const t of tags) {
      if (t.attrs.id) set.add(t.attrs.id);
      if (t.name === 'a' && t.attrs.name) set.add(t.attrs.name);
    }
    ids.set(f, set);
  }
  const problems = [];
  const resolve = (from, ref, what) => {
    ref = ref.trim();
    if (!ref || /^(mailto|tel|javascript|data|blob|sms|geo):/i.test(ref)) return;
    let u;
    try {
      u = new URL(ref, from.base);
    } catch {
      problems.push(`${from.file}: ${what}="${ref}" is not a valid URL`);
      return;
    }
    if (!/^https?:$/.test(u.protocol) || !own.has(u.origin)) return; // external: not ours to check
    let p;
    try {
      p = decodeURIComponent(u.pathname);
    } catch {
      problems.push(`${from.file}: ${what}="${ref}" has a bad percent-encoding`);
      return;
    }
    if (u.origin !== SITE && basePath) {
      if (!p.startsWith(basePath + '/')) return;
      p = p.slice(basePath.length);
    }
    let target = p.replace(/^\/+/, '');
    if (target === '' || target.endsWith('/')) target += 'index.html';
    if (!fileSet.has(target)) {
      if (fileSet.has(`${target}/index.html`)) target = `${target}/index.html`;
      else {
        problems.push(`${from.file}: ${what}="${ref}" → /${target} does not exist in the output`);
        return;
      }
    }
    const frag = u.hash.slice(1);
    if (frag && frag !== 'top' && ids.has(target)) {
      let id = frag;
      try {
        id = decodeURIComponent(frag);
      } catch {}
      if (!ids.get(target).has(id)) problems.push(`${from.file}: ${what}="${ref}" → no id "${id}" in /${target}`);
    }
  };
  for (const [f, tags] of parsed) {
    const baseTag = tags.find((t) => t.name === 'base' && t.attrs.href);
    const pageUrl = `${SITE}/${f}`;
    const from = { file: f, base: baseTag ? new URL(baseTag.attrs.href, pageUrl).href : pageUrl };
    for (const t of tags) {
      // rel="external": an address the agency names in site.yaml (ITA evidence such as its
      // e-service system) that lives outside the output even when it shares the site's host.
      if (t.name === 'a' && /(^|\s)external(\s|$)/i.test(t.attrs.rel || '')) continue;
      for (const attr of ['href', 'src']) {
        if (t.attrs[attr] !== undefined) {
          // <link rel=preconnect|dns-prefetch> name hosts, not resources; canonical/alternate must still exist
          resolve(from, t.attrs[attr], `<${t.name} ${attr}`);
        }
      }
      if (t.attrs.srcset) {
        for (const part of t.attrs.srcset.split(/,\s+/)) {
          const ref = part.trim().split(/\s+/)[0];
          if (ref) resolve(from, ref, `<${t.name} srcset`);
        }
      }
      if (t.name === 'form' && t.attrs.action) resolve(from, t.attrs.action, '<form action');
      if (t.name === 'object' && t.attrs.data) resolve(from, t.attrs.data, '<object data');
    }
  }
  // sitemap <loc> and Atom/RSS <link href> (absolute URLs on the site's own address)
  for (const f of files) {
    if (!/\.(xml|atom|rss)$/i.test(f)) continue;
    const xml = fs.readFileSync(path.join(dir, f), 'utf8');
    const from = { file: f, base: `${SITE}/${f}` };
    for (const m of xml.matchAll(/<loc>\s*([^<]*?)\s*<\/loc>/g)) resolve(from, decodeEntities(m[1]), '<loc');
    for (const t of parseTags(xml)) {
      if (t.name === 'link' && t.attrs.href !== undefined) resolve(from, t.attrs.href, '<link href');
    }
  }
  for (const f of files) {
    if (!/\.css$/i.test(f)) continue;
    const css = fs.readFileSync(path.join(dir, f), 'utf8');
    const from = { file: f, base: `${SITE}/${f}` };
    const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g;
    let m;
    while ((m = re.exec(css))) resolve(from, m[1] ?? m[2] ?? m[3], 'url(');
  }
  return problems;
}

/** Every HTML file of the output, site-relative. */
function htmlFiles(dir) {
  return walk(dir).filter((f) => /\.html?$/i.test(f));
}

module.exports = {
  once,
  CHROMIUM,
  CHROMIUM_ARGS,
  MOBILE,
  DESKTOP,
  AXE_TAGS,
  VNU_JAR,
  assertNone,
  openBrowser,
  loadPage,
  assertPresent,
  checkFonts,
  checkOverflow,
  checkLayout,
  LAYOUT_WIDTHS,
  ROW_LINES,
  checkAxe,
  screenshot,
  runVnu,
  parseTags,
  decodeEntities,
  checkLinks,
  htmlFiles,
  walk,
};
