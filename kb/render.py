"""The site's Markdown pipeline outside MkDocs: the same extensions as mkdocs.yml (a test keeps the two
lists equal), for the validator's check of rendered pages and for tests that render contributions."""
from __future__ import annotations

import markdown

EXTENSIONS = ["toc", "attr_list", "md_in_html", "def_list", "tables", "admonition", "footnotes", "pymdownx.tasklist"]
EXTENSION_CONFIGS = {"toc": {"permalink": True}}


def to_html(body: str) -> str:
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
