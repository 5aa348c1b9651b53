// prongsai search reader (index format 3): loads only the shards of a query's terms and the
// chunks of its hits. Kept in step with crates/search/src: runs() with words.rs, the search,
// ranking and suggestion with reader.rs, fnv1a32() with prongsai_text.
(function () {
  "use strict";
  var ALNUM = /[\p{Alphabetic}\p{N}]/u;
  function digit(c) {
    var cp = c.codePointAt(0);
    return cp >= 48 && cp <= 57 ? c : cp >= 0xe50 && cp <= 0xe59 ? String.fromCharCode(cp - 0xe50 + 48) : "";
  }
  function isThai(c) {
    var cp = c.codePointAt(0);
    return (cp >= 0xe01 && cp <= 0xe3a) || (cp >= 0xe40 && cp <= 0xe4e);
  }
  // Runs of one class, [text, class]: "t" Thai letters, "d" digits (Thai digits as Arabic; a
  // "," or "-" between two digits joins them), "o" other letters and digits, lower-cased.
  function runs(text) {
    var out = [], buf = "", cls = "", chars = Array.from(text);
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i], d = digit(c), k = d ? "d" : isThai(c) ? "t" : ALNUM.test(c) ? "o" : "";
      if (!k && (c === "," || c === "-") && cls === "d" && i + 1 < chars.length && digit(chars[i + 1])) continue;
      if (k !== cls || !k) {
        if (cls) out.push([buf, cls]);
        buf = "";
        cls = k;
      }
      if (k) buf += d || (k === "t" ? c : c.toLowerCase());
    }
    if (cls) out.push([buf, cls]);
    return out;
  }
  // A number or a single character matches only a whole word.
  function terms(q) {
    return runs(q).map(function (r) {
      return { t: r[0], exact: r[1] === "d" || Array.from(r[0]).length === 1, thai: r[1] === "t" };
    });
  }
  function fnv1a32(str) {
    var bytes = new TextEncoder().encode(str), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h >>> 0;
  }
  function key(w) {
    return Array.from(w).slice(0, 2).join("");
  }
  function union(a, b) {
    return a.concat(b).sort(function (x, y) { return x - y; }).filter(function (x, i, s) { return !i || s[i - 1] !== x; });
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
  // Postings (postings.rs): base-64 digits, 5 bits each, lowest first, bit 6 = more digits
  // follow; per id 2·(gap−1), +1 when a run of (next number)+1 ids starts there.
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
  // Chunks store Thai (U+0E00…U+0E7F) shifted to U+0700…U+077F and the word mark U+200B as "~";
  // DEL escapes a character that was in that block, a "~" or DEL (pack.rs).
  function unpack(s) {
    return s.replace(/\x7f[\s\S]|[\u0700-\u077f~]/g, function (m) {
      return m.length === 2 ? m[1] : m === "~" ? "\u200b" : String.fromCharCode(m.charCodeAt(0) + 0x700);
    });
  }
  // The documents of the words of a shard equal to t (exact) or starting with it:
  // { ids, keys } or null.
  function lookup(shard, t, exact) {
    var found = null;
    for (var w in shard) {
      if (exact ? w !== t : !w.startsWith(t)) continue;
      var v = shard[w], str = typeof v === "string";
      found = found || { ids: [], keys: [] };
      found.ids = union(found.ids, decodePostings(str ? v : v[0]));
      found.keys = union(found.keys, str ? [] : decodePostings(v[1]));
    }
    return found;
  }
  // A term's documents: as a word or a word's start, or else (Thai typed without spaces) as
  // indexed words one after another, the longest first word first.
  function findTerm(shard, t, exact, thai, memo) {
    if (t in memo) return memo[t];
    var found = lookup(shard(t), t, exact);
    if (!found && thai) {
      var cs = Array.from(t);
      for (var i = cs.length - 1; i > 0 && !found; i--) {
        var headText = cs.slice(0, i).join(""), rest = cs.slice(i).join("");
        var head = lookup(shard(headText), headText, true);
        var tail = head && findTerm(shard, rest, cs.length - i === 1, true, memo);
        var ids = tail ? intersect(head.ids, tail.ids) : [];
        if (ids.length) found = { ids: ids, keys: [] };
      }
    }
    return (memo[t] = found);
  }
  // A marked text's runs joined, with where each run starts and ends.
  function spans(text) {
    var s = "", starts = [], ends = [];
    runs(text).forEach(function (r) {
      starts.push(s.length);
      s += r[0];
      ends.push(s.length);
    });
    return [s, starts, ends];
  }
  function holds(sp, t) {
    return sp[1].some(function (p) {
      return sp[0].startsWith(t.t, p) && (!t.exact || sp[2].indexOf(p + t.t.length) >= 0);
    });
  }
  // Tier 2: the title holds every term (the more of it they cover, the better); 1: title, meta
  // and keys together do; 0: the rest.
  function rank(ts, lists, doc) {
    var title = spans(doc.marked), meta = spans(doc.metaMarked), inTitle = true, inAny = true, covered = 0;
    ts.forEach(function (t, i) {
      var hit = holds(title, t);
      inTitle = inTitle && hit;
      inAny = inAny && (hit || holds(meta, t) || lists[i].keys.indexOf(doc.id) >= 0);
      covered += t.t.length;
    });
    doc.tier = inTitle ? 2 : inAny ? 1 : 0;
    doc.covered = inTitle ? covered : 0;
    doc.len = inTitle ? Math.max(1, title[0].length) : 1;
  }
  // Edits (insert, delete, replace, swap two neighbours) between two strings.
  function distance(a, b) {
    var d = [];
    for (var i = 0; i <= a.length; i++) {
      d[i] = [i];
      for (var j = 1; j <= b.length; j++) {
        d[i][j] = i ? Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] !== b[j - 1])) : j;
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }
  // Each term without a match replaced by the nearest word, or start of a word, of its shard.
  function suggest(shard, ts, lists) {
    var out = [];
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i].t, n = Array.from(t).length, max = n >= 5 ? 2 : 1, best = null, s = shard(t);
      if (lists[i]) { out.push(t); continue; }
      // Numbers are spread over their shards by the whole number: none is "near".
      if (/^[0-9]+$/.test(t)) return null;
      for (var w in s) {
        var count = decodePostings(typeof s[w] === "string" ? s[w] : s[w][0]).length;
        [w, Array.from(w).slice(0, n).join("")].forEach(function (c) {
          var dist = distance(t, c);
          if (!dist || dist > max) return;
          if (!best || dist < best[0] || (dist === best[0] && (count > best[1] || (count === best[1] && c < best[2])))) best = [dist, count, c];
        });
      }
      if (!best) return null;
      out.push(best[2]);
    }
    return out.join(" ");
  }
  // The documents every term of q matches, best first, from the first maxChunks chunks of
  // them: { hits, total, suggestion }. load(path) resolves to a parsed JSON file of the index.
  function find(load, q, maxChunks) {
    var ts = terms(q), none = { hits: [], total: 0, suggestion: null };
    if (!ts.some(function (t) { return Array.from(t.t).length > 1; })) return Promise.resolve(none);
    return load("search/meta.json").then(function (meta) {
      var shards = {};
      // Numbers (matched whole) live in n-<i>.json by the whole number, other words in
      // s-<i>.json by their first two chars (words.rs: shard).
      function index(w) {
        return /^[0-9]+$/.test(w) ? "n-" + fnv1a32(w) % meta.numbers : "s-" + fnv1a32(key(w)) % meta.shards;
      }
      function shard(w) { return shards[index(w)] || {}; }
      function need(words) {
        return Promise.all(words.map(function (w) {
          var i = index(w);
          return shards[i] || load("search/" + i + ".json").then(function (s) { shards[i] = s; });
        }));
      }
      return need(ts.map(function (t) { return t.t; })).then(function () {
        // Thai typed without spaces: the shards of every word it may be made of.
        var more = [];
        ts.forEach(function (t) {
          if (!t.thai || lookup(shard(t.t), t.t, t.exact)) return;
          var cs = Array.from(t.t);
          cs.forEach(function (c, i) { more.push(c, cs.slice(i).join("")); });
        });
        return need(more);
      }).then(function () {
        var memo = {}, lists = ts.map(function (t) { return findTerm(shard, t.t, t.exact, t.thai, memo); });
        if (lists.some(function (l) { return !l; })) {
          none.suggestion = suggest(shard, ts, lists);
          return none;
        }
        var ids = lists.map(function (l) { return l.ids; }).reduce(intersect), chunks = [];
        ids.forEach(function (id) {
          var k = Math.floor(id / meta.chunk);
          if (chunks.indexOf(k) < 0 && chunks.length < maxChunks) chunks.push(k);
        });
        return Promise.all(chunks.map(function (k) { return load("search/d-" + k + ".json"); })).then(function (rows) {
          var hits = [];
          ids.forEach(function (id) {
            var c = chunks.indexOf(Math.floor(id / meta.chunk)), row = c >= 0 && rows[c][id % meta.chunk];
            if (!row) return;
            var doc = {
              id: id, marked: unpack(row[0]), url: meta.folders[row[1]] + unpack(row[2]),
              kind: meta.kinds[row[3]], metaMarked: unpack(row[4])
            };
            doc.title = doc.marked.replace(/\u200b/g, "");
            doc.meta = doc.metaMarked.replace(/\u200b/g, "");
            rank(ts, lists, doc);
            hits.push(doc);
          });
          hits.sort(function (a, b) {
            return b.tier - a.tier || b.covered * a.len - a.covered * b.len || a.id - b.id;
          });
          return { hits: hits, total: ids.length, suggestion: null };
        });
      });
    });
  }
  // Node (the Rust tests) reads these; a browser has no `module`.
  if (typeof module === "object" && module.exports) {
    module.exports = { runs: runs, decodePostings: decodePostings, find: find };
  }
  if (typeof document === "undefined") return;
  // For measuring (tests/browser/search.test.js, bench/pagefind): the same search, all hits.
  window.prongsaiSearch = { find: find };

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
    out.textContent = "";
    if (!terms(q).some(function (t) { return Array.from(t.t).length > 1; })) {
      status.textContent = q ? "พิมพ์อย่างน้อย 2 ตัวอักษร (type at least 2 characters)" : "";
      return;
    }
    status.textContent = "กำลังค้นหา… (searching)";
    find(fetchJson, q, 40).then(function (found) {
      if (my === seq) render(found, q);
    }).catch(function (err) {
      if (my === seq) status.textContent = "ค้นหาไม่สำเร็จ (search failed): " + err.message;
    });
  }
  function render(found, q) {
    var hits = found.hits, shown = hits.slice(0, LIMIT), total = found.total;
    status.textContent = total
      ? "พบ " + total.toLocaleString("th-TH") + " รายการ" + (total > shown.length ? " (แสดง " + shown.length + " รายการแรก)" : "") + " สำหรับ “" + q + "”"
      : "ไม่พบผลลัพธ์สำหรับ “" + q + "” (no results)";
    if (found.suggestion) {
      var a = document.createElement("a");
      a.href = "?q=" + encodeURIComponent(found.suggestion);
      a.textContent = found.suggestion;
      a.addEventListener("click", function (e) {
        e.preventDefault();
        input.value = found.suggestion;
        form.requestSubmit();
      });
      status.append(" คุณหมายถึง ", a, "?");
    }
    var frag = document.createDocumentFragment();
    shown.forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + row.url.replace(/^\//, "");
      a.textContent = row.title;
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = row.kind;
      li.append(badge, " ", a);
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
