"""The contributor and editor tools around the content: scaffold, issue form, pull-request summary,
and the GitHub workflows."""
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from kb import repository, vocab

from scripts import new_case


def test_new_case_scaffold_has_every_field_and_only_template_values_to_replace(tmp_path):
    for lang in ("fi", "sv", "en"):
        assert new_case.main([f"case-{lang}", "--lang", lang, "--root", str(tmp_path)]) == 0
    _, diags = repository.load(tmp_path)
    assert diags and {d.code for d in diags} == {"KB109"}     # structure valid; placeholders flagged
    text = (tmp_path / "cases" / "case-sv" / "sv.md").read_text()
    for s in vocab.sections()["case"]:
        assert f"## {s['label']['sv']}\n" in text


def test_new_case_refuses_bad_slug_and_existing_folder(tmp_path, capsys):
    assert new_case.main(["Bad Slug", "--root", str(tmp_path)]) == 2
    assert "not a valid slug" in capsys.readouterr().err
    assert new_case.main(["ok", "--root", str(tmp_path)]) == 0
    assert new_case.main(["ok", "--root", str(tmp_path)]) == 1


def test_issue_form_is_current_and_offers_every_vocabulary_term():
    assert subprocess.run([sys.executable, str(ROOT / "scripts" / "issue_form.py"), "--check"]).returncode == 0
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "new-case.yml").read_text())
    fields = {f.get("id"): f for f in form["body"]}
    for field, name in [("pillars", "pillars"), ("regions", "regions"), ("themes", "themes"), ("status", "statuses")]:
        offered = [o.split(" – ")[0] for o in fields[field]["attributes"]["options"]]
        assert offered == [str(i) for i in vocab.load(name).ids()]


def test_workflows_pin_actions_and_use_least_privilege():
    for wf in (ROOT / ".github" / "workflows").glob("*.yml"):
        text = wf.read_text()
        for uses in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"{wf.name}: {uses} is not pinned to a commit"
        triggers = yaml.safe_load(text)[True]            # YAML 1.1 reads the key "on" as True
        assert "pull_request_target" not in triggers
        if "workflow_run" in triggers:                   # only the comment poster, which runs nothing of the PR
            assert wf.name == "pr-comment.yml" and "actions/checkout" not in text and "make " not in text
            assert not re.search(r"run:[^\n]*\$\{\{", text) and "head -c 12" in text and "-le 60000" in text
        assert re.search(r"^permissions:", text, re.M), f"{wf.name} sets no top-level permissions"
        for ignore in re.findall(r"zizmor: ignore\[[^\]]+\](.*)", text):
            assert len(ignore.strip()) > 20, f"{wf.name}: a zizmor finding is ignored without a reason"


def test_publishing_needs_the_whole_test_suite_and_the_issue_text_stays_data():
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())["jobs"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert {"make validate", "make test"} <= {s.get("run") for s in jobs["test"]["steps"]}
    issue = yaml.safe_load((ROOT / ".github" / "workflows" / "issue-to-pr.yml").read_text())["jobs"]["propose"]
    assert issue["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert "'accepted'" in issue["if"]
    for step in issue["steps"]:
        assert "github.event.issue" not in step.get("run", ""), step.get("name")   # only through env:
    assert yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())["updates"][0]["package-ecosystem"] == "github-actions"
    for wf in (ROOT / ".github" / "workflows").glob("*.yml"):
        for job in yaml.safe_load(wf.read_text())["jobs"].values():
            if "container" in job:
                assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", job["container"]), wf.name


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_are_judged_by_the_base_branchs_validator():
    """A pull request that weakens the validator must still be checked by main's: the check workflow
    runs the base commit's validator and summary, read-only, on the pull request's files."""
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text())["jobs"]
    job = jobs["main-rules"]
    steps = job["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts[0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}" and checkouts[0]["with"]["path"] == "base"
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "base/.venv/bin/python base/scripts/validate.py --root pr" in runs
    assert "base/scripts/pr_summary.py --root pr" in runs
    assert "make -C pr" not in runs and "pr/scripts" not in runs and "pr/.venv" not in runs   # nothing of the PR runs
    assert "permissions" not in job or job["permissions"] == {"contents": "read"}
    codeowners = (ROOT / ".github" / "CODEOWNERS").read_text()
    for path in ("/kb/", "/scripts/", "/hooks/", "/schema/", "/.github/", "/Makefile"):
        assert path in codeowners


def test_base_validator_checks_another_checkout(tmp_path, good_repo):
    """What the main-rules job runs: this checkout's validator on another folder's content."""
    fi = good_repo / "cases" / "example-case" / "fi.md"
    fi.write_text(fi.read_text().replace("Ongelman kuvaus.", '<div id="__config">x</div>'))
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(good_repo)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "KB308" in result.stdout


def test_every_dependency_is_pinned_with_a_hash_and_installed_with_require_hashes():
    for name in ("requirements.txt", "requirements-test.txt"):
        text = (ROOT / name).read_text()
        for block in re.split(r"\n(?=[A-Za-z])", re.sub(r"(?m)^#.*\n", "", text)):
            block = block.strip()
            if not block or block.startswith("-r"):
                continue
            assert re.match(r"^[A-Za-z0-9_.\[\]-]+==[^\s\\]+", block), block[:60]
            assert "--hash=sha256:" in block, block[:60]
    assert "--require-hashes" in (ROOT / "Makefile").read_text()
