"""The answer to "which landsdeel is my municipality in?", in the visitor's language.

`regions.municipalities` knows the municipalities and their landsdeel codes; this module turns a
lookup into sentences with the landsdelen's own (translated) names and links, for the form on
the landsdelen overview and for the site search. Only published landsdelen are named or linked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from techniekpact.content import SearchAnswer

from . import municipalities
from .models import Landsdeel


@dataclass(frozen=True)
class Line:
    """One sentence of an answer, as HTML with a link to the landsdeel and as plain text."""

    html: SafeString
    text: str
    landsdeel: Landsdeel | None


@dataclass
class MunicipalityAnswer:
    """What the site says about one name a visitor typed (`municipalities.Name`)."""

    name: municipalities.Name
    lines: list[Line] = field(default_factory=list)
    #: Introduces the lines when the name stands for municipalities in several landsdelen.
    intro: str = ""
    #: Says how the typed name relates to the official municipalities (merger, other name).
    note: str = ""

    @property
    def landsdelen(self) -> list[Landsdeel]:
        found = {each.landsdeel.code: each.landsdeel for each in self.lines if each.landsdeel}
        return list(found.values())


def line(subject: str, landsdeel: Landsdeel | None) -> Line:
    """ "Breda ligt in landsdeel Zuidwest." / "Breda is in the Southwest region." """
    if landsdeel is None:
        sentence = _("%(municipality)s is in a region that has no page on this website yet.")
        text = sentence % {"municipality": subject}
        return Line(mark_safe(escape(text)), text, None)
    sentence = _("%(municipality)s is in the %(region)s region.")
    link = format_html('<a href="{}">{}</a>', landsdeel.get_absolute_url(), landsdeel.name)
    html = escape(sentence) % {"municipality": escape(subject), "region": link}
    # The translated sentence is ours and escaped; only the link is HTML.
    text = sentence % {"municipality": subject, "region": landsdeel.name}
    return Line(mark_safe(html), text, landsdeel)


def suggestion(names: tuple[municipalities.Name, ...], base_url: str) -> SafeString:
    """ "Bedoelde u Breda?": each suggested name a link that asks again."""
    links = [
        format_html('<a href="{}?{}">{}</a>', base_url, urlencode({"gemeente": n.name}), n.name)
        for n in names
    ]
    sentence = escape(_("Did you mean %(names)s?"))
    return mark_safe(sentence % {"names": get_text_list(links, escape(_("or")))})


def note(name: municipalities.Name) -> str:
    """How the typed name relates to the municipalities of the table, or nothing."""
    official = [m.name for m in name.municipalities]
    if name.kind in (municipalities.COMMON, municipalities.OTHER_LANGUAGE, municipalities.SPELLING):
        if len(official) == 1:
            return _("Official name: %(official)s.") % {"official": official[0]}
        return ""
    if name.kind == municipalities.FORMER:
        if len(official) == 1:
            return _(
                "%(name)s has been part of the municipality of %(municipality)s since %(year)s."
            ) % {"name": name.name, "municipality": official[0], "year": name.year}
        return _(
            "In %(year)s, %(name)s was divided between the municipalities of %(municipalities)s."
        ) % {
            "name": name.name,
            "year": name.year,
            "municipalities": get_text_list(official, _("and")),
        }
    if name.kind == municipalities.MERGED:
        return _("The municipality of %(name)s was formed in %(year)s from %(municipalities)s.") % {
            "name": name.name,
            "year": name.year,
            "municipalities": get_text_list(official, _("and")),
        }
    return ""


def answer(name: municipalities.Name, landsdelen: dict[str, Landsdeel]) -> MunicipalityAnswer:
    """The sentences for one name: one line when its municipalities share a landsdeel (almost
    always), else one line per municipality ("Bergen")."""
    result = MunicipalityAnswer(name, note=note(name))
    if len(name.landsdelen) == 1:
        result.lines = [line(name.name, landsdelen.get(name.landsdelen[0]))]
        return result
    count = len(name.municipalities)
    result.intro = ngettext(
        "There is %(count)s municipality called %(name)s:",
        "There are %(count)s municipalities called %(name)s:",
        count,
    ) % {"count": count, "name": name.name}
    result.lines = [line(m.name, landsdelen.get(m.landsdeel)) for m in name.municipalities]
    return result


def published_landsdelen() -> dict[str, Landsdeel]:
    return {landsdeel.code: landsdeel for landsdeel in Landsdeel.objects.published()}


def answers_for(found: municipalities.Answer, landsdelen=None) -> list[MunicipalityAnswer]:
    landsdelen = published_landsdelen() if landsdelen is None else landsdelen
    return [answer(name, landsdelen) for name in found.names]


def layout_note() -> str:
    """Which year's municipalities the answers use (shown with the form and the answers)."""
    return _(
        "Based on the municipalities of %(year)s (source: CBS). Municipalities that merged "
        "later can also be found under their new name."
    ) % {"year": municipalities.LAYOUT_YEAR}


def search_answers(query: str) -> list[SearchAnswer]:
    """For the site search (`RegionsConfig.search_answers`): when the query is the name of a
    municipality, its landsdeel with the same sentence as the form on the overview."""
    found = municipalities.find(query, suggest=False)
    if not found.found:
        return []
    results = []
    for item in answers_for(found):
        for each in item.lines:
            if each.landsdeel is None:
                continue
            notes = " ".join(text for text in (item.note, layout_note()) if text)
            results.append(
                SearchAnswer(
                    _("Region"),
                    each.landsdeel.name,
                    each.landsdeel.get_absolute_url(),
                    each.text,
                    notes,
                )
            )
    return results
