"""Ranking from the index snapshot gives the SQL ranking query's pages, scores to the last bit.

`CompiledQuery.ranked()` (one SQL query) stays the reference: for many random Criteria (wishes,
urgency, every sort, location with and without a limit, pages deep into the list) over a few
hundred generated residences plus edge cases (no coordinates, stale or missing availability,
equal scores that only the page id orders), `snapshot_ranking.ranked_page` must return the same
page ids with the same scores.
"""

import random
from datetime import timedelta

import pytest

from residences import taxonomy
from search import ranking, synthetic
from search.backends import snapshot_ranking, snapshot_updates
from search.backends.database_facets import index_generation
from search.backends.database_query import CompiledQuery
from search.criteria import DISTANCE_CHOICES_KM, Criteria, Importance, Sort, Wish
from tests.search.conftest import TODAY, make_document, random_location

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_snapshot")]

LIST_NAMES = list(taxonomy.RESIDENCE_CODE_LISTS)
CUTOFF = ranking.stale_cutoff(TODAY)
ROTTERDAM = (51.9225, 4.4792)


def edge_documents() -> list[dict]:
    fresh = TODAY.isoformat()
    return [
        make_document(7001, latitude=None, longitude=None, free_places=2),
        make_document(7002, latitude=None, longitude=ROTTERDAM[1], waiting_weeks=3),
        make_document(7003, latitude=ROTTERDAM[0], longitude=ROTTERDAM[1], free_places=1),
        # Same place, same codes: equal scores, ordered by page id alone.
        make_document(7004, latitude=51.93, longitude=4.47, facilities=["tuin"]),
        make_document(7005, latitude=51.93, longitude=4.47, facilities=["tuin"]),
        make_document(7006, free_places=0, waiting_weeks=12, availability_confirmed_on=fresh),
        make_document(7007, free_places=0, waiting_weeks=13, availability_confirmed_on=fresh),
        make_document(7008, free_places=None, waiting_weeks=None, availability_confirmed_on=fresh),
        make_document(
            7009,
            free_places=4,
            availability_confirmed_on=(CUTOFF - timedelta(days=1)).isoformat(),
        ),
        make_document(7010, free_places=4, availability_confirmed_on=CUTOFF.isoformat()),
    ]


@pytest.fixture
def ranking_catalogue(index_documents):
    return index_documents([*synthetic.documents(300, seed=31, today=TODAY), *edge_documents()])


def random_criteria(rng: random.Random) -> Criteria:
    location = random_location(rng, lambda: [None, None, *DISTANCE_CHOICES_KM])
    musts = {}
    for list_name in rng.sample(LIST_NAMES, rng.randint(0, 2)):
        values = list(taxonomy.RESIDENCE_CODE_LISTS[list_name].values)
        musts[list_name] = rng.sample(values, rng.randint(1, min(2, len(values))))
    wishes = []
    for _ in range(rng.randint(0, 6)):
        list_name = rng.choice(LIST_NAMES)
        code = rng.choice(list(taxonomy.RESIDENCE_CODE_LISTS[list_name].values))
        wishes.append(Wish(list_name, code, rng.choice(Importance.VALUES)))
    return Criteria.build(
        musts=musts,
        wishes=wishes,
        age=rng.choice([None, None, None, 30, 70, 90]),
        available_only=rng.random() < 0.2,
        urgency=rng.choice(["", *taxonomy.Urgency.values]),
        sort=rng.choice(Sort.VALUES),
        **location,
    )


def snapshot_page(criteria: Criteria, today, offset: int, count: int):
    snapshot = snapshot_updates.snapshot_for(index_generation())
    assert snapshot is not None
    matching = snapshot.base(criteria, today)
    for list_name, codes in criteria.musts:
        matching &= snapshot.must_bits(list_name, codes)
    columns = snapshot_ranking.columns_for(snapshot)
    return snapshot_ranking.ranked_page(columns, criteria, today, matching, offset, count)


def sql_page(criteria: Criteria, today, offset: int, count: int):
    ranked = CompiledQuery(criteria, today).ranked().values_list("pk", "score")
    return [(pk, score) for pk, score in ranked[offset : offset + count]]


def test_random_searches_rank_exactly_as_the_sql_query_does(ranking_catalogue):
    rng = random.Random(20261130)
    days = [TODAY, TODAY - timedelta(days=40), TODAY + timedelta(days=70)]
    seen_sorts, pages_with_rows = set(), 0
    for _ in range(200):
        criteria = random_criteria(rng)
        today = rng.choice(days)
        offset = rng.choice([0, 0, 0, 20, 40, 300])
        count = rng.choice([20, 20, 5, 1])
        expected = sql_page(criteria, today, offset, count)
        assert snapshot_page(criteria, today, offset, count) == expected, criteria
        seen_sorts.add(criteria.sort)
        pages_with_rows += bool(expected)
    assert seen_sorts == set(Sort.VALUES)
    assert pages_with_rows > 100


def test_every_sort_over_the_whole_catalogue_matches_row_for_row(ranking_catalogue):
    everything = len(ranking_catalogue)
    wishes = [
        Wish("facilities", "tuin", Importance.VERY_IMPORTANT),
        Wish("environment", "rustig", Importance.NICE),
    ]
    for sort in Sort.VALUES:
        for located in (False, True):
            location = {"latitude": ROTTERDAM[0], "longitude": ROTTERDAM[1]} if located else {}
            criteria = Criteria.build(wishes=wishes, sort=sort, urgency="nu", **location)
            assert snapshot_page(criteria, TODAY, 0, everything) == sql_page(
                criteria, TODAY, 0, everything
            ), criteria


def test_equal_scores_are_ordered_by_page_id_and_unlocated_rows_come_last_by_distance(
    ranking_catalogue,
):
    here = {"latitude": 51.93, "longitude": 4.47}
    criteria = Criteria.build(wishes=[Wish("facilities", "tuin")], sort=Sort.DISTANCE, **here)
    page = snapshot_page(criteria, TODAY, 0, len(ranking_catalogue))
    ids = [page_id for page_id, _ in page]
    assert ids.index(7004) + 1 == ids.index(7005)
    assert {7001, 7002} <= set(ids[-40:])
    scores = dict(page)
    assert scores[7004] == scores[7005]


def test_an_empty_match_and_a_page_beyond_the_end_give_no_rows(ranking_catalogue):
    snapshot = snapshot_updates.snapshot_for(index_generation())
    columns = snapshot_ranking.columns_for(snapshot)
    criteria = Criteria.build()
    assert snapshot_ranking.ranked_page(columns, criteria, TODAY, 0, 0, 20) == []
    assert (
        snapshot_ranking.ranked_page(columns, criteria, TODAY, snapshot.everything, 10_000, 20)
        == []
    )


def test_text_searches_are_left_to_sql():
    assert snapshot_ranking.answers(Criteria.build(wishes=[Wish("facilities", "tuin")]))
    assert not snapshot_ranking.answers(Criteria.build(text="tuin"))
