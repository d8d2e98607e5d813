"""Engine-independent core of the knowledge base: content model, vocabularies, validation,
indexes and page generation. Nothing here imports MkDocs."""

LANGS = ("fi", "sv", "en")
