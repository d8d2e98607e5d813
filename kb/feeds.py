"""Data files per language, besides the pages: an Atom feed of new cases and guidelines, and every
case as CSV for spreadsheets and research (after Participedia's download of everything)."""
from __future__ import annotations

import csv
import io
import re
from xml.sax.saxutils import escape, quoteattr

from . import facets, vocab
from .indexes import entries_with, newest
from .model import Repository
from .strings import t

FEED_SIZE = 30


def _url(base: str, entry) -> str:
    return base + entry.uri.removesuffix("index.md")


def atom(repo: Repository, lang: str, base: str) -> str:
    """Atom feed of the newest cases and guidelines; `base` is the language's address ending in /."""
    entries = newest(repo.entries(), FEED_SIZE)
    updated = max((max(e.meta["published"], e.meta["reviewed"]) for e in entries), default="2026-01-01")
    items = []
    for e in entries:
        text, url = e.text(lang), _url(base, e)
        kind = t(lang, "type_case" if e.kind == "case" else "type_guideline")
        items.append(f"""  <entry>
    <id>{escape(url)}</id>
    <title>{escape(text.title)}</title>
    <link rel="alternate" type="text/html" href={quoteattr(url)}/>
    <published>{e.meta['published']}T00:00:00Z</published>
    <updated>{e.meta['reviewed']}T00:00:00Z</updated>
    <category term={quoteattr(e.kind)} label={quoteattr(kind)}/>
    <summary xml:lang="{text.lang}">{escape(text.summary)}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">
  <id>{escape(base)}</id>
  <title>{escape(t(lang, "site_name"))}</title>
  <subtitle>{escape(t(lang, "feed_subtitle"))}</subtitle>
  <link rel="self" type="application/atom+xml" href={quoteattr(base + "feed.xml")}/>
  <link rel="alternate" type="text/html" href={quoteattr(base)}/>
  <updated>{updated}T00:00:00Z</updated>
  <author><name>{escape(t(lang, "site_name"))}</name></author>
{chr(10).join(items)}
</feed>
"""


def csv_columns() -> list[str]:
    """The CSV's columns: the facets' (vocabularies/facets.yml: csv, csv_ids) after the title and summary."""
    facet_columns = [c for f in facets.for_kind("case") for c in (f.csv, f.csv_ids) if c]
    return ["slug", "title", "summary", *facet_columns, "organisations", "start_year", "end_year", "address",
            "sources", "published", "reviewed", "original_language", "languages"]


# A term's CSV lists its cases without the long columns (summary, sources): cases.csv and /data/cases.json
# have everything, and a copy of them beside each of the forty term pages in three languages would make
# the site several times larger.
TERM_CSV_LEFT_OUT = ("summary", "sources")


def _facet_cells(entry, lang: str) -> list:
    cells = []
    for f in facets.for_kind("case"):
        values = entry.terms(f.field)
        if f.csv:
            v = vocab.load(f.vocabulary)
            cells.append(", ".join(v.get(i).label[lang] for i in values))
        if f.csv_ids:
            cells.append(", ".join(map(str, values)))
    return cells


def cases_csv(repo: Repository, lang: str, base: str, cases: list | None = None, left_out: tuple = (),
              rows: dict | None = None) -> str:
    """Every case (or the given ones) with its facts, labels in `lang`, one row per case; UTF-8 with a BOM
    and semicolons, as spreadsheets in Finnish and Swedish locales open them. `rows`: the cases' rows
    made already (files() makes each once for all its CSVs)."""
    out = io.StringIO()
    # ; is what Nordic spreadsheets expect; every cell quoted, so that no text is read as a number or split
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    columns = csv_columns()
    kept = [i for i, c in enumerate(columns) if c not in left_out]
    writer.writerow([columns[i] for i in kept])
    for e in sorted(repo.cases if cases is None else cases, key=lambda e: e.slug):
        row = rows[e.slug] if rows is not None else _row(e, lang, base)
        writer.writerow([row[i] for i in kept])
    return "\ufeff" + out.getvalue()


def _row(e, lang: str, base: str) -> list:
    text, m = e.text(lang), e.meta
    row = [e.slug, text.title, text.summary, *_facet_cells(e, lang),
           ", ".join(name for name, _ in e.organisations(lang)), m["start_year"], m["end_year"], _url(base, e),
           " ".join(s["url"] for s in m["sources"]), m["published"], m["reviewed"], e.original_lang, " ".join(sorted(e.texts))]
    return [_cell(cell) for cell in row]


# A formula character at the start of the text or of any part a spreadsheet might split off at , ; or a
# line break (one that ignores the quotes, or is set to the other delimiter), after optional spaces.
_FORMULA_START = re.compile(r"(^|[,;\n\r])([ \t]*)(?=[=+\-@\t\r|])")


def _cell(value):
    """Text that a spreadsheet could run as a formula is kept as text: an apostrophe goes before every
    formula character that could start a cell."""
    return _FORMULA_START.sub(r"\1\2'", value) if isinstance(value, str) else value


TERM_CSV = "cases.csv"   # beside each term's page: regions/fi-18/cases.csv


def files(repo: Repository, lang: str, base: str) -> dict[str, str]:
    """The data files of one language: the feed, the CSV of all cases and one of each term's cases."""
    rows = {e.slug: _row(e, lang, base) for e in repo.cases}
    out = {"feed.xml": atom(repo, lang, base), "cases.csv": cases_csv(repo, lang, base, rows=rows)}
    for facet in facets.with_pages():
        for term in facet.terms:
            folder = facet.term_page(term).rsplit("/", 1)[0]
            cases = entries_with(repo.cases, facet.field, term.id)
            out[f"{folder}/{TERM_CSV}"] = cases_csv(repo, lang, base, cases, TERM_CSV_LEFT_OUT, rows)
    return out
