#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

# The local development settings `make setup` writes (DJANGO_DEBUG=1 and a generated secret
# key), so that the README's commands work as printed. Only manage.py reads it, and only what
# the environment does not set already; production never does: bin/start sets
# DJANGO_DOTENV=0, gunicorn (config.wsgi) ignores the file and the image has none
# (.dockerignore). The file holds KEY=VALUE lines only; we write it ourselves.
DOTENV = Path(__file__).resolve().parent / ".env"


def read_dotenv():
    if os.environ.get("DJANGO_DOTENV", "1") == "0" or not DOTENV.is_file():
        return
    for line in DOTENV.read_text().splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name and not name.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())


def main():
    read_dotenv()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
