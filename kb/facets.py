"""The facet registry (vocabularies/facets.yml): one typed entry per facet, from which validation,
term pages, overviews, the fact box, the CSV, search filters, navigation, the issue form and the
scaffold are all derived."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import collation, vocab, yaml_data

FACETS_FILE = Path(__file__).resolve().parent.parent / "vocabularies" / "facets.yml"


@dataclass(frozen=True)
class AlsoList:
    """On a term page whose id matches `where`, also list the entries carrying `term` (a region's page
    lists the nationwide programmes too, since they reach that region as well)."""
    term: str
    where: str
    heading: str   # interface string of the list's heading

    def applies(self, term_id) -> bool:
        return bool(re.search(self.where, str(term_id)))


@dataclass(frozen=True)
class Facet:
    name: str
    field: str
    vocabulary: str
    many: bool
    kinds: tuple[str, ...]
    pages: str | None = None
    filter: str | None = None
    legend: str | None = None
    fact: str | None = None
    csv: str | None = None
    csv_ids: str | None = None
    related: int = 0
    also_list: AlsoList | None = None
    described: bool = False
    guideline_groups: str | None = None   # interface string heading the guidelines grouped by this facet
    scaffold: object = None
    label_order: str | None = None        # ids (a regular expression) listed in the order of their labels
    overview_figure: str | None = None    # kb/charts.py: "map" or "heat" on the facet's overview page

    def of(self, entry, lang: str) -> list:
        """An entry's terms of this facet, in the order a reader of `lang` looks for them."""
        v = vocab.load(self.vocabulary)
        return self.ordered(lang, [v.get(i) for i in entry.terms(self.field)])

    def ordered(self, lang: str, terms=None) -> list:
        """The terms (or the given ones) in the order a reader of `lang` looks for them: those whose id
        matches label_order by their label in the language's alphabet, then the others in vocabulary order."""
        terms = list(self.terms if terms is None else terms)
        if not self.label_order:
            return terms
        by_label = [term for term in terms if re.search(self.label_order, str(term.id))]
        return collation.sort(by_label, lang, lambda term: term.label[lang]) + [term for term in terms if term not in by_label]

    @property
    def label_key(self) -> str:
        """The interface string that names the facet in a form: its legend, its name (facets with pages),
        or its fact-box label."""
        return self.legend or (self.name if self.pages else self.fact)

    @property
    def terms(self):
        return vocab.load(self.vocabulary).terms

    def term_page(self, term) -> str:
        """The source path of a term's page: regions/fi-18/index.md."""
        return f"{self.pages}/{term.slug}/index.md"

    def overview_page(self) -> str:
        return f"{self.pages}/index.md"


@cache
def all_facets() -> tuple[Facet, ...]:
    data = yaml_data.load(FACETS_FILE)["facets"]
    out = []
    for item in data:
        also = item.pop("also_list", None)
        out.append(Facet(**{**item, "kinds": tuple(item["kinds"])}, also_list=AlsoList(**also) if also else None))
    return tuple(out)


@cache
def fact_box() -> list[str]:
    """The order of a fact box's rows: facet names and the entry facts organisations, period, website,
    sources and reviewed."""
    listed = yaml_data.load(FACETS_FILE)["fact_box"]
    return listed + [f.name for f in all_facets() if f.fact and f.name not in listed]


def by_name(name: str) -> Facet:
    return next(f for f in all_facets() if f.name == name)


def with_pages() -> list[Facet]:
    """Facets with term pages and an overview (pillars, regions, themes): the site's cross-indexes."""
    return [f for f in all_facets() if f.pages]


def filters() -> list[Facet]:
    return [f for f in all_facets() if f.filter]


def for_kind(kind: str) -> list[Facet]:
    return [f for f in all_facets() if kind in f.kinds]
