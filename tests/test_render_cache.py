"""Rendered pages kept between builds (kb/render_cache.py, and its use in hooks/kb_hook.py): a rebuild
gives the same site as a first build, a page whose Markdown changed is rendered again, messages come
again, and a damaged cache costs only time."""
import logging
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import ROOT, site_repo
from kb import render_cache

CASE = Path("fi") / "cases" / "example-case" / "index.html"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    return folder


def build(root: Path, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764460800"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), "--out", str(out)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def rows(cache: Path, lang: str = "fi") -> int:
    [file] = cache.glob(f"rendered-*-{lang}-*.sqlite")
    with sqlite3.connect(file) as db:
        return db.execute("SELECT count(*) FROM pages").fetchone()[0]


# ---- The store ---------------------------------------------------------------------------------------

def test_a_record_is_found_by_its_key_in_the_next_build(cache, tmp_path):
    store = render_cache.Store(tmp_path, "fi")
    key = render_cache.key(["# Otsikko", "cases/x/index.md"])
    assert store.get(key) is None
    store.put(key, {"content": "<h1>Otsikko</h1>"})
    store.close(complete=True)
    assert render_cache.Store(tmp_path, "fi").get(key) == {"content": "<h1>Otsikko</h1>"}
    assert render_cache.Store(tmp_path, "sv").get(key) is None   # each language its own


def test_keys_differ_in_any_part_and_in_where_parts_end():
    keys = {render_cache.key(parts) for parts in (["ab", "c"], ["a", "bc"], ["ab", "c", ""], ["ab", "d"], [["ab"], "c"])}
    assert len(keys) == 5


def test_a_complete_build_keeps_only_what_it_used(cache, tmp_path):
    first = render_cache.Store(tmp_path, "fi")
    old, kept = render_cache.key(["old"]), render_cache.key(["kept"])
    first.put(old, {"content": "old"})
    first.put(kept, {"content": "kept"})
    first.close(complete=True)
    second = render_cache.Store(tmp_path, "fi")
    assert second.get(kept)
    second.close(complete=False)   # a build that stopped prunes nothing
    assert render_cache.Store(tmp_path, "fi").get(old)
    third = render_cache.Store(tmp_path, "fi")
    assert third.get(kept)
    third.close(complete=True)
    fourth = render_cache.Store(tmp_path, "fi")
    assert fourth.get(old) is None and fourth.get(kept) == {"content": "kept"}


def test_damaged_records_and_files_are_ignored(cache, tmp_path):
    store = render_cache.Store(tmp_path, "fi")
    store.close(complete=True)
    with sqlite3.connect(store.file) as db:
        db.executemany("INSERT INTO pages VALUES (?, ?, 0)", [(render_cache.key(["not zlib"]), b"garbage"),
                                                               (render_cache.key(["a list"]), zlib.compress(b"[1, 2]")),
                                                               (render_cache.key(["not json"]), zlib.compress(b"{"))])
    again = render_cache.Store(tmp_path, "fi")
    assert [again.get(render_cache.key([k])) for k in ("not zlib", "a list", "not json")] == [None, None, None]
    again.close(complete=True)
    store.file.write_bytes(b"not a database" * 100)
    damaged = render_cache.Store(tmp_path, "fi")
    assert damaged.get(render_cache.key(["x"])) is None
    damaged.put(render_cache.key(["x"]), {"content": "x"})
    damaged.close(complete=True)   # no exception: the cache only costs time, and it is started again
    assert render_cache.Store(tmp_path, "fi").get(render_cache.key(["x"])) == {"content": "x"}


def test_an_unwritable_cache_folder_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker / "cache"))   # a folder inside a file cannot exist
    store = render_cache.Store(tmp_path, "fi")
    store.put(render_cache.key(["x"]), {"content": "x"})
    assert store.get(render_cache.key(["x"])) is None
    store.close(complete=True)


# ---- In the MkDocs adapter -------------------------------------------------------------------------

def test_a_rebuild_from_kept_renderings_is_identical_and_follows_edits(cache, tmp_path):
    repo = site_repo(tmp_path)
    build(repo, tmp_path / "first")
    kept = rows(cache)
    assert kept > 10   # every page of the language: cases, guidelines, term pages, site pages
    build(repo, tmp_path / "second")
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")
    assert rows(cache) == kept
    fi = repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text().replace("Ongelman kuvaus.", "Ongelman kuvaus, muokattu tänään."))
    build(repo, tmp_path / "third")
    assert "muokattu tänään" in (tmp_path / "third" / CASE).read_text()
    changed = {name for name, data in files_of(tmp_path / "third").items() if files_of(tmp_path / "first").get(name) != data}
    assert f"{CASE.as_posix()}" in changed
    assert rows(cache) == kept   # the old rendering of the edited page is gone, its new one kept


def test_a_rebuild_takes_pages_from_the_kept_renderings(cache, tmp_path):
    """The kept renderings are what a rebuild shows (each marked here), and every page is sanitised again."""
    import json
    repo = site_repo(tmp_path)
    build(repo, tmp_path / "first")
    for file in cache.glob("rendered-*.sqlite"):
        with sqlite3.connect(file) as db:
            for key, data in db.execute("SELECT key, record FROM pages").fetchall():
                record = json.loads(zlib.decompress(data))
                record["content"] += '<p id="kept">kept</p><script>alert(1)</script>'
                db.execute("UPDATE pages SET record = ? WHERE key = ?", (zlib.compress(json.dumps(record).encode()), key))
    build(repo, tmp_path / "second")
    for lang in ("fi", "sv", "en"):
        page = (tmp_path / "second" / lang / "cases" / "example-case" / "index.html").read_text()
        assert '<p id="kept">kept</p>' in page and "alert(1)" not in page


def test_a_damaged_cache_file_gives_the_same_site(cache, tmp_path):
    repo = site_repo(tmp_path)
    build(repo, tmp_path / "first")
    for file in cache.glob("rendered-*.sqlite"):
        file.write_bytes(b"\0" * 4096)
    build(repo, tmp_path / "second")
    assert files_of(tmp_path / "first") == files_of(tmp_path / "second")


def test_a_kept_rendering_says_its_warnings_again(cache, tmp_path, caplog, monkeypatch):
    """A page whose link MkDocs warns about fails a strict build, also when its rendering is kept."""
    from hooks import kb_hook
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n## Osa {#osa}\n\n[puuttuva](missing.md), [toinen](b.md#kohta)\n")
    (docs / "b.md").write_text("# B\n")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in ("a.md", "b.md")])

    def render() -> Page:
        page = Page(None, files.get_file_from_path("a.md"), config)
        page.markdown = page.file.content_string
        kb_hook._state.update(rendered=render_cache.Store(tmp_path, "fi"), render_settings=None, handwritten=set())
        with caplog.at_level(logging.INFO):
            kb_hook.on_page_markdown(page.markdown, page, config, files)
            page.render(config, files)
        kb_hook._close_rendered(complete=True)
        return page

    first = render()
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("missing.md" in w for w in warned)
    caplog.clear()

    def not_again(*args):
        raise AssertionError("rendered again")
    monkeypatch.setattr(Page, "render", not_again)
    second = render()
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == warned
    assert second.content == first.content and second.title == first.title == "A"
    assert [(a.title, a.id, [c.id for c in a.children]) for a in second.toc] == [(a.title, a.id, [c.id for c in a.children]) for a in first.toc]
    assert second.present_anchor_ids == first.present_anchor_ids and "osa" in second.present_anchor_ids
    plain = (str, int, set, dict, list, type(None))
    assert {k: v for k, v in vars(second).items() if isinstance(v, plain)} == {k: v for k, v in vars(first).items() if isinstance(v, plain)}
    # MkDocs checks links to other pages' anchors after rendering every page: b.md#kohta is still checked
    assert second.links_to_anchors == first.links_to_anchors
    assert first.links_to_anchors[files.get_file_from_path("b.md")] == {"kohta": "b.md#kohta"}


def test_a_kept_rendering_is_used_while_its_links_find_the_same_files(cache, tmp_path, monkeypatch):
    """A new file renders again the pages whose links looked for it, and only those."""
    from hooks import kb_hook
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n[uusi](new.md)\n")
    (docs / "b.md").write_text("# B\n\n[A](a.md)\n")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    rendered = []
    real = Page.render

    def counted(page, *args):
        rendered.append(page.file.src_uri)
        return real(page, *args)
    monkeypatch.setattr(Page, "render", counted)

    def build(names) -> dict:
        files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
        kb_hook._state.update(rendered=render_cache.Store(tmp_path, "fi"), render_settings=None, handwritten=set())
        pages = {}
        for name in ("a.md", "b.md"):
            page = pages[name] = Page(None, files.get_file_from_path(name), config)
            page.markdown = page.file.content_string
            kb_hook.on_page_markdown(page.markdown, page, config, files)
            page.render(config, files)
        kb_hook._close_rendered(complete=True)
        return pages

    first = build(["a.md", "b.md"])
    assert rendered == ["a.md", "b.md"] and 'href="new.md"' in first["a.md"].content   # left as written
    rendered.clear()
    build(["a.md", "b.md", "c.md"])   # a file no link looks for
    assert rendered == []
    later = build(["a.md", "b.md", "c.md", "new.md"])   # the file a's link looked for
    assert rendered == ["a.md"] and 'href="../new/"' in later["a.md"].content
    assert later["b.md"].content == first["b.md"].content


def test_a_rendering_kept_at_another_logging_level_is_not_used(cache, tmp_path, caplog):
    """A quiet build (mkdocs build -q) hears no warnings: a later build must still give them."""
    from hooks import kb_hook
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n[puuttuva](missing.md)\n")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    files = Files([File("a.md", str(docs), str(tmp_path / "site"), True)])
    logger = logging.getLogger("mkdocs")

    def render(level) -> list[str]:
        before = logger.level
        logger.setLevel(level)
        try:
            page = Page(None, files.get_file_from_path("a.md"), config)
            page.markdown = page.file.content_string
            kb_hook._state.update(rendered=render_cache.Store(tmp_path, "fi"), render_settings=None, handwritten=set())
            caplog.clear()
            with caplog.at_level(level, logger="mkdocs"):
                kb_hook.on_page_markdown(page.markdown, page, config, files)
                page.render(config, files)
            kb_hook._close_rendered(complete=True)
            return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        finally:
            logger.setLevel(before)

    assert render(logging.ERROR) == []
    assert any("missing.md" in w for w in render(logging.WARNING))


def test_a_dirty_build_keeps_the_renderings_it_did_not_use(cache, tmp_path, monkeypatch):
    from hooks import kb_hook
    monkeypatch.setattr(kb_hook, "ROOT", tmp_path)
    store = render_cache.Store(tmp_path, "fi")
    store.put(render_cache.key(["other page"]), {"content": "x"})
    store.close(complete=True)
    kb_hook.on_startup("serve", dirty=True)
    kb_hook._state["rendered"] = render_cache.Store(tmp_path, "fi")
    kb_hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path / "site"), plugins=[]))   # used nothing
    kb_hook.on_startup("build", dirty=False)
    assert render_cache.Store(tmp_path, "fi").get(render_cache.key(["other page"])) == {"content": "x"}


def test_renderings_of_two_builds_at_once_are_both_kept(cache, tmp_path):
    first, second = render_cache.Store(tmp_path, "fi"), render_cache.Store(tmp_path, "fi")
    first.put(render_cache.key(["first"]), {"content": "1"})
    for n in range(render_cache.BATCH):   # a batch: written as the later build goes
        second.put(render_cache.key(["second", n]), {"content": str(n)})
    first.close(complete=True)   # the earlier build ends while the later one runs: its records stay
    assert render_cache.Store(tmp_path, "fi").get(render_cache.key(["second", 0])) == {"content": "0"}
    second.close(complete=True)
