"""Relative links between files: a case or guideline may link to another by its folder or one of its
language files (../ohjaamo/, ../ohjaamo/fi.md, ../../guidelines/x/), or to an image beside it; a site
page links to generated pages by their source path (cases/x/index.md). The validator checks that each
such link leads somewhere; page generation rewrites entry links to the generated page."""
from __future__ import annotations

import difflib
import posixpath
import re
from collections import defaultdict
from urllib.parse import unquote, urlsplit

from .checks_body import line_finder, links_in
from .html_scan import scheme
from . import languages, site
from .diagnostics import Diagnostic, problem
from .inputs import is_image_name
from .model import FOLDERS, Repository, entry_uri

_ENTRY = re.compile(rf"^(cases|guidelines)/([a-z0-9-]+)(?:/(?:(?:{languages.alternation()})\.md|index\.md)?)?$")


def _relative(url: str) -> bool:
    return bool(url) and not url.startswith(("#", "/", "//")) and scheme(url) is None


def entry_target(folder: str, url: str, known: set[str]) -> str | None:
    """The generated page ('cases/x/index.md#frag') an entry body's link leads to, or None.
    `known` holds the entries' folders, e.g. {'cases/ohjaamo', 'guidelines/scaling-and-transfer'}."""
    parts = urlsplit(url)
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    m = _ENTRY.match(path)
    if not m or f"{m.group(1)}/{m.group(2)}" not in known:
        return None
    kind = next(k for k, folder in FOLDERS.items() if folder == m.group(1))
    return entry_uri(kind, m.group(2)) + (f"#{parts.fragment}" if parts.fragment else "")


def known_entries(repo: Repository) -> set[str]:
    return {f"{e.folder}/{e.slug}" for e in repo.entries()}


MAX_PER_FILE = 20   # broken links reported per file; a hostile file could hold a hundred thousand


def check(root, docs: list, known: set[str], page_docs: list) -> list[Diagnostic]:
    """Relative links in entry files (docs: (entry folder, Document)) and in site pages
    (page_docs: (lang, name, Document)); `known` holds every entry folder found."""
    out, candidates = [], sorted(known)
    for place, doc in docs:
        broken = 0
        for ln, col, url in _relative_links(doc.body, doc.body_line):
            path = posixpath.normpath(posixpath.join(place, unquote(urlsplit(url).path)))
            if entry_target(place, url, known) or (is_image_name(path) and (root / path).is_file() and not (root / path).is_symlink()):
                continue
            broken += 1
            if broken > MAX_PER_FILE:
                break
            near = difflib.get_close_matches(path.rstrip("/").split("/index.md")[0], candidates, n=1, cutoff=0.6)
            hint = {"near": "../" + posixpath.relpath(near[0], posixpath.dirname(place)) + "/"} if near else {}
            out.append(problem(doc.path, ln, col, "KB307.entry_link_near" if near else "KB307.entry_link", url=url, **hint))
    targets = site.page_uris(known)
    names = defaultdict(set)
    for lang, name, _ in page_docs:
        names[lang].add(name)
    for lang, name, doc in page_docs:
        reachable = names[lang] | targets
        broken = [(ln, col, url) for ln, col, url in _relative_links(doc.body, doc.body_line)
                  if posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(urlsplit(url).path))) not in reachable]
        out += [problem(doc.path, ln, col, "KB307.page_link", url=url) for ln, col, url in broken[:MAX_PER_FILE]]
    return out


def _relative_links(body: str, first_line: int):
    where = line_finder(body)
    for offset, _, url in links_in(body):
        if _relative(url):
            line, col = where(offset)
            yield first_line + line, col, url


def rewrite(body: str, folder: str, repo: Repository) -> str:
    """Point links to other entries at their generated pages (same depth, so the path stays relative).
    Uses the validator's own link finder, so every link it accepts is also rewritten."""
    known = known_entries(repo)
    for offset, _, url in sorted(links_in(body), reverse=True):
        target = entry_target(folder, url, known) if _relative(url) else None
        if target:
            body = body[:offset] + posixpath.relpath(target, folder) + body[offset + len(url):]
    return body
