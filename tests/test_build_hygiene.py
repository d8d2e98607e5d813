"""A build is reproducible and cleans up after itself."""
import hashlib
import signal
import subprocess
import sys
import time

from conftest import ROOT, site_repo


def build(root, out, **kw):
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(root), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def digests(site):
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    root = site_repo(tmp_path)
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(root), *cmd], check=True)
    first, second = build(root, tmp_path / "one" / "site"), None
    assert first.wait() == 0, first.stdout.read()
    second = build(root, tmp_path / "two" / "out")
    assert second.wait() == 0, second.stdout.read()
    a, b = digests(tmp_path / "one" / "site"), digests(tmp_path / "two" / "out")
    assert any(name.endswith(".pf_filter") for name in a)          # the search index with its filters is compared too
    assert a.keys() == b.keys() and [n for n in a if a[n] != b[n]] == []


def test_a_build_stopped_by_a_signal_leaves_no_staging_folder(tmp_path):
    root = site_repo(tmp_path)
    out = tmp_path / "out" / "site"
    proc = build(root, out)
    deadline = time.time() + 60
    while not list(out.parent.glob(".building-*")) and time.time() < deadline:
        time.sleep(0.05)
    assert list(out.parent.glob(".building-*")), "the build never started"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) != 0
    time.sleep(0.5)
    assert list(out.parent.iterdir()) == []
