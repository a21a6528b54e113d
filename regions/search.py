"""What the regions app offers the site search (declared in `RegionsConfig.search_documents`)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from techniekpact.content import SearchDocument
from techniekpact.markup import marked_text

from .models import Contact, Landsdeel


def documents(language):
    """Each published landsdeel, with its provinces, programmes and contact text; and each
    published contact (of the project team, or of a published landsdeel)."""
    regions = Landsdeel.objects.published().with_coverages().with_visible_programmes()
    for landsdeel in regions:
        provinces = " ".join(f"{c.province.name} {c.part or ''}" for c in landsdeel.coverages.all())
        programmes = " ".join(
            f"{p.name} {p.organisation} {marked_text(p.description)}" for p in landsdeel.visible
        )
        yield SearchDocument(
            _("Region"),
            landsdeel.name,
            landsdeel.get_absolute_url(),
            f"{provinces}. {landsdeel.summary} {marked_text(landsdeel.body)} "
            f"{programmes} {marked_text(landsdeel.contact)}",
        )
    yield from contact_documents()


def contact_documents():
    """A contact is found by its name or role, organisation, landsdeel and addresses; it is
    shown on the contact page, so that is where the result leads."""
    contacts = (
        Contact.objects.published()
        .filter(Q(landsdeel=None) | Q(landsdeel__in=Landsdeel.objects.published()))
        .select_related("landsdeel")
    )
    for contact in contacts:
        area = contact.landsdeel.name if contact.landsdeel_id else _("National contact")
        details = (contact.email, contact.phone, contact.website, contact.postal_address)
        yield SearchDocument(
            _("Contact"),
            contact.name,
            contact.get_absolute_url(),
            " ".join([contact.organisation, area, *filter(None, details)]),
        )
