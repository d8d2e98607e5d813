#!/usr/bin/env python3
"""Search figures for the benchmark (scripts/bench.py runs this on its 1,000-case site), measured in
headless Chromium on the built site:

  first download   what a reader's browser fetches for the first search on the Finnish search page
                   (Pagefind's script, WebAssembly, metadata, filters, index chunks, the form → key map
                   files and the excerpts of the first results), gzip-compressed as a host like GitHub
                   Pages serves it (Pagefind's own files are already compressed)
  two-word query   from pressing Enter to the results and every filter's count on the page, once the
                   index is loaded; the median of several queries
  morphology       what the analysers add to the search index's build time: the index built with the
                   analysers of vocabularies/languages.yml against the same site indexed without any

Usage: bench_search.py SITE BUILD_SECONDS
"""
from __future__ import annotations

import gzip
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from kb import LANGS, search_index

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["asunnottomuus nuoret", "kokeilun tulokset", "nuorten työllisyys", "perustulo kokeilu", "kaupungin asukkaat",
           "terveyden edistäminen", "lasten perheet"]
TIMED = """async (q) => {
  const out = document.getElementById('kb-results'), input = document.getElementById('kb-q');
  const want = new URLSearchParams({q}).toString();
  const t = performance.now();
  input.value = q;
  input.form.requestSubmit();
  await new Promise((resolve) => {
    const check = () => out.dataset.done === want ? resolve() : setTimeout(check, 1);
    check();
  });
  return performance.now() - t;
}"""


def _compressed(path: Path) -> int:
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 9))


def browser_figures(site: Path) -> dict:
    from playwright.sync_api import sync_playwright
    sys.path.insert(0, str(ROOT / "tests"))
    from serving import free_port, serve
    from scripts.search_compare import CHROMIUM, CHROMIUM_ARGS

    with serve(site, free_port(), "/") as address, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page()
        pg.goto(f"{address}fi/search/")
        pg.wait_for_function("() => document.querySelector('[data-filter-count]').textContent !== ''")
        fetched: list[str] = []
        pg.on("request", lambda r: fetched.append(urlsplit(r.url).path))
        pg.goto(f"{address}fi/search/?q={QUERIES[0]}")                  # a reader's first search: nothing cached
        pg.wait_for_function("() => document.getElementById('kb-results').dataset.done")
        files = {site / path.lstrip("/") for path in fetched if path.startswith(("/pagefind/", f"/{search_index.FORMS_FOLDER}/"))}
        first = sum(_compressed(f) for f in files if f.is_file()) / 1e3
        times = [pg.evaluate(TIMED, q) for q in QUERIES[1:]]
        browser.close()
    return {"first_search_kb": first, "query_ms": statistics.median(times), "query_ms_max": max(times)}


def morphology_seconds(site: Path) -> tuple[float, float]:
    """(index build time with the configured analysers, without any), on copies of the built site."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for names in (None, {lang: [] for lang in LANGS}):
            copy = Path(tmp) / "site"
            shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind", search_index.FORMS_FOLDER))
            started = time.perf_counter()
            with ThreadPoolExecutor(1) as pool:    # a thread of its own: a caller may run an event loop
                pool.submit(search_index.build, copy, names).result()
            times.append(time.perf_counter() - started)
            shutil.rmtree(copy)
    return times[0], times[1]


def measure(site: Path, build_seconds: float) -> dict:
    with_analysers, without = morphology_seconds(site)
    return {**browser_figures(site), "index_s": with_analysers, "index_plain_s": without,
            "morphology_share": (with_analysers - without) / build_seconds}


if __name__ == "__main__":
    figures = measure(Path(sys.argv[1]), float(sys.argv[2]))
    print(figures)
