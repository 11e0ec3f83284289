"""Serve from the database when the primary engine (Elasticsearch) cannot answer.

The visitor gets results and a quiet notice, never an error page. A circuit breaker stops
hammering an engine that is down: while it is open, searches go straight to the fallback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from search.backends.base import (
    FALLBACK_NOTICE,
    PAGE_SIZE,
    ResultPage,
    SearchBackend,
    SearchUnavailable,
    check_search,
)
from search.backends.circuit import CircuitBreaker
from search.criteria import Criteria

logger = logging.getLogger(__name__)


class FallbackBackend(SearchBackend):
    def __init__(
        self,
        primary: SearchBackend,
        fallback: SearchBackend,
        breaker: CircuitBreaker | None = None,
    ):
        self.primary = primary
        self.fallback = fallback
        self.breaker = breaker or CircuitBreaker()
        self.name = primary.name

    # Search side ------------------------------------------------------------------------

    def search(
        self,
        criteria: Criteria,
        *,
        page_size: int = PAGE_SIZE,
        today: date | None = None,
        facets: bool = True,
    ) -> ResultPage:
        check_search(criteria, page_size)  # bad input is the caller's fault, not the engine's
        result = self._call("search", criteria, page_size=page_size, today=today, facets=facets)
        if result is not None:
            return result
        result = self.fallback.search(criteria, page_size=page_size, today=today, facets=facets)
        result.notices.append(str(FALLBACK_NOTICE))
        return result

    def count(self, criteria: Criteria, *, today: date | None = None) -> int:
        check_search(criteria)
        result = self._call("count", criteria, today=today)
        if result is not None:
            return result
        return self.fallback.count(criteria, today=today)

    def health(self) -> dict:
        if self.breaker.is_open:
            return {
                "status": "degraded",
                "detail": f"{self.primary.name} circuit open; serving from {self.fallback.name}",
                "ms": 0.0,
            }
        report = self.primary.health()
        if report.get("status") == "error":
            report = {**report, "status": "degraded"}
            report["detail"] = f"{report.get('detail', '')}; fallback: {self.fallback.name}"
        return report

    def matching_ids(self, criteria: Criteria, *, limit: int, today: date | None = None):
        result = self._call("matching_ids", criteria, limit=limit, today=today)
        if result is not None:
            return result
        return self.fallback.matching_ids(criteria, limit=limit, today=today)

    def _call(self, method: str, *args, **kwargs):
        """The primary's answer, or None when the fallback must answer instead.

        Every exception ends a half-open trial and counts as a failure: an engine (or a proxy
        in front of it) that answers 200 with a body we do not expect must cost the visitor
        nothing but the notice, and must not leave the breaker waiting for a trial forever.
        """
        if not self.breaker.allow():
            return None
        try:
            result = getattr(self.primary, method)(*args, **kwargs)
        except SearchUnavailable as error:
            self.breaker.record_failure()
            # The error text names the engine and the failure, never the visitor's criteria.
            logger.warning("Search engine %s unavailable: %s", self.primary.name, error)
            return None
        except Exception:
            self.breaker.record_failure()
            logger.exception("Search engine %s failed unexpectedly", self.primary.name)
            return None
        except BaseException:
            # Interrupted (worker shutdown, timeout signal): no verdict on the engine, but the
            # trial must end so the next request may try.
            self.breaker.release_trial()
            raise
        self.breaker.record_success()
        return result

    # Index side: writes go to the primary; the pipeline feeds the database index itself --

    def upsert(self, documents: list[dict]) -> None:
        self.primary.upsert(documents)

    def delete(self, ids: list[int]) -> None:
        self.primary.delete(ids)

    def indexed_versions(self) -> dict[int, str]:
        return self.primary.indexed_versions()

    def rebuild(self, documents: Iterable[dict]) -> int:
        return self.primary.rebuild(documents)
