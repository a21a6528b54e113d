from django.core.management.base import BaseCommand

from techniekpact.roles import ROLES, ensure_roles


class Command(BaseCommand):
    help = (
        "Create or update the editors' groups (Projectteam, Regiocoördinator) and their "
        "permissions. Safe to run again."
    )

    def handle(self, *args, **options):
        for name, created in ensure_roles().items():
            state = "created" if created else "updated"
            count = len(ROLES[name]())
            self.stdout.write(f"{name}: {state} ({count} permissions)")
