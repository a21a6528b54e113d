"""Sitemap building blocks for the content apps (each declares its own in `sitemaps`, see
techniekpact.content; config/urls.py puts them together for /sitemap.xml).

Items come from the same published() querysets as the views, so a draft is never listed.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse


class TranslatedSitemap(Sitemap):
    """Every address in both languages, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(TranslatedSitemap):
    """An app's fixed pages: {URL name: the model whose newest published change is the page's
    lastmod, or None}."""

    sections = {}

    def items(self):
        return list(self.sections)

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        model = self.sections[item]
        if model is None:
            return None
        return model.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class PublishedSitemap(TranslatedSitemap):
    """Every published item of `model`, at its own address."""

    model = None

    def items(self):
        return self.model.objects.published()

    def lastmod(self, obj):
        return obj.updated_at
