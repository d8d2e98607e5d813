"""What contributed Markdown and HTML may contain (schema/contributed-html.yml): element ids, classes,
form controls and size limits. The validator reports what breaks these rules; the sanitiser enforces
the same rules on the rendered page."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from . import yaml_data

POLICY_FILE = Path(__file__).resolve().parent.parent / "schema" / "contributed-html.yml"


@cache
def policy() -> dict:
    return yaml_data.load(POLICY_FILE)


@cache
def _id_pattern() -> re.Pattern:
    return re.compile(policy()["id_pattern"])


def id_allowed(value: str) -> bool:
    """An id no theme element or page global uses: the safe pattern, and no reserved prefix."""
    return bool(_id_pattern().match(value)) and not value.startswith(tuple(policy()["reserved_id_prefixes"]))


def class_allowed(value: str) -> bool:
    return value in policy()["classes"]


def class_kept(value: str) -> bool:
    """Classes the sanitiser keeps: the contributors' list, those the Markdown extensions write and
    those of the site's own wrappers."""
    return any(value in policy()[group] for group in ("classes", "rendered_classes", "site_classes"))


def limit(name: str) -> int:
    return policy()["limits"][name]
