from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.second_factor import reset_second_factor


class Command(BaseCommand):
    help = (
        "Remove every second factor (passkeys, authenticator apps, backup codes) of a user, "
        "for example after a lost phone. At their next login they set up a new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user with the username {username!r}.") from None
        removed = reset_second_factor(user)
        self.stdout.write(
            f"Removed {removed} second-factor device(s) of {username}. They log in with their "
            "password and set up a new second factor straight away."
        )
