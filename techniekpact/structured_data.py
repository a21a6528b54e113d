"""JSON-LD (schema.org) for search engines, built as plain dicts and written into the page by
the `json_ld` filter as a data block (`<script type="application/ld+json">`), which browsers
never execute. The core builds the breadcrumbs every page has; the apps build their own types
(pages.structured_data, faq.structured_data) with `absolute`.
"""


def absolute(request, url):
    return request.build_absolute_uri(url)


def breadcrumbs(request, crumbs):
    items = []
    for position, (label, url) in enumerate(crumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": str(label)}
        item["item"] = absolute(request, url or request.path)
        items.append(item)
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
