"""Engine-independent core of the knowledge base: content model, vocabularies, validation,
indexes and page generation. Nothing here imports MkDocs."""

import os

from .languages import codes

LANGS = codes()   # from vocabularies/languages.yml


def site_root_url() -> str:
    """The published site's root address, ending in /: KB_SITE_URL, or the local preview's."""
    return os.environ.get("KB_SITE_URL", "http://127.0.0.1:8000/").rstrip("/") + "/"
