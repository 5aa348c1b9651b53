// prongsai search reader: loads only the index shards a query needs. Kept in step with
// normalise() and fnv1a32() in crates/search/src/lib.rs.
(function () {
  "use strict";
  var script = document.currentScript;
  // The reader may be served under a content-hashed name (search/search.<hash>.js).
  var root = script ? script.src.replace(/search\/search(\.[0-9a-f]+)?\.js(\?.*)?$/, "") : "/";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var out = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !out || !status) return;

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
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }
  function undelta(d) {
    var acc = 0;
    return d.map(function (x) { return (acc += x); });
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
    fetchJson("search/meta.json").then(function (meta) {
      var grams = bigrams(norm);
      return Promise.all(grams.map(function (g) {
        return fetchJson("search/s-" + (fnv1a32(g) % meta.shards) + ".json").then(function (shard) {
          return undelta(shard[g] || []);
        });
      })).then(function (lists) {
        lists.sort(function (a, b) { return a.length - b.length; });
        var ids = lists.reduce(intersect);
        var chunks = {};
        ids.forEach(function (id) { chunks[Math.floor(id / meta.chunk)] = true; });
        var keys = Object.keys(chunks).slice(0, 40);
        return Promise.all(keys.map(function (k) { return fetchJson("search/d-" + k + ".json"); })).then(function (docs) {
          var byChunk = {};
          keys.forEach(function (k, i) { byChunk[k] = docs[i]; });
          var hits = [];
          ids.forEach(function (id) {
            var rows = byChunk[Math.floor(id / meta.chunk)];
            var row = rows && rows[id % meta.chunk];
            if (row && row[4].indexOf(norm) >= 0) hits.push(row);
          });
          // Title matches first; otherwise keep the index order (pages, suppliers, newest records).
          hits.sort(function (a, b) {
            return (normalise(b[0]).indexOf(norm) >= 0) - (normalise(a[0]).indexOf(norm) >= 0);
          });
          return hits;
        });
      });
    }).then(function (hits) {
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
      a.href = root + row[1].replace(/^\//, "");
      a.textContent = row[0];
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = row[2];
      li.appendChild(badge);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      if (row[3]) {
        var meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = row[3];
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
