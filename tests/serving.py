"""Serving a built site the way it is deployed: at the address it was built for, under a sub-path as
on GitHub Pages (https://owner.github.io/repository/)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

PREFIX = "/kb/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_url(port: int, prefix: str = PREFIX) -> str:
    """The KB_SITE_URL to build with, for serve(port=port, prefix=prefix)."""
    return f"http://127.0.0.1:{port}{prefix}"


class _SubPath(http.server.SimpleHTTPRequestHandler):
    prefix = PREFIX

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site, port: int, prefix: str = PREFIX):
    """Serve `site` at site_url(port, prefix) until the block ends (prefix "/" serves it at the root)."""
    handler = functools.partial(type("Handler", (_SubPath,), {"prefix": prefix}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield site_url(port, prefix)
    finally:
        httpd.shutdown()
        httpd.server_close()


def build_site(out: Path, address: str, **settings: str) -> None:
    """Build this repository's site into `out` for the address it will be served at (and with the
    environment's `settings`)."""
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, KB_SITE_URL=address, **settings)
    result = subprocess.run([sys.executable, str(root / "scripts" / "build.py"), "--out", str(out)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
