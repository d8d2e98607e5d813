"""kb/check_cache.py: a run after the first reads what the checks found in each unchanged file instead of
checking it again, reports exactly what a first run reports, and checks again every file that changed."""
import datetime
import os
import pickle
import re
import shutil
import types

import pytest

from conftest import ROOT
from kb import cache_files, check_cache, checks_meta, document, glossary, parallel, repository
from test_validator_corpus import BAD, place


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """An empty cache folder; each run starts like a new process (nothing remembered in memory)."""
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    fresh_process()
    yield tmp_path / "cache"
    fresh_process()


def fresh_process():
    check_cache._STORES.clear()
    repository._MEMO.clear()


def run(root):
    fresh_process()
    repo, diags = repository.load(root)
    return repo, diags, glossary.check(root)


def copy_of_this_repository(dest):
    for folder in ("cases", "guidelines", "content"):
        shutil.copytree(ROOT / folder, dest / folder)
    return dest


def not_checked(monkeypatch):
    """Makes checking any file fail: what a run then reports came from the cache."""
    def refuse(*args):
        raise AssertionError("a file was checked again")
    monkeypatch.setattr(checks_meta, "check", refuse)


def test_a_second_run_checks_nothing_and_reports_the_same(tmp_path, monkeypatch, cache):
    root = copy_of_this_repository(tmp_path / "repo")
    (root / "cases" / "ohjaamo" / "fi.md").write_text(
        (root / "cases" / "ohjaamo" / "fi.md").read_text(encoding="utf-8").replace("regions:", "regions: [FI-99]\nx:", 1),
        encoding="utf-8")   # errors too are remembered
    first = run(root)
    assert first[1] and list(cache.glob("checked-*.pickle"))
    not_checked(monkeypatch)
    second = run(root)
    assert second[1] == first[1] and second[2] == first[2]
    assert second[0].cases == first[0].cases and second[0].guidelines == first[0].guidelines   # bodies included
    assert [p.source for p in second[0].pages] == [p.source for p in first[0].pages]


@pytest.mark.parametrize("item", BAD, ids=[i.name for i in BAD])
def test_every_bad_file_is_reported_alike_from_the_cache(item, tmp_path, monkeypatch):
    root = tmp_path / "repo"
    place(item, root)
    first = run(root)
    not_checked(monkeypatch)
    second = run(root)
    assert [d.text() for d in second[1]] == [d.text() for d in first[1]]


def test_a_changed_file_is_checked_again(tmp_path):
    root = copy_of_this_repository(tmp_path / "repo")
    assert run(root)[1] == []
    case = root / "cases" / "ohjaamo" / "en.md"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
    stat = case.stat()
    os.utime(case, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10**9))   # an older time does not hide it either
    _, diags, _ = run(root)
    assert [d.path for d in diags] == ["cases/ohjaamo/en.md"]


def test_a_changed_glossary_file_is_scanned_again(tmp_path):
    root = copy_of_this_repository(tmp_path / "repo")
    assert run(root)[2] == []
    variant = next(v for c in glossary.concepts() for v in c.avoid.get("fi", []))
    case = root / "cases" / "ohjaamo" / "fi.md"
    case.write_text(case.read_text(encoding="utf-8") + f"\n{variant}\n", encoding="utf-8")
    notes = run(root)[2]
    assert [(n.path, n.code) for n in notes] == [("cases/ohjaamo/fi.md", "KB401")]


def test_other_code_reads_nothing_kept(tmp_path, monkeypatch, cache):
    root = copy_of_this_repository(tmp_path / "repo")
    run(root)
    monkeypatch.setattr(check_cache, "_code", lambda: "other checks")
    calls = []
    real = checks_meta.check
    monkeypatch.setattr(checks_meta, "check", lambda *a: calls.append(a) or real(*a))
    run(root)
    assert len(calls) == sum(1 for _ in root.glob("*/*/??.md"))
    assert len(list(cache.glob("checked-*.pickle"))) == 2


class _Tomorrow(datetime.date):
    @classmethod
    def today(cls):
        return cls.fromordinal(datetime.date.today().toordinal() + 1)


def test_another_day_checks_again_only_a_file_whose_date_was_in_the_future(tmp_path, monkeypatch, cache):
    """A new day keeps every result but those of a date in the future (KB108), which may have come."""
    root = copy_of_this_repository(tmp_path / "repo")
    tomorrow = _Tomorrow.today().isoformat()
    case = root / "cases" / "ohjaamo" / "fi.md"
    text = case.read_text(encoding="utf-8")
    case.write_text(re.sub(r"(?m)^reviewed: .*$", f"reviewed: {tomorrow}", text, count=1), encoding="utf-8")
    assert [(d.path, d.code) for d in run(root)[1]] == [("cases/ohjaamo/fi.md", "KB108")]
    monkeypatch.setattr(checks_meta, "dt", types.SimpleNamespace(date=_Tomorrow))
    monkeypatch.setattr(repository, "dt", types.SimpleNamespace(date=_Tomorrow))
    calls = []
    real = checks_meta.check
    monkeypatch.setattr(checks_meta, "check", lambda doc, *a: calls.append(doc.path) or real(doc, *a))
    assert run(root)[1] == []
    assert calls == ["cases/ohjaamo/fi.md"]
    assert len(list(cache.glob("checked-*.pickle"))) == 1


def test_a_build_keeps_the_glossarys_results(tmp_path, monkeypatch):
    """A run that checks only (a build) keeps the glossary's results of the last `make validate`."""
    root = copy_of_this_repository(tmp_path / "repo")
    run(root)
    fresh_process()
    repository.load(root)
    fresh_process()
    monkeypatch.setattr(glossary, "scan", lambda *a: pytest.fail("scanned again"))
    glossary.check(root)


class Payload:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_damaged_or_hostile_cache_is_ignored(tmp_path, monkeypatch, cache):
    root = copy_of_this_repository(tmp_path / "repo")
    _, expected, _ = run(root)
    (kept,) = cache.glob("checked-*.pickle")
    monkeypatch.chdir(tmp_path)
    results, stats = pickle.loads(kept.read_bytes())
    hostile = pickle.dumps(({key: pickle.dumps(Payload()) for key in results}, stats))   # every result runs a command
    shapes = [("a", "b", "c"), (None, [1], []), (None, [], "x"), 5]   # results of the wrong shape: checked again
    wrong = pickle.dumps(({key: pickle.dumps(shapes[i % len(shapes)]) for i, key in enumerate(results)} | {1: b"", (): 5}, {2: 3}))
    for damage in (b"not a pickle", kept.read_bytes()[:1000], pickle.dumps(({"x": Payload()}, {})), pickle.dumps([1, 2]), hostile, wrong):
        kept.write_bytes(damage)
        assert run(root)[1] == expected
        assert not (tmp_path / "pwned").exists()


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker / "kb"))
    root = copy_of_this_repository(tmp_path / "repo")
    assert run(root)[1] == [] and run(root)[1] == []


def test_many_changed_files_are_checked_in_two_processes_the_rest_here(tmp_path, monkeypatch):
    """The pool gets only the entries (and the glossary only the files) that changed; the results are the
    same as checking all here."""
    root = copy_of_this_repository(tmp_path / "repo")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 3)
    first = run(root)
    for slug in ("ohjaamo", "vamos", "housing-first"):
        f = root / "cases" / slug / "fi.md"
        f.write_text(f.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    seen = []
    real = parallel.each
    monkeypatch.setattr(parallel, "each", lambda f, items, cheap: seen.append([i for i in items if not cheap(i)]) or real(f, items, cheap))
    second = run(root)
    assert sorted(folder.name for folder in seen[0]) == ["housing-first", "ohjaamo", "vamos"]
    assert sorted(key[1] for key, _ in seen[-1]) == [f"cases/{slug}/fi.md" for slug in ("housing-first", "ohjaamo", "vamos")]
    assert second[1] == first[1] == []
    assert [e.texts["fi"].body.rstrip().endswith("More.") for e in second[0].cases if e.slug in ("ohjaamo", "vamos", "housing-first")] == [True] * 3


@pytest.mark.parametrize("text", [
    "---\ntitle: a\n---\nbody\n", "---\r\ntitle: a\r\n---\r\nbody\r\nmore", "\ufeff---\ntitle: a\n---\n\nbody",
    "---\ntitle: a\n---", "---\ntitle: a\n...\n", "---\rtitle: a\r---\rbody\r"])
def test_a_remembered_documents_body_is_the_body_read(text):
    raw = text.encode("utf-8")
    doc, _ = document.parse(raw, "cases/x/fi.md")
    assert document.body_of(raw, doc.body_line) == doc.body


def test_every_real_files_body_is_rebuilt_exactly():
    for path in sorted(p for folder in ("cases", "guidelines") for p in (ROOT / folder).glob("*/??.md")):
        raw = path.read_bytes()
        doc, _ = document.parse(raw, "x")
        assert doc and document.body_of(raw, doc.body_line) == doc.body, path


def test_a_long_running_process_keeps_only_each_files_last_result(tmp_path, cache):
    """The live preview validates after every save in one process: the cache keeps the files' current results."""
    root = copy_of_this_repository(tmp_path / "repo")
    fresh_process()
    files = sorted(p for p in root.glob("*/*/??.md"))
    case = root / "cases" / "ohjaamo" / "fi.md"
    for n in range(3):
        case.write_text(case.read_text(encoding="utf-8") + f"\nEdit {n}.\n", encoding="utf-8")
        repository.load(root)
    (kept,) = cache.glob("checked-*.pickle")
    results, _ = pickle.loads(kept.read_bytes())
    assert sorted(k[1] for k in results if k[0] == "checks") == sorted(p.relative_to(root).as_posix() for p in files)


def test_the_fingerprint_names_the_installed_libraries():
    names = [n.lower() for n in cache_files.libraries()]
    for library in ("pyyaml", "markdown", "pymdown_extensions", "fastjsonschema", "jsonschema"):
        assert any(n.startswith(f"{library}-") and n[len(library) + 1].isdigit() for n in names), library


@pytest.mark.parametrize("kept", [(None, [], None), (None, None, []), (None, [], ["x"]), ("doc", [], []), (None, [])])
def test_a_kept_result_of_another_shape_is_checked_again(kept):
    assert repository._remembered(kept, b"---\ntitle: a\n---\n") is None


def test_glossary_notes_of_a_file_changed_while_it_was_scanned_are_not_kept(tmp_path):
    """The glossary's processes read each changed file again: notes of other bytes than the key's are
    reported but never kept under that key."""
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    key = ("glossary", "a.md", "fi", check_cache.digest(b"other text\n"))
    assert glossary._notes(tmp_path, (key, None)) == ([], False)
    assert glossary._notes(tmp_path, ((*key[:3], check_cache.digest(b"text\n")), None)) == ([], True)
    assert glossary._notes(tmp_path, (("glossary", "gone.md", "fi", b""), None)) == ([], False)
