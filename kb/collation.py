"""Sorting labels the way readers of a language expect: Finnish and Swedish put Å, Ä and Ö after Z
(vocabularies/languages.yml: alphabet). Python's own order puts them after every ASCII letter but
in code-point order (Ä before Å), and the system's locales are not installed everywhere the site is
built; ICU would need a compiled library. Letters outside the alphabet sort as their base letter."""
from __future__ import annotations

import unicodedata
from functools import cache

from . import languages


@cache
def _ranks(lang: str) -> dict[str, int]:
    return {letter: i for i, letter in enumerate(languages.get(lang).alphabet)}


@cache
def _char_key(char: str, lang: str) -> tuple[int, int]:
    ranks = _ranks(lang)
    if char in ranks:
        return (2, ranks[char])
    base = unicodedata.normalize("NFKD", char)[0]
    if base in ranks:
        return (2, ranks[base])
    return (1, ord(char)) if char.isdigit() else (0, ord(char)) if not char.isalpha() else (3, ord(char))


@cache   # the same labels are sorted on every page that lists them
def key(text: str, lang: str) -> tuple:
    """A sort key for `text` in `lang`: letters in the language's order, case-insensitive; spaces and
    punctuation before digits, digits before letters; ties broken by the text itself."""
    folded = text.casefold()
    return (tuple(_char_key(c, lang) for c in folded), text)


def sort(items, lang: str, label=lambda item: item) -> list:
    return sorted(items, key=lambda item: key(label(item), lang))
