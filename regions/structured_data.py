"""JSON-LD for contacts: schema.org `ContactPoint`s, on the contact page, the home page (in the
pact's Organization) and each landsdeel page. A contact with no verified way to reach it is
left out: a ContactPoint without an email, phone or web address tells a search engine nothing."""

from django.urls import reverse
from django.utils.translation import gettext

from techniekpact.markup import strip_inline
from techniekpact.structured_data import absolute


def contact_point(contact, area=None):
    """One contact as a ContactPoint; None when it has nothing to reach it by."""
    if not (contact.email or contact.phone or contact.website):
        return None
    data = {
        "@type": "ContactPoint",
        "name": strip_inline(contact.name),
        "contactType": "customer support",
    }
    if contact.organisation:
        data["description"] = strip_inline(contact.organisation)
    if contact.email:
        data["email"] = contact.email
    if contact.phone:
        data["telephone"] = contact.phone
    if contact.website:
        data["url"] = contact.website
    if contact.language_codes:
        data["availableLanguage"] = contact.language_codes
    data["areaServed"] = area or "NL"
    return data


def contact_points(contacts):
    points = (
        contact_point(item, area=item.landsdeel.name if item.landsdeel_id else None)
        for item in contacts
    )
    return [point for point in points if point]


def contact_organization(request, national, regional, name=None):
    """The pact as an Organization with its contact points (the contact page)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name or gettext("Technology Pact"),
        "url": absolute(request, reverse("pages:home")),
    }
    points = contact_points([*national, *regional])
    if points:
        data["contactPoint"] = points
    return data


def landsdeel_organization(request, landsdeel):
    """A landsdeel page: the landsdeel's organisation of the pact and its contact points."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": landsdeel.name,
        "url": absolute(request, landsdeel.get_absolute_url()),
        "areaServed": [coverage.label for coverage in landsdeel.coverages.all()],
        "parentOrganization": {
            "@type": "Organization",
            "url": absolute(request, reverse("pages:home")),
        },
    }
    points = [contact_point(item, area=landsdeel.name) for item in landsdeel.shown_contacts]
    if any(points):
        data["contactPoint"] = [point for point in points if point]
    return data
