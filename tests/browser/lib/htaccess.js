'use strict';
// What Apache would do with the site's .htaccess, for the test server: the response headers
// (`Header set` / `Header always set`, also inside `<FilesMatch>`), `AddType` and
// `ErrorDocument 404`. Only the directives prongsai writes are understood; anything else in the
// file is an error, so the test server never silently serves headers the host would not.

const fs = require('node:fs');

/** Parse `text`; returns { headers(fileName) -> [[name, value]], types: {ext: type}, notFound }. */
function parse(text) {
  const global = [];
  const matches = []; // { re, headers }
  const types = {};
  let notFound = null;
  let current = null;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    let m;
    if ((m = line.match(/^<FilesMatch "(.*)">$/))) {
      current = { re: new RegExp(m[1]), headers: [] };
      matches.push(current);
    } else if (line === '</FilesMatch>') {
      current = null;
    } else if (/^<\/?IfModule\b/.test(line)) {
      // every module prongsai uses is assumed present
    } else if ((m = line.match(/^Header (?:always )?set (\S+) "(.*)"$/))) {
      (current ? current.headers : global).push([m[1], m[2]]);
    } else if ((m = line.match(/^AddType (\S+) ((?:\.\w+\s*)+)$/))) {
      for (const ext of m[2].trim().split(/\s+/)) types[ext] = m[1];
    } else if ((m = line.match(/^ErrorDocument 404 (\S+)$/))) {
      notFound = m[1];
    } else if (/^(Options|AddDefaultCharset|AddCharset|AddOutputFilterByType|RequestHeader) /.test(line)) {
      // no effect on what the browser checks (tests/apache runs the real thing)
    } else {
      throw new Error(`.htaccess line ${i + 1}: the test server does not know "${line}"`);
    }
  });
  return {
    types,
    notFound,
    /** Headers for a response whose file is `fileName` (later ones replace earlier ones). */
    headers(fileName) {
      const out = new Map();
      for (const [k, v] of global) out.set(k.toLowerCase(), v);
      for (const { re, headers } of matches) {
        if (re.test(fileName)) for (const [k, v] of headers) out.set(k.toLowerCase(), v);
      }
      return out;
    },
  };
}

function load(file) {
  return parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { parse, load };
