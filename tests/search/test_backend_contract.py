"""What every search backend must do, stated once and run against each backend.

`BackendContract` holds the behaviour; a subclass per backend gives the `backend` fixture and,
when its engine needs more than `backend.rebuild(documents)` to make documents searchable, its
own `index`. The database backend runs it on the database of the test run (SQLite, and
PostgreSQL when CI sets DATABASE_URL); Elasticsearch runs it when ELASTICSEARCH_URL is set and
skips with that reason otherwise.

The reference is Python: `ranking.meets_musts` and `criteria.MUST_ALL_LISTS` for which residences
match, `ranking.score` and `reference_sort_key` (score descending, then page id ascending) for
the order, `ranking.explain` for explanations. Hand-built cases show what a visitor sees;
property tests run generated Criteria over 150 generated residences.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings

from residences import availability, geo, taxonomy
from search import ranking, synthetic
from search.backends import get_backend_by_name, reset_backends
from search.backends.base import InvalidSearch, reference_sort_key
from search.criteria import MUST_ALL_LISTS, Criteria, Importance, Sort, Wish
from tests.search.conftest import TODAY, make_document
from tests.search.strategies import criteria

ROTTERDAM = {"place": "Rotterdam", "latitude": 51.9225, "longitude": 4.4792}
FRESH = TODAY.isoformat()
STALE = (TODAY - timedelta(days=availability.STALE_AFTER_DAYS + 1)).isoformat()
GARDEN = taxonomy.Facility.GARDEN.value
PETS = taxonomy.Facility.PETS.value
LIFT = taxonomy.Facility.LIFT.value
ALL_AT_ONCE = 500  # a page size larger than every catalogue here

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def reference_matches(search_criteria: Criteria, documents: list[dict]) -> list[dict]:
    """The residences the contract says match, in Python."""
    found = []
    for document in documents:
        if not ranking.meets_musts(search_criteria, document):
            continue
        status = ranking.document_availability(document, TODAY)
        if search_criteria.available_only and status != ranking.Status.FREE:
            continue
        found.append(document)
    return found


class BackendContract:
    """Every backend: subclass it, give `backend` (and `index` if rebuild is not enough)."""

    # Decimal places of the score two engines must agree on (Elasticsearch scores are float32).
    score_digits = 9

    @pytest.fixture
    def backend(self):
        raise NotImplementedError("a backend's subclass provides its backend")

    @pytest.fixture
    def index(self, backend):
        """Make exactly these documents the backend's index; returns them."""

        def write(documents):
            backend.rebuild(list(documents))
            return list(documents)

        return write

    @pytest.fixture
    def catalogue(self, index):
        return index(synthetic.documents(150, seed=11, today=TODAY))

    def ids(self, backend, search_criteria: Criteria) -> list[int]:
        result = backend.search(search_criteria, today=TODAY, page_size=ALL_AT_ONCE)
        return [match.id for match in result.matches]

    # Must conditions and other filters ------------------------------------------------

    def test_a_must_on_an_any_of_list_is_met_by_one_of_its_codes(self, backend, index):
        assert "target_groups" not in MUST_ALL_LISTS
        index(
            [
                make_document(1, target_groups=["vv-pg"]),
                make_document(2, target_groups=["vg"]),
                make_document(3, target_groups=["vg", "lvb"]),
                make_document(4, target_groups=[]),
            ]
        )
        either = Criteria.build(musts={"target_groups": ["vv-pg", "lvb"]})
        assert self.ids(backend, either) == [1, 3]

    def test_a_must_on_an_all_of_list_needs_every_code(self, backend, index):
        assert "facilities" in MUST_ALL_LISTS
        index(
            [
                make_document(1, facilities=[GARDEN]),
                make_document(2, facilities=[GARDEN, LIFT]),
                make_document(3, facilities=[GARDEN, LIFT, PETS]),
                make_document(4, facilities=[LIFT]),
            ]
        )
        both = Criteria.build(musts={"facilities": [GARDEN, LIFT]})
        assert self.ids(backend, both) == [2, 3]

    def test_musts_on_several_lists_must_all_be_met(self, backend, index):
        index(
            [
                make_document(1, target_groups=["vg"], financing=["zin"]),
                make_document(2, target_groups=["vg"], financing=["pgb"]),
                make_document(3, target_groups=["lvb"], financing=["zin"]),
            ]
        )
        criteria_ = Criteria.build(musts={"target_groups": ["vg"], "financing": ["zin"]})
        assert self.ids(backend, criteria_) == [1]

    def test_age_and_available_only_filter(self, backend, index):
        index(
            [
                make_document(1, min_age=65),
                make_document(2, max_age=30, free_places=1, availability_confirmed_on=FRESH),
                make_document(3, free_places=1, availability_confirmed_on=STALE),
                make_document(4, free_places=1, availability_confirmed_on=FRESH),
            ]
        )
        assert self.ids(backend, Criteria.build(age=70)) == [4, 1, 3]
        assert self.ids(backend, Criteria.build(available_only=True)) == [2, 4]
        assert self.ids(backend, Criteria.build(age=70, available_only=True)) == [4]

    def test_max_distance_leaves_out_residences_beyond_it_and_without_a_location(
        self, backend, index
    ):
        index(
            [
                make_document(1, latitude=52.0800, longitude=4.3100),  # The Hague, ~20 km
                make_document(2, latitude=51.9250, longitude=4.4800),  # central Rotterdam
                make_document(3, latitude=None, longitude=None),
                make_document(4, latitude=51.8450, longitude=4.3290),  # Spijkenisse, ~13 km
            ]
        )
        assert self.ids(backend, Criteria.build(max_distance_km=10, **ROTTERDAM)) == [2]
        assert self.ids(backend, Criteria.build(max_distance_km=15, **ROTTERDAM)) == [2, 4]

    # Free text (the order by relevance differs between engines; what matches does not) ----

    @pytest.fixture
    def texts(self, index):
        return index(
            [
                make_document(
                    1, text="De Linde: kleinschalig wonen met een grote tuin aan het water"
                ),
                make_document(
                    2, text="Rozenhof, midden in de stad, met twee tuinen en een huiskamer"
                ),
                make_document(3, text="Het Anker, appartementen met 24-uurszorg bij het station"),
                make_document(4, text="Zonnehuis: rustig wonen, tuin, tuin en nog eens een tuin"),
                make_document(5, text="Café Zuidplein, een plek voor ontmoeting"),
            ]
        )

    def found(self, backend, text: str) -> set[int]:
        return set(self.ids(backend, Criteria.build(text=text)))

    def test_text_finds_residences_with_the_word_and_its_plural(self, backend, texts):
        assert self.found(backend, "tuin") == {1, 2, 4}

    def test_every_word_of_the_text_must_occur(self, backend, texts):
        assert self.found(backend, "tuin water") == {1}
        assert self.found(backend, "station tuin") == set()

    def test_text_ignores_case_and_accents(self, backend, texts):
        assert self.found(backend, "CAFE") == {5}

    def test_text_with_no_words_in_it_does_not_filter(self, backend, texts):
        assert self.found(backend, "?!") == {1, 2, 3, 4, 5}

    def test_text_combines_with_must_conditions_and_facets(self, backend, index):
        index(
            [
                make_document(1, text="tuin", facilities=[GARDEN]),
                make_document(2, text="tuin", facilities=[LIFT]),
                make_document(3, text="station", facilities=[GARDEN]),
            ]
        )
        result = backend.search(
            Criteria.build(text="tuin", musts={"facilities": [GARDEN]}), today=TODAY
        )
        assert [match.id for match in result.matches] == [1]
        counts = {value.code: value.count for value in result.facets["facilities"]}
        assert counts[GARDEN] == 1 and counts[LIFT] == 1
        assert result.total == 1

    # Order --------------------------------------------------------------------------------

    def test_a_closer_residence_ranks_higher(self, backend, index):
        index(
            [
                make_document(1, latitude=52.0800, longitude=4.3100),
                make_document(2, latitude=51.9250, longitude=4.4800),
                make_document(3, latitude=51.8450, longitude=4.3290),
            ]
        )
        assert self.ids(backend, Criteria.build(**ROTTERDAM)) == [2, 3, 1]

    def test_met_wishes_rank_higher_and_a_very_important_wish_outweighs_two_nice_ones(
        self, backend, index
    ):
        index(
            [
                make_document(1, facilities=[]),
                make_document(2, facilities=[PETS, LIFT]),
                make_document(3, facilities=[GARDEN]),
            ]
        )
        criteria_ = Criteria.build(
            wishes=[
                Wish("facilities", GARDEN, Importance.VERY_IMPORTANT),
                Wish("facilities", PETS, Importance.NICE),
                Wish("facilities", LIFT, Importance.NICE),
            ]
        )
        assert self.ids(backend, criteria_) == [3, 2, 1]

    def test_stale_availability_counts_as_unknown_and_ranks_below_fresh_news(self, backend, index):
        index(
            [
                make_document(1, free_places=3, availability_confirmed_on=STALE),
                make_document(2, free_places=0, waiting_weeks=30, availability_confirmed_on=FRESH),
                make_document(3, free_places=0, waiting_weeks=4, availability_confirmed_on=FRESH),
                make_document(4, free_places=1, availability_confirmed_on=FRESH),
            ]
        )
        result = backend.search(Criteria.build(), today=TODAY)
        assert [match.id for match in result.matches] == [4, 3, 2, 1]
        stale = result.matches[-1].explanation
        assert stale.availability == ranking.Status.UNKNOWN
        assert stale.is_stale

    def test_urgency_weighs_a_free_place_against_distance(self, backend, index):
        index(
            [
                make_document(1, latitude=51.9225, longitude=4.4792),  # here, status unknown
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
        assert self.ids(backend, urgent) == [2, 1]
        assert self.ids(backend, browsing) == [1, 2]

    def test_sort_by_distance_puts_the_nearest_first_and_unknown_locations_last(
        self, backend, index
    ):
        index(
            [
                make_document(1, latitude=None, longitude=None, facilities=[GARDEN]),
                make_document(2, latitude=51.8450, longitude=4.3290, facilities=[GARDEN]),
                make_document(3, latitude=51.9250, longitude=4.4800),
            ]
        )
        wishes = [Wish("facilities", GARDEN, Importance.VERY_IMPORTANT)]
        by_distance = Criteria.build(sort=Sort.DISTANCE, wishes=wishes, **ROTTERDAM)
        assert self.ids(backend, by_distance) == [3, 2, 1]
        # Without a location, sorting by distance is sorting by best match.
        assert self.ids(backend, Criteria.build(sort=Sort.DISTANCE, wishes=wishes)) == [1, 2, 3]

    def test_sort_by_availability_orders_by_status_then_score(self, backend, index):
        index(
            [
                make_document(1, facilities=[GARDEN]),
                make_document(2, waiting_weeks=20, availability_confirmed_on=FRESH),
                make_document(3, free_places=2, availability_confirmed_on=FRESH),
                make_document(
                    4, free_places=1, availability_confirmed_on=FRESH, facilities=[GARDEN]
                ),
                make_document(5, waiting_weeks=2, availability_confirmed_on=FRESH),
            ]
        )
        criteria_ = Criteria.build(
            sort=Sort.AVAILABILITY, wishes=[Wish("facilities", GARDEN, Importance.VERY_IMPORTANT)]
        )
        assert self.ids(backend, criteria_) == [4, 3, 5, 2, 1]

    def test_equal_scores_are_ordered_by_page_id_whatever_the_order_of_indexing(
        self, backend, index
    ):
        index([make_document(page_id) for page_id in (9, 3, 7, 1)])
        assert self.ids(backend, Criteria.build()) == [1, 3, 7, 9]
        by_availability = Criteria.build(sort=Sort.AVAILABILITY)
        assert self.ids(backend, by_availability) == [1, 3, 7, 9]

    # Paging, explanations, health --------------------------------------------------------

    def test_paging_walks_the_whole_result_list_once(self, backend, index):
        index([make_document(page_id) for page_id in range(1, 46)])
        seen = []
        for page in (1, 2, 3):
            result = backend.search(Criteria.build(page=page), today=TODAY)
            assert (result.total, result.page_count) == (45, 3)
            assert result.has_previous == (page > 1)
            assert result.has_next == (page < 3)
            seen += [match.id for match in result.matches]
        assert seen == list(range(1, 46))
        beyond = backend.search(Criteria.build(page=4), today=TODAY)
        assert beyond.matches == [] and beyond.total == 45
        assert backend.count(Criteria.build(), today=TODAY) == 45

    def test_explanation_lists_met_and_missed_wishes_distance_and_confirmation(
        self, backend, index
    ):
        index(
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
        criteria_ = Criteria.build(
            wishes=[Wish("facilities", GARDEN, 3), Wish("facilities", PETS, 1)], **ROTTERDAM
        )
        explanation = backend.search(criteria_, today=TODAY).matches[0].explanation
        assert explanation.met == (Wish("facilities", GARDEN, 3),)
        assert explanation.missed == (Wish("facilities", PETS, 1),)
        assert explanation.distance_km == pytest.approx(13.4, abs=0.1)
        assert explanation.availability == ranking.Status.FREE
        assert explanation.confirmed_on == TODAY
        assert explanation.summary == "Past bij 1 van uw 2 wensen"

    def test_health_reports_ok_with_a_timing(self, backend, index):
        index([make_document(1)])
        report = backend.health()
        assert report["status"] == "ok"
        assert report["ms"] >= 0

    # Bad input ----------------------------------------------------------------------------

    @pytest.mark.parametrize(
        "bad",
        [
            Criteria(musts=(("facilities", ("no-such-facility",)),)),
            Criteria(musts=(("no_such_list", ("x",)),)),
            Criteria(wishes=(Wish("environment", "no-such-place"),)),
            Criteria(sort="random"),
            Criteria(page=0),
        ],
        ids=["unknown code", "unknown list", "unknown wish", "unknown sort", "page 0"],
    )
    def test_criteria_no_form_can_produce_are_refused_not_reinterpreted(self, backend, index, bad):
        index([make_document(1)])
        with pytest.raises(InvalidSearch):
            backend.search(bad, today=TODAY)
        if bad.page >= 1:
            with pytest.raises(InvalidSearch):
                backend.count(bad, today=TODAY)

    def test_a_page_size_below_one_is_refused(self, backend, index):
        index([make_document(1)])
        with pytest.raises(InvalidSearch):
            backend.search(Criteria.build(), today=TODAY, page_size=0)

    # Against the Python reference, for generated criteria ------------------------------

    @PROPERTY
    @given(search_criteria=criteria(with_text=False, with_page=False))
    def test_exactly_the_residences_meeting_every_must_are_found(
        self, backend, catalogue, search_criteria
    ):
        result = backend.search(search_criteria, today=TODAY, page_size=ALL_AT_ONCE)
        expected = {document["id"] for document in reference_matches(search_criteria, catalogue)}
        assert {match.id for match in result.matches} == expected
        assert result.total == len(expected)
        assert backend.count(search_criteria, today=TODAY) == len(expected)

    @PROPERTY
    @given(search_criteria=criteria(with_text=False, with_page=False))
    def test_order_and_scores_are_the_python_references_with_ties_by_page_id(
        self, backend, catalogue, search_criteria
    ):
        result = backend.search(search_criteria, today=TODAY, page_size=ALL_AT_ONCE)

        def key(document):
            # Rounded so float noise between engines cannot reorder equal scores.
            score = round(ranking.score(search_criteria, document, TODAY), self.score_digits)
            return reference_sort_key(search_criteria, document, score, TODAY)

        matched = reference_matches(search_criteria, catalogue)
        assert [match.id for match in result.matches] == [d["id"] for d in sorted(matched, key=key)]
        for match in result.matches:
            expected = ranking.score(search_criteria, match.document, TODAY)
            assert match.score == pytest.approx(expected, abs=10**-self.score_digits * 10)
            assert match.explanation == ranking.explain(search_criteria, match.document, TODAY)

    @PROPERTY
    @given(search_criteria=criteria(with_text=False, with_page=False))
    def test_facet_counts_are_the_real_counts_ignoring_each_lists_own_selection(
        self, backend, catalogue, search_criteria
    ):
        result = backend.search(search_criteria, today=TODAY)
        for list_name in taxonomy.RESIDENCE_CODE_LISTS:
            pool = reference_matches(search_criteria.without_must(list_name), catalogue)
            expected = {
                code: sum(1 for document in pool if code in document[list_name])
                for code in taxonomy.RESIDENCE_CODE_LISTS[list_name].values
            }
            counted = {value.code: value.count for value in result.facets[list_name]}
            assert counted == expected, list_name
            selected = {value.code for value in result.facets[list_name] if value.selected}
            assert selected == set(search_criteria.must(list_name))

    @PROPERTY
    @given(search_criteria=criteria(with_text=False, with_page=False))
    def test_pages_of_twenty_are_slices_of_the_whole_list(
        self, backend, catalogue, search_criteria
    ):
        whole = backend.search(search_criteria, today=TODAY, page_size=ALL_AT_ONCE, facets=False)
        third = backend.search(search_criteria.with_changes(page=3), today=TODAY, facets=False)
        assert [match.id for match in third.matches] == [m.id for m in whole.matches[40:60]]
        assert third.total == whole.total


@pytest.mark.django_db
class TestDatabaseBackend(BackendContract):
    @pytest.fixture
    def backend(self):
        return get_backend_by_name("database")

    def test_a_residence_exactly_at_the_distance_limit_is_found(self, backend, index):
        # The same haversine in SQL and in residences.geo: 10 km east, in and a hair beyond.
        here = ROTTERDAM["latitude"], ROTTERDAM["longitude"]
        degree = geo.distance_km(*here, here[0], here[1] + 1.0)
        index(
            [
                make_document(1, latitude=here[0], longitude=here[1] + 9.999 / degree),
                make_document(2, latitude=here[0], longitude=here[1] + 10.01 / degree),
            ]
        )
        assert self.ids(backend, Criteria.build(max_distance_km=10, **ROTTERDAM)) == [1]


ELASTICSEARCH_NOT_SET = (
    "ELASTICSEARCH_URL is not set: the Elasticsearch backend contract needs a real server "
    "(docker compose)"
)


@pytest.mark.elasticsearch
@pytest.mark.django_db
class TestElasticsearchBackend(BackendContract):
    score_digits = 4  # float32 scores

    @pytest.fixture
    def backend(self, settings):
        url = os.environ.get("ELASTICSEARCH_URL")
        if not url:
            pytest.skip(ELASTICSEARCH_NOT_SET)
        settings.ELASTICSEARCH_URL = url
        settings.ELASTICSEARCH_INDEX = f"woonvinder-contract-{uuid.uuid4().hex[:12]}"
        reset_backends()
        backend = get_backend_by_name("elasticsearch")
        yield backend
        client = backend.client
        leftovers = list(client.indices.get(index=f"{backend.alias}*", expand_wildcards="all"))
        if leftovers:
            client.indices.delete(index=",".join(leftovers))
        reset_backends()
