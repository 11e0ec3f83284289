"""The Elasticsearch backend against a real server (docker compose), and parity with the database.

Run with ELASTICSEARCH_URL set, e.g. `ELASTICSEARCH_URL=http://localhost:9200 pytest -m
elasticsearch`. Without it every test here is skipped with that reason. Each test works behind
its own alias and deletes its indexes afterwards, so a shared development cluster is safe.
"""

import os
import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone
from elasticsearch import Elasticsearch

from residences import taxonomy
from residences.demo.seed import seed_demo
from search import ranking, synthetic
from search.backends import get_backend, get_backend_by_name, reset_backends
from search.backends.base import SearchUnavailable, reference_sort_key
from search.backends.elasticsearch import documents
from search.criteria import Criteria, Importance, Sort, Wish
from search.indexing import check_index, rebuild_index, update_index
from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

NOT_SET = (
    "ELASTICSEARCH_URL is not set: Elasticsearch integration tests need a real server "
    "(docker compose)"
)
ROTTERDAM = {"place": "Rotterdam", "latitude": 51.9225, "longitude": 4.47917}
SCORE_TOLERANCE = 1e-4  # Elasticsearch scores are float32


@pytest.fixture(scope="session")
def elasticsearch_url() -> str:
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(NOT_SET)
    client = Elasticsearch(url, request_timeout=10, **_credentials())
    if not client.ping():
        pytest.fail(f"ELASTICSEARCH_URL={url} is set, but no Elasticsearch answers there")
    return url


def _credentials() -> dict:
    if os.environ.get("ELASTICSEARCH_API_KEY"):
        return {"api_key": os.environ["ELASTICSEARCH_API_KEY"]}
    if os.environ.get("ELASTICSEARCH_USERNAME"):
        return {
            "basic_auth": (
                os.environ["ELASTICSEARCH_USERNAME"],
                os.environ.get("ELASTICSEARCH_PASSWORD", ""),
            )
        }
    return {}


@pytest.fixture
def es(settings, elasticsearch_url):
    """The Elasticsearch backend behind a fresh alias; the configured engine for this test."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX = f"woonvinder-test-{uuid.uuid4().hex[:12]}"
    reset_backends()
    backend = get_backend_by_name("elasticsearch")
    yield backend
    client = backend.client
    leftovers = list(client.indices.get(index=f"{backend.alias}*", expand_wildcards="all"))
    if leftovers:
        client.indices.delete(index=",".join(leftovers))
    reset_backends()


@pytest.fixture
def database():
    return get_backend_by_name("database")


def refresh(backend) -> None:
    backend.client.indices.refresh(index=backend.alias)


def stored(backend, page_id: int) -> dict | None:
    response = backend.client.options(ignore_status=404).get(index=backend.alias, id=page_id)
    return response.body.get("_source") if response.body.get("found") else None


def all_pages(backend, criteria: Criteria, today, page_size: int = 50) -> list:
    """Every match over all pages (so paging takes part in the comparison)."""
    matches, page = [], 1
    while True:
        result = backend.search(criteria.with_changes(page=page), page_size=page_size, today=today)
        matches.extend(result.matches)
        if not result.has_next:
            return matches
        page += 1


# Index lifecycle ---------------------------------------------------------------------------


def test_rebuild_leaves_exactly_one_index_behind_the_alias(es):
    ResidencePageFactory()
    ResidencePageFactory()

    rebuild_index(backends=[es])
    first = es.concrete_indexes()
    rebuild_index(backends=[es])
    second = es.concrete_indexes()

    assert len(first) == 1 and len(second) == 1
    assert first != second
    ours = [
        name
        for name in es.client.indices.get(index=f"{es.alias}-*", expand_wildcards="all")
        if documents.is_concrete_index_of(es.alias, name)
    ]
    assert ours == second
    assert es.count(Criteria.build()) == 2


def test_rebuild_takes_over_a_concrete_index_that_carries_the_alias_name(es):
    ResidencePageFactory()
    es.client.indices.create(index=es.alias)

    assert rebuild_index(backends=[es]) == {"elasticsearch": 1}

    assert len(es.concrete_indexes()) == 1
    assert es.concrete_indexes() != [es.alias]


def test_writes_before_the_first_rebuild_never_create_a_guessed_index(es):
    page = ResidencePageFactory()

    with pytest.raises(SearchUnavailable):
        es.upsert([documents.from_source({"id": page.pk, "title": page.title})])
    assert not es.client.indices.exists(index=es.alias)


def test_health_reports_the_documents_behind_the_alias(es):
    ResidencePageFactory()
    rebuild_index(backends=[es])

    report = es.health()

    assert report["status"] == "ok"
    assert "1 documents" in report["detail"]


# Sync --------------------------------------------------------------------------------------


def test_publish_unpublish_move_and_delete_reach_elasticsearch(
    es, django_capture_on_commit_callbacks
):
    rebuild_index(backends=[es])
    first_provider = ProviderPageFactory(title="Zorggroep Oost")
    second_provider = ProviderPageFactory(title="Zorggroep West")

    with django_capture_on_commit_callbacks(execute=True):
        page = ResidencePageFactory(parent=first_provider, title="De Linde")
    refresh(es)
    assert stored(es, page.pk)["title"] == "De Linde"

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "De Linde aan het water"
        publish_page(page)
    refresh(es)
    assert stored(es, page.pk)["title"] == "De Linde aan het water"

    with django_capture_on_commit_callbacks(execute=True):
        page.move(second_provider, pos="last-child")
    refresh(es)
    assert stored(es, page.pk)["provider_name"] == "Zorggroep West"

    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    refresh(es)
    assert stored(es, page.pk) is None

    with django_capture_on_commit_callbacks(execute=True):
        publish_page(page)
    refresh(es)
    assert stored(es, page.pk) is not None

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    refresh(es)
    assert stored(es, page.pk) is None


def test_check_finds_and_update_repairs_a_corrupted_index(es):
    kept, changed, removed = (ResidencePageFactory() for _ in range(3))
    rebuild_index(backends=[es])
    es.client.index(
        index=es.alias, id=changed.pk, document={**stored(es, changed.pk), "free_places": 99}
    )
    es.client.delete(index=es.alias, id=removed.pk)
    es.client.index(index=es.alias, id=999_999, document={"id": 999_999, "title": "Weg"})
    refresh(es)

    drift = check_index(backends=[es])["elasticsearch"]
    assert (drift.missing, drift.stale, drift.orphaned) == ([removed.pk], [changed.pk], [999_999])

    update_index(backends=[es])
    refresh(es)
    assert not check_index(backends=[es])["elasticsearch"]
    assert stored(es, changed.pk)["free_places"] == changed.free_places
    assert kept.pk in es.indexed_versions()


# Search ------------------------------------------------------------------------------------


def test_dutch_text_search_matches_stemmed_words_and_filters(es):
    with_gardens = ResidencePageFactory(description="<p>Twee grote tuinen met bankjes.</p>")
    ResidencePageFactory(description="<p>Een balkon op het zuiden.</p>")
    rebuild_index(backends=[es])

    criteria = Criteria.build(text="tuin")
    today = timezone.localdate()

    result = es.search(criteria, today=today)

    assert [match.id for match in result.matches] == [with_gardens.pk]
    assert result.total == 1
    without_text = ranking.score(criteria, result.matches[0].document, today)
    assert without_text < result.matches[0].score <= without_text + ranking.TEXT_WEIGHT


def test_availability_sort_ranks_free_short_long_then_unknown(es):
    today = timezone.localdate()
    stale = ResidencePageFactory(availability_confirmed_on=today - timedelta(days=90))
    long_wait = ResidencePageFactory(free_places=0, waiting_weeks=40)
    free = ResidencePageFactory(free_places=3)
    short_wait = ResidencePageFactory(free_places=0, waiting_weeks=6)
    rebuild_index(backends=[es])

    result = es.search(Criteria.build(sort=Sort.AVAILABILITY), today=today)

    assert [m.id for m in result.matches] == [free.pk, short_wait.pk, long_wait.pk, stale.pk]


def test_facet_counts_ignore_their_own_selection_and_equal_the_database(es, database):
    ResidencePageFactory(target_groups=["vg"], financing=["pgb"])
    ResidencePageFactory(target_groups=["vg", "lvb"], financing=["zin"])
    ResidencePageFactory(target_groups=["ggz"], financing=["pgb"])
    rebuild_index(backends=[es, database])
    criteria = Criteria.build(musts={"target_groups": ["vg"], "financing": ["pgb"]})

    result = es.search(criteria)

    counts = {v.code: v.count for v in result.facets["target_groups"] if v.count}
    assert counts == {"vg": 1, "ggz": 1}
    assert result.total == 1
    assert result.facets == database.search(criteria).facets


# Parity ------------------------------------------------------------------------------------


WISHES = [
    Wish("facilities", taxonomy.Facility.GARDEN, Importance.VERY_IMPORTANT),
    Wish("facilities", taxonomy.Facility.PETS, Importance.IMPORTANT),
    Wish("environment", taxonomy.Environment.QUIET, Importance.NICE),
    Wish("support", taxonomy.Support.PRESENCE_24H, Importance.IMPORTANT),
    Wish("housing_types", taxonomy.HousingType.SMALL_SCALE, Importance.NICE),
]
PARITY_CRITERIA = {
    "nothing": Criteria.build(),
    "wishes, urgent": Criteria.build(wishes=WISHES, urgency=taxonomy.Urgency.NOW),
    "near Rotterdam": Criteria.build(**ROTTERDAM, wishes=WISHES[:3]),
    "within 15 km": Criteria.build(**ROTTERDAM, max_distance_km=15, wishes=WISHES[2:]),
    "by distance": Criteria.build(**ROTTERDAM, sort=Sort.DISTANCE, wishes=WISHES[:2]),
    "by availability": Criteria.build(
        sort=Sort.AVAILABILITY, wishes=WISHES, urgency=taxonomy.Urgency.THREE_MONTHS
    ),
    "musts, age": Criteria.build(
        musts={
            "target_groups": [taxonomy.TargetGroup.ELDERLY_DEMENTIA, taxonomy.TargetGroup.PHYSICAL],
            "facilities": [taxonomy.Facility.OWN_ROOM],
        },
        age=80,
        wishes=WISHES[:1],
    ),
    "free only": Criteria.build(available_only=True, **ROTTERDAM, wishes=WISHES[1:]),
}


@pytest.fixture
def demo_catalogue(es, database):
    """The demo seed through the real pipeline; returns the day to search on."""
    seed_demo(residences=120, providers=8, seed=7)
    rebuild_index(backends=[database, es])
    return timezone.localdate()


@pytest.fixture
def generated_catalogue(es, database):
    """Generated documents with a wider spread (no coordinates, stale dates, empty lists)."""
    today = date(2025, 6, 2)
    generated = synthetic.documents(300, seed=23, today=today)
    database.rebuild(generated)
    es.rebuild(generated)
    return today


@pytest.mark.parametrize("name", PARITY_CRITERIA)
def test_both_backends_give_the_same_order(name, demo_catalogue, es, database):
    assert_parity(PARITY_CRITERIA[name], demo_catalogue, es, database)


@pytest.mark.parametrize("name", PARITY_CRITERIA)
def test_both_backends_give_the_same_order_over_generated_documents(
    name, generated_catalogue, es, database
):
    assert_parity(PARITY_CRITERIA[name], generated_catalogue, es, database)


def assert_parity(criteria, today, es, database) -> None:
    expected = all_pages(database, criteria, today)
    actual = all_pages(es, criteria, today)

    assert expected, "the catalogue should match every parity criteria"
    assert_same_order(criteria, expected, actual, today)
    assert es.count(criteria, today=today) == database.count(criteria, today=today)


def assert_same_order(criteria, expected, actual, today) -> None:
    """Same ids in the same order, except within runs whose sort keys differ < 1e-4."""
    assert len(actual) == len(expected)
    scores = {match.id: match.score for match in expected}
    for match in actual:
        assert match.score == pytest.approx(scores[match.id], abs=1e-3), match.id
    group_of = _tie_groups(criteria, expected, today)
    groups_in_actual = [group_of[match.id] for match in actual]
    assert groups_in_actual == sorted(groups_in_actual), (
        [m.id for m in expected],
        [m.id for m in actual],
    )


def _tie_groups(criteria, matches, today) -> dict[int, int]:
    """Group consecutive matches whose sort keys (ids aside) are equal within tolerance."""
    group_of, group, previous = {}, 0, None
    for match in matches:
        key = reference_sort_key(criteria, match.document, match.score, today)[:-1]
        if previous is not None and not _close(previous, key):
            group += 1
        group_of[match.id] = group
        previous = key
    return group_of


def _close(left: tuple, right: tuple) -> bool:
    # Equal first: residences without coordinates all sort at infinity.
    return all(a == b or abs(a - b) < SCORE_TOLERANCE for a, b in zip(left, right, strict=True))


def test_the_configured_backend_serves_elasticsearch_results(es, database):
    ResidencePageFactory()
    rebuild_index()  # every configured index: the database and Elasticsearch

    result = get_backend().search(Criteria.build())

    assert result.backend == "elasticsearch"
    assert result.notices == []
    assert [m.id for m in result.matches] == [
        m.id for m in database.search(Criteria.build()).matches
    ]
