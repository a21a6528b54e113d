"""The table municipality -> COROP area -> landsdeel, for "which landsdeel am I in?".

Each of the 344 municipalities of 2022 (``data/nl-municipalities-2022.geojson``) is given the
COROP area of 2024 (``data/nl-corop-2024.topojson``, the areas the map is made of) that covers
most of its area, and through ``geo.LANDSDEEL_OF_COROP`` the landsdeel. Both files are in RD New
metres, so the shapes are compared directly; shapely (build time only, the ``map`` dependency
group) does the polygon overlay. The two files are generalised differently, so no municipality
lies wholly inside one area: the largest share is about 90% at the least (Ameland, where the
coastlines differ), the runner-up at most 8%. The build refuses to write a table where that
margin is gone.

The table also carries the other names visitors type (``names.py``), every one of them marked as
the editors' own knowledge rather than CBS data. The site reads the result,
``regions/data/municipalities.json``, through ``regions/municipalities.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import Polygon, shape

from . import geo, names

MUNICIPALITY_FILE = geo.DATA_DIR / "nl-municipalities-2022.geojson"
TABLE = Path("regions") / "data" / "municipalities.json"
#: The year of the municipal layout in the source file (April 2022).
LAYOUT_YEAR = 2022
#: A municipality whose largest COROP share is below this is a sign of broken input.
MIN_SHARE = 0.8

SOURCE = (
    "Municipalities: CBS gebiedsindelingen, layout of April 2022 (cbs_gemeente_2022_"
    "gegeneraliseerd, via kiesraad/electionmaps). COROP areas: CBS Gebiedsindelingen 2024 via "
    "PDOK (simplified by cartomap/nl). © Kadaster / Centraal Bureau voor de Statistiek (CBS), "
    "CC BY 4.0. COROP area = the one with the largest overlap (built by tools/landsdelen_map)."
)
OWN_KNOWLEDGE = "own knowledge"


def corop_shapes() -> dict[str, shapely.Geometry]:
    """Each COROP area (CBS code) as a valid shapely (multi)polygon."""
    topology = geo.load_topology(geo.COROP_FILE)
    arcs = geo.decode_arcs(topology)
    result = {}
    for code, geometry in geo.geometries(topology, geo.COROP_OBJECT).items():
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        parts = [
            shapely.make_valid(
                Polygon(
                    geo.ring_points(arcs, rings[0]),
                    [geo.ring_points(arcs, ring) for ring in rings[1:]],
                )
            )
            for rings in polygons
        ]
        result[code] = shapely.union_all(parts)
    return result


def municipality_features() -> list[dict]:
    with open(MUNICIPALITY_FILE, encoding="utf-8") as f:
        return json.load(f)["features"]


def cbs_code(regiocode: str) -> str:
    """The file writes ``G0518``; CBS writes the municipality code ``GM0518``."""
    if not (regiocode.startswith("G") and regiocode[1:].isdigit() and len(regiocode) == 5):
        raise ValueError(f"unexpected municipality code {regiocode!r}")
    return "GM" + regiocode[1:]


def largest_overlaps() -> list[dict]:
    """Each municipality with its COROP area of largest overlap and that share of its area."""
    corop = corop_shapes()
    codes = sorted(corop)
    tree = shapely.STRtree([corop[code] for code in codes])
    rows = []
    for feature in municipality_features():
        area = shapely.make_valid(shape(feature["geometry"]))
        overlaps = sorted(
            (
                (shapely.area(shapely.intersection(area, corop[codes[i]])), codes[i])
                for i in tree.query(area)
            ),
            reverse=True,
        )
        (best, best_code), *rest = overlaps
        code = cbs_code(feature["properties"]["regiocode"])
        rows.append(
            {
                "code": code,
                "name": names.OFFICIAL_NAME.get(code, feature["properties"]["name"]),
                "name_in_source": feature["properties"]["name"],
                "corop": best_code,
                "share": best / area.area,
                "runner_up": rest[0][0] / area.area if rest else 0.0,
            }
        )
    return rows


def build_table() -> dict:
    """The table the site reads: municipalities by CBS code, and the other names."""
    municipalities = []
    for row in sorted(largest_overlaps(), key=lambda r: r["code"]):
        if row["share"] < MIN_SHARE or row["runner_up"] >= row["share"] / 2:
            raise ValueError(f"{row['name']}: no clear COROP area ({row})")
        entry = {
            "code": row["code"],
            "name": row["name"],
            "corop": row["corop"],
            "landsdeel": geo.LANDSDEEL_OF_COROP[row["corop"]],
        }
        if row["name"] != row["name_in_source"]:
            entry["name_in_source"] = row["name_in_source"]
            entry["name_source"] = OWN_KNOWLEDGE
        municipalities.append(entry)

    by_name = {m["name"]: m["code"] for m in municipalities}
    if len(by_name) != len(municipalities):
        raise ValueError("two municipalities share a name")
    other_names = []
    for other in names.OTHER_NAMES:
        unknown = [n for n in other.municipalities if n not in by_name]
        if unknown or other.kind not in names.KINDS:
            raise ValueError(f"{other}: unknown municipality {unknown} or kind")
        entry = {
            "name": other.name,
            "kind": other.kind,
            "municipalities": [by_name[n] for n in other.municipalities],
        }
        if other.year is not None:
            entry["year"] = other.year
        entry["source"] = OWN_KNOWLEDGE
        other_names.append(entry)
    return {
        "layout_year": LAYOUT_YEAR,
        "source": SOURCE,
        "municipalities": municipalities,
        "names": other_names,
    }


def render_table(table: dict | None = None) -> str:
    """The JSON text, one municipality or name to a line so that changes read well in a diff."""
    table = table or build_table()

    def line(item: dict) -> str:
        return json.dumps(item, ensure_ascii=False)

    head = {k: v for k, v in table.items() if k not in {"municipalities", "names"}}
    parts = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()]
    for key in ("municipalities", "names"):
        items = ",\n".join(f"    {line(item)}" for item in table[key])
        parts.append(f'  "{key}": [\n{items}\n  ]')
    return "{\n" + ",\n".join(parts) + "\n}\n"
