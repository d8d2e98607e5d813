import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def site_repo(tmp_path: Path) -> Path:
    """The good corpus plus site pages in every language, so that a full build can run on it."""
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS / "good", repo)
    for lang in ("fi", "sv", "en"):
        (repo / "content" / lang).mkdir(parents=True)
        for name in ("index", "about", "contribute", "accessibility", "privacy"):
            (repo / "content" / lang / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n\nText.\n\n<!-- kb:pillars -->\n")
    return repo


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory):
    """The tests keep files' validation results and words' search keys in a folder of their own (also
    for the builds they start), not among the user's; simplemma's dictionaries are linked from the
    user's cache, when it has them, rather than written again."""
    from kb import simplemma_db
    folder = tmp_path_factory.mktemp("cache")
    simplemma_db.share_into(folder)
    before = os.environ.get("KB_CACHE_DIR")
    os.environ["KB_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("KB_CACHE_DIR", None)
    else:
        os.environ["KB_CACHE_DIR"] = before


@pytest.fixture
def repo():
    """The small valid repository in tests/corpus/good, loaded."""
    from kb import repository
    loaded, diags = repository.load(CORPUS / "good")
    assert diags == []
    return loaded


@pytest.fixture
def good_repo(tmp_path) -> Path:
    """A copy of the small valid repository in tests/corpus/good."""
    shutil.copytree(CORPUS / "good", tmp_path / "repo")
    return tmp_path / "repo"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real site, built once per test session into a temporary folder: (site folder, repository)."""
    from kb import repository
    out = tmp_path_factory.mktemp("built") / "site"
    content = Path(os.environ.get("KB_CONTENT_ROOT") or ROOT)   # another content repository, if given
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(content), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    repo, diags = repository.load(content)
    assert not diags
    return out, repo


@contextlib.contextmanager
def watched_page(browser, **context_options):
    """A fresh page that records every request; the test fails if one leaves localhost, fails or gets a
    response of 400 or more, or if the page logs a console error."""
    context = browser.new_context(**{"locale": "fi-FI", **context_options})
    pg = context.new_page()
    hosts, failed, errors = [], [], []
    pg.on("request", lambda r: hosts.append(urlsplit(r.url).hostname) if not r.url.startswith("data:") else None)
    # a request cut short because the test moved on to another page (ERR_ABORTED) is not a failure
    pg.on("requestfailed", lambda r: failed.append(r.url) if "ABORTED" not in (r.failure or "") else None)
    pg.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        yield pg
    except Exception as e:   # a test that failed on the page: say what the page itself reported
        e.add_note(f"failed requests: {failed}; console errors: {errors}")
        raise
    finally:
        context.close()
    assert hosts and set(hosts) <= {"127.0.0.1", "localhost"}, set(hosts)
    assert failed == [] and errors == [], (failed, errors)


CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright (its own browser download does not work here)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """This repository's site built for a sub-path address and served there, as on GitHub Pages:
    (address, repository)."""
    from kb import repository
    from serving import build_site, free_port, serve, site_url
    port = free_port()
    out = tmp_path_factory.mktemp("subpath") / "site"
    build_site(out, site_url(port))
    with serve(out, port) as address:
        yield address, repository.load(ROOT)[0]
