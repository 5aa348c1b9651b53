// Progressive enhancement for tables: sortable columns (table[data-sortable]) and a row filter
// (table[data-filter]). Without JavaScript every table is complete and readable as served.
(function () {
  "use strict";
  // A cell's key: its data-sort attribute (the number or date behind what is shown) or its text.
  // An empty cell or a lone dash means "nothing here": { blank } goes last in either direction.
  function cellValue(cell) {
    var text = cell.textContent.trim();
    if (text === "" || text === "-" || text === "\u2013") return { blank: true };
    var v = cell.getAttribute("data-sort");
    if (v === null) v = text;
    var n = v.replace(/[,\s]|บาท/g, "").replace(/[๐-๙]/g, function (d) { return String(d.charCodeAt(0) - 0x0e50); });
    return /^-?\d+(\.\d+)?$/.test(n) ? { num: parseFloat(n) } : { text: v };
  }
  // Thai order, with the digits inside a text compared as numbers ("2 รายการ" before "11 รายการ").
  var collator = new Intl.Collator("th", { numeric: true });
  // Numbers before texts, so the order is the same whichever rows a column holds.
  function compare(a, b) {
    if (a.num !== undefined) return b.num !== undefined ? a.num - b.num : -1;
    if (b.num !== undefined) return 1;
    return collator.compare(a.text, b.text);
  }
  function makeSortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var rows = Array.prototype.slice.call(body.rows);
        var keyed = rows.map(function (row, i) { return { row: row, i: i, v: cellValue(row.cells[col] || row.cells[0]) }; });
        var sign = dir === "ascending" ? 1 : -1;
        keyed.sort(function (a, b) {
          if (a.v.blank || b.v.blank) return (a.v.blank ? 1 : 0) - (b.v.blank ? 1 : 0) || a.i - b.i;
          return sign * compare(a.v, b.v) || a.i - b.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      });
    });
  }
  var counter = 0;
  function makeFilter(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var id = "table-filter-" + (++counter);
    var wrap = document.createElement("div");
    wrap.className = "table-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "กรองตาราง (filter)";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    var status = document.createElement("span");
    status.className = "meta";
    status.setAttribute("role", "status");
    wrap.appendChild(label);
    wrap.appendChild(input);
    wrap.appendChild(status);
    var box = table.closest(".table-wrap") || table;
    box.parentNode.insertBefore(wrap, box);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase().replace(/\s+/g, "");
      var shown = 0, total = body.rows.length;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = !q || row.textContent.toLowerCase().replace(/\s+/g, "").indexOf(q) >= 0;
        row.hidden = !match;
        if (match) shown++;
      });
      status.textContent = q ? "แสดง " + shown + " จาก " + total + " แถว" : "";
    });
  }
  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  document.querySelectorAll("table[data-filter]").forEach(makeFilter);
})();
