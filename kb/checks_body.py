"""Checks of a Markdown body: required sections, link schemes, script-capable HTML, external images."""
from __future__ import annotations

import difflib
import html
import re

from . import vocab
from .diagnostics import Diagnostic, problem
from .document import Document
from .strings import t

SAFE_SCHEMES = {"http", "https", "mailto"}
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
DANGEROUS_TAGS = re.compile(r"<\s*/?\s*(script|iframe|object|embed|frame|frameset|applet|base|form|meta|link|style|svg|math|template)\b", re.I)
EVENT_ATTR = re.compile(r"<[a-z][^>]*?[\s/\"'](on[a-z]+)\s*=", re.I)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# (kind, regex with the address in group "url"); a reference definition may put its address on the next line
LINKS = [
    ("image", re.compile(r"!\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]*)")),
    ("link", re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]*)")),
    ("link", re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<url>[^\s>]+)", re.M)),
    ("link", re.compile(r"<(?P<url>[a-z][a-z0-9+.-]*:[^>\s]*)>", re.I)),
    ("image", re.compile(r"<img\b[^>]*?[\s/]src\s*=\s*[\"']?(?P<url>[^\"'\s>]+)", re.I)),
    ("link", re.compile(r"[\s/](?:href|action|formaction|xlink:href|src)\s*=\s*[\"']?(?P<url>[^\"'\s>]+)", re.I)),
]


def headings(body: str):
    """Yield (index, level, text) of Markdown headings outside fenced code blocks."""
    fence = None
    for i, line in enumerate(body.split("\n")):
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
        elif fence is None and (h := HEADING.match(line)):
            yield i, len(h.group(1)), h.group(2)


def links_in(body: str):
    """Yield (offset, kind, address) of every link and image address in Markdown or HTML. Code is not
    skipped: whatever could become markup is checked, even inside backticks."""
    seen = set()
    for what, rx in LINKS:
        for m in rx.finditer(body):
            if m.start("url") not in seen:
                seen.add(m.start("url"))
                yield m.start("url"), what, m.group("url")


def position(body: str, offset: int) -> tuple[int, int]:
    """0-based line index and 1-based column of an offset in the body."""
    line = body.count("\n", 0, offset)
    return line, offset - (body.rfind("\n", 0, offset) + 1) + 1


def _scheme(url: str) -> str | None:
    clean = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()  # browsers ignore these too
    m = re.match(r"([a-z][a-z0-9+.-]*):", clean)
    return m.group(1) if m else None


def check(doc: Document, kind: str, lang: str) -> list[Diagnostic]:
    body, out = doc.body, []

    def diag(offset, key, **params):
        line, col = position(body, offset)
        out.append(problem(doc.path, doc.body_line + line, col, key, **params))

    found = []
    for i, level, text in headings(body):
        found.append((level, text, doc.body_line + i))
        if level == 1 and kind != "page":
            out.append(problem(doc.path, doc.body_line + i, 1, "KB302.h1"))
    for m in DANGEROUS_TAGS.finditer(body):
        diag(m.start(), "KB304.tag", tag=m.group(1).lower())
    for m in EVENT_ATTR.finditer(body):
        diag(m.start(1), "KB304.attribute", attribute=m.group(1))
    hint = t(lang, "template_hint")
    for m in re.finditer(re.escape(hint), body):
        diag(m.start(), "KB109.body_template")
    for offset, what, url in links_in(body):
        scheme = _scheme(url)
        if scheme in SCRIPT_SCHEMES:
            diag(offset, "KB304.scheme", url=url[:40], scheme=scheme)
        elif scheme and scheme not in SAFE_SCHEMES:
            diag(offset, "KB303.scheme", url=url[:60], scheme=scheme)
        elif what == "image" and (scheme or url.startswith("//")):
            diag(offset, "KB305.external_image", url=url[:60])
    if kind == "case":
        out += _sections(doc, lang, found)
    return out


def _sections(doc: Document, lang: str, headings: list) -> list[Diagnostic]:
    expected = [s["label"][lang] for s in vocab.sections()["case"]]
    found = [(text, ln) for level, text, ln in headings if level == 2]
    names = [t.strip().lower() for t, _ in found]
    others = [n for n in names if n not in {w.lower() for w in expected}]  # headings that could be misnamed
    out, last = [], -1
    for i, want in enumerate(expected):
        if want.lower() in names:
            idx = names.index(want.lower())
            if idx < last:
                out.append(problem(doc.path, found[idx][1], 1, "KB301.order", section=want, order=" / ".join(expected)))
            last = max(last, idx)
            continue
        near = [n for n in others if n and (n in want.lower() or want.lower() in n)][:1] or \
            difflib.get_close_matches(want.lower(), others, n=1, cutoff=0.5)
        if near:
            heading, line = found[names.index(near[0])]
            out.append(problem(doc.path, line, 1, "KB301.misnamed", section=want, found=heading))
        elif i:
            out.append(problem(doc.path, doc.body_line, 1, "KB301.missing", section=want, before=expected[i - 1]))
        else:
            out.append(problem(doc.path, doc.body_line, 1, "KB301.missing_first", section=want))
    return out
