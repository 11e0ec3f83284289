"""Every index write reaches the next search, and syncs stay batched.

Facet counts (and totals) are cached per filter part and index generation: every index write
must retire them. Syncs are collected per transaction: deleting a provider with many residences
must cost a bounded number of index operations, and a rolled-back change must not swallow the
syncs of later ones.
"""

import pytest
from django.db import transaction
from wagtail.models import Page

import search.backends
from search import indexing
from search.backends.database import DatabaseBackend
from search.criteria import Criteria, Importance, Sort, Wish
from search.models import SearchEntry
from tests.factories import ProviderPageFactory, ResidencePageFactory
from tests.search.conftest import TODAY, make_document

pytestmark = pytest.mark.django_db

FRESH = TODAY.isoformat()


def facet(result, list_name: str, code: str) -> int:
    return next(value.count for value in result.facets[list_name] if value.code == code)


@pytest.fixture
def garden_catalogue(index_documents):
    return index_documents(
        [
            make_document(1, facilities=["tuin"], free_places=1, availability_confirmed_on=FRESH),
            make_document(2, facilities=["tuin", "lift"]),
            make_document(3, facilities=["lift"], min_age=65),
        ]
    )


def test_a_repeated_filter_is_answered_from_the_cache(
    database_backend, garden_catalogue, django_assert_max_num_queries
):
    criteria = Criteria.build(musts={"facilities": ["tuin"]})
    first = database_backend.search(criteria, today=TODAY)
    # Only the generation, the ranked page and its documents: no facet or count query.
    with django_assert_max_num_queries(3):
        again = database_backend.search(criteria, today=TODAY)
    assert (again.total, again.facets) == (first.total, first.facets) == (2, first.facets)
    assert facet(again, "facilities", "lift") == 2


def test_wishes_sort_page_and_urgency_share_counts_but_filters_do_not(
    database_backend, garden_catalogue, django_assert_max_num_queries
):
    plain = Criteria.build(musts={"facilities": ["lift"]})
    database_backend.search(plain, today=TODAY)
    reordered = plain.with_changes(
        wishes=[Wish("facilities", "tuin", Importance.VERY_IMPORTANT)],
        sort=Sort.AVAILABILITY,
        urgency="nu",
    )
    with django_assert_max_num_queries(3):
        result = database_backend.search(reordered, today=TODAY)
    assert result.total == 2
    assert [match.id for match in result.matches] == [2, 3]

    older = plain.with_changes(age=30)
    assert database_backend.search(older, today=TODAY).total == 1
    assert database_backend.count(older, today=TODAY) == 1
    free = plain.with_changes(available_only=True)
    assert database_backend.search(free, today=TODAY).total == 0


def test_the_stale_cutoff_of_today_is_part_of_the_cached_filter(database_backend, garden_catalogue):
    free_now = Criteria.build(available_only=True)
    assert database_backend.search(free_now, today=TODAY).total == 1
    much_later = TODAY.replace(year=TODAY.year + 1)
    assert database_backend.search(free_now, today=much_later).total == 0


def test_every_index_write_retires_cached_facet_counts(database_backend, garden_catalogue):
    criteria = Criteria.build()
    before = database_backend.search(criteria, today=TODAY)
    assert (before.total, facet(before, "facilities", "tuin")) == (3, 2)
    assert database_backend.count(criteria, today=TODAY) == 3

    database_backend.upsert([make_document(4, facilities=["tuin"])])
    after_upsert = database_backend.search(criteria, today=TODAY)
    assert (after_upsert.total, facet(after_upsert, "facilities", "tuin")) == (4, 3)
    assert database_backend.count(criteria, today=TODAY) == 4

    database_backend.delete([1, 2])
    after_delete = database_backend.search(criteria, today=TODAY)
    assert (after_delete.total, facet(after_delete, "facilities", "tuin")) == (2, 1)

    database_backend.rebuild([make_document(9, facilities=["lift"])])
    after_rebuild = database_backend.search(criteria, today=TODAY)
    assert (after_rebuild.total, facet(after_rebuild, "facilities", "tuin")) == (1, 0)
    assert facet(after_rebuild, "facilities", "lift") == 1


def test_a_residence_deleted_in_this_transaction_leaves_the_counts_at_once(
    database_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kept = ResidencePageFactory(facilities=["tuin"])
        deleted = ResidencePageFactory(facilities=["tuin"])
    criteria = Criteria.build(musts={"facilities": ["tuin"]})
    assert database_backend.search(criteria, today=TODAY).total == 2
    # The delete cascades to the index row; the sync itself waits for the commit.
    with django_capture_on_commit_callbacks(execute=False):
        Page.objects.get(pk=deleted.pk).specific.delete()
    result = database_backend.search(criteria, today=TODAY)
    assert [match.id for match in result.matches] == [kept.pk]
    assert result.total == facet(result, "facilities", "tuin") == 1


class RecordingBackend(DatabaseBackend):
    """The real database index, noting each write it is asked for."""

    def __init__(self):
        self.calls: list[tuple[str, list[int]]] = []

    def upsert(self, documents):
        self.calls.append(("upsert", [document["id"] for document in documents]))
        super().upsert(documents)

    def delete(self, ids):
        self.calls.append(("delete", list(ids)))
        super().delete(ids)


@pytest.fixture
def recording(monkeypatch):
    backend = RecordingBackend()
    monkeypatch.setattr(search.backends, "get_index_backends", lambda: [backend])
    return backend


def delete_provider_with(count, django_capture_on_commit_callbacks, queries):
    with django_capture_on_commit_callbacks(execute=True):
        provider = ProviderPageFactory()
        residences = [ResidencePageFactory(parent=provider) for _ in range(count)]
    ids = sorted(residence.pk for residence in residences)
    assert set(SearchEntry.objects.filter(pk__in=ids).values_list("pk", flat=True)) == set(ids)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Page.objects.get(pk=provider.pk).delete()
    with queries() as captured:
        for callback in callbacks:
            callback()
    assert not SearchEntry.objects.filter(pk__in=ids).exists()
    return ids, len(captured)


@pytest.mark.parametrize("count", [3, 12])
def test_deleting_a_provider_syncs_its_residences_in_one_batch(
    count, recording, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ids, query_count = delete_provider_with(
        count, django_capture_on_commit_callbacks, lambda: CaptureQueriesContext(connection)
    )
    writes_after_delete = recording.calls[-1:]
    assert writes_after_delete == [("delete", ids)]
    # A handful of queries whatever the number of residences (lookup, provider map, delete).
    assert query_count <= 8


def test_a_rolled_back_change_does_not_swallow_later_syncs(
    recording, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        provider = ProviderPageFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        ResidencePageFactory(parent=provider)
        raise RuntimeError("the editor's save failed")
    with django_capture_on_commit_callbacks(execute=True):
        later = ResidencePageFactory(parent=provider)
    assert SearchEntry.objects.filter(pk=later.pk).exists()
    assert ("upsert", [later.pk]) in recording.calls


def test_sync_pages_writes_large_sets_in_batches(recording, monkeypatch):
    monkeypatch.setattr(indexing, "BATCH_SIZE", 2)
    indexing.sync_pages([5, 1, 4, 3, 2])
    assert recording.calls == [("delete", [1, 2]), ("delete", [3, 4]), ("delete", [5])]


@pytest.mark.django_db(transaction=True)
def test_a_change_outside_any_transaction_is_synced_at_once(recording):
    """Autocommit (a management command, the live server of the browser tests): no transaction
    to wait for, so the sync runs straight away."""
    from search import signals

    provider = ProviderPageFactory()
    residence = ResidencePageFactory(parent=provider)
    SearchEntry.objects.filter(pk=residence.pk).delete()
    recording.calls.clear()

    assert transaction.get_autocommit()
    assert signals.schedule_sync([residence.pk]) is None
    assert ("upsert", [residence.pk]) in recording.calls
    assert SearchEntry.objects.filter(pk=residence.pk).exists()
