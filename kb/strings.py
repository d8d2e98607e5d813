"""Interface strings per language (vocabularies/strings.yml) and language names."""
from __future__ import annotations

from functools import cache

from . import yaml_data
from .languages import FALLBACK
from .vocab import VOCAB_DIR


@cache
def all_strings() -> dict:
    return yaml_data.load(VOCAB_DIR / "strings.yml")


def t(lang: str, key: str, **values) -> str:
    """An interface string in `lang`, or in English where the language does not have it yet."""
    text = all_strings().get(lang, {}).get(key) or all_strings()[FALLBACK][key]
    return text.format(**values) if values else text


def missing(lang: str) -> list[str]:
    """Interface strings English has and `lang` does not (shown in English until translated)."""
    return [key for key in all_strings()[FALLBACK] if key not in all_strings().get(lang, {})]


def language_name(lang: str) -> str:
    """A language's name in that language (suomi, svenska, English), as language lists show it."""
    return t(lang, "language_name")
