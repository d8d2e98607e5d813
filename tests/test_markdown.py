import posixpath

import markdown
import pytest

from kb.markdown import esc, rel

EXT = ["tables", "attr_list", "md_in_html", "def_list"]


@pytest.mark.parametrize("text", [
    "EU:s ungdomsgaranti", "*not bold* _nor this_", "[a](javascript:alert(1))", "<script>x</script>",
    "a | b", "#1 in 2.5 cases!", "C:\\path\\to", "`code`", "{ .cls }", '"quoted" & \'single\'',
])
def test_esc_renders_text_literally(text):
    html = markdown.markdown(esc(text), extensions=EXT)
    import html as h
    assert h.unescape(html.removeprefix("<p>").removesuffix("</p>")) == text


def test_esc_in_table_cells():
    html = markdown.markdown(f"| x |\n|---|\n| {esc('a | b')} |\n", extensions=EXT)   # as the layouts write tables
    assert "<td>a | b</td>" in html


def test_relative_links():
    assert rel("cases/x/index.md", "regions/fi-18/index.md") == "../../regions/fi-18/index.md"
    assert rel("index.md", "cases/index.md") == "cases/index.md"
    assert rel("cases/index.md", "cases/x/index.md") == "x/index.md"


def test_relative_links_are_those_posixpath_gives():
    uris = ["index.md", "cases.csv", "cases/index.md", "cases/a/index.md", "cases/a/b.png", "cases/ab/index.md",
            "regions/fi-18/index.md", "regions/fi-18/cases.csv", "data/index.md", "cases/a", "../x.md", "./cases/a/index.md", "/abs/x.md"]
    for src in uris:
        for dst in uris:
            assert rel(src, dst) == posixpath.relpath(dst, posixpath.dirname(src) or "."), (src, dst)
