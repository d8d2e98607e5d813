"""Vocabularies are complete in three languages, and regions match ISO 3166-2:FI (pycountry)."""
import pycountry
import pytest
import yaml

from kb import LANGS, vocab
from kb.strings import all_strings

NAMES = ["pillars", "regions", "themes", "statuses", "evidence", "licences", "audiences"]


@pytest.mark.parametrize("name", NAMES)
def test_every_term_has_label_and_description_in_every_language(name):
    v = vocab.load(name)
    assert len(set(v.ids())) == len(v.terms) > 0
    for term in v.terms:
        for lang in LANGS:
            assert str(term.label[lang]).strip(), (name, term.id, lang)
            assert str(term.description[lang]).strip(), (name, term.id, lang)


def test_regions_match_iso_3166_2_fi():
    iso = {s.code: s.name for s in pycountry.subdivisions.get(country_code="FI")}
    ours = {str(t.id): t for t in vocab.load("regions").terms if str(t.id).startswith("FI-")}
    assert set(ours) == set(iso) == {f"FI-{i:02d}" for i in range(1, 20)}
    raw = {t["id"]: t for t in yaml.safe_load((vocab.VOCAB_DIR / "regions.yml").read_text())["terms"]}
    for code, name in iso.items():
        assert raw[code]["iso_name"] == name
        labels = ours[code].label
        assert labels["fi"] in name or labels["sv"] in name, (code, name, labels)
    assert {"nationwide", "international"} <= set(vocab.load("regions").ids())


def test_pillars_and_scales():
    assert vocab.load("pillars").ids() == ["knowledge", "competence", "influence"]
    assert vocab.load("evidence").ids() == [1, 2, 3, 4, 5]
    assert 10 <= len(vocab.load("themes").terms) <= 15
    for driver in ("green-transition", "demographic-change", "digitalisation", "work-employment", "education", "social-services"):
        assert vocab.load("themes").get(driver), driver


def test_suggestions():
    assert vocab.load("themes").suggest("housng")[0] == "housing"
    assert vocab.load("regions").suggest("fi-18")[0] == "FI-18"
    assert vocab.load("regions").suggest("Nyland")[0] == "FI-18"   # labels in any language count
    assert vocab.load("pillars").suggest("zzzz") == []


def test_interface_strings_complete():
    strings = all_strings()
    assert set(strings) == set(LANGS)
    keys = set(strings["en"])
    for lang in LANGS:
        assert set(strings[lang]) == keys, lang
        assert all(str(v).strip() for v in strings[lang].values())


def test_section_headings_in_every_language():
    for section in vocab.sections()["case"]:
        assert set(section["label"]) == set(LANGS)
