#!/usr/bin/env python3
"""Build fi-regions.json (simplified, projected outlines of Finland's 19 regions).

Inputs (see SOURCE.md for where to get them):
  --regions  maakuntarajat.2023.json  from github.com/samilaine/hallinnollisetrajat
             (NLS "Division into administrative areas (vector) 1:4 500 000",
             2023, regions layer, WGS84 GeoJSON; CC BY 4.0)
  --countries countries-10m.json      from the npm package world-atlas@2.0.2
             (Natural Earth 1:10m admin-0 countries, v4.1.0, TopoJSON; public domain)

The NLS regions extend over territorial waters, so each region is clipped to
the Natural Earth outline of Finland + Åland (ids 246 and 248) to get a
recognisable coastline.  All inter-region borders come from the NLS data; the
outer border is the intersection of the two datasets.

Steps: clip -> project to EPSG:3067 (ETRS-TM35FIN) -> drop small islands
(Åland keeps its main island group) -> topology-preserving Douglas-Peucker
simplification with the `topojson` package (shared borders are simplified once,
so neighbours keep meeting) -> scale to a ~400 px wide SVG box, y down,
rounded to 0.1.

Requires: shapely>=2, pyproj, topojson (pip install shapely pyproj topojson).
Outputs: fi-regions.json and check.svg next to this script (or --out DIR).
"""
import argparse
import json
import math
import os

import numpy as np
import pyproj
import shapely
import topojson
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.ops import unary_union
from shapely.validation import make_valid

HERE = os.path.dirname(os.path.abspath(__file__))

# NLS / Statistics Finland region code (NATCODE) and Finnish name -> ISO 3166-2:FI
REGION_MAP = {
    "21": ("Ahvenanmaan maakunta", "FI-01"),  # Åland
    "09": ("Etelä-Karjala", "FI-02"),
    "14": ("Etelä-Pohjanmaa", "FI-03"),
    "10": ("Etelä-Savo", "FI-04"),
    "18": ("Kainuu", "FI-05"),
    "05": ("Kanta-Häme", "FI-06"),
    "16": ("Keski-Pohjanmaa", "FI-07"),
    "13": ("Keski-Suomi", "FI-08"),
    "08": ("Kymenlaakso", "FI-09"),
    "19": ("Lappi", "FI-10"),
    "06": ("Pirkanmaa", "FI-11"),
    "15": ("Pohjanmaa", "FI-12"),
    "12": ("Pohjois-Karjala", "FI-13"),
    "17": ("Pohjois-Pohjanmaa", "FI-14"),
    "11": ("Pohjois-Savo", "FI-15"),
    "07": ("Päijät-Häme", "FI-16"),
    "04": ("Satakunta", "FI-17"),
    "01": ("Uusimaa", "FI-18"),
    "02": ("Varsinais-Suomi", "FI-19"),
}

TARGET_WIDTH = 400.0  # px, drawable width (padding added around it)
PAD = 4.0  # px on each side
MIN_ISLAND_KM2 = 150.0  # drop island polygons smaller than this ...
ALAND_KEEP_KM2 = 40.0  # ... but in Åland keep pieces of at least this size
SIMPLIFY_M = 1000.0  # Douglas-Peucker tolerance in metres (~0.6 px at this scale)


def decode_topojson_countries(path, ids):
    """Decode selected `countries` geometries (by ISO numeric id) of a world-atlas TopoJSON."""
    topo = json.load(open(path, encoding="utf-8"))
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx_list):
        pts = []
        for i in idx_list:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    polys = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") not in ids:
            continue
        plist = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for p in plist:
            rings = [ring(r) for r in p]
            polys.extend(polygons_of(make_valid(Polygon(rings[0], rings[1:]))))
    return unary_union(polys)


def polygons_of(geom):
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--regions", default=os.path.join(HERE, "src", "maakuntarajat.2023.json"))
    ap.add_argument("--countries", default=os.path.join(HERE, "src", "countries-10m.json"))
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()

    src = json.load(open(args.regions, encoding="utf-8"))
    regions = {}
    for f in src["features"]:
        code = f["properties"]["NATCODE"]
        name, iso = REGION_MAP[code]
        assert f["properties"]["NAMEFIN"] == name, (code, f["properties"]["NAMEFIN"])
        regions[iso] = shape(f["geometry"])
    assert len(regions) == 19, sorted(regions)

    # Natural Earth admin-0 polygons of Finland (246) and Åland (248) = land mask
    land = decode_topojson_countries(args.countries, {"246", "248"})

    tr = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3067", always_xy=True)

    def project(geom):  # lon/lat -> ETRS-TM35FIN metres
        return shapely.transform(geom, lambda a: np.column_stack(tr.transform(a[:, 0], a[:, 1])))

    land_m = project(land)

    clipped = {}
    for iso, g in sorted(regions.items()):
        g_m = project(g).buffer(0)
        parts = polygons_of(g_m.intersection(land_m))
        parts.sort(key=lambda p: p.area, reverse=True)
        keep = []
        for i, p in enumerate(parts):
            km2 = p.area / 1e6
            if i == 0 or km2 >= MIN_ISLAND_KM2 or (iso == "FI-01" and km2 >= ALAND_KEEP_KM2):
                keep.append(p)
        clipped[iso] = MultiPolygon(keep)

    # Topology-preserving simplification: shared arcs are simplified once.
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": iso, "properties": {"iso": iso}, "geometry": mapping(g)}
            for iso, g in clipped.items()
        ],
    }
    topo = topojson.Topology(
        fc,
        prequantize=False,
        toposimplify=SIMPLIFY_M,
        simplify_with="shapely",
        simplify_algorithm="dp",
        prevent_oversimplify=True,
    )
    simp = json.loads(topo.to_geojson())

    simplified = {}
    for f in simp["features"]:
        iso = f["properties"]["iso"]
        simplified[iso] = shape(f["geometry"])
    assert sorted(simplified) == sorted(clipped)

    allg = unary_union(list(simplified.values()))
    minx, miny, maxx, maxy = allg.bounds
    k = TARGET_WIDTH / (maxx - minx)
    width = round(TARGET_WIDTH + 2 * PAD)
    height = math.ceil((maxy - miny) * k + 2 * PAD)

    def xy(x, y):
        return [round((x - minx) * k + PAD, 1), round((maxy - y) * k + PAD, 1)]

    def ring_out(coords):
        out = []
        for x, y in coords:
            p = xy(x, y)
            if not out or out[-1] != p:
                out.append(p)
        if len(out) > 1 and out[0] == out[-1]:
            out.pop()  # implicit closure, as in an SVG path with Z
        return out

    regions_out = {}
    for iso in sorted(simplified):
        polys = []
        for p in polygons_of(simplified[iso]):
            rings = [ring_out(p.exterior.coords)] + [ring_out(r.coords) for r in p.interiors]
            rings = [r for r in rings if len(r) >= 3]
            if rings:
                polys.append(rings)
        regions_out[iso] = polys

    out = {
        "source": (
            "National Land Survey of Finland (Maanmittauslaitos), Division into administrative "
            "areas (vector) 1:4 500 000, 2023 edition, regions layer (maakunnat), as GeoJSON "
            "maakuntarajat.2023.json in https://github.com/samilaine/hallinnollisetrajat "
            "(commit 03f9203007160ef67177c8a5c6f3463cbf57af46); coastline clipped with Natural "
            "Earth 1:10m admin-0 Finland+Åland v4.1.0 from npm package world-atlas@2.0.2 "
            "(countries-10m.json)"
        ),
        "licence": (
            "CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/) for the NLS region data; "
            "Natural Earth coastline is public domain (https://www.naturalearthdata.com/about/terms-of-use/)"
        ),
        "attribution": (
            "Contains data from the National Land Survey of Finland Division into administrative "
            "areas (vector) 1:4 500 000 dataset, 2023, licensed under CC BY 4.0 "
            "(https://creativecommons.org/licenses/by/4.0/); coastline: Natural Earth (public "
            "domain). Simplified and reprojected."
        ),
        "projection": (
            "EPSG:3067 ETRS-TM35FIN (via pyproj), then uniformly scaled so the map is "
            f"{TARGET_WIDTH:.0f} px wide plus {PAD:.0f} px padding; x = (E - Emin)*s + pad, "
            f"y = (Nmax - N)*s + pad (y grows downward), s = {k:.6g} px/m. Regions clipped to "
            f"Natural Earth 10m Finland+Åland outline, islands < {MIN_ISLAND_KM2:.0f} km2 dropped (Åland keeps "
            f"pieces >= {ALAND_KEEP_KM2:.0f} km2), topology-preserving Douglas-Peucker "
            f"({SIMPLIFY_M:.0f} m) with the topojson package, coordinates rounded to 0.1 px."
        ),
        "width": width,
        "height": height,
        "regions": regions_out,
    }
    os.makedirs(args.out, exist_ok=True)
    out_path = os.path.join(args.out, "fi-regions.json")
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")

    # Quick visual check: check.svg with each region's code at its centroid.
    palette = [f"hsl({(i * 7 * 360 // 19) % 360},55%,{72 if i % 2 else 82}%)" for i in range(19)]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">',
             f'<rect width="{width}" height="{height}" fill="#eef4fa"/>']
    labels = []
    npts = 0
    for i, (iso, polys) in enumerate(regions_out.items()):
        d = []
        for rings in polys:
            for r in rings:
                npts += len(r)
                d.append("M" + "L".join(f"{x},{y}" for x, y in r) + "Z")
        parts.append(f'<path d="{"".join(d)}" fill="{palette[i % len(palette)]}" '
                     f'stroke="#333" stroke-width="0.6" fill-rule="evenodd"><title>{iso}</title></path>')
        shp = MultiPolygon([Polygon(rings[0], rings[1:]) for rings in polys])
        big = max(shp.geoms, key=lambda p: p.area)
        c = big.centroid if big.contains(big.centroid) else big.representative_point()
        labels.append(f'<text x="{c.x:.1f}" y="{c.y:.1f}" font-family="sans-serif" font-size="10" '
                      f'text-anchor="middle" dominant-baseline="middle">{iso}</text>')
    parts += labels + ["</svg>"]
    with open(os.path.join(args.out, "check.svg"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(parts) + "\n")

    size = os.path.getsize(out_path)
    print(f"wrote {out_path}: {size} bytes, {width}x{height}, {len(regions_out)} regions, "
          f"{sum(len(p) for p in regions_out.values())} polygons, {npts} points")


if __name__ == "__main__":
    main()
