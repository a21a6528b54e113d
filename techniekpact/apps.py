from django.apps import AppConfig


class TechniekpactConfig(AppConfig):
    """The project package is an app too, for its template tags and management commands."""

    name = "techniekpact"
    verbose_name = "Techniekpact"
