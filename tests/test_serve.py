"""The live preview (make serve) follows edits: a saved change shows on the open page, a validation
error shows in the terminal and on the page while the last good site stays served."""
import os
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, site_repo
from serving import free_port


def get(url: str) -> str:
    return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")


def wait_for(check, seconds: float = 30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


@pytest.fixture
def preview(tmp_path):
    root, port = site_repo(tmp_path), free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--root", str(root), "--port", str(port),
                             "--out", str(tmp_path / "site")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "kb_preview" in get(base + "fi/"), 60), "the preview did not start"
        yield root, base, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_an_edit_shows_and_an_error_is_reported_on_the_page(preview, browser):
    root, base, proc = preview
    fi = root / "cases" / "example-case" / "fi.md"
    original = fi.read_text(encoding="utf-8")
    fi.write_text(original.replace("Ongelman kuvaus.", "Ongelman kuvaus MUOKATTU."), encoding="utf-8")
    started = time.perf_counter()
    assert wait_for(lambda: "MUOKATTU" in get(base + "fi/cases/example-case/"), 20)
    assert time.perf_counter() - started < 10
    assert "MUOKATTU" in get(base + "sv/cases/example-case/")        # the Swedish page shows the original text

    page = browser.new_page()
    page.goto(base + "fi/cases/example-case/")
    fi.write_text(original.replace("evidence: 2", "evidence: 9"), encoding="utf-8")
    page.wait_for_selector("#kb-preview-errors", timeout=20000)
    assert "cases/example-case/fi.md:15:11" in page.inner_text("#kb-preview-errors") and "KB106" in page.inner_text("#kb-preview-errors")
    assert "MUOKATTU" in get(base + "fi/cases/example-case/")        # the last good page stays served
    fi.write_text(original, encoding="utf-8")
    assert wait_for(lambda: "MUOKATTU" not in get(base + "fi/cases/example-case/"), 30)
    page.wait_for_selector("#kb-preview-errors", state="detached", timeout=20000)
    page.close()


def test_a_busy_port_gets_a_clear_message(tmp_path):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "serve.py"), "--root", str(site_repo(tmp_path)),
                                 "--port", str(port), "--out", str(tmp_path / "site")], capture_output=True, text=True)
    assert result.returncode == 2 and f"Port {port} is in use" in result.stderr and "PORT=" in result.stderr
    assert "Traceback" not in result.stderr
