"""The editors' summary of a pull request (scripts/pr_summary.py) on real git branches: what changed,
field by field in readable labels, a preview of every language, and the errors when the content fails."""
import subprocess
import sys

import pytest

from conftest import ROOT, site_repo
from scripts import pr_summary


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def branch(tmp_path):
    """A repository with one commit on main, and a branch to change: (root, base commit)."""
    root = site_repo(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base = git(root, "rev-parse", "HEAD").strip()
    git(root, "switch", "-qc", "change")
    return root, base


def summarise(root, base) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "pr_summary.py"), "--root", str(root), base],
                            capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_change_of_evidence_and_a_new_region_reads_as_editors_say_it(branch):
    root, base = branch
    fi = root / "cases" / "example-case" / "fi.md"
    source = fi.read_text(encoding="utf-8")
    fi.write_text(source.replace("evidence: 2", "evidence: 4").replace("regions: [FI-18, nationwide]", "regions: [FI-18, nationwide, FI-10]")
                  .replace("Ongelman kuvaus.", "Ongelman kuvaus @someone."), encoding="utf-8")
    git(root, "commit", "-qam", "change")
    out = summarise(root, base)
    assert "Evidence: 2 – Positive change observed → 4 – Independently replicated" in out
    assert "Regions: + Lapland" in out
    assert "fi: sections changed: Ongelma ja toimintaympäristö" in out
    assert "The whole repository validates clean." in out
    assert "<summary>Preview: fi – Esimerkkitapaus</summary>" in out and "<summary>Preview: en –" in out
    assert "| Alueet | Uusimaa, Koko Suomi, Lappi |" in out          # the fact box in the page's language
    assert "@someone" not in out and "@\u200bsomeone" in out           # no mention from contributed text


def test_a_change_with_errors_is_summarised_with_the_errors(branch):
    root, base = branch
    fi = root / "cases" / "example-case" / "fi.md"
    bad = fi.read_text(encoding="utf-8").replace("evidence: 2", "evidence: 9")
    fi.write_text(bad.replace("title: Esimerkkitapaus", "title: '![x](https://evil.example/t.png)'"), encoding="utf-8")
    git(root, "commit", "-qam", "bad")
    out = summarise(root, base)
    assert "validation error(s)" in out and "KB106" in out
    assert "Evidence: 2 – Positive change observed → 9" in out
    assert "![x](" not in out.split("```")[0] + out.split("```")[-1]   # contributed text outside the error block is text
    assert "has 1 error(s)" in out or "error(s), listed above" in out


def test_new_and_deleted_entries(branch):
    root, base = branch
    git(root, "rm", "-rq", "cases/example-case")
    git(root, "commit", "-qm", "delete")
    assert "Deleted." in summarise(root, base)
    assert "No case studies" in pr_summary.summary(root, base, ["README.md"])
