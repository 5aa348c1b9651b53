'use strict';
// A tiny static file server for a built site, on 127.0.0.1 only.
// Serves `<dir>/<path>`, `<dir>/<path>/index.html` for folders (redirecting
// `/a` to `/a/` like common web hosts do) and `<dir>/404.html` with status 404
// for anything missing. When the site has a `.htaccess` (prongsai writes one),
// its headers (Content-Security-Policy, caching…) are sent as Apache would send
// them (lib/htaccess.js). No dependencies.

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const htaccess = require('./htaccess');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
};

function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Start serving `root` (`applyHtaccess: false` sends no .htaccess headers). Resolves to { url, port, close(), requests } where
 * `requests` records every request as { method, url, status }.
 */
function serve(root, { applyHtaccess = true } = {}) {
  const base = path.resolve(root);
  const requests = [];
  const rulesFile = path.join(base, '.htaccess');
  const rules = applyHtaccess && isFile(rulesFile) ? htaccess.load(rulesFile) : null;
  const server = http.createServer((req, res) => {
    let status = 200;
    const send = (code, headers, body, file) => {
      status = code;
      if (rules) {
        for (const [k, v] of rules.headers(path.basename(file || 'index.html'))) headers[k] = v;
      }
      res.writeHead(code, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      requests.push({ method: req.method, url: req.url, status });
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, { 'content-type': 'text/plain' }, 'method not allowed');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, { 'content-type': 'text/plain' }, 'bad request');
    }
    const full = path.join(base, pathname);
    if (full !== base && !full.startsWith(base + path.sep)) {
      return send(403, { 'content-type': 'text/plain' }, 'forbidden');
    }
    let file = null;
    if (isFile(full)) {
      file = full;
    } else if (isDir(full)) {
      if (!pathname.endsWith('/')) {
        const u = new URL(req.url, 'http://127.0.0.1');
        return send(301, { location: u.pathname + '/' + u.search }, '');
      }
      if (isFile(path.join(full, 'index.html'))) file = path.join(full, 'index.html');
    }
    if (!file) {
      const notFound = path.join(base, (rules && rules.notFound) || '404.html');
      if (isFile(notFound)) {
        return send(404, { 'content-type': TYPES['.html'] }, fs.readFileSync(notFound));
      }
      return send(404, { 'content-type': 'text/plain; charset=utf-8' }, 'not found (and no 404.html)');
    }
    send(200, { 'content-type': contentType(file), 'cache-control': 'no-store' }, fs.readFileSync(file), file);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}

module.exports = { serve, contentType, TYPES };
