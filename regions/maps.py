"""Context for the map of the landsdelen (templates/includes/landsdelen_map.svg.html).

The generated SVG names its shapes by the fixed map code of each landsdeel (`noord`, `oost`, ...),
whatever the language of the page; links and names come from the landsdelen themselves.
"""

from django.utils.translation import gettext as _

# The shapes in the generated map, by the map code of their landsdeel (Landsdeel.code).
MAP_CODES = ("noord", "noordwest", "oost", "zuidwest", "zuidoost")


def map_context(landsdelen, current=None, highlighted=()):
    """`map_regions` (map code -> url, name, current, highlighted), `map_title` and `show_map`
    for a view.

    `current` is the landsdeel whose page this is: the map highlights it and marks its link
    `aria-current="page"`. `highlighted`: codes of landsdelen the map shows the same way
    without being the page (the answer to "which landsdeel is my municipality in?"); the answer
    itself is in the page's text, the highlight only repeats it. `show_map` makes the footer
    show the attribution the map's licence asks; it is false while a landsdeel is unpublished,
    since every shape of the map must be a link.
    """
    regions = {
        landsdeel.code: {
            "url": landsdeel.get_absolute_url(),
            "name": landsdeel.name,
            "current": current is not None and landsdeel.pk == current.pk,
            "highlighted": landsdeel.code in highlighted,
        }
        for landsdeel in landsdelen
    }
    return {
        "map_regions": regions,
        "map_title": _("Map of the five regions of the Netherlands"),
        "show_map": set(MAP_CODES) <= set(regions),
    }
