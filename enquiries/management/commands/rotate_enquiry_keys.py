"""After putting a new key in front of ENQUIRY_ENCRYPTION_KEYS: re-encrypt every request with
it, so the old key can be removed."""

from django.core.management.base import BaseCommand

from enquiries import services


class Command(BaseCommand):
    help = "Re-encrypt all requests with the first key in ENQUIRY_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        rewritten = services.rotate_keys()
        self.stdout.write(f"Re-encrypted {rewritten} request(s).")
