"""The Elasticsearch backend: runs what queries.py and documents.py compile, through the client.

Visitor-facing calls use a 2 s total (connect + read) timeout and at most one retry, and every
transport or API error becomes `SearchUnavailable`, which the FallbackBackend turns into database
results with a quiet notice and its circuit breaker counts. The operator's commands
(`search_index rebuild|check|update`) use `operator()`: a client with longer timeouts and, when
configured, the operator's own API key.

Versions: the 9.x Python client asks for REST compatibility with 9 in every request, which an
8.x server refuses (400 media_type_header_exception). `ELASTICSEARCH_VERSION` (8 or 9) says which
compatibility the server is asked for; health and `search_index check` read the server's version
and say so when it is unsupported or differs from the setting.

Writes go through the alias with `require_alias`, so a sync before the first rebuild fails
loudly instead of letting Elasticsearch auto-create an index with a guessed mapping.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Iterable, Iterator
from datetime import date

from django.conf import settings
from django.utils import timezone
from elastic_transport import Transport
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers

from search.backends.base import (
    PAGE_SIZE,
    ResultPage,
    SearchBackend,
    SearchUnavailable,
    check_search,
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
# The operator's commands (rebuild, check, update) create indexes, bulk-load thousands of
# documents and walk the whole index: they may wait longer and retry more.
OPERATOR_TIMEOUT_SECONDS = 60.0
OPERATOR_MAX_RETRIES = 3
# Item-level 429s (a busy cluster's write queue) are retried by streaming_bulk with back-off.
BULK_RETRIES = 3
BULK_INITIAL_BACKOFF_SECONDS = 1.0

SUPPORTED_MAJOR_VERSIONS = (8, 9)
DEFAULT_MAJOR_VERSION = 9
_COMPATIBLE_WITH = re.compile(r"compatible-with=\d+")


class IndexingFailed(SearchUnavailable):
    """Elasticsearch answered, but refused some documents (the reason is in the message)."""


class RebuildRunning(SearchUnavailable):
    """Another rebuild holds the lock; two at once would race for the alias."""


# Versions ---------------------------------------------------------------------------------


def configured_major_version() -> int:
    value = str(getattr(settings, "ELASTICSEARCH_VERSION", "") or DEFAULT_MAJOR_VERSION)
    major = int(value.split(".")[0]) if value.split(".")[0].isdigit() else 0
    if major not in SUPPORTED_MAJOR_VERSIONS:
        raise SearchUnavailable(
            f"ELASTICSEARCH_VERSION={value!r} is not supported; use "
            + " or ".join(str(major) for major in SUPPORTED_MAJOR_VERSIONS)
        )
    return major


class CompatibleTransport(Transport):
    """The client's transport, asking the server for REST compatibility with `major`.

    The client writes its own major into Accept and Content-Type (`compatible-with=9`); an 8.x
    server accepts 7 or 8 only, a 9.x server 8 or 9.
    """

    major = DEFAULT_MAJOR_VERSION

    def perform_request(self, method, target, *, headers=None, **options):
        if headers:
            headers = {
                name: _COMPATIBLE_WITH.sub(f"compatible-with={self.major}", value)
                if name.lower() in ("accept", "content-type")
                else value
                for name, value in headers.items()
            }
            return super().perform_request(method, target, headers=headers, **options)
        return super().perform_request(method, target, **options)


class Compatible8Transport(CompatibleTransport):
    major = 8


class Compatible9Transport(CompatibleTransport):
    major = 9


TRANSPORTS = {8: Compatible8Transport, 9: Compatible9Transport}


def version_problem(server_version: str, configured: int) -> str | None:
    """What is wrong with this server version for us, in words for the operator (or None)."""
    major = int(server_version.split(".")[0]) if server_version[:1].isdigit() else 0
    if major not in SUPPORTED_MAJOR_VERSIONS:
        supported = " and ".join(f"{major}.x" for major in SUPPORTED_MAJOR_VERSIONS)
        return f"Elasticsearch {server_version} is not supported (supported: {supported})"
    if major != configured:
        return (
            f"Elasticsearch {server_version} answers, but ELASTICSEARCH_VERSION={configured}: "
            f"set ELASTICSEARCH_VERSION={major}"
        )
    return None


def _refused_compatibility(error: ApiError) -> bool:
    return error.meta.status == 400 and "media_type_header_exception" in str(error.error)


# Clients ----------------------------------------------------------------------------------


def make_client(
    url: str,
    *,
    request_timeout: float = REQUEST_TIMEOUT_SECONDS,
    max_retries: int = MAX_RETRIES,
    api_key: str | None = None,
) -> Elasticsearch:
    options: dict = {}
    api_key = api_key or getattr(settings, "ELASTICSEARCH_API_KEY", None)
    if api_key:
        options["api_key"] = api_key
    elif getattr(settings, "ELASTICSEARCH_USERNAME", None):
        options["basic_auth"] = (
            settings.ELASTICSEARCH_USERNAME,
            getattr(settings, "ELASTICSEARCH_PASSWORD", None) or "",
        )
    # A private CA (its PEM file), or the pinned SHA-256 fingerprint of the server's certificate.
    if getattr(settings, "ELASTICSEARCH_CA_CERTS", None):
        options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
    if getattr(settings, "ELASTICSEARCH_SSL_ASSERT_FINGERPRINT", None):
        options["ssl_assert_fingerprint"] = settings.ELASTICSEARCH_SSL_ASSERT_FINGERPRINT
    return Elasticsearch(
        url,
        request_timeout=request_timeout,
        max_retries=max_retries,
        retry_on_timeout=True,
        transport_class=TRANSPORTS[configured_major_version()],
        **options,
    )


@contextlib.contextmanager
def unavailable_on_error() -> Iterator[None]:
    """Turn the client's errors into SearchUnavailable, without the request body in the text."""
    try:
        yield
    except ApiError as error:
        if _refused_compatibility(error):
            raise SearchUnavailable(
                "Elasticsearch refused the REST compatibility header for version "
                f"{configured_major_version()} (media_type_header_exception): the server is "
                "another major version; set ELASTICSEARCH_VERSION to the server's major (8 or 9)"
            ) from error
        raise SearchUnavailable(f"Elasticsearch answered {error.meta.status} {error.error}") from (
            error
        )
    except TransportError as error:
        raise SearchUnavailable(
            f"Elasticsearch unreachable: {type(error).__name__}: {error.message}"[:300]
        ) from error


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        *,
        url: str | None = None,
        alias: str | None = None,
        client: Elasticsearch | None = None,
    ):
        self.url = url if url is not None else getattr(settings, "ELASTICSEARCH_URL", None)
        self.alias = alias or settings.ELASTICSEARCH_INDEX
        # A setting the client cannot work with is reported by every call (and /healthz), so
        # visitors get database results instead of an error page.
        self._misconfigured: SearchUnavailable | None = None
        if client is None and self.url:
            try:
                client = make_client(self.url)
            except SearchUnavailable as error:
                self._misconfigured = error
        self._client = client

    @property
    def client(self) -> Elasticsearch:
        if self._misconfigured is not None:
            raise self._misconfigured
        if self._client is None:
            raise SearchUnavailable("ELASTICSEARCH_URL is not set")
        return self._client

    def operator(self) -> ElasticsearchBackend:
        """The same index through the operator's client: longer timeouts, more retries and
        ELASTICSEARCH_OPERATOR_API_KEY when set (a key that may create and delete indexes)."""
        if not self.url:
            return self
        client = make_client(
            self.url,
            request_timeout=OPERATOR_TIMEOUT_SECONDS,
            max_retries=OPERATOR_MAX_RETRIES,
            api_key=getattr(settings, "ELASTICSEARCH_OPERATOR_API_KEY", None),
        )
        return ElasticsearchBackend(url=self.url, alias=self.alias, client=client)

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
        check_search(criteria)
        body = queries.count_body(criteria, today=resolve_today(today))
        with unavailable_on_error():
            return int(self.client.count(index=self.alias, body=body)["count"])

    def matching_ids(
        self, criteria: Criteria, *, limit: int, today: date | None = None
    ) -> list[int]:
        """Up to `limit` ids in ranking order, past index.max_result_window: a point in time
        keeps the view stable while search_after walks it page by page."""
        today = resolve_today(today)
        ids: list[int] = []
        with unavailable_on_error():
            pit = self.client.open_point_in_time(
                index=self.alias, keep_alive=queries.EXPORT_KEEP_ALIVE
            )["id"]
            after = None
            try:
                while len(ids) < limit:
                    body = queries.export_body(
                        criteria, today=today, pit_id=pit, after=after, size=limit - len(ids)
                    )
                    response = self.client.search(body=body)
                    pit = response.get("pit_id", pit)
                    hits = response["hits"]["hits"]
                    ids.extend(int(hit["_source"]["id"]) for hit in hits)
                    if len(hits) < body["size"]:
                        break
                    after = hits[-1]["sort"]
            finally:
                self.client.close_point_in_time(id=pit)
        return ids[:limit]

    def health(self) -> dict:
        """Calls a least-privilege key may make: GET / for the version (a key without the
        `monitor` privilege gets 403, and the version check is then left to the operator's
        `search_index check`) and a count on the alias. Never cluster.health."""
        started = time.perf_counter()
        try:
            client = self.client.options(max_retries=0)
            with unavailable_on_error():
                server_version = self._server_version(client)
                count = client.count(index=self.alias)["count"]
        except SearchUnavailable as error:
            return {"status": "error", "detail": str(error), "ms": _elapsed_ms(started)}
        except Exception as error:  # an odd answer (a proxy's page, a changed API) is a finding
            logger.exception("Elasticsearch health check got an unexpected answer")
            return {
                "status": "error",
                "detail": f"unexpected answer from Elasticsearch ({type(error).__name__})",
                "ms": _elapsed_ms(started),
            }
        problem = server_version and version_problem(server_version, configured_major_version())
        if problem:
            return {"status": "error", "detail": problem, "ms": _elapsed_ms(started)}
        shown = f"Elasticsearch {server_version}" if server_version else "Elasticsearch"
        return {
            "status": "ok",
            "detail": f"{shown}, {count} documents behind alias {self.alias}",
            "ms": _elapsed_ms(started),
        }

    def server_problems(self) -> list[str]:
        """For `search_index check`: the version and the live mapping/settings against ours."""
        with unavailable_on_error():
            server_version = self._server_version(self.client)
            if server_version is None:
                return ["this key may not read the server's version (GET / needs `monitor`)"]
            problem = version_problem(server_version, configured_major_version())
            if problem:
                return [problem]
            try:
                live = self.client.indices.get(index=self.alias)
            except NotFoundError:
                return [f"alias {self.alias} does not exist; run `search_index rebuild`"]
        problems = []
        for index_name, index in sorted(live.items()):
            problems.extend(
                f"{index_name}: {difference}"
                for difference in documents.index_differences(index, documents.index_body())
            )
        return problems

    def _server_version(self, client: Elasticsearch) -> str | None:
        try:
            return str(client.info()["version"]["number"])
        except ApiError as error:
            if error.meta.status == 403:
                return None
            raise

    # Index side -------------------------------------------------------------------------

    def upsert(self, documents_to_index: list[dict]) -> None:
        self._bulk(self.client, documents.bulk_actions(documents_to_index), require_alias=True)

    def delete(self, ids: list[int]) -> None:
        self._bulk(self.client, documents.bulk_delete_actions(ids), require_alias=True)

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
        from search.locks import rebuild_lock

        with rebuild_lock(f"elasticsearch:{self.alias}") as held:
            if not held:
                raise RebuildRunning(
                    f"another rebuild of {self.alias} is running; try again when it is done"
                )
            return self._rebuild(self.operator().client, documents_to_index)

    def _rebuild(self, client: Elasticsearch, documents_to_index: Iterable[dict]) -> int:
        new_index = documents.concrete_index_name(self.alias, timezone.now())
        with unavailable_on_error():
            client.indices.create(**documents.create_index_request(new_index))
            try:
                total = self._bulk(
                    client, documents.bulk_actions(documents_to_index), index=new_index
                )
                client.indices.refresh(index=new_index)
                behind_alias = self._behind_alias(client)
                client.indices.update_aliases(
                    actions=documents.alias_swap_actions(self.alias, new_index, behind_alias)
                )
            except BaseException:
                # A swap that timed out here may still have been applied by the server: the
                # new index is then live and must stay.
                if new_index not in self._behind_alias(client):
                    client.indices.delete(index=new_index, ignore_unavailable=True)
                    raise
                logger.warning("Alias swap to %s was applied despite an error", new_index)
            self._delete_replaced(client, new_index, behind_alias)
        return total

    # Helpers ----------------------------------------------------------------------------

    def _bulk(self, client: Elasticsearch, actions: Iterable[dict], **params) -> int:
        """Send actions in chunks; 429s are retried with back-off, other refusals collected."""
        index = params.pop("index", self.alias)
        done, failures = 0, []
        with unavailable_on_error():
            for ok, item in helpers.streaming_bulk(
                client,
                actions,
                index=index,
                chunk_size=documents.BULK_CHUNK,
                max_retries=BULK_RETRIES,
                initial_backoff=BULK_INITIAL_BACKOFF_SECONDS,
                raise_on_error=False,
                ignore_status=(404,),  # a delete of what is already gone is what it wants
                **params,
            ):
                ((action, result),) = item.items()
                if ok or (action == "delete" and result.get("status") == 404):
                    done += 1
                else:
                    failures.append((result.get("_id"), _error_type(result)))
        if failures:
            sample = ", ".join(f"{page_id}: {reason}" for page_id, reason in failures[:5])
            raise IndexingFailed(f"Elasticsearch refused {len(failures)} documents ({sample})")
        return done

    def _behind_alias(self, client: Elasticsearch) -> list[str]:
        try:
            return sorted(client.indices.get_alias(name=self.alias))
        except NotFoundError:
            # No alias yet; an index carrying the alias's name would still block it.
            return [self.alias] if client.indices.exists(index=self.alias) else []

    def _delete_replaced(self, client: Elasticsearch, new_index: str, replaced: list[str]) -> None:
        """Delete the indexes the swap took the alias from, once the alias is seen on the new
        one; never other `<alias>-<timestamp>` indexes (another rebuild's, or kept by hand)."""
        if self._behind_alias(client) != [new_index]:
            logger.warning("Alias %s is not on %s alone; nothing deleted", self.alias, new_index)
            return
        old = [name for name in replaced if name != new_index and name != self.alias]
        if old:
            client.indices.delete(index=",".join(old), ignore_unavailable=True)

    def concrete_indexes(self) -> list[str]:
        """The concrete indexes behind the alias (exactly one after a rebuild)."""
        with unavailable_on_error():
            behind = self._behind_alias(self.client)
        return [name for name in behind if name != self.alias]


def facet_counts(response) -> dict[str, dict[str, int]]:
    aggregations = response.get("aggregations") or {}
    counts: dict[str, dict[str, int]] = {}
    for list_name in documents.CODE_LIST_FIELDS:
        wrapper = aggregations.get(queries.facet_aggregation_name(list_name), {})
        buckets = wrapper.get(list_name, {}).get("buckets", [])
        counts[list_name] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
    return counts


def _error_type(result: dict) -> str:
    error = result.get("error")
    if isinstance(error, dict):
        return error.get("type", "error")
    return str(error or result.get("status", "error"))


def _score(hit: dict) -> float:
    return float(hit.get("_score") or 0.0)


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
