"""What the browser tests share: Debian's Chromium, viewports, axe-core rules, the HTML checker."""

import os
from pathlib import Path

from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS = Path(settings.BASE_DIR) / "test-results"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VNU = (
    Path(settings.BASE_DIR)
    / "tests"
    / "browser"
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)
