"""The files a build may read and publish. A pull request can add any file, including symbolic links
(git stores them and checkout recreates them) and files the validator would otherwise not read, so
every file in the repository's trees is looked at here: no symbolic links anywhere, and under the
content folders only Markdown and images whose bytes are really images of their type."""
from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image

from . import facets
from .diagnostics import Diagnostic, problem

# file ending -> the format Pillow must find in the file
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
# Names at the top of a language's site that belong to the theme, the search index, the data files or
# the generated pages (the facets' page folders are added from vocabularies/facets.yml).
RESERVED = ("assets", "search", "pagefind", "stylesheets", "javascripts", "feed.xml", "cases.csv",
            "sitemap.xml", "sitemap.xml.gz", "404.html", "404", "cases", "guidelines")
# What a build reads: the content trees and the code, templates and data that turn them into pages.
BUILD_INPUTS = ("cases", "guidelines", "content", "vocabularies", "schema", "overrides", "hooks", "kb", "scripts",
                "mkdocs.yml", "Makefile", "requirements.txt", "requirements-test.txt", "pyproject.toml")


def reserved(rel: str) -> bool:
    """Whether a path inside content/<lang>/ would take the place of one of the site's own files: its
    first part, or the address MkDocs makes of it (cases.csv.md -> cases.csv/), is the site's."""
    first = rel.split("/")[0]
    names = set(RESERVED) | {f.pages for f in facets.with_pages()}
    return first in names or first.removesuffix(".md") in names


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def symlinks(root: Path) -> list[Diagnostic]:
    """Every symbolic link among the build's inputs, at any depth."""
    out = []

    def report(path: Path):
        out.append(problem(_rel(root, path), 1, 1, "KB014.symlink", name=_rel(root, path)))

    folders = []
    for top in (root / name for name in BUILD_INPUTS):
        if top.is_symlink():
            report(top)
        elif top.is_dir():
            folders.append(top)
    while folders:   # a stack, not recursion: a hostile tree may be nested thousands deep
        try:
            with os.scandir(folders.pop()) as found:   # scandir knows links without asking for each file
                entries = sorted(found, key=lambda e: e.name, reverse=True)
        except OSError:   # unreadable, or removed meanwhile: reported by the readers of its files, if at all
            continue
        for entry in entries:
            if entry.name == "__pycache__" and entry.is_dir():
                continue
            if entry.is_symlink():
                report(Path(entry.path))
            elif entry.is_dir():
                folders.append(Path(entry.path))
    return out


def inside(root: Path, path: Path) -> bool:
    """Whether a path, with every link resolved, stays inside the repository."""
    return path.resolve().is_relative_to(root.resolve())


def is_image_name(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_FORMATS


def check_image(path: Path, shown: str) -> list[Diagnostic]:
    """An image must be a regular file of at most MAX_IMAGE_BYTES whose bytes decode as the format its
    ending names (a renamed HTML or SVG file is not an image)."""
    kind = IMAGE_FORMATS[path.suffix.lower()]

    def fail(reason):
        return [problem(shown, 1, 1, "KB016.image", name=shown, kind=kind, reason=reason, limit=MAX_IMAGE_BYTES // 1024)]

    if path.is_symlink() or not path.is_file():
        return fail("not a regular file")
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return fail(f"{size // 1024} KB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[kind]) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    return fail(f"{image.width} × {image.height} pixels")
                image.verify()
    except Exception as e:   # Pillow raises many kinds of errors for broken or disguised files
        return fail(type(e).__name__ if not str(e) else str(e)[:80])
    return []


def content_files(root: Path, lang: str) -> tuple[list[str], list[Diagnostic]]:
    """Images under content/<lang>/ (names relative to it) and a diagnostic for every other file that is
    not a Markdown page, or that would take the place of one of the site's own files."""
    base, images, out = root / "content" / lang, [], []
    if not base.is_dir() or base.is_symlink():
        return images, out
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not (Path(folder) / d).is_symlink())
        for name in sorted(files):
            path = Path(folder) / name
            rel, shown = _rel(base, path), _rel(root, path)
            if path.is_symlink():
                continue   # reported by symlinks()
            if reserved(rel):
                out.append(problem(shown, 1, 1, "KB015.reserved", name=shown,
                                   reserved=", ".join([*RESERVED, *(f.pages for f in facets.with_pages())])))
            elif is_image_name(name):
                found = check_image(path, shown)
                out += found
                if not found:
                    images.append(rel)
            elif not name.endswith(".md"):
                out.append(problem(shown, 1, 1, "KB015.content_file", name=shown,
                                   images=", ".join(IMAGE_FORMATS)))
    return images, out
