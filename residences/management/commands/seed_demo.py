from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from residences.demo.seed import (
    DEFAULT_PROVIDERS,
    DEFAULT_RESIDENCES,
    DEFAULT_SEED,
    catalogue_is_empty,
    seed_demo,
)


class Command(BaseCommand):
    help = (
        "Vul de catalogus met een vaste, realistische demo voor de regio Rotterdam-Rijnmond. "
        "Eerdere demodata wordt eerst verwijderd; andere inhoud blijft staan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--residences", type=int, default=DEFAULT_RESIDENCES)
        parser.add_argument("--providers", type=int, default=DEFAULT_PROVIDERS)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--if-empty", action="store_true", help="Alleen als er nog geen woonlocaties zijn"
        )
        parser.add_argument(
            "--skip-index", action="store_true", help="Zoekindex niet opnieuw opbouwen"
        )

    def handle(self, *args, residences, providers, seed, if_empty, skip_index, **options):
        if residences < 0 or providers < 1:
            raise CommandError("Geef 0 of meer woonlocaties en minstens 1 zorgaanbieder.")
        if if_empty and not catalogue_is_empty():
            self.stdout.write("Er zijn al woonlocaties; de demo is niet opnieuw geladen.")
            return
        report = seed_demo(residences=residences, providers=providers, seed=seed)
        self.create_editorial_content()
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.providers} zorgaanbieders en {report.residences} woonlocaties "
                f"aangemaakt in {report.seconds:.1f} s."
            )
        )
        if not skip_index:
            self.rebuild_index()

    def create_editorial_content(self):
        # The information pages, menus and site settings a visitor expects beside the catalogue.
        from pages.demo import create_demo_content
        from pages.models import HomePage

        create_demo_content(HomePage.default_home())

    def rebuild_index(self):
        # The search app's own command: the catalogue does not import search.
        call_command("search_index", "rebuild", stdout=self.stdout)
