"""Keep every search index in step with the pages editors publish, unpublish, move and delete.

Each hook only schedules a sync with `transaction.on_commit`: the index never sees a change
that was rolled back, and the sync runs after the editor's save is safely stored. A sync that
fails is logged by `search.indexing.sync_pages` and never reaches the editor.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from residences.models import ProviderPage, ResidencePage

logger = logging.getLogger(__name__)


def connect() -> None:
    page_published.connect(on_page_changed, dispatch_uid="search_sync_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search_sync_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_sync_moved")
    post_delete.connect(
        on_residence_deleted, sender=ResidencePage, dispatch_uid="search_sync_deleted"
    )


def on_page_changed(sender, instance, **kwargs) -> None:
    # A provider's name and url are part of its residences' documents.
    if isinstance(instance, ResidencePage):
        schedule_sync([instance.pk])
    elif isinstance(instance, ProviderPage):
        schedule_sync_under(instance.path)


def on_page_moved(sender, instance, **kwargs) -> None:
    # The move changed url paths of the page and everything below it.
    schedule_sync_under(instance.path)


def on_residence_deleted(sender, instance, **kwargs) -> None:
    schedule_sync([instance.pk])


def schedule_sync(page_ids: list[int]) -> None:
    from search.indexing import sync_pages

    ids = list(page_ids)
    transaction.on_commit(lambda: _safely(sync_pages, ids))


def schedule_sync_under(path: str) -> None:
    def run():
        from search.indexing import residence_ids_under, sync_pages

        sync_pages(residence_ids_under(path))

    transaction.on_commit(lambda: _safely(run))


def _safely(function, *args) -> None:
    try:
        function(*args)
    except Exception as error:  # an index problem must never surface in the editor's save
        logger.error("Search index sync failed (%s)", type(error).__name__, exc_info=True)
