"""Writing Markdown safely: escaping interpolated text and relative links between generated pages."""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote

# Python-Markdown's backslash-escapable characters (plus | for tables); escaping others would show the backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def esc(text) -> str:
    """Text as Markdown that renders literally: no markup, no HTML, no links."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", str(text)), quote=True)


def url(address: str) -> str:
    """A web address safe inside Markdown link syntax and HTML attributes: characters that could end the
    link or start markup are percent-encoded (the address still leads to the same place)."""
    return quote(str(address), safe=":/?#[]@!$&*+,;=%~-._")


def attr(text) -> str:
    """Text for an HTML attribute value or raw HTML element content."""
    return html.escape(str(text), quote=True)


def rel(from_uri: str, to_uri: str) -> str:
    """Relative link from one generated source file to another (both like 'cases/x/index.md')."""
    return _rel(posixpath.dirname(from_uri), to_uri)


def _rel(from_dir: str, to_uri: str) -> str:
    """posixpath.relpath, without its two abspath calls for the plain relative paths a site's pages have
    (tens of thousands of links in a build); other paths go to relpath itself."""
    src, dst = from_dir.split("/") if from_dir else [], to_uri.split("/")
    if {"", ".", ".."} & {*src, *dst}:
        return posixpath.relpath(to_uri, from_dir or ".")
    common = 0
    while common < len(src) and common < len(dst) and src[common] == dst[common]:
        common += 1
    return "/".join([".."] * (len(src) - common) + dst[common:]) or "."


def href(from_uri: str, to_uri: str) -> str:
    """The address of a generated page from another, for raw HTML (which the engine does not rewrite):
    regions/fi-18/ rather than regions/fi-18/index.md."""
    target = rel(from_uri, to_uri)
    return target[: -len("index.md")] if target.endswith("index.md") else target


def link(label, from_uri: str, to_uri: str) -> str:
    return f"[{esc(label)}]({rel(from_uri, to_uri)})"
