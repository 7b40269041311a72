"""Build programme/map_data.json, the SVG outlines of Poland's 16 voivodeships, from Natural
Earth (public domain; docs/map-data.md says which files and where they came from).

Not used at run time and not imported by the app: run it by hand when the map is to be redrawn,
with shapely and pyshp installed (they are not the project's dependencies):

    pip install --target /tmp/mapenv shapely pyshp
    cd programme && PYTHONPATH=/tmp/mapenv python -P map_build.py COUNTRIES.shp ADMIN1_LINES.shp

(-P: the folder's own selectors.py must not shadow the standard library's.)

COUNTRIES.shp is a 1:10m admin-0 countries layer (polygons with an ISO_A2 field),
ADMIN1_LINES.shp the 1:10m admin-1 boundary lines. The lines inside Poland cut Poland's outline
into faces; each face is named by the voivodeship capital (or another town) that lies in it; a
face with no town in it (a sliver where two lines do not quite meet) joins the neighbour it
shares the longest edge with. The result is simplified, projected (equirectangular, scaled by the
cosine of 52°N, which keeps Poland's proportions) and written as one SVG path per voivodeship.
"""

import json
import math
import sys
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import LineString, Point, shape
from shapely.ops import nearest_points, polygonize, unary_union

# A town inside each voivodeship (lon, lat), well inland so the coast's detail cannot miss it.
TOWNS = {
    "dolnoslaskie": (17.04, 51.11),  # Wrocław
    "kujawsko-pomorskie": (18.30, 53.05),  # between Bydgoszcz and Toruń
    "lubelskie": (22.57, 51.25),  # Lublin
    "lubuskie": (15.40, 52.30),  # between Zielona Góra and Gorzów
    "lodzkie": (19.46, 51.76),  # Łódź
    "malopolskie": (19.94, 50.06),  # Kraków
    "mazowieckie": (21.01, 52.23),  # Warszawa
    "opolskie": (17.93, 50.67),  # Opole
    "podkarpackie": (22.00, 50.04),  # Rzeszów
    "podlaskie": (23.16, 53.13),  # Białystok
    "pomorskie": (17.98, 54.12),  # Kościerzyna
    "slaskie": (19.02, 50.26),  # Katowice
    "swietokrzyskie": (20.63, 50.87),  # Kielce
    "warminsko-mazurskie": (20.49, 53.78),  # Olsztyn
    "wielkopolskie": (16.93, 52.41),  # Poznań
    "zachodniopomorskie": (15.50, 53.60),  # Drawsko region
}
WIDTH = 600  # SVG user units; the height follows from Poland's proportions
SIMPLIFY_DEGREES = 0.012  # about 1 km: invisible at the map's size, keeps the file small
SNAP_DEGREES = 0.1  # about 7-11 km
COS_LAT = math.cos(math.radians(52))


def _poland(countries_path: str):
    reader = shapefile.Reader(countries_path)
    fields = [f[0] for f in reader.fields[1:]]
    for record, geometry in zip(reader.records(), reader.shapes(), strict=True):
        row = dict(zip(fields, record, strict=True))
        if row.get("ISO_A2") == "PL" or row.get("ADM0_A3") == "POL":
            return shape(geometry.__geo_interface__)
    raise SystemExit("Poland not found in the countries layer")


def _lines(lines_path: str, area):
    reader = shapefile.Reader(lines_path)
    minx, miny, maxx, maxy = area.bounds
    found = []
    for geometry in reader.shapes():
        if not getattr(geometry, "points", None):
            continue
        bx0, by0, bx1, by1 = geometry.bbox
        if bx1 < minx or bx0 > maxx or by1 < miny or by0 > maxy:
            continue
        line = shape(geometry.__geo_interface__)
        if line.intersects(area):
            found.append(line.intersection(area.buffer(0.001)))
    return found


def _parts(line):
    if isinstance(line, LineString):
        return [line]
    return [g for g in getattr(line, "geoms", []) if isinstance(g, LineString)]


def _faces(area, lines):
    boundary = area.boundary
    pieces = [boundary]
    for line in lines:
        for part in _parts(line):
            pieces.append(part)
            # The two layers were drawn apart: a line may stop short of the country's outline.
            # An end near the outline is joined to it, so the line really cuts.
            for end in (Point(part.coords[0]), Point(part.coords[-1])):
                if 0 < boundary.distance(end) < SNAP_DEGREES:
                    pieces.append(LineString([end, nearest_points(boundary, end)[0]]))
    faces = [f for f in polygonize(unary_union(pieces)) if area.contains(f.representative_point())]
    return faces


def build(countries_path: str, lines_path: str) -> dict:
    area = _poland(countries_path)
    faces = _faces(area, _lines(lines_path, area))
    named: dict[str, list] = {code: [] for code in TOWNS}
    orphans = []
    for face in faces:
        owner = next((c for c, (x, y) in TOWNS.items() if face.contains(Point(x, y))), None)
        (named[owner] if owner else orphans).append(face)
    missing = [c for c, f in named.items() if not f]
    if missing:
        raise SystemExit(f"no face for: {missing}")
    regions = {code: unary_union(parts) for code, parts in named.items()}
    for face in orphans:  # slivers: to the neighbour with the longest shared edge
        best = max(regions, key=lambda c: face.boundary.intersection(regions[c].boundary).length)
        regions[best] = unary_union([regions[best], face])

    minx, miny, maxx, maxy = area.bounds
    scale = WIDTH / ((maxx - minx) * COS_LAT)
    height = round((maxy - miny) * scale, 1)

    def project(x, y):
        return round((x - minx) * COS_LAT * scale, 1), round((maxy - y) * scale, 1)

    def ring(coords):
        points = [project(x, y) for x, y in coords]
        return "M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z"

    out = {"width": WIDTH, "height": height, "regions": {}}
    for code, region in regions.items():
        region = region.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        polygons = getattr(region, "geoms", [region])
        # Islets under ~4 km² add nothing at this size.
        polygons = [p for p in polygons if p.area > 0.0005] or list(polygons)
        d = "".join(ring(p.exterior.coords) for p in polygons)
        label = project(*TOWNS[code])
        centre = region.representative_point()
        out["regions"][code] = {"d": d, "label": list(project(centre.x, centre.y)), "town": label}
    return out


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    data = build(argv[1], argv[2])
    target = Path(__file__).with_name("map_data.json")
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: {len(data['regions'])} regions, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv)
