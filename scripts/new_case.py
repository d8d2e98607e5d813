#!/usr/bin/env python3
"""Start a new case study from the template: writes cases/<slug>/<lang>.md with every field and the
required section headings in that language. Usage: new_case.py SLUG --lang fi|sv|en"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb import LANGS, vocab  # noqa: E402
from kb.strings import t  # noqa: E402

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TEMPLATE = """---
# yaml-language-server: $schema=../../schema/case.schema.json
# {c_fill}
title: {title}
summary: >-
  {summary}
pillars: [knowledge]            # {c_pillars}: {pillars}
regions: [nationwide]           # {c_regions}
themes: [social-services]       # {c_themes}: {themes}
organisations:
  - name: {organisation}
    url: https://example.org/   # {c_url}
start_year: {year}
end_year: ongoing               # {c_end}
status: pilot                   # {c_status}: {statuses}
evidence: 1                     # {c_evidence}
sources:
  - url: https://example.org/report
    title: {source}
published: {today}
reviewed: {today}
licence: CC-BY-4.0
---

{sections}
"""


def render(lang: str) -> str:
    """The template in `lang`: prompts, comments and section headings in that language."""
    s = {k: t(lang, f"template_{k}") for k in ("title", "summary", "organisation", "source", "hint", "c_fill",
                                               "c_pillars", "c_regions", "c_themes", "c_url", "c_end", "c_status",
                                               "c_evidence")}
    sections = "\n\n".join(f"## {sec['label'][lang]}\n\n{s['hint']}" for sec in vocab.sections()["case"])
    ids = lambda name: ", ".join(map(str, vocab.load(name).ids()))  # noqa: E731
    return TEMPLATE.format(**s, year=dt.date.today().year, today=dt.date.today().isoformat(), sections=sections,
                           pillars=ids("pillars"), themes=ids("themes"), statuses=ids("statuses"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("slug")
    parser.add_argument("--lang", default="fi")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    if not SLUG.match(args.slug):
        print(f"error: {args.slug!r} is not a valid slug: use lowercase a-z, 0-9 and hyphens, e.g. housing-first "
              "(make new-case SLUG=housing-first LANG=fi)", file=sys.stderr)
        return 2
    if args.lang not in LANGS:
        print(f"error: LANG must be one of {', '.join(LANGS)}, not {args.lang!r}", file=sys.stderr)
        return 2
    folder = args.root / "cases" / args.slug
    target = folder / f"{args.lang}.md"
    if folder.exists():
        print(f"error: {folder.relative_to(args.root)} already exists; edit the files there instead.", file=sys.stderr)
        return 1
    folder.mkdir(parents=True)
    target.write_text(render(args.lang), encoding="utf-8")
    print(f"wrote {target.relative_to(args.root)}: fill it in, then run make validate and make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
