"""The set of a language site's files, in one place: which pages are generated (at which address),
and every file the site is made of. The MkDocs hook, the export for other engines (make pages) and the
link checker all read it from here."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

from . import facets
from .model import FOLDERS, Repository, entry_uri


class EntryRef(NamedTuple):
    """An entry known only by kind and slug (the link checker's view, before contents are valid)."""
    kind: str
    slug: str

    @property
    def uri(self) -> str:
        return entry_uri(self.kind, self.slug)


def page_plan(entries) -> list[tuple[str, str, tuple]]:
    """(source path, kind of page, what the page shows) for every generated page of a language site:
    a page per entry, the overviews, a page per term of each facet with pages, the search page."""
    plan = [(e.uri, e.kind, (e,)) for e in entries]
    plan += [("cases/index.md", "cases", ()), ("guidelines/index.md", "guidelines", ())]
    for facet in facets.with_pages():
        plan.append((facet.overview_page(), "facet", (facet,)))
        plan += [(facet.term_page(term), "term", (facet, term)) for term in facet.terms]
    plan.append(("search/index.md", "search", ()))
    plan.append(("data/index.md", "data", ()))
    plan.append(("glossary/index.md", "glossary", ()))
    plan.append(("status/index.md", "status", ()))
    return plan


def page_uris(entry_folders: set[str]) -> set[str]:
    """The generated pages' addresses for entry folders such as 'cases/ohjaamo', plus the home page:
    what a relative link in a site page may point to."""
    kinds = {folder: kind for kind, folder in FOLDERS.items()}
    refs = [EntryRef(kinds[place.split("/")[0]], place.split("/", 1)[1]) for place in entry_folders]
    return {uri for uri, _, _ in page_plan(refs)} | {"index.md"}


def files(root: Path, repo: Repository, lang: str, base: str) -> dict[str, str | Path]:
    """Every file of one language's site at the address `base` (ending in /<lang>/): source path ->
    Markdown or data text, or the image on disk."""
    from . import export, feeds, pages   # they build on this module
    out: dict = {p.name: pages.expand_markers(p.source, repo, lang, p.name) for p in repo.pages if p.lang == lang}
    out.update(pages.generate(repo, lang))
    out.update(feeds.files(repo, lang, base))
    out.update(export.images(root, repo, lang))
    return out


def repository_url(root: Path, configured: str = "") -> str:
    """The repository's address on GitHub, for "edit this page" links and the footer: from GitHub Actions
    (GITHUB_REPOSITORY), else the git remote `origin` when it is on GitHub, else `configured` (mkdocs.yml:
    extra.kb_repository). Empty when none is known."""
    if os.environ.get("GITHUB_REPOSITORY"):
        return f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{os.environ['GITHUB_REPOSITORY']}"
    try:
        remote = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True, text=True).stdout.strip()
    except OSError:
        remote = ""
    m = re.fullmatch(r"(?:https://github\.com/|git@github\.com:)([\w.-]+/[\w.-]+?)(?:\.git)?/?", remote)
    return f"https://github.com/{m.group(1)}" if m else configured.rstrip("/")


def source_file(entry, lang: str) -> str:
    """The file a page of `entry` in `lang` is made from: its own language's, or the original's."""
    return f"{entry.folder}/{entry.slug}/{lang if lang in entry.texts else entry.original_lang}.md"
