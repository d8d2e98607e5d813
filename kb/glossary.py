"""The trilingual glossary (vocabularies/glossary.yml): each concept's preferred term in every language,
a one-line definition, and the variants to avoid. The validator reports a variant as a note (KB401),
never an error, so a contributor is told the preferred term without being stopped."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from . import LANGS, check_cache, document, parallel, yaml_data
from .diagnostics import Diagnostic, problem
from .languages import Translated
from .vocab import VOCAB_DIR

GLOSSARY_FILE = VOCAB_DIR / "glossary.yml"
# Files written in several languages, where the language of a text is the nearest "fi:", "sv:" or "en:"
# key before it (the interface strings, the validator messages).
_LANG_KEY = re.compile(r"(?<![\w-])(" + "|".join(LANGS) + r"):\s")
MAX_NOTES_PER_FILE = 50


@dataclass(frozen=True)
class Concept:
    id: str
    term: Translated
    definition: Translated
    avoid: dict


@cache
def concepts() -> tuple[Concept, ...]:
    data = yaml_data.load(GLOSSARY_FILE)["terms"]
    return tuple(Concept(c["id"], Translated(c["term"]), Translated(c["definition"]), c.get("avoid") or {}) for c in data)


@cache
def _variants(lang: str) -> tuple[re.Pattern, dict[str, Concept]] | None:
    """One pattern for every variant to avoid in `lang` (whole words, any case), longest first."""
    preferred = {v.casefold(): c for c in concepts() for v in c.avoid.get(lang, [])}
    if not preferred:
        return None
    alternatives = "|".join(re.escape(v) for v in sorted(preferred, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE), preferred


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def scan(path: str, text: str, lang: str | None) -> list[Diagnostic]:
    """Notes for every variant to avoid in `text`, in `lang`, or (None) in the language of the nearest
    language key before it."""
    keys = [] if lang else [(m.start(), m.group(1)) for m in _LANG_KEY.finditer(text)]
    folded, notes = text.casefold(), []
    for code in ([lang] if lang else LANGS):
        found = _variants(code)
        if not found:
            continue
        pattern, preferred = found
        if not any(variant in folded for variant in preferred):   # a substring search first: most files have none
            continue
        for m in pattern.finditer(text):
            if not lang and next((k for at, k in reversed(keys) if at < m.start()), None) != code:
                continue
            concept = preferred[m.group(1).casefold()]
            notes.append(problem(path, *_position(text, m.start()), "KB401.glossary",
                                 variant=m.group(1), term=concept.term[code]))
    return sorted(notes)[:MAX_NOTES_PER_FILE]


def files(root: Path) -> list[tuple[str, str | None]]:
    """What the check reads: (path, language or None for files in several languages)."""
    out = [(p.relative_to(root).as_posix(), p.stem) for folder in ("cases", "guidelines")
           for p in sorted((root / folder).glob("*/*.md")) if p.stem in LANGS and not p.is_symlink()]
    out += [(p.relative_to(root).as_posix(), p.relative_to(root / "content").parts[0])
            for p in sorted((root / "content").rglob("*.md")) if not p.is_symlink()
            and p.relative_to(root / "content").parts[0] in LANGS]
    return out + [("vocabularies/strings.yml", None), ("schema/messages.yml", None)]


def check(root: Path) -> list[Diagnostic]:
    """Notes for the whole repository (contributed files, interface strings, validator messages); a
    file's notes are remembered between runs by its bytes (kb/check_cache.py), and many changed files
    are scanned in two processes."""
    store, read = check_cache.store(root), []
    store.start("glossary")
    for rel, lang in files(root):
        path = root / rel
        if path.is_file():
            key = ("glossary", rel, lang, check_cache.digest(path.read_bytes()))
            kept = store.get(key)
            read.append((key, kept if isinstance(kept, list) and all(isinstance(n, Diagnostic) for n in kept) else None))
    for code in LANGS:
        _variants(code)   # compiled once here, not in each process
    found = parallel.each(partial(_notes, root), read, lambda item: item[1] is not None)
    notes = []
    for (key, kept), (file_notes, same_bytes) in zip(read, found):
        store.keep(key, check_cache.pack(file_notes) if kept is None and same_bytes else None)
        notes += file_notes
    store.save()
    return notes


def _notes(root: Path, item) -> tuple[list[Diagnostic], bool]:
    """A file's notes, kept or scanned now (the file is read again rather than its bytes held: 160 MB at
    4,000 cases), and whether they are of the bytes its key was made from (not changed meanwhile)."""
    (_, rel, lang, digest), kept = item
    if kept is not None:
        return kept, True
    try:
        raw = (root / rel).read_bytes()
    except OSError:   # removed meanwhile
        return [], False
    return scan(rel, document.normal_newlines(raw.decode("utf-8", errors="replace")), lang), check_cache.digest(raw) == digest
