"""Search keys for words of languages whose inflection and compounds Pagefind's stemming misses.

An analyser turns a word into its keys: the base forms of the word and, for a compound, the base forms of
its parts ("pitkäaikaisasunnottomuuden" → pitkäaikaisasunnottomuus, pitkä, aikais, asunnottomuus). The
search index (kb/search_index.py) files every word of a page under its keys as well. The browser turns
the reader's words into keys with a form → key map written at build time: the forms of the site's own
words, and every form the analyser's dictionary knows of the base forms on the site (so a form that no
page uses still finds the pages that use another). Which analysers a language uses is set in
vocabularies/languages.yml; docs/search.md has the comparison the choice rests on.
"""
from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

from . import keys_cache

MIN_PART = 3          # shorter compound parts ("yö", "ö") would match too much
MIN_COMPOUND, MIN_HEAD = 9, 4   # a dictionary split of shorter words finds words by accident (kom+mun)
_MORPHEME = re.compile(r"\+([^(+]*)\(([^)]*)\)")


class MorphologyUnavailable(RuntimeError):
    """The analyser a language is set to use cannot run here: the build stops rather than search worse."""


class Analyser:
    """No analysis: Pagefind's own stemming only."""
    name = "none"

    def keys(self, word: str) -> tuple[str, ...]:
        """Base forms first, then compound parts; all lower case."""
        return ()

    def forms_of(self, bases: set[str]) -> dict[str, str]:
        """Every inflected form the analyser knows of these base forms, form → base form."""
        return {}

    def remember(self) -> None:
        """Keep this build's keys for the next build (kb/keys_cache.py)."""
        remembered = getattr(self, "keys", None)
        if isinstance(remembered, keys_cache.Remembered):
            remembered.save()


_CODE = Path(__file__).read_bytes()   # the rules below: a change to them is a change of every key
VOIKKO_FOLDERS = ("/usr/lib/voikko", "/usr/share/voikko", "/usr/local/lib/voikko", "/usr/local/share/voikko",
                  "/etc/voikko", "~/.voikko")


def _remembered(analyser: Analyser, lang: str, *data: str | bytes) -> keys_cache.Remembered:
    """The analyser's keys, kept between builds under a fingerprint of its rules and data."""
    fingerprint = keys_cache.fingerprint([_CODE, *data])
    return keys_cache.Remembered(analyser._keys, keys_cache.path(analyser.name, lang, fingerprint))


class Voikko(Analyser):
    """Finnish with Voikko (libvoikko and the voikko-fi dictionary from Debian): base forms of every
    reading, and compound parts from the readings with the fewest parts (nuoriso+takuu, not nuori+sota+kuu)."""
    name = "voikko"

    def __init__(self, lang: str):
        try:
            import libvoikko
            self._voikko = libvoikko.Voikko(lang)
        except (ImportError, OSError) as e:
            raise MorphologyUnavailable(
                f"search for '{lang}' needs Voikko ({e}). Install it with: sudo apt-get install libvoikko1 voikko-fi "
                "(Debian/Ubuntu), then run make again.") from e
        self.keys = _remembered(self, lang, libvoikko.Voikko.getVersion(), *self._dictionaries(libvoikko))

    @staticmethod
    def _dictionaries(libvoikko) -> list[str | bytes]:
        """What identifies the installed dictionaries: their descriptions, and each one's index and size."""
        out: list[str | bytes] = [f"{d.language} {d.script} {d.variant} {d.description}" for d in libvoikko.Voikko.listDicts()]
        folders = [*os.environ.get("VOIKKO_DICTIONARY_PATH", "").split(os.pathsep), *VOIKKO_FOLDERS]
        for folder in filter(None, folders):
            for index in sorted(Path(folder).expanduser().glob("*/mor-*/index.txt")):
                mor = index.with_name("mor.vfst")
                out += [str(index), index.read_bytes(), str(mor.stat().st_size if mor.exists() else -1)]
        return out

    def _keys(self, word: str) -> tuple[str, ...]:
        readings = self._voikko.analyze(word)
        bases = [r["BASEFORM"].lower() for r in readings if r.get("BASEFORM")]
        split = [_parts(r.get("WORDBASES") or "") for r in readings]
        fewest = min((len(p) for p in split if len(p) > 1), default=0)
        parts = [part for p in split if len(p) == fewest for part in p]
        return tuple(dict.fromkeys(k for k in [*bases, *(self._part_key(p) for p in parts)] if len(k) >= MIN_PART))

    def _part_key(self, part: tuple[str, str | None]) -> str:
        surface, base = part
        if base:                      # a part of one morpheme: Voikko gives its base form
            return base.lower()
        readings = self._voikko.analyze(surface)
        return (readings[0].get("BASEFORM") or surface).lower() if readings else surface.lower()


def _parts(wordbases: str) -> list[tuple[str, str | None]]:
    """The compound parts in Voikko's WORDBASES ("+asunno(asunto)+ttomu(+ton)+us(+us)"): a morpheme whose
    base does not start with "+" begins a part, derivational suffixes ("+ton") extend it. Each part is its
    surface and, when it is one morpheme, its base form."""
    parts: list[list] = []
    for surface, base in _MORPHEME.findall(wordbases):
        if base.startswith("+") and parts:
            parts[-1][0] += surface
            parts[-1][1] = None
        else:
            parts.append([surface, base])
    return [(s, b) for s, b in parts if s]


class Simplemma(Analyser):
    """Lemmas from simplemma's dictionaries (which also give the forms of a lemma, for the browser), and
    compound parts found by splitting a word into its longest known head and a known modifier (with
    Swedish's linking -s), as dictionary decompounders do."""
    name = "simplemma"
    LINKING = {"sv": ("s", "")}
    COMPOUNDING = {"da", "de", "et", "fi", "is", "nb", "nl", "nn", "sv"}   # languages that write compounds as one word

    def __init__(self, lang: str):
        try:
            from simplemma import Lemmatizer
            from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
            from simplemma.utils import normalize_token

            from . import simplemma_db
        except ImportError as e:
            raise MorphologyUnavailable(f"search for '{lang}' needs simplemma ({e}): run make again.") from e
        # simplemma's lemmatizer, as simplemma.lemmatize and is_known use it, over the dictionary's
        # SQLite file (kb/simplemma_db.py): one factory for lemmas, membership and forms.
        self._factory, self._lang, self._normal = simplemma_db.Factory(), lang, normalize_token
        self._lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=self._factory))
        self._lookup = DictionaryLookupStrategy(self._factory)
        self.keys = _remembered(self, lang, version("simplemma"), Path(simplemma_db.__file__).read_bytes())

    def _known(self, word: str) -> bool:
        return self._lookup.get_lemma(self._normal(word), self._lang) is not None

    def _lemma(self, word: str) -> str:
        return self._lemmatizer.lemmatize(word, self._lang).lower()

    def _keys(self, word: str) -> tuple[str, ...]:
        lemma = self._lemma(word)
        compound = self._lang in self.COMPOUNDING and len(lemma) >= MIN_COMPOUND
        keys = [lemma, *(self._split(lemma) if compound else ())]
        return tuple(dict.fromkeys(k for k in keys if len(k) >= MIN_PART))

    def _split(self, word: str) -> list[str]:
        """Parts of a compound: the longest known head, and a modifier that is known or itself a compound."""
        cuts = range(MIN_PART, len(word) - MIN_PART + 1)
        dictionary = self._factory.get_dictionary(self._lang)
        if hasattr(dictionary, "prefetch"):   # the SQLite file: every head this loop may ask for, at once
            heads = [self._normal(word[cut:]) for cut in cuts if len(word) - cut >= MIN_HEAD]
            dictionary.prefetch([variant for h in heads for variant in (h, h.capitalize())])
        for cut in cuts:
            head, modifier = word[cut:], word[:cut]
            if len(head) < MIN_HEAD or not self._known(head):
                continue
            for link in self.LINKING.get(self._lang, ("",)):
                stem = modifier[:-len(link)] if link and modifier.endswith(link) else modifier
                if len(stem) < MIN_PART:
                    continue
                parts = [self._lemma(stem)] if self._known(stem) else self._split(stem)
                if parts:
                    return [*parts, self._lemma(head)]
        return []

    def forms_of(self, bases: set[str]) -> dict[str, str]:
        dictionary = self._factory.get_dictionary(self._lang)
        if hasattr(dictionary, "forms_of"):   # the SQLite file: by its index on base forms, in the dictionary's order
            return {form.lower(): base.lower() for form, base in sorted(dictionary.forms_of(bases))}
        raw = getattr(dictionary, "_dict", None)
        if raw is not None:    # the bytes → bytes dict under simplemma's wrapper: 3.5 million Finnish forms in 0.2 s
            wanted = {b.encode() for b in bases}
            return {k.decode().lower(): v.decode().lower() for k, v in raw.items() if v in wanted}
        return {k.lower(): v.lower() for k, v in dictionary.items() if v.lower() in bases}


class Combined(Analyser):
    """Several analysers, the first the most trusted: the keys of each, and the forms each knows, filed
    under the first analyser's key where it reads the form, so that the browser and the index agree
    (Voikko reads Finnish "asumisella" as asua, simplemma's dictionary as asuminen)."""

    def __init__(self, analysers: list[Analyser]):
        self._analysers = analysers
        self.name = "+".join(a.name for a in analysers)
        self.keys = lru_cache(maxsize=None)(self._keys)

    def _keys(self, word: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for a in self._analysers for k in a.keys(word)))

    def remember(self) -> None:
        for a in self._analysers:
            a.remember()

    def forms_of(self, bases: set[str]) -> dict[str, str]:
        first = self._analysers[0]
        agrees = {b for b in bases if first.keys(b)[:1] == (b,)}   # reads the base form as itself
        forms: dict[str, str] = {}
        for a in self._analysers:
            for form, base in a.forms_of(bases).items():
                if form not in forms:
                    read = () if base in agrees else first.keys(form)   # only where they may differ: fast
                    forms[form] = read[0] if read else base
        return forms


def unify(keys: set[str], pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Each key of `pairs` (two keys for one word) → the key standing for all keys joined to it: the
    shortest, then the first in alphabetical order."""
    parent = {k: k for k in keys}
    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=lambda k: (len(k), k))] = min(ra, rb, key=lambda k: (len(k), k))
    return {k: find(k) for k in parent if find(k) != k}


ANALYSERS = {"voikko": Voikko, "simplemma": Simplemma}


@cache
def analyser(lang: str, names: tuple[str, ...]) -> Analyser:
    """The analysers `names` for language `lang`, as one; no names: Pagefind's stemming only."""
    unknown = [n for n in names if n not in ANALYSERS]
    if unknown:
        raise MorphologyUnavailable(f"unknown search analyser {', '.join(unknown)} for '{lang}'; known: {', '.join(ANALYSERS)}")
    chosen = [ANALYSERS[n](lang) for n in names]
    return Combined(chosen) if len(chosen) > 1 else chosen[0] if chosen else Analyser()
