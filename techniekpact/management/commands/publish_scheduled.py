"""Publish the draft changes whose "publish at" moment has come. Run it every few minutes
(cron or Django's task framework); running it more often or twice is harmless."""

from django.core.management.base import BaseCommand

from techniekpact import workflow


class Command(BaseCommand):
    help = "Publish draft changes scheduled for now or earlier."

    def handle(self, *args, **options):
        published = workflow.publish_due()
        for obj in published:
            self.stdout.write(f"Published {obj._meta.verbose_name}: {obj}")
        if not published:
            self.stdout.write("Nothing scheduled to publish now.")
