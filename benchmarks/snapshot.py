"""CPU a worker spends bringing its search snapshot up to date after one index write.

    .venv/bin/python benchmarks/snapshot.py --sizes 10000 100000
    .venv/bin/python benchmarks/snapshot.py --database postgres://postgres@127.0.0.1:5432/NAME

It creates its own database (a temporary SQLite file, or the PostgreSQL database named in the
URL, which it drops and recreates), writes N generated residence documents
(search/synthetic.py, seeded) straight into the SearchEntry index, loads the snapshot once and
runs a few searches (so ranking columns and distance caches exist, as in a warm worker). Then,
--writes times over, one residence is written the way an editor's publish writes it (an
update, an insert or a delete, in turn) and it times, in CPU (time.process_time, so the other
processes on a shared machine count less):

- reload: the next `snapshot_for` (what the first search after the write pays before counting);
- first search: the warm-up searches right after the reload (ranking columns, distance and
  "free now" bitsets rebuilt or patched), minus the same searches once more (steady state).

The full load (the first one, and what every reload cost before the incremental reload) is
reported beside them.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.django_setup import setup_django  # noqa: E402 (after the path)

TODAY = date(2025, 6, 2)


def seed(size: int) -> None:
    from django.db import connection

    from search import synthetic
    from search.backends.database import DatabaseBackend
    from search.models import SearchEntry

    SearchEntry.objects.all().delete()
    backend = DatabaseBackend()
    for start in range(0, size, 5000):
        count = min(5000, size - start)
        backend.upsert(synthetic.documents(count, seed=start, today=TODAY, first_id=start + 1))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")


def warm_searches():
    from search.criteria import Criteria, Importance, Sort, Wish

    wishes = [Wish("facilities", "tuin", Importance.IMPORTANT), Wish("environment", "rustig")]
    return [
        Criteria.build(),
        Criteria.build(
            latitude=51.9225,
            longitude=4.4792,
            max_distance_km=10,
            musts={"target_groups": ["vv-pg", "vv-som"]},
            wishes=wishes,
        ),
        Criteria.build(latitude=51.9192, longitude=4.3889, wishes=wishes, sort=Sort.DISTANCE),
        Criteria.build(available_only=True, sort=Sort.AVAILABILITY, age=70),
    ]


def cpu(function) -> float:
    started = time.process_time()
    function()
    return (time.process_time() - started) * 1000


def run(size: int, writes: int) -> dict:
    from search import synthetic
    from search.backends import snapshot_updates
    from search.backends.database import DatabaseBackend
    from search.backends.database_facets import index_generation

    seed(size)
    backend = DatabaseBackend()
    searches = warm_searches()

    def search_all():
        for criteria in searches:
            backend.search(criteria, today=TODAY)

    def reload():
        assert snapshot_updates.snapshot_for(index_generation()) is not None

    snapshot_updates.forget_snapshot()
    gc.collect()
    full = cpu(reload)
    search_all()
    reloads, first_searches = [], []
    fresh = iter(synthetic.documents(writes, seed=99, today=TODAY, first_id=size + 1))
    for write in range(writes):
        document = next(fresh)
        if write % 3 == 0:  # an editor's update of an existing residence
            document = {**document, "id": 1 + (write * 7919) % size}
            backend.upsert([document])
        elif write % 3 == 1:  # a new residence
            backend.upsert([document])
        else:  # an unpublished one
            backend.delete([1 + (write * 104729) % size])
        gc.collect()
        reloads.append(cpu(reload))
        after_write = cpu(search_all)
        steady = cpu(search_all)
        first_searches.append(after_write - steady)
    snapshot = snapshot_updates.current_snapshot()
    return {
        "full": full,
        "reloads": reloads,
        "first_searches": first_searches,
        "megabytes": snapshot.nbytes() / 1e6,
    }


def describe(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--database", help="postgres://... (default: a temporary SQLite file)")
    parser.add_argument("--writes", type=int, default=9)
    arguments = parser.parse_args()
    vendor = setup_django(arguments.database, prefix="woonvinder-snapshot-")
    print(f"database: {vendor}; CPU ms, median (min–max) over {arguments.writes} writes")
    print(
        "| residences | full load | reload after one write | extra CPU of the next searches "
        "| snapshot MB |"
    )
    print("|---:|---:|---:|---:|---:|")
    for size in arguments.sizes:
        result = run(size, arguments.writes)
        print(
            f"| {size:,} | {result['full']:.0f} | {describe(result['reloads'])} "
            f"| {describe(result['first_searches'])} | {result['megabytes']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
