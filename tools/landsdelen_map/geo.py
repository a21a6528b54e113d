"""Build the SVG map of the five landsdelen from the CBS COROP boundaries.

Pure Python, no geo library. The input is TopoJSON (see ``data/README.md`` beside this file):

1. decode the quantized, delta-encoded arcs into RD metres (EPSG:28992);
2. cut the COROP rings into arcs anew, so that every border between two areas is one arc used
   by both (the source stores many borders twice), and fill the few sliver gaps between areas;
3. simplify every arc once with Douglas–Peucker, so two neighbouring landsdelen that share an
   arc get exactly the same simplified points and meet without gaps;
4. merge the COROP areas of each landsdeel: an arc used by two areas of the same landsdeel (once
   each way) is an internal border and is dropped; the remaining arcs are stitched into rings;
5. project into an SVG viewBox by flipping y (RD y grows northwards) and scaling, rounding to
   one decimal.

Province borders are drawn as thin lines over the landsdelen. They are taken from the same COROP
topology (arcs whose two sides lie in different provinces), not from the separately simplified
provinces file, whose vertices do not all coincide with the COROP ones: this keeps every province
line exactly on top of the landsdeel edges. ``corop_provinces_from_file`` checks the
``PROVINCE_OF_COROP`` table against the provinces file (the tests call it).

``python -m tools.landsdelen_map`` (``make map``) renders :func:`render_fragment` into
``templates/includes/landsdelen_map.svg.html``. This code runs only at build time: it is not part
of the site's runtime package and stays out of the Docker image.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
COROP_FILE = DATA_DIR / "nl-corop-2024.topojson"
COROP_OBJECT = "coropgebied_2024"
PROVINCE_FILE = DATA_DIR / "nl-provinces-2024.topojson"
PROVINCE_OBJECT = "provincie_2024"

#: The five landsdelen by their stable code (``Landsdeel.code``), in drawing (and tab) order.
LANDSDELEN = ("noord", "noordwest", "oost", "zuidwest", "zuidoost")


def _codes(first: int, last: int) -> list[str]:
    return [f"CR{n:02d}" for n in range(first, last + 1)]


#: Which landsdeel each of the 40 COROP areas (CBS 2024) belongs to.
LANDSDEEL_OF_COROP: dict[str, str] = {
    # Groningen, Fryslân, Drenthe
    **dict.fromkeys(_codes(1, 9), "noord"),
    # Overijssel, Gelderland
    **dict.fromkeys(_codes(10, 16), "oost"),
    # Utrecht
    "CR17": "noordwest",
    # Noord-Holland
    **dict.fromkeys(_codes(18, 24), "noordwest"),
    # Zuid-Holland
    **dict.fromkeys(_codes(25, 30), "zuidwest"),
    # Zeeland
    **dict.fromkeys(_codes(31, 32), "zuidwest"),
    # West-Brabant (West-Noord-Brabant)
    "CR33": "zuidwest",
    # The rest of Noord-Brabant
    **dict.fromkeys(_codes(34, 36), "zuidoost"),
    # Limburg
    **dict.fromkeys(_codes(37, 39), "zuidoost"),
    # Flevoland
    "CR40": "noordwest",
}

#: The province (CBS code) of each COROP area, as listed in the data README.
PROVINCE_OF_COROP: dict[str, str] = {
    **dict.fromkeys(_codes(1, 3), "PV20"),  # Groningen
    **dict.fromkeys(_codes(4, 6), "PV21"),  # Fryslân
    **dict.fromkeys(_codes(7, 9), "PV22"),  # Drenthe
    **dict.fromkeys(_codes(10, 12), "PV23"),  # Overijssel
    **dict.fromkeys(_codes(13, 16), "PV25"),  # Gelderland
    "CR17": "PV26",  # Utrecht
    **dict.fromkeys(_codes(18, 24), "PV27"),  # Noord-Holland
    **dict.fromkeys(_codes(25, 30), "PV28"),  # Zuid-Holland
    **dict.fromkeys(_codes(31, 32), "PV29"),  # Zeeland
    **dict.fromkeys(_codes(33, 36), "PV30"),  # Noord-Brabant
    **dict.fromkeys(_codes(37, 39), "PV31"),  # Limburg
    "CR40": "PV24",  # Flevoland
}

#: Attribution the licence (CC BY 4.0) asks for on every page that shows the map.
ATTRIBUTION = {
    "nl": (
        "Grenzen: © Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024 — "
        "CBS Gebiedsindelingen via PDOK, CC BY 4.0; vereenvoudigd door cartomap/nl."
    ),
    "en": (
        "Boundaries: © Kadaster / Statistics Netherlands (CBS), 2024 — "
        "CBS Gebiedsindelingen via PDOK, CC BY 4.0; simplified by cartomap/nl."
    ),
}

#: Douglas–Peucker tolerance in metres: about one unit of the default viewBox (500 wide, ~540 m).
DEFAULT_TOLERANCE = 500.0
#: Width of the SVG viewBox; the height follows from the country's shape.
DEFAULT_WIDTH = 500
#: Room around the country inside the viewBox, for strokes and focus rings.
PADDING = 6
#: Islands (rings that touch no other area) smaller than this, in viewBox units², are left out.
MIN_ISLAND_AREA = 3.0
#: Holes in the union of all COROP areas smaller than this (m²) are slivers between areas, not
#: water: the smallest real one (a piece of the Veluwe lakes) is 4.7 km², the largest sliver 0.5.
SLIVER_MAX_AREA = 2_000_000.0

Point = tuple[float, float]


# --- TopoJSON --------------------------------------------------------------------------------


@cache
def load_topology(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute coordinates of every arc: undo the delta encoding, then apply the transform."""
    transform = topology.get("transform")
    if transform:
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    else:  # not quantized: the arcs already hold absolute positions
        return [[(x, y) for x, y, *_ in arc] for arc in topology["arcs"]]
    arcs = []
    for arc in topology["arcs"]:
        qx = qy = 0
        points = []
        for dx, dy, *_ in arc:
            qx += dx
            qy += dy
            points.append((qx * sx + tx, qy * sy + ty))
        arcs.append(points)
    return arcs


def arc_index(ref: int) -> int:
    """The arc a reference points at: ``~i`` (a negative number) is arc ``i`` reversed."""
    return ref if ref >= 0 else ~ref


def directed_arc(arcs: list[list[Point]], ref: int) -> list[Point]:
    points = arcs[arc_index(ref)]
    return points if ref >= 0 else points[::-1]


def geometry_rings(geometry: dict) -> list[list[int]]:
    """All rings (lists of arc references) of a Polygon or MultiPolygon, holes included."""
    if geometry["type"] == "Polygon":
        return [list(ring) for ring in geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return [list(ring) for polygon in geometry["arcs"] for ring in polygon]
    return []


def geometries(topology: dict, name: str) -> dict[str, dict]:
    """The object's geometries by ``id`` (the CBS code, e.g. CR01 or PV20)."""
    return {g["id"]: g for g in topology["objects"][name]["geometries"]}


# --- Rebuilding a clean topology ------------------------------------------------------------


def build_topology(
    area_rings: dict[str, list[list[Point]]],
) -> tuple[list[list[Point]], dict[str, list[list[int]]]]:
    """Cut the rings of all areas into arcs that neighbouring areas really share.

    The source files share arcs only in part: many borders between two COROP areas are stored
    twice, once for each side, as separate arcs with the same points. Merging areas by arc index
    would then leave those borders in place. So the rings are cut anew, the way TopoJSON does it:
    at every junction (a point with other than two neighbouring points, or where the areas on
    either side change), and identical pieces, in either direction, become one arc.

    Returns the arcs and, for each area, its rings as lists of arc references (``~i`` reversed).
    """
    neighbours: dict[Point, set[Point]] = {}
    sides: dict[tuple[Point, Point], list[str]] = {}
    for code, rings in area_rings.items():
        for ring in rings:
            n = len(ring)
            for i in range(n):
                p, q = ring[i], ring[(i + 1) % n]
                neighbours.setdefault(p, set()).add(q)
                neighbours.setdefault(q, set()).add(p)
                sides.setdefault((min(p, q), max(p, q)), []).append(code)

    def segment_sides(p: Point, q: Point) -> list[str]:
        return sorted(sides[(min(p, q), max(p, q))])

    def is_junction(p: Point) -> bool:
        around = neighbours[p]
        if len(around) != 2:
            return True
        a, b = around
        return segment_sides(a, p) != segment_sides(p, b)

    arcs: list[list[Point]] = []
    index: dict[tuple[Point, ...], int] = {}

    def arc_ref(piece: list[Point]) -> int:
        key = tuple(piece)
        if key in index:
            return index[key]
        if key[::-1] in index:
            return ~index[key[::-1]]
        index[key] = len(arcs)
        arcs.append(piece)
        return index[key]

    result: dict[str, list[list[int]]] = {}
    for code, rings in area_rings.items():
        result[code] = []
        for ring in rings:
            cuts = [i for i, p in enumerate(ring) if is_junction(p)]
            if not cuts:
                # A ring that touches nothing else: one closed arc starting at its lowest point.
                k = ring.index(min(ring))
                result[code].append([arc_ref(ring[k:] + ring[:k] + [ring[k]])])
                continue
            rotated = ring[cuts[0] :] + ring[: cuts[0]]
            starts = [i - cuts[0] for i in cuts] + [len(ring)]
            closed = rotated + [rotated[0]]
            result[code].append(
                [arc_ref(closed[a : b + 1]) for a, b in zip(starts, starts[1:], strict=False)]
            )
    return arcs, result


def area_point_rings(topology: dict, name: str) -> dict[str, list[list[Point]]]:
    """Each area's rings as point lists (not closed, no repeated points), by CBS code."""
    arcs = decode_arcs(topology)
    result = {}
    for code, geometry in geometries(topology, name).items():
        rings = []
        for ring in geometry_rings(geometry):
            points = ring_points(arcs, ring)
            cleaned = [p for i, p in enumerate(points) if p != points[i - 1]] if points else []
            if len(cleaned) >= 3:
                rings.append(cleaned)
        result[code] = rings
    return result


# --- Merging and stitching -------------------------------------------------------------------


def outer_arc_refs(ring_sets: list[list[int]]) -> list[int]:
    """Arc references of the merged outline of several areas.

    An arc that appears once forwards and once reversed separates two of the areas and cancels
    out; everything else is part of the outline.
    """
    refs = [ref for ring in ring_sets for ref in ring]
    forward: dict[int, int] = {}
    backward: dict[int, int] = {}
    for ref in refs:
        counts = forward if ref >= 0 else backward
        counts[arc_index(ref)] = counts.get(arc_index(ref), 0) + 1
    # How many forward/backward pairs of each arc cancel out; skip that many of each direction.
    to_skip = {i: min(n, backward.get(i, 0)) for i, n in forward.items()}
    skip_forward = dict(to_skip)
    skip_backward = dict(to_skip)
    kept = []
    for ref in refs:
        skip = skip_forward if ref >= 0 else skip_backward
        if skip.get(arc_index(ref), 0) > 0:
            skip[arc_index(ref)] -= 1
            continue
        kept.append(ref)
    return kept


def stitch(arcs: list[list[Point]], refs: list[int]) -> list[list[int]]:
    """Join directed arcs end to start into closed rings of arc references."""
    by_start: dict[Point, list[int]] = {}
    for ref in refs:
        by_start.setdefault(directed_arc(arcs, ref)[0], []).append(ref)
    used: set[int] = set()
    rings = []
    for first in refs:
        if first in used:
            continue
        ring = [first]
        used.add(first)
        start = directed_arc(arcs, first)[0]
        end = directed_arc(arcs, first)[-1]
        while end != start:
            candidates = [r for r in by_start.get(end, []) if r not in used]
            if not candidates:
                raise ValueError(f"cannot close ring starting with arc {first}: open end at {end}")
            ref = candidates[0]
            used.add(ref)
            ring.append(ref)
            end = directed_arc(arcs, ref)[-1]
        rings.append(ring)
    return rings


def chain_lines(arcs: list[list[Point]], indices: list[int]) -> list[list[Point]]:
    """Join undirected arcs into as few polylines as possible (for the province borders)."""
    degree: dict[Point, int] = {}
    for i in indices:
        for p in (arcs[i][0], arcs[i][-1]):
            degree[p] = degree.get(p, 0) + 1
    remaining = list(indices)
    lines = []
    while remaining:
        line = list(arcs[remaining.pop(0)])
        extended = True
        while extended and line[0] != line[-1]:
            extended = False
            for end_first in (False, True):
                tip = line[0] if end_first else line[-1]
                if degree[tip] != 2:
                    continue
                for i in remaining:
                    pts = arcs[i]
                    if tip in (pts[0], pts[-1]):
                        remaining.remove(i)
                        if end_first:
                            pts = pts if pts[-1] == tip else pts[::-1]
                            line = pts[:-1] + line
                        else:
                            pts = pts if pts[0] == tip else pts[::-1]
                            line = line + pts[1:]
                        extended = True
                        break
        lines.append(line)
    return lines


def fill_slivers(
    arcs: list[list[Point]], area_rings: dict[str, list[list[int]]], max_area: float
) -> dict[str, list[list[int]]]:
    """Give each sliver gap between areas to the neighbour that shares most of its edge.

    The source areas do not tile perfectly: here and there a thin gap is left between two or
    three of them. A gap is a hole in the union of all areas (smaller than ``max_area`` m²; real
    water such as the Markermeer is far larger). Added to one neighbouring area, it no longer
    shows as a white crack between two landsdelen.
    """
    users: dict[int, list[str]] = {}
    for code, rings in area_rings.items():
        for ring in rings:
            for ref in ring:
                users.setdefault(arc_index(ref), []).append(code)
    everything = [ring for rings in area_rings.values() for ring in rings]
    result = {code: list(rings) for code, rings in area_rings.items()}
    for ring in stitch(arcs, outer_arc_refs(everything)):
        points = ring_points(arcs, ring)
        # Outer rings run clockwise (negative area, y north-up); holes counter-clockwise.
        if not 0 < ring_area(points) < max_area:
            continue
        shared: dict[str, float] = {}
        for ref in ring:
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(arcs[arc_index(ref)]))
            for code in users[arc_index(ref)]:
                shared[code] = shared.get(code, 0.0) + length
        owner = max(sorted(shared), key=lambda code: shared[code])
        result[owner].append([~ref for ref in reversed(ring)])
    return result


# --- Simplification --------------------------------------------------------------------------


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker simplification that always keeps both end points.

    A closed arc (first point == last point) is split at the point farthest from its start, so
    a small island keeps a shape rather than collapsing to one point.
    """
    if len(points) <= 2:
        return list(points)
    if points[0] == points[-1]:
        far = max(range(1, len(points) - 1), key=lambda i: math.dist(points[0], points[i]))
        first = douglas_peucker(points[: far + 1], tolerance)
        second = douglas_peucker(points[far:], tolerance)
        return first + second[1:]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, best_i = -1.0, -1
        for i in range(lo + 1, hi):
            d = _segment_distance(points[i], points[lo], points[hi])
            if d > best:
                best, best_i = d, i
        if best > tolerance:
            keep[best_i] = True
            stack.append((lo, best_i))
            stack.append((best_i, hi))
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_points(arcs: list[list[Point]], ring: list[int]) -> list[Point]:
    """The points of a ring of arc references, without repeating the joints or the start."""
    points: list[Point] = []
    for ref in ring:
        pts = directed_arc(arcs, ref)
        points.extend(pts if not points else pts[1:])
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def ring_area(points: list[Point]) -> float:
    """Signed area (shoelace formula)."""
    n = len(points)
    return 0.5 * sum(
        points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1]
        for i in range(n)
    )


def point_in_rings(point: Point, rings: list[list[Point]]) -> bool:
    """Even–odd test of a point against a set of rings (outer rings and holes alike)."""
    x, y = point
    inside = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def interior_point(rings: list[list[Point]]) -> Point:
    """A point inside an area: middle of the widest scan-line span through its largest ring."""
    largest = max(rings, key=lambda r: abs(ring_area(r)))
    ys = [p[1] for p in largest]
    best: tuple[float, Point] = (-1.0, largest[0])
    for k in range(1, 8):
        y = min(ys) + (max(ys) - min(ys)) * k / 8 + 0.5  # +0.5 m: never exactly on a vertex
        xs = []
        for ring in rings:
            n = len(ring)
            for i in range(n):
                (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
                if (y1 > y) != (y2 > y):
                    xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        for a, b in zip(xs[::2], xs[1::2], strict=False):
            if b - a > best[0]:
                best = (b - a, ((a + b) / 2, y))
    return best[1]


# --- Projection and path data ----------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """RD metres to viewBox units: y flipped (north at the top), uniform scale, 1 decimal."""

    min_x: float
    max_y: float
    scale: float
    padding: float

    def tenths(self, point: Point) -> tuple[int, int]:
        """The projected point in tenths of a viewBox unit (integers, so deltas are exact)."""
        x, y = point
        return (
            round(((x - self.min_x) * self.scale + self.padding) * 10),
            round(((self.max_y - y) * self.scale + self.padding) * 10),
        )


def _number(tenths: int) -> str:
    sign = "-" if tenths < 0 else ""
    whole, frac = divmod(abs(tenths), 10)
    if frac == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{frac}" if whole else f"{sign}.{frac}"


def _pair(dx: int, dy: int) -> str:
    x, y = _number(dx), _number(dy)
    return f"{x}{y}" if y.startswith("-") else f"{x} {y}"


def path_data(lines: list[list[Point]], projection: Projection, closed: bool) -> str:
    """SVG path data: absolute ``M`` per subpath, then relative line-tos (``l``)."""
    parts = []
    for line in lines:
        projected: list[tuple[int, int]] = []
        for p in line:
            q = projection.tenths(p)
            if not projected or q != projected[-1]:
                projected.append(q)
        if closed and len(projected) > 1 and projected[0] == projected[-1]:
            projected.pop()
        if len(projected) < 2:
            continue
        (x0, y0), rest = projected[0], projected[1:]
        steps = []
        prev = projected[0]
        for q in rest:
            steps.append(_pair(q[0] - prev[0], q[1] - prev[1]))
            prev = q
        parts.append(
            f"M{_number(x0)} {_number(y0)}l"
            + " ".join(steps).replace(" -", "-")
            + ("z" if closed else "")
        )
    return "".join(parts)


# --- The map ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LandsdelenMap:
    width: int
    height: int
    #: landsdeel code → SVG path data of the merged landsdeel.
    regions: dict[str, str]
    #: SVG path data of the borders between provinces (no coastline, no national border).
    province_borders: str


@dataclass(frozen=True)
class MergedLandsdelen:
    #: Simplified arcs (RD metres), shared by every area along them.
    arcs: list[list[Point]]
    #: Arc index → the COROP areas whose rings use it (twice the same code: a spike or a
    #: filled sliver inside one area).
    users: dict[int, list[str]]
    #: Landsdeel code → rings (lists of arc references) of its merged outline, holes included.
    outlines: dict[str, list[list[int]]]


def merge_landsdelen(
    tolerance: float = DEFAULT_TOLERANCE, corop_file: Path = COROP_FILE
) -> MergedLandsdelen:
    """Merge the COROP areas into the five landsdelen, on one shared, simplified topology."""
    topology = load_topology(corop_file)
    areas = geometries(topology, COROP_OBJECT)
    if set(LANDSDEEL_OF_COROP) != set(areas):
        difference = sorted(set(LANDSDEEL_OF_COROP) ^ set(areas))
        raise ValueError(f"COROP codes in the data and in LANDSDEEL_OF_COROP differ: {difference}")

    clean_arcs, area_rings = build_topology(area_point_rings(topology, COROP_OBJECT))
    area_rings = fill_slivers(clean_arcs, area_rings, SLIVER_MAX_AREA)
    # Each arc is simplified once, so both areas along a shared border get the same points.
    arcs = [douglas_peucker(points, tolerance) for points in clean_arcs]

    # Which areas use each arc: an arc used by one area only is coast or national border.
    users: dict[int, list[str]] = {}
    for code in sorted(area_rings):
        for ring in area_rings[code]:
            for ref in ring:
                users.setdefault(arc_index(ref), []).append(code)

    outlines: dict[str, list[list[int]]] = {}
    for landsdeel in LANDSDELEN:
        rings = [
            ring
            for code in sorted(area_rings)
            if LANDSDEEL_OF_COROP[code] == landsdeel
            for ring in area_rings[code]
        ]
        outlines[landsdeel] = stitch(arcs, outer_arc_refs(rings))
    return MergedLandsdelen(arcs=arcs, users=users, outlines=outlines)


def build_map(
    tolerance: float = DEFAULT_TOLERANCE,
    width: int = DEFAULT_WIDTH,
    corop_file: Path = COROP_FILE,
) -> LandsdelenMap:
    """Project the merged landsdelen and the province borders into an SVG viewBox."""
    merged_landsdelen = merge_landsdelen(tolerance, corop_file)
    arcs, users = merged_landsdelen.arcs, merged_landsdelen.users
    merged = merged_landsdelen.outlines

    # Fit the country into the viewBox.
    points = [p for rings in merged.values() for ring in rings for p in ring_points(arcs, ring)]
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    scale = (width - 2 * PADDING) / (max_x - min_x)
    projection = Projection(min_x=min_x, max_y=max_y, scale=scale, padding=PADDING)
    height = math.ceil((max_y - min_y) * scale + 2 * PADDING)

    regions = {}
    for landsdeel, rings in merged.items():
        kept = []
        for ring in rings:
            pts = ring_points(arcs, ring)
            isolated = all(len(users[arc_index(ref)]) == 1 for ref in ring)
            if isolated and abs(ring_area(pts)) * scale * scale < MIN_ISLAND_AREA:
                continue
            kept.append(pts)
        regions[landsdeel] = path_data(kept, projection, closed=True)

    border_arcs = sorted(
        i
        for i, codes in users.items()
        if len(codes) == 2 and PROVINCE_OF_COROP[codes[0]] != PROVINCE_OF_COROP[codes[1]]
    )
    province_borders = path_data(chain_lines(arcs, border_arcs), projection, closed=False)
    return LandsdelenMap(
        width=width, height=height, regions=regions, province_borders=province_borders
    )


def corop_provinces_from_file() -> dict[str, str]:
    """The province of each COROP area, found by testing an interior point of each COROP area
    against the province shapes in the provinces file."""
    corop = load_topology(COROP_FILE)
    corop_arcs = decode_arcs(corop)
    provinces = load_topology(PROVINCE_FILE)
    province_arcs = decode_arcs(provinces)
    province_rings = {
        code: [ring_points(province_arcs, ring) for ring in geometry_rings(geometry)]
        for code, geometry in geometries(provinces, PROVINCE_OBJECT).items()
    }
    result = {}
    for code, geometry in geometries(corop, COROP_OBJECT).items():
        rings = [ring_points(corop_arcs, ring) for ring in geometry_rings(geometry)]
        point = interior_point(rings)
        matches = [pv for pv, pv_rings in province_rings.items() if point_in_rings(point, pv_rings)]
        result[code] = matches[0] if len(matches) == 1 else ",".join(matches)
    return result


# --- The template fragment -------------------------------------------------------------------

FRAGMENT_HEADER = (
    "{# Generated by `make map` (tools/landsdelen_map) from tools/landsdelen_map/data/. "
    "Do not edit by hand. #}\n"
    "{# Context: map_title (str); map_regions: landsdeel code -> "
    "{url, name, current, highlighted}. "
    "Styled by static/css/site.css; no inline styles (CSP). #}\n"
)


def render_fragment(landsdelen_map: LandsdelenMap | None = None) -> str:
    """The Django template fragment ``templates/includes/landsdelen_map.svg.html``.

    Layers, bottom to top: the five landsdeel links (filled shapes), the province borders, and
    an outline of each landsdeel (a ``<use>`` of its shape) that the CSS strokes on hover, focus,
    for the current landsdeel (its own page) and for a highlighted one (the landsdeel of the
    municipality a visitor asked for), so the highlight is never half hidden under a neighbour.
    """
    m = landsdelen_map or build_map()
    lines = [
        FRAGMENT_HEADER.rstrip("\n"),
        f'<svg xmlns="http://www.w3.org/2000/svg" class="landsdelen-map" '
        f'viewBox="0 0 {m.width} {m.height}" width="{m.width}" height="{m.height}" '
        f'aria-labelledby="landsdelen-map-title">',
        '<title id="landsdelen-map-title">{{ map_title }}</title>',
    ]
    for landsdeel in LANDSDELEN:
        lines += [
            f"{{% with r=map_regions.{landsdeel} %}}",
            f'<a href="{{{{ r.url }}}}" class="map-region map-region--{landsdeel}'
            f"{{% if r.current %}} is-current{{% endif %}}"
            f'{{% if r.highlighted %}} is-highlighted{{% endif %}}" data-code="{landsdeel}" '
            f'aria-label="{{{{ r.name }}}}"{{% if r.current %}} aria-current="page"{{% endif %}}>',
            "<title>{{ r.name }}</title>",
            f'<path id="landsdelen-map-{landsdeel}" d="{m.regions[landsdeel]}"/>',
            "</a>",
            "{% endwith %}",
        ]
    lines += [
        '<g class="map-provinces" aria-hidden="true">',
        f'<path class="map-province-borders" d="{m.province_borders}"/>',
        "</g>",
        '<g class="map-outlines" aria-hidden="true">',
    ]
    lines += [
        f'<use href="#landsdelen-map-{landsdeel}" class="map-outline map-outline--{landsdeel}'
        f"{{% if map_regions.{landsdeel}.current %}} is-current{{% endif %}}"
        f'{{% if map_regions.{landsdeel}.highlighted %}} is-highlighted{{% endif %}}"/>'
        for landsdeel in LANDSDELEN
    ]
    lines += ["</g>", "</svg>"]
    return "\n".join(lines) + "\n"
