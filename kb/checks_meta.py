"""Checks of a file's front matter: the JSON Schema, vocabulary values, and rules between fields."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from . import LANGS, vocab
from .strings import t
from .diagnostics import Diagnostic
from .document import Document

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
LIST_FIELDS = {"pillars", "regions", "themes", "audiences"}
UNSAFE_TEXT = re.compile(r"[<>\"`\x00-\x08\x0b-\x1f\x7f]")


@cache
def _schemas() -> dict:
    return {kind: json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
            for kind in ("case", "guideline")}


@cache
def validator(kind: str, part: str) -> Draft202012Validator:
    """A validator for one part ('original' or 'translation') of the case or guideline schema."""
    schemas = _schemas()
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    base = schemas[kind]["$id"]
    target = f"{base}#/$defs/{part}" if part in schemas[kind]["$defs"] else f"{schemas['case']['$id']}#/$defs/{part}"
    return Draft202012Validator({"$ref": target}, registry=registry, format_checker=FormatChecker())


def _resolved(kind: str, part: str) -> dict:
    v = validator(kind, part)
    return v._resolver.lookup(v.schema["$ref"]).contents  # the referenced subschema itself


def allowed_fields(kind: str, part: str) -> list[str]:
    return list(_resolved(kind, part)["properties"])


def field_name(path: tuple) -> str:
    """A front-matter path as a contributor reads it: ('organisations', 0, 'name') -> organisations, item 1, name."""
    return ", ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in path)


def check(doc: Document, kind: str, is_translation: bool) -> list[Diagnostic]:
    part = "translation" if is_translation else "original"
    out = [_schema_error(doc, kind, part, e) for e in validator(kind, part).iter_errors(doc.meta)]
    out = [d for group in out for d in group]
    if not is_translation:
        out += _vocabulary(doc) + _relations(doc)
    out += _unsafe_text(doc) + _placeholders(doc)
    return out


def _field_doc(kind: str, part: str, name: str) -> str:
    prop = _resolved(kind, part)["properties"].get(name, {})
    return prop.get("description", "")


def _schema_error(doc: Document, kind: str, part: str, e) -> list[Diagnostic]:
    path = tuple(e.absolute_path)
    where = field_name(path) or "front matter"
    line, col = doc.pos(*path)

    def diag(code, message, fix, at=None):
        ln, cl = at or (line, col)
        return Diagnostic(doc.path, ln, cl, code, message, fix)

    if e.validator == "additionalProperties":
        allowed = list(e.schema.get("properties", {}))
        out = []
        for key in sorted(set(e.instance) - set(allowed)):
            at = doc.pos(*path, key, "<key>")
            if part == "translation" and key in allowed_fields(kind, "original"):
                out.append(diag("KB206", f"The field '{key}' belongs only in the original-language file.",
                                f"delete it here; a translation carries only {', '.join(allowed)}.", at))
            else:
                near = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{near[0]}'? " if near else ""
                out.append(diag("KB101", f"Unknown field '{key}'" + (f" in {where}." if path else "."),
                                f"{hint}Allowed fields: {', '.join(allowed)}.", at))
        return out
    if e.validator == "required":
        missing = [r for r in e.validator_value if r not in e.instance]
        return [diag("KB102", f"The required field '{m}' is missing" + (f" in {where}." if path else "."),
                     f"add '{m}:' " + (f"({_field_doc(kind, part, m)})" if _field_doc(kind, part, m) else "with a value") + ".")
                for m in missing]
    if e.validator == "type":
        want = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a set of fields"}
        expected = e.validator_value if isinstance(e.validator_value, str) else e.validator_value[0]
        return [diag("KB103", f"'{where}' should be {want.get(expected, expected)}, not {e.instance!r}.",
                     f"write '{where}' as {want.get(expected, expected)}" +
                     (" in square brackets, e.g. [a, b]" if expected == "array" else "") + ".")]
    if e.validator in ("format", "pattern"):
        if "date" in json.dumps(e.schema):
            return [diag("KB105", f"'{where}' is not a valid date: {e.instance!r}.", "write the date as YYYY-MM-DD, e.g. 2026-11-28.")]
        return [diag("KB105", f"'{where}' is not a web address: {e.instance!r}.", "write a full address starting with https://")]
    if e.validator == "enum":
        return [diag("KB104", f"'{where}' has the value {e.instance!r}, which is not allowed.",
                     f"use one of: {', '.join(map(str, e.validator_value))}.")]
    if e.validator == "oneOf" and path and path[-1] == "end_year":
        return [diag("KB103", f"'end_year' should be a year or 'ongoing', not {e.instance!r}.",
                     "write a year such as 2015, or the word ongoing.")]
    limits = {"minItems": "at least {} item(s)", "maxItems": "at most {} item(s)", "minLength": "at least {} characters",
              "maxLength": "at most {} characters", "minimum": "at least {}", "maximum": "at most {}",
              "uniqueItems": "no repeated values"}
    if e.validator in limits:
        rule = limits[e.validator].format(e.validator_value)
        return [diag("KB106", f"'{where}' must have {rule}.", f"change '{where}' so that it has {rule}.")]
    return [diag("KB106", f"'{where}' is not valid: {e.message}.", f"correct '{where}'.")]


def _vocabulary(doc: Document) -> list[Diagnostic]:
    out = []
    for field, name in vocab.FIELDS.items():
        if field not in doc.meta or field == "evidence":  # evidence is range-checked by the schema
            continue
        values = doc.meta[field]
        if isinstance(values, list) != (field in LIST_FIELDS):
            continue  # the schema already reports a word where a list belongs, or the reverse
        items = list(enumerate(values)) if isinstance(values, list) else [(None, values)]
        v = vocab.load(name)
        for i, value in items:
            if not isinstance(value, (str, int)) or v.get(value) is not None:
                continue
            at = doc.pos(field, i) if i is not None else doc.pos(field)
            near = v.suggest(value)
            hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
            allowed = ", ".join(map(str, v.ids()))
            out.append(Diagnostic(doc.path, *at, "KB104", f"'{value}' is not a known value of '{field}'.",
                                  f"{hint}Allowed: {allowed} (vocabularies/{name}.yml)."))
    return out


def _relations(doc: Document) -> list[Diagnostic]:
    m, out = doc.meta, []
    start, end = m.get("start_year"), m.get("end_year")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        out.append(Diagnostic(doc.path, *doc.pos("end_year"), "KB107", f"end_year {end} is before start_year {start}.",
                              "correct one of the two years, or write end_year: ongoing."))
    today = dt.date.today()
    for field in ("published", "reviewed"):
        value = m.get(field)
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            continue  # the schema reports a malformed date
        if day and day > today:
            out.append(Diagnostic(doc.path, *doc.pos(field), "KB108", f"'{field}' is in the future ({value}).",
                                  f"use a date no later than today, {today.isoformat()}."))
    return out


def _unsafe_text(doc: Document) -> list[Diagnostic]:
    out = []
    for field in ("title", "summary"):
        value = doc.meta.get(field)
        if isinstance(value, str) and (m := UNSAFE_TEXT.search(value)):
            out.append(Diagnostic(doc.path, *doc.pos(field), "KB306",
                                  f"'{field}' contains the character {m.group()!r}, which is not allowed in titles and summaries.",
                                  "remove it; for quotation marks use “ ” or « ».")
                       )
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
            out.append(Diagnostic(doc.path, *doc.pos(*path), "KB109",
                                  f"'{field_name(path)}' still has the template's example value {value!r}.",
                                  "replace it with the real value, or delete the line if the field is optional."))
    walk(doc.meta, ())
    return out
