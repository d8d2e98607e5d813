"""Controlled vocabularies, read from vocabularies/*.yml: stable ids with labels and descriptions
in fi, sv and en."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from . import yaml_data
from .languages import Translated

VOCAB_DIR = Path(__file__).resolve().parent.parent / "vocabularies"


@dataclass(frozen=True)
class Term:
    id: str | int
    label: dict
    description: dict

    @property
    def slug(self) -> str:
        """The term's path segment: ids are written in lower case in addresses (FI-18 -> fi-18)."""
        return str(self.id).lower()


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    def get(self, term_id) -> Term | None:
        try:
            return self._by_id.get(term_id)
        except TypeError:   # an unhashable value from a broken file: no term has it
            return None

    @cached_property
    def _by_id(self) -> dict:
        return {t.id: t for t in reversed(self.terms)}   # the first of equal ids, as a search would find

    def get_id(self, text: str):
        """The id written as text ('1' for the evidence level 1)."""
        return next((t.id for t in self.terms if str(t.id) == str(text)), text)

    def ids(self) -> list:
        return [t.id for t in self.terms]

    def suggest(self, value) -> list[str]:
        """Allowed ids nearest to a wrong value, matching ids and labels in any language."""
        text = str(value).strip().lower()
        names = {}
        for t in self.terms:
            names[str(t.id).lower()] = t.id
            for label in t.label.values():
                names.setdefault(str(label).lower(), t.id)
        hits = difflib.get_close_matches(text, names, n=5, cutoff=0.6)
        return list(dict.fromkeys(str(names[h]) for h in hits))[:3]


@cache
def load(name: str) -> Vocabulary:
    data = yaml_data.load(VOCAB_DIR / f"{name}.yml")
    return Vocabulary(name, tuple(Term(t["id"], Translated(t["label"]), Translated(t["description"])) for t in data["terms"]))


@cache
def sections() -> dict:
    data = yaml_data.load(VOCAB_DIR / "sections.yml")
    return {kind: [dict(s, label=Translated(s["label"])) for s in items] for kind, items in data.items()}
