"""What every search backend offers, and the result shapes the views render.

A backend has two sides. The search side compiles a `Criteria` to its engine and returns a
`ResultPage` whose matches carry the flat document and an explanation from `search.ranking`.
The index side (`upsert`, `delete`, `indexed_versions`, `rebuild`) is fed by `search.indexing`,
so the database table and the Elasticsearch index hold the same documents.

Shared rules both engines follow (the contract tests hold them to these):
- Must conditions filter and never score (`ranking.meets_musts` is the reference).
- Free text filters too: a residence matches when it contains every word (engine stemming
  aside). Relevance r >= 0 from the engine is normalised to r / (1 + r) before TEXT_WEIGHT.
- Facets: per code list, counts over the result set computed without that list's own must
  selection (post_filter semantics), so a visitor sees what widening that list would give.
"""

from __future__ import annotations

import abc
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from residences import taxonomy
from search import ranking
from search.criteria import KNOWN_CODES, Criteria, Sort

PAGE_SIZE = 20
# The most residences one export of a filtered list (FilterSet.qs) takes, on every engine.
EXPORT_LIMIT = 50_000
EXPORT_PAGE_SIZE = 100

FALLBACK_NOTICE = _(
    "De zoekmachine is even niet bereikbaar. U ziet resultaten uit onze reservelijst."
)


class InvalidSearch(ValueError):
    """The criteria or paging asked for something no backend can answer (a programming error:
    `Criteria.from_query` and `Criteria.build` never produce such criteria)."""


class SearchUnavailable(Exception):
    """The engine cannot answer now (connection error, timeout, open circuit).

    Backends raise this, and only this, for trouble that a fallback can hide from the visitor.
    """


@dataclass(frozen=True)
class Match:
    document: dict
    score: float
    explanation: ranking.Explanation

    @property
    def id(self) -> int:
        return self.document["id"]


@dataclass(frozen=True)
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class ResultPage:
    criteria: Criteria
    matches: list[Match]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    backend: str = ""

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(self.total / self.page_size)) if self.page_size else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.page > 1


class SearchBackend(abc.ABC):
    """The interface views, selectors and the index pipeline use; see the module docstring."""

    name: str = ""

    # Search side ------------------------------------------------------------------------

    @abc.abstractmethod
    def search(
        self,
        criteria: Criteria,
        *,
        page_size: int = PAGE_SIZE,
        today: date | None = None,
        facets: bool = True,
    ) -> ResultPage: ...

    @abc.abstractmethod
    def count(self, criteria: Criteria, *, today: date | None = None) -> int: ...

    @abc.abstractmethod
    def health(self) -> dict:
        """{"status": "ok" | "degraded" | "error", "detail": str, "ms": float}"""

    # Index side -------------------------------------------------------------------------

    @abc.abstractmethod
    def upsert(self, documents: list[dict]) -> None: ...

    @abc.abstractmethod
    def delete(self, ids: list[int]) -> None: ...

    @abc.abstractmethod
    def indexed_versions(self) -> dict[int, str]:
        """Page id -> version of the indexed document, for drift checks.

        Preferably `search.indexing.document_version(document)` (catches every difference,
        including a corrupted document); a bare last_published_at is accepted too and then
        only catches republished pages.
        """

    @abc.abstractmethod
    def rebuild(self, documents: Iterable[dict]) -> int:
        """Build a fresh index from `documents`, swap it in, return how many were indexed."""

    def matching_ids(
        self, criteria: Criteria, *, limit: int = EXPORT_LIMIT, today: date | None = None
    ) -> list[int]:
        """Ids of the matches in ranking order, at most `limit`, page by page.

        Elasticsearch overrides this with a point in time (its pages stop at 10,000).
        """
        ids: list[int] = []
        page = 1
        while len(ids) < limit:
            result = self.search(
                criteria.with_changes(page=page),
                page_size=EXPORT_PAGE_SIZE,
                today=today,
                facets=False,
            )
            ids.extend(match.id for match in result.matches)
            if not result.has_next:
                break
            page += 1
        return ids[:limit]


# Helpers both engines share --------------------------------------------------------------


def check_search(criteria: Criteria, page_size: int = PAGE_SIZE) -> None:
    """Raise InvalidSearch for input no engine may quietly reinterpret; every backend calls it.

    Unknown code lists or codes would otherwise fail deep in one engine and silently match
    nothing (or everything) in another.
    """
    if page_size < 1:
        raise InvalidSearch(f"page_size must be at least 1, not {page_size}")
    if criteria.page < 1:
        raise InvalidSearch(f"page must be at least 1, not {criteria.page}")
    if criteria.sort not in Sort.VALUES:
        raise InvalidSearch(f"unknown sort {criteria.sort!r}")
    asked = [*criteria.must_conditions(), *((w.list_name, w.code) for w in criteria.wishes)]
    for list_name, code in asked:
        if code not in KNOWN_CODES.get(list_name, ()):
            raise InvalidSearch(f"unknown code {code!r} in list {list_name!r}")
    if criteria.max_distance_km is not None and criteria.max_distance_km < 0:
        raise InvalidSearch(f"max_distance_km must not be negative ({criteria.max_distance_km})")


def resolve_today(today: date | None) -> date:
    return today if today is not None else timezone.localdate()


def page_offset(criteria: Criteria, page_size: int) -> int:
    return (max(criteria.page, 1) - 1) * page_size


def normalise_relevance(raw: float | None) -> float:
    """Engine relevance (any r >= 0) to 0..1, so TEXT_WEIGHT means the same on every engine."""
    if not raw or raw < 0:
        return 0.0
    return raw / (1.0 + raw)


def facet_criteria(criteria: Criteria, list_name: str) -> Criteria:
    """The criteria a list's facet counts are computed with: without its own must."""
    return criteria.without_must(list_name) if criteria.must(list_name) else criteria


def facet_values(criteria: Criteria, counts: dict[str, dict[str, int]]) -> dict[str, list]:
    """Counts per list and code -> FacetValues in taxonomy order, every code present."""
    facets = {}
    for list_name in taxonomy.RESIDENCE_CODE_LISTS:
        list_counts = counts.get(list_name, {})
        selected = criteria.must(list_name)
        facets[list_name] = [
            FacetValue(
                code=code,
                label=label,
                count=int(list_counts.get(code, 0)),
                selected=code in selected,
            )
            for code, label in code_labels(list_name)
        ]
    return facets


def code_labels(list_name: str) -> list[tuple[str, str]]:
    """(code, label) of a code list in taxonomy order. The labels stay lazy: they read in the
    language active where they are shown, and a search whose sidebar comes from the cache does
    not translate ~100 of them."""
    return [(choice.value, choice.label) for choice in taxonomy.RESIDENCE_CODE_LISTS[list_name]]


def make_match(criteria: Criteria, document: dict, score: float, today: date) -> Match:
    explanation = ranking.explain(criteria, document, today)
    return Match(document=document, score=score, explanation=explanation)


def reference_sort_key(criteria: Criteria, document: dict, score: float, today: date) -> tuple:
    """The contract's ordering in Python: what both engines must reproduce."""
    distance = ranking.document_distance_km(criteria, document)
    if criteria.sort == Sort.DISTANCE and criteria.has_location:
        far = distance if distance is not None else math.inf
        return (far, -score, document["id"])
    if criteria.sort == Sort.AVAILABILITY:
        status = ranking.document_availability(document, today)
        return (ranking.AVAILABILITY_ORDER.index(status), -score, document["id"])
    return (-score, document["id"])
