"""Other names for the municipalities of 2022: what visitors type besides the official name.

None of this comes from CBS: it is the editors' own knowledge of Dutch municipalities, written
down here and marked as such in `regions/data/municipalities.json` (`"source": "own knowledge"`).
Each entry names the 2022 municipalities it stands for by their official name (as in
`data/nl-municipalities-2022.geojson`, after `SPELLING` below); the build fails if one is unknown.

Kinds:

- ``common``: a name in everyday use ("Den Haag" for 's-Gravenhage, "Den Bosch").
- ``other-language``: the Dutch name where CBS uses the Frisian one, or the other way round.
- ``spelling``: the source file's spelling where it differs from the official name.
- ``former``: a municipality that merged into (or was split over) the 2022 municipalities in
  ``year``; people still name it. Mergers from 2014 to April 2022.
- ``merged``: a municipality formed after the 2022 layout, in ``year``, from 2022 municipalities.
  On 1 January 2023 Brielle, Hellevoetsluis and Westvoorne became Voorne aan Zee. To our
  knowledge no municipalities merged on 1 January 2024 or 1 January 2025.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMON = "common"
OTHER_LANGUAGE = "other-language"
SPELLING = "spelling"
FORMER = "former"
MERGED = "merged"
KINDS = (COMMON, OTHER_LANGUAGE, SPELLING, FORMER, MERGED)


@dataclass(frozen=True)
class OtherName:
    name: str
    #: The official 2022 names of the municipalities this name stands for.
    municipalities: tuple[str, ...]
    kind: str
    year: int | None = None


#: Where the source file's name differs from the official CBS name (CBS code -> official name).
#: The source writes "Hoekse Waard"; the municipality (formed 2019) is Hoeksche Waard.
OFFICIAL_NAME = {"GM1963": "Hoeksche Waard"}


def _names(kind: str, pairs: dict[str, str | tuple[str, ...]], year: int | None = None):
    return [
        OtherName(name, (target,) if isinstance(target, str) else target, kind, year)
        for name, target in pairs.items()
    ]


_FORMER: dict[int, dict[str, str | tuple[str, ...]]] = {
    2022: {
        "Weesp": "Amsterdam",
        "Beemster": "Purmerend",
        "Heerhugowaard": "Dijk en Waard",
        "Langedijk": "Dijk en Waard",
        "Boxmeer": "Land van Cuijk",
        "Cuijk": "Land van Cuijk",
        "Grave": "Land van Cuijk",
        "Mill en Sint Hubert": "Land van Cuijk",
        "Sint Anthonis": "Land van Cuijk",
        "Landerd": "Maashorst",
        "Uden": "Maashorst",
    },
    2021: {
        "Appingedam": "Eemsdelta",
        "Delfzijl": "Eemsdelta",
        "Loppersum": "Eemsdelta",
        "Haaren": ("Boxtel", "Oisterwijk", "Tilburg", "Vught"),
    },
    2019: {
        "Bedum": "Het Hogeland",
        "De Marne": "Het Hogeland",
        "Eemsmond": "Het Hogeland",
        "Winsum": ("Het Hogeland", "Westerkwartier"),
        "Grootegast": "Westerkwartier",
        "Leek": "Westerkwartier",
        "Marum": "Westerkwartier",
        "Zuidhorn": "Westerkwartier",
        "Haren": "Groningen",
        "Ten Boer": "Groningen",
        "Dongeradeel": "Noardeast-Fryslân",
        "Ferwerderadiel": "Noardeast-Fryslân",
        "Kollumerland en Nieuwkruisland": "Noardeast-Fryslân",
        "Giessenlanden": "Molenlanden",
        "Molenwaard": "Molenlanden",
        "Leerdam": "Vijfheerenlanden",
        "Vianen": "Vijfheerenlanden",
        "Zederik": "Vijfheerenlanden",
        "Binnenmaas": "Hoeksche Waard",
        "Cromstrijen": "Hoeksche Waard",
        "Korendijk": "Hoeksche Waard",
        "Oud-Beijerland": "Hoeksche Waard",
        "Strijen": "Hoeksche Waard",
        "Aalburg": "Altena",
        "Werkendam": "Altena",
        "Woudrichem": "Altena",
        "Nuth": "Beekdaelen",
        "Onderbanken": "Beekdaelen",
        "Schinnen": "Beekdaelen",
        "Geldermalsen": "West Betuwe",
        "Lingewaal": "West Betuwe",
        "Neerijnen": "West Betuwe",
        "Noordwijkerhout": "Noordwijk",
        "Haarlemmerliede en Spaarnwoude": "Haarlemmermeer",
    },
    2018: {
        "Hoogezand-Sappemeer": "Midden-Groningen",
        "Menterwolde": "Midden-Groningen",
        "Slochteren": "Midden-Groningen",
        "Bellingwedde": "Westerwolde",
        "Vlagtwedde": "Westerwolde",
        "Franekeradeel": "Waadhoeke",
        "het Bildt": "Waadhoeke",
        "Menameradiel": "Waadhoeke",
        "Littenseradiel": ("Leeuwarden", "Súdwest-Fryslân", "Waadhoeke"),
        "Leeuwarderadeel": "Leeuwarden",
        "Rijnwaarden": "Zevenaar",
    },
    2017: {
        "Schijndel": "Meierijstad",
        "Sint-Oedenrode": "Meierijstad",
        "Veghel": "Meierijstad",
    },
    2016: {
        "Bussum": "Gooise Meren",
        "Muiden": "Gooise Meren",
        "Naarden": "Gooise Meren",
    },
    2015: {
        "Bergambacht": "Krimpenerwaard",
        "Nederlek": "Krimpenerwaard",
        "Schoonhoven": "Krimpenerwaard",
        "Vlist": "Krimpenerwaard",
    },
    2014: {
        "Gaasterlân-Sleat": "De Fryske Marren",
        "Lemsterland": "De Fryske Marren",
        "Skarsterlân": "De Fryske Marren",
    },
}

OTHER_NAMES: list[OtherName] = [
    *_names(
        COMMON,
        {
            "Den Haag": "'s-Gravenhage",
            "The Hague": "'s-Gravenhage",
            "Den Bosch": "'s-Hertogenbosch",
            "Nuenen": "Nuenen, Gerwen en Nederwetten",
            "Bergen": ("Bergen (L.)", "Bergen (NH.)"),
            "Bergen (Limburg)": "Bergen (L.)",
            "Bergen (Noord-Holland)": "Bergen (NH.)",
        },
    ),
    *_names(
        OTHER_LANGUAGE,
        {
            # Frisian where CBS uses the Dutch name
            "Ljouwert": "Leeuwarden",
            "It Hearrenfean": "Heerenveen",
            "Smellingerlân": "Smallingerland",
            "Opsterlân": "Opsterland",
            "Eaststellingwerf": "Ooststellingwerf",
            "Harns": "Harlingen",
            "Skylge": "Terschelling",
            "Flylân": "Vlieland",
            "It Amelân": "Ameland",
            "Skiermûntseach": "Schiermonnikoog",
            # Dutch where CBS uses the Frisian name
            "Dantumadeel": "Dantumadiel",
            "Tietjerksteradeel": "Tytsjerksteradiel",
            "De Friese Meren": "De Fryske Marren",
            "Noordoost-Friesland": "Noardeast-Fryslân",
            "Zuidwest-Friesland": "Súdwest-Fryslân",
        },
    ),
    *_names(SPELLING, {"Hoekse Waard": "Hoeksche Waard"}),
    *(entry for year, pairs in _FORMER.items() for entry in _names(FORMER, pairs, year)),
    *_names(MERGED, {"Voorne aan Zee": ("Brielle", "Hellevoetsluis", "Westvoorne")}, 2023),
]
