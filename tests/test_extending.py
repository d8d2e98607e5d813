"""Facets and languages are data: a maintainer adds a facet by touching at most four files and a
language without touching Python, JavaScript or templates. Both are shown on a copy of this
repository, built for real."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

CODE_SUFFIXES = (".py", ".js", ".html", ".j2")


@pytest.fixture
def copy(tmp_path) -> Path:
    """This repository's tracked files, as a git checkout of their own, with one commit."""
    dest = tmp_path / "kb"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_symlink() or not src.exists():
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / name)
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy"]):
        subprocess.run(["git", "-C", str(dest), *cmd], check=True)
    return dest


def build(copy: Path) -> Path:
    """Build the copy with its own code (PYTHONPATH puts the copy's kb before this checkout's)."""
    env = dict(os.environ, PYTHONPATH=str(copy))
    result = subprocess.run([sys.executable, "scripts/build.py", "--out", str(copy / "site")], cwd=copy,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return copy / "site"


def changed(copy: Path) -> list[str]:
    out = subprocess.run(["git", "-C", str(copy), "status", "--porcelain"], capture_output=True, text=True, check=True).stdout
    return sorted(line[3:] for line in out.splitlines())


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_adding_a_facet_touches_four_files(copy):
    append(copy / "vocabularies" / "facets.yml", """
  - name: target_groups
    field: target_groups
    vocabulary: target-groups
    many: true
    kinds: [case]
    pages: target-groups
    filter: target_group
    fact: fact_target_groups
    csv: target_groups
""")
    (copy / "vocabularies" / "target-groups.yml").write_text("""terms:
  - id: older-people
    label: {fi: Ikäihmiset, sv: Äldre, en: Older people}
    description: {fi: Yli 65-vuotiaat., sv: Över 65 år., en: People over 65.}
  - id: children
    label: {fi: Lapset, sv: Barn, en: Children}
    description: {fi: Alle 18-vuotiaat., sv: Under 18 år., en: People under 18.}
""", encoding="utf-8")
    schema = copy / "schema" / "case.schema.json"
    schema.write_text(schema.read_text().replace(
        '"themes": {"$ref": "#/$defs/ids",',
        '"target_groups": {"$ref": "#/$defs/ids", "description": "Ids from vocabularies/target-groups.yml."},\n'
        '        "themes": {"$ref": "#/$defs/ids",', 1))
    strings = copy / "vocabularies" / "strings.yml"
    strings.write_text(strings.read_text().replace("\nen:\n", "\nen:\n  target_groups: Target groups\n"
                                                   "  target_groups_intro: Whom the innovations serve.\n"
                                                   "  by_target_group: By target group\n  fact_target_groups: Target groups\n", 1))
    code_changes = changed(copy)
    assert code_changes == ["schema/case.schema.json", "vocabularies/facets.yml", "vocabularies/strings.yml",
                            "vocabularies/target-groups.yml"]
    # content that uses the new facet
    case = copy / "cases" / "ohjaamo" / "fi.md"
    case.write_text(case.read_text(encoding="utf-8").replace("\nthemes:", "\ntarget_groups: [children]\nthemes:", 1), encoding="utf-8")
    site = build(copy)
    for lang in ("fi", "sv", "en"):
        term = (site / lang / "target-groups" / "children" / "index.html").read_text()
        assert "cases/ohjaamo/" in term
        assert "target-groups/" in (site / lang / "index.html").read_text()        # in the navigation
        assert 'data-filter="target_group"' in (site / lang / "search" / "index.html").read_text()
        page = (site / lang / "cases" / "ohjaamo" / "index.html").read_text()
        assert 'data-pagefind-filter="target_group:children"' in page and "target-groups/children/" in page
        assert '"target_groups"' in (site / lang / "cases.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "Target groups" in (site / "sv" / "target-groups" / "index.html").read_text()   # English until translated
    bad = copy / "cases" / "vamos" / "fi.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("\nthemes:", "\ntarget_groups: [childern]\nthemes:", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=copy, capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(copy)))
    assert result.returncode == 1 and "KB104" in result.stdout and "did you mean 'children'" in result.stdout


def test_adding_a_language_needs_no_code(copy):
    append(copy / "vocabularies" / "languages.yml", """  - code: se
    date_format: d.M.yyyy
    theme: en
""")
    strings = copy / "vocabularies" / "strings.yml"
    en = re.search(r"\nen:\n((?:  .*\n)+)", strings.read_text()).group(1)
    placeholders = "".join(re.sub(r"^(  [a-z_0-9]+): (.*)$", lambda m: f"{m.group(1)}: {m.group(2)}" if "{" in m.group(2)
                                  else f"{m.group(1)}: \"[se] {m.group(2).strip(chr(34))}\"", line) + "\n"
                           for line in en.splitlines() if not line.startswith("  language_name"))
    append(strings, "se:\n  language_name: davvisámegiella\n" + placeholders)
    shutil.copytree(copy / "content" / "en", copy / "content" / "se")   # the site's own pages, to be translated
    assert not [f for f in changed(copy) if f.endswith(CODE_SUFFIXES)]
    assert [f for f in changed(copy) if not f.startswith("content/")] == ["vocabularies/languages.yml", "vocabularies/strings.yml"]
    site = build(copy)
    home = (site / "se" / "index.html").read_text()
    assert '<html lang="se"' in home and "[se] " in home
    case = (site / "se" / "cases" / "ohjaamo" / "index.html").read_text()
    assert 'hreflang="se"' in case and 'lang="fi"' in case          # shown in its original language, marked so
    assert "davvisámegiella" in (site / "fi" / "index.html").read_text()   # every language switcher offers it
    entry = json.loads((site / "se" / "pagefind" / "pagefind-entry.json").read_text())
    assert "se" in entry["languages"]
    assert (site / "se" / "feed.xml").exists() and (site / "se" / "cases.csv").exists()
    assert 'hreflang="se"' in (site / "index.html").read_text()      # the root language chooser
