"""Generating the site's pages as Markdown, per language: case and guideline pages, a page per term of
every facet with pages (cross-indexed by the others), overviews, and the search page. This module
builds the data; the layouts are Jinja2 templates in kb/layouts/, one per kind of page. The result is a
dict of source paths ('cases/x/index.md') to Markdown, for any static-site engine."""
from __future__ import annotations

import datetime as dt
import re
from functools import partial

import yaml

from . import LANGS, charts, collation, facets, glossary, open_data, status, languages, links, search_index, site, templating, vocab
from .indexes import Related, counts, entries_with, newest
from .markdown import attr, esc, href, link, rel, url
from .languages import Translated
from .model import Entry, Repository, org_name
from .strings import language_name, t


def generate(repo: Repository, lang: str) -> dict[str, str]:
    """Every generated page of one language (kb/site.py says which): source path -> Markdown."""
    related, known = Related(repo.cases), links.known_entries(repo)
    makers = {"case": partial(case_page, related=related, known=known), "guideline": partial(guideline_page, known=known),
              "cases": cases_overview, "guidelines": guidelines_overview, "facet": facet_overview, "term": term_page,
              "search": lambda repo, lang: search_page(lang), "data": data_page,
              "glossary": lambda repo, lang: glossary_page(lang), "status": status_page}
    return {uri: makers[kind](*about, repo=repo, lang=lang) for uri, kind, about in site.page_plan(repo.entries())}


_CASE_TABLE = re.compile(r'<div class="[^"<>]*kb-sortable"><table class="kb-cases">.*?</table></div>', re.S)
_TABLE_MARK = re.compile(r"<!-- kb:table (\d+) -->")


def set_aside_tables(markdown: str) -> tuple[str, list[str]]:
    """A generated page's case tables taken out of its Markdown, each left as a comment where it stood,
    to be put back after conversion (put_back_tables). A table of a thousand cases is HTML already, and
    Markdown's HTML parser takes longer over it than over the rest of the site's index pages together.
    Only for pages the site generates whole: their contributed text is escaped, so it cannot look like
    a table or a mark."""
    tables: list[str] = []

    def aside(m: re.Match) -> str:
        tables.append(m.group(0))
        return f"<!-- kb:table {len(tables) - 1} -->"
    return _CASE_TABLE.sub(aside, markdown), tables


def put_back_tables(html: str, tables: list[str]) -> str:
    return _TABLE_MARK.sub(lambda m: tables[int(m.group(1))], html) if tables else html


def front_matter(title: str, description: str = "", hide: list[str] | None = None, **kb) -> str:
    meta: dict = {"title": title}
    if description:
        meta["description"] = description
    if hide:    # Material's sidebars to leave out (the search page uses the whole width)
        meta["hide"] = hide
    if kb:
        meta["kb"] = kb
    # libyaml's emitter writes the same YAML as PyYAML's, many times faster
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def label(vocab_name: str, term_id, lang: str) -> str:
    term = vocab.load(vocab_name).get(term_id)
    return term.label[lang] if term else str(term_id)


def filters(entry: Entry) -> dict:
    """Search filter values of an entry: stable ids, so that a shared search works in every language."""
    out = {"type": [entry.kind]}
    for facet in facets.filters():
        if entry.terms(facet.field):
            out[facet.filter] = [str(i) for i in entry.terms(facet.field)]
    return out


def _fallback_notice(entry: Entry, lang: str) -> str:
    if lang in entry.texts:
        return ""
    available = ", ".join(t(lang, f"lang_{lg}") for lg in LANGS if lg in entry.texts)
    return t(lang, "fallback_notice", original=t(lang, f"lang_{entry.original_lang}"), available=available)


def _facet_value(entry: Entry, facet: facets.Facet, uri: str, lang: str) -> str:
    """A facet's row in the fact box: links to term pages where the facet has them."""
    terms = facet.of(entry, lang)
    if facet.described:
        return "; ".join(f"**{esc(term.label[lang])}**. {esc(term.description[lang])}" for term in terms)
    if facet.pages:
        return ", ".join(link(term.label[lang], uri, facet.term_page(term)) for term in terms)
    return ", ".join(esc(term.label[lang]) for term in terms)


def _facts(entry: Entry, lang: str) -> list[tuple[str, str]]:
    """The fact box: the rows of vocabularies/facets.yml's fact_box that the entry has."""
    uri, m = entry.uri, entry.meta
    rows = {f.name: (t(lang, f.fact), _facet_value(entry, f, uri, lang)) for f in facets.for_kind(entry.kind) if f.fact}
    if entry.kind == "case":
        end = t(lang, "ongoing") if m["end_year"] == "ongoing" else m["end_year"]
        orgs = ", ".join(f"[{esc(name)}]({url(o['url'])})" if o.get("url") else esc(name) for name, o in entry.organisations(lang))
        rows.update(
            organisations=(t(lang, "fact_organisations"), orgs),
            period=(t(lang, "fact_period"), esc(f"{m['start_year']} – {end}")),
            website=(t(lang, "fact_website"), f"[{esc(m['website'])}]({url(m['website'])})" if m.get("website") else ""),
            sources=(t(lang, "fact_sources"), f"[{esc(t(lang, 'n_sources', n=len(m['sources'])))}](#sources)"))
    rows["reviewed"] = (t(lang, "fact_reviewed"), esc(languages.date(m["reviewed"], lang)))
    return [rows[name] for name in facets.fact_box() if name in rows and rows[name][1]]


def _entry_page(entry: Entry, repo: Repository, lang: str, known: set | None) -> dict:
    """What a case or guideline layout shows; text in a fallback language is marked with its lang."""
    text = entry.text(lang)
    return {"text": text, "mark": f' lang="{text.lang}"' if text.lang != lang else "",
            "notice": _fallback_notice(entry, lang), "facts": _facts(entry, lang),
            "body": links.rewrite(text.body.strip(), f"{entry.folder}/{entry.slug}", repo, known),
            "sources": entry.meta.get("sources", [])}


def _link_item(entry: Entry, lang: str) -> dict:
    return {"title": entry.text(lang).title, "uri": entry.uri, "summary": entry.text(lang).summary,
            "sort_title": entry.text(lang).title.lower()}


def _labels(entry: Entry, facet_name: str, lang: str) -> str:
    return ", ".join(term.label[lang] for term in facets.by_name(facet_name).of(entry, lang))


def _case_row(entry: Entry, lang: str) -> dict:
    """A row of a case table; the stage sorts in lifecycle order (idea, pilot, ...), not alphabetically."""
    status = entry.meta["status"]
    return {**_link_item(entry, lang),
            "regions": _labels(entry, "regions", lang), "themes": _labels(entry, "themes", lang),
            "start_year": entry.meta["start_year"], "stage": label("statuses", status, lang),
            "stage_order": vocab.load("statuses").ids().index(status), "evidence": entry.meta["evidence"]}


def _render(layout: str, uri: str, lang: str, **context) -> str:
    return templating.render(layout, t=partial(t, lang), link=lambda label, to: link(label, uri, to),
                             rel=lambda to: rel(uri, to), href=lambda to: href(uri, to), **context)


def organisation_names(entry: Entry, lang: str) -> list[str]:
    """What search finds an entry's organisations by: the name in `lang`, and the name as written."""
    return list(dict.fromkeys(n for o in entry.meta.get("organisations", []) for n in (org_name(o, lang), o["name"])))


def place(uri: str, section: str, section_label: str, lang: str, title: str) -> dict:
    """Where a page is in the site, for pages outside the navigation (cases, guidelines, terms): the section
    whose tab is highlighted, and the breadcrumb back to it (Home › Case studies › title). Such pages
    leave out the left column (OUTSIDE_NAVIGATION), which would hold only the section."""
    return {"section": section,
            "breadcrumbs": [{"label": t(lang, "home"), "href": href(uri, "index.md")},
                            {"label": section_label, "href": href(uri, section)}, {"label": title}]}


OUTSIDE_NAVIGATION = ["navigation"]   # Material's sidebars that pages outside the navigation leave out


def _entry_place(entry: Entry, lang: str) -> dict:
    return place(entry.uri, f"{entry.folder}/index.md", t(lang, entry.folder), lang, entry.text(lang).title)


def case_page(entry: Entry, repo: Repository, lang: str, related: Related | None = None, known: set | None = None) -> str:
    text = entry.text(lang)
    similar = (related or Related(repo.cases)).of(entry)
    return _render("case.md.j2", entry.uri, lang, front=front_matter(text.title, text.summary, type="case", filters=filters(entry), hide=OUTSIDE_NAVIGATION,
                                                                organisations=organisation_names(entry, lang),
                                                                **_entry_place(entry, lang)),
                   page=_entry_page(entry, repo, lang, known), related=[_link_item(o, lang) for o in similar])


def guideline_page(entry: Entry, repo: Repository, lang: str, known: set | None = None) -> str:
    text = entry.text(lang)
    return _render("guideline.md.j2", entry.uri, lang,
                   front=front_matter(text.title, text.summary, type="guideline", filters=filters(entry), hide=OUTSIDE_NAVIGATION,
                                      **_entry_place(entry, lang)),
                   page=_entry_page(entry, repo, lang, known))


def cases_overview(repo: Repository, lang: str) -> str:
    return _render("cases-overview.md.j2", "cases/index.md", lang,
                   front=front_matter(t(lang, "cases"), t(lang, "cases_intro"), type="index"),
                   cases=[_case_row(e, lang) for e in repo.cases], figures=charts.at_a_glance(repo, lang, "cases/index.md"))


def guidelines_overview(repo: Repository, lang: str) -> str:
    """Every guideline, then grouped by each facet that says so (vocabularies/facets.yml: guideline_groups)."""
    groups = []
    for facet in facets.for_kind("guideline"):
        if not facet.guideline_groups:
            continue
        terms = [{"label": term.label[lang], "uri": facet.term_page(term) if facet.pages else None,
                  "guidelines": [_link_item(g, lang) for g in entries_with(repo.guidelines, facet.field, term.id)]}
                 for term in facet.ordered(lang)]
        groups.append({"heading": facet.guideline_groups, "terms": [x for x in terms if x["guidelines"]]})
    return _render("guidelines-overview.md.j2", "guidelines/index.md", lang,
                   front=front_matter(t(lang, "guidelines"), t(lang, "guidelines_intro"), type="index"),
                   guidelines=[_link_item(g, lang) for g in repo.guidelines], groups=groups)


def facet_overview(facet: facets.Facet, repo: Repository, lang: str) -> str:
    uri, n = facet.overview_page(), counts(repo.cases, facet.field)
    rows = [[link(term.label[lang], uri, facet.term_page(term)), esc(term.description[lang]), str(n[term.id])]
            for term in facet.ordered(lang)]
    figure = {"map": charts.map_of_regions, "heat": charts.heat_table}.get(facet.overview_figure)
    return _render("facet-overview.md.j2", uri, lang, facet=facet, rows=rows, figure=figure(repo, lang, uri) if figure else "",
                   front=front_matter(t(lang, facet.name), t(lang, f"{facet.name}_intro"), type="index"))


def _search_href(uri: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return href(uri, "search/index.md") + "?" + query


def term_page(facet: facets.Facet, term, repo: Repository, lang: str) -> str:
    """A term's cases first (what readers come for), then the counts by the other facets with pages."""
    uri = facet.term_page(term)
    cases = entries_with(repo.cases, facet.field, term.id)
    also = []
    if facet.also_list and facet.also_list.applies(term.id):
        also = [e for e in entries_with(repo.cases, facet.field, facet.also_list.term) if e not in cases]
    crosses = []
    for other in facets.with_pages():
        if other is facet or not cases:
            continue
        n = counts(cases, other.field)
        rows = [[link(o.label[lang], uri, other.term_page(o)), str(n[o.id]),
                 f'<a href="{attr(_search_href(uri, **{facet.filter: term.id, other.filter: o.id}))}">{attr(t(lang, "show_in_search"))}</a>']
                for o in other.ordered(lang) if n[o.id]]
        crosses.append({"facet": other, "rows": rows})
    guidelines = entries_with(repo.guidelines, facet.field, term.id) if "guideline" in facet.kinds else []
    return _render("term.md.j2", uri, lang, front=front_matter(term.label[lang], term.description[lang], type="term", hide=OUTSIDE_NAVIGATION,
                                                             **place(uri, facet.overview_page(), t(lang, facet.name), lang, term.label[lang])),
                   term={"label": term.label[lang], "description": term.description[lang]},
                   cases=[_case_row(e, lang) for e in cases], also=[_case_row(e, lang) for e in also],
                   also_heading=facet.also_list.heading if facet.also_list else "",
                   guidelines=[_link_item(g, lang) for g in guidelines], crosses=crosses,
                   search_href=_search_href(uri, **{facet.filter: term.id}))


def data_page(repo: Repository, lang: str) -> str:
    """The open data: the files under /data/ and the language CSVs, every field of cases.json, licences."""
    uri = "data/index.md"
    return _render("data.md.j2", uri, lang, front=front_matter(t(lang, "data"), t(lang, "data_intro"), type="index"),
                   root=href(uri, "../index.md"), csvs=[(lg, language_name(lg)) for lg in LANGS],
                   schemas=open_data.SCHEMAS, vocabularies=open_data.VOCABULARIES,
                   fields=[{**f, "description": Translated(f["description"])[lang]} for f in open_data.fields()])


def status_page(repo: Repository, lang: str, today: dt.date | None = None) -> str:
    """The editors' overview (kb/status.py), linked from the contribute page, not from the navigation."""
    rows = [{"title": r.entry.text(lang).title, "uri": r.entry.uri, "languages": r.languages, "missing": r.missing,
             "outdated": r.outdated, "reviewed": r.reviewed, "stale": r.stale}
            for r in status.rows(repo, today or dt.date.today())]
    tallies = [(name, [(term.label[lang], n) for term, n in values]) for name, values in status.tallies(repo).items()]
    return _render("status.md.j2", "status/index.md", lang, rows=rows, tallies=tallies,
                   front=front_matter(t(lang, "status"), t(lang, "status_intro"), type="index"))


def glossary_page(lang: str) -> str:
    """The glossary: concepts by their term in the page's language, each with an anchor of its id."""
    concepts = [{"id": c.id, "term": c.term[lang], "definition": c.definition[lang],
                 "others": [(lg, c.term[lg]) for lg in LANGS if lg != lang], "avoid": c.avoid.get(lang, [])}
                for c in glossary.concepts()]
    return _render("glossary.md.j2", "glossary/index.md", lang, concepts=collation.sort(concepts, lang, lambda c: c["term"]),
                   front=front_matter(t(lang, "glossary"), t(lang, "glossary_intro"), type="index"))


def search_page(lang: str) -> str:
    groups = [{"key": "type", "legend": t(lang, "filter_type"),
               "options": [("case", t(lang, "type_case")), ("guideline", t(lang, "type_guideline"))]}]
    for facet in facets.filters():
        groups.append({"key": facet.filter, "legend": t(lang, facet.label_key),
                       "options": [(str(term.id), term.label[lang]) for term in facet.ordered(lang)]})
    forms = f"{search_index.FORMS_FOLDER}/{lang}/" if languages.get(lang).search_analysers else ""
    return _render("search.md.j2", "search/index.md", lang, groups=groups, forms=forms,
                   front=front_matter(t(lang, "search"), hide=["navigation", "toc"], type="search", search=True))


def first_sentence(text: str, limit: int = 200) -> str:
    """The summary's first sentence, cut at a word boundary when longer than `limit` characters."""
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    sentence = m.group(1) if m else text.strip()
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


MAP_MARKER = "<!-- kb:regions-map -->"


def expand_markers(source: str, repo: Repository, lang: str, uri: str) -> str:
    """Fill the markers a hand-written page may hold: <!-- kb:pillars -->, <!-- kb:newest-cases --> and
    <!-- kb:regions-map -->."""
    if "<!-- kb:" not in source:
        return source
    pillars_facet = facets.by_name("pillars")
    n = counts(repo.cases, pillars_facet.field)
    cards = _render("home-pillars.md.j2", uri, lang, pillars=[
        {"label": p.label[lang], "uri": pillars_facet.term_page(p), "description": p.description[lang], "count": n[p.id]}
        for p in pillars_facet.terms])
    latest = _render("home-newest.md.j2", uri, lang, cases=[
        {**_link_item(e, lang), "teaser": first_sentence(e.text(lang).summary)} for e in newest(repo.cases)])
    source = source.replace("<!-- kb:pillars -->", cards.strip("\n")).replace("<!-- kb:newest-cases -->", latest.strip("\n"))
    return source.replace(MAP_MARKER, "".join(generated_html(source, repo, lang, uri)))


def generated_html(source: str, repo: Repository, lang: str, uri: str) -> list[str]:
    """The HTML blocks the markers of a hand-written page put in that are not Markdown (the map): the
    engine's sanitiser keeps exactly these (kb/sanitize.py: clean_around)."""
    return [charts.map_of_regions(repo, lang, uri, table=True)] if MAP_MARKER in source else []
