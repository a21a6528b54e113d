from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search over what the content apps offer (`search_documents` in their AppConfig,
    see techniekpact.content); it knows no model itself."""

    name = "search"
    verbose_name = _("Search")
