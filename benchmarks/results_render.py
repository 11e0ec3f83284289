"""Time the results page as a visitor gets it: N renders of one page with 20 result cards.

    .venv/bin/python benchmarks/results_render.py [--renders 50] [--database-url postgres://...]

A fresh database of its own (benchmarks/django_setup.py) with 400 generated residences in the
database index; the page is requested once to warm the caches, then timed through Django's test
client (middleware, view, search, templates; no network, no test instrumentation). Prints the
median and p95 in ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = {
    "plain": "/zoeken/",
    "musts+wishes": (
        "/zoeken/?plaats=Rotterdam&afstand=50&doelgroep=verstandelijke-beperking"
        "&wens=facilities:tuin:2&wens=environment:rustig:3"
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--database-url", default=None)
    arguments = parser.parse_args()

    from benchmarks.django_setup import setup_django

    vendor = setup_django(arguments.database_url, prefix="woonvinder-render-")
    from datetime import date

    from django.test import Client

    from search import synthetic
    from search.backends.database import DatabaseBackend

    # No setup_test_environment(): it instruments every template render, which production
    # does not do. The test settings allow the test client's host.
    DatabaseBackend().upsert(synthetic.documents(400, seed=11, today=date.today()))
    client = Client()
    print(f"{vendor}, {arguments.renders} renders per page, warm caches")
    for name, url in QUERIES.items():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        cards = response.content.count(b'class="result-card"')
        times, cpu_times = [], []
        for _ in range(arguments.renders):
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        # CPU time: on a shared, loaded machine it varies far less than the wall clock.
        print(
            f"{name:>14}: {cards} cards, median {statistics.median(times):6.1f} ms,"
            f" p95 {p95:6.1f} ms, median CPU {statistics.median(cpu_times):6.1f} ms"
        )


if __name__ == "__main__":
    main()
