"""What the checks found in each contributed file, kept between runs in the user's cache folder
(cache_files.cache_dir(): ~/.cache/kb, or KB_CACHE_DIR): `make validate`, a build and the live preview
then read every file but check again only the files whose bytes changed. Checking is most of the
validator's time (YAML, schema, body checks: about a millisecond a file), reading and hashing a file a
few microseconds.

A file of results per repository, named by a fingerprint of everything a file's results depend on
besides its bytes, path, kind and language: the validator's code (kb/), its schemas, vocabularies and
messages, the installed libraries and their versions, and Python's version. A change to any of them
starts a new file. Today's date is not part of it: a date in the future is an error (KB108), so a
result holding that error is checked again on another day (kb/repository.py); every other result stays
true, as a date that was not in the future never comes to be (unless the clock was ahead when it was
checked: a change to the validator, or removing the cache folder, checks every file again). Each run
keeps only its own results, so the file does not grow with files that have left the repository; an
unreadable or damaged file, or a result in it, is ignored, and a file that cannot be written only makes
the next run check again.

Results are pickled, which is safe only for files this user's own runs wrote: the cache folder is
the user's, like Python's own __pycache__. The reader still refuses any class but those a result
holds (kb.document.Document, kb.diagnostics.Diagnostic and Labelled), so a damaged file cannot run
code, and a result of the wrong shape is checked again.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import sys
import threading
from functools import cache
from pathlib import Path


from . import cache_files

FORMAT = 1       # raise when the layout of a result changes
KEEP = 6         # result files kept: the last few repositories and versions of the code
CODE = Path(__file__).resolve().parent


def fingerprint() -> str:
    return cache_files.fingerprint([_code()])


@cache
def _code() -> str:
    """The code, data and libraries the checks run with, read at the first call: a process keeps
    running the code it imported, even when the files change."""
    files = sorted(p for folder in (CODE, CODE.parent / "schema", CODE.parent / "vocabularies")
                   for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    parts = [str(FORMAT), sys.version, *cache_files.libraries()]
    for p in files:
        parts += [p.relative_to(CODE.parent).as_posix(), p.read_bytes()]
    return cache_files.fingerprint(parts)


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


class Store:
    """Results (`pack`ed) by key (what was checked, the file's path, ..., the digest of its bytes), and
    the size and modification time each path had when its result was kept, to tell which files probably
    changed without reading them. Each kind of result (a key's first part) keeps only its last run's: a
    build keeps the checks' results, `make validate` also the glossary's."""

    def __init__(self, root: Path, version: str):
        self.version = version
        repo_id = hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:12]
        self.file = cache_files.cache_dir() / f"checked-{repo_id}-{version}.pickle"
        self._old, self._old_stats = _read(self.file)
        self._used: dict = {}
        self._stats: dict = {}
        self._lock = threading.Lock()   # the live preview validates in two threads

    def start(self, kind: str) -> None:
        """A new run of one kind of result: what the last run of it kept in this process is forgotten
        (a live preview validates again after every save)."""
        with self._lock:
            self._used = {k: v for k, v in self._used.items() if k[0] != kind}
            self._stats = {k: v for k, v in self._stats.items() if k[0] != kind}

    def get(self, key):
        """The result kept for `key` (this run's, else the last run's), or None."""
        packed = self._used.get(key) or self._old.get(key)
        return unpack(packed) if packed else None

    def keep(self, key, packed: bytes | None, stat: tuple[int, int] | None = None) -> None:
        """Keep a result (`pack`ed) for the next run: `packed`, or (None) the one kept for `key` before."""
        packed = packed or self._old.get(key)
        if not isinstance(packed, bytes):
            return
        with self._lock:
            self._used[key] = packed
            if stat is not None:
                self._stats[key[:2]] = stat

    def unchanged(self, kind: str, path: str, stat: tuple[int, int]) -> bool:
        """Whether the file at `path` has the size and modification time it had when its `kind` of
        result was kept."""
        return self._old_stats.get((kind, path)) == stat

    def save(self) -> None:
        """Keep this run's results for the next (nothing is written when they are the same)."""
        with self._lock:
            kinds = {key[0] for key in self._used}
            results = {k: v for k, v in self._old.items() if k[0] not in kinds} | self._used
            stats = {k: v for k, v in self._old_stats.items() if k[0] not in kinds} | self._stats
            if results.keys() == self._old.keys() and stats == self._old_stats:
                return
            if cache_files.write_atomically(self.file, pickle.dumps((results, stats), protocol=pickle.HIGHEST_PROTOCOL)):
                self._old, self._old_stats = results, stats
                cache_files.keep_newest(self.file, "checked-*.pickle", KEEP)


_STORES: dict[Path, Store] = {}


def store(root: Path) -> Store:
    """The store of `root`'s results in this process (a live preview keeps one while the code stays
    the same)."""
    given, root, version = root, Path(root).resolve(), fingerprint()
    if root not in _STORES or _STORES[root].version != version or _STORES[root].file.parent != cache_files.cache_dir():
        _STORES[root] = Store(root, version)
    _STORES[given] = _STORES[root]   # for opened(), asked once per entry
    return _STORES[root]


def opened(root: Path) -> Store:
    """The store `store(root)` last returned in this process (or the process it was forked from)."""
    return _STORES.get(root) or _STORES[Path(root).resolve()]


def pack(result) -> bytes:
    """A result as kept: pickled by itself, so that a run that keeps most results unchanged writes
    them without pickling them again (a process that checked files packs their results itself)."""
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(packed: bytes):
    """A kept result, or None if it is damaged or holds anything but a result's classes."""
    try:
        return _ResultUnpickler(io.BytesIO(packed)).load()
    except Exception:   # damaged, or written by other code: check again
        return None


class _ResultUnpickler(pickle.Unpickler):
    ALLOWED = {("kb.document", "Document"), ("kb.diagnostics", "Diagnostic"), ("kb.diagnostics", "Labelled")}

    def find_class(self, module, name):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a result")
        return super().find_class(module, name)


class _FileUnpickler(_ResultUnpickler):
    ALLOWED = set()   # the file: keys, the results' bytes, sizes and times


def _read(file: Path) -> tuple[dict, dict]:
    """The results and the files' sizes and times a file holds; whatever has another shape is left out."""
    try:
        results, stats = _FileUnpickler(io.BytesIO(file.read_bytes())).load()
    except Exception:   # missing, damaged, or written by other code: check again
        return {}, {}
    if not isinstance(results, dict) or not isinstance(stats, dict):
        return {}, {}
    return ({k: v for k, v in results.items() if isinstance(k, tuple) and k and isinstance(v, bytes)},
            {k: v for k, v in stats.items() if isinstance(k, tuple) and k and isinstance(v, tuple)})
