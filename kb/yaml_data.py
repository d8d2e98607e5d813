"""The project's own YAML files (vocabularies, schema, messages): trusted, so read with libyaml's C
loader, a tenth of the time of PyYAML's Python one (contributed front matter goes through kb/safe_yaml.py)."""
from __future__ import annotations

from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # PyYAML built without libyaml has only the Python one


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
