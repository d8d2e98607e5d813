"""No body can make the validator slow: for every family of patterns it uses, a file of the largest
allowed size built to make that pattern backtrack is checked within a second (a pattern that
backtracked with the square of the length took 79 s on 60 KB)."""
import time

import pytest

from conftest import CORPUS
from kb import document, repository

GOOD = (CORPUS / "good" / "cases" / "example-case" / "fi.md").read_text(encoding="utf-8")
FRONT, BODY = GOOD.split("\n---\n", 1)
LIMIT = document.MAX_BYTES - 1024

# Units that, repeated, used to make (or could make) a pattern try again from every position.
FAMILIES = {
    "angle-colon": "<a:", "angle-tag": "<a ", "img-tag": "<img ", "unclosed-quote": '<a x="', "single-quote": "<a x='",
    "equals-quote": '="', "bracket": "[", "image-open": "![", "link-close": "](", "reference": "[x]:",
    "attribute-list": "{: ", "brace": "{", "hash-id": "{#", "heading-spaces": "#" + " " * 50 + "a",
    "angle-spaces": "<" + " " * 50, "admonition": "!!! ", "entity": "&#", "bidi": "\u202e", "list": "- ",
    "quote": ">", "backtick": "`", "star": "*", "underscore": "_", "newline": "\n", "heading": "# a\n",
    "script-scheme": "](javascript:", "href": '<a href="', "autolink": "<http", "src": " src=",
    "srcset": ' srcset="a ', "event": " onx=", "space": " ", "tab": "\t", "word": "sana ",
    "blank-lines": "sana\n\n", "image-nested": "![a [b]](x.png)\n", "reference-image": "![a][b]\n",
    "image-line-break": "![a\n", "class": ' class="', "fence": "```\n", "template": "{{ ",
    "headings-unique": "## a\n\n", "empty-heading": "#\n", "dots": ".", "percent": "%",
}


def body_of(unit: str) -> str:
    return (unit * (LIMIT // max(1, len(unit.encode("utf-8"))) + 1))[: LIMIT // 4]


@pytest.mark.parametrize("name", FAMILIES)
def test_validator_is_fast_on_adversarial_bodies(name, tmp_path):
    unit = FAMILIES[name]
    folder = tmp_path / "cases" / "slow"
    folder.mkdir(parents=True)
    text = FRONT + "\n---\n" + BODY + "\n" + (unit * (LIMIT // len(unit.encode("utf-8"))))
    text = text.encode("utf-8")[:LIMIT].decode("utf-8", "ignore")
    (folder / "fi.md").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    repository.load(tmp_path)
    assert time.perf_counter() - started <= 1.0, name


@pytest.mark.parametrize("field", ["title", "summary"])
@pytest.mark.parametrize("unit", ["a", " ", "\u2060", "[", "{", "\\\\"])
def test_validator_is_fast_on_adversarial_front_matter(field, unit, tmp_path):
    folder = tmp_path / "cases" / "slow"
    folder.mkdir(parents=True)
    value = unit * (LIMIT // 2 // len(unit.encode("utf-8")))
    text = GOOD.replace("title: Esimerkkitapaus", f"title: \"{value}\"" if field == "title" else "title: x")
    if field == "summary":
        text = text.replace("summary: >-", f"summary: \"{value}\"\nx: >-")
    (folder / "fi.md").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    repository.load(tmp_path)
    assert time.perf_counter() - started <= 1.0


def test_validator_is_fast_on_a_huge_list_of_mixed_items(tmp_path):
    """jsonschema's uniqueItems compares unsortable items in pairs: long lists are refused before it runs."""
    folder = tmp_path / "cases" / "slow"
    folder.mkdir(parents=True)
    items = ",".join(["{}"] + [str(i) for i in range(40000)])
    (folder / "fi.md").write_text(GOOD.replace("pillars: [knowledge, competence]", f"pillars: [{items}]"), encoding="utf-8")
    started = time.perf_counter()
    _, diags = repository.load(tmp_path)
    assert time.perf_counter() - started <= 1.0
    assert ("KB106", 6) in [(d.code, d.line) for d in diags]
