"""Events as iCalendar (RFC 5545), built with the `icalendar` library.

Timed events carry their Amsterdam time with a TZID and the calendar its VTIMEZONE, so calendar
apps show the right hour on both sides of a daylight-saving change; all-day events are dates
(DTEND the day after the last day, as RFC 5545 wants).
"""

from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from techniekpact.markup import plain_text, strip_inline

from .models import AMSTERDAM


def uid(request, event):
    return f"event-{event.pk}@{request.get_host().split(':')[0]}"


def to_component(request, event, icalendar):
    component = icalendar.Event()
    component.add("uid", uid(request, event))
    component.add("dtstamp", timezone.now())
    component.add("last-modified", event.updated_at)
    component.add("summary", event.title)
    if event.all_day:
        component.add("dtstart", event.first_day)
        component.add("dtend", event.last_day + timedelta(days=1))
    else:
        component.add("dtstart", event.local_start)
        component.add("dtend", event.local_end)
    url = request.build_absolute_uri(event.get_absolute_url())
    component.add("url", url)
    # ORGANIZER must be an address (mailto:): the organiser's name goes into the text instead.
    organiser = gettext("Organiser: %(organiser)s") % {"organiser": strip_inline(event.organiser)}
    description = f"{plain_text(event.description)}\n\n{organiser}"
    if event.registration_url:
        description = f"{description}\n\n{event.registration_url}"
    component.add("description", f"{description}\n\n{url}".strip())
    place = ", ".join(part for part in (event.location_name, event.location_address) if part)
    if event.is_online:
        place = ", ".join(part for part in (place, event.online_url) if part)
    if place:
        component.add("location", icalendar.vText(place))
    return component


def build(request, events, name):
    # Imported here, not at the top: icalendar takes about 0.4 s to import, which every
    # worker's first page would otherwise pay (the URL configuration imports this module).
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Techniekpact//Events//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(AMSTERDAM))
    for event in events:
        calendar.add_component(to_component(request, event, icalendar))
    # A VTIMEZONE for every TZID used (Europe/Amsterdam): needed by RFC 5545.
    calendar.add_missing_timezones()
    return calendar


def response(request, events, filename, name):
    reply = HttpResponse(
        build(request, events, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    reply["Content-Disposition"] = f'attachment; filename="{filename}"'
    return reply
