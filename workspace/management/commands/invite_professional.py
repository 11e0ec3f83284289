"""Invite a professional from the command line (the organisation is created when new)."""

from django.core.management.base import BaseCommand, CommandError

from workspace import accounts
from workspace.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = "Invite a professional by e-mail: they get a one-time link to choose a password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--organisation", required=True)
        parser.add_argument("--kind", choices=OrganisationKind.values, default="anders")

    def handle(self, *args, email, organisation, kind, **options):
        organisation, _created = Organisation.objects.get_or_create(
            name=organisation, defaults={"kind": kind}
        )
        try:
            _professional, sent = accounts.invite_professional(
                email=email, organisation=organisation
            )
        except accounts.InvitationRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        if not sent:
            raise CommandError("The account exists, but the invitation mail failed.")
        self.stdout.write(f"Invited {email}.")
