"""The map's outlines (vocabularies/geo) and how the map is drawn (kb/region_map.py)."""
import re

from kb import region_map, vocab
from kb.region_map import GEO_FILE


def test_outlines_are_exactly_the_nineteen_regions_of_the_vocabulary_with_their_licence():
    regions = {str(t.id) for t in vocab.load("regions").terms if str(t.id).startswith("FI-")}
    geo = region_map.outlines()
    assert set(geo["regions"]) == regions and len(regions) == 19
    assert "CC-BY-4.0" in geo["licence"] and "National Land Survey" in geo["attribution"]
    assert (GEO_FILE.parent / "LICENCE-fi-regions.txt").exists() and (GEO_FILE.parent / "SOURCE.md").exists()
    for polygons in geo["regions"].values():   # every region is drawn inside the map's box
        for polygon in polygons:
            for ring in polygon:
                assert all(0 <= x <= geo["width"] and 0 <= y <= geo["height"] for x, y in ring)


def test_shades_rise_with_the_count_and_the_legend_covers_every_count():
    assert region_map.shade(0, 7) == 0 and region_map.shade(1, 7) == 1 and region_map.shade(7, 7) == 4
    assert [region_map.shade(n, 7) for n in range(8)] == sorted(region_map.shade(n, 7) for n in range(8))
    steps = region_map.steps(7)
    covered = [n for _, low, high in steps for n in range(low, high + 1)]
    assert covered == list(range(8))


def test_names_are_written_where_they_fit_and_broken_at_a_hyphen():
    assert region_map.name_lines("Lappi", "FI-10") == ["Lappi"]
    assert region_map.name_lines("Pohjois-Pohjanmaa", "FI-14") in (["Pohjois-Pohjanmaa"], ["Pohjois-", "Pohjanmaa"])
    assert region_map.name_lines("Ahvenanmaa", "FI-01") == []      # Åland is too small: its count only


def test_region_names_and_links_are_escaped():
    svg = region_map.svg([{"id": "FI-18", "label": "<b>&", "count": 2, "href": 'x" onclick="y', "name": "<i>"}], "T<")
    assert "<b>" not in svg and "<i>" not in svg and 'onclick="y' not in svg
    assert re.search(r'href="x&quot; onclick=&quot;y"', svg)
