"""Bad content never reaches readers: the build stops with the validator's messages and keeps the
old site, and text from front matter is shown as text, never as markup."""
import json
import os
import re
import subprocess
import sys
from types import SimpleNamespace

import markdown

from conftest import CORPUS, ROOT, site_repo as fixture_repo
from html_tools import parse
from kb import pages, repository

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def build(root, out):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), "--out", str(out)],
                          capture_output=True, text=True)


def test_html_in_text_fields_is_shown_as_text(tmp_path):
    repo = fixture_repo(tmp_path)
    fi = repo / "cases" / "example-case" / "fi.md"
    text = fi.read_text().replace("name: Esimerkkiyhdistys ry", f"name: '{PAYLOAD}'")
    text = text.replace("title: Esimerkkiraportti", f"title: '{PAYLOAD}'")
    fi.write_text(text.replace("Ongelman kuvaus.", "Ongelman <b>kuvaus</b> & [linkki](https://thl.fi/?a=1&b=2)."))
    result = build(repo, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in ("fi", "sv", "en"):
        html = (tmp_path / "site" / lang / "cases" / "example-case" / "index.html").read_text()
        # escaped as HTML text, or in the JSON-LD as JSON with <, > and & written as \u escapes
        harmless = html.replace("onerror=alert(2)&gt;", "").replace("onerror=alert(2)\\u003e", "")
        assert "<script>alert(1)" not in html and "onerror=alert" not in harmless
        assert "<img src=x" not in html
        assert PAYLOAD in "".join(parse(tmp_path / "site" / lang / "cases" / "example-case" / "index.html").text)
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["mainEntity"]["member"][0]["name"] == PAYLOAD and data["citation"][0]["name"] == PAYLOAD


def test_generated_markdown_escapes_titles():
    repo, _ = repository.load(CORPUS / "good")
    case = repo.cases[0]
    case.texts["fi"].title = PAYLOAD
    case.texts["fi"].summary = PAYLOAD + " [x](javascript:alert(3)) **bold**"
    html = markdown.markdown(pages.case_page(case, repo, "fi").split("---\n", 2)[2],
                             extensions=["attr_list", "md_in_html", "def_list", "tables"])
    assert "<script>" not in html and "<img src=x" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hook_escapes_page_meta_for_the_theme():
    from hooks import kb_hook
    kb_hook._state.update(handwritten=set(), repo=None, lang="fi")
    page = SimpleNamespace(meta={"title": PAYLOAD, "description": PAYLOAD, "author": "A <b>"},
                           file=SimpleNamespace(src_uri="cases/x/index.md"))
    kb_hook.on_page_markdown("# x", page, None, None)
    assert page.meta["title"].startswith("&lt;script&gt;") and "<" not in page.meta["description"] + page.meta["author"]


def test_hook_sanitises_rendered_case_html():
    from hooks import kb_hook
    page = SimpleNamespace(meta={"kb": {"type": "case"}}, file=SimpleNamespace(src_uri="cases/x/index.md"))
    dirty = '<p onclick="x()">a</p><a href="javascript:alert(1)">b</a><script>c()</script><h2 id="s">S</h2>'
    clean = kb_hook.on_page_content(dirty, page, None, None)
    assert "onclick" not in clean and "javascript:" not in clean and "<script" not in clean
    assert '<h2 id="s">S</h2>' in clean


def test_invalid_content_fails_the_build_and_keeps_the_old_site(tmp_path):
    repo = fixture_repo(tmp_path)
    site = tmp_path / "site"
    assert build(repo, site).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    fi = repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text().replace("themes: [housing, youth]", "themes: [housng, youth]"))
    result = build(repo, site)
    assert result.returncode == 1
    assert "cases/example-case/fi.md:8:" in result.stdout and "KB104" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not list(tmp_path.glob(".building-*"))


def test_mkdocs_alone_refuses_invalid_content(tmp_path):
    """The hook itself validates: a plain mkdocs build stops with the validator's messages."""
    repo = fixture_repo(tmp_path)
    fi = repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text().replace("evidence: 2", "evidence: 9"))
    env = dict(os.environ, KB_CONTENT_ROOT=str(repo), KB_LANG="sv", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(tmp_path / "out")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode != 0
    assert "cases/example-case/fi.md:15:11: error KB106" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out" / "cases").exists()


def test_broken_link_and_anchor_fail_the_build(tmp_path):
    repo = fixture_repo(tmp_path)
    about = repo / "content" / "en" / "about.md"
    about.write_text("---\ntitle: About\n---\n\nSee [nothing](missing.md).\n")
    result = build(repo, tmp_path / "site")                 # the validator names file and line
    assert result.returncode == 1 and "content/en/about.md:5:" in result.stdout and "KB307" in result.stdout
    about.write_text("---\ntitle: About\n---\n\nSee [cases](cases/index.md#no-such-anchor).\n")
    result = build(repo, tmp_path / "site")                 # MkDocs' strict mode catches the anchor
    assert result.returncode == 1 and "no-such-anchor" in result.stderr
    assert not (tmp_path / "site").exists()


def test_pages_export_matches_the_built_site(tmp_path):
    repo = fixture_repo(tmp_path)
    out = tmp_path / "generated"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(repo), "--pages", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert build(repo, tmp_path / "site").returncode == 0
    for lang in ("fi", "sv", "en"):
        sources = {p.relative_to(out / lang).as_posix() for p in (out / lang).rglob("*.md")}
        expected = set()
        for p in (tmp_path / "site" / lang).rglob("index.html"):
            rel = p.relative_to(tmp_path / "site" / lang).parent.as_posix()
            expected.add("index.md" if rel == "." else (f"{rel}/index.md" if f"{rel}.md" not in sources else f"{rel}.md"))
        assert sources == expected
        assert "<!-- kb:pillars -->" not in (out / lang / "about.md").read_text()   # markers are filled in
    assert not (repo / "cases" / "example-case" / "index.md").exists()           # sources untouched


def test_checklists_render_as_ballot_boxes_not_unlabelled_inputs():
    from hooks import kb_hook
    page = SimpleNamespace(meta={"kb": {"type": "guideline"}}, file=SimpleNamespace(src_uri="guidelines/x/index.md"))
    html = '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled> a</li>' \
           '<li class="task-list-item"><input type="checkbox" disabled checked> b</li></ul>'
    out = kb_hook.on_page_content(html, page, None, None)
    assert "<input" not in out and "☐" in out and "☑" in out
    form = '<form><label><input type="checkbox" name="region" value="FI-18"> Uusimaa</label></form>'
    search = SimpleNamespace(meta={"kb": {"type": "search"}}, file=SimpleNamespace(src_uri="search/index.md"))
    assert kb_hook.on_page_content(form, search, None, None) == form   # the generated search form stays


def test_hook_sanitises_the_sites_own_pages_too():
    from hooks import kb_hook
    kb_hook._state["handwritten"] = {"about.md"}
    page = SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="about.md"))
    clean = kb_hook.on_page_content('<p>a</p><img src=x onerror="alert(1)">', page, None, None)
    assert "onerror" not in clean and "<p>a</p>" in clean


def test_table_of_contents_keeps_only_safe_ids_and_plain_titles():
    from mkdocs.structure.toc import AnchorLink
    from hooks import kb_hook
    bad = AnchorLink('a <script>x()</script>', 'x"><script>', 3)
    good = AnchorLink("Opit &amp; <b>tulokset</b>", "opit", 2)
    good.children = [bad, AnchorLink("Alaotsikko", "alaotsikko", 3)]
    items = kb_hook._safe_toc([good])
    assert [i.id for i in items] == ["opit"] and [c.id for c in items[0].children] == ["alaotsikko"]
    assert items[0].title == "Opit &amp; tulokset"
