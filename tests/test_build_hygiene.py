"""A build is reproducible and cleans up after itself."""
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, site_repo
from kb import simplemma_db


def build(root, out, **kw):
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    """Also when the first analyses every word and the second reads the words' keys it kept (kb/keys_cache.py)."""
    root = site_repo(tmp_path)
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True)
    cache = tmp_path / "cache"                 # no keys kept yet; simplemma's dictionaries as usual
    simplemma_db.Factory().get_dictionary("fi")
    simplemma_db.share_into(cache)
    env = {**os.environ, "KB_CACHE_DIR": str(cache)}
    first, second = build(root, tmp_path / "one" / "site", env=env), None
    assert first.wait() == 0, first.stdout.read()
    assert {p.name.split("-")[1] for p in cache.glob("keys-*.json")} == {"voikko", "simplemma"}
    second = build(root, tmp_path / "two" / "out", env=env)
    assert second.wait() == 0, second.stdout.read()
    a, b = digests(tmp_path / "one" / "site"), digests(tmp_path / "two" / "out")
    mask = os.umask(0)
    os.umask(mask)
    for path in [tmp_path / "one" / "site", *(tmp_path / "one" / "site").rglob("*")]:   # copyable to any web server
        assert path.stat().st_mode & 0o777 == (0o777 if path.is_dir() else 0o666) & ~mask, path
    assert any(name.endswith(".pf_filter") for name in a)          # the search index with its filters is compared too
    assert a.keys() == b.keys() and [n for n in a if a[n] != b[n]] == []


def _frozen_mid_build(proc, folder: Path) -> bool:
    """Wait until MkDocs is running (its per-language logs exist only then), then stop the whole build
    with SIGSTOP. True if it was caught there: a loaded machine may let a small build finish first."""
    deadline = time.time() + 60
    while not list(folder.glob(".building-*.log")) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGSTOP)
    if proc.poll() is None and list(folder.glob(".building-*.log")):
        return True
    os.killpg(proc.pid, signal.SIGCONT)
    proc.wait(timeout=60)
    return False


def test_a_build_stopped_by_a_signal_leaves_no_staging_folder_and_no_process(tmp_path):
    root = site_repo(tmp_path)
    for attempt in range(5):
        out = tmp_path / f"out{attempt}" / "site"
        proc = build(root, out, start_new_session=True)
        if _frozen_mid_build(proc, out.parent):
            break
    else:
        pytest.fail("the build finished each time before it could be stopped")
    proc.send_signal(signal.SIGTERM)        # delivered to the build script when the group continues
    os.killpg(proc.pid, signal.SIGCONT)
    assert proc.wait(timeout=60) != 0
    time.sleep(0.5)
    assert list(out.parent.iterdir()) == []
    with pytest.raises(ProcessLookupError):   # no forked MkDocs build or Pagefind left running
        os.killpg(proc.pid, 0)


def test_stopping_the_language_builds_leaves_a_child_already_reaped_alone():
    """A stop signal can come just after os.wait() returned a child: stopping the rest must not fail on
    it (its logs were then left behind), nor signal its number, which may be another process's now."""
    from scripts import build as build_script
    ended = os.fork()
    if ended == 0:
        os._exit(0)
    os.waitpid(ended, 0)
    running = os.fork()
    if running == 0:
        time.sleep(60)
        os._exit(0)
    started = time.monotonic()
    build_script._stop_children({ended: "fi", running: "sv"})
    assert time.monotonic() - started < build_script.GRACE
    with pytest.raises(ChildProcessError):   # stopped and reaped
        os.waitpid(running, os.WNOHANG)
