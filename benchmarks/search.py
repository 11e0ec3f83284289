"""Search speed of the database backend against a naive Python baseline.

    .venv/bin/python benchmarks/search.py                       # SQLite, 1k and 10k
    .venv/bin/python benchmarks/search.py --sizes 1000 10000 100000
    .venv/bin/python benchmarks/search.py --database postgres://postgres@127.0.0.1:5432/woonvinder_bench

It creates its own database (a temporary SQLite file, or the PostgreSQL database named in the
URL, which it drops and recreates), so it never touches your data. For each size it writes N
generated residence documents (search/synthetic.py, seeded) straight into the SearchEntry index
through DatabaseBackend.upsert: seeding 100,000 Wagtail pages would take longer than the
measurement, and search only reads the index. `--pages N` instead seeds N real pages through
`seed_demo` and rebuilds the index through the pipeline, and reports how long that took.

Per size it times a fixed set of realistic Criteria (p50/p95 over --repeat runs each, full
search() = page of 20 + total + facets), the naive baseline (load every document from the
index table, filter with ranking.meets_musts, score with ranking.score, sort), and at 10k or
more the full results page over HTTP through Django's test client.

Facet counts and totals are cached per filter and index generation, so repeated runs measure
a warm cache, as most searches on a site are (the same few filters, new wishes or pages).
"cold" times the same search with the cache emptied before every run: a filter nobody used
since the index last changed.

`--clock cpu` times this process's CPU instead of the wall clock, for a busy machine where
other work stretches wall times: on SQLite that is the whole cost of a search; on PostgreSQL
the server's own work is left out.

On PostgreSQL the benchmark runs VACUUM ANALYZE after loading, as autovacuum would after a
bulk load: until then the visibility map is empty and no index-only scan is possible.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.django_setup import setup_django  # noqa: E402 (after the path)


def scenarios():
    from residences import geo
    from search.criteria import Criteria, Importance, Sort, Wish

    rotterdam = geo.geocode("Rotterdam")
    schiedam = geo.geocode("Schiedam")
    near = {"place": "Rotterdam", "latitude": rotterdam.latitude, "longitude": rotterdam.longitude}
    west = {"place": "Schiedam", "latitude": schiedam.latitude, "longitude": schiedam.longitude}
    wishes = [
        Wish("facilities", "tuin", Importance.VERY_IMPORTANT),
        Wish("facilities", "huisdieren", Importance.NICE),
        Wish("environment", "rustig", Importance.IMPORTANT),
        Wish("support", "nacht-wakend", Importance.IMPORTANT),
        Wish("languages", "tr", Importance.NICE),
    ]
    return {
        "empty (browse all)": Criteria.build(),
        "dementia 10 km + wishes": Criteria.build(
            musts={"target_groups": ["vv-pg"], "financing": ["zin"]},
            wishes=wishes,
            max_distance_km=10,
            age=80,
            urgency="nu",
            **near,
        ),
        "questionnaire, no max distance": Criteria.build(
            musts={"target_groups": ["vg", "lvb"], "care_profiles": ["VG03", "VG04"]},
            wishes=wishes[:3],
            age=34,
            **west,
        ),
        "professional: 4 musts, sort distance": Criteria.build(
            musts={
                "housing_types": ["kleinschalig", "groepswoning"],
                "facilities": ["eigen-kamer"],
                "languages": ["nl"],
                "life_outlooks": ["algemeen", "christelijk"],
            },
            max_distance_km=25,
            sort=Sort.DISTANCE,
            **near,
        ),
        "available now, sort availability": Criteria.build(
            available_only=True, sort=Sort.AVAILABILITY, wishes=wishes[:2], **near
        ),
        "free text 'tuin rustig'": Criteria.build(text="tuin rustig", wishes=wishes[:2], **near),
        "deep page 5": Criteria.build(wishes=wishes, page=5, **near),
    }


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]


def timed(function, repeat):
    function()  # warm caches and the query planner once
    times = []
    for _ in range(repeat):
        started = clock()
        function()
        times.append((clock() - started) * 1000)
    return times


def timed_cold(function, repeat):
    from django.core.cache import cache

    times = []
    for _ in range(repeat):
        cache.clear()
        started = clock()
        function()
        times.append((clock() - started) * 1000)
    return times


def naive_search(criteria, today, page_size=20):
    """No index: every document into Python, filter, score, sort, page."""
    from search import ranking
    from search.backends.base import reference_sort_key
    from search.models import SearchEntry

    scored = []
    for document in SearchEntry.objects.values_list("document", flat=True).iterator(2000):
        if not ranking.meets_musts(criteria, document):
            continue
        if criteria.available_only and (
            ranking.document_availability(document, today) != ranking.Status.FREE
        ):
            continue
        score = ranking.score(criteria, document, today)
        scored.append((reference_sort_key(criteria, document, score, today), document))
    scored.sort(key=lambda item: item[0])
    offset = (criteria.page - 1) * page_size
    return len(scored), [document for _, document in scored[offset : offset + page_size]]


def seed(size, pages: bool, today) -> str:
    from search import synthetic
    from search.backends.database import DatabaseBackend
    from search.models import SearchEntry

    SearchEntry.objects.all().delete()
    started = time.perf_counter()
    if pages:
        from django.core.management import call_command

        call_command("seed_demo", residences=size, providers=max(1, size // 50), verbosity=0)
        how = "seed_demo pages + rebuild_index"
    else:
        backend = DatabaseBackend()
        for start in range(0, size, 5000):
            count = min(5000, size - start)
            backend.upsert(synthetic.documents(count, seed=start, today=today, first_id=start + 1))
        how = "synthetic documents upserted"
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchEntry._meta.db_table}")
    return f"{how}: {time.perf_counter() - started:.1f} s"


def http_page_times(criteria_list, repeat):
    from django.test import Client

    client = Client()
    times = []
    for criteria in criteria_list:
        url = "/zoeken/?" + criteria.to_query()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times += timed(lambda url=url: client.get(url), repeat)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--database", help="postgres://... (default: a temporary SQLite file)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--baseline-repeat", type=int, default=5)
    parser.add_argument("--pages", action="store_true", help="seed real pages with seed_demo")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    arguments = parser.parse_args()
    global clock
    clock = CLOCKS[arguments.clock]

    vendor = setup_django(arguments.database)
    from search.backends.database import DatabaseBackend

    today = date.today()
    backend = DatabaseBackend()
    cases = scenarios()
    print(f"# database backend on {vendor}; repeat {arguments.repeat}, {arguments.clock} ms\n")
    summary = []
    for size in arguments.sizes:
        print(f"## {size} residences ({seed(size, arguments.pages, today)})")
        print(
            f"{'criteria':40} {'total':>6} {'p50':>7} {'p95':>7} {'cold p95':>9}"
            f" {'naive p50':>10} {'ratio':>6}"
        )
        all_times, all_naive, all_cold = [], [], []
        for label, criteria in cases.items():
            times = timed(lambda c=criteria: backend.search(c, today=today), arguments.repeat)
            cold = timed_cold(
                lambda c=criteria: backend.search(c, today=today), max(3, arguments.repeat // 3)
            )
            naive = timed(lambda c=criteria: naive_search(c, today), arguments.baseline_repeat)
            total = backend.count(criteria, today=today)
            assert total == naive_search(criteria, today)[0] or criteria.text, label
            all_times += times
            all_naive += naive
            all_cold += cold
            p50, p95, naive_p50 = (
                percentile(times, 0.5),
                percentile(times, 0.95),
                percentile(naive, 0.5),
            )
            print(
                f"{label:40} {total:6} {p50:7.1f} {p95:7.1f} {percentile(cold, 0.95):9.1f}"
                f" {naive_p50:10.1f} {naive_p50 / p50:6.0f}x"
            )
        row = {
            "size": size,
            "p50": percentile(all_times, 0.5),
            "p95": percentile(all_times, 0.95),
            "naive_p50": percentile(all_naive, 0.5),
            "naive_p95": percentile(all_naive, 0.95),
            "cold_p95": percentile(all_cold, 0.95),
        }
        if size >= 10000:
            pages = http_page_times(list(cases.values())[:4], max(5, arguments.repeat // 3))
            row["http_p50"], row["http_p95"] = percentile(pages, 0.5), percentile(pages, 0.95)
        summary.append(row)
        print()
    print(f"## summary ({vendor})")
    print(
        "| residences | search p50 | search p95 | cold p95 | naive p50 | naive p95 | p95 ratio"
        " | page p95 |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in summary:
        page = f"{row['http_p95']:.0f} ms" if "http_p95" in row else "–"
        print(
            f"| {row['size']:,} | {row['p50']:.1f} ms | {row['p95']:.1f} ms | "
            f"{row['cold_p95']:.0f} ms | {row['naive_p50']:.0f} ms | {row['naive_p95']:.0f} ms | "
            f"{row['naive_p95'] / row['p95']:.0f}× | {page} |"
        )


if __name__ == "__main__":
    main()
