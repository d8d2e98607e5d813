"""Generating the site's pages as Markdown, per language: case and guideline pages, term pages per
pillar, region and theme (cross-indexed by the other two), overviews, and the search page.
The result is a dict of source paths ('cases/x/index.md') to Markdown, for any static-site engine."""
from __future__ import annotations

import datetime as dt
import re

import yaml

from . import LANGS, links, vocab
from .indexes import DIMENSIONS, counts, entries_with, newest, related, term_page, terms
from .markdown import attr, esc, link, rel, table, url
from .model import Entry, Repository
from .strings import t


def generate(repo: Repository, lang: str) -> dict[str, str]:
    pages = {}
    for e in repo.cases:
        pages[f"cases/{e.slug}/index.md"] = case_page(e, repo, lang)
    for e in repo.guidelines:
        pages[f"guidelines/{e.slug}/index.md"] = guideline_page(e, repo, lang)
    pages["cases/index.md"] = cases_overview(repo, lang)
    pages["guidelines/index.md"] = guidelines_overview(repo, lang)
    for dim in DIMENSIONS:
        pages[f"{DIMENSIONS[dim][2]}/index.md"] = dimension_overview(dim, repo, lang)
        for term in terms(dim):
            pages[term_page(dim, term)] = term_page_markdown(dim, term, repo, lang)
    pages["search/index.md"] = search_page(lang)
    return pages


def front_matter(title: str, description: str = "", **kb) -> str:
    meta = {"title": title}
    if description:
        meta["description"] = description
    if kb:
        meta["kb"] = kb
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def label(vocab_name: str, term_id, lang: str) -> str:
    term = vocab.load(vocab_name).get(term_id)
    return term.label[lang] if term else str(term_id)


def term_links(entry: Entry, dim: str, uri: str, lang: str) -> str:
    field, vname, *_ = DIMENSIONS[dim]
    v = vocab.load(vname)
    return ", ".join(link(v.get(i).label[lang], uri, term_page(dim, v.get(i))) for i in entry.terms(field))


# Search filters besides the three dimensions: (filter key, front-matter field, vocabulary, legend string)
EXTRA_FILTERS = [("status", "status", "statuses", "fact_status"), ("evidence", "evidence", "evidence", "col_evidence")]


def filters(entry: Entry) -> dict:
    """Search filter values of an entry: stable ids, so that a shared search works in every language."""
    out = {"type": [entry.kind]}
    for dim, (field, _, _, key) in DIMENSIONS.items():
        if entry.terms(field):
            out[key] = [str(i) for i in entry.terms(field)]
    for key, field, _, _ in EXTRA_FILTERS:
        if field in entry.meta:
            out[key] = [str(entry.meta[field])]
    return out


def _fallback_notice(entry: Entry, lang: str) -> str:
    if lang in entry.texts:
        return ""
    available = ", ".join(t(lang, f"lang_{lg}") for lg in LANGS if lg in entry.texts)
    text = t(lang, "fallback_notice", original=t(lang, f"lang_{entry.original_lang}"), available=available)
    return f'<p class="kb-notice" role="note">{attr(text)}</p>\n\n'


def _facts(rows: list[tuple[str, str]], lang: str) -> str:
    items = "\n\n".join(f"{esc(name)}\n:   {value}" for name, value in rows if value)
    return (f'<section class="kb-facts" aria-label="{attr(t(lang, "facts_heading"))}" data-pagefind-ignore markdown>\n\n'
            f"{items}\n\n</section>\n\n")


def _sources(entry: Entry, lang: str) -> str:
    """The sources as the page's last section, left out of search (their titles would crowd excerpts)."""
    items = "".join(f"1. [{esc(s['title'])}]({url(s['url'])})\n" for s in entry.meta.get("sources", []))
    if not items:
        return ""
    return (f"## {esc(t(lang, 'fact_sources'))} {{ #sources }}\n\n<div class=\"kb-sources\" data-pagefind-ignore markdown>\n\n"
            f"{items}\n</div>\n\n")


def format_date(iso: str, lang: str) -> str:
    """A YYYY-MM-DD date as readers of the language write it: 28.11.2026, or 28 November 2026."""
    d = dt.date.fromisoformat(iso)
    if lang == "en":
        return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.day}.{d.month}.{d.year}"


MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


def _text_parts(entry: Entry, repo: Repository, lang: str, facts: list) -> list[str]:
    """Title, notice, summary, fact box, body and sources; text in a fallback language is marked with its lang."""
    text = entry.text(lang)
    mark = f' lang="{text.lang}"' if text.lang != lang else ""
    body = links.rewrite(text.body.strip(), f"{entry.folder}/{entry.slug}", repo)
    return [f"# {esc(text.title)}" + (f" {{ lang={text.lang} }}" if mark else "") + "\n\n",
            _fallback_notice(entry, lang), f'<p class="kb-summary"{mark}>{attr(text.summary)}</p>\n\n',
            _facts(facts, lang), f'<div{mark} markdown>\n\n{body}\n\n</div>\n\n' if mark else body + "\n\n",
            _sources(entry, lang)]


def case_page(entry: Entry, repo: Repository, lang: str) -> str:
    uri, text, m = f"cases/{entry.slug}/index.md", entry.text(lang), entry.meta
    end = t(lang, "ongoing") if m["end_year"] == "ongoing" else m["end_year"]
    orgs = ", ".join(f"[{esc(o['name'])}]({url(o['url'])})" if o.get("url") else esc(o["name"]) for o in m["organisations"])
    evidence = vocab.load("evidence").get(m["evidence"])
    facts = [
        (t(lang, "fact_pillars"), term_links(entry, "pillars", uri, lang)),
        (t(lang, "fact_regions"), term_links(entry, "regions", uri, lang)),
        (t(lang, "fact_themes"), term_links(entry, "themes", uri, lang)),
        (t(lang, "fact_organisations"), orgs),
        (t(lang, "fact_period"), esc(f"{m['start_year']} – {end}")),
        (t(lang, "fact_status"), esc(label("statuses", m["status"], lang))),
        (t(lang, "fact_evidence"), f"**{esc(evidence.label[lang])}**. {esc(evidence.description[lang])}"),
        (t(lang, "fact_website"), f"[{esc(m['website'])}]({url(m['website'])})" if m.get("website") else ""),
        (t(lang, "fact_sources"), f"[{esc(t(lang, 'n_sources', n=len(m['sources'])))}](#sources)"),
        (t(lang, "fact_reviewed"), esc(format_date(m["reviewed"], lang))),
        (t(lang, "fact_licence"), esc(label("licences", m["licence"], lang))),
    ]
    out = [front_matter(text.title, text.summary, type="case", filters=filters(entry)),
           *_text_parts(entry, repo, lang, facts)]
    rel_cases = related(entry, repo)
    if rel_cases:
        items = "".join(f"- {link(o.text(lang).title, uri, f'cases/{o.slug}/index.md')}\n" for o in rel_cases)
        out.append(f"## {esc(t(lang, 'related'))}\n\n<div class=\"kb-related\" data-pagefind-ignore markdown>\n\n{items}\n</div>\n")
    return "".join(out)


def guideline_page(entry: Entry, repo: Repository, lang: str) -> str:
    uri, text, m = f"guidelines/{entry.slug}/index.md", entry.text(lang), entry.meta
    audiences = ", ".join(esc(label("audiences", a, lang)) for a in m["audiences"])
    facts = [
        (t(lang, "fact_audiences"), audiences),
        (t(lang, "fact_pillars"), term_links(entry, "pillars", uri, lang)),
        (t(lang, "fact_themes"), term_links(entry, "themes", uri, lang)),
        (t(lang, "fact_reviewed"), esc(format_date(m["reviewed"], lang))),
        (t(lang, "fact_licence"), esc(label("licences", m["licence"], lang))),
    ]
    return "".join([front_matter(text.title, text.summary, type="guideline", filters=filters(entry)),
                    *_text_parts(entry, repo, lang, facts)])


def case_table(cases: list[Entry], uri: str, lang: str, css: str = "kb-case-list") -> str:
    """All given cases as a sortable table; the div's class lets tests and scripts find the list."""
    if not cases:
        return f'<div class="{css}" markdown>\n\n{esc(t(lang, "none_yet"))}\n\n</div>'
    header = [t(lang, k) for k in ("col_title", "col_regions", "col_themes", "col_year", "col_status", "col_evidence")]
    rows = []
    for e in sorted(cases, key=lambda e: e.text(lang).title.lower()):
        rows.append([link(e.text(lang).title, uri, f"cases/{e.slug}/index.md"),
                     esc(", ".join(label("regions", r, lang) for r in e.terms("regions"))),
                     esc(", ".join(label("themes", th, lang) for th in e.terms("themes"))),
                     str(e.meta["start_year"]), _stage_cell(e.meta["status"], lang), str(e.meta["evidence"])])
    return table([esc(h) for h in header], rows, f"{css} kb-sortable")


def _stage_cell(status: str, lang: str) -> str:
    """The stage label, sorting in lifecycle order (idea, pilot, ...) rather than alphabetically."""
    order = vocab.load("statuses").ids().index(status)
    return f'<span data-sort="{order}">{attr(label("statuses", status, lang))}</span>'


def guideline_list(guidelines: list[Entry], uri: str, lang: str) -> str:
    items = [f"- {link(g.text(lang).title, uri, f'guidelines/{g.slug}/index.md')}: {esc(g.text(lang).summary)}"
             for g in sorted(guidelines, key=lambda g: g.text(lang).title.lower())]
    return '<div class="kb-guideline-list" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def cases_overview(repo: Repository, lang: str) -> str:
    uri = "cases/index.md"
    downloads = (f'<a href="{rel(uri, "cases.csv")}" download>{attr(t(lang, "download_csv"))}</a> · '
                 f'<a href="{rel(uri, "feed.xml")}" type="application/atom+xml">{attr(t(lang, "subscribe_feed"))}</a>')
    return (front_matter(t(lang, "cases"), t(lang, "cases_intro"), type="index") + f"# {esc(t(lang, 'cases'))}\n\n"
            + f"{esc(t(lang, 'cases_intro'))}\n\n" + case_table(repo.cases, uri, lang) + f"\n\n{downloads}\n")


def guidelines_overview(repo: Repository, lang: str) -> str:
    uri = "guidelines/index.md"
    out = [front_matter(t(lang, "guidelines"), t(lang, "guidelines_intro"), type="index"),
           f"# {esc(t(lang, 'guidelines'))}\n\n{esc(t(lang, 'guidelines_intro'))}\n\n",
           guideline_list(repo.guidelines, uri, lang), "\n\n", f"## {esc(t(lang, 'by_audience'))}\n\n"]
    for a in vocab.load("audiences").terms:
        found = entries_with(repo.guidelines, "audiences", a.id)
        if found:
            out.append(f"### {esc(a.label[lang])}\n\n" + "\n".join(
                f"- {link(g.text(lang).title, uri, f'guidelines/{g.slug}/index.md')}" for g in found) + "\n\n")
    out.append(f"## {esc(t(lang, 'by_pillar'))}\n\n")
    for p in vocab.load("pillars").terms:
        found = entries_with(repo.guidelines, "pillars", p.id)
        if found:
            out.append(f"### {link(p.label[lang], uri, term_page('pillars', p))}\n\n" + "\n".join(
                f"- {link(g.text(lang).title, uri, f'guidelines/{g.slug}/index.md')}" for g in found) + "\n\n")
    return "".join(out)


def dimension_overview(dim: str, repo: Repository, lang: str) -> str:
    field, _, folder, _ = DIMENSIONS[dim]
    uri, n = f"{folder}/index.md", counts(repo.cases, field)
    rows = [[link(term.label[lang], uri, term_page(dim, term)), esc(term.description[lang]), str(n[term.id])]
            for term in terms(dim)]
    return (front_matter(t(lang, dim), t(lang, f"{dim}_intro"), type="index") + f"# {esc(t(lang, dim))}\n\n"
            + f"{esc(t(lang, f'{dim}_intro'))}\n\n"
            + table([esc(t(lang, "col_title")), "", esc(t(lang, "col_count"))], rows, "kb-term-overview kb-sortable") + "\n")


def _search_href(uri: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return rel(uri, "search/index.md").replace("index.md", "") + "?" + query


def term_page_markdown(dim: str, term, repo: Repository, lang: str) -> str:
    """A term's cases first (what readers come for), then the counts by the other two dimensions."""
    field, _, folder, key = DIMENSIONS[dim]
    uri = term_page(dim, term)
    cases = entries_with(repo.cases, field, term.id)
    search = (f' · <a href="{attr(_search_href(uri, **{key: term.id}))}">{attr(t(lang, "show_in_search"))}</a>'
              if cases else "")
    out = [front_matter(term.label[lang], term.description[lang], type="term"),
           f"# {esc(term.label[lang])}\n\n{esc(term.description[lang])}\n\n",
           f'**{esc(t(lang, "n_cases", n=len(cases)))}**{search}\n\n',
           f"## {esc(t(lang, 'case_list'))}\n\n" + case_table(cases, uri, lang) + "\n\n"]
    if dim == "regions" and str(term.id).startswith("FI-"):
        # Readers in a region need the national programmes too, which reach them as well.
        national = [e for e in entries_with(repo.cases, field, "nationwide") if e not in cases]
        if national:
            out.append(f"## {esc(t(lang, 'nationwide_cases'))}\n\n"
                       + case_table(national, uri, lang, "kb-nationwide-list") + "\n\n")
    if dim != "regions":
        guidelines = entries_with(repo.guidelines, field, term.id)
        if guidelines:
            out.append(f"## {esc(t(lang, 'guideline_list'))}\n\n" + guideline_list(guidelines, uri, lang) + "\n\n")
    for other in DIMENSIONS:
        if other == dim or not cases:
            continue
        o_field, _, _, o_key = DIMENSIONS[other]
        n = counts(cases, o_field)
        rows = [[link(o.label[lang], uri, term_page(other, o)), str(n[o.id]),
                 f'<a href="{attr(_search_href(uri, **{key: term.id, o_key: o.id}))}">{attr(t(lang, "show_in_search"))}</a>']
                for o in terms(other) if n[o.id]]
        out.append(f"## {esc(t(lang, 'by_' + o_key))}\n\n"
                   + table([esc(t(lang, other)), esc(t(lang, "col_count")), ""], rows, "kb-cross-index") + "\n\n")
    return "".join(out)


def search_page(lang: str) -> str:
    def fieldset(name: str, legend: str, options: list[tuple[str, str]]) -> str:
        boxes = "".join(f'<label><input type="checkbox" name="{name}" value="{attr(v)}"> {attr(text)}'
                        f' <span class="kb-count" data-filter-count></span></label>' for v, text in options)
        return f'<fieldset class="kb-filter" data-filter="{name}"><legend>{attr(legend)}</legend>{boxes}</fieldset>'

    groups = [fieldset("type", t(lang, "filter_type"), [("case", t(lang, "type_case")), ("guideline", t(lang, "type_guideline"))])]
    for dim, (_, _, _, key) in DIMENSIONS.items():
        groups.append(fieldset(key, t(lang, dim), [(str(term.id), term.label[lang]) for term in terms(dim)]))
    for key, _, vname, legend in EXTRA_FILTERS:
        groups.append(fieldset(key, t(lang, legend), [(str(term.id), term.label[lang]) for term in vocab.load(vname).terms]))
    form = (f'<form class="kb-search" method="get" role="search">'
            f'<label for="kb-q">{attr(t(lang, "search_label"))}</label>'
            f'<input id="kb-q" type="search" name="q" placeholder="{attr(t(lang, "search_placeholder"))}">'
            f'<button type="submit" class="md-button md-button--primary">{attr(t(lang, "search_button"))}</button>'
            f'<details class="kb-filters"><summary>{attr(t(lang, "search_filters"))}</summary>{"".join(groups)}'
            f'<p><a href="./" class="kb-clear">{attr(t(lang, "search_clear"))}</a></p></details></form>')
    return (front_matter(t(lang, "search"), type="search", search=True) + f"# {esc(t(lang, 'search'))}\n\n"
            + f'<noscript><p class="kb-notice">{attr(t(lang, "search_needs_js"))}</p></noscript>\n\n'
            + form + "\n\n"
            + f'<div id="kb-results" aria-live="polite" data-results="{attr(t(lang, "search_results"))}" '
              f'data-none="{attr(t(lang, "search_no_results"))}"></div>\n'
            + f'<p class="kb-share">{attr(t(lang, "search_share"))}</p>\n')


def first_sentence(text: str, limit: int = 200) -> str:
    """The summary's first sentence, cut at a word boundary when longer than `limit` characters."""
    m = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.S)
    sentence = m.group(1) if m else text.strip()
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " …"


def expand_markers(source: str, repo: Repository, lang: str, uri: str) -> str:
    """Fill the markers a hand-written page may hold: <!-- kb:pillars --> and <!-- kb:newest-cases -->."""
    if "<!-- kb:" not in source:
        return source
    n = counts(repo.cases, "pillars")
    cards = "\n".join(f"-   **{link(p.label[lang], uri, term_page('pillars', p))}**\n\n    ---\n\n"
                      f"    {esc(p.description[lang])} {esc(t(lang, 'n_cases', n=n[p.id]))}\n"
                      for p in vocab.load("pillars").terms)
    pillars = f'<div class="grid cards kb-pillar-cards" markdown>\n\n{cards}\n</div>'
    items = "\n".join(f"- {link(e.text(lang).title, uri, f'cases/{e.slug}/index.md')}: {esc(first_sentence(e.text(lang).summary))}"
                      for e in newest(repo.cases))
    latest = (f'<div class="kb-newest" markdown>\n\n{items}\n\n</div>\n\n'
              f"{link(t(lang, 'all_cases_link'), uri, 'cases/index.md')}")
    return source.replace("<!-- kb:pillars -->", pillars).replace("<!-- kb:newest-cases -->", latest)
