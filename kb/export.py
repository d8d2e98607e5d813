"""Writing one language's complete Markdown sources to disk (hand-written pages with their markers
filled in, generated pages, images), so that any static-site engine can build the site."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import feeds, pages
from .model import Repository

def sources(repo: Repository, lang: str) -> dict[str, str]:
    """Every Markdown page of one language: source path -> Markdown."""
    out = {p.name: pages.expand_markers(p.source, repo, lang, p.name) for p in repo.pages if p.lang == lang}
    out.update(pages.generate(repo, lang))
    return out


def images(root: Path, repo: Repository, lang: str) -> dict[str, Path]:
    """The checked images of one language's site: those beside case and guideline files, and those
    under content/<lang>/. Source path -> file on disk."""
    out = {f"{e.folder}/{e.slug}/{name}": root / e.folder / e.slug / name for e in repo.entries() for name in e.images}
    out.update({name: root / "content" / lang / name for name in repo.page_images.get(lang, [])})
    return out


def write(root: Path, repo: Repository, lang: str, out_dir: Path, base: str) -> int:
    """Write the sources of `lang` into out_dir (emptied first), with the data files for the site
    address `base` (ending in /<lang>/). Returns the number of files."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    count = 0
    for uri, text in {**sources(repo, lang), **feeds.files(repo, lang, base)}.items():
        target = out_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
    for uri, src in images(root, repo, lang).items():
        (out_dir / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out_dir / uri)
        count += 1
    return count
