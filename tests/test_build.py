"""Build the real site into a temporary folder and check it as a reader and a crawler would."""
import json
import posixpath
import re
from collections import Counter
from urllib.parse import unquote, urlsplit

from html_tools import html_pages, parse
from kb import LANGS
from kb import facets

SITE_URL = "http://127.0.0.1:8000/"


def test_layout_per_language(built):
    site, repo = built
    assert (site / "index.html").exists() and all((site / lang / "pagefind" / "pagefind.js").exists() for lang in LANGS)
    for lang in LANGS:
        for path in ["", "cases/", "guidelines/", "pillars/", "regions/", "themes/", "search/", "about/",
                     "contribute/", "accessibility/", "privacy/", "regions/fi-18/", "themes/housing/", "pillars/knowledge/"]:
            page = site / lang / path / "index.html"
            assert page.exists(), page
            assert parse(page).lang == lang


def test_every_case_and_guideline_in_every_language(built):
    site, repo = built
    for e in repo.entries():
        folder = "cases" if e.kind == "case" else "guidelines"
        for lang in LANGS:
            page = site / lang / folder / e.slug / "index.html"
            assert page.exists(), page
            text = " ".join(parse(page).text)
            assert e.text(lang).title in text
            notice = "kb-notice" in page.read_text()
            assert notice == (lang not in e.texts), (e.slug, lang)


def _slugs(hrefs, page_dir="/x/y/", kind="cases"):
    """Slugs of the case pages that the given links point to, resolved against the page's folder."""
    resolved = (posixpath.normpath(posixpath.join(page_dir, h)) for h in hrefs if not urlsplit(h).scheme)
    return {m.group(1) for h in resolved if (m := re.search(rf"/{kind}/([a-z0-9-]+)$", h))}


def test_term_pages_list_exactly_their_cases(built):
    site, repo = built
    for facet in facets.with_pages():
        dim, field, folder = facet.name, facet.field, facet.pages
        for term in facet.terms:
            expected = {e.slug for e in repo.cases if term.id in e.terms(field)}
            for lang in LANGS:
                info = parse(site / lang / folder / term.slug / "index.html")
                assert _slugs(info.sections.get("kb-case-list", []), f"/site/{folder}/{term.slug}/") == expected, (dim, term.id, lang)
    for lang in LANGS:
        info = parse(site / lang / "cases" / "index.html")
        assert _slugs(info.sections["kb-case-list"], "/site/cases/") == {e.slug for e in repo.cases}


def test_cross_index_counts(built):
    """A region page counts its cases per theme, and each count matches the cases carrying both."""
    site, repo = built
    page = (site / "en" / "regions" / "fi-18" / "index.html").read_text()
    for theme in facets.by_name("themes").terms:
        n = sum(1 for e in repo.cases if "FI-18" in e.terms("regions") and theme.id in e.terms("themes"))
        link = f'href="../../themes/{theme.slug}/">{theme.label["en"]}</a></td>\n<td>{n}</td>'
        assert (link in page) == bool(n), (theme.id, n)


def test_internal_links_and_anchors_resolve(built):
    site, _ = built
    pages = {p: parse(p) for p in html_pages(site)}
    broken = []
    for page, info in pages.items():
        for tag, attr, value, rel in info.links:
            url = urlsplit(value)
            if url.scheme or value.startswith("//") or tag == "link" and rel == "alternate":
                continue
            if url.path.startswith("/"):   # only 404 pages use absolute paths (they are served anywhere)
                target = (site / unquote(url.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {value}")
            elif url.fragment and target.suffix == ".html":
                if url.fragment not in (pages.get(target) or parse(target)).ids:
                    broken.append(f"{page.relative_to(site)}: {value} (no anchor)")
    assert broken == []


def test_hreflang_alternates(built):
    site, repo = built
    samples = ["", "cases/", f"cases/{repo.cases[0].slug}/", "regions/fi-18/", "about/"]
    for lang in LANGS:
        for path in samples:
            alt = parse(site / lang / path / "index.html").alternates
            assert alt == {**{lg: f"{SITE_URL}{lg}/{path}" for lg in LANGS}, "x-default": SITE_URL}


def test_language_switcher_links_to_same_page(built):
    site, repo = built
    slug = repo.cases[0].slug
    info = parse(site / "sv" / "cases" / slug / "index.html")
    switch = [v for tag, attr, v, rel in info.links if tag == "a" and v.endswith(f"/cases/{slug}/") and "/../" in v]
    resolved = {str((site / "sv" / "cases" / slug / v).resolve()) for v in switch}
    assert resolved == {str(site / lg / "cases" / slug) for lg in LANGS}


def test_no_external_assets(built):
    site, _ = built
    offenders = []
    for page in html_pages(site):
        html = page.read_text()
        for m in re.finditer(r'<(script|link|img|iframe|source|video|audio)\b[^>]*?(src|href)="(https?:)?//([^/"]+)', html):
            if 'rel="alternate"' in m.group(0) or 'rel="canonical"' in m.group(0):
                continue
            offenders.append(f"{page.relative_to(site)}: {m.group(0)[:120]}")
    for css in site.rglob("*.css"):
        for m in re.finditer(r"(@import|url\()\s*['\"]?(https?:)?//", css.read_text()):
            offenders.append(f"{css.relative_to(site)}: {m.group(0)}")
    assert offenders == []
    assert "fonts.googleapis" not in "".join(p.read_text() for p in html_pages(site))


def test_only_what_readers_use_is_published(built):
    site, _ = built
    assets = [p.relative_to(site).as_posix() for lang in LANGS for p in (site / lang / "assets").rglob("*") if p.is_file()]
    assert not [a for a in assets if a.endswith(".map") or "/lunr/" in a or "/workers/search." in a]
    for lang in LANGS:   # every script and stylesheet a page asks for is there
        page = site / lang / "cases" / "housing-first" / "index.html"
        for ref in re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(\.\./[^"]+\.(?:js|css))"', page.read_text()):
            assert (page.parent / ref).resolve().is_file(), ref


def test_pages_carry_no_indentation_outside_preformatted_text(built):
    site, _ = built
    page = (site / "fi" / "cases" / "housing-first" / "index.html").read_text()
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "<kept/>", page, flags=re.S)
    assert not re.search(r"\n[ \t]+\S", outside) and "\n\n" not in outside


def test_root_page_offers_three_languages_without_javascript(built):
    site, _ = built
    info = parse(site / "index.html")
    assert {v for tag, _, v, _ in info.links if tag == "a"} == {f"{lg}/" for lg in LANGS}


def test_pagefind_has_one_index_per_language(built):
    site, _ = built
    for lang in LANGS:     # each in the language's own folder, built by its own build process
        entry = json.loads((site / lang / "pagefind" / "pagefind-entry.json").read_text())
        assert set(entry["languages"]) == {lang}
    assert not (site / "pagefind").exists()


def test_only_main_content_is_indexed(built):
    site, repo = built
    html = (site / "fi" / "cases" / repo.cases[0].slug / "index.html").read_text()
    body = html.index("data-pagefind-body")
    assert html.rfind("md-header", 0, body) != -1          # the header comes before the indexed part
    assert html.find("md-footer", body) > body             # and the footer after it
    assert 'data-pagefind-filter="type:case"' in html
    assert html.count("data-pagefind-body") == 1
    search = (site / "fi" / "search" / "index.html").read_text()
    assert "data-pagefind-body" not in search              # the search page itself is not a result


def test_every_part_left_out_of_search_says_so_as_pagefind_reads_it(built):
    """Pagefind knows data-pagefind-ignore without a value, "index" or "all"; any other value (such as the
    attribute's own name, which Markdown writes for a bare attribute) makes it warn on every page."""
    site, _ = built
    values = Counter(v for page in site.glob("*/cases/*/index.html")
                     for v in re.findall(r'data-pagefind-ignore(?:="([^"]*)")?', page.read_text(encoding="utf-8")))
    assert values["all"] and set(values) <= {"", "index", "all"}, values


def test_case_page_facts_link_terms(built):
    site, repo = built
    e = repo.cases[0]
    info = parse(site / "en" / "cases" / e.slug / "index.html")
    facts = info.sections["kb-facts"]
    for region in e.terms("regions"):
        assert f"../../regions/{str(region).lower()}/" in facts
    assert "#sources" in facts and "sources" in info.ids                # the fact box points to the sources
    for source in e.meta["sources"]:
        assert source["url"] in info.sections["kb-sources"]      # which close the page


def test_case_page_size_does_not_grow_with_the_navigation(built):
    """Cases are not in the navigation: no case page links to other cases except its related ones."""
    site, repo = built
    e = repo.cases[0]
    info = parse(site / "fi" / "cases" / e.slug / "index.html")
    here = f"/site/cases/{e.slug}/"
    other = _slugs((v for _, _, v, _ in info.links), here) - {e.slug}
    assert other <= _slugs(info.sections.get("kb-related", []), here)


def test_feed_and_csv_per_language(built):
    import csv
    import io
    import xml.etree.ElementTree as ET
    site, repo = built
    for lang in LANGS:
        feed = ET.parse(site / lang / "feed.xml").getroot()
        assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == min(30, len(repo.entries()))
        rows = list(csv.DictReader(io.StringIO((site / lang / "cases.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
        assert {r["slug"] for r in rows} == {e.slug for e in repo.cases}
        head = (site / lang / "index.html").read_text()
        assert f'type="application/atom+xml" href="{SITE_URL}{lang}/feed.xml"' in head


def test_home_page_heading_is_the_site_title_and_tab_says_home(built):
    site, repo = built
    for lang in LANGS:
        html = (site / lang / "index.html").read_text()
        title = next(p.title for p in repo.pages if p.lang == lang and p.name == "index.md")
        assert re.search(r"<h1[^>]*>" + re.escape(title), html), lang
        assert "md-tabs__link" in html and {"fi": "Etusivu", "sv": "Startsida", "en": "Home"}[lang] in html
        tabs = [t.strip() for t in re.findall(r'class="md-tabs__link[^"]*"[^>]*>([^<]*)<', html)]
        sections = {"fi": "Tapauskuvaukset", "sv": "Fallbeskrivningar", "en": "Case studies"}[lang]
        assert sections in tabs and "None" not in tabs and "" not in tabs, tabs   # every tab named by its page


def test_region_pages_also_list_nationwide_cases(built):
    site, repo = built
    national = {e.slug for e in repo.cases if "nationwide" in e.terms("regions")}
    for term in facets.by_name("regions").terms:
        if not str(term.id).startswith("FI-"):
            continue
        info = parse(site / "fi" / "regions" / term.slug / "index.html")
        own = _slugs(info.sections.get("kb-case-list", []), f"/site/regions/{term.slug}/")
        assert _slugs(info.sections.get("kb-nationwide-list", []), f"/site/regions/{term.slug}/") == national - own


def test_not_found_pages(built):
    site, _ = built
    root = parse(site / "404.html")
    assert {v for tag, _, v, _ in root.links if tag == "a"} >= {f"{SITE_URL}{lg}/" for lg in LANGS}
    info = parse(site / "sv" / "404.html")
    assert info.lang == "sv" and "Sidan hittades inte" in " ".join(info.text)
    switch = {v for tag, _, v, _ in info.links if tag == "a" and "kb-lang" in v or v.endswith(("/fi/", "/sv/", "/en/"))}
    assert {f"{SITE_URL}{lg}/" for lg in LANGS} <= switch
