"""Load the site's initial content from fixtures/, but only into an empty database.

Editors change content in the admin afterwards; running this again (every `make run`) must never
overwrite their work. `--reset` replaces all content with the fixtures, on purpose.
"""

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

# Load order follows the foreign keys.
FIXTURES = ["regions.json", "pages.json", "faq.json"]

CONTENT_MODELS = [
    "faq.Question",
    "faq.Category",
    "regions.Programme",
    "regions.Coverage",
    "regions.Landsdeel",
    "regions.Province",
    "pages.Page",
    "pages.Partner",
    "pages.Goal",
    "pages.Milestone",
    "pages.Pact",
]


class Command(BaseCommand):
    help = "Load the initial content (fixtures/) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete all content and load the fixtures again (editors' changes are lost).",
        )

    def handle(self, *args, reset=False, **options):
        models = [apps.get_model(label) for label in CONTENT_MODELS]
        with transaction.atomic():
            if reset:
                for model in models:
                    model.objects.all().delete()
            elif any(model.objects.exists() for model in models):
                self.stdout.write(
                    "Content already present: nothing loaded (use --reset to reload)."
                )
                return
            paths = [str(settings.BASE_DIR / "fixtures" / name) for name in FIXTURES]
            call_command("loaddata", *paths, verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS("Content loaded from fixtures/."))
