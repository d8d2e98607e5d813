"""Writing one language's complete Markdown sources to disk (hand-written pages with their markers
filled in, generated pages, images), so that any static-site engine can build the site."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import site
from .model import Repository


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
    all_files = site.files(root, repo, lang, base)
    for uri, content in all_files.items():
        target = out_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    return len(all_files)
