"""Rendering the page layouts (kb/layouts/*.md.j2, one per kind of page) to Markdown. Layouts get data
and filters, never raw contributed text: |esc writes text as literal Markdown, |attr as HTML, |url an
address that cannot end the link it is in."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from .markdown import attr, esc, url

LAYOUTS = Path(__file__).resolve().parent / "layouts"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(LAYOUTS), autoescape=False, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters.update(esc=esc, attr=attr, url=url)
    return env


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)
