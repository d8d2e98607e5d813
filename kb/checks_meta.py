"""Checks of a file's front matter: the JSON Schema, vocabulary values, and rules between fields."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from functools import cache
from pathlib import Path

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from . import LANGS, characters, facets, vocab
from .strings import t
from .diagnostics import Diagnostic, Labelled, problem
from .document import Document

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
UNSAFE_TEXT = re.compile(r"[<>\"`\x00-\x08\x0b-\x1f\x7f]")


@cache
def _schemas() -> dict:
    schemas = {kind: json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
               for kind in ("case", "guideline")}
    # The languages a file may translate from are the site's, from vocabularies/languages.yml.
    schemas["case"]["$defs"]["translation"]["properties"]["translated_from"]["enum"] = list(LANGS)
    names = schemas["case"]["$defs"]["original"]["properties"]["organisations"]["items"]["properties"]["names"]
    names["properties"] = {lang: names["properties"]["fi"] for lang in LANGS}
    return schemas


def schema(kind: str) -> dict:
    """The JSON Schema of a kind's front matter as the validator uses it (the languages filled in)."""
    return _schemas()[kind]


@cache
def _registry() -> Registry:
    return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in _schemas().values())


def _target(kind: str, part: str) -> str:
    """The address of one part ('original' or 'translation') of the case or guideline schema."""
    schemas = _schemas()
    owner = kind if part in schemas[kind]["$defs"] else "case"
    return f"{schemas[owner]['$id']}#/$defs/{part}"


@cache
def validator(kind: str, part: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": _target(kind, part)}, registry=_registry(), format_checker=FormatChecker())


def _inlined(schema, resolver):
    """The schema with every $ref replaced by what it points to (the schemas have no cycles)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            found = resolver.lookup(schema["$ref"])
            return _inlined(found.contents, found.resolver)
        out = {k: _inlined(v, resolver) for k, v in schema.items() if k not in ("$id", "$schema", "$defs")}
        if isinstance(out.get("pattern"), str):   # fastjsonschema turns every $ into \Z, also inside [...]
            out["pattern"] = re.sub(r"\[[^\]]*\]", lambda m: m.group().replace("$", r"\$"), out["pattern"])
        return out
    if isinstance(schema, list):
        return [_inlined(v, resolver) for v in schema]
    return schema


@cache
def compiled(kind: str, part: str):
    """One part of a schema compiled to Python code by fastjsonschema, with its references inlined and
    jsonschema's own date check: many times faster than jsonschema. A file it passes is valid; for a
    file it fails, jsonschema reports every error, in the contributor's words (tests/test_checks_meta.py
    checks that the two agree on the whole corpus)."""
    found = _registry().resolver().lookup(_target(kind, part))
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", **_inlined(found.contents, found.resolver)}
    checker = FormatChecker()
    return fastjsonschema.compile(schema, formats={"date": lambda v: checker.conforms(v, "date")})


def passes(kind: str, part: str, meta: dict) -> bool:
    try:
        compiled(kind, part)(meta)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


def _resolved(kind: str, part: str) -> dict:
    return _registry().resolver().lookup(_target(kind, part)).contents  # the referenced subschema itself


def allowed_fields(kind: str, part: str) -> list[str]:
    return list(_resolved(kind, part)["properties"])


MAX_ITEMS = 100   # in any list; jsonschema compares a list's items in pairs when they cannot be sorted


def _long_lists(value, path=()):
    """Yield the path of every list longer than MAX_ITEMS, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _long_lists(v, path + (k,))
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            yield path
        for i, v in enumerate(value[:MAX_ITEMS]):
            yield from _long_lists(v, path + (i,))


def check(doc: Document, kind: str, is_translation: bool) -> list[Diagnostic]:
    part = "translation" if is_translation else "original"
    if long := [problem(doc.path, *doc.pos(*p), "KB106.maxItems", field=p, limit=MAX_ITEMS) for p in _long_lists(doc.meta)]:
        return long   # checked no further: the schema's checks of such a list take time with its square
    errors = [] if passes(kind, part, doc.meta) else validator(kind, part).iter_errors(doc.meta)
    out = [_schema_error(doc, kind, part, e) for e in errors]
    out = [d for group in out for d in group]
    if not is_translation:
        out += _vocabulary(doc) + _relations(doc)
    out += _unsafe_text(doc) + _characters(doc) + _placeholders(doc) + _split_words(doc)
    return out


_FOLDED = re.compile(r"^(\s*)[\w-]+:\s*>[-+]?\s*$")
_ENDS_IN_HYPHEN = re.compile(r"[^\W\d_]-$")
# After these a hyphen and a space are right: a compound's shared part is left out ("työ- ja elinkeino-",
# "hälso- och sjukvård", "pre- and post-").
_JOINING_WORDS = {"ja", "tai", "sekä", "eli", "kuin", "och", "eller", "samt", "resp.", "and", "or", "to", "till"}


def _split_words(doc: Document) -> list[Diagnostic]:
    """A line of folded text (summary: >-) that ends in a hyphen: YAML joins the lines with a space, so
    "ESF-" and "finansierat" on two lines become "ESF- finansierat"."""
    lines = doc.source.split("\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), 0)
    out, block = [], None
    for i, line in enumerate(lines[1:end], 1):
        indent = len(line) - len(line.lstrip())
        if block is not None and (not line.strip() or indent <= block):
            block = None
        if block is None:
            m = _FOLDED.match(line)
            block = len(m.group(1)) if m else None
            continue
        following = lines[i + 1] if i + 1 < end else ""
        continues = following.strip() and len(following) - len(following.lstrip()) > block
        joined = continues and following.split()[0].casefold() in _JOINING_WORDS   # "työpaja- tai kuntoutuspaikka"
        if continues and not joined and _ENDS_IN_HYPHEN.search(line.rstrip()):
            out.append(problem(doc.path, i + 1, len(line.rstrip()), "KB110.split_word", word=line.split()[-1]))
    return out


def _field_doc(kind: str, part: str, name: str) -> str:
    prop = _resolved(kind, part)["properties"].get(name, {})
    return prop.get("description", "")


TYPE_KEYS = {"string": "KB103.text", "integer": "KB103.integer", "array": "KB103.list", "object": "KB103.fields"}
LIMIT_KEYS = {"minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "uniqueItems"}


def _schema_error(doc: Document, kind: str, part: str, e) -> list[Diagnostic]:
    """One jsonschema error as diagnostics, worded for a contributor."""
    path = tuple(e.absolute_path)
    line, col = doc.pos(*path)
    value = repr(e.instance)

    def diag(key, at=None, /, **params):
        return problem(doc.path, *(at or (line, col)), key, **params)

    if e.validator == "additionalProperties":
        allowed = list(e.schema.get("properties", {}))
        out = []
        for key in sorted(set(e.instance) - set(allowed)):
            at = doc.pos(*path, key, "<key>")
            if part == "translation" and key in allowed_fields(kind, "original"):
                out.append(diag("KB206.translation_field", at, key=key, allowed=", ".join(allowed)))
            else:
                near = difflib.get_close_matches(key, allowed, n=1)
                out.append(diag("KB101.unknown_near" if near else "KB101.unknown", at, field=path + (key,),
                                allowed=", ".join(allowed), **({"near": near[0]} if near else {})))
        return out
    if e.validator == "required":
        missing = [r for r in e.validator_value if r not in e.instance]
        return [diag("KB102.missing_described" if _field_doc(kind, part, m) else "KB102.missing", field=path + (m,),
                     key=m, **({"about": _field_doc(kind, part, m)} if _field_doc(kind, part, m) else {}))
                for m in missing]
    if e.validator == "type":
        expected = e.validator_value if isinstance(e.validator_value, str) else e.validator_value[0]
        if expected == "integer":   # an example that fits: 2 for the evidence scale, a year for years
            low, high = e.schema.get("minimum"), e.schema.get("maximum")
            example = (low + high) // 2 if low is not None and high is not None and high < 100 else 2015
            return [diag("KB103.integer", field=path, value=value, example=example)]
        return [diag(TYPE_KEYS.get(expected, "KB103.text"), field=path, value=value)]
    if e.validator in ("format", "pattern"):
        is_date = e.schema.get("format") == "date" or e.schema.get("pattern", "").startswith("^\\d{4}")
        dotted = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", str(e.instance).strip()) if is_date else None
        if dotted:   # 1.11.2026, as Finns and Swedes write dates
            day, month, year = dotted.groups()
            return [diag("KB105.date_dotted", field=path, value=value, suggestion=f"{year}-{int(month):02d}-{int(day):02d}")]
        return [diag("KB105.date" if is_date else "KB105.address", field=path, value=value)]
    if e.validator == "enum":
        return [diag("KB104.enum", field=path, value=value, allowed=", ".join(map(str, e.validator_value)))]
    if e.validator == "oneOf" and path and path[-1] == "end_year":
        return [diag("KB103.end_year", value=value)]
    if e.validator in LIMIT_KEYS:
        return [diag(f"KB106.{e.validator}", field=path, limit=e.validator_value)]
    return [diag("KB106.other", field=path, detail=e.message)]


def _vocabulary(doc: Document) -> list[Diagnostic]:
    out = []
    for facet in facets.all_facets():
        field, name = facet.field, facet.vocabulary
        if field not in doc.meta:
            continue
        values = doc.meta[field]
        if isinstance(values, list) != facet.many:
            continue  # the schema already reports a word where a list belongs, or the reverse
        items = list(enumerate(values)) if isinstance(values, list) else [(None, values)]
        v = vocab.load(name)
        for i, value in items:
            # a number is range-checked by the schema (evidence 1-5): one message is enough
            if not isinstance(value, str) or v.get(value) is not None:
                continue
            at = doc.pos(field, i) if i is not None else doc.pos(field)
            suggested = tuple(v.suggest(value))
            near = Labelled(name, tuple(v.get_id(n) for n in suggested)) if suggested else ""
            out.append(problem(doc.path, *at, "KB104.vocabulary_near" if near else "KB104.vocabulary", value=value,
                               field=field, allowed=", ".join(map(str, v.ids())), vocabulary=name,
                               **({"near": near} if near else {})))
    return out


def _relations(doc: Document) -> list[Diagnostic]:
    m, out = doc.meta, []
    start, end = m.get("start_year"), m.get("end_year")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        out.append(problem(doc.path, *doc.pos("end_year"), "KB107.end_before_start", end=end, start=start))
    today = dt.date.today()
    for field in ("published", "reviewed"):
        value = m.get(field)
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            continue  # the schema reports a malformed date
        if day and day > today:
            out.append(problem(doc.path, *doc.pos(field), "KB108.future", field=field, value=value,
                               today=today.isoformat()))
    return out


def _unsafe_text(doc: Document) -> list[Diagnostic]:
    out = []
    for field in ("title", "summary"):
        value = doc.meta.get(field)
        if isinstance(value, str) and (m := UNSAFE_TEXT.search(value)):
            out.append(problem(doc.path, *doc.pos(field), "KB306.unsafe_character", field=field, char=repr(m.group())))
    return out


def _strings(value, path=()):
    """Yield (path, text) of every text in the front matter, field names included."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield path + (k, "<key>"), k
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))
    elif isinstance(value, str):
        yield path, value


def _characters(doc: Document) -> list[Diagnostic]:
    """Controls, surrogates, non-characters, bidirectional and invisible characters, in any field."""
    out = []
    for path, text in _strings(doc.meta):
        if found := characters.refused_in_field(text):
            shown = tuple(p for p in path if p != "<key>")
            out.append(problem(doc.path, *doc.pos(*path), "KB017.field", field=shown, char=found[1]))
    return out


PLACEHOLDER_HOSTS = re.compile(r"^https?://(www\.)?example\.(org|com|net)(/|$)", re.I)


def _placeholders(doc: Document) -> list[Diagnostic]:
    """Values left unchanged from the template of make new-case."""
    texts = {t(lang, f"template_{k}") for lang in LANGS for k in ("title", "summary", "organisation", "source")}
    out = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str) and (value.strip() in texts or PLACEHOLDER_HOSTS.match(value)):
            out.append(problem(doc.path, *doc.pos(*path), "KB109.placeholder", field=path, value=repr(value)))
    walk(doc.meta, ())
    return out
