from django.utils.translation import gettext_lazy as _

from techniekpact import content


class NewsConfig(content.ContentAppConfig):
    name = "news"
    verbose_name = _("News and events")

    content_models = ("NewsItem", "Event")
    redirected_models = ("NewsItem", "Event")
    fixture = "news.json"
    # After regions and pages: items point to landsdelen and goals.
    fixture_order = 40
    sitemaps = {
        "news-sections": "news.sitemaps.NewsSectionSitemap",
        "news": "news.sitemaps.NewsItemSitemap",
        "events": "news.sitemaps.EventSitemap",
    }
    search_documents = "news.search.documents"
    # The project team gets every permission on these models (content_models); a coordinator
    # manages the news and events of their own landsdeel (scope: news.admin).
    role_permissions = {
        content.COORDINATOR: [
            f"news.{action}_{model}"
            for model in ("newsitem", "event")
            for action in ("view", "add", "change", "delete")
        ],
    }
