"""Mail each content owner the items they own that are due for a check, once per review date.

Safe to run every day (cron, or Django's task framework): an owner already reminded of an item
for its current review date is not mailed about it again; after a check or a published change
the item gets a new review date, and a new reminder when that one comes."""

from django.core.management.base import BaseCommand
from django.db import transaction

from techniekpact import notifications, workflow
from techniekpact.models import ReviewReminder


class Command(BaseCommand):
    help = "Mail content owners the items that are due for a check (each reminder once)."

    def handle(self, *args, **options):
        per_user = {}
        for obj, due_on in workflow.due_for_review():
            for user in obj.owners():
                per_user.setdefault(user, []).append((obj, due_on))
        sent_to = 0
        for user, items in per_user.items():
            if not user.email:
                continue
            with transaction.atomic():
                new = []
                for obj, due_on in items:
                    _reminder, created = ReviewReminder.objects.get_or_create(
                        content_type=workflow.content_type_of(obj),
                        object_id=obj.pk,
                        user=user,
                        due_on=due_on,
                    )
                    if created:
                        new.append(obj)
                if not new:
                    continue
                entries = [
                    {
                        "item": obj,
                        "kind": obj._meta.verbose_name,
                        "due_on": obj.review_due_on,
                        "url": notifications.admin_url(
                            f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", obj.pk
                        ),
                    }
                    for obj in new
                ]
                sent = notifications.mail_users(
                    [user], "techniekpact/email/review_reminder", {"items": entries}
                )
                if not sent:
                    # Not mailed: forget the reminders so that the next run tries again.
                    transaction.set_rollback(True)
                    self.stderr.write(f"Could not mail {user.email}; will try again next run.")
                    continue
            sent_to += 1
            self.stdout.write(f"Mailed {user.email}: {len(new)} item(s) due for a check.")
        if not sent_to:
            self.stdout.write("No reminders to send: every owner of an overdue item was mailed.")
