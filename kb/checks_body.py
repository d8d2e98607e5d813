"""Checks of a Markdown body: required sections, link schemes, script-capable HTML, external images."""
from __future__ import annotations

import difflib
import html
import re

from . import LANGS, vocab
from .strings import t
from .diagnostics import Diagnostic, problem
from .document import Document

SAFE_SCHEMES = {"http", "https", "mailto"}
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
DANGEROUS_TAGS = re.compile(r"<\s*/?\s*(script|iframe|object|embed|frame|frameset|applet|base|form|meta|link|style|svg|math|template)\b", re.I)
EVENT_ATTR = re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.I)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# (kind, regex with the address in group "url")
LINKS = [
    ("image", re.compile(r"!\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]*)")),
    ("link", re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<url>[^)\s>]*)")),
    ("link", re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)")),
    ("link", re.compile(r"<(?P<url>[a-z][a-z0-9+.-]*:[^>\s]*)>", re.I)),
    ("image", re.compile(r"<img\b[^>]*\ssrc\s*=\s*[\"']?(?P<url>[^\"'\s>]+)", re.I)),
    ("link", re.compile(r"\s(?:href|action|formaction|xlink:href|src)\s*=\s*[\"']?(?P<url>[^\"'\s>]+)", re.I)),
]


def prose_lines(body: str):
    """Yield (index, line) outside fenced code blocks, with inline code spans blanked out."""
    fence = None
    for i, line in enumerate(body.split("\n")):
        stripped = line.lstrip()
        marker = stripped[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
            continue
        if fence is None:
            yield i, re.sub(r"`[^`]*`", lambda m: " " * len(m.group()), line)


def links_in_line(line: str):
    """Yield (kind, column, address) of every link and image address in one line of Markdown or HTML."""
    seen = set()
    for what, rx in LINKS:
        for m in rx.finditer(line):
            if m.start("url") not in seen:
                seen.add(m.start("url"))
                yield what, m.start("url"), m.group("url")


def _scheme(url: str) -> str | None:
    clean = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()  # browsers ignore these too
    m = re.match(r"([a-z][a-z0-9+.-]*):", clean)
    return m.group(1) if m else None


def check(doc: Document, kind: str, lang: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    headings = []
    hint = t(lang, "template_hint") if lang in LANGS else None
    for i, line in prose_lines(doc.body):
        ln = doc.body_line + i
        diag = lambda col, key, **params: out.append(problem(doc.path, ln, col + 1, key, **params))  # noqa: E731
        if (h := HEADING.match(line)):
            headings.append((len(h.group(1)), h.group(2), ln))
            if len(h.group(1)) == 1 and kind != "page":
                diag(0, "KB302.h1")
        if (m := DANGEROUS_TAGS.search(line)):
            diag(m.start(), "KB304.tag", tag=m.group(1).lower())
        if (m := EVENT_ATTR.search(line)):
            diag(m.start(1), "KB304.attribute", attribute=m.group(1))
        if hint and hint in line:
            diag(line.index(hint), "KB109.body_template")
        for what, col, url in links_in_line(line):
            scheme = _scheme(url)
            if scheme in SCRIPT_SCHEMES:
                diag(col, "KB304.scheme", url=url[:40], scheme=scheme)
            elif scheme and scheme not in SAFE_SCHEMES:
                diag(col, "KB303.scheme", url=url[:60], scheme=scheme)
            elif what == "image" and (scheme or url.startswith("//")):
                diag(col, "KB305.external_image", url=url[:60])
    if kind == "case":
        out += _sections(doc, lang, headings)
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
