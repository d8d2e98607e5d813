"""A Content-Security-Policy for every page, as a <meta> element (GitHub Pages cannot send headers):
scripts only from the site itself and the inline scripts the page was built with, identified by their
SHA-256 hashes, so that a script that slipped into a page by any other way does not run."""
from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_MAIN = re.compile(r"<main\b.*</main>", re.S | re.I)
# 'wasm-unsafe-eval': Pagefind runs its search index as WebAssembly; it allows no JavaScript eval.
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")


def _theme_scripts() -> set[str]:
    """The inline scripts Material for MkDocs writes into a page's content area (its
    partials/javascripts/*.html), read from the installed theme so that they follow its updates."""
    try:
        import material
    except ImportError:
        return set()
    folder = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    return {m.group("body") for f in folder.glob("*.html") for m in _INLINE_SCRIPT.finditer(f.read_text(encoding="utf-8"))}


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources of the page's inline scripts that come from the site's templates: those outside
    <main> (where no contributed text goes), and the theme's own inside it. A script that got into the
    content or the sidebar by any other way gets no hash, so the browser does not run it. JSON data
    blocks are not run and need none."""
    out, trusted = [], _theme_scripts_cached()
    main = _MAIN.search(html)
    for m in _INLINE_SCRIPT.finditer(html):
        attrs = m.group("attrs")
        kind = _TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.I) or (kind and kind.group(1).lower() not in _RUNNABLE):
            continue
        if main and main.start() < m.start() < main.end() and m.group("body") not in trusted:
            continue
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode("ascii")
        out.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(out))


_theme_scripts_cached = cache(_theme_scripts)


def policy_for(html: str) -> str:
    return POLICY.format(hashes="".join(" " + h for h in inline_script_hashes(html)))


def add_policy(html: str) -> str:
    """The page with its policy as the first element of <head>, before any script it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    m = _HEAD.search(html)
    if not m:
        raise ValueError("page without <head>: cannot add a Content-Security-Policy")
    return html[:m.end()] + meta + html[m.end():]
