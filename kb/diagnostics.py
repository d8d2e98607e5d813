"""Diagnostics: one problem in one file, with a stable code, printed for people and for GitHub."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

CODES_FILE = Path(__file__).resolve().parent.parent / "schema" / "lint-codes.yml"
CODES: dict[str, str] = yaml.safe_load(CODES_FILE.read_text(encoding="utf-8"))["codes"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    fix: str

    def __post_init__(self):
        if self.code not in CODES:  # a typo in a code would silently break the documented contract
            raise ValueError(f"undocumented diagnostic code {self.code}")

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error {self.code}: {self.message} Fix: {self.fix}"

    def github(self) -> str:
        def esc(s: str) -> str:  # GitHub workflow-command escaping
            return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        prop = lambda s: esc(s).replace(":", "%3A").replace(",", "%2C")  # noqa: E731
        return (f"::error file={prop(self.path)},line={self.line},col={self.col},"
                f"title={prop(self.code + ' ' + CODES[self.code])}::{esc(self.message + ' Fix: ' + self.fix)}")


def report(diagnostics: list[Diagnostic], stream) -> None:
    """Print every diagnostic, sorted; add GitHub annotations inside GitHub Actions."""
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in sorted(diagnostics):
        print(d.text(), file=stream)
        if in_actions:
            print(d.github(), file=stream)
