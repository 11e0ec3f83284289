"""After putting a new key in front of ENQUIRY_ENCRYPTION_KEYS (and running
rotate_enquiry_keys): re-encrypt the workspace's client data with it, so the old key can go."""

from django.core.management.base import BaseCommand

from workspace import services


class Command(BaseCommand):
    help = "Re-encrypt the workspace's client data with the first key in ENQUIRY_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        self.stdout.write(f"Re-encrypted {services.rotate_keys()} row(s).")
