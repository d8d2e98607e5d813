"""The compiled schema (fastjsonschema, the fast path) and jsonschema (which words the errors) agree:
a file the fast path passes has no jsonschema error, on every file of the corpora and the content."""
import pytest

from conftest import CORPUS, ROOT
from kb import checks_meta, document

FILES = sorted([*CORPUS.rglob("*.md"), *(ROOT / "cases").rglob("*.md"), *(ROOT / "guidelines").rglob("*.md")])


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_fast_path_agrees_with_jsonschema(path):
    doc, _ = document.read(path, path.name)
    if doc is None or path.is_symlink():
        return
    kind = "guideline" if "guidelines" in path.parts else "case"
    part = "translation" if "translated_from" in doc.meta else "original"
    slow = list(checks_meta.validator(kind, part).iter_errors(doc.meta))
    assert checks_meta.passes(kind, part, doc.meta) == (not slow), [e.message for e in slow]


@pytest.mark.parametrize("date", ["2026-02-31", "2026-13-01", "26-01-01", "2026-1-1", "2026-01-01\n", "２０２６-01-01"])
def test_fast_path_refuses_the_dates_jsonschema_refuses(date):
    doc, _ = document.read(CORPUS / "good" / "cases" / "example-case" / "fi.md", "fi.md")
    assert checks_meta.passes("case", "original", doc.meta)
    case = dict(doc.meta, published=date)
    assert list(checks_meta.validator("case", "original").iter_errors(case))
    assert not checks_meta.passes("case", "original", case)
