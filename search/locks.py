"""A lock in the database, so only one rebuild of an index runs at a time.

Two rebuilds at once would each build an index and race for the alias, and the loser's cleanup
could delete the winner's live index. The lock is a row with a unique name: inserting it is
atomic on every database we run on (SQLite, PostgreSQL), unlike a process-local lock, and it
works across the web and worker hosts. A crashed rebuild leaves its row behind; a lock older
than LOCK_EXPIRY is taken over.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from search.models import IndexRebuildLock

# Far longer than any rebuild of the catalogue takes (minutes), short enough that a crashed
# rebuild does not block the next night's run.
LOCK_EXPIRY = timedelta(hours=2)


@contextlib.contextmanager
def rebuild_lock(name: str) -> Iterator[bool]:
    """Yields True when this caller holds the lock named `name`, False when another does."""
    now = timezone.now()
    IndexRebuildLock.objects.filter(name=name, acquired_at__lt=now - LOCK_EXPIRY).delete()
    try:
        with transaction.atomic():
            IndexRebuildLock.objects.create(name=name, acquired_at=now)
    except IntegrityError:
        yield False
        return
    try:
        yield True
    finally:
        IndexRebuildLock.objects.filter(name=name, acquired_at=now).delete()
