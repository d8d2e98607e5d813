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

from .checks_body import anchors, line_finder, links_in, within_limits
from .html_scan import scheme
from . import LANGS, html_policy, languages, site
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
    if parts.fragment and not html_policy.id_allowed(parts.fragment):
        return None   # a fragment is an id: anything else is not a link to a heading
    kind = next(k for k, folder in FOLDERS.items() if folder == m.group(1))
    return entry_uri(kind, m.group(2)) + (f"#{parts.fragment}" if parts.fragment else "")


def known_entries(repo: Repository) -> set[str]:
    return {f"{e.folder}/{e.slug}" for e in repo.entries()}


MAX_PER_FILE = 20   # broken links reported per file; a hostile file could hold a hundred thousand


def check(root, docs: list, known: set[str], page_docs: list) -> list[Diagnostic]:
    """Relative links in entry files (docs: (entry folder, Document)) and in site pages
    (page_docs: (lang, name, Document)); `known` holds every entry folder found."""
    out, candidates = [], sorted(known)
    headings = _Headings(docs)
    for place, doc in docs:
        out += _fragments(doc)
        broken = 0
        for ln, col, url in _relative_links(doc):
            path = posixpath.normpath(posixpath.join(place, unquote(urlsplit(url).path)))
            target = entry_target(place, url, known)
            if target and "#" in target and not headings.reachable(place, doc, *target.split("#", 1)):
                out.append(problem(doc.path, ln, col, "KB307.other_anchor", url=url))
                continue
            if target or (is_image_name(path) and (root / path).is_file() and not (root / path).is_symlink()):
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
        broken = [(ln, col, url) for ln, col, url in _relative_links(doc)
                  if posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(urlsplit(url).path))) not in reachable]
        out += [problem(doc.path, ln, col, "KB307.page_link", url=url) for ln, col, url in broken[:MAX_PER_FILE]]
    return out


class _Headings:
    """The ids of each entry's page in every language, found by rendering (only for the entries that
    links point into): a heading's id differs between languages, and a page in a language the entry
    has no text in shows its original."""

    def __init__(self, docs: list):
        self.docs = defaultdict(dict)
        for place, doc in docs:
            self.docs[place][doc.path.rsplit("/", 1)[-1].removesuffix(".md")] = doc

    def shown(self, place: str, lang: str):
        """The file whose text the page of `place` shows in `lang`: its own, or the original's."""
        texts = self.docs.get(place, {})
        return texts.get(lang) or next((d for d in texts.values() if "translated_from" not in d.meta), None)

    def reachable(self, place: str, doc, uri: str, fragment: str) -> bool:
        """Whether a link in `doc` (of entry `place`) to uri#fragment finds its anchor on every page that
        shows `doc`."""
        if fragment == "sources":
            return True
        target = uri.removesuffix("/index.md")
        langs = [lang for lang in LANGS if self.shown(place, lang) is doc] or [None]
        found = [self.shown(target, lang) if lang else None for lang in langs]
        return all(d is not None and within_limits(d.body) and fragment in anchors(d.body) for d in found)


def of(doc) -> tuple:
    """(line, column, address) of each relative and in-page link in a document's body, found once and
    kept with it (and with its remembered checks, kb/check_cache.py)."""
    if doc.links is None:
        where = line_finder(doc.body)
        doc.links = tuple((doc.body_line + line, col, url) for offset, _, url in links_in(doc.body)
                          if url.startswith("#") or _relative(url) for line, col in [where(offset)])
    return doc.links


def _fragments(doc) -> list[Diagnostic]:
    """Links within the page (#heading) must reach one of its ids, or the strict build would stop."""
    local = [(line, col, url) for line, col, url in of(doc) if url.startswith("#") and len(url) > 1]
    if not local or not within_limits(doc.body):
        return []
    ids = anchors(doc.body) | {"sources"}   # the list of sources the page generator adds
    out = [problem(doc.path, line, col, "KB307.anchor", url=url, anchors=", ".join(sorted(ids))[:300])
           for line, col, url in local if unquote(url[1:]) not in ids]
    return out[:MAX_PER_FILE]


def _relative_links(doc):
    return [(line, col, url) for line, col, url in of(doc) if not url.startswith("#")]


def rewrite(body: str, folder: str, repo: Repository, known: set[str] | None = None) -> str:
    """Point links to other entries at their generated pages (same depth, so the path stays relative).
    Uses the validator's own link finder, so every link it accepts is also rewritten."""
    known = known if known is not None else known_entries(repo)   # pass it in when rewriting many bodies
    for offset, _, url in sorted(links_in(body), reverse=True):
        if body[offset:offset + len(url)] != url:
            continue   # written with character references: left as it is (the validator has read it)
        target = entry_target(folder, url, known) if _relative(url) else None
        if target:
            path, _, fragment = target.partition("#")
            body = body[:offset] + posixpath.relpath(path, folder) + (f"#{fragment}" if fragment else "") + body[offset + len(url):]
    return body
