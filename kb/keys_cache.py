"""The search keys each word was given, kept between builds in the user's cache folder
(cache_files.cache_dir()). Analysing a site's words is most of what the analysers add to a build (Voikko's
analyses and simplemma's dictionary lookups: 1–2 s of CPU per language at 1,000 cases), and a rebuild
meets the same words again.

A file per analyser and language, named by a fingerprint of everything its keys depend on: the code of
kb/morphology.py and the analyser's own version and data (kb/morphology.py gives them). A change to any
of them starts a new file and removes the old one, so a key is never read from a file that another
analyser, dictionary or rule wrote. A file holds only the words of the build that wrote it, so it does
not grow with words that have left the content. An unreadable file is ignored, and a cache that cannot be
written only makes the next build analyse again.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from . import cache_files

FORMAT = 1    # raise when the file's layout changes
Keys = tuple[str, ...]


def fingerprint(parts: Iterable[str | bytes]) -> str:
    return cache_files.fingerprint([str(FORMAT), *parts])


def path(name: str, lang: str, version: str) -> Path:
    return cache_files.cache_dir() / f"keys-{name}-{lang}-{version}.json"


class Remembered:
    """`compute` (word → keys) with the answers of the last build read from `file` (None: no file)."""

    def __init__(self, compute: Callable[[str], Keys], file: Path | None):
        self._compute, self._file = compute, file
        self._old = _read(file) if file else {}
        self._used: dict[str, Keys] = {}

    def __call__(self, word: str) -> Keys:
        keys = self._used.get(word)
        if keys is None:
            keys = self._old.get(word)
            self._used[word] = keys = self._compute(word) if keys is None else keys
        return keys

    def save(self) -> None:
        """Keep the words of this build for the next (nothing is written when they are the same words)."""
        if self._file is None or self._used.keys() == self._old.keys():
            return
        try:
            data = json.dumps(self._used, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except ValueError:   # a word UTF-8 cannot write (a lone surrogate)
            return
        if not cache_files.write_atomically(self._file, data):
            return
        self._old = dict(self._used)   # a live preview's next rebuild writes only what is new
        stem = self._file.name.rsplit("-", 1)[0]
        for old in self._file.parent.glob(f"{stem}-*.json"):   # the files of other versions
            if old != self._file:
                old.unlink(missing_ok=True)


def _read(file: Path) -> dict[str, Keys]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {w: tuple(k) for w, k in data.items()
            if isinstance(w, str) and isinstance(k, list) and all(isinstance(x, str) for x in k)}
