#!/usr/bin/env python3
"""Benchmark, side by side in one run, on synthetic repositories made from the real cases (real-sized
front matter, bodies and links, in all three languages):

  ours      scripts/build.py: validation, three language builds, Pagefind
  floor     the engine's floor: the same case pages as plain Markdown built by plain MkDocs + Material
            (three processes, no hooks, navigation with only the home page), plus Pagefind
  common    the common setup: the floor's pages with every case in the navigation and Material's search
  no analysers, first build   (at 1,000 cases) ours without search analysers, and ours with nothing kept
            from an earlier build (words' keys, files' validation results, pages' renderings): what the
            analysers and the kept results add

Each build runs at least twice (three times at the search size) and the fastest is reported, with the
peak memory of its largest process, the output size, the mean case page size and the first search
download. Also timed:
`make validate` (scripts/validate.py: a first run, nothing changed, one file changed) and the live
preview's edit-to-page time (scripts/serve.py).

Usage: bench.py [--sizes 250 1000 4000] [--common 250 1000] [--search 1000] [--runs 2] [--report BENCHMARK.md]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kb import LANGS, export, repository, search_index, simplemma_db, vocab
from scripts import bench_search

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def synthetic_repo(n: int, dest: Path) -> None:
    """This repository's cases, guidelines and site pages, plus clones of the real cases up to n cases:
    each clone with another title, other regions and themes, and a paragraph more of its own text."""
    rnd = random.Random(n)
    for folder in ("content", "guidelines", "cases"):
        shutil.copytree(ROOT / folder, dest / folder)
    real = sorted(p for p in (ROOT / "cases").iterdir() if p.is_dir())
    regions, themes = [str(i) for i in vocab.load("regions").ids()], vocab.load("themes").ids()
    for i in range(max(0, n - len(real))):
        src = real[i % len(real)]
        folder = dest / "cases" / f"{src.name}-{i:04d}"
        folder.mkdir()
        for f in sorted(src.glob("*.md")):
            text = f.read_text(encoding="utf-8")
            text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)} – {i}", text, count=1, flags=re.M)
            text = re.sub(r"^regions: \[.*\]$", f"regions: [{', '.join(rnd.sample(regions, rnd.randint(1, 3)))}]", text, flags=re.M)
            text = re.sub(r"^themes: \[.*\]$", f"themes: [{', '.join(rnd.sample(themes, rnd.randint(1, 4)))}]", text, flags=re.M)
            paragraphs = [p for p in text.split("\n\n") if len(p) > 200 and not p.startswith(("#", "-", "---", "|"))]
            if paragraphs:
                extra = rnd.choice(paragraphs).split()
                rnd.shuffle(extra)
                text = text.rstrip("\n") + "\n\n" + " ".join(extra) + "\n"
            (folder / f.name).write_text(text, encoding="utf-8")


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process) of a command, run through a fresh Python process
    so that the peak is its own (RUSAGE_CHILDREN counts every descendant that was waited for)."""
    probe = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
             "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode, r.stderr[-3000:]]))")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, env=env or ENV, capture_output=True, text=True, check=True)
    secs, rss_kb, code, err = json.loads(out.stdout)
    if code:
        raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{err}")
    return secs, rss_kb / 1024


def ours(repo: Path, out: Path, env: dict | None = None) -> tuple[float, float]:
    return timed([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(repo), "--out", str(out)], env=env)


def ours_first(repo: Path, out: Path, cache: Path) -> tuple[float, float]:
    """Our build as the first on a machine whose simplemma dictionaries are already written: an empty
    cache of words' keys (kb/keys_cache.py), files' validation results (kb/check_cache.py) and pages'
    renderings (kb/render_cache.py), beside the dictionaries' files of the usual cache."""
    shutil.rmtree(cache, ignore_errors=True)
    simplemma_db.share_into(cache)
    return ours(repo, out, {**ENV, "KB_CACHE_DIR": str(cache)})


def floor_sources(repo: Path, dest: Path) -> None:
    """Each language's case pages as plain Markdown (our generated pages), and a home page."""
    loaded, diags = repository.load(repo)
    assert not diags, diags[:3]
    for lang in LANGS:
        tmp = dest / f"export-{lang}"
        export.write(repo, loaded, lang, tmp, f"http://127.0.0.1:8000/{lang}/")
        docs = dest / lang
        (docs / "cases").mkdir(parents=True)
        for case in loaded.cases:
            shutil.copytree(tmp / "cases" / case.slug, docs / "cases" / case.slug)
        (docs / "index.md").write_text("# Home\n", encoding="utf-8")
        shutil.rmtree(tmp)
        extensions = re.search(r"^markdown_extensions:\n((?:  .*\n)+)", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
        (dest / f"mkdocs-{lang}.yml").write_text(
            f"site_name: floor\ndocs_dir: {docs}\nsite_dir: {dest / 'site' / lang}\nuse_directory_urls: true\n"
            f"theme:\n  name: material\n  language: {lang}\n  font: false\nplugins: []\nnav:\n  - index.md\n"
            f"markdown_extensions:\n{extensions}", encoding="utf-8")


def floor(dest: Path) -> tuple[float, float]:
    """Three plain MkDocs builds at once, then Pagefind: started together by a small shell script."""
    script = dest / "floor.sh"
    script.write_text("set -e\n" + "".join(f"{sys.executable} -m mkdocs build -q -f {dest / f'mkdocs-{lang}.yml'} &\n" for lang in LANGS)
                      + "wait\n" + f"{sys.executable} -m pagefind --site {dest / 'site'} >/dev/null\n", encoding="utf-8")
    shutil.rmtree(dest / "site", ignore_errors=True)
    return timed(["sh", str(script)])


def common(dest: Path) -> tuple[float, float]:
    """The common setup on the floor's sources (floor_sources): every case in the navigation and Material's
    built-in search, three plain MkDocs builds at once, none of this project's code."""
    script = dest / "common.sh"
    lines = []
    for lang in LANGS:
        config = (dest / f"mkdocs-{lang}.yml").read_text(encoding="utf-8")
        config = config.replace(f"site_dir: {dest / 'site' / lang}", f"site_dir: {dest / 'common' / lang}").replace("plugins: []", "plugins: [search]")
        slugs = sorted(p.name for p in (dest / lang / "cases").iterdir())
        config = config.replace("nav:\n  - index.md\n", "nav:\n  - index.md\n  - Cases:\n" + "".join(f"    - cases/{s}/index.md\n" for s in slugs))
        (dest / f"mkdocs-common-{lang}.yml").write_text(config, encoding="utf-8")
        lines.append(f"{sys.executable} -m mkdocs build -q -f {dest / f'mkdocs-common-{lang}.yml'} &\n")
    script.write_text("set -e\n" + "".join(lines) + "wait\n", encoding="utf-8")
    shutil.rmtree(dest / "common", ignore_errors=True)
    return timed(["sh", str(script)])


def measure(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    case_pages = list(site.glob("*/cases/*/index.html"))
    return {"mb": sum(p.stat().st_size for p in files) / 1e6,
            "case_kb": sum(p.stat().st_size for p in case_pages) / max(len(case_pages), 1) / 1e3,
            "first_search_kb": first_search_kb(site)}


def first_search_kb(site: Path) -> float:
    """What a reader of one language downloads before the first result: Material's whole index, or
    Pagefind's script, entry, language metadata, WebAssembly and the largest index chunk (of each part,
    for an index in parts)."""
    material = site / "fi" / "search" / "search_index.json"
    if material.exists():
        return material.stat().st_size / 1e3
    pf = site / "fi" / "pagefind" if (site / "fi" / "pagefind").exists() else site / "pagefind"   # ours: one index per language
    files = [pf / "pagefind.js", pf / "wasm.fi.pagefind", pf / search_index.SHARDS_LIST]
    for part in [pf, *sorted((pf / search_index.SHARDS).glob("*"))]:   # a large index's further parts, each merged
        chunks = sorted((part / "index").glob("fi_*.pf_index"), key=lambda p: p.stat().st_size)
        files += [part / "pagefind-entry.json", *part.glob("pagefind.fi_*.pf_meta"), *chunks[-1:]]
    return sum(p.stat().st_size for p in files if p.exists()) / 1e3


def best(runs: int, fn) -> tuple[float, float]:
    """The fastest of `runs` runs, with the peak memory of that run."""
    return min((fn() for _ in range(runs)), key=lambda r: r[0])


def interleaved(runs: int, fns: list) -> list[tuple[float, float]]:
    """The fastest of `runs` runs of each setup, taking turns (ours, floor, common, ours, …), so that a
    machine whose speed drifts during the run (a shared virtual machine) slows every setup alike."""
    times: list[list] = [[] for _ in fns]
    for _ in range(runs):
        for i, fn in enumerate(fns):
            times[i].append(fn())
    return [min(t, key=lambda r: r[0]) for t in times]


def validate_times(repo: Path, runs: int, work: Path) -> dict[str, float]:
    """`make validate`'s time with no file's results kept from an earlier run (a new clone, or new rules:
    kb/check_cache.py), with nothing changed since the last run, and after one case file was edited."""
    cmd = [sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(repo)]

    def run(cache: Path) -> tuple[float, float]:
        return timed(cmd, env={**ENV, "KB_CACHE_DIR": str(cache)})

    def first() -> tuple[float, float]:
        shutil.rmtree(work / "validate-cache", ignore_errors=True)
        return run(work / "validate-cache")

    def one_changed() -> tuple[float, float]:
        case = sorted((repo / "cases").iterdir())[-1] / "fi.md"
        case.write_text(case.read_text(encoding="utf-8").rstrip("\n") + f"\n\nMuokattu {time.time_ns()}.\n", encoding="utf-8")
        return run(work / "validate-cache")

    times = {"first": best(runs, first)[0]}
    times["unchanged"] = best(runs, lambda: run(work / "validate-cache"))[0]
    times["one changed"] = best(runs, one_changed)[0]
    return times


def preview_time(repo: Path, work: Path) -> float:
    """Seconds from saving a case to its changed page being served by the live preview (scripts/serve.py),
    measured by polling the page after the edit."""
    port = 8765
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--root", str(repo), "--port", str(port),
                             "--out", str(work / "preview")], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:
            if "Serving on" in line:
                break
        case = sorted((repo / "cases").iterdir())[-1]
        url = f"http://127.0.0.1:{port}/fi/cases/{case.name}/"
        marker = f"Muokattu {time.time_ns()}"
        fi = case / "fi.md"
        start = time.perf_counter()
        fi.write_text(fi.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        while time.perf_counter() - start < 120:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("the live preview did not show the edit within 120 s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--common", type=int, nargs="*", default=[250, 1000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--search", type=int, default=1000, help="the size at which search, preview and what the analysers add are measured")
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARK.md")
    args = parser.parse_args(argv)
    rows, extra = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            work = Path(tmp) / str(n)
            synthetic_repo(n, work / "repo")
            floor_sources(work / "repo", work / "floor")
            setups = [("ours", lambda: ours(work / "repo", work / "ours"), work / "ours"),
                      ("floor", lambda: floor(work / "floor"), work / "floor" / "site")]
            if n in args.common:
                setups.append(("common", lambda: common(work / "floor"), work / "floor" / "common"))
            if n == args.search:   # what the analysers add: without them, and with no word analysed before
                plain = bench_search.plain_project(work / "plain-project")
                setups += [("no analysers", lambda: bench_search.plain_build(plain, work / "repo", work / "plain", timed), work / "plain"),
                           ("first build", lambda: ours_first(work / "repo", work / "first", work / "first-cache"), work / "first")]
            runs = args.runs + (n == args.search)   # one more where the analysers' share of the build is taken
            results = [(name, *secs_rss, site) for (name, _, site), secs_rss in zip(setups, interleaved(runs, [s[1] for s in setups]))]
            for name, secs, rss, site in results:
                rows.append((n, name, secs, rss, measure(site)))
                print(f"{n:5d} cases  {name:7s} {secs:6.1f} s  {rss:6.0f} MB peak  {rows[-1][4]['mb']:8.1f} MB", flush=True)
            files = sum(1 for _ in (work / "repo" / "cases").glob("*/*.md"))
            extra[n] = {"files": files, "validate": validate_times(work / "repo", args.runs, work)}
            print(f"{n:5d} cases  validate {extra[n]['validate']} over {files} files", flush=True)
            if n == args.search:
                extra[n]["preview"] = min(preview_time(work / "repo", work) for _ in range(args.runs))
                print(f"{n:5d} cases  edit-to-preview {extra[n]['preview']:.2f} s", flush=True)
                secs = {name: s for m, name, s, _, _ in rows if m == n}
                extra[n]["search"] = bench_search.measure(work / "ours", secs["ours"], secs["no analysers"], secs["first build"])
                print(f"{n:5d} cases  search {extra[n]['search']}", flush=True)
            shutil.rmtree(work)
    write_report(args.report, rows, extra)
    return 0


def real_cases() -> int:
    return sum(1 for p in (ROOT / "cases").iterdir() if p.is_dir())


def write_report(path: Path, rows, extra) -> None:
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")), "")
    by = {(n, name): (secs, rss, m) for n, name, secs, rss, m in rows}
    lines = ["# Benchmark", "",
             "Measured side by side in one run of `make bench` (`scripts/bench.py`), each build at least twice",
             "(three times at the size where search is measured), the fastest reported; the setups take turns, so",
             "that a machine whose speed drifts slows each alike.",
             f"The repositories are synthetic but made from the real cases: this repository's {real_cases()} cases,",
             "guidelines and site pages, plus clones of the real cases (each in Finnish, Swedish and English, with",
             "the real front matter and text, another title, other regions and themes, and a paragraph more), so",
             "every case has 15–40 lines of front matter and about 1,000 words per language.", "",
             "- *ours*: `scripts/build.py`: validation, the three language builds (forked after loading once), Pagefind.",
             "- *floor*: the engine's floor: the same case pages as plain Markdown, built by plain MkDocs + Material",
             "  (three processes, no hooks, navigation with only the home page), plus Pagefind.",
             "- *common*: the common setup: the floor's pages with every case in the navigation and Material's",
             "  built-in search (three plain MkDocs builds at once, none of this project's code).",
             "- *no analysers*: ours by a copy of the code whose languages have no search analysers (Pagefind's",
             "  stemming only), to measure what the analysers add.",
             "- *first build*: ours as a machine's first build once simplemma's files are written: no word's search",
             "  keys, no file's validation results and no page's rendering kept from an earlier build (as in a",
             "  fresh CI job, or after a change to the libraries).", "",
             "In *ours*, as in every build after a machine's first, simplemma's word lists are read from the SQLite",
             "files the first build writes to the user's cache (kb/simplemma_db.py), each word's search keys from",
             "the last build's (kb/keys_cache.py), each unchanged file's validation results from the last run's",
             "(kb/check_cache.py) and each unchanged page's rendering from the last build's (kb/render_cache.py).",
             "The floor and the common setup keep nothing between builds: MkDocs renders every page every time.", "",
             f"Machine: {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}.", "",
             "| cases | setup | build time | vs floor | peak memory | site size | per case page | first search download |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for n, name, secs, rss, m in rows:
        ratio = secs / by[(n, "floor")][0] if (n, "floor") in by else 0
        lines.append(f"| {n} | {name} | {secs:.1f} s | {ratio:.2f}× | {rss:.0f} MB | {m['mb']:.1f} MB | {m['case_kb']:.1f} KB "
                     f"| {m['first_search_kb']:.0f} KB |")
    lines += ["", "| cases | case files | `make validate`: first run | nothing changed | one file changed | edit-to-preview |",
              "|---:|---:|---:|---:|---:|---:|"]
    for n, e in extra.items():
        v = e["validate"]
        lines.append(f"| {n} | {e['files']} | {v['first']:.2f} s | {v['unchanged']:.2f} s | {v['one changed']:.2f} s | "
                     + (f"{e['preview']:.2f} s |" if "preview" in e else "– |"))
    lines += ["", "*First run*: no file's results kept from an earlier run (a new clone, or a change to the validator, its",
              "schema or vocabularies, or its libraries); then each file's are kept (kb/check_cache.py) and only files",
              "whose bytes changed are checked again (also on later days: only a date in the future is checked again)."]
    targets = []
    if (1000, "ours") in by and (1000, "floor") in by:
        targets.append(f"- Whole build at 1,000 cases: {by[(1000, 'ours')][0] / by[(1000, 'floor')][0]:.2f}× the floor (target ≤ 1.2×)"
                       + (f"; a first build, with nothing kept, {by[(1000, 'first build')][0] / by[(1000, 'floor')][0]:.2f}×."
                          if (1000, "first build") in by else "."))
    if (4000, "ours") in by and (1000, "ours") in by:
        targets.append(f"- 4,000 cases: {by[(4000, 'ours')][0] / by[(1000, 'ours')][0]:.2f}× the 1,000-case time (target ≤ 4.4×); "
                       f"peak memory {by[(4000, 'ours')][1]:.0f} MB (target ≤ 1,024 MB).")
    if (1000, "common") in by and (1000, "ours") in by:
        o, c = by[(1000, "ours")], by[(1000, "common")]
        targets.append(f"- Against the common setup at 1,000 cases: {c[0] / o[0]:.1f}× faster (target ≥ 5×), "
                       f"{c[2]['mb'] / o[2]['mb']:.1f}× less output (target ≥ 10×).")
    for n, e in extra.items():
        if n == 1000:
            v = e["validate"]
            targets.append(f"- `make validate` over {e['files']} files: {v['first']:.2f} s in a first run, {v['unchanged']:.2f} s "
                           f"with nothing changed, {v['one changed']:.2f} s after editing one file (target ≤ 1.5 s).")
        if "preview" in e:
            targets.append(f"- Edit-to-preview at {n} cases: {e['preview']:.2f} s (target ≤ 3 s).")
    for n, e in extra.items():
        if "search" in e:
            s = e["search"]
            targets.append(f"- Search at {n} cases: first search download {s['first_search_kb']:.0f} KB compressed (target ≤ 250 KB); "
                           f"a two-word query {s['query_ms']:.0f} ms to results and counts, median (slowest {s['query_ms_max']:.0f} ms; "
                           f"target ≤ 100 ms); the analysers add {s['build_s'] - s['plain_build_s']:.1f} s to the whole build "
                           f"({s['plain_build_s']:.1f} s without them), {s['morphology_share']:.1%} of it (target ≤ 15 %). A machine's "
                           f"first build ({s['first_build_s']:.1f} s) also renders every page, which the build without analysers "
                           "does not (it keeps its renderings), so the two are not compared.")
    lines += ["", "## Against the targets", "", *targets, "",
              "*Peak memory*: the resident set of the largest process of the build. *Per case page*: the mean size",
              "of a case's HTML page; in the common setup it grows with the number of cases, because every page",
              "carries the whole navigation. *First search download*: what a reader's browser fetches before the",
              "first result in Finnish (Material: its whole index; Pagefind: script, metadata, WebAssembly and the",
              "largest index chunk; of each part's, where the index is in parts: 4,000 cases).", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
