#!/usr/bin/env python3
"""Live preview: build the whole site, serve it at http://127.0.0.1:PORT/ (every language at its real
address, with search), and follow edits. After a change to cases/, guidelines/, content/,
vocabularies/, schema/ or the theme, the content is validated again:

- with errors, they are printed here and shown in a banner on every open page; the last good site
  stays served;
- otherwise the pages of the cases and guidelines that changed are rendered at once and patched into
  the served site (seconds even at thousands of cases), and the whole site is rebuilt behind them;
  open pages reload when either is ready.

Usage: serve.py [--port 8000] [--root DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import errno
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from kb import LANGS, pages, render, repository, sanitize
from kb.diagnostics import locale_language
from scripts import build

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("cases", "guidelines", "content", "vocabularies", "schema", "overrides", "kb/layouts")
RULES = ("vocabularies", "schema", "overrides", "kb")   # changes that need a fresh process
PREVIEW_JS = """// Live preview: reload when the site changes, show validation errors in a banner.
(function () {
  var seen = null;
  function banner(errors) {
    var box = document.getElementById("kb-preview-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "kb-preview-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:40vh;overflow:auto;margin:0;padding:1em;" +
        "background:#7f1d1d;color:#fff;font-size:.8rem;z-index:10000;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = errors.join("\\n");
  }
  function poll() {
    fetch("/__kb_preview/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
      banner(s.errors);
    }).catch(function () {}).finally(function () { setTimeout(poll, 300); });
  }
  poll();
})();
"""
_CONTENT = re.compile(r"(<div data-pagefind-body>)(.*?)(<span hidden data-pagefind-meta=)", re.S)
_MD_LINK = re.compile(r'((?:href|src)=")((?:[^"#:]*/)?)index\.md((?:#[^"]*)?")')


class Preview:
    """The preview's state: what is served, its version, the last validation errors."""

    def __init__(self, root: Path, out: Path):
        self.root, self.out, self.version, self.errors = root, out, 0, []
        self.lock = threading.Lock()
        self.rebuild_wanted = threading.Event()

    def status(self) -> bytes:
        return json.dumps({"version": self.version, "errors": self.errors}).encode()

    def changed(self, paths: set[Path]) -> None:
        """Validate; patch the changed entries' pages at once; let the full rebuild follow."""
        started = time.perf_counter()
        if any(p.is_relative_to(self.root / name) for p in paths for name in RULES):
            # the rules or the theme changed: this process keeps the old ones; a fresh build judges
            print("vocabularies, schema or theme changed: rebuilding the whole site", flush=True)
            self.rebuild_wanted.set()
            return
        repo, diags = repository.load(self.root)   # files that did not change are remembered, not read again
        if diags:
            lang = locale_language()
            self.errors = [d.text(lang) for d in sorted(diags)]
            print("\n".join(self.errors), file=sys.stderr, flush=True)
            return
        self.errors = []
        touched = {(p.relative_to(self.root).parts[0], p.relative_to(self.root).parts[1]) for p in paths
                   if p.is_relative_to(self.root) and len(p.relative_to(self.root).parts) > 2
                   and p.relative_to(self.root).parts[0] in ("cases", "guidelines")}
        entries = [e for e in repo.entries() if (e.folder, e.slug) in touched]
        for entry in entries:
            for lang in LANGS:
                self._patch(entry, repo, lang)
        if entries:
            self.version += 1
            print(f"updated {', '.join(e.slug for e in entries)} in {time.perf_counter() - started:.1f} s; "
                  "rebuilding the rest", flush=True)
        self.rebuild_wanted.set()

    def _patch(self, entry, repo, lang: str) -> None:
        """Render one entry page as the build does and put its content into the served page."""
        target = self.out / lang / entry.uri.replace("index.md", "index.html")
        if not target.exists():
            return   # a new entry: the full rebuild adds it
        maker = pages.case_page if entry.kind == "case" else pages.guideline_page
        markdown = maker(entry, repo, lang).split("---\n", 2)[2]
        content = _MD_LINK.sub(r"\1\2\3", sanitize.clean(render.to_html(markdown)))
        html = target.read_text(encoding="utf-8")
        target.write_text(_CONTENT.sub(lambda m: m.group(1) + content + m.group(3), html, count=1), encoding="utf-8")

    def rebuild_forever(self) -> None:
        """The whole site rebuilt behind the patched pages, in a process of its own (this one has threads)."""
        while True:
            self.rebuild_wanted.wait()
            time.sleep(0.2)
            self.rebuild_wanted.clear()
            with self.lock:
                result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(self.root),
                                         "--out", str(self.out)], capture_output=True, text=True)
                if result.returncode == 0:
                    self.errors = []
                    self.version += 1
                    print("rebuilt the whole site", flush=True)
                else:
                    output = result.stdout + result.stderr
                    self.errors = [ln for ln in output.splitlines() if " KB" in ln or "failed" in ln] or [output[-2000:]]
                    print(output, file=sys.stderr, flush=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def do_GET(self):
        if self.path.startswith("/__kb_preview/status"):
            return self._send(self.preview.status(), "application/json")
        if self.path == "/__kb_preview.js":
            return self._send(PREVIEW_JS.encode(), "text/javascript")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file() and self.path.endswith(("/", ".html")):
            html = path.read_text(encoding="utf-8").replace("</body>", '<script src="/__kb_preview.js"></script></body>', 1)
            return self._send(html.encode(), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str):
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Watcher(FileSystemEventHandler):
    def __init__(self, preview: Preview):
        self.preview, self.pending, self.timer = preview, set(), None

    def on_any_event(self, event):
        # Only writes count: reading the files (the validator, the build) must not start another round.
        if event.event_type not in ("created", "modified", "deleted", "moved") or event.is_directory and event.event_type == "modified":
            return
        self.pending.add(Path(os.fsdecode(event.src_path)))
        if self.timer:
            self.timer.cancel()
        self.timer = threading.Timer(0.1, self._fire)   # one update for an editor's burst of writes
        self.timer.start()

    def _fire(self):
        paths, self.pending = self.pending, set()
        self.preview.changed(paths)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    os.environ["KB_SITE_URL"] = f"http://127.0.0.1:{args.port}/"
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), None)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            print(f"Port {args.port} is in use by another program. Choose another: make serve PORT=8001", file=sys.stderr)
            return 2
        raise
    root, out = args.root.resolve(), args.out.resolve()
    if build.main(["--root", str(root), "--out", str(out)]) != 0:
        print("Fix the errors above, then run make serve again.", file=sys.stderr)
        return 1
    preview = Preview(root, out)
    server.RequestHandlerClass = functools.partial(type("Handler", (_Handler,), {"preview": preview}), directory=str(out))
    observer = Observer()
    watcher = _Watcher(preview)
    for name in WATCHED:
        if (root / name).is_dir():
            observer.schedule(watcher, str(root / name), recursive=True)
    observer.start()
    threading.Thread(target=preview.rebuild_forever, daemon=True).start()
    warm = threading.Thread(target=repository.load, args=(root,))   # in a thread, so read in this process and
    warm.start()                                                    # remembered: the first edit reads one file
    warm.join()
    print(f"Serving on http://127.0.0.1:{args.port}/ and following edits (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
