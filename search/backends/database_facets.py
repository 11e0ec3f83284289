"""Facet counts and totals of the database backend, cached per index generation.

Counts depend only on what filters (musts, age, distance, "free now", text, and today through
the stale cutoff), never on wishes, urgency, sort or page. They come from one SQL pass
(`facet_counts`) and are kept in Django's cache (Redis in production) under a hash of the
filter part (`CompiledQuery.filter_part`) plus the index generation: a random token in the one
`SearchIndexState` row that every index write replaces in the same transaction as the write.

The token is read before the counts are computed: counts stored under a token are from data at
least as new as that token, and a token is never reused, so no reader ever gets counts older
than the index it reads the token of.
"""

from __future__ import annotations

import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from residences import taxonomy
from search.backends.database_query import CompiledQuery, must_sql
from search.models import BIT_INDEX, STATE_PK, SearchIndexState, mask_field_name

logger = logging.getLogger(__name__)

# Only a safety net: a write bumps the generation, which retires the entries at once.
CACHE_SECONDS = 15 * 60
CACHE_PREFIX = "search:facets"


# Generation -----------------------------------------------------------------------------


def index_generation() -> str | None:
    """The current token, or None when the state row is missing (then nothing is cached)."""
    return SearchIndexState.objects.filter(pk=STATE_PK).values_list("generation", flat=True).first()


def bump_generation() -> None:
    """Replace the token; call inside the transaction that changed the index rows."""
    token = uuid.uuid4().hex
    replaced = SearchIndexState.objects.filter(pk=STATE_PK).update(
        generation=token, changed_at=timezone.now()
    )
    if not replaced:
        # No state row (a flushed test database): create it.
        SearchIndexState.objects.bulk_create(
            [SearchIndexState(pk=STATE_PK, generation=token)], ignore_conflicts=True
        )


# Counts per search ----------------------------------------------------------------------


class CountCache:
    """The total (and facet counts) of one query's filter part at the current generation."""

    def __init__(self, query: CompiledQuery):
        self.query = query
        generation = index_generation()
        self.key = None
        if generation is not None:
            digest = hashlib.sha256(repr(query.filter_part()).encode()).hexdigest()[:32]
            self.key = f"{CACHE_PREFIX}:{generation}:{digest}"

    def total(self) -> int:
        entry = self._get()
        if entry is not None:
            return entry["total"]
        total = self.query.filtered().count()
        self._set({"total": total, "counts": None})
        return total

    def total_and_counts(self) -> tuple[int, dict[str, dict[str, int]]]:
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
    flag but L's holds (post_filter semantics), with a FILTER clause on each aggregate. Rows
    failing two or more musts count nowhere and are dropped early. The per-bit sums are SQL
    text: as ~100 ORM expressions they would cost more to compile than the database needs to
    run them.
    """
    criteria = query.criteria
    names = list(taxonomy.RESIDENCE_CODE_LISTS)
    flags = {name: must_sql(name, codes, qualified=False) for name, codes in criteria.musts}
    base = query.filtered(criteria.with_changes(musts={}, page=criteria.page))
    columns = [mask_field_name(name) for name in names]
    inner, params = base.order_by().values(*columns).query.sql_with_params()

    def all_but(skipped: str | None) -> str:
        kept = [flag for name, flag in flags.items() if name != skipped]
        return f" FILTER (WHERE {' AND '.join(kept)})" if kept else ""

    aggregates = [f"COUNT(*){all_but(None)}"]
    for name, column in zip(names, columns, strict=True):
        condition = all_but(name)
        aggregates += [
            f"SUM(({column} >> {position}) & 1){condition}"
            for position in range(len(BIT_INDEX[name]))
        ]
    failures = " + ".join(f"CASE WHEN {flag} THEN 0 ELSE 1 END" for flag in flags.values())
    where = f" WHERE {failures} <= 1" if flags else ""
    sql = f"SELECT {', '.join(aggregates)} FROM ({inner}) AS filtered{where}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        values = [int(value or 0) for value in cursor.fetchone()]
    total = values.pop(0)
    counts = {
        name: {code: values.pop(0) for code in taxonomy.RESIDENCE_CODE_LISTS[name].values}
        for name in names
    }
    return total, counts
