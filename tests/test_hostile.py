"""Pull requests are hostile: every input of tests/corpus/hostile.yml either gets its validator code,
or passes validation and is then built into a real site (with GITHUB_REPOSITORY set, as in Actions)
and opened in Chromium, served as deployed, where no script may run and no request leave the site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import CORPUS, ROOT, site_repo
from kb import repository
from serving import free_port, serve, site_url

ATTACKS = yaml.safe_load((CORPUS / "hostile.yml").read_text(encoding="utf-8"))
REFUSED = [a for a in ATTACKS if a["expect"] != "pass"]
PASSING = [a for a in ATTACKS if a["expect"] == "pass"]
EXAMPLE = "cases/example-case/fi.md"
FIRST_PARAGRAPH = "Ongelman kuvaus. Lähde: [raportti](https://thl.fi/fi/tutkimus-ja-kehittaminen)."


def body_text(body) -> str:
    if isinstance(body, str):
        return body
    if "nested_list" in body:
        return "\n".join("    " * i + "- kohta" for i in range(body["nested_list"]))
    return body["repeat"] * body["times"] + body.get("then", "")


def apply(attack: dict, root: Path, case_file: Path) -> None:
    text = case_file.read_text(encoding="utf-8")
    if "body" in attack:
        text = text.replace(FIRST_PARAGRAPH, body_text(attack["body"]))
    for old, new in (attack.get("replace") or {}).items():
        assert old in text, (attack["name"], old)
        text = text.replace(old, new)
    case_file.write_text(text, encoding="utf-8")
    for path, content in (attack.get("files") or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(content, encoding="utf-8")
    for path, target in (attack.get("symlinks") or {}).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).symlink_to(target)


def test_corpus_is_large():
    assert len(ATTACKS) >= 60 and len(PASSING) >= 10
    assert len({a["name"] for a in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("attack", REFUSED, ids=[a["name"] for a in REFUSED])
def test_attack_is_refused_with_its_code(attack, tmp_path):
    root = site_repo(tmp_path)
    apply(attack, root, root / EXAMPLE)
    _, diags = repository.load(root)
    assert attack["expect"] in {d.code for d in diags}, [d.text() for d in diags]
    for d in diags:
        assert "\n" not in d.text() and "\r" not in d.text()


def test_refused_attack_stops_the_build(tmp_path):
    """The build validates too: a symbolic link to the build machine's files publishes nothing."""
    root = site_repo(tmp_path)
    apply(next(a for a in REFUSED if a["name"] == "image-links-to-environment"), root, root / EXAMPLE)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root),
                             "--out", str(tmp_path / "site")], capture_output=True, text=True)
    assert result.returncode == 1 and "KB014" in result.stdout
    assert not (tmp_path / "site").exists()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Every passing attack as a case of its own, built as deployed: (base address, slugs)."""
    tmp = tmp_path_factory.mktemp("hostile")
    root = site_repo(tmp)
    slugs = []
    for attack in PASSING:
        folder = root / "cases" / f"hostile-{attack['name']}"
        folder.mkdir()
        shutil.copy(root / "cases" / "example-case" / "diagram.png", folder)
        text = (root / EXAMPLE).read_text(encoding="utf-8").replace("title: Esimerkkitapaus", f"title: Hyökkäys {attack['name']}")
        (folder / "fi.md").write_text(text, encoding="utf-8")
        apply(attack, root, folder / "fi.md")
        slugs.append(folder.name)
    _, diags = repository.load(root)
    assert diags == [], [d.text() for d in diags]
    port = free_port()
    env = dict(os.environ, KB_SITE_URL=site_url(port), GITHUB_REPOSITORY="attacker/kb", GITHUB_ACTIONS="")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root),
                             "--out", str(tmp / "site")], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(tmp / "site", port) as base:
        yield base, slugs


def test_passing_attacks_run_no_script_and_stay_on_the_site(hostile_site, browser):
    base, slugs = hostile_site
    context = browser.new_context(locale="fi-FI")
    page = context.new_page()
    hosts, dialogs, errors, failed = set(), [], [], []
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        for lang in ("fi", "sv", "en"):
            for path in ["", "search/?q=sana", "regions/", "cases/", "about/"] + [f"cases/{slug}/" for slug in slugs]:
                page.goto(f"{base}{lang}/{path}")
                page.wait_for_load_state("networkidle")
                assert page.evaluate("window.__pwned") is None, (lang, path)
                footer = page.locator(".kb-footer a[href='https://github.com/attacker/kb']")
                assert footer.count() == 1
    finally:
        context.close()
    assert hosts == {"127.0.0.1"}, hosts          # no api.github.com, no attacker.example
    assert dialogs == [] and errors == [] and failed == [], (dialogs, errors, failed)


def test_content_security_policy_stops_an_injected_script(hostile_site, browser, tmp_path):
    """Defence in depth: a script that got into a page by any other way does not run."""
    base, slugs = hostile_site
    page_url = f"{base}fi/cases/{slugs[0]}/"
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route(page_url, lambda route: route.fulfill(
        response=(real := route.fetch()), body=real.text().replace("</head>", "<script>window.__pwned=1</script></head>", 1)))
    page.goto(page_url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert any("Content Security Policy" in e for e in errors), errors
    assert page.evaluate("typeof window.__md_scope") == "object"   # Material's own inline script did run
    context.close()
