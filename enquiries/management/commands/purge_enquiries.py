"""Run daily from cron: deletes requests past their retention (settings.REQUEST_RETENTION_DAYS
after closing, settings.REQUEST_UNTOUCHED_DAYS without any change)."""

from django.core.management.base import BaseCommand

from enquiries import services


class Command(BaseCommand):
    help = "Delete requests to residences that are past their retention period."

    def handle(self, *args, **options):
        deleted = services.purge()
        self.stdout.write(f"Deleted {deleted} request(s).")
