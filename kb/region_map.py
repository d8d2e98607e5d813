"""A map of Finland's regions as inline SVG, drawn at build time: each region shaded by its number of
cases, labelled, and a link to its page. No map service, no script: the outlines are data
(vocabularies/geo/fi-regions.json, simplified from the National Land Survey's regions, CC BY 4.0;
vocabularies/geo/SOURCE.md says how), and the same figures are given as a table beside it."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .markdown import attr

GEO_FILE = Path(__file__).resolve().parent.parent / "vocabularies" / "geo" / "fi-regions.json"
# Shades from light to dark (kb-shade-0 … kb-shade-4 in kb.css): no cases, then four steps up to the
# largest count. Labels are dark with a white halo (kb.css), legible on every shade.
SHADES = 5
LABEL_SIZE, COUNT_SIZE = 11, 14
CHAR_WIDTH = 0.55            # a label character's width, in font sizes (to see whether a name fits)


@cache
def outlines() -> dict:
    return json.loads(GEO_FILE.read_text(encoding="utf-8"))


def _area(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def _centroid(ring) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return (cx / (3 * a), cy / (3 * a)) if a else ring[0]


def _span_at(ring, y: float) -> tuple[float, float]:
    """The widest stretch of the horizontal line through y inside the ring: (left, right)."""
    xs = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]) if (y0 <= y < y1) or (y1 <= y < y0))
    return max(zip(xs[::2], xs[1::2]), key=lambda span: span[1] - span[0], default=(0.0, 0.0))


def _path(polygons) -> str:
    """Each polygon is an outer ring and its holes; the even-odd rule leaves the holes empty."""
    return "".join("M" + " ".join(f"{x:g} {y:g}" for x, y in ring) + "Z" for polygon in polygons for ring in polygon)


@cache
def _anchor(region_id: str) -> tuple[float, float, float]:
    """Where a region's label goes and how much room it has there: of the lines a little above and
    below the centroid of its largest part, the widest, at its middle."""
    ring = max((polygon[0] for polygon in outlines()["regions"][region_id]), key=_area)
    cx, cy = _centroid(ring)
    spans = [(y, *_span_at(ring, y)) for y in (cy + step * 4 for step in range(-6, 7))]
    y, left, right = max(spans, key=lambda s: (s[2] - s[1]) - abs(s[0] - cy) / 2)
    return (left + right) / 2, y, right - left


def shade(count: int, most: int) -> int:
    """The shade of a count: 0 for none, else 1-4 in equal steps up to the largest count."""
    return 0 if count <= 0 else min(SHADES - 1, 1 + (count - 1) * (SHADES - 1) // max(most, 1))


def steps(most: int) -> list[tuple[int, int, int]]:
    """The legend: (shade, lowest, highest count) of each shade in use."""
    out = [(0, 0, 0)]
    for level in range(1, SHADES):
        counts = [n for n in range(1, most + 1) if shade(n, most) == level]
        if counts:
            out.append((level, counts[0], counts[-1]))
    return out


def svg(regions: list[dict], title: str) -> str:
    """The map: regions are dicts with id, label, count, href and name (the link's accessible name).
    One line without blank lines, so that Markdown passes it through as it is."""
    geo = outlines()
    most = max((r["count"] for r in regions), default=0)
    parts = [f'<svg class="kb-map-svg" viewBox="0 0 {geo["width"]} {geo["height"]}" role="group" aria-label="{attr(title)}">']
    labels = []
    for r in regions:
        polygons = geo["regions"][r["id"]]
        level = shade(r["count"], most)
        parts.append(f'<a href="{attr(r["href"])}" aria-label="{attr(r["name"])}" class="kb-map-region">'
                     f'<title>{attr(r["name"])}</title>'
                     f'<path d="{_path(polygons)}" fill-rule="evenodd" class="kb-shade-{level}"/></a>')
        labels.append(_label(r))
    # labels after every region, so that no neighbour is drawn over them; they do not take the pointer
    parts.append('<g class="kb-map-labels" aria-hidden="true">' + "".join(labels) + "</g></svg>")
    return "".join(parts)


def _label(region: dict) -> str:
    """The count, and under it the name on one or two lines where it fits (else the name is in the
    link's name and the table beside the map)."""
    x, y, _ = _anchor(region["id"])
    lines = name_lines(region["label"], region["id"])
    top = y - (len(lines) * (LABEL_SIZE + 1)) / 2 + COUNT_SIZE / 3
    spans = [f'<tspan class="kb-map-count" x="{x:.1f}" y="{top:.1f}">{region["count"]}</tspan>']
    spans += [f'<tspan x="{x:.1f}" dy="{LABEL_SIZE + 1:g}">{attr(line)}</tspan>' for line in lines]
    return f'<text class="kb-map-label" text-anchor="middle">{"".join(spans)}</text>'


def name_lines(label: str, region_id: str) -> list[str]:
    """A region's name as the map writes it: on one line, or broken after its first hyphen or space
    (Etelä-|Pohjanmaa, Södra |Österbotten), or not at all where even that is too wide."""
    room = _anchor(region_id)[2] * 0.9
    if _wide(label) <= room:
        return [label]
    cut = min((i for i in (label.find("-"), label.find(" ")) if i > 0), default=-1)
    if cut > 0:
        lines = [label[: cut + 1].rstrip(), label[cut + 1:]]
        if max(map(_wide, lines)) <= room:
            return lines
    return []


def _wide(text: str) -> float:
    return len(text) * LABEL_SIZE * CHAR_WIDTH
