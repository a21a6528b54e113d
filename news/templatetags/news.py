"""Small pieces of news and events for other apps' pages (home, landsdeel), without those
views having to know this app: `{% load news %}` and one tag."""

from django import template
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from ..models import Event, NewsItem

register = template.Library()

HOME_ITEMS = 3
LANDSDEEL_ITEMS = 3


@register.inclusion_tag("news/includes/landsdeel_news.html", takes_context=True)
def landsdeel_news(context, landsdeel):
    """The landsdeel's latest news and next events (published only)."""
    news = NewsItem.objects.published().filter(landsdeel=landsdeel)
    events = Event.objects.published().upcoming().filter(landsdeel=landsdeel)
    return {
        "landsdeel": landsdeel,
        "news": list(news.select_related("landsdeel")[:LANDSDEEL_ITEMS]),
        "events": list(events.select_related("landsdeel")[:LANDSDEEL_ITEMS]),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.inclusion_tag("news/includes/home_news.html", takes_context=True)
def home_news(context):
    """The latest national and regional news and the next events (published only)."""
    # One query for both lists: the newest few of each kind, numbered within their kind.
    rank = Window(
        RowNumber(),
        partition_by=[Q(landsdeel__isnull=True)],
        order_by=[F("published_on").desc(), F("pk").desc()],
    )
    latest = list(
        NewsItem.objects.published()
        .select_related("landsdeel")
        .annotate(rank=rank)
        .filter(rank__lte=HOME_ITEMS)
        .order_by("-published_on", "-pk")
    )
    return {
        "national": [item for item in latest if item.landsdeel_id is None],
        "regional": [item for item in latest if item.landsdeel_id is not None],
        "events": list(
            Event.objects.published().upcoming().select_related("landsdeel")[:HOME_ITEMS]
        ),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.inclusion_tag("news/includes/feed_links.html")
def news_feed_links(landsdeel=None):
    """<link rel="alternate"> for the news feed and the events calendar (of a landsdeel)."""
    return {"landsdeel": landsdeel}
