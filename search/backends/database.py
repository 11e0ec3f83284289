"""The embedded default backend: search over the SearchEntry table with the ORM.

Must conditions are bitmask filters and the score is one SQL expression (database_query.py).
Totals and facet counts come from one aggregate query, cached in Django's cache per filter and
index generation (database_facets.py). The index side writes SearchEntry rows and replaces the
generation in the same transaction.

Rebuild, and why there is never an empty index: rows are upserted in place batch by batch,
each stamped with `indexed_at`; when every document is written, rows stamped before the
rebuild started (residences no longer live) are deleted. Searches during a rebuild see each
residence in its old or new form, never a missing table. Batches, rather than one long
transaction, keep SQLite's single writer free for editors' saves while a rebuild runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from residences import taxonomy
from search.backends.base import (
    PAGE_SIZE,
    ResultPage,
    SearchBackend,
    check_search,
    facet_values,
    make_match,
    page_offset,
    resolve_today,
)
from search.backends.database_facets import CountCache, bump_generation
from search.backends.database_query import CompiledQuery
from search.criteria import Criteria
from search.models import SearchEntry, codes_mask, mask_field_name

WRITE_BATCH = 500
ENTRY_FIELDS = [
    field.name
    for field in SearchEntry._meta.concrete_fields
    if not field.primary_key and field.name != "search_vector"
]


class DatabaseBackend(SearchBackend):
    name = "database"

    # Search side ------------------------------------------------------------------------

    def search(
        self,
        criteria: Criteria,
        *,
        page_size: int = PAGE_SIZE,
        today: date | None = None,
        facets: bool = True,
    ) -> ResultPage:
        check_search(criteria, page_size)
        today = resolve_today(today)
        query = CompiledQuery(criteria, today)
        counted = CountCache(query)
        if facets:
            total, counts = counted.total_and_counts()
        else:
            total, counts = counted.total(), {}
        offset = page_offset(criteria, page_size)
        rows = top_rows(query, offset, page_size) if offset < total else []
        matches = [make_match(criteria, document, score, today) for document, score in rows]
        return ResultPage(
            criteria=criteria,
            matches=matches,
            total=total,
            page=criteria.page,
            page_size=page_size,
            facets=facet_values(criteria, counts) if facets else {},
            notices=[],
            backend=self.name,
        )

    def count(self, criteria: Criteria, *, today: date | None = None) -> int:
        check_search(criteria)
        return CountCache(CompiledQuery(criteria, resolve_today(today))).total()

    def scored(self, criteria: Criteria, *, today: date | None = None):
        """The ordered, annotated queryset (score, relevance, distance): for tests and tools."""
        return CompiledQuery(criteria, resolve_today(today)).scored()

    def health(self) -> dict:
        started = time.perf_counter()
        try:
            list(SearchEntry.objects.values_list("pk")[:1])
        except Exception as error:  # health reports trouble, it does not raise it
            return {"status": "error", "detail": type(error).__name__, "ms": _ms(started)}
        return {"status": "ok", "detail": "search table reachable", "ms": _ms(started)}

    # Index side -------------------------------------------------------------------------

    def upsert(self, documents: list[dict]) -> None:
        now = timezone.now()
        for start in range(0, len(documents), WRITE_BATCH):
            entries = [entry_from_document(d, now) for d in documents[start : start + WRITE_BATCH]]
            with transaction.atomic():
                SearchEntry.objects.bulk_create(
                    entries,
                    update_conflicts=True,
                    unique_fields=["page"],
                    update_fields=ENTRY_FIELDS,
                )
                bump_generation()

    def delete(self, ids: list[int]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), WRITE_BATCH):
            batch = ids[start : start + WRITE_BATCH]
            with transaction.atomic():
                SearchEntry.objects.filter(pk__in=batch).delete()
                bump_generation()

    def indexed_versions(self) -> dict[int, str]:
        from search.indexing import document_version

        rows = SearchEntry.objects.values_list("pk", "document").order_by("pk")
        return {pk: document_version(document) for pk, document in rows.iterator(2000)}

    def rebuild(self, documents: Iterable[dict]) -> int:
        started = timezone.now()
        written = 0
        batch: list[dict] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= WRITE_BATCH:
                self.upsert(batch)
                written += len(batch)
                batch = []
        if batch:
            self.upsert(batch)
            written += len(batch)
        with transaction.atomic():
            SearchEntry.objects.filter(indexed_at__lt=started).delete()
            bump_generation()
        return written


def top_rows(query: CompiledQuery, offset: int, page_size: int) -> list[tuple[dict, float]]:
    """(document, score) of one page: rank on narrow columns, then fetch only those documents.

    Asking for the document in the ranking query would make the database carry every match's
    whole document through the sort (SQLite reads it from the table for every row).
    """
    ranked = list(query.ranked().values_list("pk", "score")[offset : offset + page_size])
    return with_documents(ranked)


def with_documents(ranked: list[tuple[int, float]]) -> list[tuple[dict, float]]:
    """(document, score) for (page id, score) pairs; entries deleted meanwhile drop out."""
    documents = dict(
        SearchEntry.objects.filter(pk__in=[pk for pk, _ in ranked]).values_list("pk", "document")
    )
    return [(documents[pk], score) for pk, score in ranked if pk in documents]


# Documents to rows ----------------------------------------------------------------------


def entry_from_document(document: dict, indexed_at: datetime) -> SearchEntry:
    entry = SearchEntry(
        page_id=document["id"],
        document=document,
        title=(document.get("title") or "")[:255],
        text=document.get("text") or "",
        last_published_at=_datetime(document.get("last_published_at")),
        indexed_at=indexed_at,
        latitude=document.get("latitude"),
        longitude=document.get("longitude"),
        min_age=document.get("min_age"),
        max_age=document.get("max_age"),
        free_places=document.get("free_places"),
        waiting_weeks=document.get("waiting_weeks"),
        availability_confirmed_on=_date(document.get("availability_confirmed_on")),
    )
    for list_name in taxonomy.RESIDENCE_CODE_LISTS:
        setattr(entry, mask_field_name(list_name), codes_mask(list_name, document.get(list_name)))
    return entry


def _datetime(value) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) else value


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
