"""Daily from cron: archive idle clients and delete those idle for too long (settings
WORKSPACE_ARCHIVE_AFTER_DAYS and WORKSPACE_DELETE_AFTER_DAYS)."""

from django.core.management.base import BaseCommand

from workspace import services


class Command(BaseCommand):
    help = "Archive clients without activity for a year; delete them after two."

    def handle(self, *args, **options):
        archived, deleted = services.apply_retention()
        self.stdout.write(f"Archived {archived} clients, deleted {deleted}.")
