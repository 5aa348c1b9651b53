// prongsai search reader: loads only the index shards a query needs. Kept in step with
// normalise() and fnv1a32() in crates/search/src/lib.rs.
(function () {
  "use strict";
  var KEEP = /[\p{Alphabetic}\p{N}\u0E00-\u0E7F]/u;
  function normalise(text) {
    var s = "";
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      if (cp >= 0x0e50 && cp <= 0x0e59) ch = String.fromCharCode(48 + cp - 0x0e50);
      if (KEEP.test(ch)) s += ch.toLowerCase();
    }
    return s;
  }
  function fnv1a32(str) {
    var bytes = new TextEncoder().encode(str);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  function bigrams(norm) {
    var chars = Array.from(norm), seen = {}, out = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      var g = chars[i] + chars[i + 1];
      if (!seen[g]) { seen[g] = true; out.push(g); }
    }
    return out;
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }
  // Postings (encode_postings in lib.rs): base-64 digits, 5 bits each, lowest first, bit 6 =
  // more digits follow; per id 2·(gap−1), +1 when a run of (next number)+1 ids starts there.
  var DIGIT = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { DIGIT[c] = i; });
  function decodePostings(s) {
    var ids = [], i = 0, prev = -1;
    function next() {
      var v = 0, scale = 1, d;
      do {
        d = DIGIT[s[i++]];
        v += (d % 32) * scale;
        scale *= 32;
      } while (d >= 32);
      return v;
    }
    while (i < s.length) {
      var x = next(), id = prev + 1 + Math.floor(x / 2), run = x % 2 ? next() : 0;
      for (var k = 0; k <= run; k++) ids.push(id + k);
      prev = id + run;
    }
    return ids;
  }
  // Chunks store Thai (U+0E00…U+0E7F) shifted to U+0700…U+077F, two UTF-8 bytes instead of
  // three; DEL escapes a character that was in that block (pack_thai in lib.rs).
  var PACKED = /\x7f[\s\S]|[\u0700-\u077f]/g;
  function unpack(s) {
    return s.replace(PACKED, function (m) {
      return m.length === 2 ? m[1] : String.fromCharCode(m.charCodeAt(0) + 0x700);
    });
  }
  // A chunk row is [title, folder, url tail, kind, meta, rest, overlap?]; the searchable text is
  // normalise(title + meta), its last `overlap` UTF-16 units again, then rest, cut to meta.max
  // characters (StoredText in lib.rs).
  function toDoc(meta, row) {
    var title = unpack(row[0]), info = unpack(row[4]);
    var head = normalise(title) + normalise(info);
    var text = head + head.slice(head.length - (row[6] || 0)) + unpack(row[5]);
    if (text.length > meta.max) text = Array.from(text).slice(0, meta.max).join("");
    return { title: title, url: meta.folders[row[1]] + unpack(row[2]), kind: meta.kinds[row[3]], meta: info, text: text };
  }
  // The documents containing the normalised query, from the first maxChunks chunks of
  // candidates; load(path) resolves to a parsed JSON file of the index.
  function find(load, q, maxChunks) {
    var norm = normalise(q);
    return load("search/meta.json").then(function (meta) {
      var grams = bigrams(norm);
      if (!grams.length) return [];
      return Promise.all(grams.map(function (g) {
        return load("search/s-" + (fnv1a32(g) % meta.shards) + ".json").then(function (shard) {
          return decodePostings(shard[g] || "");
        });
      })).then(function (lists) {
        lists.sort(function (a, b) { return a.length - b.length; });
        var ids = lists.reduce(intersect);
        var chunks = {};
        ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
        var keys = Object.keys(chunks).slice(0, maxChunks);
        return Promise.all(keys.map(function (k) { return load("search/d-" + k + ".json"); })).then(function (docs) {
          var byChunk = {};
          keys.forEach(function (k, i) { byChunk[k] = docs[i]; });
          var hits = [];
          ids.forEach(function (id) {
            var rows = byChunk[Math.floor(id / meta.chunk)];
            var row = rows && rows[id % meta.chunk];
            if (!row) return;
            var doc = toDoc(meta, row);
            doc.id = id;
            if (doc.text.indexOf(norm) >= 0) hits.push(doc);
          });
          return hits;
        });
      });
    });
  }
  // Node (the Rust tests) reads these; a browser has no `module`.
  if (typeof module === "object" && module.exports) {
    module.exports = { normalise: normalise, decodePostings: decodePostings, find: find };
  }
  if (typeof document === "undefined") return;

  var script = document.currentScript;
  // The reader may be served under a content-hashed name (search/search.<hash>.js).
  var root = script ? script.src.replace(/search\/search(\.[0-9a-f]+)?\.js(\?.*)?$/, "") : "/";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var out = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !out || !status) return;

  var cache = {};
  function fetchJson(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }
  var LIMIT = 50;
  var seq = 0;
  function run(q) {
    var my = ++seq;
    var norm = normalise(q);
    out.textContent = "";
    if (Array.from(norm).length < 2) {
      status.textContent = q ? "พิมพ์อย่างน้อย 2 ตัวอักษร (type at least 2 characters)" : "";
      return;
    }
    status.textContent = "กำลังค้นหา… (searching)";
    find(fetchJson, q, 40).then(function (hits) {
      // Title matches first; otherwise keep the index order (pages, suppliers, newest records).
      hits.sort(function (a, b) {
        return (normalise(b.title).indexOf(norm) >= 0) - (normalise(a.title).indexOf(norm) >= 0);
      });
      if (my !== seq) return;
      render(hits, q);
    }).catch(function (err) {
      if (my !== seq) return;
      status.textContent = "ค้นหาไม่สำเร็จ (search failed): " + err.message;
    });
  }
  function render(hits, q) {
    var shown = hits.slice(0, LIMIT);
    status.textContent = hits.length
      ? "พบ " + hits.length.toLocaleString("th-TH") + " รายการ" + (hits.length > LIMIT ? " (แสดง " + LIMIT + " รายการแรก)" : "") + " สำหรับ “" + q + "”"
      : "ไม่พบผลลัพธ์สำหรับ “" + q + "” (no results)";
    var frag = document.createDocumentFragment();
    shown.forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + row.url.replace(/^\//, "");
      a.textContent = row.title;
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = row.kind;
      li.appendChild(badge);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      if (row.meta) {
        var meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = row.meta;
        li.appendChild(meta);
      }
      frag.appendChild(li);
    });
    out.appendChild(frag);
  }
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value.trim()); }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(q));
    run(q);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial.trim()); }
})();
