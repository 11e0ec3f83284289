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

from residences import taxonomy
from residences.demo.seed import seed_demo
from search import ranking, synthetic
from search.backends import get_backend, get_backend_by_name, reset_backends
from search.backends.base import SearchUnavailable
from search.backends.elasticsearch import documents
from search.backends.elasticsearch.backend import RebuildRunning, make_client
from search.criteria import Criteria, Importance, Sort, Wish
from search.indexing import check_index, rebuild_index, update_index
from search.locks import rebuild_lock
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
    # The site's own client: ELASTICSEARCH_VERSION, TLS and credentials as the site uses them.
    client = make_client(url, request_timeout=10)
    try:
        client.count()
    except Exception as error:
        pytest.fail(f"ELASTICSEARCH_URL={url} is set, but no Elasticsearch answers there: {error}")
    return url


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


def test_after_a_rebuild_the_live_mapping_settings_and_version_are_what_the_code_expects(es):
    ResidencePageFactory()
    rebuild_index(backends=[es])

    assert es.server_problems() == []


def test_check_names_a_mapping_changed_on_the_server(es):
    ResidencePageFactory()
    rebuild_index(backends=[es])
    es.client.indices.put_mapping(index=es.alias, properties={"extra": {"type": "keyword"}})

    problems = es.server_problems()

    assert len(problems) == 1
    assert "mapping properties.extra.type is only in the live index" in problems[0]


def test_a_rebuild_deletes_only_what_was_behind_the_alias(es):
    ResidencePageFactory()
    rebuild_index(backends=[es])
    kept = documents.concrete_index_name(es.alias, timezone.now() - timedelta(days=1))
    es.client.indices.create(index=kept)

    rebuild_index(backends=[es])

    assert es.client.indices.exists(index=kept)
    assert len(es.concrete_indexes()) == 1


def test_a_second_rebuild_while_one_runs_stops_at_once(es):
    with rebuild_lock(f"elasticsearch:{es.alias}") as held:
        assert held
        with pytest.raises(RebuildRunning):
            es.rebuild([])


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
    assert "cluster" not in report["detail"]  # no cluster.health: a least-privilege key can't


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
    assert_same_order(expected, actual)
    assert es.count(criteria, today=today) == database.count(criteria, today=today)


def assert_same_order(expected, actual) -> None:
    """The exact order (score, then id: ties broken alike), equal scores, equal explanations."""
    assert [m.id for m in actual] == [m.id for m in expected]
    for mine, theirs in zip(actual, expected, strict=True):
        assert mine.score == pytest.approx(theirs.score, abs=1e-3), mine.id
        assert mine.explanation == theirs.explanation, mine.id


@pytest.mark.parametrize("name", ["nothing", "wishes, urgent", "by availability"])
def test_parity_holds_when_unknown_availability_earns_points(
    name, generated_catalogue, es, database, monkeypatch
):
    # UNKNOWN is worth 0 today; both engines must follow the day it is not.
    monkeypatch.setitem(ranking.AVAILABILITY_POINTS, ranking.Status.UNKNOWN, 0.5)

    assert_parity(PARITY_CRITERIA[name], generated_catalogue, es, database)


TEXT_CRITERIA = {
    "one word": Criteria.build(text="tuin"),
    "words and wishes": Criteria.build(text="wandeling tuin", wishes=WISHES[:2]),
}


@pytest.mark.parametrize("name", TEXT_CRITERIA)
def test_free_text_finds_the_same_residences_with_the_same_explanations(
    name, demo_catalogue, es, database
):
    """Free text: the same matches and every other point alike; the text part differs.

    Elasticsearch scores words with BM25 over title and text (Dutch analyzer), the database
    with its own full-text rank; both are normalised to 0..TEXT_WEIGHT, but not equal, so the
    order of residences that differ only in text relevance may differ ("How we rank" says so).
    """
    criteria = TEXT_CRITERIA[name]
    expected = {m.id: m for m in all_pages(database, criteria, demo_catalogue)}
    actual = {m.id: m for m in all_pages(es, criteria, demo_catalogue)}

    assert expected, "the demo catalogue should have residences with a garden"
    assert actual.keys() == expected.keys()
    for page_id, match in actual.items():
        assert match.explanation == expected[page_id].explanation
        without_text = ranking.score(criteria, match.document, demo_catalogue)
        assert without_text < match.score <= without_text + ranking.TEXT_WEIGHT + SCORE_TOLERANCE


def test_an_export_gives_the_same_ids_in_the_same_order(demo_catalogue, es, database):
    criteria = PARITY_CRITERIA["wishes, urgent"]

    ids = es.matching_ids(criteria, limit=50, today=demo_catalogue)

    assert ids == database.matching_ids(criteria, limit=50, today=demo_catalogue)
    assert len(ids) == 50


def test_the_configured_backend_serves_elasticsearch_results(es, database):
    ResidencePageFactory()
    rebuild_index()  # every configured index: the database and Elasticsearch

    result = get_backend().search(Criteria.build())

    assert result.backend == "elasticsearch"
    assert result.notices == []
    assert [m.id for m in result.matches] == [
        m.id for m in database.search(Criteria.build()).matches
    ]
