"""Open data and structured data on the real built site: /data/cases.json in one stable shape with every
field documented, the schemas and vocabularies, a CSV per term page, and the JSON-LD and link-preview
tags of every case and guideline page."""
import csv
import io
import json
import re

import yaml

from kb import LANGS, checks_meta, facets, open_data, site_root_url, vocab
from kb.indexes import entries_with

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_cases_json_has_every_case_in_every_language_in_one_documented_shape(built):
    site, repo = built
    data = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))
    documented = [f["name"] for f in open_data.fields()]
    assert data["licence"] == "CC-BY-4.0"
    assert [c["slug"] for c in data["cases"]] == sorted(e.slug for e in repo.cases)
    for item in data["cases"]:
        assert list(item) == documented                      # every field, in the documented order, nothing else
        entry = next(e for e in repo.cases if e.slug == item["slug"])
        assert set(item["texts"]) == set(entry.texts)
        for lang, text in item["texts"].items():
            assert text["title"] == entry.texts[lang].title
            path = text["url"].split("/", 3)[3]             # the page is on the built site
            assert (site / path / "index.html").exists(), text["url"]
            assert text["source"] == f"cases/{entry.slug}/{lang}.md"
        assert item["regions"] == entry.meta["regions"] and item["evidence"] == entry.meta["evidence"]
        assert all(set(o) == {"name", "names", "url"} for o in item["organisations"])


def test_schemas_and_vocabularies_are_published_as_the_validator_uses_them(built):
    site, _ = built
    for kind in open_data.SCHEMAS:
        assert json.loads((site / "data" / f"{kind}.schema.json").read_text()) == checks_meta.schema(kind)
    for name in open_data.VOCABULARIES:
        published = json.loads((site / "data" / "vocabularies" / f"{name}.json").read_text(encoding="utf-8"))
        assert published == yaml.safe_load((vocab.VOCAB_DIR / f"{name}.yml").read_text(encoding="utf-8"))


def test_data_page_documents_every_field_and_links_the_files(built):
    site, _ = built
    for lang in LANGS:
        html = (site / lang / "data" / "index.html").read_text(encoding="utf-8")
        for f in open_data.fields():
            assert f"<code>{f['name']}</code>" in html
        for href in re.findall(r'href="(\.\./\.\./data/[^"]+)"', html):
            assert (site / lang / "data" / href).resolve().exists(), href
        assert 'href="../../fi/cases.csv"' in html


def test_each_term_page_links_a_csv_of_its_cases(built):
    site, repo = built
    for facet in facets.with_pages():
        for term in facet.terms:
            folder = site / "sv" / facet.pages / term.slug
            cases = entries_with(repo.cases, facet.field, term.id)
            rows = list(csv.reader(io.StringIO((folder / "cases.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
            assert sorted(r[0] for r in rows[1:]) == sorted(e.slug for e in cases), (facet.name, term.id)
            assert "summary" not in rows[0] and "sources" not in rows[0] and "regions" in rows[0]
            assert ('href="cases.csv"' in (folder / "index.html").read_text()) == bool(cases)


def test_case_and_guideline_pages_describe_themselves_for_search_engines(built):
    site, repo = built
    address = site_root_url()   # what the session's site was built for
    for entry in repo.entries():
        for lang in LANGS:
            html = (site / lang / entry.folder / entry.slug / "index.html").read_text(encoding="utf-8")
            blocks = JSON_LD.findall(html)
            assert len(blocks) == 1
            data = json.loads(blocks[0])
            text = entry.text(lang)
            assert data["@type"] == "Article" and data["name"] == text.title and data["description"] == text.summary
            assert data["inLanguage"] == text.lang and data["dateModified"] == entry.meta["reviewed"]
            assert data["url"] == f"{address}{lang}/{entry.folder}/{entry.slug}/"
            assert [a["name"] for a in data["about"]] == [vocab.load("themes").get(t).label[lang] for t in entry.meta["themes"]]
            assert [c["url"] for c in data.get("citation", [])] == [s["url"] for s in entry.meta.get("sources", [])]
            if entry.kind == "case":
                assert [a["identifier"] for a in data["mainEntity"]["areaServed"]] == [str(r) for r in entry.meta["regions"]]
            for tag in ('property="og:title"', 'property="og:description"', 'property="og:url"', 'name="twitter:card"'):
                assert tag in html, (entry.slug, lang, tag)
            assert '<meta name="description" content="' in html
