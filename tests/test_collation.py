"""Lists of regions, themes and organisations in the order readers of each language expect
(kb/collation.py, vocabularies/languages.yml: alphabet), and organisations named in the page's language."""
import re

import pytest

from conftest import ROOT
from kb import collation, facets, pages, repository


def test_finnish_and_swedish_put_a_ring_a_umlaut_o_umlaut_after_z():
    words = ["Österbotten", "Åland", "Uusimaa", "ääni", "Zeta", "émile", "Egypt", "aalto"]
    assert collation.sort(words, "fi") == ["aalto", "Egypt", "émile", "Uusimaa", "Zeta", "Åland", "ääni", "Österbotten"]
    assert collation.sort(words, "sv") == collation.sort(words, "fi")
    # English has no such letters: they sort as their base letter
    assert collation.sort(words, "en") == ["aalto", "ääni", "Åland", "Egypt", "émile", "Österbotten", "Uusimaa", "Zeta"]


@pytest.fixture(scope="module")
def real():
    repo, diags = repository.load(ROOT)
    assert diags == []
    return repo


def _labels_in(md: str) -> list[str]:
    return re.findall(r"^\| \[([^\]]+)\]\(", md, re.M)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_region_and_theme_overviews_list_terms_by_label(real, lang):
    md = pages.generate(real, lang)
    regions = _labels_in(md["regions/index.md"])
    iso = [r for r in regions[:19]]
    assert iso == collation.sort(iso, lang) and len(regions) == 21
    assert regions[19:] == [facets.by_name("regions").terms[-2].label[lang], facets.by_name("regions").terms[-1].label[lang]]
    themes = _labels_in(md["themes/index.md"])
    assert themes == collation.sort(themes, lang) and len(themes) == len(facets.by_name("themes").terms)
    if lang == "sv":
        assert iso[-2:] == ["Åland", "Österbotten"]
    # the pillars keep their own order: knowledge, competence, influence
    assert _labels_in(md["pillars/index.md"]) == [p.label[lang] for p in facets.by_name("pillars").terms]


@pytest.mark.parametrize("lang, name", [("fi", "Y-Säätiö"), ("sv", "Y-Stiftelsen"), ("en", "Y-Foundation")])
def test_fact_box_names_organisations_in_the_page_language_in_its_order(real, lang, name):
    md = pages.generate(real, lang)["cases/housing-first/index.md"]
    row = next(line for line in md.splitlines() if "ysaatio.fi" in line)
    names = [n.replace("\\", "") for n in re.findall(r"\[([^\]]+)\]\(https?://", row)]   # esc() escapes - in Markdown
    assert name in names and names == collation.sort(names, lang)
