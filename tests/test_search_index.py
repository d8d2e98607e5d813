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


def _fragments(bundle):
    import gzip
    from kb import pagefind_stable
    out = {}
    for f in (bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(f.read_bytes())[len(pagefind_stable.SIGNATURE):])
        out[f.name.removesuffix(".pf_fragment")] = data
    return out


def test_an_index_in_parts_holds_every_page_once_and_every_word_in_each_part(tmp_path):
    copy, bundle = tmp_path / "copy", tmp_path / "site" / "fi" / "pagefind"
    words = ["asunto", "nuoriso", "kokeilu", "työllisyys", "vanhus"]
    for n, word in enumerate(words):
        page = copy / "fi" / "cases" / f"c{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html lang="fi"><head><title></title></head><body><div {search_index.BODY}>'
                        f'<h1>Tapaus {n}</h1><p>{word} &amp; muuta, vuokra<strong>asunto</strong>{n}</p></div></body></html>')
    search_index.index(copy, bundle, most=2)
    layout = json.loads((bundle / search_index.SHARDS_LIST).read_text())
    assert layout["parts"] == ["shards/2/", "shards/3/"]
    parts = [bundle, *(bundle / p for p in layout["parts"])]
    assert not [f for p in parts[1:] for f in p.iterdir() if f.suffix in (".js", ".css") or f.name.startswith("wasm.")]
    urls, every = [], []
    for part, skip in zip(parts, layout["skip"] * len(parts)):
        fragments = _fragments(part)
        assert fragments[skip]["url"] == "/fi/" + search_index.EVERY_WORD.removesuffix("index.html")
        every.append(fragments[skip]["content"])
        urls += [f["url"] for key, f in fragments.items() if key != skip]
    assert sorted(urls) == [f"/fi/cases/c{n}/" for n in range(5)]   # each page in one part
    # every word in every part, also as Pagefind reads a word across inline elements
    assert all(all(w in text.split() for w in [*words, "Tapaus", "&", "vuokra", "asunto", "vuokraasunto0"]) for text in every)


def test_an_index_of_fewer_pages_is_one_part(tmp_path):
    copy, bundle = tmp_path / "copy", tmp_path / "fi" / "pagefind"
    page = copy / "fi" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f'<!doctype html><html lang="fi"><head><title></title></head><body><p {search_index.BODY}>Etusivu</p></body></html>')
    search_index.index(copy, bundle)
    assert json.loads((bundle / search_index.SHARDS_LIST).read_text()) == {"parts": [], "skip": []}
    assert not (bundle / search_index.SHARDS).exists() and [f["url"] for f in _fragments(bundle).values()] == ["/fi/"]


@pytest.mark.parametrize("given", ["0", "-5", "many"])
def test_a_wrong_number_of_pages_per_part_is_named(given, monkeypatch):
    monkeypatch.setenv("KB_SEARCH_SHARD_PAGES", given)
    with pytest.raises(ValueError, match=f"KB_SEARCH_SHARD_PAGES must be a whole number of pages, at least 1, not '{given}'"):
        search_index.shard_pages()
