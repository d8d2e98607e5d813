"""The editors' overview (kb/status.py): make status, the status page and the validator agree on missing
and outdated translations and on reviews; every case and guideline page links to its source on GitHub."""
import datetime as dt
import re
import subprocess
import sys

from conftest import ROOT, site_repo
from kb import pages, repository, site, status

TODAY = dt.date(2026, 11, 29)


def outdate(root):
    """Review the original again after its English translation was made."""
    en = root / "cases" / "example-case" / "en.md"
    text = en.read_text(encoding="utf-8")
    text = re.sub(r"original_reviewed: .*\n", "", text)
    en.write_text(text.replace("translated_from: fi\n", "translated_from: fi\noriginal_reviewed: 2026-01-01\n", 1), encoding="utf-8")


def test_make_status_the_status_page_and_the_validator_agree(tmp_path):
    root = site_repo(tmp_path)
    outdate(root)
    repo, diags = repository.load(root)
    assert diags == []
    case = next(e for e in repo.cases if e.slug == "example-case")
    assert case.outdated() == ["en"] and case.missing() == ["sv"]
    printed = subprocess.run([sys.executable, str(ROOT / "scripts" / "status.py"), "--root", str(root)],
                             capture_output=True, text=True, check=True).stdout
    row = next(line for line in printed.splitlines() if line.startswith("cases/example-case"))
    assert row.split()[1:4] == ["fi,en", "sv", "en"]
    page = pages.status_page(repo, "en", TODAY)
    assert re.search(r"\| \[Example case\]\(\.\./cases/example-case/index\.md\) \| fi, en \| sv \| en \| 2026\\\\?-11\\\\?-01 \|", page)
    validated = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(root), "--lang", "en"],
                               capture_output=True, text=True)
    assert validated.returncode == 0
    note = next(line for line in validated.stdout.splitlines() if "KB402" in line)
    assert note.startswith("cases/example-case/en.md:") and "note KB402" in note and "2026-11-01" in note


def test_the_repository_has_no_outdated_or_unrecorded_translation():
    repo, _ = repository.load(ROOT)
    rows = status.rows(repo, TODAY)
    assert [r.entry.slug for r in rows if r.outdated or r.unrecorded] == []
    assert len(rows) == len(repo.entries())


def test_counts_on_the_status_page_are_the_cases(tmp_path):
    repo, _ = repository.load(ROOT)
    page = pages.status_page(repo, "fi", TODAY)
    tallies = status.tallies(repo)
    assert sum(n for _, n in tallies["evidence"]) == len(repo.cases)
    for term, n in tallies["regions"]:
        assert f"| {term.label['fi'].replace('-', chr(92) + '-')} | {n} |" in page


def test_the_repository_address_comes_from_the_git_remote(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:owner/kb-site.git"], check=True)
    assert site.repository_url(tmp_path, "https://github.com/placeholder/x") == "https://github.com/owner/kb-site"
    assert site.repository_url(tmp_path / "none", "https://github.com/placeholder/x/") == "https://github.com/placeholder/x"


def test_every_entry_page_links_to_its_source_to_edit(built):
    out, repo = built
    for entry in repo.entries():
        for lang in ("fi", "sv", "en"):
            html = (out / lang / entry.folder / entry.slug / "index.html").read_text(encoding="utf-8")
            href = re.search(r'class="kb-edit" href="([^"]+)"', html).group(1)
            assert href.endswith(f"/edit/main/{site.source_file(entry, lang)}") and href.startswith("https://github.com/")
