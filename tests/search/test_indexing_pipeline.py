"""The index pipeline for real: Wagtail pages, their publish signals, and the database index."""

import logging

import pytest
from wagtail.models import Page

from residences import taxonomy
from search import indexing
from search.models import SearchEntry, codes_mask
from tests.factories import (
    ImageFactory,
    ProviderPageFactory,
    ResidencePageFactory,
    home_page,
    publish_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def synced(django_capture_on_commit_callbacks):
    """Run what the hooks schedule with transaction.on_commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def entry(page) -> SearchEntry:
    return SearchEntry.objects.get(pk=page.pk)


def test_publishing_a_residence_adds_its_entry(synced):
    with synced():
        residence = ResidencePageFactory(title="De Linde", facilities=["tuin", "lift"])
    stored = entry(residence)
    assert stored.document == indexing.residence_document(residence)
    assert stored.document["url"] == residence.get_url()
    assert stored.document["provider_name"] == residence.get_parent().title
    assert stored.facilities_mask == codes_mask("facilities", ["tuin", "lift"])
    assert stored.title == "De Linde"


def test_a_draft_is_not_indexed_until_it_is_published(synced):
    with synced():
        residence = ResidencePageFactory(publish=False)
    assert not SearchEntry.objects.filter(pk=residence.pk).exists()
    with synced():
        publish_page(residence)
    assert entry(residence).document["id"] == residence.pk


def test_editing_and_publishing_updates_the_entry_but_a_draft_edit_does_not(synced):
    with synced():
        residence = ResidencePageFactory(title="De Linde", free_places=0)
    residence.title = "De Linde (nieuw)"
    residence.free_places = 2
    with synced():
        residence.save_revision()
    assert entry(residence).document["title"] == "De Linde"
    with synced():
        publish_page(residence)
    stored = entry(residence)
    assert stored.document["title"] == "De Linde (nieuw)"
    assert (stored.free_places, stored.document["free_places"]) == (2, 2)


def test_unpublishing_removes_the_entry(synced):
    with synced():
        residence = ResidencePageFactory()
    with synced():
        residence.unpublish()
    assert not SearchEntry.objects.filter(pk=residence.pk).exists()


def test_deleting_a_residence_or_its_provider_removes_the_entries(synced):
    with synced():
        provider = ProviderPageFactory()
        first = ResidencePageFactory(parent=provider)
        second = ResidencePageFactory(parent=provider)
        other = ResidencePageFactory()
    with synced():
        Page.objects.get(pk=first.pk).specific.delete()
    assert set(SearchEntry.objects.values_list("pk", flat=True)) == {second.pk, other.pk}
    with synced():
        Page.objects.get(pk=provider.pk).delete()
    assert set(SearchEntry.objects.values_list("pk", flat=True)) == {other.pk}


def test_moving_a_residence_to_another_provider_updates_url_and_provider(synced):
    with synced():
        before = ProviderPageFactory(title="Zorggroep Oost", slug="oost")
        after = ProviderPageFactory(title="Zorggroep West", slug="west")
        residence = ResidencePageFactory(parent=before, slug="de-linde")
    with synced():
        residence.move(after, pos="last-child")
    document = entry(residence).document
    assert document["url"] == "/west/de-linde/"
    assert (document["provider_id"], document["provider_name"]) == (after.pk, "Zorggroep West")


def test_publishing_a_renamed_provider_updates_its_residences(synced):
    with synced():
        provider = ProviderPageFactory(title="Zorggroep Oost", slug="oost")
        residences = [ResidencePageFactory(parent=provider) for _ in range(2)]
    provider.title = "Zorggroep Oost en Zuid"
    provider.slug = "oost-en-zuid"
    with synced():
        publish_page(provider)
    for residence in residences:
        document = entry(residence).document
        assert document["provider_name"] == "Zorggroep Oost en Zuid"
        assert document["url"].startswith("/oost-en-zuid/")
        assert "Zorggroep Oost en Zuid" in document["text"]


def test_a_failing_index_is_logged_without_personal_data_and_never_blocks_the_save(
    synced, settings, caplog
):
    # Elasticsearch configured but unreachable: the database index still gets the change.
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    caplog.set_level(logging.ERROR, logger="search.indexing")
    with synced():
        residence = ResidencePageFactory(title="Huize Geheim", contact_name="Anja Bakker")
    assert entry(residence).document["title"] == "Huize Geheim"
    failures = [record for record in caplog.records if record.name == "search.indexing"]
    assert failures, "the failure must be logged"
    logged = " ".join(record.getMessage() for record in failures)
    assert "elasticsearch" in logged and str(residence.pk) in logged
    assert "Huize Geheim" not in logged and "Anja" not in logged


def test_the_document_carries_a_small_photo_rendition(synced):
    image = ImageFactory(title="Voorgevel")
    with synced():
        residence = ResidencePageFactory(publish=False)
        residence.gallery_images.create(image=image, caption="De voorgevel")
        publish_page(residence)
    document = entry(residence).document
    assert document["photo_url"] == image.get_rendition(indexing.PHOTO_FILTER).url
    assert ".fill-400x300" in document["photo_url"]
    assert document["photo_alt"] == "De voorgevel"


def test_building_documents_costs_the_same_queries_for_3_or_12_residences(
    django_assert_max_num_queries,
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    provider = ProviderPageFactory()

    def add(count):
        for _ in range(count):
            image = ImageFactory()
            image.get_rendition(indexing.PHOTO_FILTER)
            residence = ResidencePageFactory(parent=provider, publish=False)
            residence.gallery_images.create(image=image)
            publish_page(residence)
        cache.clear()  # no help from Wagtail's rendition cache: prefetching must do it

    add(3)
    with CaptureQueriesContext(connection) as few:
        assert len(list(indexing.iter_documents())) == 3
    add(9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        documents = list(indexing.iter_documents())
    assert len(documents) == 12
    assert all(".fill-400x300" in document["photo_url"] for document in documents)


def test_every_code_list_is_in_the_document():
    residence = ResidencePageFactory(languages=[taxonomy.Language.TURKISH.value])
    document = indexing.residence_document(residence)
    for list_name in taxonomy.RESIDENCE_CODE_LISTS:
        assert document[list_name] == list(getattr(residence, list_name))
    assert document["languages"] == ["tr"]
    assert home_page().get_url() == "/"
