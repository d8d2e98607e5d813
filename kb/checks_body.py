"""Checks of a Markdown body: required sections, link schemes, script-capable HTML, external images."""
from __future__ import annotations

import difflib
import html
import re

from . import LANGS, vocab
from .strings import t
from .diagnostics import Diagnostic
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
        diag = lambda code, col, msg, fix: out.append(Diagnostic(doc.path, ln, col + 1, code, msg, fix))  # noqa: E731
        if (h := HEADING.match(line)):
            headings.append((len(h.group(1)), h.group(2), ln))
            if len(h.group(1)) == 1 and kind != "page":
                diag("KB302", 0, "The body has a level-1 heading ('# ...'); the page title comes from 'title'.",
                     "make it a level-2 heading ('## ...') or delete it.")
        if (m := DANGEROUS_TAGS.search(line)):
            diag("KB304", m.start(), f"The HTML tag <{m.group(1).lower()}> is not allowed: it can run script or load other pages.",
                 "delete the HTML and write plain Markdown.")
        if (m := EVENT_ATTR.search(line)):
            diag("KB304", m.start(1), f"The HTML attribute {m.group(1)}= can run script and is not allowed.",
                 "delete the HTML and write plain Markdown.")
        if hint and hint in line:
            diag("KB109", line.index(hint), "This section still has the template's example text.",
                 "replace it with your own text.")
        for what, col, url in links_in_line(line):
            scheme = _scheme(url)
            if scheme in SCRIPT_SCHEMES:
                diag("KB304", col, f"The address {url[:40]!r} uses '{scheme}:', which can run script.",
                     "link to an https:// page instead.")
            elif scheme and scheme not in SAFE_SCHEMES:
                diag("KB303", col, f"The address {url[:60]!r} uses '{scheme}:', which is not allowed.",
                     "use an https://, http:// or mailto: address, or a relative link.")
            elif what == "image" and (scheme or url.startswith("//")):
                diag("KB305", col, f"The image {url[:60]!r} is loaded from another site.",
                     "save the image beside the Markdown file and link it by its file name.")
    if kind == "case":
        out += _sections(doc, lang, headings)
    return out


def _sections(doc: Document, lang: str, headings: list) -> list[Diagnostic]:
    expected = [s["label"][lang] for s in vocab.sections()["case"]]
    found = [(text, ln) for level, text, ln in headings if level == 2]
    names = [t.strip().lower() for t, _ in found]
    others = [n for n in names if n not in {w.lower() for w in expected}]  # headings that could be misnamed
    out, last = [], -1
    for want in expected:
        if want.lower() in names:
            idx = names.index(want.lower())
            if idx < last:
                out.append(Diagnostic(doc.path, found[idx][1], 1, "KB301", f"The section '## {want}' is out of order.",
                                      f"put the sections in this order: {' / '.join(expected)}."))
            last = max(last, idx)
            continue
        near = [n for n in others if n and (n in want.lower() or want.lower() in n)][:1] or \
            difflib.get_close_matches(want.lower(), others, n=1, cutoff=0.5)
        at = found[names.index(near[0])][1] if near else doc.body_line
        before = expected[expected.index(want) - 1] if expected.index(want) else None
        where = f" after the section '## {before}'" if before else " at the start of the text"
        hint = f"rename '## {found[names.index(near[0])][0]}' to '## {want}'" if near else f"add a section '## {want}'{where}"
        out.append(Diagnostic(doc.path, at, 1, "KB301", f"The required section '## {want}' is missing.", hint + "."))
    return out
