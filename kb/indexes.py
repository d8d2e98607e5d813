"""Cross-indexes: which entries carry which value of a facet, how many, and related cases."""
from __future__ import annotations

from collections import Counter, defaultdict

from . import facets
from .model import Entry, Repository


def entries_with(entries: list[Entry], field: str, term_id) -> list[Entry]:
    return list(_by_term(entries, field).get(term_id, ()))


_INDEXES: dict = {}


def _by_term(entries: list[Entry], field: str) -> dict:
    """term id -> the entries that carry it, in their order: built once per list and field, so that
    every term page, CSV and chart cell of a build reads the list once between them, not once each."""
    key = (id(entries), len(entries), field)
    found = _INDEXES.get(key)
    if found is None or found[0] is not entries:
        index: dict = defaultdict(list)
        for e in entries:
            for term in dict.fromkeys(e.terms(field)):
                index[term].append(e)
        found = _INDEXES[key] = (entries, index)
        if len(_INDEXES) > 64:   # lists made on the way (a chart's cells) are not kept
            _INDEXES.pop(next(iter(_INDEXES)))
    return found[1]


def counts(entries: list[Entry], field: str) -> Counter:
    return Counter(t for e in entries for t in e.terms(field))


class Related:
    """Similar cases: those sharing the most weighted facet values (vocabularies/facets.yml: related),
    ties broken by title. An inverted index finds only the cases that share a value, so choosing them
    for every case takes time in proportion to the shared values, not to the square of the cases."""

    def __init__(self, cases: list[Entry]):
        self.cases = cases
        self.keys = [c.text(c.original_lang).title.lower() for c in cases]   # ties are broken by title
        self.position = {id(c): i for i, c in enumerate(cases)}
        self.index = defaultdict(list)
        for i, case in enumerate(cases):
            for facet in facets.all_facets():
                if facet.related:
                    for value in set(case.terms(facet.field)):
                        self.index[(facet.field, value)].append(i)

    def of(self, entry: Entry, limit: int = 5) -> list[Entry]:
        scores: Counter = Counter()
        for facet in facets.all_facets():
            if facet.related:
                for value in set(entry.terms(facet.field)):
                    for _ in range(facet.related):   # Counter.update counts in C: a weight is that many passes
                        scores.update(self.index[(facet.field, value)])
        scores.pop(self.position.get(id(entry)), None)
        out: list = []
        for level in sorted(set(scores.values()), reverse=True):   # the best scores first, few of them read
            tier = sorted((self.keys[i], i) for i, s in scores.items() if s == level)
            out += [self.cases[i] for _, i in tier[: limit - len(out)]]
            if len(out) >= limit:
                break
        return out


def related(entry: Entry, repo: Repository, limit: int = 5) -> list[Entry]:
    return Related(repo.cases).of(entry, limit)


def newest(entries: list[Entry], limit: int = 6) -> list[Entry]:
    """The most recently added entries first."""
    return sorted(entries, key=lambda e: (e.meta["published"], e.slug), reverse=True)[:limit]
