"""Which landsdeel is a municipality in: the table the map build computes
(regions/data/municipalities.json) and the forgiving lookup the site uses
(regions/municipalities.py). None of these tests touch the database."""

import json
import re

import pytest

from regions import municipalities as lookup
from regions.maps import MAP_CODES
from tools.landsdelen_map import build, geo, names
from tools.landsdelen_map import municipalities as table_build


@pytest.fixture(scope="module")
def table():
    return json.loads((build.ROOT / table_build.TABLE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_name(table):
    return {row["name"]: row for row in table["municipalities"]}


# --- The table ---------------------------------------------------------------------------------


def test_every_municipality_of_2022_is_listed_once_with_one_landsdeel(table):
    rows = table["municipalities"]
    assert len(rows) == 344
    assert len({row["code"] for row in rows}) == len({row["name"] for row in rows}) == 344
    for row in rows:
        assert re.fullmatch(r"GM\d{4}", row["code"]), row
        assert row["landsdeel"] in MAP_CODES, row
        assert row["landsdeel"] == geo.LANDSDEEL_OF_COROP[row["corop"]], row


def test_the_table_has_exactly_the_municipalities_of_the_cbs_file(table):
    in_file = {
        table_build.cbs_code(f["properties"]["regiocode"])
        for f in table_build.municipality_features()
    }
    assert {row["code"] for row in table["municipalities"]} == in_file


@pytest.mark.parametrize(
    ("name", "corop", "landsdeel"),
    [
        ("Breda", "CR33", "zuidwest"),
        ("Roosendaal", "CR33", "zuidwest"),
        ("Bergen op Zoom", "CR33", "zuidwest"),
        ("Tilburg", "CR34", "zuidoost"),
        ("Eindhoven", "CR36", "zuidoost"),
        ("'s-Hertogenbosch", "CR35", "zuidoost"),
        ("'s-Gravenhage", "CR26", "zuidwest"),
        ("Groningen", "CR03", "noord"),
        ("Almere", "CR40", "noordwest"),
        ("Utrecht", "CR17", "noordwest"),
        ("Enschede", "CR12", "oost"),
        ("Maastricht", "CR39", "zuidoost"),
    ],
)
def test_known_municipalities(by_name, name, corop, landsdeel):
    assert (by_name[name]["corop"], by_name[name]["landsdeel"]) == (corop, landsdeel)


def test_noord_brabant_is_split_at_west_brabant_exactly(table):
    brabant = [r for r in table["municipalities"] if geo.PROVINCE_OF_COROP[r["corop"]] == "PV30"]
    west = sorted(r["name"] for r in brabant if r["landsdeel"] == "zuidwest")
    assert west == [
        "Bergen op Zoom",
        "Breda",
        "Drimmelen",
        "Etten-Leur",
        "Geertruidenberg",
        "Halderberge",
        "Moerdijk",
        "Oosterhout",
        "Roosendaal",
        "Rucphen",
        "Steenbergen",
        "Woensdrecht",
        "Zundert",
    ]
    assert {r["corop"] for r in brabant if r["landsdeel"] == "zuidwest"} == {"CR33"}
    assert {r["landsdeel"] for r in brabant if r["corop"] != "CR33"} == {"zuidoost"}
    assert len(brabant) == 56  # Noord-Brabant had 56 municipalities in 2022


def test_noord_has_the_40_municipalities_of_groningen_fryslan_and_drenthe(table):
    noord = [r for r in table["municipalities"] if r["landsdeel"] == "noord"]
    assert len(noord) == 10 + 18 + 12


def test_every_municipality_lies_clearly_in_one_corop_area():
    for row in table_build.largest_overlaps():
        assert row["share"] > 0.85, row
        assert row["runner_up"] < 0.1, row


def test_the_committed_table_is_what_the_build_makes(table):
    assert (build.ROOT / table_build.TABLE).read_text(
        encoding="utf-8"
    ) == table_build.render_table()
    assert build.main(["--check"]) == 0


def test_check_fails_when_the_table_differs(monkeypatch, capsys):
    monkeypatch.setattr(table_build, "render_table", lambda: "{}\n")
    assert build.main(["--check"]) == 1
    assert f"{table_build.TABLE} is out of date" in capsys.readouterr().err


def test_the_build_refuses_a_municipality_without_a_clear_corop_area(monkeypatch):
    rows = table_build.largest_overlaps()
    rows[0] = {**rows[0], "share": 0.5, "runner_up": 0.45}
    monkeypatch.setattr(table_build, "largest_overlaps", lambda: rows)
    with pytest.raises(ValueError, match="no clear COROP area"):
        table_build.build_table()


def test_the_build_refuses_a_name_for_an_unknown_municipality(monkeypatch):
    wrong = names.OtherName("Atlantis", ("Atlantis-Zuid",), names.COMMON)
    monkeypatch.setattr(names, "OTHER_NAMES", [*names.OTHER_NAMES, wrong])
    with pytest.raises(ValueError, match="unknown municipality"):
        table_build.build_table()


def test_what_is_not_cbs_data_is_marked_as_own_knowledge(table):
    assert table["names"] and all(row["source"] == "own knowledge" for row in table["names"])
    corrected = [r for r in table["municipalities"] if "name_in_source" in r]
    assert corrected == [
        {
            "code": "GM1963",
            "name": "Hoeksche Waard",
            "corop": "CR29",
            "landsdeel": "zuidwest",
            "name_in_source": "Hoekse Waard",
            "name_source": "own knowledge",
        }
    ]
    assert "CBS" in table["source"] and "CC BY 4.0" in table["source"]


def test_the_layout_year_is_2022_in_the_table_and_the_constant(table):
    assert table["layout_year"] == lookup.LAYOUT_YEAR == lookup.table().layout_year == 2022


# --- The lookup --------------------------------------------------------------------------------


def official(answer):
    return [[m.name for m in name.municipalities] for name in answer.names]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Breda", "Breda"),
        ("  bREDA ", "Breda"),
        ("gemeente Breda", "Breda"),
        ("Den Bosch", "'s-Hertogenbosch"),
        ("den-bosch", "'s-Hertogenbosch"),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("’s Hertogenbosch", "'s-Hertogenbosch"),
        ("s-hertogenbosch", "'s-Hertogenbosch"),
        ("Hertogenbosch", "'s-Hertogenbosch"),
        ("Den Haag", "'s-Gravenhage"),
        ("The Hague", "'s-Gravenhage"),
        ("'s-Gravenhage", "'s-Gravenhage"),
        ("Súdwest-Fryslân", "Súdwest-Fryslân"),
        ("Sudwest Fryslan", "Súdwest-Fryslân"),
        ("Noardeast-Fryslân", "Noardeast-Fryslân"),
        ("noardeast fryslan", "Noardeast-Fryslân"),
        ("Dantumadiel", "Dantumadiel"),
        ("Dantumadeel", "Dantumadiel"),
        ("Tytsjerksteradiel", "Tytsjerksteradiel"),
        ("Tietjerksteradeel", "Tytsjerksteradiel"),
        ("Achtkarspelen", "Achtkarspelen"),
        ("Ljouwert", "Leeuwarden"),
        ("Dijk en Waard", "Dijk en Waard"),
        ("Heerhugowaard", "Dijk en Waard"),
        ("Langedijk", "Dijk en Waard"),
        ("Land van Cuijk", "Land van Cuijk"),
        ("Boxmeer", "Land van Cuijk"),
        ("Maashorst", "Maashorst"),
        ("Uden", "Maashorst"),
        ("Weesp", "Amsterdam"),
        ("Hoeksche Waard", "Hoeksche Waard"),
        ("Hoekse Waard", "Hoeksche Waard"),
        ("Nuenen", "Nuenen, Gerwen en Nederwetten"),
        ("Bergen NH", "Bergen (NH.)"),
        ("Bergen (L.)", "Bergen (L.)"),
        ("IJsselstein", "IJsselstein"),
        ("ĳsselstein", "IJsselstein"),
    ],
)
def test_forgiving_lookup(query, expected):
    answer = lookup.find(query)
    assert official(answer) == [[expected]], query
    assert not answer.suggestions


def test_a_merger_since_2022_is_found_under_its_new_name():
    (name,) = lookup.find("Voorne aan Zee").names
    assert (name.kind, name.year, name.own_knowledge) == (lookup.MERGED, 2023, True)
    assert [m.name for m in name.municipalities] == ["Brielle", "Hellevoetsluis", "Westvoorne"]
    assert name.landsdelen == ("zuidwest",)
    brielle = lookup.find("Brielle").names[0].municipalities[0]
    assert lookup.table().merged_into(brielle) == [name]


def test_a_former_municipality_split_over_several_keeps_one_landsdeel():
    (name,) = lookup.find("Haaren").names
    assert name.kind == lookup.FORMER and name.year == 2021
    assert len(name.municipalities) == 4 and name.landsdelen == ("zuidoost",)


def test_bergen_is_two_municipalities_in_two_landsdelen():
    (name,) = lookup.find("Bergen").names
    assert [(m.name, m.landsdeel) for m in name.municipalities] == [
        ("Bergen (L.)", "zuidoost"),
        ("Bergen (NH.)", "noordwest"),
    ]


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("Bredaa", "Breda"),
        ("Eindhofen", "Eindhoven"),
        ("Amsterdan", "Amsterdam"),
        ("Alphen", "Alphen aan den Rijn"),
        ("Alphen", "Alphen-Chaam"),
        ("Sittard", "Sittard-Geleen"),
        ("Land van Cuyk", "Land van Cuijk"),
    ],
)
def test_a_near_miss_gets_a_suggestion(query, suggested):
    answer = lookup.find(query)
    assert not answer.found
    assert suggested in [name.name for name in answer.suggestions]


@pytest.mark.parametrize("query", ["Xyzzy", "Atlantis", "", "   ", "!!!", "x" * 5000])
def test_an_unknown_name_finds_nothing_and_suggests_nothing(query):
    answer = lookup.find(query)
    assert not answer.found and not answer.suggestions
    assert len(answer.query) <= lookup.MAX_QUERY_LENGTH


def test_every_name_means_one_thing():
    """No two entries share a normalized form, so a lookup never answers two ways."""
    forms: dict[str, str] = {}
    for name in lookup.table().names:
        for key in lookup.name_keys(name.name):
            assert forms.setdefault(key, name.name) == name.name, (key, forms[key], name.name)


def test_municipalities_per_landsdeel_cover_the_country_in_dutch_order():
    lists = {code: lookup.table().in_landsdeel(code) for code in MAP_CODES}
    assert sum(len(items) for items in lists.values()) == 344
    zuidwest = [m.name for m in lists["zuidwest"]]
    assert zuidwest == sorted(zuidwest, key=lookup.sort_key)
    # 's-Gravenhage is listed under G, between Gouda and Halderberge.
    assert zuidwest.index("Gouda") + 1 == zuidwest.index("'s-Gravenhage")
    assert zuidwest.index("'s-Gravenhage") + 1 == zuidwest.index("Halderberge")


def test_the_table_is_read_once():
    assert lookup.table() is lookup.table()
