"""What the news app offers the site search (declared in `NewsConfig.search_documents`)."""

from django.utils.translation import gettext as _

from techniekpact.content import SearchDocument
from techniekpact.markup import marked_text

from .models import Event, NewsItem


def documents(language):
    """Every published news item and event (past ones too: the archive is readable)."""
    for item in NewsItem.objects.published().select_related("landsdeel"):
        place = item.landsdeel.name if item.landsdeel else ""
        yield SearchDocument(
            _("News"),
            item.title,
            item.get_absolute_url(),
            f"{item.summary} {marked_text(item.body)} {place}",
        )
    for event in Event.objects.published().select_related("landsdeel"):
        place = event.landsdeel.name if event.landsdeel else ""
        yield SearchDocument(
            _("Event"),
            event.title,
            event.get_absolute_url(),
            f"{marked_text(event.description)} {event.location_name} {event.location_address} "
            f"{event.organiser} {place}",
        )
