"""What readers see, in headless Chromium, on the site built for a sub-path and served there as on GitHub
Pages: the map and the charts, pages that fit every screen, where-you-are (breadcrumbs and the section's
tab), the print style, and axe on every kind of page in each language."""
import re

import pytest

from conftest import watched_page
from kb import LANGS, facets, vocab
from kb.indexes import counts

WIDTHS = (320, 390, 1280, 1440)


@pytest.fixture
def page(browser):
    with watched_page(browser) as pg:
        yield pg


def page_types(repo) -> list[str]:
    """One page of every kind a language site has."""
    return ["", "cases/", f"cases/{repo.cases[0].slug}/", "guidelines/", f"guidelines/{repo.guidelines[0].slug}/",
            "pillars/", "pillars/knowledge/", "regions/", "regions/fi-18/", "themes/", "themes/youth/",
            "search/?region=FI-18", "data/", "glossary/", "status/", "about/", "accessibility/"]


def _number(text: str) -> int:
    return int(re.findall(r"\d+", text)[-1])


@pytest.mark.parametrize("lang", LANGS)
def test_map_links_every_region_with_the_count_of_its_page(subpath_site, page, lang):
    address, repo = subpath_site
    expected = counts(repo.cases, "regions")
    for path in ("", "regions/"):
        page.goto(f"{address}{lang}/{path}")
        links = page.eval_on_selector_all("a.kb-map-region", "as => as.map(a => [new URL(a.getAttribute('href'), location.href).href, a.getAttribute('aria-label')])")
        assert len(links) == 19
        slugs = {re.search(r"/regions/([^/]+)/$", href).group(1) for href, _ in links}
        assert slugs == {f"fi-{i:02}" for i in range(1, 20)}
        for href, name in links:
            assert _number(name) == expected[href.rstrip("/").rsplit("/", 1)[1].upper()]
    for href, name in links:   # the region's own page says the same
        page.goto(href)
        assert _number(page.inner_text("article p strong")) == _number(name)
        assert len(page.query_selector_all(".kb-case-list tbody tr")) == _number(name)


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_and_charts_are_also_tables(subpath_site, page, lang):
    """Every figure's numbers are text in a table: the map's on the home page, the charts' on the overview."""
    address, repo = subpath_site
    regions = facets.by_name("regions")
    page.goto(f"{address}{lang}/")
    page.click(".kb-map-table summary")
    rows = page.eval_on_selector_all(".kb-map-table tbody tr", "rs => rs.map(r => [r.cells[0].innerText, r.cells[1].innerText])")
    n = counts(repo.cases, "regions")
    assert {label: int(count) for label, count in rows} == {t.label[lang]: n[t.id] for t in regions.terms}
    page.goto(f"{address}{lang}/cases/")
    captions = page.eval_on_selector_all(".kb-chart table caption", "cs => cs.map(c => c.innerText)")
    assert len(captions) == 3 and all(captions)
    heat = page.eval_on_selector_all(".kb-heat tbody tr", "rs => rs.map(r => Array.from(r.cells, c => c.innerText))")
    pillars = facets.by_name("pillars").terms
    for theme, *cells in heat:
        term = next(t for t in facets.by_name("themes").terms if t.label[lang] == theme)
        assert [int(c) for c in cells] == [sum(1 for c in repo.cases if p.id in c.terms("pillars") and term.id in c.terms("themes"))
                                           for p in pillars]
    bars = page.eval_on_selector_all(".kb-bars", "ts => ts.map(t => Array.from(t.tBodies[0].rows, r => [r.cells[0].innerText, r.cells[1].innerText]))")
    stages = counts(repo.cases, "status")
    assert {label: int(v) for label, v in bars[0]} == {t.label[lang]: stages[t.id] for t in vocab.load("statuses").terms}
    assert sum(int(v) for _, v in bars[1]) == len(repo.cases)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_is_wider_than_the_screen_and_no_table_is_cut_off(subpath_site, browser, lang):
    address, repo = subpath_site
    for width in WIDTHS:
        with watched_page(browser, viewport={"width": width, "height": 900}) as pg:
            for path in page_types(repo):
                pg.goto(f"{address}{lang}/{path}")
                wide = pg.evaluate("document.documentElement.scrollWidth")
                assert wide <= width, (path, width, wide)
                if width >= 1280:   # every table fits its column; on phones a wide one may scroll in its box
                    cut = pg.evaluate("""() => Array.from(document.querySelectorAll('article table')).filter(t =>
                        t.getBoundingClientRect().right > document.querySelector('article').getBoundingClientRect().right + 1
                        || t.parentElement.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.className || t.innerText.slice(0, 40))""")
                    assert cut == [], (path, width)


def test_case_tables_stack_on_a_phone(subpath_site, browser):
    address, _ = subpath_site
    with watched_page(browser, viewport={"width": 390, "height": 900}) as pg:
        pg.goto(f"{address}fi/cases/")
        assert pg.eval_on_selector(".kb-cases tbody td", "td => getComputedStyle(td).display") == "block"
        label = pg.eval_on_selector(".kb-cases tbody td:nth-child(2)", "td => getComputedStyle(td, '::before').content")
        assert "Alue" in label
    with watched_page(browser, viewport={"width": 1280, "height": 900}) as pg:
        pg.goto(f"{address}fi/cases/")
        assert pg.eval_on_selector(".kb-cases tbody td", "td => getComputedStyle(td).display") == "table-cell"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_outside_the_navigation_say_where_they_are(subpath_site, page, lang):
    """Case, guideline and term pages: a breadcrumb back to their section, whose tab is highlighted, and
    no empty left column."""
    address, repo = subpath_site
    for path, section in [(f"cases/{repo.cases[0].slug}/", "cases/"), (f"guidelines/{repo.guidelines[0].slug}/", "guidelines/"),
                          ("regions/fi-18/", "regions/"), ("themes/youth/", "themes/")]:
        page.goto(f"{address}{lang}/{path}")
        crumbs = page.eval_on_selector_all(".kb-breadcrumbs li", "ls => ls.map(l => [l.innerText, l.querySelector('a') && l.querySelector('a').href])")
        assert [href for _, href in crumbs] == [f"{address}{lang}/", f"{address}{lang}/{section}", None]
        assert crumbs[-1][0] == page.inner_text("article h1").replace("¶", "").strip()
        tops = page.eval_on_selector_all(".kb-breadcrumbs li", "ls => ls.map(l => Math.round(l.getBoundingClientRect().top))")
        assert len(set(tops)) == 1, tops   # one line on a desktop
        assert page.eval_on_selector(".md-tabs__item--active a", "a => a.href") == f"{address}{lang}/{section}"
        assert not page.is_visible(".md-sidebar--primary")


def test_print_keeps_the_facts_and_writes_out_source_addresses(subpath_site, page):
    address, repo = subpath_site
    case = repo.cases[0]
    page.emulate_media(media="print")
    page.goto(f"{address}en/cases/{case.slug}/")
    assert page.is_visible(".kb-facts") and page.is_visible(".kb-sources")
    for hidden in (".md-header", ".md-tabs", ".kb-header-search", ".kb-breadcrumbs", ".md-footer"):
        assert not page.is_visible(hidden), hidden
    after = page.eval_on_selector_all(".kb-sources a", "as => as.map(a => [a.href, getComputedStyle(a, '::after').content])")
    assert len(after) == len(case.meta["sources"])
    for href, content in after:
        assert href.rstrip("/") in content or href in content, (href, content)
    page.emulate_media(media="screen")
    page.goto(f"{address}en/cases/{case.slug}/")
    assert page.eval_on_selector(".kb-sources a", "a => getComputedStyle(a, '::after').content") in ("none", "normal")


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_page_meets_wcag_21_aa_checks(subpath_site, page, lang):
    """axe-core's automated WCAG 2.1 A and AA rules find nothing on any kind of page, map and data page included."""
    from axe_playwright_python.sync_playwright import Axe
    address, repo = subpath_site
    axe = Axe()
    tags = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for path in page_types(repo):
        page.goto(f"{address}{lang}/{path}")
        page.wait_for_load_state("networkidle")
        violations = axe.run(page, options=tags).response["violations"]
        assert violations == [], (path, [(v["id"], v["nodes"][0]["target"]) for v in violations])
