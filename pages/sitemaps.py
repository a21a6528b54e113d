from techniekpact.sitemaps import PublishedSitemap, SectionSitemap

from .models import Goal, Page, Partner


class PagesSectionSitemap(SectionSitemap):
    sections = {
        "pages:home": None,
        "pages:about": None,
        "pages:goal_list": Goal,
        "pages:partners": Partner,
    }


class GoalSitemap(PublishedSitemap):
    model = Goal


class PageSitemap(PublishedSitemap):
    model = Page
