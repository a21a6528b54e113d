"""/sitemap.xml: every public page in both languages, with hreflang alternates.

Items come from the same published() querysets as the views, so a draft is never listed.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from faq.models import Question
from pages.models import Goal, Page, Partner
from regions.models import Landsdeel


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(TranslatedSitemap):
    """The fixed pages; lastmod is the newest change among the content they show."""

    sections = {
        "pages:home": None,
        "pages:about": None,
        "pages:goal_list": Goal,
        "regions:list": Landsdeel,
        "pages:partners": Partner,
        "faq:index": Question,
    }

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
    model = None

    def items(self):
        return self.model.objects.published()

    def lastmod(self, obj):
        return obj.updated_at


class GoalSitemap(PublishedSitemap):
    model = Goal


class LandsdeelSitemap(PublishedSitemap):
    model = Landsdeel


class PageSitemap(PublishedSitemap):
    model = Page


SITEMAPS = {
    "sections": SectionSitemap,
    "goals": GoalSitemap,
    "regions": LandsdeelSitemap,
    "pages": PageSitemap,
}
