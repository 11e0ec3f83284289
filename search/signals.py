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
    if not transaction.get_autocommit():  # inside a transaction: sync when it commits
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
        self.flushed = False

    def flush(self) -> None:
        if self.flushed:
            return  # registered more than once: the first call synced everything
        self.flushed = True
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
    """This transaction's PendingSync, its flush registered with `transaction.on_commit`.

    The flush is registered again on every change: a rollback (of the transaction or of a
    savepoint) drops the registrations made inside it, and the flush runs only once. Pages left
    over from a rolled-back transaction are synced with the next one; syncing a page that did not
    change rewrites the same document.
    """
    pending = getattr(_state, "pending", None)
    if pending is None:
        pending = PendingSync()
        _state.pending = pending
    transaction.on_commit(pending.flush)
    return pending


def _safely(function, *args) -> None:
    try:
        function(*args)
    except Exception as error:  # an index problem must never surface in the editor's save
        logger.error("Search index sync failed (%s)", type(error).__name__, exc_info=True)
