"""JSON-LD (schema.org) for news items (NewsArticle) and events (Event). Built only for
published items: the views leave it out of previews."""

from django.urls import reverse
from django.utils.translation import gettext as _

from techniekpact.markup import plain_text, strip_inline
from techniekpact.structured_data import absolute


def publisher(request):
    return {
        "@type": "Organization",
        "name": _("Technology Pact"),
        "url": absolute(request, reverse("pages:home")),
    }


def news_article(request, item):
    url = absolute(request, item.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.summary,
        "inLanguage": item.content_language,
        "datePublished": item.published_at.isoformat(),
        "dateModified": item.updated_at.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "publisher": publisher(request),
        "author": publisher(request),
    }
    if item.image_large:
        data["image"] = [absolute(request, item.image_large[0])]
    if item.landsdeel:
        data["contentLocation"] = {"@type": "Place", "name": item.landsdeel.name}
    return data


def event(request, event):
    if event.is_online:
        location = {"@type": "VirtualLocation", "url": event.online_url}
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        location = {"@type": "Place", "name": event.location_name or event.location_address}
        if event.location_address:
            location["address"] = event.location_address
        mode = "https://schema.org/OfflineEventAttendanceMode"
    if event.all_day:
        start, end = event.first_day.isoformat(), event.last_day.isoformat()
    else:
        start, end = event.local_start.isoformat(), event.local_end.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": plain_text(event.description)[:500],
        "inLanguage": event.content_language,
        "startDate": start,
        "endDate": end,
        "eventAttendanceMode": mode,
        "eventStatus": "https://schema.org/EventScheduled",
        "location": location,
        "organizer": {"@type": "Organization", "name": strip_inline(event.organiser)},
        "url": absolute(request, event.get_absolute_url()),
    }
    if event.registration_url:
        data["offers"] = {"@type": "Offer", "url": event.registration_url}
    return data
