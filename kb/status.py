"""The editors' overview, one source for `make status`, the status page and the validator's notes: per
case and guideline its languages, translations missing or older than the original's last review, and
whether it has been reviewed within a year; the counts per evidence level, pillar and region."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import LANGS, facets
from .diagnostics import Diagnostic, problem
from .indexes import counts
from .model import Entry, Repository

STALE_AFTER_DAYS = 365
COUNTED = ("evidence", "pillars", "regions")     # facets whose counts the overview shows


@dataclass(frozen=True)
class Row:
    entry: Entry
    languages: tuple[str, ...]
    missing: tuple[str, ...]
    outdated: tuple[str, ...]       # translations older than the original's last review
    unrecorded: tuple[str, ...]     # translations that do not say which review they follow
    reviewed: str
    stale: bool                     # not reviewed for over STALE_AFTER_DAYS


def rows(repo: Repository, today: dt.date) -> list[Row]:
    out = []
    for e in repo.entries():
        reviewed = e.meta["reviewed"]
        out.append(Row(e, tuple(lg for lg in LANGS if lg in e.texts), tuple(e.missing()), tuple(e.outdated()),
                       tuple(e.unrecorded()), reviewed, (today - dt.date.fromisoformat(reviewed)).days > STALE_AFTER_DAYS))
    return out


def tallies(repo: Repository) -> dict[str, list[tuple]]:
    """Facet name -> [(term, number of cases)], in the vocabulary's order."""
    out = {}
    for name in COUNTED:
        facet = facets.by_name(name)
        n = counts(repo.cases, facet.field)
        out[name] = [(term, n[term.id]) for term in facet.terms]
    return out


def notes(repo: Repository, root: Path) -> list[Diagnostic]:
    """KB402 for every outdated translation, at its original_reviewed line."""
    out = []
    for e in repo.entries():
        for lang in e.outdated():
            path = e.texts[lang].path
            lines = (root / path).read_text(encoding="utf-8").split("\n")
            line = next((i for i, text in enumerate(lines, 1) if text.startswith("original_reviewed:")), 1)
            out.append(problem(path, line, 1, "KB402.outdated", follows=e.texts[lang].follows,
                               reviewed=e.meta["reviewed"], original=f"{e.original_lang}.md"))
    return out


def report(repo: Repository, today: dt.date) -> str:
    """`make status`: the overview as plain text for the terminal."""
    lines = [f"{'entry':52} {'languages':10} {'missing':8} {'outdated':9} {'reviewed':11}"]
    for r in rows(repo, today):
        lines.append(f"{r.entry.folder + '/' + r.entry.slug:52} {','.join(r.languages):10} {','.join(r.missing) or '-':8} "
                     f"{','.join(r.outdated) or '-':9} {r.reviewed}{' (over a year ago)' if r.stale else ''}")
    for name, values in tallies(repo).items():
        lines.append("")
        lines.append(f"cases by {name}: " + ", ".join(f"{term.id} {n}" for term, n in values))
    return "\n".join(lines) + "\n"
