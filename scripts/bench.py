#!/usr/bin/env python3
"""Benchmark: build time and output size of this site against the common setup, side by side in
one run, on synthetic repositories of N cases in three languages.

  ours      cases reached through generated index pages (not in the navigation), Pagefind search
  baseline  the same content and theme with every case in the navigation and Material's built-in
            search (the setup whose output grows with the square of the number of cases)

Usage: bench.py [--sizes 100 300] [--report BENCHMARK.md]
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb import LANGS, vocab


ROOT = Path(__file__).resolve().parent.parent


WORDS = ("asunto palvelu nuoret kunta järjestö kokeilu tulos vaikutus osallisuus työ koulutus hyvinvointi "
         "alue yhteisö tuki malli arviointi rahoitus verkosto kehittäminen").split()


def synthetic_repo(n: int, dest: Path) -> None:
    """n cases (original fi, translations sv and en) plus this repository's site pages and guidelines."""
    rnd = random.Random(n)
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "guidelines", dest / "guidelines")
    regions = [str(i) for i in vocab.load("regions").ids()]
    themes = vocab.load("themes").ids()
    for i in range(n):
        folder = dest / "cases" / f"case-{i:04d}"
        folder.mkdir(parents=True)
        words = lambda k: " ".join(rnd.choice(WORDS) for _ in range(k))  # noqa: E731
        meta = (f"pillars: [{rnd.choice(['knowledge', 'competence', 'influence'])}]\n"
                f"regions: [{', '.join(rnd.sample(regions, 2))}]\nthemes: [{', '.join(rnd.sample(themes, 2))}]\n"
                f"organisations:\n  - name: Järjestö {i}\nstart_year: {2000 + i % 25}\nend_year: ongoing\n"
                f"status: pilot\nevidence: {1 + i % 5}\nsources:\n  - url: https://thl.fi/{i}\n    title: Lähde {i}\n"
                f"published: 2026-01-01\nreviewed: 2026-01-01\nlicence: CC-BY-4.0\n")
        for lang in LANGS:
            head = "" if lang == "fi" else "translated_from: fi\n"
            sections = "\n\n".join(f"## {s['label'][lang]}\n\n{words(90)}." for s in vocab.sections()["case"])
            text = (f"---\n{head}title: Tapaus {i} {lang} {words(3)}\nsummary: {words(30)}.\n"
                    f"{meta if lang == 'fi' else ''}---\n\n{sections}\n")
            (folder / f"{lang}.md").write_text(text, encoding="utf-8")


def baseline_config(n: int, dest: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("- hooks/kb_hook.py", f"- {ROOT / 'hooks' / 'kb_hook.py'}")
    text = text.replace("plugins: []", "plugins: [search]").replace("docs_dir: content/fi", f"docs_dir: {ROOT / 'content' / 'fi'}")
    text += "  - Cases:\n" + "".join(f"    - cases/case-{i:04d}/index.md\n" for i in range(n))
    path = dest / "mkdocs-baseline.yml"
    path.write_text(text, encoding="utf-8")
    return path


def run_baseline(config: Path, content: Path, out: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out / lang)],
                              env=dict(os.environ, KB_LANG=lang, KB_CONTENT_ROOT=str(content), NO_MKDOCS_2_WARNING="1"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for lang in LANGS]
    for p in procs:
        _, err = p.communicate()
        if p.returncode:
            raise SystemExit(f"baseline build failed:\n{err}")


def measure(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    case_pages = [p for p in site.glob("*/cases/case-*/index.html")]
    search = [p for p in files if p.name == "search_index.json" or "pagefind" in p.parts]
    return {"mb": sum(p.stat().st_size for p in files) / 1e6,
            "case_kb": sum(p.stat().st_size for p in case_pages) / max(len(case_pages), 1) / 1e3,
            "search_mb": sum(p.stat().st_size for p in search) / 1e6,
            "first_search_kb": first_search_kb(site)}


def first_search_kb(site: Path) -> float:
    """What a reader of one language downloads before the first result: Material's whole index, or
    Pagefind's entry, language meta, wasm and one index chunk."""
    material = site / "fi" / "search" / "search_index.json"
    if material.exists():
        return material.stat().st_size / 1e3
    pf = site / "pagefind"
    parts = [pf / "pagefind.js", pf / "pagefind-entry.json", *pf.glob("pagefind.fi_*.pf_meta"), pf / "wasm.fi.pagefind"]
    chunks = sorted((pf / "index").glob("fi_*.pf_index"), key=lambda p: p.stat().st_size)
    return (sum(p.stat().st_size for p in parts if p.exists()) + (chunks[-1].stat().st_size if chunks else 0)) / 1e3


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARK.md")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            work = Path(tmp) / str(n)
            synthetic_repo(n, work / "repo")
            t0 = time.perf_counter()
            result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(work / "repo"),
                                     "--out", str(work / "ours")], capture_output=True, text=True)
            ours_s = time.perf_counter() - t0
            if result.returncode:
                raise SystemExit(result.stdout + result.stderr)
            t0 = time.perf_counter()
            run_baseline(baseline_config(n, work), work / "repo", work / "baseline")
            base_s = time.perf_counter() - t0
            for name, secs, site in (("ours (incl. validation and Pagefind)", ours_s, work / "ours"),
                                     ("baseline: cases in nav, Material search", base_s, work / "baseline")):
                rows.append((n, name, secs, measure(site)))
                print(f"{n:5d} cases  {name:42s} {secs:6.1f} s  {rows[-1][3]['mb']:7.1f} MB", flush=True)
            shutil.rmtree(work)
    write_report(args.report, rows)
    return 0


def write_report(path: Path, rows) -> None:
    cpu = re.sub(r"\s+", " ", next((ln.split(":", 1)[1] for ln in Path("/proc/cpuinfo").read_text().splitlines()
                                    if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else "")
    lines = ["# Benchmark", "",
             "Build time and output size of the whole three-language site, measured side by side in one run by",
             "`make bench` (`scripts/bench.py`) on synthetic repositories: N cases, each with a Finnish original",
             "and Swedish and English translations (about 450 words each), plus this repository's guidelines and",
             "site pages. *Ours* is `scripts/build.py` (validation, three parallel MkDocs builds, Pagefind);",
             "the *baseline* is the same content and theme built the common way: every case in the navigation and",
             "Material's built-in search, three parallel MkDocs builds.", "",
             f"Machine: {os.cpu_count()} cores, {cpu.strip()}; Python {platform.python_version()}.", "",
             "| cases | setup | build time | site size | per case page | search files | first search download |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for n, name, secs, m in rows:
        lines.append(f"| {n} | {name} | {secs:.1f} s | {m['mb']:.1f} MB | {m['case_kb']:.1f} KB | {m['search_mb']:.1f} MB "
                     f"| {m['first_search_kb']:.0f} KB |")
    lines += ["", "*Per case page*: the mean size of a case's HTML page. In the baseline it grows with the number of",
              "cases, because every page carries the whole navigation; ours stays flat. *First search download*:",
              "what a reader's browser fetches before the first result in Finnish (Material: the whole index;",
              "Pagefind: its script, language metadata, WebAssembly and one index chunk).", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
