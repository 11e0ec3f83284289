"""Warm response times of Wagtail pages through the whole Django stack (middleware, Wagtail's
serve route, templates, the cache), with Django's test client on a fresh SQLite demo database.

    .venv/bin/python benchmarks/pages.py --requests 200

Prints p50 and p95 in milliseconds for the home page, a residence page, and the same residence
page with a search in its address (as visitors arrive from the results). Runs the same on an
older checkout, so two versions can be compared in one session.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEARCH_QUERY = "plaats=Rotterdam&afstand=15&doelgroep=vv-pg"


def setup(residences: int) -> None:
    path = Path(tempfile.mkdtemp(prefix="woonvinder-pages-")) / "pages.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", residences=residences, verbosity=0)


def timings(client, url: str, requests: int, warm_up: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per request (CPU time says more on a busy machine)."""
    for _ in range(warm_up):
        assert client.get(url).status_code == 200, url
    wall, cpu = [], []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, url
    return wall, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warm-up", type=int, default=20)
    parser.add_argument("--residences", type=int, default=200)
    arguments = parser.parse_args()
    setup(arguments.residences)

    from django.test import Client

    from residences.models import ResidencePage

    residence = ResidencePage.objects.live().order_by("pk").first()
    pages = {
        "home page": "/",
        "residence page": residence.url,
        "residence page with a search": f"{residence.url}?{SEARCH_QUERY}",
    }
    client = Client()
    print(f"{'page':<30} {'p50 ms':>8} {'p95 ms':>8} {'CPU p50':>8} {'CPU p95':>8}")
    for name, url in pages.items():
        wall, cpu = timings(client, url, arguments.requests, arguments.warm_up)
        print(
            f"{name:<30} {statistics.median(wall):>8.2f} {percentile(wall, 0.95):>8.2f} "
            f"{statistics.median(cpu):>8.2f} {percentile(cpu, 0.95):>8.2f}"
        )


if __name__ == "__main__":
    main()
