"""The repository's own content keeps the coverage the knowledge base promises its readers."""
import re

import pytest

from conftest import ROOT
from kb import LANGS, repository, vocab


@pytest.fixture(scope="module")
def content():
    repo, diags = repository.load(ROOT)
    assert diags == [], "\n".join(d.text() for d in diags)
    return repo


def test_at_least_24_cases_each_in_three_languages_four_written_in_swedish(content):
    assert len(content.cases) >= 24
    assert len([c for c in content.cases if c.original_lang == "sv"]) >= 4
    for case in content.cases:
        assert sorted(case.texts) == sorted(LANGS), case.slug


def test_guidelines_in_three_languages(content):
    slugs = {g.slug for g in content.guidelines}
    assert {"describing-cases-and-evidence", "planning-impact-evaluation", "scaling-and-transfer",
            "funding-social-innovation", "co-creating-with-service-users", "outcome-based-funding"} <= slugs
    assert len(slugs) >= 6
    for g in content.guidelines:
        assert sorted(g.texts) == sorted(LANGS), g.slug


def test_cases_cover_pillars_regions_and_themes(content):
    used = lambda field: {t for c in content.cases for t in c.terms(field)}  # noqa: E731
    assert used("pillars") == set(vocab.load("pillars").ids())
    regions = used("regions")
    assert {r for r in regions if r.startswith("FI-")} == {f"FI-{i:02}" for i in range(1, 20)}   # every region, Åland too
    assert "nationwide" in regions
    themes = set(vocab.load("themes").ids())
    assert used("themes") >= themes


def test_evidence_scale_is_used_across_its_range(content):
    levels = {c.meta["evidence"] for c in content.cases}
    assert len(levels) >= 4 and min(levels) == 1 and max(levels) >= 4


def test_cases_are_sourced_and_explain_their_evidence(content):
    for case in content.cases:
        assert len(case.meta["sources"]) >= 2, case.slug
        for lang, text in case.texts.items():
            results = vocab.sections()["case"][2]["label"][lang]
            section = text.body.split(f"## {results}", 1)[1].split("\n## ", 1)[0]
            assert re.search(r"\]\(https?://", section), f"{case.slug}/{lang}: results cite no source inline"


def test_site_pages_in_every_language(content):
    names = {(p.lang, p.name) for p in content.pages}
    for lang in LANGS:
        for name in ("index.md", "about.md", "contribute.md", "accessibility.md", "privacy.md"):
            assert (lang, name) in names


def test_accessibility_statement_has_what_the_law_requires(content):
    for page in (p for p in content.pages if p.name == "accessibility.md"):
        text = page.source
        assert "306/2019" in text and "WCAG 2.1" in text, page.lang
        assert "14" in text, page.lang                             # answer within 14 days
        assert re.search(r"https://(www\.)?(saavutettavuusvaatimukset|tillganglighetskrav|webaccessibility)\.fi", text), page.lang


def test_home_page_shows_pillars_and_newest_cases(content):
    for page in (p for p in content.pages if p.name == "index.md"):
        assert "<!-- kb:pillars -->" in page.source and "<!-- kb:newest-cases -->" in page.source
