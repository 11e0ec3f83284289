"""Facet counts and totals of the database backend, per index generation.

Counts depend only on what filters (musts, age, distance, "free now", text, and today through
the stale cutoff), never on wishes, urgency, sort or page. Every search reads the index
generation: a random token in the one `SearchIndexState` row that every index write replaces
in the same transaction as the write (one primary-key lookup).

Without free text, counts come from the process's bitset snapshot at that generation
(`database_bitsets.py`): computing them there costs less than fetching them from a shared cache
would, so they are not cached. With words to search for, they come from one SQL pass
(`facet_counts`, also the reference the bitsets are tested against), cached in Django's cache
under a hash of the filter part (`CompiledQuery.filter_part`) plus the generation. When the
snapshot cannot be loaded, the SQL pass serves every search.

The token is read before the counts are computed: counts (and snapshots) stored under a token
are from data at least as new as that token, and a token is never reused, so no reader ever gets
counts older than the index it reads the token of.

Every write also advances the state row's change sequence and logs itself in
`SearchIndexChange` (sequence, token, page ids written or deleted), in the same transaction, so
a process's snapshot can be brought up to date by loading only those entries. Writers update
the state row after their entries and queue on its lock, so sequences commit in order.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from residences import taxonomy
from search.backends import database_bitsets, snapshot_updates
from search.backends.database_query import CompiledQuery
from search.criteria import MUST_ALL_LISTS
from search.models import (
    BIT_INDEX,
    STATE_PK,
    SearchIndexChange,
    SearchIndexState,
    codes_mask,
    mask_field_name,
)

logger = logging.getLogger(__name__)

# Only a safety net: a write bumps the generation, which retires the entries at once.
CACHE_SECONDS = 15 * 60
CACHE_PREFIX = "search:facets"
# The change log keeps about this many writes; a snapshot older than that loads in full.
KEEP_CHANGES = 2000
PRUNE_EVERY = 100


# Generation -----------------------------------------------------------------------------


def index_generation() -> str | None:
    """The current token, or None when the state row is missing (then nothing is cached)."""
    table = connection.ops.quote_name(SearchIndexState._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT generation FROM {table} WHERE id = %s", [STATE_PK])
        row = cursor.fetchone()
    return row[0] if row else None


def bump_generation(changed_page_ids: Iterable[int] | None = None) -> int:
    """Replace the token and log the write; call inside the transaction that changed the rows.

    Call it after the SearchEntry changes: the state row's lock, taken here, orders writers
    from here to their commit, so sequence N commits only after every write before it.
    `changed_page_ids` are the entries written or deleted; None when unknown, which makes every
    snapshot older than this write load in full. Returns the write's sequence.
    """
    token = uuid.uuid4().hex
    sequence = _advance(token)
    if sequence is None:
        # No state row (a flushed test database): create it, and start a log of its own.
        SearchIndexState.objects.bulk_create(
            [SearchIndexState(pk=STATE_PK, generation=token, sequence=0)], ignore_conflicts=True
        )
        SearchIndexChange.objects.all().delete()
        sequence = _advance(token)
    page_ids = None if changed_page_ids is None else sorted(set(map(int, changed_page_ids)))
    if page_ids is None:
        # No snapshot can be brought across this write: older entries are of no more use.
        SearchIndexChange.objects.all().delete()
    elif sequence % PRUNE_EVERY == 0:
        SearchIndexChange.objects.filter(sequence__lte=sequence - KEEP_CHANGES).delete()
    SearchIndexChange.objects.create(sequence=sequence, generation=token, page_ids=page_ids)
    return sequence


def _advance(token: str) -> int | None:
    """Set the new token and the next sequence in one statement; None without a state row."""
    table = connection.ops.quote_name(SearchIndexState._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET generation = %s, changed_at = %s, sequence = sequence + 1"
            " WHERE id = %s RETURNING sequence",
            [token, now, STATE_PK],
        )
        row = cursor.fetchone()
    return row[0] if row else None


# Counts per search ----------------------------------------------------------------------


class CountCache:
    """The total (and facet counts) of one query's filter part at the current generation."""

    def __init__(self, query: CompiledQuery):
        self.query = query
        generation = index_generation()
        self.snapshot = None
        if database_bitsets.answers(query.criteria):
            self.snapshot = snapshot_updates.snapshot_for(generation)
        self.key = None
        if generation is not None and self.snapshot is None:
            digest = hashlib.sha256(repr(query.filter_part()).encode()).hexdigest()[:32]
            self.key = f"{CACHE_PREFIX}:{generation}:{digest}"

    def total(self) -> int:
        if self.snapshot is not None:
            return self.snapshot.total(self.query.criteria, self.query.today)
        entry = self._get()
        if entry is not None:
            return entry["total"]
        total = self.query.filtered().count()
        self._set({"total": total, "counts": None})
        return total

    def total_and_counts(self) -> tuple[int, dict[str, dict[str, int]]]:
        if self.snapshot is not None:
            return self.snapshot.total_and_counts(self.query.criteria, self.query.today)
        entry = self._get()
        if entry is not None and entry["counts"] is not None:
            return entry["total"], entry["counts"]
        total, counts = facet_counts(self.query)
        self._set({"total": total, "counts": counts})
        return total, counts

    def _get(self) -> dict | None:
        if self.key is None:
            return None
        try:
            return cache.get(self.key)
        except Exception as error:  # a cache outage costs speed, never a result page
            logger.warning("Facet cache unavailable (%s)", type(error).__name__)
            return None

    def _set(self, entry: dict) -> None:
        if self.key is None:
            return
        try:
            cache.set(self.key, entry, CACHE_SECONDS)
        except Exception as error:
            logger.warning("Facet cache unavailable (%s)", type(error).__name__)


# Counting -------------------------------------------------------------------------------


def facet_counts(query: CompiledQuery) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and, per list, counts per code ignoring that list's own must selection.

    One pass over the rows that meet every condition except the musts: each must becomes a
    flag, a row counts for the total when every flag holds, and for list L's facet when every
    flag but L's holds (post_filter semantics). Rows failing two or more musts count nowhere
    and are dropped early. The per-bit sums are SQL text: as ~100 ORM expressions they would
    cost more to compile than the database needs to run them.
    """
    criteria = query.criteria
    names = list(taxonomy.RESIDENCE_CODE_LISTS)
    columns = [mask_field_name(name) for name in names]
    flags = {name: _must_sql(name, codes) for name, codes in criteria.musts}
    base = query.filtered(criteria.with_changes(musts={}, page=criteria.page))
    inner, params = base.order_by().values(*columns).query.sql_with_params()

    def all_but(skipped: str | None) -> str:
        kept = [flag for name, flag in flags.items() if name != skipped]
        return " AND ".join(kept) if kept else "1 = 1"

    sums = [f"SUM(CASE WHEN {all_but(None)} THEN 1 ELSE 0 END)"]
    for name, column in zip(names, columns, strict=True):
        condition = all_but(name)
        sums += [
            f"SUM(CASE WHEN {condition} THEN ({column} >> {position}) & 1 ELSE 0 END)"
            for position in range(len(BIT_INDEX[name]))
        ]
    failures = " + ".join(f"CASE WHEN {flag} THEN 0 ELSE 1 END" for flag in flags.values())
    where = f" WHERE {failures} <= 1" if flags else ""
    sql = f"SELECT {', '.join(sums)} FROM ({inner}) AS filtered{where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        values = [int(value or 0) for value in cursor.fetchone()]
    total = values.pop(0)
    counts = {
        name: {code: values.pop(0) for code in taxonomy.RESIDENCE_CODE_LISTS[name].values}
        for name in names
    }
    return total, counts


def _must_sql(list_name: str, codes) -> str:
    """A must condition as SQL over the mask column (integers from our own taxonomy only)."""
    column = mask_field_name(list_name)
    selection = codes_mask(list_name, codes)
    if list_name in MUST_ALL_LISTS:
        return f"(({column} & {selection}) = {selection})"
    return f"(({column} & {selection}) <> 0)"
