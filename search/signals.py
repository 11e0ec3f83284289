"""Keep every search index in step with the pages editors publish, unpublish, move and delete.

Each hook only schedules a sync with `transaction.on_commit`: the index never sees a change
that was rolled back, and the sync runs after the editor's save is safely stored. A sync that
fails is logged by `search.indexing.sync_pages` and never reaches the editor.

The pages one transaction touches are collected and synced by ONE callback at commit: deleting
a provider fires a signal per residence, and a sync per residence made deleting 10,000 pages
take minutes.
"""

from __future__ import annotations

import logging
import threading

from django.db import connection, transaction
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
    pending = schedule_sync([instance.pk])
    if pending is not None and not pending.deleted_any:
        # The delete cascaded to SearchEntry already, inside this transaction: retire cached
        # facet counts now, not only when the sync runs after commit.
        pending.deleted_any = True
        _safely(_bump_generation)


def schedule_sync(page_ids: list[int]) -> PendingSync | None:
    return _schedule(ids=page_ids)


def schedule_sync_under(path: str) -> PendingSync | None:
    return _schedule(paths=[path])


def _schedule(ids=(), paths=()) -> PendingSync | None:
    """Add to this transaction's pending sync; outside a transaction, sync at once."""
    if connection.in_atomic_block:
        pending = _pending()
        pending.ids.update(ids)
        pending.paths.update(paths)
        return pending
    now = PendingSync()
    now.ids.update(ids)
    now.paths.update(paths)
    now.flush()
    return None


def _bump_generation() -> None:
    from search.backends.database_facets import bump_generation

    # A savepoint: a failed bump must not abort the editor's transaction on PostgreSQL.
    with transaction.atomic():
        bump_generation()


class PendingSync:
    """Pages (and subtrees) one transaction touched, synced together when it commits."""

    def __init__(self):
        self.ids: set[int] = set()
        self.paths: set[str] = set()
        self.deleted_any = False

    def flush(self) -> None:
        if getattr(_state, "pending", None) is self:
            _state.pending = None
        _safely(self._sync)

    def _sync(self) -> None:
        from search.indexing import residence_ids_under, sync_pages

        ids = set(self.ids)
        for path in sorted(self.paths):
            ids.update(residence_ids_under(path))
        sync_pages(ids)


_state = threading.local()


def _pending() -> PendingSync:
    """This transaction's PendingSync; a new one (and its on_commit flush) when there is none.

    A rollback drops the flush from Django's on_commit list without running it: the pending
    set is only reused while its flush is still registered.
    """
    pending = getattr(_state, "pending", None)
    if pending is None or not _registered(pending):
        pending = PendingSync()
        _state.pending = pending
        transaction.on_commit(pending.flush)
    return pending


def _registered(pending: PendingSync) -> bool:
    # Django keeps (savepoint ids, callback, robust) per registered callback.
    return any(entry[1] == pending.flush for entry in connection.run_on_commit)


def _safely(function, *args) -> None:
    try:
        function(*args)
    except Exception as error:  # an index problem must never surface in the editor's save
        logger.error("Search index sync failed (%s)", type(error).__name__, exc_info=True)
