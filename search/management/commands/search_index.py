"""manage.py search_index rebuild|check|update [--backend database|elasticsearch|all]

check prints the drift between live residences and each index and exits 1 when there is any,
so a cron job can alert on it; update repairs the drift; rebuild builds every index afresh.
"""

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import BACKENDS, index_backends_named


class Command(BaseCommand):
    help = "Rebuild, check or update the search indexes (database and Elasticsearch)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "update"])
        parser.add_argument(
            "--backend",
            default="all",
            choices=[*BACKENDS, "all"],
            help="Which index; 'all' = the database plus the configured engine (default).",
        )

    def handle(self, *args, action, backend, **options):
        try:
            backends = index_backends_named(backend)
        except Exception as error:
            raise CommandError(f"Cannot load search backend {backend!r}: {error}") from error
        try:
            getattr(self, f"run_{action}")(backends)
        except CommandError:
            raise
        except Exception as error:
            raise CommandError(f"search_index {action} failed: {error}") from error

    def run_rebuild(self, backends):
        for name, count in indexing.rebuild_index(backends).items():
            self.stdout.write(f"{name}: rebuilt with {count} residences")

    def run_check(self, backends):
        drifted = False
        for name, drift in indexing.check_index(backends).items():
            self.stdout.write(f"{name}: {drift.summary()}")
            self._details(drift)
            drifted = drifted or bool(drift)
        if drifted:
            self.stderr.write("Drift found; run `manage.py search_index update` to repair it.")
            raise SystemExit(1)

    def run_update(self, backends):
        for name, drift in indexing.update_index(backends).items():
            self.stdout.write(f"{name}: repaired {drift.summary()}")

    def _details(self, drift):
        for label, ids in (
            ("missing", drift.missing),
            ("stale", drift.stale),
            ("orphaned", drift.orphaned),
        ):
            if ids:
                shown = ", ".join(str(page_id) for page_id in ids[:20])
                more = f" and {len(ids) - 20} more" if len(ids) > 20 else ""
                self.stdout.write(f"  {label} page ids: {shown}{more}")
