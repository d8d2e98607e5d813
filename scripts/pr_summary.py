#!/usr/bin/env python3
"""A Markdown summary of what a pull request changes, for editors: each case and guideline touched,
its languages, evidence level and review date. Usage: pr_summary.py [--root CHECKOUT] BASE_COMMIT"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from kb import LANGS, repository
from kb.markdown import esc


ROOT = Path(__file__).resolve().parent.parent


def text(value) -> str:
    """Contributed text as literal Markdown on one table row: no links, images, HTML or line breaks."""
    return esc(" ".join(str(value).split()))


def changed_entries(paths: list[str]) -> set[tuple[str, str]]:
    """(folder, slug) of every case or guideline a list of changed paths touches."""
    out = set()
    for p in paths:
        parts = p.split("/")
        if len(parts) >= 3 and parts[0] in ("cases", "guidelines"):
            out.add((parts[0], parts[1]))
    return out


def summary(root: Path, paths: list[str]) -> str:
    repo, diags = repository.load(root)
    entries = {(e.folder, e.slug): e for e in repo.entries()}
    lines = ["## Content changed by this pull request", ""]
    touched = sorted(changed_entries(paths))
    if not touched:
        return "\n".join(lines + ["No case studies or guidelines changed.", ""])
    lines += ["| | title | languages | missing | evidence | reviewed |", "|---|---|---|---|---|---|"]
    for folder, slug in touched:
        e = entries.get((folder, slug))
        if e is None:
            gone = not (root / folder / slug).exists()
            lines.append(f"| {text(folder + '/' + slug)} | {'deleted' if gone else 'has errors, see the Validate step'} | | | | |")
            continue
        title = text(e.text(e.original_lang).title)
        langs = ", ".join(f"**{lg}**" if lg == e.original_lang else lg for lg in LANGS if lg in e.texts)
        lines.append(f"| {text(folder + '/' + slug)} | {title} | {langs} | {', '.join(e.missing()) or '–'} "
                     f"| {e.meta.get('evidence', '–')} | {e.meta['reviewed']} |")
    lines += ["", f"{len(diags)} validation error(s) in the whole repository." if diags else "The whole repository validates clean.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base", nargs="?", default="origin/main", help="commit the pull request starts from")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout of the pull request (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    paths = subprocess.run(["git", "diff", "-z", "--name-only", args.base, "HEAD"], cwd=root, capture_output=True,
                           text=True, check=True).stdout.split("\0")
    print(summary(root, [p for p in paths if p]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
