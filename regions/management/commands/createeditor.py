"""Give someone access to the admin as project team member or regional coordinator."""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from regions.models import Landsdeel, RegionMembership
from techniekpact.roles import COORDINATOR, PROJECTTEAM, ensure_roles

PASSWORD_ENV = "DJANGO_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create or update a staff user with a role: --projectteam (edits all content) or "
        "--landsdeel CODE (a regional coordinator; repeat for more landsdelen). The password "
        f"comes from ${PASSWORD_ENV} or is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        role = parser.add_mutually_exclusive_group(required=True)
        role.add_argument("--projectteam", action="store_true", help="Member of the project team.")
        role.add_argument(
            "--landsdeel",
            action="append",
            metavar="CODE",
            help=(
                "The landsdeel the user coordinates: its fixed code (noord, oost, zuidoost, "
                "zuidwest, noordwest) or its current slug in either language."
            ),
        )

    def handle(self, *args, username, email, projectteam, landsdeel, **options):
        landsdelen = self.get_landsdelen(landsdeel or [])
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        user.email = email
        user.is_staff = True
        user.is_active = True
        password = self.get_password(user)
        user.set_password(password)
        with transaction.atomic():
            ensure_roles()
            user.save()
            role = PROJECTTEAM if projectteam else COORDINATOR
            user.groups.remove(*Group.objects.filter(name__in=[PROJECTTEAM, COORDINATOR]))
            user.groups.add(Group.objects.get(name=role))
            RegionMembership.objects.filter(user=user).exclude(landsdeel__in=landsdelen).delete()
            for item in landsdelen:
                RegionMembership.objects.get_or_create(user=user, landsdeel=item)
        scope = ", ".join(item.code for item in landsdelen)
        self.stdout.write(
            self.style.SUCCESS(f"{username}: {role}" + (f" ({scope})" if scope else ""))
        )

    def get_landsdelen(self, names):
        """The landsdelen named by their fixed code, or by a current slug (Dutch or English):
        the code keeps working when an editor changes a slug."""
        found, unknown = [], []
        for name in dict.fromkeys(names):
            match = Landsdeel.objects.filter(
                Q(code=name) | Q(slug_nl=name) | Q(slug_en=name)
            ).first()
            (found if match else unknown).append(match or name)
        if unknown:
            valid = ", ".join(Landsdeel.objects.values_list("code", flat=True)) or "(none)"
            raise CommandError(
                f"Unknown landsdeel: {', '.join(unknown)}. Use its code, one of: {valid}."
            )
        return found

    def get_password(self, user):
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return password
