"""The generated map of the five landsdelen (tools/landsdelen_map, `make map`).

None of these tests touch the database.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import Context, Engine

from tools.landsdelen_map import build, geo, municipalities

CODES = {"noord", "oost", "zuidoost", "zuidwest", "noordwest"}
ALL_COROP = {f"CR{n:02d}" for n in range(1, 41)}


@pytest.fixture(scope="module")
def fragment():
    return (build.ROOT / build.FRAGMENT).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def merged():
    return geo.merge_landsdelen()


def corop_codes_in_data():
    topology = geo.load_topology(geo.COROP_FILE)
    return {
        g["properties"]["statcode"] for g in topology["objects"][geo.COROP_OBJECT]["geometries"]
    }


# --- The COROP → landsdeel table ---------------------------------------------------------------


def test_every_corop_area_belongs_to_exactly_one_landsdeel():
    assert corop_codes_in_data() == ALL_COROP
    assert set(geo.LANDSDEEL_OF_COROP) == ALL_COROP  # a dict: one landsdeel per code
    assert set(geo.LANDSDEEL_OF_COROP.values()) == CODES
    assert set(geo.LANDSDELEN) == CODES and len(geo.LANDSDELEN) == 5


def test_each_landsdeel_has_at_least_one_area():
    for code in CODES:
        assert [c for c, s in geo.LANDSDEEL_OF_COROP.items() if s == code], code


def test_brabant_is_split_between_zuidwest_and_zuidoost():
    assert geo.LANDSDEEL_OF_COROP["CR33"] == "zuidwest"  # West-Noord-Brabant
    for code in ("CR34", "CR35", "CR36"):
        assert geo.LANDSDEEL_OF_COROP[code] == "zuidoost"


@pytest.mark.parametrize(
    ("codes", "code"),
    [
        (range(1, 10), "noord"),
        (range(10, 17), "oost"),
        ([17, *range(18, 25), 40], "noordwest"),
        ([*range(25, 33), 33], "zuidwest"),
        (range(34, 40), "zuidoost"),
    ],
)
def test_landsdeel_membership(codes, code):
    assert {geo.LANDSDEEL_OF_COROP[f"CR{n:02d}"] for n in codes} == {code}


def test_province_table_matches_the_provinces_file():
    """PROVINCE_OF_COROP (used for the province borders) agrees with the provinces' shapes."""
    assert geo.corop_provinces_from_file() == geo.PROVINCE_OF_COROP


# --- The geometry ------------------------------------------------------------------------------


def test_decode_arcs_undoes_delta_encoding_and_transform():
    arcs = geo.decode_arcs(geo.load_topology(geo.COROP_FILE))
    # The README's worked example: the first arc of the COROP file.
    assert arcs[0][:2] == [(264739, 586762), (265104, 587165)]


def test_landsdelen_meet_without_gaps(merged):
    """Every border between two landsdelen is one shared arc, used once by each side."""
    outline_refs = {
        code: [r for ring in rings for r in ring] for code, rings in merged.outlines.items()
    }
    used_by: dict[int, list[tuple[str, int]]] = {}
    for code, refs in outline_refs.items():
        for ref in refs:
            used_by.setdefault(geo.arc_index(ref), []).append((code, ref))
    for index, uses in used_by.items():
        areas = merged.users[index]
        if len(areas) == 1:  # coast or national border
            assert len(uses) == 1
            continue
        # Shared by two areas: they lie in different landsdelen, each showing it once, and in
        # opposite directions.
        assert len(areas) == 2
        assert {s for s, _ in uses} == {geo.LANDSDEEL_OF_COROP[c] for c in areas}
        assert len(uses) == 2 and (uses[0][1] >= 0) != (uses[1][1] >= 0)


def test_each_landsdeel_is_one_main_piece(merged):
    """Each landsdeel is contiguous: one large outer ring, the rest islands or small pieces."""
    for code, rings in merged.outlines.items():
        areas = sorted(
            (-geo.ring_area(geo.ring_points(merged.arcs, ring)) for ring in rings), reverse=True
        )
        assert areas[0] > 4_000e6, code  # every landsdeel is well over 4,000 km²
        assert all(a < 800e6 for a in areas[1:]), code  # islands (Texel ~160 km²) and lakes


def test_douglas_peucker_keeps_end_points_and_closed_rings():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 6), (10, 0)]
    assert geo.douglas_peucker(line, 1.0) == [(0, 0), (2, -0.1), (4, 6), (10, 0)]
    square = [(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)]
    simplified = geo.douglas_peucker(square, 1.0)
    assert simplified[0] == simplified[-1] == (0, 0) and len(simplified) == 5


# --- The generated fragment --------------------------------------------------------------------


def test_committed_outputs_are_what_the_build_makes(capsys):
    assert build.main(["--check"]) == 0, capsys.readouterr().err


def test_check_fails_when_the_fragment_differs(monkeypatch, capsys):
    monkeypatch.setattr(geo, "render_fragment", lambda: "something else\n")
    assert build.main(["--check"]) == 1
    assert f"{build.FRAGMENT} is out of date" in capsys.readouterr().err


def test_build_writes_what_check_compares(tmp_path, monkeypatch):
    monkeypatch.setattr(geo, "render_fragment", lambda: "<svg></svg>\n")
    monkeypatch.setattr(municipalities, "render_table", lambda: "{}\n")
    assert build.write(tmp_path) == [build.FRAGMENT, municipalities.TABLE]
    assert (tmp_path / build.FRAGMENT).read_text(encoding="utf-8") == "<svg></svg>\n"
    assert (tmp_path / municipalities.TABLE).read_text(encoding="utf-8") == "{}\n"
    assert build.stale(tmp_path) == [] and build.write(tmp_path) == []


def test_the_site_never_imports_the_map_build():
    """The build lives in tools/, which the Docker image leaves out: no runtime module may
    import it (the site keeps only the generated files)."""
    skip = {"tools", "tests", "bench", "node_modules", "staticfiles"}
    tops = [p for p in build.ROOT.iterdir() if p.name not in skip and not p.name.startswith(".")]
    sources = [p for p in tops if p.suffix == ".py"]
    sources += [path for top in tops if top.is_dir() for path in top.rglob("*.py")]
    assert Path(build.ROOT / "regions" / "maps.py") in sources  # the walk sees the apps
    offenders = []
    for path in sources:
        relative = path.relative_to(build.ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offenders += [f"{relative}: {n}" for n in names if n.split(".")[0] == "tools"]
    assert not offenders
    ignored = Path(build.ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert "tools" in ignored


def test_fragment_has_five_region_links(fragment):
    links = re.findall(r"<a\s[^>]*>", fragment)
    assert len(links) == 5
    assert {re.search(r'data-code="([^"]+)"', a).group(1) for a in links} == CODES
    for code in CODES:
        assert f"map-region--{code}" in fragment
        assert f"{{% with r=map_regions.{code} %}}" in fragment


def test_fragment_has_no_inline_style_or_script(fragment):
    assert "style=" not in fragment
    assert "<style" not in fragment
    assert "<script" not in fragment
    assert not re.search(r"\son[a-z]+=", fragment)  # no event handler attributes
    assert "fill=" not in fragment  # colours come from the site's CSS


def test_fragment_is_small(fragment):
    assert len(fragment.encode()) < 20 * 1024


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.starts = []
        self.stack = []
        self.errors = []

    def handle_starttag(self, tag, attrs):
        self.starts.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.starts.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def render(fragment, current=None, highlighted=()):
    regions = {
        code: {
            "url": f"/nl/landsdelen/{code}/",
            "name": f"Landsdeel {code}",
            "current": code == current,
            "highlighted": code in highlighted,
        }
        for code in CODES
    }
    template = Engine().from_string(fragment)
    return template.render(Context({"map_regions": regions, "map_title": "Kaart & legenda"}))


@pytest.mark.parametrize(
    ("current", "highlighted"),
    [(None, ()), ("zuidwest", ()), (None, ("zuidoost",)), (None, ("zuidoost", "noordwest"))],
)
def test_rendered_fragment(fragment, current, highlighted):
    html = render(fragment, current, highlighted)
    parser = _Collector()
    parser.feed(html)
    assert not parser.errors and not parser.stack, "unbalanced tags"
    tags = parser.starts
    svg = tags[0][1]
    assert tags[0][0] == "svg" and svg["viewbox"].startswith("0 0 ")
    title_id = svg["aria-labelledby"]
    assert ("title", {"id": title_id}) in tags
    assert "Kaart &amp; legenda" in html  # autoescaped
    links = [attrs for tag, attrs in tags if tag == "a"]
    assert len(links) == 5
    for attrs in links:
        code = attrs["data-code"]
        assert attrs["href"] == f"/nl/landsdelen/{code}/"
        assert attrs["aria-label"] == f"Landsdeel {code}"
        classes = attrs["class"].split()
        assert {"map-region", f"map-region--{code}"} <= set(classes)
        assert ("is-current" in classes) == (code == current)
        assert (attrs.get("aria-current") == "page") == (code == current)
        assert ("is-highlighted" in classes) == (code in highlighted)
    outlines = {a["href"]: a["class"].split() for t, a in tags if t == "use"}
    assert len(outlines) == 5
    assert [h for h, c in outlines.items() if "is-current" in c] == (
        [f"#landsdelen-map-{current}"] if current else []
    )
    assert {h for h, c in outlines.items() if "is-highlighted" in c} == {
        f"#landsdelen-map-{code}" for code in highlighted
    }
    groups = [attrs for tag, attrs in tags if tag == "g"]
    assert {"class": "map-provinces", "aria-hidden": "true"} in groups
    ids = [a["id"] for _, a in tags if "id" in a]
    assert len(ids) == len(set(ids))
    for tag, attrs in tags:
        if tag == "use":
            assert attrs["href"].removeprefix("#") in ids


def test_path_data_is_compact(fragment):
    """Coordinates have at most one decimal, so the map stays small."""
    for d in re.findall(r' d="([^"]+)"', fragment):
        assert re.fullmatch(r"[Mlz0-9 .\-]+", d)
        assert not re.search(r"\.\d\d", d)
