"""The copy of a page given to Pagefind, and the form → key map the browser reads."""
import json

import pytest

from kb import morphology, search_index
from kb.search_index import KEY_MARK, KEYS_JOIN, Annotator

PAGE = ('<html lang="fi"><head><title>Asunnottomuus</title></head><body><div data-pagefind-body>'
        '<h1 title="a > b">Asunnottomuuden vähentäminen</h1><p class="kb-summary">Nuorisotakuun kokeiluja.</p>'
        '<script>var asunnottomuuden = 1;</script><p>&quot;Asunto&quot; ensin</p></div></body></html>')


@pytest.fixture(scope="module")
def annotated():
    annotator = Annotator(morphology.analyser("fi", ("voikko", "simplemma")))
    annotator.learn(PAGE)
    annotator.settle()
    return annotator, annotator.page(PAGE)


def test_words_carry_their_keys_where_they_stand(annotated):
    _, page = annotated
    assert f"Asunnottomuuden{KEYS_JOIN}asunnottomuus{KEY_MARK} " in page
    assert f"Nuorisotakuun{KEYS_JOIN}nuorisotakuu{KEY_MARK}{KEYS_JOIN}nuoriso{KEY_MARK}{KEYS_JOIN}takuu{KEY_MARK}" in page
    assert f"&quot;Asunto&quot;{KEYS_JOIN}asunto{KEY_MARK}" in page      # entities stay as they were


def test_markup_scripts_and_the_head_are_left_alone(annotated):
    _, page = annotated
    assert '<div data-pagefind-body><h1 title="a > b">' in page and "<title>Asunnottomuus</title>" in page
    assert "bodyqq" not in page and "pagefind" not in annotated[0].forms   # the tag is no text
    assert "<script>var asunnottomuuden = 1;</script>" in page


def test_form_map_knows_forms_no_page_uses(annotated):
    annotator, _ = annotated
    forms = annotator.form_map()
    assert forms["asunnottomuuden"] == forms["asunnottomuutta"] == forms["asunnottomuus"] == "asunnottomuus"
    assert forms["takuulla"] == "takuu"                                 # the part of a compound, inflected


def test_summary_weighs_more_in_the_indexed_copy_only():
    page = '<p class="kb-summary">a</p><p class="kb-summary">b</p>'
    assert search_index.weighted(page) == '<p data-pagefind-weight="3" class="kb-summary">a</p><p class="kb-summary">b</p>'


def test_form_files_split_large_prefixes_and_the_browser_finds_every_form(tmp_path):
    forms = {f"ka{c}{i}": "key" for c in "lmn" for i in range(30)} | {"ko": "ko", "kä": "kä"}
    search_index.write_forms(tmp_path, forms, most=40)
    prefixes = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert sorted(prefixes) == ["kal", "kam", "kan", "ko", "kä"]
    for form in forms:                               # as kb-search.js looks a word up: its longest listed prefix
        prefix = form
        while len(prefix) > 2 and prefix not in prefixes:
            prefix = prefix[:-1]
        assert json.loads((tmp_path / f"{prefix}.json").read_text(encoding="utf-8"))[form] == forms[form]
