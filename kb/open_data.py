"""Open data, rebuilt with the site: every case in every language with all its metadata in one JSON file
of a stable shape (the texts themselves are on the pages and in the repository's files, named in
`source`), the JSON Schemas of the front matter and the vocabularies, at stable addresses under /data/
(documented field by field on each language's data page, vocabularies/open-data.yml)."""
from __future__ import annotations

import json
from functools import cache

from . import LANGS, checks_meta, yaml_data
from .model import Entry, Repository
from .vocab import VOCAB_DIR

FOLDER = "data"
VOCABULARIES = ("pillars", "regions", "themes", "statuses", "evidence", "audiences", "licences", "glossary")
SCHEMAS = ("case", "guideline")
LICENCE = "CC-BY-4.0"


@cache
def fields() -> list[dict]:
    return yaml_data.load(VOCAB_DIR / "open-data.yml")["fields"]


def _case(e: Entry, root_url: str) -> dict:
    """One case: every field always present (null or empty where the case has none), so that the shape
    never depends on the content."""
    m = e.meta
    return {
        "slug": e.slug, "original_language": e.original_lang,
        "texts": {lang: {"title": text.title, "summary": text.summary, "url": f"{root_url}{lang}/{e.folder}/{e.slug}/",
                         "source": f"{e.folder}/{e.slug}/{lang}.md"}
                  for lang, text in sorted(e.texts.items(), key=lambda item: LANGS.index(item[0]))},
        "pillars": list(m["pillars"]), "regions": list(m["regions"]), "themes": list(m["themes"]),
        "organisations": [{"name": o["name"], "names": dict(o.get("names") or {}), "url": o.get("url")} for o in m["organisations"]],
        "start_year": m["start_year"], "end_year": m["end_year"], "status": m["status"], "evidence": m["evidence"],
        "website": m.get("website"), "sources": [{"title": s["title"], "url": s["url"]} for s in m["sources"]],
        "published": m["published"], "reviewed": m["reviewed"], "licence": m["licence"],
    }


def cases_json(repo: Repository, root_url: str) -> str:
    data = {"licence": LICENCE, "documentation": f"{root_url}en/{FOLDER}/",
            "cases": [_case(e, root_url) for e in sorted(repo.cases, key=lambda e: e.slug)]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _vocabulary(name: str) -> str:
    data = yaml_data.load(VOCAB_DIR / f"{name}.yml")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def files(repo: Repository, root_url: str) -> dict[str, str]:
    """The files under /data/ of the whole site (not of one language): path -> text."""
    out = {f"{FOLDER}/cases.json": cases_json(repo, root_url)}
    out.update({f"{FOLDER}/{kind}.schema.json": json.dumps(checks_meta.schema(kind), ensure_ascii=False, indent=1) + "\n"
                for kind in SCHEMAS})
    out.update({f"{FOLDER}/vocabularies/{name}.json": _vocabulary(name) for name in VOCABULARIES})
    return out
