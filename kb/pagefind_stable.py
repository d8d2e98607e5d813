"""Reproducible search index. Pagefind (1.5.2) collects filters in a hash map seeded at random
(pagefind/src/index/mod.rs: "TODO: Change filter indexes to BTree to give them a stable hash"), so
the order of the filters in pagefind.<lang>_<hash>.pf_meta and of the values in each
filter/<lang>_<hash>.pf_filter, and with it those files' names and pagefind-entry.json, change from
run to run. This rewrites those files in a fixed order, named as Pagefind names them. Fragments, word
indexes and everything else are left as they are."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind data file")
    value = cbor2.loads(data[len(SIGNATURE):])
    if cbor2.dumps(value) != data[len(SIGNATURE):]:   # a format this code does not know: stop, do not guess
        raise ValueError(f"{path}: unexpected layout (has Pagefind's format changed?)")
    return value


def _write(path: Path, value) -> bytes:
    encoded = cbor2.dumps(value)
    path.write_bytes(gzip.compress(SIGNATURE + encoded, compresslevel=9, mtime=0))
    return encoded


def _full_hash(data: bytes) -> str:
    # Pagefind's utils::full_hash: SHA-1 printed byte by byte without zero padding.
    return "".join(format(x, "x") for x in hashlib.sha1(data).digest())


def _stable_filters(bundle: Path, lang: str, filters: list) -> list:
    out = []
    for name, old_hash in filters:
        old = bundle / "filter" / f"{old_hash}.pf_filter"
        fname, values = _read(old)
        value = [fname, sorted(values, key=lambda v: v[0])]
        full = f"{lang}_{_full_hash(cbor2.dumps(value))}"
        taken, new_hash = {h for _, h in out}, full[:len(lang) + 8]
        while new_hash in taken and len(new_hash) < len(full):   # as Pagefind does on a collision
            new_hash = full[:len(new_hash) + 1]
        old.unlink()
        _write(bundle / "filter" / f"{new_hash}.pf_filter", value)
        out.append([name, new_hash])
    return sorted(out)


def stabilise(bundle: Path) -> None:
    """Rewrite the Pagefind bundle folder (site/pagefind) in a fixed order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        meta[3] = _stable_filters(bundle, lang, meta[3])
        meta[4] = sorted(meta[4], key=lambda s: s[0])   # sort keys: the same kind of hash map
        meta_hash = f"{lang}_{_full_hash(cbor2.dumps(meta))[:len(lang) + 8]}"
        meta_path.unlink()
        _write(bundle / f"pagefind.{meta_hash}.pf_meta", meta)
        info["hash"] = meta_hash
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
