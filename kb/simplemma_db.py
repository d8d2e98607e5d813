"""simplemma's dictionary of a language as an SQLite file, written once per simplemma version, instead of
decoded into memory by every build: Finnish has 3.5 million forms, which took 3 s and 400 MB in each
build. simplemma's own lemmatizer reads it (a DictionaryFactory), looking up only the words of the
site; the forms of a base form, for the browser's form → key map, come from an index on it.

The file lives in the user's cache (KB_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache), never in the
repository, and is written to a temporary name and renamed, so that builds at the same moment never
read half a file. Where no cache can be written, the dictionary is decoded into memory as before.
"""
from __future__ import annotations

import os
import sqlite3
from importlib.metadata import version
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from .cache_files import cache_dir
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY, DecodedStrMapping

SCHEMA = 1     # raise when the file's layout changes
BATCH = 500    # base forms per query, below SQLite's limit on parameters


def share_into(folder: Path) -> None:
    """Links to the usual cache's dictionary files in another cache folder (KB_CACHE_DIR=folder): a
    build there writes no dictionary and keeps nothing else from earlier builds (the benchmark's first
    build, and tests)."""
    folder.mkdir(parents=True, exist_ok=True)
    for dictionary in cache_dir().glob("simplemma-*.sqlite"):
        (folder / dictionary.name).symlink_to(dictionary)


def path(lang: str) -> Path:
    return cache_dir() / f"simplemma-{version('simplemma')}-{lang}-{SCHEMA}.sqlite"


class Forms(DecodedStrMapping):
    """form → base form, read from the file; opened again in a forked process (a connection must not
    cross a fork)."""

    def __init__(self, file: Path):
        self._file, self._pid, self._db = file, None, None
        self._seen: dict[str, str | None] = {}   # simplemma asks for many words more than once

    def _connection(self) -> sqlite3.Connection:
        if self._pid != os.getpid():
            self._db, self._pid = sqlite3.connect(f"{self._file.as_uri()}?mode=ro", uri=True), os.getpid()
        return self._db

    def _lookup(self, key: str) -> str | None:
        if key not in self._seen:
            row = self._connection().execute("SELECT base FROM forms WHERE form = ?", (key,)).fetchone()
            self._seen[key] = row[0] if row else None
        return self._seen[key]

    def prefetch(self, keys: list[str]) -> None:
        """Look up many keys in one query (a word's possible compound heads): one query per key costs
        several times more than the lookup itself."""
        wanted = [k for k in dict.fromkeys(keys) if k not in self._seen]
        for i in range(0, len(wanted), BATCH):
            chunk = wanted[i:i + BATCH]
            found = dict(self._connection().execute(
                f"SELECT form, base FROM forms WHERE form IN ({','.join('?' * len(chunk))})", chunk).fetchall())
            self._seen.update((k, found.get(k)) for k in chunk)

    def __iter__(self) -> Iterator[str]:
        return (form for (form,) in self._connection().execute("SELECT form FROM forms"))

    def __len__(self) -> int:
        return self._connection().execute("SELECT count(*) FROM forms").fetchone()[0]

    def forms_of(self, bases: set[str]) -> list[tuple[str, str]]:
        """(form, base form) for every form whose base form is one of `bases`."""
        wanted, out = sorted(bases), []
        for i in range(0, len(wanted), BATCH):
            chunk = wanted[i:i + BATCH]
            out += self._connection().execute(
                f"SELECT form, base FROM forms WHERE base IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        return out


class Factory:
    """simplemma's DictionaryFactory protocol over the files: one Forms per language."""

    def __init__(self):
        self._forms: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._forms:
            self._forms[lang] = _open(lang)
        return self._forms[lang]


def _open(lang: str) -> Mapping[str, str]:
    file = path(lang)
    if not file.exists():
        try:
            write(lang, file)
        except (OSError, sqlite3.Error):   # no cache to write to: decode into memory, as simplemma does
            return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
    return Forms(file)


def write(lang: str, file: Path) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                         "CREATE TABLE forms (form TEXT PRIMARY KEY, base TEXT NOT NULL) WITHOUT ROWID;")
        db.executemany("INSERT INTO forms VALUES (?, ?)", DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang).items())
        db.execute("CREATE INDEX by_base ON forms (base)")
        db.commit()
        db.close()
        os.replace(tmp, file)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
