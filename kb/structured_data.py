"""What search engines and link previews read about a case or guideline: schema.org JSON-LD and the
OpenGraph and Twitter card tags. Plain data here; the theme writes it with its JSON encoder, which
escapes <, > and & so that no text can end the script element."""
from __future__ import annotations

from . import facets, languages, vocab
from .model import Entry

LICENCE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
                "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
                "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/"}


def _address(lang_root: str, uri: str) -> str:
    """The absolute address of a generated page: https://…/fi/regions/fi-18/."""
    return lang_root + (uri[: -len("index.md")] if uri.endswith("index.md") else uri)


def _terms(entry: Entry, name: str):
    """A facet's terms of the entry, in the order the contributor gave them."""
    facet = facets.by_name(name)
    v = vocab.load(facet.vocabulary)
    return facet, [v.get(i) for i in entry.terms(facet.field)]


def entry(e: Entry, lang: str, lang_root: str, site_name: str) -> dict:
    """JSON-LD of a case or guideline page in `lang`, the site of that language at `lang_root`.
    A case is an Article about a Project: the project has the regions it serves and its organisations;
    the article has its themes (about), its sources (citation) and when an editor last checked it."""
    text, meta = e.text(lang), e.meta
    themes_facet, themes = _terms(e, "themes")
    data = {
        "@context": "https://schema.org", "@type": "Article", "name": text.title, "headline": text.title,
        "description": text.summary, "inLanguage": text.lang, "url": _address(lang_root, e.uri),
        "datePublished": meta.get("published"), "dateModified": meta.get("reviewed"),
        "license": LICENCE_URLS.get(meta.get("licence"), meta.get("licence")),
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": lang_root},
        "about": [{"@type": "DefinedTerm", "name": term.label[lang], "url": _address(lang_root, themes_facet.term_page(term))}
                  for term in themes],
        "citation": [{"@type": "CreativeWork", "name": s["title"], "url": s["url"]} for s in meta.get("sources", [])],
    }
    if e.kind == "case":
        regions_facet, regions = _terms(e, "regions")
        data["mainEntity"] = {
            "@type": "Project", "name": text.title,
            "areaServed": [{"@type": "AdministrativeArea", "name": term.label[lang], "identifier": str(term.id),
                            "url": _address(lang_root, regions_facet.term_page(term))} for term in regions],
            "member": [{"@type": "Organization", "name": name, **({"url": o["url"]} if o.get("url") else {})}
                       for name, o in e.organisations(lang)],
        }
        if isinstance(meta.get("start_year"), int):
            data["mainEntity"]["foundingDate"] = str(meta["start_year"])
    return {k: v for k, v in data.items() if v not in (None, [])}


def og_locale(lang: str) -> str:
    """OpenGraph's locale for a site language: fi_FI, sv_FI, en_GB (vocabularies/languages.yml)."""
    return languages.get(lang).og_locale
