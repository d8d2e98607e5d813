"""Diagnostics reach CI logs: a contributed value must not forge a line GitHub reads as a command."""
import os
import subprocess
import sys

from conftest import CORPUS, ROOT
from kb.diagnostics import one_line, problem


def test_a_value_with_line_breaks_stays_on_one_log_line():
    d = problem("cases/x/fi.md", 3, 1, "KB101.unknown", field=("a\n::error file=x::forged\r::stop-commands::t",),
                allowed="title")
    for text in (d.text(), d.text("fi"), d.github()):
        assert "\n" not in text and "\r" not in text
        assert not any(line.startswith("::stop-commands") for line in text.splitlines())
    assert "%0A::error" in d.github() and "\\x0a::error" in d.text()


def test_terminal_escapes_are_shown_not_obeyed():
    assert one_line("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"


def test_cli_prints_a_forged_key_on_the_line_of_its_error(tmp_path):
    folder = tmp_path / "cases" / "x"
    folder.mkdir(parents=True)
    text = (CORPUS / "good" / "cases" / "example-case" / "fi.md").read_text()
    (folder / "fi.md").write_text(text.replace("status: established", 'status: established\n"a\\n::error file=README.md::forged": 1'))
    env = dict(os.environ, GITHUB_ACTIONS="true")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(tmp_path)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert not [ln for ln in result.stdout.splitlines() if ln.startswith("::error file=README.md")], result.stdout


def test_a_suggestion_names_the_value_with_its_label_in_the_message_language(tmp_path):
    """Labels find their ids ("Lappi", "Lappland"), and the suggestion shows the label beside the id."""
    import shutil

    from conftest import CORPUS
    from kb import repository
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS / "good", repo)
    fi = repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text(encoding="utf-8").replace("regions: [FI-18, nationwide]", "regions: [Lappi, Osterbotten]"), encoding="utf-8")
    _, diags = repository.load(repo)
    near = sorted(d for d in diags if d.code == "KB104")
    assert "did you mean 'FI-10' (Lapland)" in near[0].text("en")
    assert "menade du 'FI-12' (Österbotten)" in near[1].text("sv")
    assert "tarkoititko 'FI-12' (Pohjanmaa)" in near[1].text("fi")
