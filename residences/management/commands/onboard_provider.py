from django.core.management.base import BaseCommand, CommandError

from residences import taxonomy
from residences.onboarding import onboard_provider


class Command(BaseCommand):
    help = (
        "Meld een zorgaanbieder aan: pagina, redacteurengroep met rechten op alleen die pagina's, "
        "eigen collectie voor foto's en documenten, en beoordeling door de regiocoördinatoren. "
        "Nieuwe redacteuren krijgen een uitnodiging per e-mail om een wachtwoord te kiezen. "
        "Opnieuw uitvoeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Naam van de zorgaanbieder")
        parser.add_argument(
            "--region", default=taxonomy.Region.ROTTERDAM, choices=taxonomy.Region.values
        )
        parser.add_argument(
            "--editor", action="append", default=[], dest="editors", metavar="E-MAIL",
            help="E-mailadres van een redacteur (mag vaker)",
        )
        parser.add_argument("--external-id", default=None)
        parser.add_argument(
            "--publish", action="store_true",
            help="Publiceer de aanbiederspagina meteen (anders blijft het een concept)",
        )

    def handle(self, *args, name, region, editors, external_id, publish, **options):
        try:
            result = onboard_provider(
                name=name, region=region, editors_emails=editors,
                external_id=external_id, publish=publish,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        provider, group = result.provider, result.editor_group
        state = "aangemaakt" if "provider-page" in result.created else "bestond al"
        self.stdout.write(f"Zorgaanbieder {provider.title!r} (pagina {provider.pk}): {state}.")
        self.stdout.write(f"Groep: {group.name}; collectie: {result.collection.name}.")
        for user in result.editors:
            if user in result.invited:
                self.stdout.write(f"Redacteur: {user.email} (uitnodiging verstuurd)")
            elif user in result.invitation_failures:
                self.stderr.write(
                    f"Redacteur: {user.email}: de uitnodiging kon niet worden verstuurd; "
                    "stuur haar opnieuw vanuit de beheeromgeving (Uitnodigingen)."
                )
            else:
                self.stdout.write(f"Redacteur: {user.email}")
        if not result.changed:
            self.stdout.write("Niets veranderd.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{len(result.created)} onderdelen toegevoegd."))
