"""Cheap safety nets: migrations, the Dutch catalogue, the content fixtures and their loader."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db

PO_FILE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
# Apps may keep their own catalogue (<app>/locale/nl/...): each is checked the same way.
PO_FILES = [PO_FILE, *sorted(Path(settings.BASE_DIR).glob("*/locale/nl/LC_MESSAGES/django.po"))]


def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda path: str(path.parent.parent.parent))
def test_dutch_catalogue_is_complete(po_file):
    """No untranslated and no fuzzy entries, checked with GNU msgfmt as compilemessages does."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is required, as for compilemessages"
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    # msgfmt mentions untranslated and fuzzy entries on its statistics line when there are any.
    statistics = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages\.", statistics), result.stderr


def test_known_strings_are_translated():
    with translation.override("nl"):
        assert translation.gettext("Frequently asked questions") == "Veelgestelde vragen"
        assert translation.gettext("Skip to main content") == "Direct naar de inhoud"
    with translation.override("en"):
        assert translation.gettext("Frequently asked questions") == "Frequently asked questions"
