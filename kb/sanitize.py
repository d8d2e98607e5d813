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
