from django.utils.translation import gettext_lazy as _

from techniekpact import content


class PagesConfig(content.ContentAppConfig):
    name = "pages"
    verbose_name = _("The pact, goals, partners and pages")

    content_models = ("Page", "Partner", "Goal", "Milestone", "Pact")
    redirected_models = ("Goal", "Page")
    fixture = "pages.json"
    fixture_order = 20
    sitemaps = {
        "pages-sections": "pages.sitemaps.PagesSectionSitemap",
        "goals": "pages.sitemaps.GoalSitemap",
        "pages": "pages.sitemaps.PageSitemap",
    }
    search_documents = "pages.search.documents"
