"""Characters that contributed text may not hold: they break feeds and pages (controls, surrogates,
non-characters), hide or reorder what an editor reads in a pull request (bidirectional controls,
invisible characters), or defeat the duplicate-title check."""
from __future__ import annotations

import re
import unicodedata

SOFT_HYPHEN = "\u00ad"   # allowed: a hint where to break long Finnish and Swedish compounds
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NONCHAR = "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
# In bodies: controls other than tab and newline, non-characters and bidirectional controls.
_BODY = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}{_NONCHAR}]")


def _kind(ch: str) -> str | None:
    cp = ord(ch)
    if ch in "\n\t" or ch == SOFT_HYPHEN:
        return None
    category = unicodedata.category(ch)
    if category == "Cs":
        return "surrogate"
    if 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE:
        return "noncharacter"
    if category == "Cc" or category in ("Zl", "Zp"):
        return "control"
    if category == "Cf":
        return "bidi" if re.match(f"[{_BIDI}]", ch) else "invisible"
    return None


def describe(ch: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE: how a message names a character no one can see."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}"


def refused_in_field(text: str) -> tuple[int, str] | None:
    """(offset, description) of the first character a front-matter text may not hold, or None."""
    for i, ch in enumerate(text):
        if _kind(ch):
            return i, describe(ch)
    return None


def refused_in_body(text: str):
    """Yield (offset, description) of each character a body may not hold."""
    for m in _BODY.finditer(text):
        yield m.start(), describe(m.group())


def comparable(title: str) -> str:
    """A title as the duplicate check compares it: NFKC, case-folded, invisible characters and
    extra spaces removed."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\n\t")
    return " ".join(text.casefold().split())
