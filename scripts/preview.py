#!/usr/bin/env python3
"""Download the site a pull request's checks built (its "site" artifact) with the GitHub CLI, and serve
it at http://127.0.0.1:PORT/ as the reviewer's local preview. Usage: preview.py PR [--port 8000]"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def gh(*args: str) -> str:
    result = subprocess.run(["gh", *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"gh {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def download(pr: int, into: Path) -> None:
    """The newest Check run of the pull request's head commit, and its site artifact."""
    head = json.loads(gh("pr", "view", str(pr), "--json", "headRefOid"))["headRefOid"]
    runs = json.loads(gh("run", "list", "--workflow", "check.yml", "--commit", head, "--json", "databaseId,status", "--limit", "5"))
    done = [r["databaseId"] for r in runs if r["status"] == "completed"]
    if not done:
        raise SystemExit(f"no finished Check run for pull request {pr} ({head[:8]}) yet: try again when it has finished")
    gh("run", "download", str(done[0]), "--name", "site", "--dir", str(into))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pr", type=int, help="the pull request's number")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if shutil.which("gh") is None:
        print("make preview needs the GitHub CLI: https://cli.github.com/ (then: gh auth login)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="kb-preview-") as tmp:
        download(args.pr, Path(tmp))
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=tmp)
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
        except OSError:
            print(f"port {args.port} is busy: choose another with PORT=8080", file=sys.stderr)
            return 2
        print(f"pull request {args.pr}: http://127.0.0.1:{args.port}/ (Ctrl+C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
