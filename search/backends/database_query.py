"""Compile a Criteria to ORM filters and ONE score expression over SearchEntry.

Every term of `search.ranking.score` has its SQL twin here, built from the same constants, so
the database computes the same number `ranking.score()` computes in Python (tests hold the two
to within 1e-6). Distances are haversine with ranking's Earth radius, using the SQL math
functions SQLite (3.35+) and PostgreSQL both have.
"""

from __future__ import annotations

import math
import re
from datetime import date

from django.db import connection
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.db.models.lookups import Exact, GreaterThan, LessThanOrEqual

from residences import geo
from search import ranking
from search.criteria import MUST_ALL_LISTS, Criteria, Sort
from search.models import SearchEntry, code_bit, codes_mask, mask_field_name

FLOAT = FloatField()
FTS_TABLE = "search_searchentry_fts"
_WORD = re.compile(r"\w+", re.UNICODE)


class CompiledQuery:
    """The filters, score and ordering of one Criteria on one day."""

    def __init__(self, criteria: Criteria, today: date):
        self.criteria = criteria
        self.today = today

    # Filtering --------------------------------------------------------------------------

    def filtered(self, criteria: Criteria | None = None) -> QuerySet:
        """SearchEntry rows meeting every must condition (of `criteria`, default ours)."""
        criteria = criteria or self.criteria
        queryset = SearchEntry.objects.all()
        for list_name, codes in criteria.musts:
            queryset = queryset.filter(must_condition(list_name, codes))
        if criteria.age is not None:
            queryset = queryset.filter(
                Q(min_age__isnull=True) | Q(min_age__lte=criteria.age),
                Q(max_age__isnull=True) | Q(max_age__gte=criteria.age),
            )
        if criteria.available_only:
            queryset = queryset.filter(
                availability_confirmed_on__gte=ranking.stale_cutoff(self.today),
                free_places__gt=0,
            )
        if criteria.has_location and criteria.max_distance_km is not None:
            queryset = self._within_distance(queryset, criteria)
        return self._text_filtered(queryset, criteria)

    def _within_distance(self, queryset: QuerySet, criteria: Criteria) -> QuerySet:
        # The box lets the (latitude, longitude) index discard most rows before the exact,
        # more expensive haversine test runs on the few left.
        box = bounding_box(criteria.latitude, criteria.longitude, criteria.max_distance_km)
        return queryset.filter(
            latitude__gte=box[0],
            latitude__lte=box[1],
            longitude__gte=box[2],
            longitude__lte=box[3],
        ).filter(LessThanOrEqual(distance_km(criteria), criteria.max_distance_km))

    def _text_filtered(self, queryset: QuerySet, criteria: Criteria) -> QuerySet:
        # Text without a single word in it ("?!") filters nothing, on either database.
        match = fts5_query(criteria.text)
        if not match:
            return queryset
        if connection.vendor == "postgresql":
            return queryset.filter(search_vector=_postgres_query(criteria.text))
        return queryset.extra(
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = search_searchentry.page_id", f"{FTS_TABLE} MATCH %s"],
            params=[match],
        )

    # Scoring ----------------------------------------------------------------------------

    def relevance(self):
        """Text relevance normalised to 0..1 (r / (1 + r)); 0 without text."""
        criteria = self.criteria
        if not fts5_query(criteria.text):
            return number(0.0)
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchRank

            raw = SearchRank(F("search_vector"), _postgres_query(criteria.text))
        else:
            raw = RawSQL(f"-bm25({FTS_TABLE})", [], output_field=FLOAT)
        return ExpressionWrapper(raw / (number(1.0) + raw), output_field=FLOAT)

    def score(self):
        criteria = self.criteria
        total = number(ranking.BASE_SCORE, output_field=FLOAT)
        for wish in criteria.wishes:
            total = total + Case(
                When(has_code(wish.list_name, wish.code), then=number(ranking.wish_points(wish))),
                default=number(0.0),
                output_field=FLOAT,
            )
        if criteria.has_location:
            total = total + self.distance_points()
        total = total + self.availability_points()
        if criteria.text:
            total = total + number(ranking.TEXT_WEIGHT) * self.relevance()
        return ExpressionWrapper(total, output_field=FLOAT)

    def distance_points(self):
        scaled = distance_km(self.criteria) / number(ranking.DISTANCE_SCALE_KM)
        decay = number(ranking.DISTANCE_WEIGHT) * Power(
            number(ranking.DISTANCE_DECAY), Power(scaled, number(2))
        )
        return Case(
            When(latitude__isnull=True, then=number(0.0)),
            When(longitude__isnull=True, then=number(0.0)),
            default=decay,
            output_field=FLOAT,
        )

    def availability_points(self):
        urgency = self.criteria.urgency
        return self._by_status(
            {status: ranking.availability_points(status, urgency) for status in ranking.Status},
            FLOAT,
        )

    def availability_rank(self):
        order = {status: index for index, status in enumerate(ranking.AVAILABILITY_ORDER)}
        return self._by_status(order, IntegerField())

    def _by_status(self, values: dict, output_field):
        """A CASE over ranking.availability_status's rules, the cutoff date as a parameter."""
        status = ranking.Status
        stale = Q(availability_confirmed_on__isnull=True) | Q(
            availability_confirmed_on__lt=ranking.stale_cutoff(self.today)
        )
        return Case(
            When(stale, then=number(values[status.UNKNOWN])),
            When(free_places__gt=0, then=number(values[status.FREE])),
            When(waiting_weeks__isnull=True, then=number(values[status.UNKNOWN])),
            When(
                waiting_weeks__lte=ranking.SHORT_WAIT_MAX_WEEKS,
                then=number(values[status.SHORT_WAIT]),
            ),
            default=number(values[status.LONG_WAIT]),
            output_field=output_field,
        )

    # Results ----------------------------------------------------------------------------

    def scored(self) -> QuerySet:
        """Filtered rows with `score`, `relevance` (and `distance`, `availability_rank`)."""
        queryset = self.filtered().annotate(score=self.score(), relevance=self.relevance())
        if self.criteria.has_location:
            queryset = queryset.annotate(distance=self._nullable_distance())
        if self.criteria.sort == Sort.AVAILABILITY:
            queryset = queryset.annotate(availability_rank=self.availability_rank())
        return queryset.order_by(*self.ordering())

    def _nullable_distance(self):
        return Case(
            When(latitude__isnull=True, then=number(None)),
            When(longitude__isnull=True, then=number(None)),
            default=distance_km(self.criteria),
            output_field=FLOAT,
        )

    def ordering(self) -> list:
        if self.criteria.sort == Sort.DISTANCE and self.criteria.has_location:
            return [F("distance").asc(nulls_last=True), F("score").desc(), "pk"]
        if self.criteria.sort == Sort.AVAILABILITY:
            return ["availability_rank", F("score").desc(), "pk"]
        return [F("score").desc(), "pk"]


# Building blocks ------------------------------------------------------------------------


def number(value, output_field=None):
    """A typed SQL literal; naming the type spares Django inferring it on every request."""
    if output_field is None:
        output_field = IntegerField() if isinstance(value, int) else FLOAT
    return Value(value, output_field=output_field)


def has_code(list_name: str, code: str):
    return GreaterThan(F(mask_field_name(list_name)).bitand(code_bit(list_name, code)), 0)


def must_condition(list_name: str, codes) -> Q:
    selection = codes_mask(list_name, codes)
    masked = F(mask_field_name(list_name)).bitand(selection)
    if list_name in MUST_ALL_LISTS:
        return Q(Exact(masked, selection))
    return Q(GreaterThan(masked, 0))


def distance_km(criteria: Criteria):
    """Haversine distance from the criteria's point, in km, as an SQL expression."""
    latitude = math.radians(criteria.latitude)
    longitude = math.radians(criteria.longitude)
    half_dlat = (Radians(F("latitude")) - number(latitude)) / number(2.0)
    half_dlon = (Radians(F("longitude")) - number(longitude)) / number(2.0)
    a = Power(Sin(half_dlat), number(2)) + number(math.cos(latitude)) * Cos(
        Radians(F("latitude"))
    ) * Power(Sin(half_dlon), number(2))
    return ExpressionWrapper(number(2.0 * geo.EARTH_RADIUS_KM) * ASin(Sqrt(a)), output_field=FLOAT)


def bounding_box(latitude: float, longitude: float, km: float) -> tuple[float, ...]:
    """(min lat, max lat, min lon, max lon) containing every point within `km`, a bit wider."""
    dlat = math.degrees(km / geo.EARTH_RADIUS_KM) * 1.001
    widest = min(89.0, abs(latitude) + dlat)
    dlon = min(180.0, dlat / math.cos(math.radians(widest)))
    return (latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon)


def fts5_query(text: str) -> str:
    """Every word must occur, as a prefix (a rough stand-in for Dutch stemming)."""
    words = _WORD.findall(text.lower())
    return " ".join(f'"{word}"*' for word in words)


def _postgres_query(text: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, config="dutch", search_type="websearch")
