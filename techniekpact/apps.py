from django.apps import AppConfig


class TechniekpactConfig(AppConfig):
    """The project package is an app too, for its template tags and management commands."""

    name = "techniekpact"
    verbose_name = "Techniekpact"

    def ready(self):
        from techniekpact.cache import connect_signals

        connect_signals()

        from techniekpact import signals

        signals.connect_signals()
