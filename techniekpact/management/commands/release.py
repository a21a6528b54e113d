"""The release steps every container start runs (bin/start): migrate, load the initial content
into an empty database, set up the editor roles.

Several containers may start at once: on PostgreSQL an advisory lock lets one of them do the
work while the others wait, then find nothing left to do (every step is idempotent).
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# Any fixed number: the same one in every container.
LOCK_ID = 20130513


@contextmanager
def release_lock():
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])


class Command(BaseCommand):
    help = "Migrate, load the initial content if the database is empty, set up the roles."

    def handle(self, *args, **options):
        with release_lock():
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
            call_command("load_content", verbosity=options["verbosity"])
            call_command("setup_roles", verbosity=options["verbosity"])
