"""The search index: Pagefind over the built pages, with the words of Finnish, Swedish and English pages
filed under their keys (kb/morphology.py) as well.

The copy of a page given to Pagefind (never the page served) has every word's keys written after it, as
words of their own ("asunnottomuuden asunnottomuusqq"): a search for the key finds the page where the
word stands, and the browser leaves the keys out again when it shows an excerpt, marking the word a key
belongs to (overrides/assets/kb-search.js). Separate words, not one token joined by punctuation
("asunnottomuuden__asunnottomuusqq"), because Pagefind indexes such a token three times (whole, and
each part) and splits it again by case and punctuation: separate keys halve Pagefind's time and take a
third off its memory. Beside the index the build writes, per language, the form → key map the browser
uses for the reader's words, in files by the form's first two letters so that a search loads only what
its words need.
"""
from __future__ import annotations

import gzip
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import languages, morphology, pagefind_stable
from .morphology import Analyser

KEYS_JOIN = " "                  # between a word and its keys, and between keys
# Keys are indexed with this ending, and the browser searches a word it knows as its key with it, so that
# Pagefind, which matches a search word as the start of indexed words, finds the key and nothing that
# merely starts like it ("app" would find "approach"); no word of the texts contains it.
KEY_MARK = "qq"
FORMS_FOLDER = "search-forms"    # /search-forms/<lang>/<first letters>.json and index.json
CHUNK = 2000                     # forms per file at most, where a longer prefix can split them
# Pages per Pagefind run at most. Pagefind holds about 0.6 MB per page while it indexes (2.5 GB for one
# language at 4,000 cases), so a larger language's index is built in parts of at most this many pages,
# each its own bundle (pagefind/shards/2/, ...), which the browser merges with the first
# (overrides/assets/kb-search.js; Pagefind's mergeIndex). KB_SEARCH_SHARD_PAGES sets another number.
SHARD_PAGES = 1300
SHARDS = "shards"                # the further parts' folder in a language's bundle
SHARDS_LIST = "kb-shards.json"   # in the bundle: the further parts' folders and the pages to leave out
# In an index in parts, each part holds a page of every word of the language (at this address): where no
# word of a part starts with a searched word, Pagefind searches the longest word that begins it instead
# ("asunnot" for "asunnottomuusqq"), so a part without the word would add pages that lack it. With
# every word in every part, each finds exactly what one index would; the browser leaves the page out.
# Its address is under pagefind/, a name no content page may take (kb/inputs.py: RESERVED).
EVERY_WORD = "pagefind/every-word/index.html"
# Elements inside which Pagefind reads a word on as one ("asun<strong>to</strong>" is "asunto"): the page
# of every word has both readings.
_INLINE = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)\b[^>]*>", re.I)
BODY = "data-pagefind-body"
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")   # a tag, quoted attribute values may hold ">"
_RAW = re.compile(r"<(script|style)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SPACE = re.compile(r"(\s+)")


def _texts(page: str) -> tuple[list[str], list[int]]:
    """The page from its indexed part on, split into text and tags, and the places of the texts to index
    (not the contents of scripts and styles)."""
    start = page.rfind("<", 0, page.find(BODY)) if BODY in page else -1   # from the tag that holds it
    parts = [page[:start], *_TAG.split(page[start:])] if start >= 0 else [page]
    places, raw = [], False
    for i in range(1, len(parts), 2) if start >= 0 else ():   # texts at odd places, tags between
        if parts[i] and not raw:
            places.append(i)
        if i + 1 < len(parts):
            tag = parts[i + 1]
            raw = bool(_RAW.match(tag)) or (raw and not tag.lower().startswith(("</script", "</style")))
    return parts, places


@dataclass
class Annotator:
    """Appends keys to the words of one language's pages, and gathers the form → key map for the browser.
    Two passes: learn() reads every page, so that keys naming the same word are known as one
    (morphology.unify) before page() writes any."""
    analyser: morphology.Analyser
    forms: dict[str, str] = field(default_factory=dict)     # the pages' own forms → their first key
    keys: set[str] = field(default_factory=set)             # every key on the pages
    same: dict[str, str] = field(default_factory=dict)      # key → the key standing for its word
    _known: dict[str, str] = field(default_factory=dict)    # other forms the analyser knows of the keys
    _tokens: dict[str, str] = field(default_factory=dict)

    def learn(self, page: str) -> None:
        parts, places = _texts(page)
        # The page's words once each, in order (texts are joined by a space, which no word crosses).
        words = dict.fromkeys(_WORD.findall(html.unescape(" ".join([parts[i] for i in places]))))
        forms = self.forms
        for word in words:
            lower = word.lower()
            if lower not in forms:
                keys = self.analyser.keys(word)
                forms[lower] = keys[0] if keys else ""
                self.keys.update(keys)

    def settle(self) -> None:
        """Keys that are forms of one another's word are one: simplemma reads Swedish "försök" as the verb
        försöka, but "försöken" as the noun försök."""
        self._known = self.analyser.forms_of(self.keys)
        pairs = [(f, k) for f, k in {**self._known, **self.forms}.items() if k and f in self.keys and f != k]
        self.same = morphology.unify(self.keys, pairs)

    def key(self, key: str) -> str:
        return self.same.get(key, key)

    def page(self, page: str) -> str:
        parts, places = _texts(page)
        done, token = self._tokens, self.token
        for i in places:
            pieces = _SPACE.split(parts[i])   # words at even places, the spaces between them at odd ones
            pieces[::2] = [done[p] if p in done else token(p) for p in pieces[::2]]
            parts[i] = "".join(pieces)
        return "".join(parts)

    def token(self, token: str) -> str:
        done = self._tokens.get(token)
        if done is None:
            extra = [self.key(k) + KEY_MARK for word in _WORD.findall(html.unescape(token)) for k in self.analyser.keys(word)]
            extra = list(dict.fromkeys(extra))
            done = self._tokens[token] = token + KEYS_JOIN + KEYS_JOIN.join(html.escape(k) for k in extra) if extra else token
        return done

    def form_map(self) -> dict[str, str]:
        """Every form the browser can turn into a key: the pages' own forms, the keys themselves, and every
        other form the analyser knows of the keys on the pages."""
        every = {**self._known, **{k: k for k in self.keys}, **{f: k for f, k in self.forms.items() if k}}
        return {form: self.key(k) for form, k in every.items()}


def indexed_part(page: str, lang: str) -> str:
    """What Pagefind needs of a page: its language and the indexed part (which holds the filters and the
    meta too), without the head, header and navigation around it, which are nearly half of a page."""
    start = page.rfind("<", 0, page.find(BODY))
    end = page.find("</article>", start)
    return f'<!doctype html><html lang="{lang}"><head><title></title></head><body>{page[start:end if end > 0 else None]}</body></html>'


def weighted(page: str) -> str:
    """The summary weighs more than the body (the title, an h1, already does); only the indexed copy
    carries the weight, so that no contributed paragraph can claim it."""
    return page.replace('<p class="kb-summary"', '<p data-pagefind-weight="3" class="kb-summary"', 1)


def pages(site: Path, lang: str):
    """(path, HTML) of the pages of one language that Pagefind would index."""
    for path in sorted((site / lang).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if BODY in text:
            yield path, text


@dataclass
class Report:
    pages: int = 0
    forms: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)   # analysing and annotating each language
    pagefind_seconds: float = 0.0


def prepare(site: Path, lang: str, analyser: morphology.Analyser, copy: Path) -> tuple[int, int]:
    """One language's part of the index: the copy of each of its pages to index, under `copy` at the
    page's own path, and its form → key map in the site. (pages, forms). The build runs this in each
    language's own process, right after that language's pages are built."""
    annotator = Annotator(analyser) if analyser.name != Analyser.name else None

    def indexed(page: str) -> str:   # only the indexed part of each page
        return weighted(indexed_part(page, lang))
    # Each page is read twice rather than kept between the passes: at 4,000 cases that would be 300 MB.
    listed = []
    for path, page in pages(site, lang):
        listed.append(path)
        if annotator:
            annotator.learn(indexed(page))
    if annotator:
        annotator.settle()
    folders: set[Path] = set()
    for path in listed:
        target = copy / path.relative_to(site)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        page = indexed(path.read_text(encoding="utf-8"))
        target.write_text(annotator.page(page) if annotator else page, encoding="utf-8")
    forms = annotator.form_map() if annotator else {}   # none: an empty map, in case a page asks for it
    write_forms(site / FORMS_FOLDER / lang, forms)
    analyser.remember()
    return len(listed), len(forms)


def index(copy: Path, bundle: Path, most: int | None = None) -> None:
    """Pagefind's index of the copies into `bundle`, one language's own (its folder's pagefind/), in
    parts of at most `most` pages (SHARD_PAGES), each in a fixed order (kb/pagefind_stable.py)."""
    most = most or shard_pages()
    found = sorted(p.relative_to(copy) for p in copy.rglob("*.html"))
    count = max(1, -(-len(found) // most))
    roots = [copy] if count == 1 else _split(copy, found, count)
    layout: dict[str, list[str]] = {"parts": [], "skip": []}
    for n, root in enumerate(roots):
        out = bundle if n == 0 else bundle / SHARDS / str(n + 1)
        _pagefind(root, out)
        if count > 1:
            layout["skip"].append(_page_id(out, found[0].parts[0], EVERY_WORD))
        if n:
            _keep_only_the_index(out)
            layout["parts"].append(f"{SHARDS}/{n + 1}/")
    layout["skip"] = sorted(set(layout["skip"]))   # the same page in each part has the same id
    (bundle / SHARDS_LIST).write_text(json.dumps(layout), encoding="utf-8")


def shard_pages() -> int:
    given = os.environ.get("KB_SEARCH_SHARD_PAGES") or str(SHARD_PAGES)
    if not given.isdigit() or int(given) < 1:
        raise ValueError(f"KB_SEARCH_SHARD_PAGES must be a whole number of pages, at least 1, not {given!r}")
    return int(given)


def _split(copy: Path, found: list[Path], count: int) -> list[Path]:
    """The copies moved into `count` folders, every count-th page into each, so that each part holds
    pages of every kind alike (each part's ranking counts its own words), and the page of every word
    (EVERY_WORD) into each."""
    roots = [copy / "_parts" / str(n) for n in range(count)]
    words: set[str] = set()
    for i, relative in enumerate(found):
        page = (copy / relative).read_text(encoding="utf-8")
        for reading in (page, _INLINE.sub("", page)):
            parts, places = _texts(reading)
            words.update(" ".join(parts[j] for j in places).split())
        target = roots[i % count] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).replace(target)
    lang = found[0].parts[0]   # the copies are at <lang>/..., as the pages are
    every = f'<!doctype html><html lang="{lang}"><head><title></title></head><body><p {BODY}>{" ".join(sorted(words))}</p></body></html>'
    for root in roots:
        (root / lang / EVERY_WORD).parent.mkdir(parents=True, exist_ok=True)
        (root / lang / EVERY_WORD).write_text(every, encoding="utf-8")
    return roots


def _page_id(bundle: Path, lang: str, page: str) -> str:
    """The id Pagefind gave the page at `page` (its fragment file's name)."""
    url = f"/{lang}/{page.removesuffix('index.html')}"
    found = [f.name.removesuffix(".pf_fragment") for f in sorted((bundle / "fragment").glob("*.pf_fragment"))
             if json.loads(gzip.decompress(f.read_bytes())[len(pagefind_stable.SIGNATURE):])["url"] == url]
    if len(found) != 1:
        raise IndexFailed(f"Pagefind indexed {len(found)} pages at {url} in {bundle}, not one")
    return found[0]


def _pagefind(site: Path, bundle: Path) -> None:
    """Pagefind's command line, not its Python API, which answers at most ten requests a second (3,000
    pages took five minutes)."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle),
                             "--exclude-selectors", ".headerlink"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise IndexFailed(result.stdout)
    pagefind_stable.stabilise(bundle)


def _keep_only_the_index(part: Path) -> None:
    """A further part needs only its index: the browser runs the first part's script and WebAssembly."""
    for file in part.iterdir():
        if file.is_file() and file.name != "pagefind-entry.json" and not file.name.endswith(".pf_meta"):
            file.unlink()


def bundle(site: Path, lang: str) -> Path:
    """Each language has a search index of its own, built by its own build process beside the others."""
    return site / lang / "pagefind"


def write_forms(folder: Path, forms: dict[str, str], most: int = CHUNK) -> None:
    """The form → key map in files by the forms' first letters (two, or more where that many forms
    would make a file larger than `most` forms), and index.json listing the prefixes."""
    chunks: dict[str, dict[str, str]] = {}

    def split(prefix: str, names: list[str]) -> None:
        if len(names) <= most or all(len(n) <= len(prefix) for n in names):
            chunks[prefix] = {n: forms[n] for n in names}
            return
        longer: dict[str, list[str]] = defaultdict(list)
        for n in names:
            longer[n[:len(prefix) + 1]].append(n)
        for p, group in longer.items():
            split(p, group)

    first: dict[str, list[str]] = defaultdict(list)
    for form in sorted(forms):
        first[form[:2]].append(form)
    for prefix, names in first.items():
        split(prefix, names)
    folder.mkdir(parents=True, exist_ok=True)
    for prefix, chunk in chunks.items():
        (folder / f"{prefix}.json").write_text(json.dumps(chunk, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (folder / "index.json").write_text(json.dumps(sorted(chunks), ensure_ascii=False), encoding="utf-8")


def analysers(names: dict[str, list[str]] | None = None) -> dict[str, morphology.Analyser]:
    """Each language's analyser, as vocabularies/languages.yml sets it (or `names`, for the comparison)."""
    names = names or {lang.code: lang.search_analysers for lang in languages.languages()}
    return {lang: morphology.analyser(lang, tuple(chosen)) for lang, chosen in names.items()}


def build(site: Path, names: dict[str, list[str]] | None = None) -> Report:
    """The search index of every language of a built site, one after another (scripts/build.py builds
    each in its language's own process). Raises morphology.MorphologyUnavailable before anything is
    indexed when an analyser cannot run, and IndexFailed with Pagefind's output when Pagefind fails."""
    chosen = analysers(names)
    report = Report()
    for lang, analyser in chosen.items():
        with tempfile.TemporaryDirectory(prefix=".index-", dir=site.parent) as tmp:
            started = time.perf_counter()
            n, report.forms[lang] = prepare(site, lang, analyser, Path(tmp))
            report.pages += n
            report.seconds[lang] = time.perf_counter() - started
            started = time.perf_counter()
            index(Path(tmp), bundle(site, lang))
            report.pagefind_seconds += time.perf_counter() - started
    return report


class IndexFailed(RuntimeError):
    """Pagefind stopped; its output says why."""
