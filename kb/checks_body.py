"""Checks of a Markdown body: required sections, link schemes, HTML that can run script or address the
theme, resources from other sites, characters, and the limits that keep rendering safe.

Every pattern here runs in time proportional to the body (bounded by line or by a character class
that cannot overlap itself), so no body can make the validator backtrack (tests/test_linear_time.py)."""
from __future__ import annotations

import bisect
import difflib
import re
from functools import lru_cache

from markdown.extensions.toc import slugify

from . import characters, html_policy, html_scan, render, vocab
from .diagnostics import Diagnostic, problem
from .document import Document
from .strings import t

SAFE_SCHEMES = {"http", "https", "mailto"}
SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
# Tags that run script, load other pages, or switch the browser's parser into raw text (plaintext, xmp ...),
# which would show the rest of the page as source.
DANGEROUS_TAGS = re.compile(r"<\s*(?:/\s*)?(script|iframe|object|embed|frame|frameset|applet|base|form|meta|link|style|svg|math|template"
                            r"|plaintext|xmp|listing|noembed|noframes|noscript|title|textarea)\b", re.I)
HEADING = re.compile(r"^(#{1,6})(?:[ \t]+|$)")
# (kind, regex with the address in group "url"); a reference definition may put its address on the next line
LINKS = [
    ("image", re.compile(r"!\[[^\[\]\n]*\]\(\s*<?(?P<url>[^)\s>]*)")),
    ("link", re.compile(r"\]\(\s*<?(?P<url>[^)\s>]*)")),
    ("link", re.compile(r"^ {0,3}\[(?!\^)[^\[\]]+\]:\s*<?(?P<url>[^\s>]+)", re.M)),
    ("link", re.compile(r"<(?P<url>[a-z][a-z0-9+.-]*:[^<>\s]*)>", re.I)),
]
REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\[\]]+\]:")
LINK_ATTRIBUTES = {"href", "action", "formaction", "xlink:href", "cite", "longdesc"}
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc"}
ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]+)\}")
# one whitespace-separated token of an attribute list; quoted values may hold spaces
ATTR_TOKEN = re.compile(r"""(?<![^\s])(?:(?P<id>#[^\s}]+)|(?P<cls>\.[^\s}]+)|(?P<key>[^\s=}"']+)=(?:"(?P<dq>[^"\n]*)"|'(?P<sq>[^'\n]*)'|(?P<uq>[^\s}]*)))""")
ADMONITION = re.compile(r"^[ \t]*!!![ \t]*(?P<types>[^\"\n]*)", re.M)
TRAILING_ATTR_LIST = re.compile(r"\{[^{}]*\}[ \t]*$")
MAX_PER_KIND = 20     # messages of one kind per file; the rest repeat the same mistake


def headings(body: str):
    """Yield (index, level, text) of Markdown headings outside fenced code blocks."""
    fence = None
    for i, line in enumerate(body.split("\n")):
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = None if fence == marker else (fence or marker)
        elif fence is None and (h := HEADING.match(line)):
            text = line[h.end():].rstrip().rstrip("#").rstrip()   # closing hashes, as Markdown drops them
            yield i, len(h.group(1)), text


def links_in(body: str) -> tuple:
    """(offset, kind, address) of every link and image address in Markdown or HTML. Code is not
    skipped: whatever could become markup is checked, even inside backticks. Remembered per body:
    the validator, the link checker and the page generator all ask."""
    return _links_in(body)


@lru_cache(maxsize=20000)
def _links_in(body: str) -> tuple:
    return tuple(_find_links(body))


def _find_links(body: str):
    seen = set()
    for what, rx in LINKS:
        for m in rx.finditer(body):
            if m.start("url") not in seen:
                seen.add(m.start("url"))
                yield m.start("url"), what, m.group("url")
    for tag in html_scan.tags(body):
        for a in tag.attributes:
            if (a.name in LINK_ATTRIBUTES or a.name in RESOURCE_ATTRIBUTES) and a.value_offset >= 0:
                kind = "image" if a.name in RESOURCE_ATTRIBUTES else "link"
                # the value as a browser reads it; links.rewrite changes only values written without references
                for url in (html_scan.srcset_urls(a.value) if a.name == "srcset" else [a.value]):
                    if a.value_offset not in seen:
                        yield a.value_offset, kind, url
                seen.add(a.value_offset)


def line_finder(body: str):
    """A function from an offset in the body to its 0-based line index and 1-based column; each call
    takes logarithmic time, so that reporting many places stays linear."""
    starts = [0] + [m.end() for m in re.finditer("\n", body)]

    def where(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line, offset - starts[line] + 1
    return where


def check(doc: Document, kind: str, lang: str) -> list[Diagnostic]:
    body, out, where = doc.body, [], line_finder(doc.body)
    seen: dict[str, int] = {}

    def diag(offset, key, **params):
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= MAX_PER_KIND:   # a hostile body could repeat one mistake a hundred thousand times
            line, col = where(offset)
            out.append(problem(doc.path, doc.body_line + line, col, key, **params))

    found, starts = [], [0] + [m.end() for m in re.finditer("\n", body)]
    for i, level, text in headings(body):
        found.append((level, text, doc.body_line + i))
        if level == 1 and kind != "page":
            diag(starts[i], "KB302.h1")
        if seen.get("KB308.heading", 0) < MAX_PER_KIND and not _heading_id_allowed(text):
            diag(starts[i], "KB308.heading", heading=text[:60], id=slugify(text, "-") or "_1")
    for m in DANGEROUS_TAGS.finditer(body):
        diag(m.start(), "KB304.tag", tag=m.group(1).lower())
    _html(body, diag)
    _attribute_lists(body, diag)
    for offset, char in characters.refused_in_body(body):
        diag(offset, "KB017.body", char=char)
    hint = t(lang, "template_hint")
    for m in re.finditer(re.escape(hint), body):
        diag(m.start(), "KB109.body_template")
    for offset, what, url in links_in(body):
        scheme = html_scan.scheme(url)
        if scheme in SCRIPT_SCHEMES:
            diag(offset, "KB304.scheme", url=url[:40], scheme=scheme)
        elif scheme and scheme not in SAFE_SCHEMES:
            diag(offset, "KB303.scheme", url=url[:60], scheme=scheme)
        elif what == "image" and not html_scan.same_site(url):
            diag(offset, "KB305.external_image", url=url[:60])
    within_limits = _limits(body, diag)
    if within_limits and not any(d.code == "KB305" for d in out):
        _rendered_resources(body, diag)
    if kind == "case":
        out += _sections(doc, lang, found)
    return out


def _heading_id_allowed(text: str) -> bool:
    """The id the toc extension gives a heading must not stand in for a theme element; an explicit
    {#id} is checked with the other attribute lists."""
    if (attrs := TRAILING_ATTR_LIST.search(text)) and re.search(r"(?<![^\s{:])#", attrs.group()):
        return True
    slug = slugify(TRAILING_ATTR_LIST.sub("", text), "-")
    return bool(slug) and html_policy.id_allowed(slug)


def _html(body: str, diag) -> None:
    for tag in html_scan.tags(body):
        if tag.name in html_policy.policy()["form_tags"]:
            diag(tag.offset, "KB310.form", tag=tag.name)
        for a in tag.attributes:
            if a.name.startswith("on"):
                diag(a.offset, "KB304.attribute", attribute=a.name)
            elif a.name == "id" and not html_policy.id_allowed(a.value):
                diag(a.offset, "KB308.id", id=a.value[:60])
            elif a.name in html_policy.policy()["naming_attributes"] and a.name != "id":
                diag(a.offset, "KB308.name", attribute=a.name)
            elif a.name == "class":
                for cls in a.value.split():
                    if not html_policy.class_allowed(cls):
                        diag(a.offset, "KB309.class", cls=cls[:40], allowed=", ".join(html_policy.policy()["classes"]))


def _attribute_lists(body: str, diag) -> None:
    """{: #id .class key=value } after a heading, paragraph or link, and !!! note admonition types."""
    allowed = ", ".join(html_policy.policy()["classes"])
    for m in ATTR_LIST.finditer(body):
        for tok in ATTR_TOKEN.finditer(m.group("body")):
            at = m.start("body") + tok.start()
            if tok.group("id") and not html_policy.id_allowed(tok.group("id")[1:]):
                diag(at, "KB308.id", id=tok.group("id")[1:61])
            elif tok.group("cls") and not html_policy.class_allowed(tok.group("cls")[1:]):
                diag(at, "KB309.class", cls=tok.group("cls")[1:41], allowed=allowed)
            elif tok.group("key"):
                key = tok.group("key").lower()
                value = tok.group("dq") or tok.group("sq") or tok.group("uq") or ""
                if key.startswith("on"):
                    diag(at, "KB304.attribute", attribute=key)
                elif key == "id" and not html_policy.id_allowed(value):
                    diag(at, "KB308.id", id=value[:60])
                elif key in html_policy.policy()["naming_attributes"] and key != "id":
                    diag(at, "KB308.name", attribute=key)
                elif key == "class" and not all(html_policy.class_allowed(c) for c in value.split()):
                    diag(at, "KB309.class", cls=value[:40], allowed=allowed)
    for m in ADMONITION.finditer(body):
        for cls in m.group("types").split():
            if not html_policy.class_allowed(cls.lower()):
                diag(m.start("types"), "KB309.class", cls=cls[:40], allowed=allowed)


def _limits(body: str, diag) -> bool:
    """Nesting depth, block size and the count of brackets; False when a limit is exceeded."""
    ok, offset, block_start, block_chars = True, 0, 0, 0
    max_depth, max_block = html_policy.limit("nesting"), html_policy.limit("block_chars")
    for line in body.split("\n"):
        if line.strip():
            if block_chars == 0:
                block_start = offset
            block_chars += len(line) + 1
            if block_chars > max_block:
                diag(block_start, "KB311.block", limit=max_block)
                ok, block_chars = False, -10 ** 9   # one message per block
            depth = _depth(line)
            if depth > max_depth:
                diag(offset, "KB311.nesting", depth=depth, limit=max_depth)
                ok = False
        else:
            block_chars = 0
        offset += len(line) + 1
    for char, name in (("[", "brackets"), ("<", "angles")):
        count, most = body.count(char), html_policy.limit(name)
        if count > most:
            diag(0, "KB311.count", char=char, count=count, limit=most)
            ok = False
    return ok


def within_limits(body: str) -> bool:
    """Whether rendering the body is safe and quick (the limits of schema/contributed-html.yml)."""
    return _limits(body, lambda *args, **kw: None)


@lru_cache(maxsize=2048)
def anchors(body: str) -> frozenset[str]:
    """The ids a rendered body has (headings, footnotes, explicit ids): what #links inside it may reach.
    Remembered: every link into the same page asks again."""
    return frozenset(a.value for tag in html_scan.tags(render.to_html(body)) for a in tag.attributes if a.name == "id")


def _depth(line: str) -> int:
    """How many lists, quotes and notes a line sits in: each '>', list marker or 4 columns of indent."""
    depth, columns, i = 0, 0, 0
    while i < len(line):
        ch = line[i]
        if ch in " \t":
            columns += 4 if ch == "\t" else 1
        elif ch == ">" or (ch in "-*+" and line[i + 1:i + 2] in (" ", "\t")):
            depth += 1 + columns // 4
            columns = 0
        else:
            break
        i += 1
    return depth + columns // 4


def _rendered_resources(body: str, diag) -> None:
    """Images whose Markdown hides them from the patterns above (brackets or a line break inside the
    alt text, reference-style images): render the lines that hold them as the site does, with the
    reference definitions, and check every src and srcset."""
    if body.count("![") == sum(1 for _ in LINKS[0][1].finditer(body)):
        return   # every image was read by the image pattern
    lines = body.split("\n")
    wanted = sorted({j for i, line in enumerate(lines) if "![" in line or REFERENCE.match(line) for j in (i, i + 1)})
    snippet = "\n\n".join(lines[i] for i in wanted if i < len(lines))
    for tag in html_scan.tags(render.to_html(snippet)):
        for a in tag.attributes:
            if a.name not in RESOURCE_ATTRIBUTES:
                continue
            for url in (html_scan.srcset_urls(a.value) if a.name == "srcset" else [a.value]):
                if not html_scan.same_site(url):
                    at = body.find(url.strip()[:40])
                    diag(max(at, 0), "KB305.external_image", url=url[:60])


def _sections(doc: Document, lang: str, headings: list) -> list[Diagnostic]:
    expected = [s["label"][lang] for s in vocab.sections()["case"]]
    found = [(text, ln) for level, text, ln in headings if level == 2]
    names = [t.strip().lower() for t, _ in found]
    others = [n for n in names if n not in {w.lower() for w in expected}][:200]  # headings that could be misnamed
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
            out.append(problem(doc.path, _where_missing(doc, expected, names, found, i), 1, "KB301.missing",
                               section=want, before=expected[i - 1]))
        else:
            out.append(problem(doc.path, _where_missing(doc, expected, names, found, i), 1, "KB301.missing_first", section=want))
    return out


def _where_missing(doc: Document, expected: list[str], names: list[str], found: list, i: int) -> int:
    """The line where a missing section belongs: at the heading of the next section that is there (it
    goes just before it), or at the end of the text."""
    for later in expected[i + 1:]:
        if later.lower() in names:
            return found[names.index(later.lower())][1]
    return doc.body_line + doc.body.rstrip("\n").count("\n")
