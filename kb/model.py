"""The content model: entries (cases and guidelines) with their texts per language."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import LANGS, collation

FOLDERS = {"case": "cases", "guideline": "guidelines"}


def suggest_slug(text: str, fallback: str = "my-case") -> str:
    """A folder name for a title or a wrongly written name: letters folded to ASCII the way Finns and
    Swedes read them (Äänestys -> aanestys, Närpes -> narpes), anything else a hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or fallback


def org_name(org: dict, lang: str) -> str:
    """An organisation's name in `lang` (organisations: names: {sv: Y-Stiftelsen}), else its name as written."""
    return (org.get("names") or {}).get(lang) or org["name"]


def entry_uri(kind: str, slug: str) -> str:
    """The one place that says where an entry's page is: cases/<slug>/index.md."""
    return f"{FOLDERS[kind]}/{slug}/index.md"


@dataclass
class Text:
    lang: str
    title: str
    summary: str
    body: str
    path: str
    body_line: int = 1             # line of the file where the body starts, for messages
    follows: str = ""              # a translation: the original's reviewed date it was brought up to (original_reviewed)


@dataclass
class Entry:
    kind: str                      # "case" or "guideline"
    slug: str
    original_lang: str
    meta: dict                     # language-neutral fields, from the original file
    texts: dict = field(default_factory=dict)   # lang -> Text
    images: list = field(default_factory=list)  # file names of the checked images beside the texts

    @property
    def folder(self) -> str:
        """The top-level folder of this kind of entry, also the first segment of its address."""
        return FOLDERS[self.kind]

    @property
    def uri(self) -> str:
        return entry_uri(self.kind, self.slug)

    def text(self, lang: str) -> Text:
        """The text in `lang`, or the original when no translation exists (a fallback)."""
        return self.texts.get(lang) or self.texts[self.original_lang]

    def organisations(self, lang: str) -> list[tuple[str, dict]]:
        """The organisations as (name in `lang`, organisation), by name in the language's alphabet."""
        named = [(org_name(o, lang), o) for o in self.meta.get("organisations", [])]
        return collation.sort(named, lang, lambda pair: pair[0])

    def outdated(self) -> list[str]:
        """Translations whose original was reviewed again after them (original_reviewed before its reviewed)."""
        reviewed = self.meta.get("reviewed", "")
        return [lang for lang, text in self.texts.items() if lang != self.original_lang and text.follows and text.follows < reviewed]

    def unrecorded(self) -> list[str]:
        """Translations that do not say which review of the original they follow."""
        return [lang for lang, text in self.texts.items() if lang != self.original_lang and not text.follows]

    def missing(self) -> list[str]:
        return [lang for lang in LANGS if lang not in self.texts]

    def terms(self, field_name: str) -> list:
        value = self.meta.get(field_name, [])
        return value if isinstance(value, list) else [value]


@dataclass
class Page:
    """A hand-written site page, content/<lang>/<name>.md."""
    lang: str
    name: str                      # path inside content/<lang>/, e.g. "about.md"
    title: str
    source: str                    # the whole file, as written
    path: str = ""                 # as shown in messages
    body: str = ""
    body_line: int = 1


@dataclass
class Repository:
    cases: list = field(default_factory=list)
    guidelines: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    page_images: dict = field(default_factory=dict)   # lang -> checked images under content/<lang>/

    def entries(self):
        return self.cases + self.guidelines
