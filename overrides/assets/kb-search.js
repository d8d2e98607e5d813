// Faceted search with Pagefind. The form's state lives in the address (?q=…&region=FI-18&theme=…),
// so a result can be shared as a link. Within one filter any value matches; filters combine with AND.
const root = new URL(document.querySelector('meta[name="kb-root"]').content, location.href);
const form = document.querySelector("form.kb-search");
const out = document.getElementById("kb-results");
// The filter keys come from the page (one fieldset per filter, generated from vocabularies/facets.yml).
const KEYS = Array.from(form.querySelectorAll("fieldset[data-filter]"), (f) => f.dataset.filter);
const share = document.querySelector(".kb-share");
share.hidden = true;
const pagefindReady = import(new URL("pagefind/pagefind.js", root).href).then(async (pf) => {
  await pf.options({ baseUrl: root.pathname });
  await pf.init();
  await pf.filters();   // load every filter's data first, or the first search counts only its own
  return pf;
});

function readAddress() {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  form.querySelectorAll('input[type="checkbox"]').forEach((box) => {
    box.checked = params.getAll(box.name).includes(box.value);
  });
  // Active filters unfold the panel on wide screens; on phones it stays folded so results show at once.
  const wide = window.matchMedia("(min-width: 60em)").matches;
  if (wide && form.querySelector('input[type="checkbox"]:checked')) form.querySelector("details.kb-filters").open = true;
}

const summary = form.querySelector("details.kb-filters > summary");
const summaryText = summary.textContent;

function currentParams() {
  const params = new URLSearchParams();
  const q = form.elements.q.value.trim();
  if (q) params.set("q", q);
  form.querySelectorAll('input[type="checkbox"]:checked').forEach((box) => params.append(box.name, box.value));
  const active = form.querySelectorAll('input[type="checkbox"]:checked').length;
  summary.textContent = active ? `${summaryText} (${active})` : summaryText;   // how many filters are on
  return params;
}

function show(results, total) {
  out.replaceChildren();
  const count = document.createElement("p");
  count.className = "kb-result-count";
  count.textContent = total ? out.dataset.results.replace("{n}", total) : out.dataset.none;
  out.appendChild(count);
  const list = document.createElement("ol");
  list.className = "kb-result-list";
  for (const r of results) {
    const item = document.createElement("li");
    const a = document.createElement("a");
    a.href = r.url;
    a.textContent = (r.meta && r.meta.title) || r.url;
    if (r.meta && r.meta.kind) {
      const kind = document.createElement("span");
      kind.className = "kb-kind";
      kind.textContent = r.meta.kind;
      item.appendChild(kind);
    }
    const excerpt = document.createElement("p");
    excerpt.innerHTML = r.excerpt; // Pagefind escapes page text; it only adds <mark>
    item.append(a, excerpt);
    list.appendChild(item);
  }
  out.appendChild(list);
  share.hidden = !total;
}

// How many results each filter value would give within the current search; values with none are dimmed.
function showCounts(counts) {
  form.querySelectorAll('input[type="checkbox"]').forEach((box) => {
    const n = (counts && counts[box.name] && counts[box.name][box.value]) || 0;
    const label = box.closest("label");
    label.querySelector("[data-filter-count]").textContent = `(${n})`;
    label.classList.toggle("kb-empty", n === 0 && !box.checked);
  });
}

let generation = 0;
async function run() {
  const mine = ++generation;   // a later call makes this one's results stale
  const params = currentParams();
  history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
  // Filter values are the same in every language, so the language links can carry the search along.
  document.querySelectorAll("a.kb-lang-link").forEach((a) => {
    a.search = params.toString();
  });
  const filters = {};
  for (const key of KEYS) {
    const values = params.getAll(key);
    if (values.length) filters[key] = { any: values };
  }
  const q = params.get("q");
  if (!q && !Object.keys(filters).length) {
    out.replaceChildren();
    share.hidden = true;
    const counts = await (await pagefindReady).filters();   // counts over everything
    if (mine === generation) showCounts(counts);
    return;
  }
  const pagefind = await pagefindReady;
  const search = await pagefind.search(q || null, { filters });
  if (!search || mine !== generation) return; // a newer search started meanwhile
  showCounts(search.filters);
  const data = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
  if (mine === generation) show(data, search.results.length);
}

let timer;
form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
form.addEventListener("change", run);
form.elements.q.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
readAddress();
run();
