"""MkDocs's side of kb/render_cache.py: what Page.render gave a page (its HTML, table of contents, title,
anchor ids, links to other pages' anchors and its log messages), kept under a key of everything rendering
reads, and put back on the page instead of rendering it again. A kept rendering is used only while every
file the page's links looked up is still found (or not) at the same address, so a new case does not make
every page render again; its messages are given again, so a strict build still fails on a kept warning."""
from __future__ import annotations

import logging
import threading

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from kb import render_cache


def settings(config) -> list:
    """What rendering reads of the configuration: the Markdown settings and how links are checked."""
    return [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
            repr(sorted(dict(config["validation"]).items()))]


def render(page, config, files, store: render_cache.Store | None, settings: list) -> None:
    """Page.render, or what it gave the last time it rendered the same Markdown at the same address with
    the same settings and logging level, while every file it looked up is still found at the same address."""
    # The logging level decides which messages a rendering gives, and whether it notes links to anchors.
    level = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()
    key = render_cache.key([page.markdown, page.file.src_uri, page.file.dest_uri, page.file.url, str(page.file.inclusion),
                            level, settings])
    record = store.get(key) if store else None
    if record is not None and _restore(page, record, files):
        return
    messages: list = []
    catcher, lookups = _Catcher(messages), _Lookups(files)
    logging.getLogger("mkdocs").addHandler(catcher)
    try:
        Page.render(page, config, lookups)
    finally:
        logging.getLogger("mkdocs").removeHandler(catcher)
    if store and lookups.complete:
        store.put(key, _record(page, messages, lookups.asked))


class _Lookups:
    """The site's files as Page.render sees them, noting each file a link made it look up: a kept
    rendering is used only while each gives the same answer, so a new case does not make every page
    render again. Anything else asked of the files is passed on, and the rendering is not kept."""

    def __init__(self, files):
        self._files, self.asked, self.complete = files, {}, True

    def get_file_from_path(self, path: str):
        found = self._files.get_file_from_path(path)
        self.asked[path] = _answer(found)
        return found

    def __getattr__(self, name):
        self.complete = False
        return getattr(self._files, name)


def _answer(file) -> list | None:
    return None if file is None else [file.url, str(file.inclusion)]


class _Catcher(logging.Handler):
    """The messages of one rendering: this thread's only (mkdocs serve logs from its server's threads)."""

    def __init__(self, into: list):
        super().__init__()
        self.into, self.thread = into, threading.get_ident()

    def emit(self, record):
        if record.thread == self.thread:
            try:
                self.into.append([record.name, record.levelno, record.getMessage()])
            except Exception:   # a message that cannot be formatted: as logging itself does
                self.handleError(record)


def _record(page, messages: list, asked: dict) -> dict:
    def tokens(items):
        return [{"level": a.level, "id": a.id, "name": a.title, "children": tokens(a.children)} for a in items]
    links = page.links_to_anchors
    return {"content": page.content, "toc": tokens(page.toc.items), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()), "messages": messages, "asked": asked,
            "links": None if links is None else {f.src_uri: anchors for f, anchors in links.items()}}


def _restore(page, record: dict, files) -> bool:
    """Put a kept rendering on the page; False (and nothing put) if the record has another shape."""
    try:
        if any(_answer(files.get_file_from_path(path)) != answer for path, answer in record["asked"].items()):
            return False   # a file a link looked for has come, gone or moved: render again
        links = record["links"]
        if links is not None:
            links = {files.get_file_from_path(uri): dict(anchors) for uri, anchors in links.items()}
            if None in links:
                return False
        content, title, toc = record["content"], record["title"], get_toc(record["toc"])
        anchors, messages = set(record["anchors"]), [(str(n), int(lv), str(m)) for n, lv, m in record["messages"]]
        if not isinstance(content, str) or not (title is None or isinstance(title, str)):
            return False
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:   # as Page.render
        page.links_to_anchors = links
    for name, level, message in messages:
        logging.getLogger(name).log(level, message)
    return True
