'use strict';
// The whole built sample site, file by file: the Nu HTML Checker reports no
// error on any HTML page, and every internal link and asset reference
// resolves to a file of the output.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { sampleSite } = require('./lib/site');
const C = require('./lib/checks');

test('the build wrote HTML pages and its marker', () => {
  const dir = sampleSite();
  assert.ok(fs.existsSync(path.join(dir, 'prongsai-build.json')), 'prongsai-build.json missing from the output');
  assert.ok(C.htmlFiles(dir).length > 0, 'no HTML pages in the output');
});

test('Nu HTML Checker: no errors on any HTML page', async () => {
  const dir = sampleSite();
  const problems = await C.runVnu(dir);
  C.assertNone(problems, `vnu over ${C.htmlFiles(dir).length} HTML files`);
});

test('every internal href, src, srcset, sitemap <loc>, feed link and CSS url() resolves to a file of the output', () => {
  const dir = sampleSite();
  C.assertNone(C.checkLinks(dir), 'broken internal references');
});
