"""Relative links between files: a case or guideline may link to another by its folder or one of its
language files (../ohjaamo/, ../ohjaamo/fi.md, ../../guidelines/x/), or to an image beside it; a site
page links to generated pages by their source path (cases/x/index.md). The validator checks that each
such link leads somewhere; page generation rewrites entry links to the generated page."""
from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from .checks_body import _scheme, links_in, position
from .diagnostics import Diagnostic, problem
from .indexes import DIMENSIONS, term_page, terms
from .model import IMAGE_SUFFIXES, Repository

_ENTRY = re.compile(r"^(cases|guidelines)/([a-z0-9-]+)(?:/(?:(?:fi|sv|en)\.md|index\.md)?)?$")


def _relative(url: str) -> bool:
    return bool(url) and not url.startswith(("#", "/", "//")) and _scheme(url) is None


def entry_target(folder: str, url: str, repo: Repository) -> str | None:
    """The generated page ('cases/x/index.md#frag') an entry body's link leads to, or None."""
    parts = urlsplit(url)
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    m = _ENTRY.match(path)
    if not m or not any(e.slug == m.group(2) and e.folder == m.group(1) for e in repo.entries()):
        return None
    return f"{m.group(1)}/{m.group(2)}/index.md" + (f"#{parts.fragment}" if parts.fragment else "")


def generated_paths(repo: Repository) -> set[str]:
    paths = {"index.md", "cases/index.md", "guidelines/index.md", "search/index.md"}
    paths |= {f"{e.folder}/{e.slug}/index.md" for e in repo.entries()}
    for dim in DIMENSIONS:
        paths.add(f"{DIMENSIONS[dim][2]}/index.md")
        paths |= {term_page(dim, term) for term in terms(dim)}
    return paths


def check(root, repo: Repository) -> list[Diagnostic]:
    out = []
    for e in repo.entries():
        folder = f"{e.folder}/{e.slug}"
        for text in e.texts.values():
            for ln, col, url in _relative_links(text.body, text.body_line):
                path = posixpath.normpath(posixpath.join(folder, unquote(urlsplit(url).path)))
                ok = entry_target(folder, url, repo) or (path.lower().endswith(IMAGE_SUFFIXES) and (root / path).is_file())
                if not ok:
                    out.append(problem(text.path, ln, col, "KB307.entry_link", url=url))
    known = generated_paths(repo)
    names = {lang: {p.name for p in repo.pages if p.lang == lang} | known for lang in {p.lang for p in repo.pages}}
    for page in repo.pages:
        for ln, col, url in _relative_links(page.body, page.body_line):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page.name), unquote(urlsplit(url).path)))
            if path not in names[page.lang]:
                out.append(problem(page.path, ln, col, "KB307.page_link", url=url))
    return out


def _relative_links(body: str, first_line: int):
    for offset, _, url in links_in(body):
        if _relative(url):
            line, col = position(body, offset)
            yield first_line + line, col, url


def rewrite(body: str, folder: str, repo: Repository) -> str:
    """Point links to other entries at their generated pages (same depth, so the path stays relative).
    Uses the validator's own link finder, so every link it accepts is also rewritten."""
    for offset, _, url in sorted(links_in(body), reverse=True):
        target = entry_target(folder, url, repo) if _relative(url) else None
        if target:
            body = body[:offset] + posixpath.relpath(target, folder) + body[offset + len(url):]
    return body
