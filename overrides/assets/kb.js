// Sortable tables: a heading of a table inside .kb-sortable becomes a button that sorts by its column.
(function () {
  function cellValue(row, i) {
    const keyed = row.cells[i] && row.cells[i].querySelector("[data-sort]");   // e.g. stages in lifecycle order
    const text = keyed ? keyed.dataset.sort : row.cells[i] ? row.cells[i].textContent.trim() : "";
    const n = Number(text);
    return text !== "" && !Number.isNaN(n) ? n : text;
  }
  function sortBy(table, i, th) {
    const body = table.tBodies[0];
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    const lang = document.documentElement.lang;
    const rows = Array.from(body.rows).sort(function (a, b) {
      const x = cellValue(a, i), y = cellValue(b, i);
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), lang);
      return ascending ? c : -c;
    });
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll(".kb-sortable table").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, i) {
      if (!th.textContent.trim()) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, i, th); });
    });
  });
})();

// Language links go where their address says: the same page in the other language, on the search page
// with the search carried along. Material's own handler for links to an alternate language would look
// the page up in that language's sitemap and drop the query and filters.
document.querySelectorAll("a.kb-lang-link").forEach(function (a) {
  a.addEventListener("click", function (e) { e.stopPropagation(); });
});
