"""The site's languages (vocabularies/languages.yml): one list drives every language-specific part."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import yaml_data

LANGUAGES_FILE = Path(__file__).resolve().parent.parent / "vocabularies" / "languages.yml"
FALLBACK = "en"   # where a string, label or message is missing


@dataclass(frozen=True)
class Language:
    code: str
    date_format: str
    theme: str
    search_analysers: tuple[str, ...] = ()   # kb/morphology.py: how search finds other forms of a word
    alphabet: str = "abcdefghijklmnopqrstuvwxyz"   # kb/collation.py: the order the language sorts letters in
    og_locale: str = ""                             # kb/structured_data.py: for link previews


@cache
def languages() -> tuple[Language, ...]:
    data = yaml_data.load(LANGUAGES_FILE)
    return tuple(Language(**{**item, "search_analysers": tuple(item.get("search_analysers") or ())}) for item in data["languages"])


def codes() -> tuple[str, ...]:
    return tuple(lg.code for lg in languages())


def get(code: str) -> Language:
    return next(lg for lg in languages() if lg.code == code)


def alternation() -> str:
    """The codes as a regular-expression alternation, such as fi|sv|en for Finnish, Swedish and English."""
    return "|".join(codes())


def date(iso: str, lang: str) -> str:
    """A YYYY-MM-DD date as readers of the language write it: 28.11.2026, or 28 November 2026."""
    from babel import Locale, UnknownLocaleError   # here: the validator, which never formats a date, starts sooner
    from babel.dates import format_date
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse(get(lang).theme)
    return format_date(dt.date.fromisoformat(iso), get(lang).date_format, locale=locale)


class Translated(dict):
    """Texts per language that fall back to English where a language has none yet."""

    def __missing__(self, lang):
        return dict.get(self, FALLBACK, "")
