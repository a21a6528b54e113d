"""Cheap safety nets: migrations, the Dutch catalogue, the content fixtures and their loader."""

import json
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


ROOT = Path(settings.BASE_DIR)
NPM_LOCKS = [ROOT / "bench" / "package-lock.json", ROOT / "tests" / "browser" / "package-lock.json"]


@pytest.mark.parametrize("lock", NPM_LOCKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_npm_locks_stay_installable(lock):
    """`npm ci` refuses a lock file once a dependency asked for by a dist-tag ("latest") moves
    on: that broke `make lighthouse` on a fresh clone. Such a dependency must be pinned by an
    override in package.json, and the lock must record that override."""
    locked = json.loads(lock.read_text())
    overrides = json.loads((lock.parent / "package.json").read_text()).get("overrides", {})
    tagged = []
    for path, package in locked["packages"].items():
        wanted = {**package.get("dependencies", {}), **package.get("optionalDependencies", {})}
        for name, spec in wanted.items():
            if spec[:1].isalpha() and not spec.startswith(("npm:", "file:", "git", "http")):
                owner = path.rsplit("node_modules/", 1)[-1]
                if name not in overrides.get(owner, {}) and name not in overrides:  # pinned
                    tagged.append(f"{owner} asks for {name}@{spec}")
    assert not tagged
    for owner, pins in overrides.items():
        for name, version in pins.items() if isinstance(pins, dict) else ():
            packages = locked["packages"]
            nested = f"node_modules/{owner}/node_modules/{name}"
            top = packages.get(f"node_modules/{name}", {})
            installed = packages.get(nested, top).get("version")
            assert installed == version, f"{owner} → {name}: locked {installed}, pinned {version}"
