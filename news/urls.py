from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "news"

urlpatterns = [
    path(_("news/"), views.NewsListView.as_view(), name="news_list"),
    path(format_lazy("{}feed/", _("news/")), feeds.NewsFeed(), name="news_feed"),
    path(
        format_lazy("{}<slug:slug>/", _("news/")),
        views.NewsDetailView.as_view(),
        name="news_detail",
    ),
    path(_("events/"), views.EventListView.as_view(), name="event_list"),
    path(format_lazy("{}{}", _("events/"), _("events.ics")), views.events_ics, name="events_ics"),
    path(
        format_lazy("{}<slug:slug>.ics", _("events/")),
        views.event_ics,
        name="event_ics",
    ),
    path(
        format_lazy("{}<slug:slug>/", _("events/")),
        views.EventDetailView.as_view(),
        name="event_detail",
    ),
    # Per landsdeel, under the landsdeel's own address.
    path(
        format_lazy("{}<slug:slug>/feed/", _("regions/")),
        feeds.LandsdeelNewsFeed(),
        name="landsdeel_feed",
    ),
    path(
        format_lazy("{}<slug:slug>/{}", _("regions/"), _("events.ics")),
        views.landsdeel_events_ics,
        name="landsdeel_events_ics",
    ),
]
