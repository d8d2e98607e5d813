"""Figures to look at on the overview pages: the map of cases per region, a heat table of pillars by
themes, and bars per stage and per evidence level. Plain HTML and SVG made at build time, no script;
each is a table or has one beside it, so the figures are text for screen readers and in print.
Each figure is one HTML block without blank lines, which Markdown passes through as it is."""
from __future__ import annotations

from . import facets, region_map
from .indexes import counts, entries_with
from .markdown import attr, href
from .model import Repository
from .strings import t


def _term_link(facet: facets.Facet, term, uri: str, lang: str) -> str:
    return f'<a href="{attr(href(uri, facet.term_page(term)))}">{attr(term.label[lang])}</a>'


def map_of_regions(repo: Repository, lang: str, uri: str, table: bool = False) -> str:
    """The map of the regions with outlines (vocabularies/geo), shaded by their cases; beside it the
    legend and the regions without outlines (nationwide, international) with their counts, and with
    `table` the same figures as a table (the regions overview has its own)."""
    facet = facets.by_name("regions")
    n = counts(repo.cases, facet.field)
    drawn = [term for term in facet.ordered(lang) if term.id in region_map.outlines()["regions"]]
    regions = [{"id": term.id, "label": term.label[lang], "count": n[term.id], "href": href(uri, facet.term_page(term)),
                "name": t(lang, "map_region", region=term.label[lang], cases=t(lang, "n_cases", n=n[term.id]))}
               for term in drawn]
    most = max((r["count"] for r in regions), default=0)
    legend = "".join(f'<li><span class="kb-swatch kb-shade-{level}" aria-hidden="true"></span>'
                     f'{low if low == high else f"{low}–{high}"}</li>' for level, low, high in region_map.steps(most))
    # Åland is drawn but small: it is listed beside the map too, with the regions that have no outline
    beside = [term for term in facet.ordered(lang) if term.id not in region_map.outlines()["regions"] or term.id == "FI-01"]
    extra = "".join(f"<li>{_term_link(facet, term, uri, lang)}: {n[term.id]}</li>" for term in beside)
    rows = "".join(f'<tr><th scope="row">{_term_link(facet, term, uri, lang)}</th><td>{n[term.id]}</td></tr>'
                   for term in facet.ordered(lang))
    as_table = (f'<details class="kb-map-table"><summary>{attr(t(lang, "map_table"))}</summary><table>'
                f'<thead><tr><th scope="col">{attr(t(lang, "col_title"))}</th><th scope="col">{attr(t(lang, "col_count"))}</th></tr></thead>'
                f"<tbody>{rows}</tbody></table></details>") if table else ""
    return (f'<div class="kb-map">'
            f'<figure class="kb-map-figure">{region_map.svg(regions, t(lang, "map_title"))}'
            f'<figcaption>{attr(t(lang, "map_title"))}</figcaption></figure>'
            f'<div class="kb-map-aside"><p class="kb-map-legend-title">{attr(t(lang, "col_count"))}</p>'
            f'<ul class="kb-map-legend">{legend}</ul><ul class="kb-map-extra">{extra}</ul>{as_table}'
            f'<p class="kb-map-credit">{attr(t(lang, "map_credit"))}</p></div></div>')


def _scroller(name: str) -> str:
    """A figure's box, which scrolls sideways on a screen too narrow for it: keyboard users can reach it."""
    return f'<div class="kb-chart" tabindex="0" role="region" aria-label="{attr(name)}">'


def heat_table(repo: Repository, lang: str, uri: str) -> str:
    """Cases per theme (rows) and pillar (columns), each cell shaded by its count."""
    pillars, themes = facets.by_name("pillars"), facets.by_name("themes")
    columns = pillars.ordered(lang)
    cells = {(p.id, th.id): len(entries_with(entries_with(repo.cases, pillars.field, p.id), themes.field, th.id))
             for p in columns for th in themes.terms}
    most = max(cells.values(), default=0)
    head = "".join(f'<th scope="col">{_term_link(pillars, p, uri, lang)}</th>' for p in columns)
    body = "".join(
        f'<tr><th scope="row">{_term_link(themes, th, uri, lang)}</th>'
        + "".join(f'<td class="kb-shade-{region_map.shade(cells[p.id, th.id], most)}">{cells[p.id, th.id]}</td>' for p in columns)
        + "</tr>" for th in themes.ordered(lang))
    return (f'{_scroller(t(lang, "chart_pillar_theme"))}<table class="kb-heat"><caption>{attr(t(lang, "chart_pillar_theme"))}</caption>'
            f'<thead><tr><th scope="col">{attr(t(lang, "themes"))}</th>{head}</tr></thead><tbody>{body}</tbody></table>'
            f'<p class="kb-chart-note">{attr(t(lang, "chart_pillar_theme_note"))}</p></div>')


def bars(repo: Repository, lang: str, facet_name: str, caption: str) -> str:
    """Cases per term of a one-value facet (stage, evidence), as a table with a bar beside each count."""
    facet = facets.by_name(facet_name)
    n = counts(repo.cases, facet.field)
    most = max(n.values(), default=0) or 1
    rows = "".join(
        f'<tr><th scope="row">{attr(term.label[lang])}</th><td><span class="kb-bar" style="width: {80 * n[term.id] / most:.0f}%"'
        f' aria-hidden="true"></span><span class="kb-bar-count">{n[term.id]}</span></td></tr>'
        for term in facet.ordered(lang))
    return f'{_scroller(caption)}<table class="kb-bars"><caption>{attr(caption)}</caption><tbody>{rows}</tbody></table></div>'


def at_a_glance(repo: Repository, lang: str, uri: str) -> str:
    """The cases overview's figures: pillars by themes, stages, evidence levels."""
    return "\n\n".join([heat_table(repo, lang, uri),
                        bars(repo, lang, "status", t(lang, "chart_status")),
                        bars(repo, lang, "evidence", t(lang, "chart_evidence"))])
