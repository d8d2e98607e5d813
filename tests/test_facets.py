"""The facet registry (vocabularies/facets.yml) is the one definition of each facet."""
import ast
import json
import re

from conftest import ROOT
from kb import LANGS, facets, strings, vocab


def test_every_facet_agrees_with_the_schema_and_has_its_strings():
    for facet in facets.all_facets():
        assert vocab.load(facet.vocabulary).terms, facet.name
        for kind in facet.kinds:
            schema = json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text())
            prop = schema["$defs"]["original"]["properties"][facet.field]
            is_list = prop.get("type") == "array" or prop.get("$ref", "").endswith("/ids")
            assert is_list == facet.many, (facet.name, kind)
        for key in filter(None, [facet.fact, facet.legend, facet.pages and facet.name, facet.pages and f"{facet.name}_intro",
                                 facet.guideline_groups, facet.also_list and facet.also_list.heading]):
            assert key in strings.all_strings()["en"], (facet.name, key)
        if facet.pages:
            assert facet.filter, f"{facet.name} has pages: the cross-index links need its search filter"
            assert f"by_{facet.filter}" in strings.all_strings()["en"]


def test_schema_file_offers_the_site_languages():
    schema = json.loads((ROOT / "schema" / "case.schema.json").read_text())
    assert schema["$defs"]["translation"]["properties"]["translated_from"]["enum"] == list(LANGS)


def test_nothing_hard_codes_the_list_of_facets_or_languages():
    code = "\n".join(p.read_text() for p in [*(ROOT / "kb").rglob("*.py"), *(ROOT / "hooks").glob("*.py"),
                                            *(ROOT / "scripts").glob("*.py"), *(ROOT / "overrides").rglob("*.js")])
    code = re.sub(r'""".*?"""', "", code, flags=re.S)    # docstrings may give examples
    assert not re.search(r"fi\|sv\|en|\"fi\", \"sv\"", code)
    assert not re.search(r"==\s*\"(regions|themes|pillars|evidence)\"", code)
    assert "DIMENSIONS" not in code and "EXTRA_FILTERS" not in code


def test_no_module_imports_a_private_name_of_another():
    for path in [*(ROOT / "kb").rglob("*.py"), *(ROOT / "hooks").glob("*.py"), *(ROOT / "scripts").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                assert not [a.name for a in node.names if a.name.startswith("_") and a.name != "__future__"], path
