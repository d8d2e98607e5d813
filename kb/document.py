"""Reading one Markdown file with YAML front matter, turning every way it can be unreadable into
a diagnostic: bad encoding, binary data, emptiness, missing or unclosed front matter, bad YAML."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import safe_yaml
from .diagnostics import Diagnostic, problem

MAX_BYTES = 256 * 1024


@dataclass
class Document:
    path: str                      # as shown in messages (relative to the repository)
    meta: dict
    body: str
    body_line: int                 # 1-based line number of the body's first line
    positions: dict = field(default_factory=dict)
    source: str = ""               # the whole file, as read (line ends normalised)
    links: tuple | None = None     # its relative and in-page links, once kb/links.py has found them

    def pos(self, *path) -> tuple[int, int]:
        """Line and column of a front-matter path, or of its nearest existing parent."""
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def _fail(shown: str, line: int, col: int, key: str, **params) -> tuple[None, list[Diagnostic]]:
    return None, [problem(shown, line, col, key, **params)]


def read(file: Path, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    if file.is_symlink():
        return _fail(shown, 1, 1, "KB014.symlink", name=shown)
    if file.is_dir():
        return _fail(shown, 1, 1, "KB207.folder")
    try:
        raw = file.read_bytes()
    except OSError as e:  # a broken link, a device, no permission: report, never crash
        return _fail(shown, 1, 1, "KB013.unreadable", reason=str(e.strerror or e))
    return parse(raw, shown)


def normal_newlines(text: str) -> str:
    """Line ends as "\n", whatever the contributor's editor wrote (as Python's text files read them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lines(text: str) -> list[str]:
    return normal_newlines(text).split("\n")


def body_of(raw: bytes, body_line: int) -> str:
    """The body of a file `parse` read, from its bytes and the line where its body starts."""
    text = raw.decode("utf-8-sig")
    if "\r" in text:
        return "\n".join(_lines(text)[body_line - 1:])
    at = 0
    for _ in range(body_line - 1):   # the front matter's few lines, without splitting the whole file
        at = text.find("\n", at) + 1
        if at == 0:
            return ""
    return text[at:]


def parse(raw: bytes, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    """A file's bytes, as `read` read them."""
    if len(raw) > MAX_BYTES:
        return _fail(shown, 1, 1, "KB006.too_large", size=len(raw) // 1024, limit=MAX_BYTES // 1024)
    if b"\x00" in raw:
        return _fail(shown, 1, 1, "KB002.binary")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from Windows editors is harmless: accept it
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return _fail(shown, line, e.start - raw.rfind(b"\n", 0, e.start), "KB001.encoding")
    text = normal_newlines(text)
    if not text.strip():
        return _fail(shown, 1, 1, "KB003.empty")
    front, end, body_at = _front_matter(text)
    if front is None:
        return _fail(shown, 1, 1, "KB004.no_front_matter")
    if end is None:
        return _fail(shown, 1, 1, "KB005.not_closed")
    # Tabs in indentation are reported, then read as two spaces, so that every other error shows too.
    tabs = []
    if "\t" in "".join(front):
        tabs = [problem(shown, i + 2, 1, "KB012.tab") for i, line in enumerate(front) if _TAB_INDENT.match(line)]
        front = [_INDENT.sub(lambda m: m.group().replace("\t", "  "), line) for line in front]
    try:
        meta, positions = safe_yaml.load("\n".join(front), line_offset=1)
    except safe_yaml.YamlProblem as p:
        return None, tabs + [problem(shown, p.line, p.col, p.key, **p.params)]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, tabs + [problem(shown, 2, 1, "KB011.not_fields")]
    return Document(shown, meta, text[body_at:], end + 2, positions, text), tabs


_TAB_INDENT = re.compile(r"^ *\t")
_INDENT = re.compile(r"^[ \t]+")


def _front_matter(text: str) -> tuple[list[str] | None, int | None, int]:
    """(the front matter's lines, the 0-based index of its closing line, the offset where the body
    starts): None for the lines when the first line is not '---', None for the index when no line
    closes it. Reads only as far as the closing line: the body may be long."""
    at = text.find("\n")
    if (text if at < 0 else text[:at]).strip() != "---":
        return None, None, 0
    lines, start = [], at + 1
    while at >= 0:
        at = text.find("\n", start)
        line = text[start:] if at < 0 else text[start:at]
        if line.strip() in ("---", "..."):
            return lines, len(lines) + 1, len(text) if at < 0 else at + 1
        lines.append(line)
        start = at + 1
    return lines, None, len(text)
