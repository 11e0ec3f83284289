import json

from django.core.management.base import BaseCommand, CommandError

from residences.importexport.importing import import_catalogue


class Command(BaseCommand):
    help = (
        "Importeer zorgaanbieders en woonlocaties uit een JSON-bestand "
        "(zie residences/schema/catalogue.schema.json). Alles wordt eerst gecontroleerd; "
        "bij één fout wordt niets opgeslagen. Opnieuw importeren werkt bij op extern kenmerk."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pad naar het JSON-bestand")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError as error:
            raise CommandError(f"Bestand niet gevonden: {file}") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"Dit is geen geldig JSON-bestand: {error}") from error
        report = import_catalogue(data)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(report.errors)} fout(en) gevonden. Er is niets opgeslagen."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Klaar: {report.created} nieuw, {report.updated} bijgewerkt.")
        )
