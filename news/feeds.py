"""Atom feeds of the news (all of it, and per landsdeel), with Django's syndication framework.

The feed says its language (`xml:lang`); a Dutch-only item in the English feed says it is
Dutch on its own entry.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from regions.models import Landsdeel

from .models import NewsItem

FEED_SIZE = 20


class LanguageAtomFeed(Atom1Feed):
    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class NewsFeed(Feed):
    feed_type = LanguageAtomFeed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response

    def title(self, obj=None):
        return _("Technology Pact news")

    def subtitle(self, obj=None):
        return _("News from the Technology Pact, national and from the five regions.")

    def link(self, obj=None):
        return reverse("news:news_list")

    def author_name(self, obj=None):
        return _("Technology Pact")

    def items(self, obj=None):
        return NewsItem.objects.published().select_related("landsdeel")[:FEED_SIZE]

    def item_title(self, item):
        if item.shown_in_dutch:
            return f"{item.title} ({_('in Dutch')})"
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        # Stable whatever the slug becomes.
        return f"tag:{self.host},2026:news-{item.pk}"

    def item_categories(self, item):
        return [item.landsdeel.name] if item.landsdeel else [_("National")]

    def item_extra_kwargs(self, item):
        return {"language": item.content_language if item.shown_in_dutch else None}

    def get_object(self, request, *args, **kwargs):
        self.host = request.get_host().split(":")[0]
        return None


class LandsdeelNewsFeed(NewsFeed):
    def get_object(self, request, slug):
        super().get_object(request)
        return get_object_or_404(Landsdeel.objects.published(), slug=slug)

    def title(self, obj):
        return _("Technology Pact news: %(landsdeel)s") % {"landsdeel": obj.name}

    def subtitle(self, obj):
        return _("News from the Technology Pact in %(landsdeel)s.") % {"landsdeel": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        items = NewsItem.objects.published().filter(landsdeel=obj).select_related("landsdeel")
        return items[:FEED_SIZE]
