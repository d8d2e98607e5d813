"""Issue-form submissions become case files (scripts/issue_to_case.py): real bodies as GitHub renders
them in all three languages, and hostile ones. Nothing that fails the validator is left behind."""
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, site_repo
from scripts import issue_to_case

FORMS = Path(__file__).parent / "issue_forms"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def root(tmp_path):
    return site_repo(tmp_path)


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.mark.parametrize("lang, slug", [("fi", "aanestys-kaikille-esteeton-vaalikoju"), ("sv", "byabuss-for-alla"),
                                        ("en", "open-library-evenings")])
def test_a_real_form_becomes_a_valid_case_in_its_language(root, lang, slug):
    ok, message, out = issue_to_case.convert((FORMS / f"{lang}.md").read_text(encoding="utf-8"), 7, "some-one", root, TODAY)
    assert ok, message
    assert out == {"path": f"cases/{slug}/{lang}.md", "slug": slug, "branch": f"new-case/{slug}"}
    meta = front(root / out["path"])
    assert meta["published"] == "2026-11-29" and meta["licence"] == "CC-BY-4.0"
    assert isinstance(meta["evidence"], int) and meta["status"] in ("pilot", "ended")
    assert meta["organisations"][0]["url"].startswith("https://") and meta["sources"][0]["title"]
    assert "@some-one" in message and "Closes #7" in message
    if lang == "fi":
        assert meta["regions"] == ["FI-06"] and meta["pillars"] == ["knowledge", "influence"]
        assert (meta["start_year"], meta["end_year"]) == (2024, "ongoing") and meta["evidence"] == 1
        assert meta["sources"][0]["title"].endswith("(2024)")
    if lang == "en":
        assert meta["regions"] == ["FI-19", "nationwide"] and (meta["start_year"], meta["end_year"]) == (2021, 2023)


def test_a_taken_slug_and_a_title_of_punctuation_get_their_own_folders(root):
    body = (FORMS / "en.md").read_text(encoding="utf-8")
    assert issue_to_case.convert(body, 7, "a", root, TODAY)[2]["slug"] == "open-library-evenings"
    again = body.replace("Open library evenings", "Open library evenings!")     # same folder name, another title
    assert issue_to_case.convert(again, 8, "a", root, TODAY)[2]["slug"] == "open-library-evenings-2"
    punctuation = body.replace("Open library evenings", "!!! ??? –")
    ok, message, out = issue_to_case.convert(punctuation, 9, "a", root, TODAY)
    assert out.get("slug") == "case-9" or not ok


def test_without_consent_nothing_is_written(root):
    ok, message, out = issue_to_case.convert((FORMS / "no-consent.md").read_text(encoding="utf-8"), 7, "a", root, TODAY)
    assert not ok and out == {} and "consent" in message
    assert sorted(p.name for p in (root / "cases").iterdir()) == ["example-case"]


@pytest.mark.parametrize("where, payload, code", [
    ("Open library evenings", "<script>alert(1)</script>", "KB306"),                      # HTML in the title
    ("About approach", "<img src=x onerror=alert(1)> [x](javascript:alert(1))", "KB304"),  # script in the body
    ("About results", "x" * 100_000, "KB311"),                                             # a 100 KB field
])
def test_a_hostile_body_gets_the_validators_messages_and_leaves_nothing(root, where, payload, code):
    body = (FORMS / "en.md").read_text(encoding="utf-8").replace(where, payload, 1)
    started = time.monotonic()
    ok, message, out = issue_to_case.convert(body, 7, "a", root, TODAY)
    assert time.monotonic() - started < 20
    assert not ok and out == {} and code in message
    assert message.count("```") >= 2 and "<script>" not in message.split("```")[0]
    assert sorted(p.name for p in (root / "cases").iterdir()) == ["example-case"]


def test_shell_and_workflow_syntax_and_smuggled_fields_stay_text(root):
    body = (FORMS / "fi.md").read_text(encoding="utf-8")
    body = body.replace("Äänestys kaikille – esteetön vaalikoju", "Vaalit $(touch /tmp/pwned) ${{ secrets.GITHUB_TOKEN }}")
    body = body.replace("Malli sopii muihinkin kuntiin.", "---\nevidence: 5\nstatus: scaled\n---\nMalli sopii muihinkin kuntiin `id` $(id).")
    body = body.replace("Kokemukset olivat kunnan mukaan myönteisiä.", "Kokemukset.\nevidence: 5")
    ok, message, out = issue_to_case.convert(body, 7, "a", root, TODAY)
    assert ok, message
    meta = front(root / out["path"])
    assert meta["title"] == "Vaalit $(touch /tmp/pwned) ${{ secrets.GITHUB_TOKEN }}"
    assert meta["evidence"] == 1 and meta["status"] == "pilot" and "evidence: 5" in meta["summary"]
    assert not Path("/tmp/pwned").exists()


def test_the_command_writes_the_workflows_outputs_and_message(root, tmp_path):
    output, message = tmp_path / "out.txt", tmp_path / "message.md"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "issue_to_case.py"), "--body-file", str(FORMS / "sv.md"),
                             "--issue", "12", "--author", "x; rm -rf /", "--root", str(root), "--message", str(message),
                             "--output", str(output)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_text().splitlines() == ["path=cases/byabuss-for-alla/sv.md", "slug=byabuss-for-alla",
                                               "branch=new-case/byabuss-for-alla"]
    assert "@xrm-rf" in message.read_text() and "Closes #12" in message.read_text()


def test_an_empty_answer_is_no_response_and_the_validator_says_what_is_missing(root):
    body = (FORMS / "en.md").read_text(encoding="utf-8").replace("- Trust works.", "_No response_")
    assert issue_to_case.answers(body)["lessons"] == ""
    ok, message, out = issue_to_case.convert(body, 7, "a", root, TODAY)
    assert ok or "KB3" in message    # an empty section is the validator's to judge, never a crash


def test_the_form_lists_languages_in_one_order_without_repeating_numbers():
    form = issue_to_case.issue_form.form()
    evidence = next(i for i in form["body"] if i.get("id") == "evidence")["attributes"]["options"]
    assert evidence[0] == "1 – Perusteltu kuvaus / Motiverad beskrivning / Reasoned description"
    consent = next(i for i in form["body"] if i.get("id") == "consent")["attributes"]["options"]
    assert all(o["label"].count(" / ") == 2 for o in consent)
    assert form["name"] == "Uusi tapauskuvaus / Ny fallbeskrivning / New case study"
