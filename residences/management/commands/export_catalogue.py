import json
import sys

from django.core.management.base import BaseCommand

from residences.importexport.exporting import export_catalogue


class Command(BaseCommand):
    help = (
        "Exporteer alle zorgaanbieders en woonlocaties als JSON "
        "(zie residences/schema/catalogue.schema.json), naar een bestand of naar stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Pad van het JSON-bestand (anders stdout)")

    def handle(self, *args, file=None, **options):
        data = export_catalogue()
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if file:
            with open(file, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            residences = sum(len(provider["residences"]) for provider in data["providers"])
            self.stderr.write(
                f"{len(data['providers'])} zorgaanbieders en {residences} woonlocaties "
                f"geschreven naar {file}."
            )
        else:
            sys.stdout.write(text + "\n")
