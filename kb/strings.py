"""Interface strings per language (vocabularies/strings.yml) and language names."""
from __future__ import annotations

from functools import cache

import yaml

from .vocab import VOCAB_DIR


@cache
def all_strings() -> dict:
    return yaml.safe_load((VOCAB_DIR / "strings.yml").read_text(encoding="utf-8"))


def t(lang: str, key: str, **values) -> str:
    text = all_strings()[lang][key]
    return text.format(**values) if values else text


def language_name(lang: str) -> str:
    """A language's name in that language (suomi, svenska, English), as language lists show it."""
    return t(lang, "language_name")
