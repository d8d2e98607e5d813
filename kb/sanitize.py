"""The second line of defence: rendered HTML of every page people write (cases, guidelines, the site's
own pages) is cleaned with nh3 by the same rules the validator checks (kb/html_policy.py)."""
from __future__ import annotations

import re

import nh3

from . import html_policy, html_scan

# Tags and attributes that rendered Markdown and the generated pages need; everything else is removed.
# No <input>: task-list checkboxes become ballot boxes first, and no other form control is wanted.
TAGS = (nh3.ALLOWED_TAGS - {"area", "map"}) | {"section", "details", "summary", "dl", "dt", "dd"}
ATTRIBUTES = {"*": {"id", "class", "lang", "title", "role", "aria-label", "aria-hidden", "data-pagefind-ignore"},
              "a": {"href", "hreflang"}, "img": {"src", "alt", "width", "height"}, "th": {"scope"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
_CHECKBOX = re.compile(r'(?<=<li class="task-list-item">)\s*<input\b[^>]*\btype="checkbox"[^>]*>')


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if html_policy.id_allowed(value) else None
    if name == "class":
        return " ".join(c for c in value.split() if html_policy.class_kept(c)) or None
    if name == "src":
        return value if html_scan.same_site(value) else None
    if name == "href" and value.startswith("#") and not html_policy.id_allowed(value[1:]):
        return None   # a heading's permalink to the id dropped above (a very long heading)
    return value


def safe_id(value: str) -> bool:
    return html_policy.id_allowed(value)


def text_only(html: str) -> str:
    """HTML with every tag removed, as text (character references kept)."""
    return nh3.clean(html, tags=set(), strip_comments=True)


def ballot_boxes(html: str) -> str:
    """A checklist item is text to read, not a form control without a label: show a ballot box."""
    return _CHECKBOX.sub(lambda m: '<span class="kb-check">' + ("☑" if re.search(r"\schecked", m.group()) else "☐") + "</span>", html)


def clean(html: str) -> str:
    return nh3.clean(ballot_boxes(html), tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_attribute,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def clean_around(html: str, trusted: list[str]) -> str:
    """Clean a page that holds blocks the site generated itself (the map on a hand-written home page):
    those exact blocks are kept as they are, everything around them is cleaned. A contributor cannot
    add one: only text equal to what the generator wrote for this page is kept."""
    pieces = [(html, False)]
    for block in trusted:
        pieces = [part for piece in pieces for part in _split(piece, block)]
    return "".join(text if kept else clean(text) for text, kept in pieces)


def _split(piece: tuple[str, bool], block: str) -> list[tuple[str, bool]]:
    text, kept = piece
    if kept or block not in text:
        return [piece]
    parts = text.split(block)
    return [pair for i, part in enumerate(parts) for pair in ([(block, True)] if i else []) + [(part, False)]]
