"""Reading one Markdown file with YAML front matter, turning every way it can be unreadable into
a diagnostic: bad encoding, binary data, emptiness, missing or unclosed front matter, bad YAML."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import safe_yaml
from .diagnostics import Diagnostic

MAX_BYTES = 256 * 1024


@dataclass
class Document:
    path: str                      # as shown in messages (relative to the repository)
    meta: dict
    body: str
    body_line: int                 # 1-based line number of the body's first line
    positions: dict = field(default_factory=dict)

    def pos(self, *path) -> tuple[int, int]:
        """Line and column of a front-matter path, or of its nearest existing parent."""
        while path and path not in self.positions:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def read(file: Path, shown: str) -> tuple[Document | None, list[Diagnostic]]:
    def fail(code, line, col, message, fix):
        return None, [Diagnostic(shown, line, col, code, message, fix)]

    if file.is_dir():
        return fail("KB207", 1, 1, "This is a folder, but a Markdown file is expected here.",
                    "move the folder's contents up one level or rename it.")
    try:
        raw = file.read_bytes()
    except OSError as e:  # a broken link, a device, no permission: report, never crash
        return fail("KB013", 1, 1, f"The file cannot be read ({e.strerror or e}).",
                    "replace it with an ordinary text file.")
    if len(raw) > MAX_BYTES:
        return fail("KB006", 1, 1, f"The file is {len(raw) // 1024} KB; the limit is {MAX_BYTES // 1024} KB.",
                    "shorten the text and keep images as separate files.")
    if b"\x00" in raw:
        return fail("KB002", 1, 1, "The file contains binary data, not text.",
                    "save it as plain text (Markdown), not as a word-processor document or image.")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from Windows editors is harmless: accept it
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return fail("KB001", line, e.start - raw.rfind(b"\n", 0, e.start),
                    "The file is not valid UTF-8 text.", "save the file with the encoding UTF-8.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return fail("KB003", 1, 1, "The file is empty.", "start from the template: make new-case SLUG=... LANG=...")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return fail("KB004", 1, 1, "The file does not start with front matter.",
                    "make the first line '---', then the fields, then another '---' line.")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return fail("KB005", 1, 1, "The front matter starting on line 1 is never closed.",
                    "add a line '---' after the last field.")
    # Tabs in indentation are reported, then read as two spaces, so that every other error shows too.
    tabs = [Diagnostic(shown, i + 1, 1, "KB012", "A tab character indents this line of the front matter.",
                       "indent with two spaces instead; tabs are invisible in most editors.")
            for i in range(1, end) if re.match(r"^ *\t", lines[i])]
    front = [re.sub(r"^[ \t]+", lambda m: m.group().replace("\t", "  "), line) for line in lines[1:end]]
    try:
        meta, positions = safe_yaml.load("\n".join(front), line_offset=1)
    except safe_yaml.YamlProblem as p:
        return None, tabs + [Diagnostic(shown, p.line, p.col, p.code, p.message, p.fix)]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, tabs + [Diagnostic(shown, 2, 1, "KB011", "The front matter must be a list of 'field: value' lines.",
                                        "write each field as 'name: value' on its own line.")]
    return Document(shown, meta, "\n".join(lines[end + 1:]), end + 2, positions), tabs
