"""What the regions app offers the site search (declared in `RegionsConfig.search_documents`)."""

from django.utils.translation import gettext as _

from techniekpact.content import SearchDocument
from techniekpact.markup import plain_text

from .models import Landsdeel


def documents(language):
    """Each published landsdeel, with its provinces, programmes and contact text."""
    regions = Landsdeel.objects.published().with_coverages().with_visible_programmes()
    for landsdeel in regions:
        provinces = " ".join(f"{c.province.name} {c.part or ''}" for c in landsdeel.coverages.all())
        programmes = " ".join(
            f"{p.name} {p.organisation} {plain_text(p.description)}" for p in landsdeel.visible
        )
        yield SearchDocument(
            _("Region"),
            landsdeel.name,
            landsdeel.get_absolute_url(),
            f"{provinces}. {landsdeel.summary} {plain_text(landsdeel.body)} {programmes} "
            f"{plain_text(landsdeel.contact)}",
        )
