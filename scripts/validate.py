#!/usr/bin/env python3
"""Check cases, guidelines and site pages. Prints every error at once, one per line:

    path:line:col: error KB123: what is wrong. Fix: what to change.

Usage: validate.py [--root DIR] [PATH ...]   (no PATH: the whole repository). Exit 1 on any error;
notes (a term the glossary asks to avoid, KB401) are printed but do not fail.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kb import LANGS, glossary, repository, status, strings
from kb.diagnostics import locale_language, report, say


ROOT = Path(__file__).resolve().parent.parent


def print_editor_notes(repo, lang: str) -> None:
    """Not errors: what editors should keep an eye on (the status page shows the same, kb/status.py)."""
    untranslated = [f"{e.slug} ({', '.join(e.missing())})" for e in repo.entries() if e.missing()]
    if untranslated:
        print(say("note_missing", lang, items="; ".join(untranslated)))
    stale = [f"{r.entry.slug} ({r.reviewed})" for r in status.rows(repo, dt.date.today()) if r.stale]
    if stale:
        print(say("note_stale", lang, days=status.STALE_AFTER_DAYS, items="; ".join(stale)))
    for code in LANGS:
        if missing := strings.missing(code):
            print(say("note_strings", lang, lang=code, items=", ".join(missing)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository to check (default: this one)")
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to report on")
    parser.add_argument("--lang", choices=LANGS, default=locale_language(),
                        help="language of the messages (default: from the locale, e.g. LANG=fi_FI.UTF-8; else en)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    wanted = []
    for p in args.paths:
        full = (Path.cwd() / p).resolve()
        if not full.exists():
            print(f"{p}: error: no such file or folder", file=sys.stderr)
            return 2
        try:
            wanted.append(full.relative_to(root).as_posix())
        except ValueError:
            print(f"{p}: error: not inside the repository {root}", file=sys.stderr)
            return 2
    repo, diags = repository.load(root)  # cross-file rules need the whole repository
    if wanted and "." not in wanted:
        diags = [d for d in diags if any(d.path == w or d.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    notes = glossary.check(root) + status.notes(repo, root)   # preferred terms, outdated translations: never errors
    if wanted and "." not in wanted:
        notes = [d for d in notes if any(d.path == w or d.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    report(diags + notes, sys.stdout, args.lang)
    if not wanted:
        print_editor_notes(repo, args.lang)
    files = len({d.path for d in diags})
    print(say("errors_summary", args.lang, n=len(diags), files=files) if diags else
          say("ok_summary", args.lang, cases=len(repo.cases), guidelines=len(repo.guidelines), pages=len(repo.pages)),
          file=sys.stderr)
    return 1 if diags else 0


if __name__ == "__main__":
    sys.exit(main())
