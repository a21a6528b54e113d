"""Load the site's initial content from fixtures/, but only into an empty database.

Editors change content in the admin afterwards; running this again (every `make run`) must never
overwrite their work. `--reset` replaces all content with the fixtures, on purpose.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from techniekpact import content
from techniekpact.models import SlugRedirect


class Command(BaseCommand):
    help = "Load the initial content (fixtures/) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete all content and load the fixtures again (editors' changes are lost).",
        )

    def handle(self, *args, reset=False, **options):
        # Every content model and fixture the content apps declare (techniekpact.content).
        models = content.content_models()
        with transaction.atomic():
            if reset:
                kept = self.forget_content(models)
            elif any(model.objects.exists() for model in models):
                self.stdout.write(
                    "Content already present: nothing loaded (use --reset to reload)."
                )
                return
            paths = [str(settings.BASE_DIR / "fixtures" / name) for name in content.fixtures()]
            call_command("loaddata", *paths, verbosity=options["verbosity"])
            if reset:
                for config, state in kept:
                    config.restore_after_reset(state)
        self.stdout.write(self.style.SUCCESS("Content loaded from fixtures/."))

    def forget_content(self, models):
        """Delete all content, and the old addresses that pointed into it. What an app keeps
        over a reset (see ContentAppConfig.keep_over_reset) is returned, to be given back."""
        kept = [(config, config.keep_over_reset()) for config in content.content_apps()]
        SlugRedirect.objects.all().delete()
        for model in models:
            model.objects.all().delete()
        return kept
