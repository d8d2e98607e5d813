"""Search as readers use it, in headless Chromium on the real built site served the way it is deployed:
at the address it was built for, at the root and under a sub-path as on GitHub Pages. Word forms and
compound parts (tests/search_queries.yml), counts that tell the truth, the address as the search's
state (history, language switch), and the layout on a desktop and a phone."""
import json
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
import yaml

from conftest import ROOT, watched_page
from kb import LANGS
from scripts.search_compare import done, score
from serving import build_site, free_port, serve, site_url

KEYS = re.compile(r"(?: [^\W\d_]+(?:-[^\W\d_]+)*qq)+(?=\W|$)")   # the search keys after a word in the index
QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
RECALL = 0.95


@pytest.fixture(scope="module", params=["/kb/", "/"], ids=["sub-path", "root"])
def site(request, tmp_path_factory):
    """The site built for its address and served there: (address, repository)."""
    from kb import repository
    port = free_port()
    out = tmp_path_factory.mktemp("search") / "site"
    build_site(out, site_url(port, request.param))
    with serve(out, port, request.param) as address:
        yield address, repository.load(ROOT)[0]


def total(pg) -> int:
    text = pg.inner_text("#kb-results .kb-result-count")
    m = re.search(r"\d+", text)
    return int(m.group()) if m else 0


@pytest.mark.parametrize("lang", LANGS)
def test_query_set_finds_every_form_of_a_word(subpath_site, browser, lang):
    """Recall over the query set ≥ 95 % in each language, and no case found that lacks the word."""
    address, repo = subpath_site
    queries = QUERIES[lang]
    assert len(queries) >= {"fi": 40, "sv": 30, "en": 20}[lang]
    with watched_page(browser) as pg:
        result = score(pg, address, lang, queries)
    assert result["recall"] >= RECALL, result
    assert result["extra"] == [], result


def test_excerpts_show_the_page_text_without_search_keys_sources_or_similar_cases(subpath_site, browser):
    address, repo = subpath_site
    case = next(e for e in repo.cases if e.slug == "housing-first")
    with watched_page(browser) as pg:
        pg.goto(f"{address}fi/search/?q=asunnottomuutta")
        done(pg)
        texts = [li.inner_text() for li in pg.query_selector_all("#kb-results .kb-result-list li")]
        assert texts and not any(re.search(r"\wqq\b", t) for t in texts)   # no search keys shown
        marks = [m.inner_text() for m in pg.query_selector_all("#kb-results mark")]
        assert marks and all("asunnottomuu" in m.lower() and "qq" not in m for m in marks), marks   # words, not keys
        content = pg.evaluate("""async (root) => {
            const pf = await import(new URL('fi/pagefind/pagefind.js', root).href);
            await pf.options({ baseUrl: new URL(root).pathname }); await pf.init();
            const r = await pf.search('asunnottomuus');
            const pages = await Promise.all(r.results.map(x => x.data()));
            return pages.filter(p => p.url.includes('/housing-first/')).map(p => p.content)[0];
        }""", address)
    assert content
    content = KEYS.sub("", content)                                    # the text as written
    assert "Asunto ensin" in content
    for source in case.meta["sources"]:
        assert source["title"] not in content                          # the sources list is not indexed
    assert "Lähteet" not in content and "Samankaltaisia" not in content
    assert "Y-Säätiö" in content                                       # organisation names are


def _boxes(pg):
    return [(b.get_attribute("name"), b.get_attribute("value")) for b in pg.query_selector_all('form.kb-search input[type="checkbox"]')]


def _checked(pg):
    return sorted((b.get_attribute("name"), b.get_attribute("value")) for b in pg.query_selector_all('form.kb-search input[type="checkbox"]:checked'))


@pytest.mark.parametrize("state", ["theme=housing", "region=FI-18&region=nationwide&theme=youth", "q=young&type=case"])
def test_every_count_is_what_ticking_or_unticking_gives_and_back_undoes_it(subpath_site, browser, state):
    """Within a filter values combine with OR, across filters with AND: the number beside each value is the
    number of results after clicking it; Back then restores the boxes and the results."""
    address, _ = subpath_site
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as pg:
        pg.goto(f"{address}en/search/?{state}")
        before = done(pg)
        ticked = _checked(pg)
        for name, value in _boxes(pg):
            box = f'form.kb-search input[name="{name}"][value="{value}"]'
            shown = int(pg.inner_text(f"{box} ~ [data-filter-count]").strip("()"))
            empty = "kb-empty" in pg.eval_on_selector(box, "b => b.closest('label').className")
            assert empty == (shown == 0), (name, value)
            pg.click(box)
            params = pg.evaluate("() => location.search.slice(1)")
            done(pg, params)
            if params:                                   # a search or a filter is left: results are shown
                assert total(pg) == shown, (name, value, params)
            pg.go_back()
            assert done(pg, urlsplit(f"?{state}").query) == before
            assert _checked(pg) == ticked


def test_back_and_forward_step_through_filter_changes(subpath_site, browser):
    address, repo = subpath_site
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as pg:
        pg.goto(f"{address}fi/search/")
        pg.click('input[name="region"][value="FI-18"]')
        done(pg, "region=FI-18")
        pg.click('input[name="theme"][value="youth"]')
        both = done(pg, "region=FI-18&theme=youth")
        assert set(both) == {e.slug for e in repo.cases if "FI-18" in e.terms("regions") and "youth" in e.terms("themes")}
        pg.go_back()
        assert set(done(pg, "region=FI-18")) == {e.slug for e in repo.cases if "FI-18" in e.terms("regions")}
        assert not pg.is_checked('input[name="theme"][value="youth"]')
        pg.go_back()
        assert pg.evaluate("() => location.search") == "" and not _checked(pg)
        pg.go_forward()
        done(pg, "region=FI-18")
        pg.go_forward()
        assert set(done(pg, "region=FI-18&theme=youth")) == set(both)
        assert pg.is_checked('input[name="theme"][value="youth"]')


def test_language_switch_keeps_query_and_filters(site, browser):
    """At the root and under a sub-path, each at the address the site was built for."""
    address, _ = site
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as pg:
        pg.goto(f"{address}fi/search/?q=Vamos&region=FI-18")
        found = done(pg)
        assert found == ["vamos"]
        pg.click(".md-select button")
        pg.click('a.kb-lang-link[hreflang="sv"]')
        pg.wait_for_url(f"{address}sv/search/?q=Vamos&region=FI-18")
        assert done(pg) == found and pg.eval_on_selector("html", "e => e.lang") == "sv"
        assert pg.input_value("#kb-q") == "Vamos" and _checked(pg) == [("region", "FI-18")]


def test_desktop_shows_filters_beside_the_results(subpath_site, browser):
    address, _ = subpath_site
    with watched_page(browser, viewport={"width": 1280, "height": 800}) as pg:
        pg.goto(f"{address}en/search/?theme=youth&region=FI-18")
        done(pg)
        filters = pg.eval_on_selector("details.kb-filters", "d => { const r = d.getBoundingClientRect(); return [d.open, r.right, r.top]; }")
        results = pg.eval_on_selector("#kb-results", "d => { const r = d.getBoundingClientRect(); return [r.left, r.top]; }")
        first = pg.eval_on_selector("#kb-results li", "d => d.getBoundingClientRect().top")
        assert filters[0] and filters[1] <= results[0] and abs(filters[2] - results[1]) < 5
        assert first < 800                                  # the first result is on the first screen


@pytest.mark.parametrize("width,height", [(390, 844), (320, 568)])
def test_phone_folds_the_filters_and_nothing_is_wider_than_the_screen(subpath_site, browser, width, height):
    address, _ = subpath_site
    wide = "() => document.documentElement.scrollWidth"
    with watched_page(browser, viewport={"width": width, "height": height}) as pg:
        for lang in LANGS:
            pg.goto(f"{address}{lang}/search/?region=FI-18")
            done(pg)
            assert not pg.eval_on_selector("details.kb-filters", "d => d.open")
            assert pg.evaluate(wide) <= width, lang
            pg.click("details.kb-filters > summary")
            assert pg.evaluate(wide) <= width, lang             # WCAG 1.4.10: reflow without sideways scrolling
            pg.evaluate("() => window.scrollTo(0, document.querySelector('fieldset[data-filter=region]').offsetTop)")
            button = pg.eval_on_selector(".kb-show-results", "b => { const r = b.getBoundingClientRect(); return [r.top, r.bottom, b.innerText]; }")
            assert 0 <= button[0] and button[1] <= height       # the button stays in view while the panel is open
            assert re.search(r"\(\d+\)", button[2])
            pg.click(".kb-show-results")
            assert not pg.eval_on_selector("details.kb-filters", "d => d.open")
            top = pg.eval_on_selector("#kb-results", "d => d.getBoundingClientRect().top")
            assert 0 <= top < height                            # and the results are in view


@pytest.mark.parametrize("lang", LANGS)
def test_search_page_with_filters_open_meets_wcag_21_aa(subpath_site, browser, lang):
    from axe_playwright_python.sync_playwright import Axe
    address, _ = subpath_site
    tags = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        with watched_page(browser, viewport=viewport) as pg:
            pg.goto(f"{address}{lang}/search/?q=nuoret&region=FI-18")
            done(pg)
            pg.evaluate("() => { document.querySelector('details.kb-filters').open = true; }")
            violations = Axe().run(pg, options=tags).response["violations"]
            assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """This repository's site with each language's index in parts of at most ten pages, as a large site's
    is (kb/search_index.py: SHARD_PAGES), served under a sub-path: its address."""
    port = free_port()
    out = tmp_path_factory.mktemp("sharded") / "site"
    build_site(out, site_url(port), KB_SEARCH_SHARD_PAGES="10")
    with serve(out, port) as address:
        yield address, out


def _counts(pg) -> dict:
    return {f"{b.get_attribute('name')}={b.get_attribute('value')}": pg.eval_on_selector(
        f'form.kb-search input[name="{b.get_attribute("name")}"][value="{b.get_attribute("value")}"] ~ [data-filter-count]',
        "e => e.textContent") for b in pg.query_selector_all('form.kb-search input[type="checkbox"]')}


@pytest.mark.parametrize("lang", LANGS)
def test_an_index_in_parts_finds_and_counts_as_one_index(sharded_site, subpath_site, browser, lang):
    """A language's index built in parts, merged in the browser, finds the same pages and gives the same
    counts as one index; only the first part brings Pagefind's script and WebAssembly."""
    address, out = sharded_site
    parts = sorted(p.parent.relative_to(out / lang / "pagefind").as_posix() for p in (out / lang / "pagefind").rglob("pagefind-entry.json"))
    assert len(parts) >= 3 and parts[0] == "." and all(p.startswith("shards/") for p in parts[1:])
    assert not list((out / lang / "pagefind" / "shards").rglob("*.js")) and not list((out / lang / "pagefind" / "shards").rglob("wasm.*"))
    whole = urlopen(f"{subpath_site[0]}{lang}/pagefind/kb-shards.json").read()
    assert json.loads(whole) == {"parts": [], "skip": []}   # the site compared with is one index
    queries = [q["query"] for q in QUERIES[lang][:6]] + [""]
    states = [f"q={q}" if q else "type=case" for q in queries] + ["theme=housing", "region=nationwide&q=" + queries[0]]
    seen = {}
    for site_address in (address, subpath_site[0]):
        with watched_page(browser, viewport={"width": 1280, "height": 900}) as pg:
            for state in states:
                pg.goto(f"{site_address}{lang}/search/?{state}")
                done(pg)
                show = pg.query_selector(".kb-more")
                while show:
                    show.click()
                    pg.wait_for_timeout(50)
                    show = pg.query_selector(".kb-more")
                found = sorted(urlsplit(a.get_attribute("href")).path.replace(urlsplit(site_address).path, "/")
                               for a in pg.query_selector_all("#kb-results .kb-result-list a"))
                seen.setdefault(state, []).append((total(pg), found, _counts(pg)))
    for state, (sharded, whole) in seen.items():
        assert sharded == whole, (state, sharded[:2], whole[:2])
        assert whole[0] > 0, state
