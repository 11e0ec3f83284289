"""Totals and facet counts from the bitset snapshot equal the SQL facet pass, exactly.

`database_facets.facet_counts` (one SQL pass) stays the reference: for many random Criteria
over a few hundred generated residences plus hand-made edge cases (no coordinates, one of the
two, age limits on the boundary, availability confirmed on the stale cutoff, unknown free
places), the snapshot's filter, total and every facet count must be the database's own.
"""

import logging
import math
import random
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from hypothesis import HealthCheck, given, settings

from residences import taxonomy
from search import ranking, synthetic
from search.backends import database_bitsets, snapshot_updates
from search.backends.base import facet_values
from search.backends.database_facets import CountCache, facet_counts, index_generation
from search.backends.database_query import CompiledQuery
from search.criteria import DISTANCE_CHOICES_KM, Criteria, Importance, Sort, Wish
from tests.search.conftest import TODAY, make_document, random_location
from tests.search.strategies import criteria as criteria_strategy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_snapshot")]

LIST_NAMES = list(taxonomy.RESIDENCE_CODE_LISTS)
ROTTERDAM = (51.9225, 4.4792)
CUTOFF = ranking.stale_cutoff(TODAY)


def edge_documents() -> list[dict]:
    every_facility = list(taxonomy.RESIDENCE_CODE_LISTS["facilities"].values)
    return [
        make_document(5001, latitude=None, longitude=None, free_places=None),
        make_document(5002, latitude=None, longitude=ROTTERDAM[1]),
        make_document(5003, latitude=ROTTERDAM[0], longitude=None),
        make_document(5004, latitude=ROTTERDAM[0], longitude=ROTTERDAM[1], facilities=["tuin"]),
        make_document(5005, min_age=40, max_age=40, care_profiles=["VV05"]),
        make_document(5006, min_age=120, facilities=every_facility),
        make_document(5007, max_age=0, target_groups=["vg"]),
        make_document(5008, free_places=3, availability_confirmed_on=CUTOFF.isoformat()),
        make_document(
            5009,
            free_places=3,
            availability_confirmed_on=(CUTOFF - timedelta(days=1)).isoformat(),
        ),
        make_document(5010, free_places=None, availability_confirmed_on=TODAY.isoformat()),
        make_document(5011, free_places=2, availability_confirmed_on=None),
        make_document(5012, free_places=0, availability_confirmed_on=TODAY.isoformat()),
        make_document(5013, latitude=51.99, longitude=4.21, free_places=1),
    ]


@pytest.fixture
def edge_catalogue(index_documents):
    """300 generated residences (some without coordinates) and the edge cases above."""
    return index_documents([*synthetic.documents(300, seed=23, today=TODAY), *edge_documents()])


def random_criteria(rng: random.Random) -> Criteria:
    location = random_location(
        rng, lambda: [None, *DISTANCE_CHOICES_KM, round(rng.uniform(0.2, 12), 3)]
    )
    musts = {}
    for list_name in rng.sample(LIST_NAMES, rng.randint(0, 3)):
        values = list(taxonomy.RESIDENCE_CODE_LISTS[list_name].values)
        musts[list_name] = rng.sample(values, rng.randint(1, min(3, len(values))))
    return Criteria.build(
        musts=musts,
        age=rng.choice([None, None, 0, 17, 18, 30, 40, 41, 55, 64, 65, 66, 90, 120]),
        available_only=rng.random() < 0.4,
        **location,
    )


def sql_ids(criteria: Criteria, today) -> list[int]:
    rows = CompiledQuery(criteria, today).filtered().order_by("pk").values_list("pk", flat=True)
    return list(rows)


def current_snapshot() -> database_bitsets.Snapshot:
    snapshot = snapshot_updates.snapshot_for(index_generation())
    assert snapshot is not None
    return snapshot


def test_random_filters_count_exactly_what_the_sql_facet_pass_counts(edge_catalogue):
    snapshot = current_snapshot()
    assert snapshot.size == len(edge_catalogue)
    rng = random.Random(20261130)
    days = [TODAY, TODAY - timedelta(days=30), TODAY + timedelta(days=45)]
    totals = set()
    for _ in range(250):
        criteria = random_criteria(rng)
        today = rng.choice(days)
        query = CompiledQuery(criteria, today)
        without_musts = criteria.with_changes(musts={})
        assert snapshot.page_ids_of(snapshot.base(criteria, today)) == sql_ids(
            without_musts, today
        ), criteria
        total, counts = snapshot.total_and_counts(criteria, today)
        assert (total, counts) == facet_counts(query), criteria
        assert snapshot.total(criteria, today) == total == query.filtered().count()
        totals.add(total)
    # The loop must have met empty, small and large result sets, not one kind only.
    assert min(totals) == 0
    assert max(totals) > 150
    assert len(totals) > 30


def test_each_filter_alone_selects_the_rows_sql_selects(edge_catalogue):
    snapshot = current_snapshot()
    single_filters = [
        *(Criteria.build(age=age) for age in (0, 39, 40, 41, 119, 120)),
        Criteria.build(available_only=True),
        *(
            Criteria.build(latitude=ROTTERDAM[0], longitude=ROTTERDAM[1], max_distance_km=km)
            for km in (0, 1, *DISTANCE_CHOICES_KM)
        ),
        *(
            Criteria.build(musts={list_name: [code]})
            for list_name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items()
            for code in code_list.values
        ),
        Criteria.build(musts={"facilities": ["tuin", "lift", "rolstoel"]}),
        Criteria.build(musts={"target_groups": ["vg", "lvb", "lg"]}),
    ]
    for criteria in single_filters:
        bits = snapshot.base(criteria, TODAY)
        for list_name, codes in criteria.musts:
            bits &= snapshot.must_bits(list_name, codes)
        assert snapshot.page_ids_of(bits) == sql_ids(criteria, TODAY), criteria
    # The edge cases decide as SQL does: NULL never matches, the cutoff day still counts.
    free_now = snapshot.page_ids_of(snapshot.base(Criteria.build(available_only=True), TODAY))
    assert 5008 in free_now
    assert not {5009, 5010, 5011, 5012} & set(free_now)
    here = Criteria.build(latitude=ROTTERDAM[0], longitude=ROTTERDAM[1], max_distance_km=0)
    assert 5004 in snapshot.page_ids_of(snapshot.base(here, TODAY))
    near = snapshot.page_ids_of(snapshot.base(here.with_changes(max_distance_km=100), TODAY))
    assert not {5001, 5002, 5003} & set(near)


def test_a_residence_exactly_at_the_distance_limit_is_in_and_a_hair_beyond_it_is_out(
    edge_catalogue,
):
    snapshot = current_snapshot()
    rng = random.Random(5)
    for latitude, longitude in [ROTTERDAM, (51.95, 4.30), (51.87, 4.58)]:
        centre = Criteria.build(latitude=latitude, longitude=longitude)
        # The database's own distance of every located residence, to the last bit.
        distances = [
            (page_id, distance)
            for page_id, distance in CompiledQuery(centre, TODAY)
            .scored()
            .order_by("pk")
            .values_list("pk", "distance")
            if distance is not None
        ]
        for page_id, distance in rng.sample(distances, 40):
            for limit in (distance, math.nextafter(distance, 0.0), math.nextafter(distance, 1e9)):
                criteria = centre.with_changes(max_distance_km=limit)
                found = snapshot.page_ids_of(snapshot.within_bits(latitude, longitude, limit))
                expected = sql_ids(criteria, TODAY)
                assert found == expected, (latitude, longitude, limit)
                assert (page_id in found) == (limit >= distance)


def test_the_distance_formula_is_the_databases_to_the_last_bit(edge_catalogue):
    radians, cos = math.radians, math.cos
    compared = 0
    for latitude, longitude in [ROTTERDAM, (51.95, 4.30), (51.87, 4.58), (51.0, 5.0)]:
        centre = Criteria.build(latitude=latitude, longitude=longitude)
        rows = CompiledQuery(centre, TODAY).scored().values_list("distance", "document")
        for distance, document in rows:
            if distance is None:
                continue
            row_latitude = radians(document["latitude"])
            ours = database_bitsets.sql_distance_km(
                radians(latitude),
                cos(radians(latitude)),
                radians(longitude),
                row_latitude,
                cos(row_latitude),
                radians(document["longitude"]),
            )
            assert ours == distance, (latitude, longitude, document["id"])
            compared += 1
    assert compared > 1000


@pytest.mark.parametrize(
    "values",
    [[], [None, 65, 65, None, 18], [*range(600), None, 3, 599], [7] * 1000 + [None]],
)
def test_rows_are_grouped_by_value_whatever_the_number_of_distinct_values(values):
    bits = database_bitsets.bits_per_value(values)
    assert set(bits) == set(values)
    for value, rows in bits.items():
        assert [row for row in range(len(values)) if rows >> row & 1] == [
            row for row, held in enumerate(values) if held == value
        ]


SEARCHES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SEARCHES
@given(criteria=criteria_strategy(with_text=False, with_page=False))
def test_a_search_shows_the_total_and_facets_of_the_sql_reference(
    database_backend, edge_catalogue, criteria
):
    result = database_backend.search(criteria, today=TODAY)
    total, counts = facet_counts(CompiledQuery(criteria, TODAY))
    assert result.total == total == database_backend.count(criteria, today=TODAY)
    assert result.facets == facet_values(criteria, counts)
    assert snapshot_updates.current_snapshot().generation == index_generation()


def facet(result, list_name: str, code: str) -> int:
    return next(value.count for value in result.facets[list_name] if value.code == code)


def test_an_index_write_is_seen_by_the_next_search(database_backend, index_documents):
    index_documents([make_document(1, facilities=["tuin"]), make_document(2)])
    criteria = Criteria.build(musts={"facilities": ["tuin"]})
    first = database_backend.search(criteria, today=TODAY)
    loaded = snapshot_updates.current_snapshot()
    assert (first.total, facet(first, "facilities", "tuin")) == (1, 1)
    assert database_backend.search(criteria, today=TODAY).total == 1
    assert snapshot_updates.current_snapshot() is loaded  # no write, no reload

    database_backend.upsert([make_document(3, facilities=["tuin", "lift"])])
    after_upsert = database_backend.search(criteria, today=TODAY)
    assert (after_upsert.total, facet(after_upsert, "facilities", "lift")) == (2, 1)
    assert [match.id for match in after_upsert.matches] == [1, 3]
    assert snapshot_updates.current_snapshot().generation == index_generation()
    assert snapshot_updates.current_snapshot() is not loaded

    database_backend.delete([1])
    assert database_backend.search(criteria, today=TODAY).total == 1
    assert database_backend.count(criteria, today=TODAY) == 1

    database_backend.rebuild([make_document(7, facilities=["lift"])])
    rebuilt = database_backend.search(criteria, today=TODAY)
    assert (rebuilt.total, facet(rebuilt, "facilities", "lift")) == (0, 1)


def test_a_text_search_counts_in_sql_and_a_wordless_text_in_bitsets(
    database_backend, edge_catalogue
):
    with_words = Criteria.build(text="tuin", musts={"care_profiles": ["VV05", "VV06"]})
    query = CompiledQuery(with_words, TODAY)
    assert CountCache(query).snapshot is None
    result = database_backend.search(with_words, today=TODAY)
    total, counts = facet_counts(query)
    assert 0 < result.total == total == query.filtered().count() < len(edge_catalogue)
    assert result.facets == facet_values(with_words, counts)
    assert all("tuin" in match.document["text"] for match in result.matches)

    wordless = Criteria.build(text="?!", age=50)
    assert CountCache(CompiledQuery(wordless, TODAY)).snapshot is not None
    total, counts = facet_counts(CompiledQuery(wordless, TODAY))
    result = database_backend.search(wordless, today=TODAY)
    assert (result.total, result.facets) == (total, facet_values(wordless, counts))


def test_a_snapshot_that_cannot_be_loaded_leaves_counting_to_sql(
    database_backend, edge_catalogue, monkeypatch, caplog
):
    def load_from_a_missing_column(generation, sequence=0):
        with connection.cursor() as cursor:
            cursor.execute("SELECT no_such_column FROM search_searchentry")

    monkeypatch.setattr(database_bitsets, "load_snapshot", load_from_a_missing_column)
    criteria = Criteria.build(
        latitude=ROTTERDAM[0],
        longitude=ROTTERDAM[1],
        max_distance_km=10,
        wishes=[Wish("facilities", "tuin", Importance.IMPORTANT)],
        sort=Sort.AVAILABILITY,
    )
    with caplog.at_level(logging.WARNING, logger=snapshot_updates.__name__):
        result = database_backend.search(criteria, today=TODAY)
    assert "Search snapshot could not be loaded" in caplog.text
    assert snapshot_updates.current_snapshot() is None
    total, counts = facet_counts(CompiledQuery(criteria, TODAY))
    assert (result.total, result.facets) == (total, facet_values(criteria, counts))
    assert len(result.matches) == 20
    # The failed load ran in a savepoint: the surrounding transaction still works.
    assert database_backend.count(criteria, today=TODAY) == total

    monkeypatch.undo()
    snapshot_updates.forget_snapshot()
    assert database_backend.search(criteria, today=TODAY).total == total
    assert snapshot_updates.current_snapshot() is not None


def test_threads_asking_at_once_share_one_load(caplog):
    # Other threads see the committed (empty) index through their own connections.
    generation = index_generation()
    found, failures = [], []
    start = threading.Barrier(4)

    def ask():
        try:
            start.wait()
            found.append(snapshot_updates.snapshot_for(generation))
        except Exception as error:  # reported below; a thread cannot fail the test itself
            failures.append(error)
        finally:
            connections.close_all()

    with caplog.at_level(logging.INFO, logger=snapshot_updates.__name__):
        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not failures
    assert len(found) == 4
    assert found[0] is not None and all(snapshot is found[0] for snapshot in found)
    assert caplog.text.count("Search snapshot loaded") == 1
