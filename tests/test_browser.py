"""The site in headless Chromium (Debian's chromium, driven by Playwright): search, filters,
language switching, and no request leaving localhost."""
import functools
import http.server
import re
import threading
from urllib.parse import urlsplit

import pytest

from conftest import watched_page
from kb import LANGS
from scripts.search_compare import done, show_all



@pytest.fixture(scope="module")
def server(built):
    site, repo = built
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", repo
    httpd.shutdown()


@pytest.fixture
def page(browser):
    """A fresh page that records every request (conftest.watched_page)."""
    with watched_page(browser) as pg:
        yield pg


def results(pg):
    """Every result of the search on the page, after "show more" was pressed until all are shown."""
    done(pg)   # the search for the page's address is on the page
    show_all(pg)
    return [urlsplit(a.get_attribute("href")).path for a in pg.query_selector_all("#kb-results .kb-result-list a")]


def distinctive_word(title):
    words = sorted(re.findall(r"[^\W\d_]{6,}", title), key=len, reverse=True)
    return words[0]


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_a_case_in_each_language(server, page, lang):
    base, repo = server
    case = next(e for e in repo.cases if lang in e.texts)
    word = distinctive_word(case.texts[lang].title)
    page.goto(f"{base}/{lang}/search/?q={word}")
    assert f"/{lang}/cases/{case.slug}/" in results(page)
    assert page.eval_on_selector("html", "e => e.lang") == lang


def test_header_search_form_opens_results(server, page):
    base, repo = server
    case = repo.cases[0]
    page.goto(f"{base}/en/")
    word = distinctive_word(case.text("en").title)
    page.fill("#kb-header-q", word)
    page.press("#kb-header-q", "Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q="))
    assert f"/en/cases/{case.slug}/" in results(page)


def test_region_filter_shows_only_that_region_and_is_shareable(server, page):
    base, repo = server
    region = "FI-18"
    expected = {f"/en/cases/{e.slug}/" for e in repo.cases if region in e.terms("regions")}
    assert expected, "the content should have cases in Uusimaa"
    page.goto(f"{base}/en/search/")
    assert page.eval_on_selector("details.kb-filters", "d => d.open")   # beside the results on a desktop
    page.check(f'input[name="region"][value="{region}"]')
    page.wait_for_url(re.compile(r"region=FI-18"))
    found = set(results(page))
    assert found == expected
    shared = page.url
    page.goto(f"{base}/en/")
    page.goto(shared)                                # the link alone restores the same search
    assert page.is_checked(f'input[name="region"][value="{region}"]')
    assert set(results(page)) == expected


def test_filters_combine_with_and(server, page):
    base, repo = server
    theme = next(t for e in repo.cases for t in e.terms("themes"))
    expected = {f"/sv/cases/{e.slug}/" for e in repo.cases
                if "nationwide" in e.terms("regions") and theme in e.terms("themes")}
    page.goto(f"{base}/sv/search/?region=nationwide&theme={theme}&type=case")
    assert set(results(page)) == expected


def test_language_switch_keeps_the_case(server, page):
    base, repo = server
    case = repo.cases[0]
    page.goto(f"{base}/fi/cases/{case.slug}/")
    page.click(".md-select button")
    page.click('a.kb-lang-link[hreflang="sv"]')
    page.wait_for_url(f"{base}/sv/cases/{case.slug}/")
    assert page.eval_on_selector("html", "e => e.lang") == "sv"


@pytest.mark.parametrize("locale,lang", [("sv-FI", "sv"), ("en-GB", "en"), ("de-DE", "fi")])
def test_root_sends_reader_to_browser_language(server, browser, locale, lang):
    base, _ = server
    context = browser.new_context(locale=locale)
    pg = context.new_page()
    pg.goto(f"{base}/")
    pg.wait_for_url(f"{base}/{lang}/")
    context.close()


def test_case_table_sorts_by_column(server, page):
    base, repo = server
    page.goto(f"{base}/en/cases/")
    page.click(".kb-case-list th:nth-child(4) button")     # start year
    years = [int(td.inner_text()) for td in page.query_selector_all(".kb-case-list tbody td:nth-child(4)")]
    assert years == sorted(years) and len(years) == len(repo.cases)
    page.click(".kb-case-list th:nth-child(4) button")
    years = [int(td.inner_text()) for td in page.query_selector_all(".kb-case-list tbody td:nth-child(4)")]
    assert years == sorted(years, reverse=True)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_meet_wcag_21_aa_checks(server, page, lang):
    """axe-core's automated WCAG 2.1 A and AA rules find nothing on the main kinds of page."""
    from axe_playwright_python.sync_playwright import Axe
    base, repo = server
    axe = Axe()
    tags = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for path in ["", f"cases/{repo.cases[0].slug}/", "cases/", "regions/fi-18/", "themes/youth/",
                 f"guidelines/{repo.guidelines[0].slug}/", "search/?region=FI-18", "accessibility/"]:
        page.goto(f"{base}/{lang}/{path}")
        page.wait_for_load_state("networkidle")
        violations = axe.run(page, options=tags).response["violations"]
        assert violations == [], (path, [(v["id"], v["nodes"][0]["target"]) for v in violations])


def test_stage_and_evidence_filters_with_counts(server, page):
    base, repo = server
    level = repo.cases[0].meta["evidence"]
    expected = {f"/fi/cases/{e.slug}/" for e in repo.cases if e.meta["evidence"] == level}
    page.goto(f"{base}/fi/search/?evidence={level}")
    assert set(results(page)) == expected
    count = page.inner_text(f'input[name="evidence"][value="{level}"] ~ [data-filter-count]')
    assert count == f"({len(expected)})"
    # the other groups are counted too, also when the page was opened from a link
    assert page.inner_text('input[name="type"][value="case"] ~ [data-filter-count]') == f"({len(expected)})"
    stage = repo.cases[0].meta["status"]
    page.goto(f"{base}/fi/search/?status={stage}&type=case")
    assert set(results(page)) == {f"/fi/cases/{e.slug}/" for e in repo.cases if e.meta["status"] == stage}


def test_stage_column_sorts_in_lifecycle_order(server, page):
    from kb import vocab
    base, repo = server
    page.goto(f"{base}/en/cases/")
    page.click(".kb-case-list th:nth-child(5) button")
    stages = [td.inner_text() for td in page.query_selector_all(".kb-case-list tbody td:nth-child(5)")]
    order = [t.label["en"] for t in vocab.load("statuses").terms]
    assert stages == sorted(stages, key=order.index)


def test_language_switch_on_search_keeps_the_search(server, page):
    base, _ = server
    page.goto(f"{base}/fi/search/?region=FI-18")
    results(page)
    page.click(".md-select button")
    page.click('a.kb-lang-link[hreflang="sv"]')
    page.wait_for_url(f"{base}/sv/search/?region=FI-18")


def test_on_phones_results_come_before_the_filters(server, browser):
    base, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.goto(f"{base}/fi/search/?region=FI-18&theme=youth")
    pg.wait_for_selector("#kb-results .kb-result-count")
    assert not pg.eval_on_selector("details.kb-filters", "d => d.open")
    assert pg.inner_text("details.kb-filters > summary").endswith("(2)")
    top = pg.eval_on_selector("#kb-results", "e => e.getBoundingClientRect().top")
    assert top < 844                                   # the first results are on the first screen
    context.close()
