#!/usr/bin/env python3
"""Start a new case study from the template: writes cases/<slug>/<lang>.md with every field and the
required section headings in that language. Usage: new_case.py SLUG --lang LANG (a code from vocabularies/languages.yml)"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from kb import LANGS, facets, vocab
from kb.model import suggest_slug
from kb.strings import all_strings, t


ROOT = Path(__file__).resolve().parent.parent


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TEMPLATE = """---
# yaml-language-server: $schema=../../schema/case.schema.json
# {c_fill}
title: {title}
summary: >-
  {summary}
{facets}
organisations:
  - name: {organisation}
    url: https://example.org/   # {c_url}
start_year: {year}
end_year: ongoing               # {c_end}
sources:
  - url: https://example.org/report
    title: {source}
published: {today}
reviewed: {today}
---

{sections}
"""


def render(lang: str) -> str:
    """The template in `lang`: prompts, comments and section headings in that language."""
    s = {k: t(lang, f"template_{k}") for k in ("title", "summary", "organisation", "source", "hint", "c_fill", "c_url", "c_end")}
    sections = "\n\n".join(f"## {sec['label'][lang]}\n\n{s['hint']}" for sec in vocab.sections()["case"])
    return TEMPLATE.format(**s, year=dt.date.today().year, today=dt.date.today().isoformat(), sections=sections,
                           facets="\n".join(facet_line(f, lang) for f in facets.for_kind("case") if f.scaffold is not None))


def facet_line(facet, lang: str) -> str:
    """A facet's line of the template (vocabularies/facets.yml: scaffold), with a comment on its values."""
    value = yaml.safe_dump({facet.field: facet.scaffold}, default_flow_style=True, allow_unicode=True).strip()[1:-1]
    comment = t(lang, f"template_c_{facet.name}") if f"template_c_{facet.name}" in all_strings()["en"] else ""
    ids = vocab.load(facet.vocabulary).ids()
    if len(ids) <= 15 and all(isinstance(i, str) for i in ids):   # short lists of words are worth listing
        comment = f"{comment}: {', '.join(ids)}" if comment else ", ".join(ids)
    return f"{value:<31} # {comment}" if comment else value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("slug")
    parser.add_argument("--lang", default="fi")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    if not SLUG.match(args.slug):
        print(f"error: {args.slug!r} is not a valid slug: use lowercase a-z, 0-9 and hyphens, e.g. "
              f"{suggest_slug(args.slug, 'housing-first')} (make new-case SLUG={suggest_slug(args.slug, 'housing-first')} LANG=fi)",
              file=sys.stderr)
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
