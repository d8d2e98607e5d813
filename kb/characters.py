"""Characters that contributed text may not hold: they break feeds and pages (controls, surrogates,
non-characters), hide or reorder what an editor reads in a pull request (bidirectional controls,
invisible characters), or defeat the duplicate-title check."""
from __future__ import annotations

import re
import unicodedata

SOFT_HYPHEN = "\u00ad"   # allowed: a hint where to break long Finnish and Swedish compounds
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# In bodies: controls other than tab and newline, non-characters and bidirectional controls. The
# non-characters beyond the first plane are searched for only in text that has such characters at all
# (a character class holding them makes every search several times slower).
_BODY = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_NONCHAR = re.compile("[" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17)) + "]")


# Every character _kind refuses, as ranges a regular expression finds at C speed (tests/test_characters.py
# checks, over all of Unicode, that nothing _kind refuses is missing); the non-characters of the other
# planes are added below.
_BMP_CANDIDATES = re.compile("[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E"
                             "\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uD800-\uDFFF\uFDD0-\uFDEF\uFEFF\uFFF9-\uFFFB\uFFFE-\uFFFF]")
_CANDIDATES = re.compile(_BMP_CANDIDATES.pattern[:-1] + "\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3"
                         "\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F"
                         + "".join(f"{chr(p * 0x10000 + 0xFFFE)}-{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17)) + "]")


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
    candidates = _CANDIDATES if _ASTRAL.search(text) else _BMP_CANDIDATES
    for m in candidates.finditer(text):
        if _kind(m.group()):
            return m.start(), describe(m.group())
    return None


def refused_in_body(text: str):
    """Yield (offset, description) of each character a body may not hold."""
    found = list(_BODY.finditer(text))
    if _ASTRAL.search(text):
        found = sorted([*found, *_ASTRAL_NONCHAR.finditer(text)], key=lambda m: m.start())
    for m in found:
        yield m.start(), describe(m.group())


def comparable(title: str) -> str:
    """A title as the duplicate check compares it: NFKC, case-folded, invisible characters and
    extra spaces removed."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\n\t")
    return " ".join(text.casefold().split())
