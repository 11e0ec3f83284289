"""Rebuild, check and update: drift is found, repaired, and edits during a rebuild survive."""

import io

import pytest
from django.core.management import call_command

from search import indexing, synthetic
from search.backends.database import DatabaseBackend
from search.models import SearchEntry
from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page
from tests.search.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def residences(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        provider = ProviderPageFactory()
        return [ResidencePageFactory(parent=provider) for _ in range(6)]


def titles():
    return dict(SearchEntry.objects.values_list("pk", "title"))


def test_rebuild_indexes_every_live_residence_and_drops_the_rest(residences):
    orphan = synthetic.documents(1, today=TODAY, first_id=10**9)
    DatabaseBackend().upsert(orphan)
    SearchEntry.objects.filter(pk=residences[0].pk).delete()
    assert indexing.rebuild_index([DatabaseBackend()]) == {"database": 6}
    assert set(titles()) == {page.pk for page in residences}
    assert not indexing.check_index([DatabaseBackend()])["database"]


def test_edits_committed_during_a_rebuild_are_present_afterwards(
    residences, monkeypatch, django_capture_on_commit_callbacks
):
    edited, unpublished = residences[4], residences[5]
    read_everything_first = indexing.iter_documents

    def slow_reader(queryset=None, batch_size=indexing.BATCH_SIZE):
        # The worst case: the rebuild read every page before the editors saved.
        documents = list(read_everything_first(queryset, batch_size))
        if queryset is None and not hasattr(slow_reader, "added"):
            with django_capture_on_commit_callbacks(execute=True):
                edited.title = "Na de bewerking"
                publish_page(edited)
                unpublished.unpublish()
                added = ResidencePageFactory(parent=edited.get_parent())
            slow_reader.added = added
        yield from documents

    monkeypatch.setattr(indexing, "iter_documents", slow_reader)
    indexing.rebuild_index([DatabaseBackend()], batch_size=2)
    monkeypatch.undo()

    stored = titles()
    assert stored[edited.pk] == "Na de bewerking"
    assert unpublished.pk not in stored
    assert slow_reader.added.pk in stored
    assert not indexing.check_index([DatabaseBackend()])["database"]


def test_check_finds_and_update_repairs_a_corrupted_index(residences):
    backend = DatabaseBackend()
    missing, altered = residences[0], residences[1]
    SearchEntry.objects.filter(pk=missing.pk).delete()
    corrupt = SearchEntry.objects.get(pk=altered.pk)
    corrupt.document = {**corrupt.document, "title": "Verkeerd"}
    corrupt.save()
    orphan = synthetic.documents(1, today=TODAY, first_id=10**9)[0]
    backend.upsert([orphan])

    drift = indexing.check_index([backend])["database"]
    assert (drift.missing, drift.stale, drift.orphaned) == ([missing.pk], [altered.pk], [10**9])

    repaired = indexing.update_index([backend])["database"]
    assert repaired.total == 3
    assert not indexing.check_index([backend])["database"]
    assert SearchEntry.objects.get(pk=altered.pk).document["title"] == altered.title
    assert SearchEntry.objects.filter(pk=missing.pk).exists()


def test_an_index_reporting_only_publish_times_is_checked_on_those(residences):
    versions = {page.pk: page.last_published_at.isoformat() for page in residences}
    assert all(
        indexing.same_version(indexing.document_version(indexing.residence_document(page)), v)
        for page, v in zip(residences, versions.values(), strict=True)
    )
    assert not indexing.same_version("2025-01-01T00:00:00+00:00#abc", "2024-01-01T00:00:00")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_check_exits_1_on_drift_and_update_repairs_it(residences):
    SearchEntry.objects.filter(pk=residences[2].pk).delete()
    with pytest.raises(SystemExit) as exit_info:
        run("check", "--backend", "database")
    assert exit_info.value.code == 1
    out, _ = run("update")
    assert "database: repaired 1 missing, 0 stale, 0 orphaned" in out
    out, _ = run("check")
    assert "database: 0 missing, 0 stale, 0 orphaned" in out


def test_command_rebuild_reports_the_count(residences):
    out, _ = run("rebuild", "--backend", "database")
    assert out.strip() == "database: rebuilt with 6 residences"


def test_command_names_an_unreachable_elasticsearch_instead_of_a_traceback(residences, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="search_index check failed"):
        run("check", "--backend", "elasticsearch")
