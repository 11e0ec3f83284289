"""manage.py search_index rebuild|check|update [--backend database|elasticsearch|all]

check prints the drift between live residences and each index and exits 1 when there is any,
so a cron job can alert on it; for Elasticsearch it also checks the server's version and the
live mapping and settings against the code's. update repairs the drift; rebuild builds every
index afresh (one at a time: a second rebuild of the same index stops at once).

Elasticsearch is reached through the operator's client (longer timeouts, and
ELASTICSEARCH_OPERATOR_API_KEY when set), never the 2-second visitor client.
"""

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import BACKENDS, index_backends_named


def operator_backend(backend):
    """The operator's view of a backend, where it has one (Elasticsearch)."""
    operator = getattr(backend, "operator", None)
    return operator() if operator is not None else backend


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
            backends = [operator_backend(found) for found in index_backends_named(backend)]
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
        for found in backends:
            problems = found.server_problems() if hasattr(found, "server_problems") else []
            for problem in problems:
                self.stdout.write(f"{found.name}: {problem}")
            drifted = drifted or bool(problems)
        for name, drift in indexing.check_index(backends).items():
            self.stdout.write(f"{name}: {drift.summary()}")
            self._details(drift)
            drifted = drifted or bool(drift)
        if drifted:
            self.stderr.write(
                "Drift found; run `manage.py search_index update` to repair documents, "
                "`rebuild` for a mapping or settings difference."
            )
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
