// Faceted search with Pagefind. The form's state lives in the address (?q=…&region=FI-18&theme=…), so a
// search can be shared as a link, and each filter change is a history entry (Back undoes it). Within a
// filter any ticked value matches (OR); filters combine with AND. The number beside each value is the
// number of results that ticking (or unticking) it gives.
const root = new URL(document.querySelector('meta[name="kb-root"]').content, location.href);
const form = document.querySelector("form.kb-search");
const out = document.getElementById("kb-results");
const panel = form.querySelector("details.kb-filters");
const showButton = form.querySelector(".kb-show-results");
const share = document.querySelector(".kb-share");
// The filter keys come from the page (one fieldset per filter, generated from vocabularies/facets.yml).
const KEYS = Array.from(form.querySelectorAll("fieldset[data-filter]"), (f) => f.dataset.filter);
const PAGE = 6;            // results shown at once, about a screenful: each costs a download of its
                           // page's excerpt data (6 KB), and ten took a fifth longer to show than six
const KEY_MARK = "qq";     // kb/search_index.py writes a word's search keys after it in the index, each
                           // with this ending, so that a key is found and not the words it starts
share.hidden = true;

// Each language has its own search index, in its folder (/fi/pagefind/); this page is /fi/search/. A large
// language's index comes in parts (kb/search_index.py: SHARD_PAGES), listed in kb-shards.json, which
// Pagefind merges: results are ranked together and filter counts added up. Each part holds a page of
// every word, which is never a result ("skip").
const bundle = new URL("../pagefind/", location.href);
// Asked again on each visit (no-cache): a list from an older build would not match its index.
const layoutReady = fetch(new URL("kb-shards.json", bundle), { cache: "no-cache" }).then((r) =>
  r.status === 404 ? { parts: [], skip: [] } : r.ok ? r.json() : Promise.reject(new Error(`kb-shards.json: ${r.status}`)));
let skipped = new Set();
const pagefindReady = import(new URL("pagefind.js", bundle).href).then(async (pf) => {
  await pf.options({ baseUrl: root.pathname });
  await pf.init();
  const layout = await layoutReady;
  for (const part of layout.parts) await pf.mergeIndex(new URL(part, bundle).pathname, { baseUrl: root.pathname });
  skipped = new Set(layout.skip);
  await pf.filters();   // load every filter's data first, or the first search counts only its own
  return pf;
});

async function find(pf, term, filters) {
  const search = await pf.search(term, { filters });
  search.results = search.results.filter((r) => !skipped.has(r.id));
  return search;
}

// ---- The reader's words → search keys (base forms), for languages with an analyser ----------------
const formsBase = out.dataset.forms ? new URL(out.dataset.forms, root) : null;
let formFiles = null;
const formChunks = new Map();

async function fetchJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function keyOf(word) {
  if (!formsBase || word.length < 2) return word;
  formFiles ??= fetchJSON(new URL("index.json", formsBase)).then((names) => new Set(names));
  const files = await formFiles;   // prefixes of two or more letters, a longer one where a file would be large
  let prefix = word;
  while (prefix.length > 2 && !files.has(prefix)) prefix = prefix.slice(0, -1);
  if (!files.has(prefix)) return word;   // no form of the site's words starts so: nothing to load
  if (!formChunks.has(prefix)) formChunks.set(prefix, fetchJSON(new URL(encodeURIComponent(prefix) + ".json", formsBase)));
  const chunk = await formChunks.get(prefix);
  const key = chunk[word] || nearest(chunk, word);
  return key ? key + KEY_MARK : word;   // a word the site does not know: Pagefind's stemming
}

// A form that no page uses and the dictionary does not list ("asunnottomuudesta"): the key of the known
// forms that begin the same way up to at most an ending's length from its end (asunnottomuuden), if
// they all agree on it.
const ENDING = 5;
function nearest(chunk, word) {
  let best = 0, keys = new Set();
  for (const [form, key] of Object.entries(chunk)) {
    let n = 0;
    while (n < form.length && n < word.length && form[n] === word[n]) n++;
    if (n > best) [best, keys] = [n, new Set([key])];
    else if (n === best) keys.add(key);
  }
  return best >= Math.max(ENDING, word.length - ENDING) && keys.size === 1 ? [...keys][0] : null;
}

async function searchTerm(q) {
  if (!q) return null;
  const words = q.toLowerCase().split(/\s+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
  const known = (word) => keyOf(word).catch(() => word);   // a map that fails to load: Pagefind's stemming
  return words.length ? (await Promise.all(words.map(known))).join(" ") : null;
}

// ---- State: the form ↔ the address -----------------------------------------------------------------
function readAddress() {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  form.querySelectorAll('input[type="checkbox"]').forEach((box) => {
    box.checked = params.getAll(box.name).includes(box.value);
  });
}

const summary = panel.querySelector("summary");
const summaryText = summary.textContent;

function currentParams() {
  const params = new URLSearchParams();
  const q = form.elements.q.value.trim();
  if (q) params.set("q", q);
  form.querySelectorAll('input[type="checkbox"]:checked').forEach((box) => params.append(box.name, box.value));
  return params;
}

function selection(params) {
  const filters = {};
  for (const key of KEYS) {
    const values = params.getAll(key);
    if (values.length) filters[key] = { any: values };
  }
  return filters;
}

function remember(params, push) {
  const address = params.toString() ? "?" + params : location.pathname;
  if (address === (location.search || location.pathname)) return;
  if (push) history.pushState(null, "", address);
  else history.replaceState(null, "", address);
}

// Filter values are the same in every language, so the language links carry the search along.
function carryToLanguages(params) {
  document.querySelectorAll("a.kb-lang-link").forEach((a) => {
    a.search = params.toString();
  });
}

// ---- Counts ------------------------------------------------------------------------------------------
async function tally(pf, term, filters) {
  if (!term && !Object.keys(filters).length) return { total: null, filters: await pf.filters() };
  const search = await find(pf, term, filters);
  return { total: search.results.length, filters: search.filters };
}

// For each group, one search without the group's own selection (as faceted search engines do for OR
// groups). Ticking value v then gives |this search ∪ (others ∧ v)| = total + |others ∧ v| − |all ∧ v|,
// and unticking a ticked value is counted with one more search.
async function counts(pf, term, filters, main) {
  const result = {};
  for (const key of KEYS) {
    const others = { ...filters };
    delete others[key];
    const chosen = filters[key] ? filters[key].any : [];
    // a filter with nothing ticked: leaving its selection out changes nothing, the main search counts it
    const without = chosen.length ? await tally(pf, term, others) : main;
    const here = (without.filters && without.filters[key]) || {};
    result[key] = {};
    for (const box of form.querySelectorAll(`input[name="${key}"]`)) {
      const n = here[box.value] || 0;   // a value no page has yet is missing from Pagefind's counts
      if (!chosen.length) result[key][box.value] = n;
      else if (!chosen.includes(box.value)) result[key][box.value] = main.total + n - ((main.filters[key] || {})[box.value] || 0);
    }
    for (const value of chosen) {
      const rest = chosen.filter((v) => v !== value);
      if (rest.length) result[key][value] = (await tally(pf, term, { ...others, [key]: { any: rest } })).total;
      else result[key][value] = without.total ?? here[value] ?? 0;   // nothing left to search: the value's own count
    }
  }
  return result;
}

function showCounts(counts) {
  form.querySelectorAll('input[type="checkbox"]').forEach((box) => {
    const n = (counts[box.name] && counts[box.name][box.value]) || 0;
    const label = box.closest("label");
    label.querySelector("[data-filter-count]").textContent = `(${n})`;
    label.classList.toggle("kb-empty", n === 0);
  });
  const active = form.querySelectorAll('input[type="checkbox"]:checked').length;
  summary.textContent = active ? `${summaryText} (${active})` : summaryText;   // how many filters are on
}

// ---- Results -----------------------------------------------------------------------------------------
// The index holds each word followed by its keys as words of their own ("asunnottomuuden
// asunnottomuusqq"); a key may carry the punctuation that followed its word ("Eurodiaconia
// eurodiaconiaqq).") or, where markup split a word, the rest of it ("euroqqdiaconia").
const LEADING_KEYS = new RegExp(`^(?:\\p{L}+(?:-\\p{L}+)*${KEY_MARK})+`, "u");

// The page's words as written, and for each word of the index the written word it stands for.
function written(content) {
  const words = [], of = [];
  for (const word of content.split(/\s+/)) {
    const keys = LEADING_KEYS.exec(word);
    const rest = keys ? word.slice(keys[0].length) : word;
    if (!keys || !words.length || /\p{L}/u.test(rest)) {
      if (rest) words.push(rest);
    } else if (!words[words.length - 1].endsWith(rest)) {
      words[words.length - 1] += rest;   // a key's punctuation belongs to its word; Pagefind ends a
    }                                    // block with "." after a key, where the word had its own
    of.push(Math.max(0, words.length - 1));
  }
  return [words, of];
}

// The page's own words around its best run of matches; Pagefind's excerpt would show the search keys.
function excerpt(data, length = 30) {
  const [words, of] = written(data.content);
  const locations = [...new Set(data.locations.map((at) => of[at]))].filter((at) => at !== undefined);
  const hits = new Set(locations);
  // without a search term, the text after the title (the summary)
  let start = locations.length ? 0 : Math.min(words.length - 1, (data.meta.title || "").split(/\s+/).length), best = -1;
  for (const at of locations) {
    const from = Math.max(0, Math.min(at - Math.floor(length / 3), words.length - length));
    let n = 0;
    for (const other of locations) if (other >= from && other < from + length) n++;
    if (n > best) [best, start] = [n, from];
  }
  const p = document.createElement("p");
  if (start > 0) p.append("… ");
  for (let i = start; i < Math.min(words.length, start + length); i++) {
    if (hits.has(i)) {
      const mark = document.createElement("mark");
      mark.textContent = words[i];
      p.append(mark);
    } else p.append(words[i]);
    p.append(" ");
  }
  if (start + length < words.length) p.append("…");
  return p;
}

function item(data) {
  const li = document.createElement("li");
  if (data.meta && data.meta.kind) {
    const kind = document.createElement("span");
    kind.className = "kb-kind";
    kind.textContent = data.meta.kind;
    li.appendChild(kind);
  }
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta && data.meta.title ? written(data.meta.title)[0].join(" ") : data.url;
  li.append(a, excerpt(data));
  return li;
}

function show(results) {
  out.replaceChildren();
  const count = document.createElement("p");
  count.className = "kb-result-count";
  count.textContent = results.length ? out.dataset.results.replace("{n}", results.length) : out.dataset.none;
  const list = document.createElement("ol");
  list.className = "kb-result-list";
  out.append(count, list);
  let shown = 0;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button kb-more";
  more.textContent = out.dataset.more;
  async function next() {
    more.remove();
    const page = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    page.forEach((data) => list.appendChild(item(data)));
    shown += page.length;
    if (shown < results.length) out.appendChild(more);
  }
  more.addEventListener("click", next);
  share.hidden = !results.length;
  showButton.textContent = showButton.dataset.label.replace("{n}", results.length);
  return next();
}

// ---- Running a search --------------------------------------------------------------------------------
let generation = 0;
async function run({ push = false } = {}) {
  const mine = ++generation;   // a later call makes this one's results stale
  const params = currentParams();
  remember(params, push);
  carryToLanguages(params);
  const filters = selection(params);
  const pf = await pagefindReady;
  const term = await searchTerm(params.get("q"));
  if (!term && !Object.keys(filters).length) {
    const all = await pf.filters();   // counts over everything
    if (mine !== generation) return;
    out.replaceChildren();
    share.hidden = true;
    showCounts(all);
    showButton.textContent = showButton.dataset.label.replace(" ({n})", "").replace("{n}", "");
    out.dataset.done = "";
    return;
  }
  const search = await find(pf, term, filters);
  if (!search || mine !== generation) return;   // a newer search started meanwhile
  const main = { total: search.results.length, filters: search.filters };
  const found = await counts(pf, term, filters, main);
  if (mine !== generation) return;
  showCounts(found);
  await show(search.results);
  if (mine === generation) out.dataset.done = params.toString();   // for tests: this search is on the page
}

// Wide screens show the filters beside the results; on phones they fold away, and the sticky button at
// the panel's foot closes it again and goes to the results.
const wide = window.matchMedia("(min-width: 60em)");
function fitPanel() {
  panel.open = wide.matches;
}
wide.addEventListener("change", fitPanel);
showButton.addEventListener("click", () => {
  panel.open = false;
  out.scrollIntoView({ block: "start" });
  out.focus({ preventScroll: true });
});
out.tabIndex = -1;

let timer;
form.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(timer);
  run({ push: true });
});
form.addEventListener("change", (e) => {
  if (e.target.type === "checkbox") run({ push: true });
});
form.elements.q.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(), 300);
});
window.addEventListener("popstate", () => {
  readAddress();
  run();
});
readAddress();
fitPanel();
run();
