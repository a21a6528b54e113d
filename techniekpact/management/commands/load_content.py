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
                memberships = self.forget_content(models)
            elif any(model.objects.exists() for model in models):
                self.stdout.write(
                    "Content already present: nothing loaded (use --reset to reload)."
                )
                return
            paths = [str(settings.BASE_DIR / "fixtures" / name) for name in FIXTURES]
            call_command("loaddata", *paths, verbosity=options["verbosity"])
            if reset:
                self.restore_memberships(memberships)
        self.stdout.write(self.style.SUCCESS("Content loaded from fixtures/."))

    def forget_content(self, models):
        """Delete all content, and the old addresses that pointed into it. Who coordinates
        which landsdeel is access, not content: it is returned, to be given back."""
        membership = apps.get_model("regions.RegionMembership")
        memberships = list(membership.objects.values_list("user_id", "landsdeel__code"))
        apps.get_model("techniekpact.SlugRedirect").objects.all().delete()
        for model in models:
            model.objects.all().delete()
        return memberships

    def restore_memberships(self, memberships):
        membership = apps.get_model("regions.RegionMembership")
        landsdelen = {ld.code: ld for ld in apps.get_model("regions.Landsdeel").objects.all()}
        for user_id, code in memberships:
            if code in landsdelen:
                membership.objects.get_or_create(user_id=user_id, landsdeel=landsdelen[code])
