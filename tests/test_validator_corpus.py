"""The bad-file corpus: every file in tests/corpus/bad must produce the code and line its name
states (<code>_<line>_<what>[.<lang>].md, or a folder holding a whole small repository)."""
import re
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT
from kb import repository

BAD = sorted((CORPUS / "bad").iterdir())
NAME = re.compile(r"^(kb\d{3})_(\d+)_([a-z0-9-]+)(?:\.(fi|sv|en))?(?:\.md)?$")


def place(item, root):
    """Lay out a corpus item as a repository under root; return the path the error must be in."""
    if item.is_dir():
        shutil.copytree(item, root, symlinks=True)
        return None
    lang = NAME.match(item.name).group(4) or "fi"
    folder = root / "cases" / "bad-sample"
    folder.mkdir(parents=True)
    if lang != "fi":
        shutil.copy(CORPUS / "good" / "cases" / "example-case" / "fi.md", folder / "fi.md")
    shutil.copy(item, folder / f"{lang}.md")
    return f"cases/bad-sample/{lang}.md"


def test_corpus_is_large_and_well_named():
    assert len(BAD) >= 30
    for item in BAD:
        assert NAME.match(item.name), f"corpus name does not state code and line: {item.name}"


@pytest.mark.parametrize("item", BAD, ids=[i.name for i in BAD])
def test_bad_file_gives_its_code_at_its_line(item, tmp_path):
    code, line = NAME.match(item.name).group(1).upper(), int(NAME.match(item.name).group(2))
    expected_path = place(item, tmp_path / "repo")
    _, diags = repository.load(tmp_path / "repo")
    found = [(d.code, d.line, d.path) for d in diags]
    assert any(c == code and ln == line and (expected_path is None or p == expected_path) for c, ln, p in found), found


def test_every_code_is_documented_and_exercised():
    codes = set(re.findall(r"^  (KB\d{3}):", (ROOT / "schema" / "lint-codes.yml").read_text(), re.M))
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert codes, "no codes found"
    for code in codes:
        assert f"**{code}**" in contributing, f"{code} is not documented in CONTRIBUTING.md"
    exercised = {NAME.match(i.name).group(1).upper() for i in BAD} | {"KB006", "KB013", "KB401", "KB402"}  # test_too_large_file, test_inputs, test_glossary, test_status
    assert codes - exercised == set(), f"codes without a corpus file: {sorted(codes - exercised)}"


def test_too_large_file(tmp_path):
    folder = tmp_path / "cases" / "big"
    folder.mkdir(parents=True)
    good = (CORPUS / "good" / "cases" / "example-case" / "fi.md").read_text()
    (folder / "fi.md").write_text(good + "\n" + "Pitkä teksti. " * 30000)
    _, diags = repository.load(tmp_path)
    assert [(d.code, d.line) for d in diags] == [("KB006", 1)]


def test_good_corpus_and_variants_pass(good_repo):
    fi = good_repo / "cases" / "example-case" / "fi.md"
    _, diags = repository.load(good_repo)
    assert diags == []
    fi.write_bytes(b"\xef\xbb\xbf" + fi.read_bytes().replace(b"\n", b"\r\n"))  # BOM and CRLF are harmless
    _, diags = repository.load(good_repo)
    assert diags == []


def test_all_errors_at_once(tmp_path):
    """One file with several problems reports every one of them, not just the first."""
    item = CORPUS / "good" / "cases" / "example-case" / "fi.md"
    text = item.read_text().replace("themes: [housing, youth]", "themes: [housng]\nfoo: 1").replace("evidence: 2", "evidence: 9")
    text = text.replace(" ![Kaavio toimintamallista](diagram.png)", "")   # the image is not copied here
    folder = tmp_path / "cases" / "x"
    folder.mkdir(parents=True)
    (folder / "fi.md").write_text(text)
    _, diags = repository.load(tmp_path)
    assert {d.code for d in diags} == {"KB104", "KB101", "KB106"}


def test_unknown_value_suggests_the_nearest():
    item = CORPUS / "bad" / "kb104_8_unknown-theme.md"
    import tempfile
    import pathlib
    with tempfile.TemporaryDirectory() as tmp:
        place(item, pathlib.Path(tmp) / "r")
        _, diags = repository.load(pathlib.Path(tmp) / "r")
    assert "did you mean 'housing'" in diags[0].fix
    assert "Allowed:" in diags[0].fix


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args],
                          capture_output=True, text=True, env=env)


def test_cli_prints_one_line_per_error_and_exits_1(tmp_path):
    place(CORPUS / "bad" / "kb104_8_unknown-theme.md", tmp_path / "r")
    result = run_cli("--root", str(tmp_path / "r"))
    assert result.returncode == 1
    lines = [ln for ln in result.stdout.splitlines() if " error " in ln]
    assert lines == [lines[0]] and re.match(
        r"^cases/bad-sample/fi\.md:8:\d+: error KB104: .+\. Fix: .+$", lines[0]), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_github_annotations(tmp_path):
    import os
    place(CORPUS / "bad" / "kb107_13_end-before-start.md", tmp_path / "r")
    result = run_cli("--root", str(tmp_path / "r"), env=dict(os.environ, GITHUB_ACTIONS="true"))
    assert re.search(r"^::error file=cases/bad-sample/fi\.md,line=13,col=\d+,title=KB107 .*::end_year 2010 is before",
                     result.stdout, re.M), result.stdout


def test_cli_filters_by_path_and_exits_0_when_clean(tmp_path, good_repo):
    place(CORPUS / "bad" / "kb107_13_end-before-start.md", good_repo)
    assert run_cli("--root", str(good_repo), str(good_repo / "cases" / "example-case")).returncode == 0
    assert run_cli("--root", str(good_repo), str(good_repo / "cases" / "bad-sample")).returncode == 1


def test_repository_content_validates_clean():
    result = run_cli()
    assert result.returncode == 0, result.stdout + result.stderr


def test_editor_notes_list_missing_translations_and_stale_reviews(good_repo):
    fi = good_repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text().replace("reviewed: 2026-11-01", "reviewed: 2020-01-01"))
    result = run_cli("--root", str(good_repo))
    assert result.returncode == 0
    assert "note: missing translations: example-case (sv); example-guideline (en)" in result.stdout
    assert "note: not reviewed for over 365 days: example-case (2020-01-01)" in result.stdout


def test_tab_does_not_hide_other_errors(tmp_path):
    place(CORPUS / "bad" / "kb012_10_tab-does-not-hide-other-errors.md", tmp_path / "r")
    _, diags = repository.load(tmp_path / "r")
    assert {(d.code, d.line) for d in diags} == {("KB012", 10), ("KB104", 8)}


def test_links_between_entries_pass(good_repo):
    fi = good_repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text().replace("Ongelman kuvaus.", "Katso [ohje](../../guidelines/example-guideline/) "
                                         "ja [tämä](../example-case/fi.md#opit)."))
    _, diags = repository.load(good_repo)
    assert diags == []


def test_messages_in_finnish_and_swedish(tmp_path):
    import os
    place(CORPUS / "bad" / "kb104_8_unknown-theme.md", tmp_path / "r")
    fi = run_cli("--root", str(tmp_path / "r"), "--lang", "fi")
    assert "cases/bad-sample/fi.md:8:" in fi.stdout and "virhe KB104:" in fi.stdout and "Korjaus: tarkoititko 'housing'" in fi.stdout
    sv = run_cli("--root", str(tmp_path / "r"), env=dict(os.environ, LC_ALL="", LC_MESSAGES="", LANG="sv_FI.UTF-8"))
    assert "fel KB104:" in sv.stdout and "Åtgärd:" in sv.stdout


def test_message_catalogue_is_complete():
    import re as _re
    from kb.diagnostics import CODES, MESSAGES
    used = set()
    for path in (ROOT / "kb").glob("*.py"):
        used |= set(_re.findall(r'"(KB\d{3}\.[a-z_A-Z]+)"', path.read_text()))
    used |= {f"KB106.{k}" for k in ("minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "uniqueItems")}
    assert used - set(MESSAGES) == set(), "keys used in code but missing from schema/messages.yml"
    for key, texts in MESSAGES.items():
        assert key.split(".")[0] in CODES, key
        assert set(texts) == {"en", "fi", "sv"}, key
        for part in ("message", "fix"):
            names = set(_re.findall(r"{(\w+)}", texts["en"][part]))
            assert all(set(_re.findall(r"{(\w+)}", texts[lg][part])) == names for lg in ("fi", "sv")), key


def test_dotted_date_gets_the_iso_date_to_write(tmp_path):
    place(CORPUS / "bad" / "kb105_20_finnish-date-format.md", tmp_path / "r")
    _, diags = repository.load(tmp_path / "r")
    assert diags[0].fix.endswith("2026-11-01.") and diags[0].localized("sv")[1].endswith("2026-11-01.")


def test_broken_link_is_reported_with_the_other_errors_and_a_near_match(tmp_path, good_repo):
    fi = good_repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text().replace("themes: [housing, youth]", "themes: [housng]")
                  .replace("Ongelman kuvaus.", "Katso [tämä](../example-cas/)."))
    _, diags = repository.load(good_repo)
    assert {d.code for d in diags} == {"KB104", "KB307"}
    assert "did you mean ../example-case/?" in next(d.fix for d in diags if d.code == "KB307")


@pytest.mark.parametrize("twin", ["Esimerkki\u00adtapaus", "ＥＳＩＭＥＲＫＫＩＴＡＰＡＵＳ", "esimerkkitapaus  "])
def test_duplicate_titles_are_found_behind_invisible_and_lookalike_characters(good_repo, twin):
    folder = good_repo / "cases" / "twin"
    folder.mkdir()
    text = (good_repo / "cases" / "example-case" / "fi.md").read_text().replace("title: Esimerkkitapaus", f'title: "{twin}"')
    (folder / "fi.md").write_text(text.replace("](diagram.png)", "](../example-case/diagram.png)"))
    _, diags = repository.load(good_repo)
    assert "KB203" in {d.code for d in diags}, [d.text() for d in diags]
