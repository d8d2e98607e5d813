"""Pages without the blank lines and indentation the theme's templates leave, a tenth of a case page.
Only whitespace that starts a line goes, where it never shows (HTML collapses it into the line break
that stays); never inside <pre>, <textarea>, <script> or <style>, where it may mean something, and
where the Content-Security-Policy hashes scripts as written."""
from __future__ import annotations

import re

_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def compact(html: str) -> str:
    out, pos = [], 0
    for m in _KEEP.finditer(html):
        out += [_INDENT.sub("\n", html[pos:m.start()]), m.group(0)]
        pos = m.end()
    out.append(_INDENT.sub("\n", html[pos:]))
    return "".join(out)
