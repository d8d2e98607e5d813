"""Rendered pages kept between builds in the user's cache folder (cache_files.cache_dir()): rendering
the case pages' Markdown is most of a build's time (about 10 s per language at 1,000 cases), and a
rebuild meets the same pages again. The engine's adapter (hooks/kb_hook.py) keeps, for each page, what
rendering it gave (its HTML, table of contents, anchors, messages) under a key made of everything the
rendering reads: the page's final Markdown, its address and the engine's Markdown settings. A record also
notes the files the page's links looked up, and the adapter uses it only while each is still found (or
not) at the same address: a new case renders its own page, not every page again.

A key (with the answers to its lookups) names its result whatever build asks, so a result is never
stale; a file per repository and language, named by a fingerprint of the installed libraries (the
Markdown extensions render the pages) and Python's version, holds what the last complete build used. Records are JSON, compressed, in SQLite,
which reads one page at a time: a build holds no more of the cache in memory than the page it renders.
An unreadable file or record is ignored, and a cache that cannot be written only costs time.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
import zlib
from pathlib import Path

from . import cache_files

FORMAT = 2     # raise when a record's layout changes
KEEP = 9       # files kept: three languages of the last few repositories
BATCH = 100    # records written at once


def key(parts) -> bytes:
    """The key of a rendering: a digest of `parts` (what JSON can hold), in order."""
    # default=repr: a setting JSON cannot hold (a function named in mkdocs.yml) still gives a key
    return hashlib.blake2b(json.dumps(parts, ensure_ascii=False, default=repr).encode(), digest_size=32).digest()


class Store:
    """Records by key for one repository and language. get() and put() during a build, close() at its end."""

    def __init__(self, root: Path, lang: str):
        repo_id = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:12]
        version = cache_files.fingerprint([str(FORMAT), sys.version, *cache_files.libraries()])
        self.file = cache_files.cache_dir() / f"rendered-{repo_id}-{lang}-{version}.sqlite"
        self._used: list[bytes] = []
        self._new: list[tuple[bytes, bytes, int]] = []
        self._stamp = time.time_ns()
        self._db: sqlite3.Connection | None = None
        for attempt in range(2):
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.file, timeout=30)
                self._db.execute("CREATE TABLE IF NOT EXISTS pages (key BLOB PRIMARY KEY, record BLOB, build INTEGER)")
                break
            except sqlite3.DatabaseError:   # not a database (damaged): start it again, once
                self._disconnect()
                if attempt == 0:
                    self.file.unlink(missing_ok=True)
            except (sqlite3.Error, OSError):
                self._disconnect()
                break

    def get(self, key: bytes) -> dict | None:
        """The record kept for `key`, or None (none kept, or damaged)."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT record FROM pages WHERE key = ?", (key,)).fetchone()
            record = json.loads(zlib.decompress(row[0])) if row else None
        except (sqlite3.Error, zlib.error, ValueError, TypeError):
            return None
        if not isinstance(record, dict):
            return None
        self._used.append(key)
        return record

    def put(self, key: bytes, record: dict) -> None:
        if self._db is None:
            return
        self._new.append((key, zlib.compress(json.dumps(record, ensure_ascii=False).encode(), 1), self._stamp))
        if len(self._new) >= BATCH:
            self._write()

    def close(self, complete: bool) -> None:
        """Write what is left; after a complete build, keep only what it used and what another build wrote
        meanwhile."""
        if self._db is None:
            return
        self._write()
        try:
            if complete and self._db is not None:   # (None: writing failed)
                with self._db:
                    self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key BLOB PRIMARY KEY)")
                    self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self._used))
                    self._db.execute("DELETE FROM pages WHERE build < ? AND key NOT IN (SELECT key FROM used)", (self._stamp,))
        except sqlite3.Error:
            pass
        self._disconnect()
        cache_files.keep_newest(self.file, "rendered-*.sqlite", KEEP)

    def _write(self) -> None:
        """Written as the build goes, in small batches, each one transaction: a record is right for its key
        whether or not the build completes, and the build never holds many."""
        new, self._new = self._new, []
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", new)
        except sqlite3.Error:
            self._disconnect()

    def _disconnect(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
