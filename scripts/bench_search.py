#!/usr/bin/env python3
"""Search figures for the benchmark (scripts/bench.py runs this on its 1,000-case site), measured in
headless Chromium on the built site:

  first download   what a reader's browser fetches for the first search on the Finnish search page
                   (Pagefind's script, WebAssembly, metadata, filters, index chunks, the form → key map
                   files and the excerpts of the first results), gzip-compressed as a host like GitHub
                   Pages serves it (Pagefind's own files are already compressed)
  two-word query   from pressing Enter to the results and every filter's count on the page, once the
                   index is loaded; the median of several queries
  morphology       what the analysers add to the whole build: the build with the analysers of
                   vocabularies/languages.yml against the same build by a copy of the code without any,
                   in a rebuild (the words' keys kept from the last build) and in a machine's first build
"""
from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import sys
from pathlib import Path
from urllib.parse import urlsplit

from kb import search_index

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["asunnottomuus nuoret", "kokeilun tulokset", "nuorten työllisyys", "perustulo kokeilu", "kaupungin asukkaat",
           "terveyden edistäminen", "lasten perheet", "asunto palvelut", "kuntien hoito", "koulun oppilaat",
           "järjestöt kotoutuminen", "sosiaalinen innovaatio", "kunta palvelut"]
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
        files = {site / path.lstrip("/") for path in fetched if path.startswith(("/fi/pagefind/", f"/{search_index.FORMS_FOLDER}/"))}
        first = sum(_compressed(f) for f in files if f.is_file()) / 1e3
        times = [pg.evaluate(TIMED, q) for q in QUERIES[1:]]
        browser.close()
    return {"first_search_kb": first, "query_ms": statistics.median(times), "query_ms_max": max(times)}


def plain_project(dest: Path) -> Path:
    """A copy of this project's code whose languages have no analysers (Pagefind's stemming only)."""
    for folder in ("kb", "scripts", "hooks", "overrides", "schema", "vocabularies", "content"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    languages = dest / "vocabularies" / "languages.yml"
    languages.write_text(re.sub(r"search_analysers: \[.*\]", "search_analysers: []", languages.read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def plain_build(project: Path, repo: Path, out: Path, timed) -> tuple[float, float]:
    """The whole build by the plain project's own code (PYTHONPATH puts its kb before this one's)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    return timed([sys.executable, str(project / "scripts" / "build.py"), "--root", str(repo), "--out", str(out)], env=env)


def measure(site: Path, build_seconds: float, plain_seconds: float, first_seconds: float) -> dict:
    """The browser's figures, and the analysers' share of the whole build in a rebuild (the words' keys
    from the last build, kb/keys_cache.py; pages' renderings, kb/render_cache.py, in both builds)."""
    return {**browser_figures(site), "build_s": build_seconds, "plain_build_s": plain_seconds, "first_build_s": first_seconds,
            "morphology_share": (build_seconds - plain_seconds) / build_seconds}


