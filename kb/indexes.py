"""Cross-indexes: which entries carry which pillar, region, theme or audience, and related cases."""
from __future__ import annotations

from collections import Counter

from . import vocab
from .model import Entry, Repository

# dimension name -> (front-matter field, vocabulary, address folder, filter key)
DIMENSIONS = {
    "pillars": ("pillars", "pillars", "pillars", "pillar"),
    "regions": ("regions", "regions", "regions", "region"),
    "themes": ("themes", "themes", "themes", "theme"),
}


def entries_with(entries: list[Entry], field: str, term_id) -> list[Entry]:
    return [e for e in entries if term_id in e.terms(field)]


def counts(entries: list[Entry], field: str) -> Counter:
    return Counter(t for e in entries for t in e.terms(field))


def term_page(dimension: str, term) -> str:
    return f"{DIMENSIONS[dimension][2]}/{term.slug}/index.md"


def terms(dimension: str):
    return vocab.load(DIMENSIONS[dimension][1]).terms


def related(entry: Entry, repo: Repository, limit: int = 5) -> list[Entry]:
    """Cases sharing the most themes and regions with `entry`; ties broken by title."""
    mine_t, mine_r = set(entry.terms("themes")), set(entry.terms("regions"))
    scored = []
    for other in repo.cases:
        if other is entry:
            continue
        score = 2 * len(mine_t & set(other.terms("themes"))) + len(mine_r & set(other.terms("regions")))
        if score:
            scored.append((-score, other.text(other.original_lang).title.lower(), other))
    return [e for *_, e in sorted(scored, key=lambda s: s[:2])[:limit]]


def newest(entries: list[Entry], limit: int = 6) -> list[Entry]:
    """The most recently added entries first."""
    return sorted(entries, key=lambda e: (e.meta["published"], e.slug), reverse=True)[:limit]
