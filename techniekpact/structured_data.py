"""JSON-LD (schema.org) for search engines: breadcrumbs, the pact as an organisation, the FAQ.

Built as plain dicts in Python and written into the page by the `json_ld` filter as a data block
(`<script type="application/ld+json">`), which browsers never execute.
"""

from django.urls import reverse
from django.utils import translation

from techniekpact.markup import plain_text


def _absolute(request, url):
    return request.build_absolute_uri(url)


def breadcrumbs(request, crumbs):
    items = []
    for position, (label, url) in enumerate(crumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": str(label)}
        item["item"] = _absolute(request, url or request.path)
        items.append(item)
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def organization(request, pact):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": pact.name,
        "alternateName": pact.full_name,
        "url": _absolute(request, reverse("pages:home")),
        "description": pact.tagline,
        "foundingDate": pact.signed_on.isoformat(),
    }
    return data


def faq_page(request, questions):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": translation.get_language(),
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.question,
                "url": _absolute(request, question.get_absolute_url()),
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(question.answer)},
            }
            for question in questions
        ],
    }
