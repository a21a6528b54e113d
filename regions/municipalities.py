"""Which landsdeel is a municipality in?

The answers come from `regions/data/municipalities.json`, which the map build
(`tools/landsdelen_map`, `make map`) computes from the CBS boundaries: each municipality of the
2022 layout lies in the COROP area that covers most of it, and that area in one landsdeel. This
module only reads the file (once per process) and looks names up forgivingly: case, accents,
punctuation and apostrophes do not matter, and common, Frisian or Dutch, former and merged names
are found too. A near miss gets suggestions; an unknown name gets none and says so.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE_FILE = Path(__file__).resolve().parent / "data" / "municipalities.json"
#: The municipal layout of the table (the 344 municipalities of April 2022); pages say so.
LAYOUT_YEAR = 2022
#: Longer input is not a municipality name (the longest is 30 characters).
MAX_QUERY_LENGTH = 100

OFFICIAL = "official"
COMMON = "common"
OTHER_LANGUAGE = "other-language"
SPELLING = "spelling"
FORMER = "former"
MERGED = "merged"

_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
_PREFIXES = ("gemeente ", "municipality of ", "municipality ")


def normalize(text: str) -> str:
    """The form names are compared in: no accents, case, apostrophes or punctuation.

    "'s-Hertogenbosch" -> "s hertogenbosch", "Súdwest-Fryslân" -> "sudwest fryslan".
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _NOT_ALPHANUMERIC.sub(" ", _APOSTROPHES.sub("", text))
    return " ".join(text.split())


def name_keys(name: str) -> list[str]:
    """The normalized forms of a name: "'s-Gravenhage" is also found as "Gravenhage"."""
    key = normalize(name)
    keys = [key]
    if name.startswith(("'s", "'t", "’s", "’t")) and " " in key:
        keys.append(key.split(" ", 1)[1])
    return keys


def sort_key(name: str) -> str:
    """Alphabetical order as in Dutch lists: 's-Gravenhage under G."""
    return name_keys(name)[-1]


@dataclass(frozen=True)
class Municipality:
    """A municipality of the 2022 layout (CBS code, official name), its COROP area and the
    code of its landsdeel (`Landsdeel.code`)."""

    code: str
    name: str
    corop: str
    landsdeel: str


@dataclass(frozen=True)
class Name:
    """A name a visitor may type and the 2022 municipalities it stands for.

    `kind` is `official` (the CBS name) or how the name relates to them: `common` ("Den Haag"),
    `other-language` (Frisian or Dutch), `spelling`, `former` (merged into them in `year`) or
    `merged` (formed from them in `year`, after the 2022 layout). `own_knowledge`: the name is
    the editors' knowledge, not CBS data.
    """

    name: str
    municipalities: tuple[Municipality, ...]
    kind: str = OFFICIAL
    year: int | None = None
    own_knowledge: bool = False

    @property
    def landsdelen(self) -> tuple[str, ...]:
        """The codes of the landsdelen the municipalities are in, without repeats."""
        return tuple(dict.fromkeys(m.landsdeel for m in self.municipalities))

    @property
    def is_official(self) -> bool:
        return self.kind == OFFICIAL


@dataclass(frozen=True)
class Answer:
    """What a lookup found: the matching names (usually one; "Bergen" has two), or else the
    near misses to suggest (possibly none)."""

    query: str
    names: tuple[Name, ...] = ()
    suggestions: tuple[Name, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.names)


class Table:
    """The municipalities and their names, indexed for lookup."""

    def __init__(self, data: dict):
        self.layout_year: int = data["layout_year"]
        self.source: str = data["source"]
        self.municipalities = {
            row["code"]: Municipality(row["code"], row["name"], row["corop"], row["landsdeel"])
            for row in data["municipalities"]
        }
        self.names = [Name(m.name, (m,)) for m in self.municipalities.values()]
        self.names += [
            Name(
                row["name"],
                tuple(self.municipalities[code] for code in row["municipalities"]),
                kind=row["kind"],
                year=row.get("year"),
                own_knowledge=row.get("source") == "own knowledge",
            )
            for row in data["names"]
        ]
        self._by_key: dict[str, list[Name]] = {}
        for name in self.names:
            for key in name_keys(name.name):
                entries = self._by_key.setdefault(key, [])
                if name not in entries:
                    entries.append(name)

    def find(self, query: str, suggest: bool = True) -> Answer:
        """Look `query` up: exact (after `normalize`), else (with `suggest`) suggestions for a
        near miss."""
        query = " ".join(query.split())[:MAX_QUERY_LENGTH]
        key = normalize(query)
        for prefix in _PREFIXES:
            if key.startswith(prefix) and key != prefix.strip():
                key = key.removeprefix(prefix)
        if not key:
            return Answer(query)
        if key in self._by_key:
            return Answer(query, names=tuple(self._by_key[key]))
        return Answer(query, suggestions=self._suggest(key) if suggest else ())

    def _suggest(self, key: str, limit: int = 5) -> tuple[Name, ...]:
        """Names that start with the typed word(s) ("Alphen"), then close spellings ("Bredaa")."""
        keys = []
        if len(key) >= 3:
            keys += sorted(k for k in self._by_key if k.startswith(key + " "))
        keys += difflib.get_close_matches(key, list(self._by_key), n=limit, cutoff=0.75)
        found: list[Name] = []
        for k in keys:
            for name in self._by_key[k]:
                if name not in found:
                    found.append(name)
        return tuple(found[:limit])

    def in_landsdeel(self, code: str) -> list[Municipality]:
        """The municipalities of one landsdeel (by `Landsdeel.code`), in alphabetical order."""
        return sorted(
            (m for m in self.municipalities.values() if m.landsdeel == code),
            key=lambda m: sort_key(m.name),
        )

    def merged_into(self, municipality: Municipality) -> list[Name]:
        """The municipalities formed after the 2022 layout that `municipality` is now part of."""
        return [n for n in self.names if n.kind == MERGED and municipality in n.municipalities]


@cache
def table() -> Table:
    """The table, read from disk once per process."""
    with open(TABLE_FILE, encoding="utf-8") as f:
        return Table(json.load(f))


def find(query: str, suggest: bool = True) -> Answer:
    """Which municipality (and so which landsdeel) a visitor means by `query`."""
    return table().find(query, suggest)
