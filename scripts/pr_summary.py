#!/usr/bin/env python3
"""A Markdown summary of what a pull request changes, for editors: each case and guideline touched,
its languages, evidence level and review date. Usage: pr_summary.py BASE_COMMIT"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb import LANGS, repository  # noqa: E402


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
            lines.append(f"| `{folder}/{slug}` | {'deleted' if gone else 'has errors, see the Validate step'} | | | | |")
            continue
        title = e.text(e.original_lang).title.replace("|", "\\|")
        langs = ", ".join(f"**{lg}**" if lg == e.original_lang else lg for lg in LANGS if lg in e.texts)
        lines.append(f"| `{folder}/{slug}` | {title} | {langs} | {', '.join(e.missing()) or '–'} "
                     f"| {e.meta.get('evidence', '–')} | {e.meta['reviewed']} |")
    lines += ["", f"{len(diags)} validation error(s) in the whole repository." if diags else "The whole repository validates clean.", ""]
    return "\n".join(lines)


def main(argv) -> int:
    base = argv[0] if argv else "origin/main"
    paths = subprocess.run(["git", "diff", "--name-only", base, "HEAD"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    print(summary(ROOT, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
