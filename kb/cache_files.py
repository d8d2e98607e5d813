"""The files kept in the user's cache folder (cache_dir()): named by a fingerprint of
what they depend on, and written whole or not at all."""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

import yaml

STALE_SECONDS = 3600   # a temporary file this old was left by a run that was killed


def cache_dir() -> Path:
    """KB_CACHE_DIR, else XDG_CACHE_HOME/kb or ~/.cache/kb: the user's, never the repository's."""
    explicit = os.environ.get("KB_CACHE_DIR")
    return Path(explicit) if explicit else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kb"


def fingerprint(parts) -> str:
    """A short digest of `parts` (texts and bytes), each length-prefixed so that parts never run together."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:16]


def libraries() -> list[str]:
    """The installed libraries with their versions: the names of the .dist-info folders where PyYAML is
    installed (importlib.metadata would take a tenth of a second to ask for them)."""
    try:
        return sorted(n for n in os.listdir(Path(yaml.__file__).resolve().parent.parent) if n.endswith(".dist-info"))
    except OSError:
        return ["unknown"]


def keep_newest(kept: Path, pattern: str, keep: int) -> None:
    """Only the `keep` newest files matching `pattern` beside `kept` stay (and `kept` itself): tests and
    benchmarks build many repositories."""
    def age(p: Path) -> float:
        try:
            return -p.stat().st_mtime
        except OSError:   # removed by another run meanwhile
            return 0.0
    for old in sorted(kept.parent.glob(pattern), key=age)[keep:]:
        if old != kept:
            old.unlink(missing_ok=True)


def write_atomically(file: Path, data: bytes) -> bool:
    """Write `data` to `file` so that a run reading it at the same moment sees the old file or the new,
    never half of one. False if it could not be written (a cache that cannot be written only costs time)."""
    tmp = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, file)
        tmp = None
        _remove_stale(file.parent)
        return True
    except OSError:
        return False
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _remove_stale(folder: Path) -> None:
    for leftover in folder.glob(".*.*"):
        try:
            if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
        except OSError:
            pass
