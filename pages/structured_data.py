"""JSON-LD for the pact: the organisation, on the home page."""

from django.urls import reverse

from regions.structured_data import contact_points
from techniekpact.structured_data import absolute


def organization(request, pact, contacts=()):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": pact.name,
        "alternateName": pact.full_name,
        "url": absolute(request, reverse("pages:home")),
        "description": pact.tagline,
        "foundingDate": pact.signed_on.isoformat(),
    }
    points = contact_points(contacts)
    if points:
        data["contactPoint"] = points
    return data
