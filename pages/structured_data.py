"""JSON-LD for the pact: the organisation, on the home page."""

from django.urls import reverse

from techniekpact.structured_data import absolute


def organization(request, pact):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": pact.name,
        "alternateName": pact.full_name,
        "url": absolute(request, reverse("pages:home")),
        "description": pact.tagline,
        "foundingDate": pact.signed_on.isoformat(),
    }
    return data
