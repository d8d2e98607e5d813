"""Finding HTML start tags and their attributes in contributed text, the way a browser's tokenizer
reads them (attribute values may hold '>' inside quotes, a tag may run to the end of the text).
Every step moves forward, so scanning takes time in proportion to the text: no hostile input can
make it backtrack."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TAG_START = re.compile(r"<([a-zA-Z][^\s/>]*)")
_SPACE = re.compile(r"[\s/]*")
_NAME = re.compile(r"[^\s/>][^\s/>=]*")
_EQUALS = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\x00-\x20]")


@dataclass(frozen=True)
class Attribute:
    name: str          # lower case, as the browser reads it
    value: str         # character references decoded
    offset: int        # where the name starts in the scanned text
    raw: str = ""      # the value as written
    value_offset: int = -1   # where the value as written starts


@dataclass(frozen=True)
class Tag:
    name: str
    offset: int
    attributes: tuple[Attribute, ...]


def tags(text: str):
    """Yield every start tag in `text` with its attributes."""
    pos = 0
    while m := _TAG_START.search(text, pos):
        attributes, pos = _attributes(text, m.end())
        yield Tag(m.group(1).lower(), m.start(), tuple(attributes))


def _attributes(text: str, pos: int) -> tuple[list[Attribute], int]:
    out, end = [], len(text)
    while True:
        pos = _SPACE.match(text, pos).end()
        if pos >= end or text[pos] == ">":
            return out, pos + 1
        name = _NAME.match(text, pos)
        pos, value, start = name.end(), "", -1
        if eq := _EQUALS.match(text, pos):
            pos = eq.end()
            if pos < end and text[pos] in "\"'":
                close = text.find(text[pos], pos + 1)
                close = end if close < 0 else close
                value, start, pos = text[pos + 1:close], pos + 1, close + 1
            else:
                unquoted = _UNQUOTED.match(text, pos)
                value, start, pos = unquoted.group(), pos, unquoted.end()
        out.append(Attribute(name.group().lower(), html.unescape(value), name.start(), value, start))


def scheme(url: str) -> str | None:
    """The scheme a browser sees in an address (it ignores controls and spaces inside it), or None."""
    m = _SCHEME.match(_URL_NOISE.sub("", html.unescape(url)).lower())
    return m.group(1) if m else None


def same_site(url: str) -> bool:
    """Whether a browser would load `url` from this site: no scheme and not protocol-relative, after
    trimming spaces and reading backslashes as slashes, as browsers do."""
    clean = _URL_NOISE.sub("", html.unescape(url)).replace("\\", "/")
    return scheme(clean) is None and not clean.startswith("//")


def srcset_urls(value: str) -> list[str]:
    """The addresses in a srcset value ("a.png 1x, b.png 2x")."""
    return [part.split()[0] for part in value.split(",") if part.split()]
