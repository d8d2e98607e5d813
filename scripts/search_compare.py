#!/usr/bin/env python3
"""Compare search analysers on the query set (tests/search_queries.yml) in headless Chromium, on this
repository's real content: recall, precision, index size and index time for each configuration, written
into docs/search.md between its comparison markers.

The site is built once; for each configuration only the search index is rebuilt (kb/search_index.py),
served under a sub-path as on GitHub Pages, and every query typed into the search page as a reader would.

Usage: search_compare.py [--report docs/search.md]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import yaml

from kb import LANGS, search_index

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
BEGIN, END = "<!-- comparison: scripts/search_compare.py -->", "<!-- end of comparison -->"

# Each configuration: the analysers of each language (vocabularies/languages.yml has the chosen one).
CONFIGURATIONS = {
    "Pagefind's stemming only": {"fi": [], "sv": [], "en": []},
    "simplemma": {"fi": ["simplemma"], "sv": ["simplemma"], "en": ["simplemma"]},
    "Voikko (fi); simplemma (sv, en)": {"fi": ["voikko"], "sv": ["simplemma"], "en": ["simplemma"]},
    "Voikko + simplemma (fi); simplemma (sv, en)": {"fi": ["voikko", "simplemma"], "sv": ["simplemma"], "en": ["simplemma"]},
}


def done(pg, params: str | None = None) -> list[str]:
    """Wait until the search for the address (or `params`) is on the page; the case slugs found, in order."""
    want = params if params is not None else urlsplit(pg.url).query
    pg.wait_for_function("want => document.getElementById('kb-results').dataset.done === want", arg=want, timeout=15000)
    return [m.group(1) for a in pg.query_selector_all("#kb-results .kb-result-list a")
            if (m := re.search(r"/cases/([^/]+)/$", urlsplit(a.get_attribute("href")).path))]


def search(pg, query: str) -> set[str]:
    """Type a query as a reader would and press Enter; every case found, on every page of results."""
    pg.fill("#kb-q", query)
    pg.press("#kb-q", "Enter")
    done(pg, urlencode({"q": query}))
    show_all(pg)
    return set(done(pg, urlencode({"q": query})))


def show_all(pg) -> None:
    """Press "show more" until every result is on the page."""
    while pg.query_selector(".kb-more"):
        before = len(pg.query_selector_all("#kb-results .kb-result-list li"))
        pg.click(".kb-more")
        pg.wait_for_function("n => document.querySelectorAll('#kb-results .kb-result-list li').length > n", arg=before)


def score(pg, address: str, lang: str, queries: list[dict]) -> dict:
    """Recall and precision of the query set in one language, with the queries that missed or overreached."""
    pg.goto(f"{address}{lang}/search/")
    expected = hits = found_all = 0
    missed, extra = [], []
    for q in queries:
        found, expect = search(pg, q["query"]), set(q["expect"])
        expected, hits, found_all = expected + len(expect), hits + len(found & expect), found_all + len(found)
        if expect - found:
            missed.append((q["query"], sorted(expect - found)))
        if found - expect - set(q.get("also", [])):
            extra.append((q["query"], sorted(found - expect)))
    return {"recall": hits / expected, "precision": hits / found_all if found_all else 1.0, "missed": missed, "extra": extra}


def index_kb(site: Path, lang: str) -> float:
    files = [*(p for p in search_index.bundle(site, lang).rglob("*") if ".pf_" in p.name or p.name == "pagefind-entry.json"),
             *(site / search_index.FORMS_FOLDER / lang).glob("*.json")]
    return sum(p.stat().st_size for p in files) / 1e3


def main(argv=None) -> int:
    from playwright.sync_api import sync_playwright
    sys.path.insert(0, str(ROOT / "tests"))
    from serving import free_port, serve, site_url   # serving the site as it is deployed, as the tests do
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", type=Path, default=ROOT / "docs" / "search.md")
    args = parser.parse_args(argv)
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    port = free_port()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        env = {"KB_SITE_URL": site_url(port)}
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--out", str(site)], check=True,
                       env={**os.environ, **env}, stdout=subprocess.DEVNULL)
        with serve(site, port) as address, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, config in CONFIGURATIONS.items():
                for lang in LANGS:
                    shutil.rmtree(search_index.bundle(site, lang))
                shutil.rmtree(site / search_index.FORMS_FOLDER, ignore_errors=True)
                started = time.perf_counter()
                search_index.build(site, config)
                seconds = time.perf_counter() - started
                pg = browser.new_page()
                for lang in LANGS:
                    result = score(pg, address, lang, queries[lang])
                    rows.append((name, lang, "+".join(config[lang]) or "none", len(queries[lang]), result, index_kb(site, lang), seconds))
                    print(f"{name} {lang}: recall {result['recall']:.1%} precision {result['precision']:.1%} "
                          f"missed {result['missed']} extra {result['extra']}", flush=True)
                pg.close()
            browser.close()
    write(args.report, rows)
    return 0


def write(path: Path, rows) -> None:
    lines = [BEGIN, "", "| Configuration | Language | Analysers | Queries | Recall | Precision | Queries with a wrong case | Index (KB) | Index time, all languages (s) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name, lang, analysers, n, r, kb, seconds in rows:
        lines.append(f"| {name} | {lang} | {analysers} | {n} | {r['recall']:.1%} | {r['precision']:.1%} | {len(r['extra'])} | {kb:,.0f} | {seconds:.1f} |")
    lines += ["", END]
    text = path.read_text(encoding="utf-8")
    start, stop = text.index(BEGIN), text.index(END) + len(END)
    path.write_text(text[:start] + "\n".join(lines) + text[stop:], encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
