from django.apps import AppConfig


class TechniekpactConfig(AppConfig):
    """The core: what every content app stands on (publishing, old addresses, the content
    version and page cache, the base admin and view mixins, markup, roles). It imports no app;
    the apps declare their content to it (`techniekpact.content`)."""

    name = "techniekpact"
    verbose_name = "Techniekpact"

    def ready(self):
        # Here, not at import: both need the models of every app to be loaded.
        from techniekpact import admin_icons, content_version, signals

        content_version.connect_signals()
        signals.connect_signals()
        # The admin's yes/no icons with a text in the admin's language, not alt="True".
        admin_icons.install()
