from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from residences.importexport.importing import (
    CatalogueImportFailed,
    import_catalogue,
    read_catalogue,
)


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
            with open(file, "rb") as handle:
                data = read_catalogue(handle, Path(file).name)
        except FileNotFoundError as error:
            raise CommandError(f"Bestand niet gevonden: {file}") from error
        except CatalogueImportFailed as failure:
            self.fail(failure.errors)
        report = import_catalogue(data)
        if not report.ok:
            self.fail(report.errors)
        self.stdout.write(
            self.style.SUCCESS(f"Klaar: {report.created} nieuw, {report.updated} bijgewerkt.")
        )

    def fail(self, errors):
        for error in errors:
            self.stderr.write(str(error))
        raise CommandError(f"{len(errors)} fout(en) gevonden. Er is niets opgeslagen.")
