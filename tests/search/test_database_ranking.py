"""Hand-built cases: the order a visitor sees for distance, wishes, stale data and urgency."""

from datetime import timedelta

import pytest

from residences import taxonomy
from search import ranking
from search.criteria import Criteria, Importance, Sort, Wish
from tests.search.conftest import TODAY, make_document

pytestmark = pytest.mark.django_db

ROTTERDAM = {"place": "Rotterdam", "latitude": 51.9225, "longitude": 4.4792}
FRESH = TODAY.isoformat()
STALE = (TODAY - timedelta(days=ranking.STALE_AFTER_DAYS + 1)).isoformat()
GARDEN = taxonomy.Facility.GARDEN.value
PETS = taxonomy.Facility.PETS.value
LIFT = taxonomy.Facility.LIFT.value


def ids(database_backend, criteria):
    return [m.document["id"] for m in database_backend.search(criteria, today=TODAY).matches]


def test_a_closer_residence_ranks_higher(database_backend, index_documents):
    index_documents(
        [
            make_document(1, latitude=52.0800, longitude=4.3100),  # The Hague, ~20 km
            make_document(2, latitude=51.9250, longitude=4.4800),  # central Rotterdam
            make_document(3, latitude=51.8450, longitude=4.3290),  # Spijkenisse, ~13 km
        ]
    )
    assert ids(database_backend, Criteria.build(**ROTTERDAM)) == [2, 3, 1]


def test_max_distance_leaves_out_residences_beyond_it(database_backend, index_documents):
    index_documents(
        [
            make_document(1, latitude=52.0800, longitude=4.3100),
            make_document(2, latitude=51.9250, longitude=4.4800),
            make_document(3, latitude=None, longitude=None),
        ]
    )
    criteria = Criteria.build(max_distance_km=10, **ROTTERDAM)
    assert ids(database_backend, criteria) == [2]


def test_met_wishes_rank_higher_and_a_very_important_wish_outweighs_two_nice_ones(
    database_backend, index_documents
):
    index_documents(
        [
            make_document(1, facilities=[]),
            make_document(2, facilities=[PETS, LIFT]),
            make_document(3, facilities=[GARDEN]),
        ]
    )
    criteria = Criteria.build(
        wishes=[
            Wish("facilities", GARDEN, Importance.VERY_IMPORTANT),
            Wish("facilities", PETS, Importance.NICE),
            Wish("facilities", LIFT, Importance.NICE),
        ]
    )
    assert ids(database_backend, criteria) == [3, 2, 1]


def test_stale_availability_counts_as_unknown_and_ranks_below_fresh_news(
    database_backend, index_documents
):
    index_documents(
        [
            make_document(1, free_places=3, availability_confirmed_on=STALE),
            make_document(2, free_places=0, waiting_weeks=30, availability_confirmed_on=FRESH),
            make_document(3, free_places=0, waiting_weeks=4, availability_confirmed_on=FRESH),
            make_document(4, free_places=1, availability_confirmed_on=FRESH),
        ]
    )
    result = database_backend.search(Criteria.build(), today=TODAY)
    assert [m.document["id"] for m in result.matches] == [4, 3, 2, 1]
    stale = result.matches[-1].explanation
    assert stale.availability == ranking.Status.UNKNOWN
    assert stale.is_stale


def test_urgency_weighs_a_free_place_against_distance(database_backend, index_documents):
    index_documents(
        [
            make_document(1, latitude=51.9225, longitude=4.4792),  # here, availability unknown
            make_document(
                2,
                latitude=51.8506,
                longitude=4.4792,
                free_places=1,
                availability_confirmed_on=FRESH,
            ),  # ~8 km, a place free now
        ]
    )
    urgent = Criteria.build(urgency=taxonomy.Urgency.NOW.value, **ROTTERDAM)
    browsing = Criteria.build(urgency=taxonomy.Urgency.ORIENTING.value, **ROTTERDAM)
    assert ids(database_backend, urgent) == [2, 1]
    assert ids(database_backend, browsing) == [1, 2]


def test_sort_by_distance_puts_the_nearest_first_and_unknown_locations_last(
    database_backend, index_documents
):
    index_documents(
        [
            make_document(1, latitude=None, longitude=None, facilities=[GARDEN]),
            make_document(2, latitude=51.8450, longitude=4.3290, facilities=[GARDEN]),
            make_document(3, latitude=51.9250, longitude=4.4800),
        ]
    )
    wishes = [Wish("facilities", GARDEN, Importance.VERY_IMPORTANT)]
    by_distance = Criteria.build(sort=Sort.DISTANCE, wishes=wishes, **ROTTERDAM)
    assert ids(database_backend, by_distance) == [3, 2, 1]
    # Without a location, sorting by distance behaves as best match.
    assert ids(database_backend, Criteria.build(sort=Sort.DISTANCE, wishes=wishes)) == [1, 2, 3]


def test_sort_by_availability_orders_by_status_then_score(database_backend, index_documents):
    index_documents(
        [
            make_document(1, facilities=[GARDEN]),
            make_document(2, waiting_weeks=20, availability_confirmed_on=FRESH),
            make_document(3, free_places=2, availability_confirmed_on=FRESH),
            make_document(4, free_places=1, availability_confirmed_on=FRESH, facilities=[GARDEN]),
            make_document(5, waiting_weeks=2, availability_confirmed_on=FRESH),
        ]
    )
    criteria = Criteria.build(
        sort=Sort.AVAILABILITY, wishes=[Wish("facilities", GARDEN, Importance.VERY_IMPORTANT)]
    )
    assert ids(database_backend, criteria) == [4, 3, 5, 2, 1]


def test_equal_scores_are_ordered_by_page_id(database_backend, index_documents):
    index_documents([make_document(page_id) for page_id in (9, 3, 7)])
    assert ids(database_backend, Criteria.build()) == [3, 7, 9]


def test_age_and_available_only_filter(database_backend, index_documents):
    index_documents(
        [
            make_document(1, min_age=65),
            make_document(2, max_age=30, free_places=1, availability_confirmed_on=FRESH),
            make_document(3, free_places=1, availability_confirmed_on=STALE),
            make_document(4, free_places=1, availability_confirmed_on=FRESH),
        ]
    )
    assert ids(database_backend, Criteria.build(age=70)) == [4, 1, 3]
    assert ids(database_backend, Criteria.build(available_only=True)) == [2, 4]
    assert ids(database_backend, Criteria.build(age=70, available_only=True)) == [4]


def test_paging_walks_the_whole_result_list_once(database_backend, index_documents):
    index_documents([make_document(page_id) for page_id in range(1, 46)])
    seen = []
    for page in (1, 2, 3):
        result = database_backend.search(Criteria.build(page=page), today=TODAY)
        assert (result.total, result.page_count) == (45, 3)
        assert result.has_previous == (page > 1)
        assert result.has_next == (page < 3)
        seen += [match.document["id"] for match in result.matches]
    assert seen == list(range(1, 46))
    beyond = database_backend.search(Criteria.build(page=4), today=TODAY)
    assert beyond.matches == [] and beyond.total == 45


def test_explanation_lists_met_and_missed_wishes_distance_and_confirmation(
    database_backend, index_documents
):
    index_documents(
        [
            make_document(
                1,
                latitude=51.8450,
                longitude=4.3290,
                facilities=[GARDEN],
                free_places=1,
                availability_confirmed_on=FRESH,
            )
        ]
    )
    criteria = Criteria.build(
        wishes=[Wish("facilities", GARDEN, 3), Wish("facilities", PETS, 1)], **ROTTERDAM
    )
    explanation = database_backend.search(criteria, today=TODAY).matches[0].explanation
    assert explanation.met == (Wish("facilities", GARDEN, 3),)
    assert explanation.missed == (Wish("facilities", PETS, 1),)
    assert explanation.distance_km == pytest.approx(13.4, abs=0.1)
    assert explanation.availability == ranking.Status.FREE
    assert explanation.confirmed_on == TODAY
    assert explanation.summary == "Past bij 1 van uw 2 wensen"


def test_health_reports_ok_with_a_timing(database_backend):
    report = database_backend.health()
    assert report["status"] == "ok"
    assert report["ms"] >= 0
