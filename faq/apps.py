from django.utils.translation import gettext_lazy as _

from techniekpact import content


class FaqConfig(content.ContentAppConfig):
    name = "faq"
    verbose_name = _("Frequently asked questions")

    content_models = ("Question", "Category")
    # No redirects: a question's slug is only an #anchor on the FAQ page.
    fixture = "faq.json"
    fixture_order = 30
    sitemaps = {"faq-sections": "faq.sitemaps.FaqSectionSitemap"}
    search_documents = "faq.search.documents"
