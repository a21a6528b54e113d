from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regions.geo import render_fragment

FRAGMENT = Path("templates") / "includes" / "landsdelen_map.svg.html"


def fragment_path() -> Path:
    return Path(settings.BASE_DIR) / FRAGMENT


class Command(BaseCommand):
    help = (
        "Write the SVG map of the five landsdelen (merged from the CBS COROP areas in "
        f"regions/data/) to {FRAGMENT}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with an error if the file on disk is missing or differs "
            "from what would be written.",
        )

    def handle(self, *args, check=False, **options):
        path = fragment_path()
        content = render_fragment()
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if check:
            if current is None:
                raise CommandError(f"{path} is missing. Run `python manage.py build_map`.")
            if current != content:
                raise CommandError(
                    f"{path} is out of date: it differs from what regions/geo.py builds from "
                    "regions/data/. Run `python manage.py build_map` and commit the result."
                )
            self.stdout.write(f"{path} is up to date.")
            return
        if current == content:
            self.stdout.write(f"{path} is already up to date ({len(content.encode())} bytes).")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({len(content.encode())} bytes)."))
