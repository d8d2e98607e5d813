"""Loading the whole repository: scanning cases/, guidelines/ and content/, reading every file,
running every check, and joining each entry's language files into one Entry."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from . import LANGS, checks_body, checks_meta, document, links
from .diagnostics import Diagnostic
from .model import Entry, Page, Repository, Text

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
KINDS = {"cases": "case", "guidelines": "guideline"}


def load(root: Path) -> tuple[Repository, list[Diagnostic]]:
    repo, diags = Repository(), []
    for folder, kind in KINDS.items():
        entries, found = _load_kind(root, folder, kind)
        getattr(repo, folder).extend(entries)
        diags += found
    diags += _duplicates(repo)
    pages, found = _load_pages(root)
    repo.pages, diags = pages, diags + found
    diags += links.check(root, repo)
    return repo, sorted(set(diags))


def _rel(root: Path, p: Path) -> str:
    return p.relative_to(root).as_posix()


def _visible(folder: Path):
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _load_kind(root: Path, folder: str, kind: str):
    base, entries, diags = root / folder, [], []
    if not base.is_dir():
        return entries, diags
    for item in _visible(base):
        where = _rel(root, item)
        if not item.is_dir():
            if item.name != "README.md":
                diags.append(Diagnostic(where, 1, 1, "KB202", f"{folder}/ holds one folder per {kind}, not loose files.",
                                        f"move it to {folder}/<slug>/<lang>.md, e.g. {folder}/my-{kind}/fi.md."))
            continue
        if not SLUG.match(item.name):
            suggestion = re.sub(r"[^a-z0-9]+", "-", item.name.lower()).strip("-") or "my-" + kind
            diags.append(Diagnostic(where, 1, 1, "KB201", f"The folder name {item.name!r} is not a valid slug.",
                                    f"rename the folder to lowercase letters a-z, digits and hyphens, e.g. {suggestion!r}."))
            continue
        entry, found = _load_entry(root, item, kind)
        diags += found
        if entry:
            entries.append(entry)
    return entries, diags


def _load_entry(root: Path, folder: Path, kind: str):
    docs, diags = {}, []
    for item in _visible(folder):
        where = _rel(root, item)
        lang = item.name[:-3] if item.name.endswith(".md") else None
        if lang in LANGS:
            doc, found = document.read(item, where)
            diags += found
            if doc:
                docs[lang] = doc
        elif item.is_file() and item.suffix.lower() in IMAGE_SUFFIXES:
            continue
        else:
            diags.append(Diagnostic(where, 1, 1, "KB202", f"Unexpected {'folder' if item.is_dir() else 'file'} {item.name!r}.",
                                    "name language files fi.md, sv.md or en.md; images may be .png, .jpg, .webp or .gif."))
    if not docs:
        if not diags:
            diags.append(Diagnostic(_rel(root, folder), 1, 1, "KB208", "This folder has no language file.",
                                    "add fi.md, sv.md or en.md (make new-case SLUG=... LANG=... writes one)."))
        return None, diags
    originals = [lang for lang, d in docs.items() if "translated_from" not in d.meta]
    for lang, doc in docs.items():
        diags += _check_file(doc, kind, lang, docs, originals)
    if len(originals) != 1:
        names = ", ".join(f"{lang}.md" for lang in (originals or docs))
        for lang in (originals[1:] if originals else list(docs)[:1]):
            diags.append(Diagnostic(docs[lang].path, 2, 1, "KB204",
                                    f"Exactly one file must be the original, with all fields; here: {names or 'none'}.",
                                    "keep the shared fields in one file; in the others keep only translated_from, title and summary."))
    if diags:
        return None, diags
    original = originals[0]
    texts = {lang: Text(lang, d.meta["title"], d.meta["summary"], d.body, d.path, d.body_line) for lang, d in docs.items()}
    meta = {k: v for k, v in docs[original].meta.items() if k not in ("title", "summary")}
    return Entry(kind, folder.name, original, meta, texts), []


def _check_file(doc, kind, lang, docs, originals):
    is_translation = "translated_from" in doc.meta
    diags = checks_meta.check(doc, kind, is_translation) + checks_body.check(doc, kind, lang)
    source = doc.meta.get("translated_from")
    at = doc.pos("translated_from")
    if source == lang:
        diags.append(Diagnostic(doc.path, *at, "KB209", f"This file says it translates itself ({lang}).",
                                "name the language of the original file, or delete translated_from if this is the original."))
    elif is_translation and source in LANGS and source not in originals:
        diags.append(Diagnostic(doc.path, *at, "KB205", f"translated_from: {source}, but {source}.md "
                                + ("is itself a translation." if source in docs else "does not exist."),
                                f"set translated_from to the original's language ({', '.join(originals) or 'none yet'}) or add the original {source}.md."))
    return diags


def _duplicates(repo: Repository) -> list[Diagnostic]:
    diags, slugs, titles = [], {}, defaultdict(list)
    for e in repo.entries():
        if e.slug in slugs:
            diags.append(Diagnostic(e.text(e.original_lang).path, 1, 1, "KB203",
                                    f"The slug {e.slug!r} is also used by {slugs[e.slug]}.",
                                    "rename this folder to a slug of its own."))
        slugs.setdefault(e.slug, e.text(e.original_lang).path)
        for lang, t in e.texts.items():
            titles[(e.kind, lang, t.title.strip().lower())].append(t.path)
    for paths in titles.values():
        for p in paths[1:]:
            diags.append(Diagnostic(p, 2, 1, "KB203", f"Another file has the same title: {paths[0]}.",
                                    "if this is the same innovation, edit the existing file; otherwise give it a distinct title."))
    return diags


def _load_pages(root: Path):
    pages, diags, names = [], [], defaultdict(set)
    for lang in LANGS:
        base = root / "content" / lang
        if not base.is_dir():
            continue
        for f in sorted(base.rglob("*.md")):
            doc, found = document.read(f, _rel(root, f))
            diags += found
            if not doc:
                continue
            diags += checks_body.check(doc, "page", lang)
            title = doc.meta.get("title")
            if not isinstance(title, str) or not title.strip():
                diags.append(Diagnostic(doc.path, 1, 1, "KB102", "The page has no 'title'.", "add 'title: ...' to the front matter."))
                continue
            name = f.relative_to(base).as_posix()
            names[name].add(lang)
            pages.append(Page(lang, name, title, f.read_text(encoding="utf-8-sig"), doc.path, doc.body, doc.body_line))
    for name, langs in names.items():
        for lang in sorted(set(LANGS) - langs):
            diags.append(Diagnostic(f"content/{lang}/{name}", 1, 1, "KB210",
                                    f"The site page {name} exists in {', '.join(sorted(langs))} but not in {lang}.",
                                    f"add content/{lang}/{name} (site pages must exist in every language)."))
    return pages, diags
