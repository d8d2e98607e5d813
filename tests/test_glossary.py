"""The glossary (vocabularies/glossary.yml, kb/glossary.py): a term to avoid is a note with the preferred
term, file, line and column, never an error; the repository's own texts have none; every language has
a glossary page, linked from the guidelines."""
import subprocess
import sys

from conftest import ROOT, site_repo
from kb import LANGS, glossary, pages


def test_every_concept_has_a_term_and_a_definition_in_every_language():
    assert len(glossary.concepts()) >= 20
    for c in glossary.concepts():
        for lang in LANGS:
            assert dict.get(c.term, lang) and dict.get(c.definition, lang), (c.id, lang)
        assert set(c.avoid) <= set(LANGS), c.id


def test_the_repository_uses_no_term_the_glossary_asks_to_avoid():
    assert [n.text() for n in glossary.check(ROOT)] == []


def test_a_variant_is_a_note_where_it_stands_with_the_preferred_term():
    text = "Otsikko\n\nTässä on näyttötaso ja Näyttötasoa.\n"
    notes = glossary.scan("cases/x/fi.md", text, "fi")
    assert [(n.line, n.col, n.code) for n in notes] == [(3, 10, "KB401"), (3, 24, "KB401")]
    assert all(n.is_note for n in notes)
    assert "näytön taso" in notes[0].text("fi") and notes[0].text("fi").split(": ")[1].startswith("huomautus KB401")
    assert glossary.scan("cases/x/sv.md", text, "sv") == []   # a Finnish variant in a Swedish file is not Swedish


def test_files_in_several_languages_are_read_by_their_language_keys():
    strings = "fi:\n  a: Hae bevisnivå\nsv:\n  a: Sök efter bevisnivå\nen:\n  a: {fi: bevisnivå, sv: 'bevisnivå'}\n"
    notes = glossary.scan("vocabularies/strings.yml", strings, None)
    assert [(n.line, n.col) for n in notes] == [(4, 16), (6, 27)]   # only where the text is Swedish


def test_validate_prints_the_note_and_still_passes(tmp_path):
    repo = site_repo(tmp_path)
    case = repo / "cases" / "example-case" / "fi.md"
    case.write_text(case.read_text(encoding="utf-8").replace("Ongelman kuvaus.", "Ongelman kuvaus ja kuvaustiedot."), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(repo), "--lang", "en"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if "KB401" in line)
    assert line.startswith("cases/example-case/fi.md:") and "note KB401" in line and "'kuvailutiedot'" in line


def test_each_language_has_a_glossary_page_linked_from_the_guidelines(repo):
    for lang in LANGS:
        generated = pages.generate(repo, lang)
        page = generated["glossary/index.md"]
        for c in glossary.concepts():
            assert f"{{ #{c.id} }}" in page and c.term[lang].replace("-", "\\-") in page
        assert "glossary/" in generated["guidelines/index.md"]
        guideline = next(uri for uri in generated if uri.startswith("guidelines/") and uri != "guidelines/index.md")
        assert "../../glossary/" in generated[guideline]
