"""Loading the whole repository: scanning cases/, guidelines/ and content/, reading every file,
running every check, and joining each entry's language files into one Entry."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from functools import partial
from pathlib import Path

from . import LANGS, characters, check_cache, checks_body, checks_meta, document, inputs, links, parallel
from .diagnostics import Diagnostic, problem
from .model import FOLDERS, Entry, Page, Repository, Text, suggest_slug

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = {folder: kind for kind, folder in FOLDERS.items()}


_PRELOADED: dict = {}


def preload(root: Path, repo: Repository) -> None:
    """Hand a loaded, validated repository to the builds that follow in this process or its forks
    (scripts/build.py loads once; each language's MkDocs build then reuses it)."""
    _PRELOADED[Path(root).resolve()] = repo


def loaded(root: Path) -> tuple[Repository, list[Diagnostic]]:
    """The preloaded repository, or the repository read and validated now (mkdocs serve, mkdocs build)."""
    if (repo := _PRELOADED.get(Path(root).resolve())) is not None:
        return repo, []
    return load(root)


def load(root: Path) -> tuple[Repository, list[Diagnostic]]:
    store = check_cache.store(root)
    store.start("checks")
    repo, diags, docs = Repository(), inputs.symlinks(root), []
    for folder, kind in KINDS.items():
        entries, found = _load_kind(root, folder, kind, docs, store)
        getattr(repo, folder).extend(entries)
        diags += found
    diags += _duplicates(repo)
    pages, found, page_docs, repo.page_images = _load_pages(root)
    repo.pages, diags = pages, diags + found
    # Links are checked in every readable file, also in files with other errors, so all show at once.
    diags += links.check(root, docs, {place for place, _ in docs}, page_docs)
    store.save()
    return repo, sorted(set(diags))


def _rel(root: Path, p: Path) -> str:
    return p.relative_to(root).as_posix()


def _visible(folder: Path):
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _load_kind(root: Path, folder: str, kind: str, docs: list, store: check_cache.Store):
    base, entries, diags, folders = root / folder, [], [], []
    if not base.is_dir() or base.is_symlink():
        return entries, diags
    for item in _visible(base):
        where = _rel(root, item)
        if item.is_symlink():
            continue   # reported by inputs.symlinks
        if not item.is_dir():
            if item.name != "README.md":
                diags.append(problem(where, 1, 1, "KB202.loose_file", folder=folder, kind=kind))
            continue
        if not SLUG.match(item.name):
            suggestion = suggest_slug(item.name, "my-" + kind)
            diags.append(problem(where, 1, 1, "KB201.slug", name=item.name, suggestion=suggestion))
            continue
        folders.append(item)
    for entry, found, entry_docs, to_keep in parallel.each(partial(_load_entry, root, kind), folders,
                                                lambda f: _unchanged(root, store, f)):
        diags += found
        docs += entry_docs
        for cache_key, packed, stat in to_keep:
            if cache_key is not None:
                store.keep(cache_key, packed, stat)
        if entry:
            entries.append(entry)
    return entries, diags


def _unchanged(root: Path, store: check_cache.Store, folder: Path) -> bool:
    """Whether every language file of an entry folder probably has the results kept in `store`."""
    for lang in LANGS:
        try:
            st = (folder / f"{lang}.md").stat()
        except OSError:
            continue
        if not store.unchanged("checks", _rel(root, folder / f"{lang}.md"), (st.st_mtime_ns, st.st_size)):
            return False
    return True


def _load_entry(root: Path, kind: str, folder: Path):
    """(Entry or None, diagnostics, [(entry folder, Document)] for the link checker, what to keep in the
    check cache of each language file (_read_checked)) of one entry folder."""
    all_docs: list = []
    to_keep: list = []
    store = check_cache.opened(root)   # the one _load_kind opened, also in a forked process
    docs, diags, images, checks = {}, [], [], {}
    for item in _visible(folder):
        where = _rel(root, item)
        lang = item.name[:-3] if item.name.endswith(".md") else None
        if item.is_symlink():
            continue   # reported by inputs.symlinks
        if lang in LANGS:
            (doc, found, checked), keep = _read_checked(item, where, kind, lang, store)
            to_keep.append(keep)
            diags += found
            if doc:
                docs[lang] = doc
                checks[lang] = checked
                all_docs.append((f"{folder.parent.name}/{folder.name}", doc))
        elif item.is_file() and inputs.is_image_name(item.name):
            found = inputs.check_image(item, where)
            diags += found
            images += [] if found else [item.name]
        else:
            diags.append(problem(where, 1, 1, "KB202.unexpected_folder" if item.is_dir() else "KB202.unexpected_file",
                                 name=item.name))
    if not docs:
        if not diags:
            diags.append(problem(_rel(root, folder), 1, 1, "KB208.no_language_file"))
        return None, diags, all_docs, to_keep
    originals = [lang for lang, d in docs.items() if "translated_from" not in d.meta]
    for lang, doc in docs.items():
        diags += checks[lang] + _check_translation(doc, lang, docs, originals)
    if not originals:
        first = next(iter(docs.values()))
        diags.append(problem(first.path, *first.pos("translated_from", "<key>"), "KB204.none"))
    for lang in originals[1:]:
        diags.append(problem(docs[lang].path, *docs[lang].pos("title", "<key>"), "KB204.several",
                             names=", ".join(f"{lg}.md" for lg in originals)))
    if diags:
        return None, diags, all_docs, to_keep
    original = originals[0]
    texts = {lang: Text(lang, d.meta["title"], d.meta["summary"], d.body, d.path, d.body_line, d.meta.get("original_reviewed", ""))
             for lang, d in docs.items()}
    meta = {k: v for k, v in docs[original].meta.items() if k not in ("title", "summary")}
    return Entry(kind, folder.name, original, meta, texts, images), [], all_docs, to_keep


DATED = "KB108"   # a date in the future: the one result that depends on the day
_MEMO: dict = {}
MEMO_SIZE = 20000


def _read_checked(item: Path, where: str, kind: str, lang: str, store: check_cache.Store):
    """(Document or None, reading problems, the file's own checks), and what to keep in `store`: (the
    file's key there, its packed result if it was checked now, else None, its modification time and size). Remembered in this
    process by the file's size and modification time (the live preview validates again after every
    save), and between runs by its bytes (kb/check_cache.py): only files that changed are checked again."""
    try:
        st = item.stat()
        stat = (st.st_mtime_ns, st.st_size)
        memo_key = (str(item), *stat, kind, lang, dt.date.today())   # a date in the future: is it still?
    except OSError:
        memo_key = stat = None
    remembered = _MEMO.get(memo_key)
    if remembered is not None:
        return remembered
    try:
        raw = item.read_bytes()
    except OSError:
        return document.read(item, where) + ([],), (None, None, None)   # reported by document.read
    cache_key = ("checks", where, kind, lang, check_cache.digest(raw))
    result, packed = _remembered(store.get(cache_key), raw), None
    if result is None:
        doc, found = document.parse(raw, where)
        checked = []
        if doc:
            checked = checks_meta.check(doc, kind, "translated_from" in doc.meta) + checks_body.check(doc, kind, lang)
            links.of(doc)   # kept with the results: the link checker needs no body to find them again
            doc.source = ""   # only site pages keep the whole file; this one may be sent between processes
        result = (doc, found, checked)
        packed = check_cache.pack(((dataclasses.replace(doc, body="") if doc else None), found, checked))   # the body is in the file
    if memo_key is not None:
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.clear()
        _MEMO[memo_key] = result, (cache_key, None, stat)
    return result, (cache_key, packed, stat)


def _remembered(kept, raw: bytes):
    """A result check_cache kept (its Document without the body), with the body read from `raw`; None
    if it has another shape (a damaged cache) or depends on the day it was checked: the file is
    checked again."""
    if not (isinstance(kept, tuple) and len(kept) == 3):
        return None
    doc, found, checked = kept
    if not (isinstance(found, list) and isinstance(checked, list) and all(isinstance(d, Diagnostic) for d in found + checked)
            and (doc is None or isinstance(doc, document.Document) and isinstance(doc.body_line, int) and doc.body_line > 0)):
        return None
    if any(d.code == DATED and dict(d.params).get("today") != dt.date.today().isoformat() for d in checked):
        return None   # checked on another day: the date that was in the future may have come
    return (dataclasses.replace(doc, body=document.body_of(raw, doc.body_line)) if doc else None), found, checked


def _check_translation(doc, lang, docs, originals):
    """What a file's place among its entry's files says: a translation of itself, or of a missing original."""
    is_translation = "translated_from" in doc.meta
    diags = []
    source = doc.meta.get("translated_from")
    at = doc.pos("translated_from")
    if source == lang:
        diags.append(problem(doc.path, *at, "KB209.self", lang=lang))
    elif is_translation and source in LANGS and source not in originals:
        diags.append(problem(doc.path, *at, "KB205.translation" if source in docs else "KB205.missing", source=source,
                             originals=", ".join(originals) or "–"))
    return diags


def _duplicates(repo: Repository) -> list[Diagnostic]:
    diags, slugs, titles = [], {}, defaultdict(list)
    for e in repo.entries():
        if e.slug in slugs:
            diags.append(problem(e.text(e.original_lang).path, 1, 1, "KB203.slug", slug=e.slug, other=slugs[e.slug]))
        slugs.setdefault(e.slug, e.text(e.original_lang).path)
        for lang, t in e.texts.items():
            titles[(e.kind, lang, characters.comparable(t.title))].append(t.path)
    for paths in titles.values():
        for p in paths[1:]:
            diags.append(problem(p, 2, 1, "KB203.title", other=paths[0]))
    return diags


PAGE_FIELDS = ("title", "description")


def _page_fields(doc) -> list[Diagnostic]:
    """A site page's front matter holds only text fields the theme shows: title and description."""
    out = [problem(doc.path, *doc.pos(k, "<key>"), "KB101.unknown", field=(k,), allowed=", ".join(PAGE_FIELDS))
           for k in doc.meta if k not in PAGE_FIELDS]
    out += [problem(doc.path, *doc.pos(k), "KB103.text", field=(k,), value=repr(v))
            for k, v in doc.meta.items() if k in PAGE_FIELDS and not isinstance(v, str)]
    title = doc.meta.get("title")
    if isinstance(title, str) and not title.strip() or "title" not in doc.meta:
        out.append(problem(doc.path, 1, 1, "KB102.page_title"))
    return out


def _load_pages(root: Path):
    pages, diags, names, docs, pages_images = [], [], defaultdict(set), [], {}
    for lang in LANGS:
        base = root / "content" / lang
        images, found = inputs.content_files(root, lang)
        diags += found
        pages_images[lang] = images
        if not base.is_dir() or base.is_symlink():
            continue
        for f in sorted(base.rglob("*.md")):
            if f.is_symlink() or not f.is_file() or not inputs.inside(root, f) or inputs.reserved(f.relative_to(base).as_posix()):
                continue   # reported by inputs
            doc, found = document.read(f, _rel(root, f))
            diags += found
            if not doc:
                names[f.relative_to(base).as_posix()].add(lang)   # it exists, even if unreadable
                continue
            name = f.relative_to(base).as_posix()
            names[name].add(lang)
            docs.append((lang, name, doc))
            found = checks_body.check(doc, "page", lang) + _page_fields(doc)
            diags += found
            if not found:
                pages.append(Page(lang, name, doc.meta["title"], doc.source, doc.path, doc.body, doc.body_line))
    for name, langs in names.items():
        for lang in sorted(set(LANGS) - langs):
            diags.append(problem(f"content/{lang}/{name}", 1, 1, "KB210.page_missing", name=name,
                                 langs=", ".join(sorted(langs)), lang=lang))
    return pages, diags, docs, pages_images
