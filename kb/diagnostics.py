"""Diagnostics: one problem in one file, with a stable code, printed for people (in English, Finnish
or Swedish, from schema/messages.yml) and for GitHub."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import LANGS, yaml_data
from .languages import FALLBACK, Translated

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
CODES: dict[str, str] = yaml_data.load(SCHEMA_DIR / "lint-codes.yml")["codes"]
_CATALOGUE = yaml_data.load(SCHEMA_DIR / "messages.yml")
MESSAGES: dict = _CATALOGUE["messages"]
WORDS: dict = {key: Translated(texts) for key, texts in _CATALOGUE["words"].items()}


# Characters that could end a log line or steer a terminal: a newline in a contributed value must not
# start a line of its own, where GitHub would read "::error ..." or "::stop-commands::" as a command.
_LINE_BREAKERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """Text on one log line, with every control character written as an escape (\\x0a)."""
    return _LINE_BREAKERS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def say(key: str, lang: str, **values) -> str:
    """One of the catalogue's words or sentences, in `lang`."""
    return WORDS[key][lang].format(**values)


def locale_language() -> str:
    """fi or sv when the user's locale says so (LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return value[:2] if value[:2] in LANGS else FALLBACK
    return FALLBACK


def field_name(path: tuple, lang: str = "en") -> str:
    """A front-matter path as a contributor reads it: ('organisations', 0, 'name') -> organisations, item 1, name."""
    return ", ".join(f"{WORDS['item'][lang]} {p + 1}" if isinstance(p, int) else str(p) for p in path)


@dataclass(frozen=True)
class Labelled:
    """Vocabulary ids to show with their labels in the message's language: 'FI-12' (Österbotten)."""
    vocabulary: str
    ids: tuple

    def text(self, lang: str) -> str:
        from . import vocab  # vocab imports this module's neighbours; only needed when a message is worded
        v = vocab.load(self.vocabulary)
        return " / ".join(f"'{i}' ({v.get(i).label[lang]})" if v.get(i) else f"'{i}'" for i in self.ids)


def _value(v, lang: str):
    return v.text(lang) if isinstance(v, Labelled) else field_name(v, lang) if isinstance(v, tuple) else v


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    fix: str
    key: str = field(default="", compare=False)
    params: tuple = field(default=(), compare=False, repr=False)   # (name, value) pairs of the message

    def __post_init__(self):
        if self.code not in CODES:  # a typo in a code would silently break the documented contract
            raise ValueError(f"undocumented diagnostic code {self.code}")

    def localized(self, lang: str) -> tuple[str, str]:
        """(message, fix) in `lang`, falling back to English."""
        texts = MESSAGES.get(self.key, {})
        chosen = texts.get(lang) or texts.get("en")
        if not chosen:
            return self.message, self.fix
        values = {k: _value(v, lang) for k, v in self.params}
        return chosen["message"].format(**values), chosen["fix"].format(**values)

    @property
    def is_note(self) -> bool:
        """KB4xx: advice that does not stop a contributor (the glossary's preferred terms)."""
        return self.code.startswith("KB4")

    def text(self, lang: str = "en") -> str:
        message, fix = self.localized(lang)
        kind = WORDS["note" if self.is_note else "error"][lang]
        return one_line(f"{self.path}:{self.line}:{self.col}: {kind} {self.code}: {message} "
                        f"{WORDS['fix'][lang]}: {fix}")

    def github(self, lang: str = "en") -> str:
        def esc(s: str) -> str:  # GitHub workflow-command escaping
            return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        prop = lambda s: esc(s).replace(":", "%3A").replace(",", "%2C")  # noqa: E731
        message, fix = self.localized(lang)
        return (f"::{'warning' if self.is_note else 'error'} file={prop(self.path)},line={self.line},col={self.col},"
                f"title={prop(self.code + ' ' + CODES[self.code])}::{esc(message + ' ' + WORDS['fix'][lang] + ': ' + fix)}")


def problem(path: str, line: int, col: int, key: str, /, **params) -> Diagnostic:
    """A diagnostic from the message catalogue; the code is the key's prefix (KB104.vocabulary -> KB104)."""
    en = MESSAGES[key]["en"]
    values = {k: _value(v, "en") for k, v in params.items()}
    return Diagnostic(path, line, col, key.split(".")[0], en["message"].format(**values), en["fix"].format(**values),
                      key, tuple(sorted(params.items())))


def report(diagnostics: list[Diagnostic], stream, lang: str = "en") -> None:
    """Print every diagnostic, sorted; add GitHub annotations inside GitHub Actions."""
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for d in sorted(diagnostics):
        print(d.text(lang), file=stream)
        if in_actions:
            print(d.github(lang), file=stream)
