"""The Elasticsearch backend: runs what queries.py and documents.py compile, through the client.

Visitor-facing calls use a 2 s total (connect + read) timeout and at most one retry, and every
transport or API error becomes `SearchUnavailable`, which the FallbackBackend turns into database
results with a quiet notice and its circuit breaker counts. Only a rebuild (a management
command, never a page view) allows itself longer requests.

Writes go through the alias with `require_alias`, so a sync before the first rebuild fails
loudly instead of letting Elasticsearch auto-create an index with a guessed mapping.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

from search.backends.base import (
    PAGE_SIZE,
    ResultPage,
    SearchBackend,
    SearchUnavailable,
    facet_values,
    make_match,
    resolve_today,
)
from search.backends.elasticsearch import documents, queries
from search.criteria import Criteria

logger = logging.getLogger(__name__)

# Contract: connect and read within 2 s, at most one retry (so a black-holed server costs a
# visitor about 4 s once, and nothing after the circuit opens).
REQUEST_TIMEOUT_SECONDS = 2.0
MAX_RETRIES = 1
# Creating an index and bulk-loading thousands of documents is allowed more time; only the
# `search_index rebuild` command does it.
REBUILD_TIMEOUT_SECONDS = 60.0


class IndexingFailed(SearchUnavailable):
    """Elasticsearch answered, but refused some documents (the reason is in the message)."""


def make_client(url: str) -> Elasticsearch:
    credentials: dict = {}
    if getattr(settings, "ELASTICSEARCH_API_KEY", None):
        credentials["api_key"] = settings.ELASTICSEARCH_API_KEY
    elif getattr(settings, "ELASTICSEARCH_USERNAME", None):
        credentials["basic_auth"] = (
            settings.ELASTICSEARCH_USERNAME,
            getattr(settings, "ELASTICSEARCH_PASSWORD", None) or "",
        )
    return Elasticsearch(
        url,
        request_timeout=REQUEST_TIMEOUT_SECONDS,
        max_retries=MAX_RETRIES,
        retry_on_timeout=True,
        **credentials,
    )


@contextlib.contextmanager
def unavailable_on_error() -> Iterator[None]:
    """Turn the client's errors into SearchUnavailable, without the request body in the text."""
    try:
        yield
    except ApiError as error:
        raise SearchUnavailable(f"Elasticsearch answered {error.meta.status} {error.error}") from (
            error
        )
    except TransportError as error:
        raise SearchUnavailable(
            f"Elasticsearch unreachable: {type(error).__name__}: {error.message}"[:300]
        ) from error


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, *, url: str | None = None, alias: str | None = None):
        self.url = url if url is not None else getattr(settings, "ELASTICSEARCH_URL", None)
        self.alias = alias or settings.ELASTICSEARCH_INDEX
        self._client = make_client(self.url) if self.url else None

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            raise SearchUnavailable("ELASTICSEARCH_URL is not set")
        return self._client

    # Search side ------------------------------------------------------------------------

    def search(
        self,
        criteria: Criteria,
        *,
        page_size: int = PAGE_SIZE,
        today: date | None = None,
        facets: bool = True,
    ) -> ResultPage:
        today = resolve_today(today)
        body = queries.search_body(criteria, today=today, page_size=page_size, facets=facets)
        with unavailable_on_error():
            response = self.client.search(index=self.alias, body=body)
        hits = response["hits"]
        return ResultPage(
            criteria=criteria,
            matches=[
                make_match(criteria, documents.from_source(hit["_source"]), _score(hit), today)
                for hit in hits["hits"]
            ],
            total=hits["total"]["value"],
            page=criteria.page,
            page_size=page_size,
            facets=facet_values(criteria, facet_counts(response)) if facets else {},
            backend=self.name,
        )

    def count(self, criteria: Criteria, *, today: date | None = None) -> int:
        body = queries.count_body(criteria, today=resolve_today(today))
        with unavailable_on_error():
            return int(self.client.count(index=self.alias, body=body)["count"])

    def health(self) -> dict:
        started = time.perf_counter()
        # No retry: a health probe should report quickly, not double a timeout.
        try:
            client = self.client.options(max_retries=0)
            with unavailable_on_error():
                status = client.cluster.health()["status"]
                count = client.count(index=self.alias)["count"]
        except SearchUnavailable as error:
            return {"status": "error", "detail": str(error), "ms": _elapsed_ms(started)}
        return {
            "status": "error" if status == "red" else "ok",
            "detail": f"cluster {status}, {count} documents behind alias {self.alias}",
            "ms": _elapsed_ms(started),
        }

    # Index side -------------------------------------------------------------------------

    def upsert(self, documents_to_index: list[dict]) -> None:
        for chunk in _chunks(documents_to_index, documents.BULK_CHUNK):
            self._bulk(self.client, documents.bulk_index_operations(chunk), require_alias=True)

    def delete(self, ids: list[int]) -> None:
        for chunk in _chunks(ids, documents.BULK_CHUNK):
            self._bulk(self.client, documents.bulk_delete_operations(chunk), require_alias=True)

    def indexed_versions(self) -> dict[int, str]:
        # The whole stored document, so a check also catches content changed or corrupted in
        # the index, not only republished pages.
        from search.indexing import document_version

        versions: dict[int, str] = {}
        after = None
        with unavailable_on_error():
            while True:
                try:
                    response = self.client.search(
                        index=self.alias, body=documents.versions_body(after)
                    )
                except NotFoundError:
                    return versions  # no alias yet: nothing is indexed
                hits = response["hits"]["hits"]
                for hit in hits:
                    document = documents.from_source(hit["_source"])
                    versions[int(document["id"])] = document_version(document)
                if len(hits) < documents.VERSIONS_PAGE:
                    return versions
                after = hits[-1]["sort"][0]

    def rebuild(self, documents_to_index: Iterable[dict]) -> int:
        client = self.client.options(request_timeout=REBUILD_TIMEOUT_SECONDS)
        new_index = documents.concrete_index_name(self.alias, timezone.now())
        with unavailable_on_error():
            client.indices.create(**documents.create_index_request(new_index))
            try:
                total = 0
                for chunk in _chunks(documents_to_index, documents.BULK_CHUNK):
                    self._bulk(client, documents.bulk_index_operations(chunk), index=new_index)
                    total += len(chunk)
                client.indices.refresh(index=new_index)
                self._swap_alias(client, new_index)
            except BaseException:
                client.indices.delete(index=new_index, ignore_unavailable=True)
                raise
            self._delete_old_indexes(client, keep=new_index)
        return total

    # Helpers ----------------------------------------------------------------------------

    def _bulk(self, client: Elasticsearch, operations: list[dict], **params) -> None:
        index = params.pop("index", self.alias)
        with unavailable_on_error():
            response = client.bulk(index=index, operations=operations, **params)
        if response["errors"]:
            _raise_for_bulk_items(response["items"])

    def _swap_alias(self, client: Elasticsearch, new_index: str) -> None:
        try:
            behind_alias = list(client.indices.get_alias(name=self.alias))
        except NotFoundError:
            # No alias yet; an index carrying the alias's name would still block it.
            behind_alias = [self.alias] if client.indices.exists(index=self.alias) else []
        actions = documents.alias_swap_actions(self.alias, new_index, behind_alias)
        client.indices.update_aliases(actions=actions)

    def _delete_old_indexes(self, client: Elasticsearch, *, keep: str) -> None:
        found = client.indices.get(
            index=f"{self.alias}-*", features=["aliases"], expand_wildcards="all"
        )
        old = [
            name
            for name in found
            if name != keep and documents.is_concrete_index_of(self.alias, name)
        ]
        if old:
            client.indices.delete(index=",".join(old))

    def concrete_indexes(self) -> list[str]:
        """The concrete indexes behind the alias (exactly one after a rebuild)."""
        with unavailable_on_error():
            try:
                return sorted(self.client.indices.get_alias(name=self.alias))
            except NotFoundError:
                return []


def facet_counts(response) -> dict[str, dict[str, int]]:
    aggregations = response.get("aggregations") or {}
    counts: dict[str, dict[str, int]] = {}
    for list_name in documents.CODE_LIST_FIELDS:
        wrapper = aggregations.get(queries.facet_aggregation_name(list_name), {})
        buckets = wrapper.get(list_name, {}).get("buckets", [])
        counts[list_name] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
    return counts


def _raise_for_bulk_items(items: list[dict]) -> None:
    failures = []
    for item in items:
        ((action, result),) = item.items()
        if action == "delete" and result.get("status") == 404:
            continue  # already gone: what a delete wants
        if result.get("error"):
            failures.append((result.get("_id"), result["error"].get("type", "error")))
    if failures:
        sample = ", ".join(f"{page_id}: {reason}" for page_id, reason in failures[:5])
        raise IndexingFailed(f"Elasticsearch refused {len(failures)} documents ({sample})")


def _score(hit: dict) -> float:
    return float(hit.get("_score") or 0.0)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
