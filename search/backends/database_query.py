"""Compile a Criteria to SQL over SearchEntry: one filter condition and ONE score expression.

Every term of `search.ranking.score` has its SQL twin here, built from the same constants, so
the database computes the same number `ranking.score()` computes in Python (tests hold the two
to within 1e-6). Each rule is said once in SQL: `must_sql` is `ranking.meets_must`,
`distance_sql` is `residences.geo.distance_km` (haversine, with the SQL math functions SQLite
3.35+ and PostgreSQL both have), and the CASE of `_by_status` is
`residences.availability.availability_status`, built from that module's constants.

The SQL is written as text and handed to the ORM as RawSQL: as a tree of ORM expressions (one
CASE per wish, per availability status, a dozen functions per distance) it took Django longer
to resolve, hash and compile than the database needed to run it. Only integers from our own
taxonomy (bits, masks) are written into the text; every other value is a query parameter.
"""

from __future__ import annotations

import math
import re
from datetime import date

from django.db import connection
from django.db.models import BooleanField, F, FloatField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from residences import availability, geo
from search import ranking
from search.criteria import MUST_ALL_LISTS, Criteria, Sort
from search.models import SearchEntry, code_bit, codes_mask, mask_field_name

FLOAT = FloatField()
FTS_TABLE = "search_searchentry_fts"
TABLE = SearchEntry._meta.db_table
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
        conditions, params = self.conditions(criteria)
        if conditions:
            condition = RawSQL(" AND ".join(conditions), params, output_field=BooleanField())
            queryset = queryset.filter(condition)
        return self._text_filtered(queryset, criteria)

    def conditions(self, criteria: Criteria) -> tuple[list[str], list]:
        """Every condition but free text, as SQL snippets and their parameters."""
        conditions = [must_sql(list_name, codes) for list_name, codes in criteria.musts]
        params: list = []
        if criteria.age is not None:
            conditions.append(
                f"({column('min_age')} IS NULL OR {column('min_age')} <= %s)"
                f" AND ({column('max_age')} IS NULL OR {column('max_age')} >= %s)"
            )
            params += [criteria.age, criteria.age]
        if criteria.available_only:
            # Status FREE, said so that the index can range over the confirmation date.
            conditions.append(f"NOT {stale_sql()} AND {free_now_sql()}")
            params.append(sql_date(availability.stale_cutoff(self.today)))
        if criteria.has_location and criteria.max_distance_km is not None:
            # The box lets the index range over latitude and discard most rows before the
            # exact, more expensive haversine test runs on the few left.
            box = bounding_box(criteria.latitude, criteria.longitude, criteria.max_distance_km)
            distance, distance_params = distance_sql(criteria)
            conditions.append(
                f"{column('latitude')} >= %s AND {column('latitude')} <= %s"
                f" AND {column('longitude')} >= %s AND {column('longitude')} <= %s"
                f" AND {distance} <= %s"
            )
            params += [*box, *distance_params, float(criteria.max_distance_km)]
        return conditions, params

    def filter_part(self) -> tuple:
        """Everything `filtered()` depends on, and nothing else: the key of cached counts.

        Keep in step with `conditions()` and `_text_filtered()`: a value that filters and is
        missing here would let two different result sets share facet counts.
        """
        criteria = self.criteria
        within = None
        if criteria.has_location and criteria.max_distance_km is not None:
            within = (criteria.latitude, criteria.longitude, criteria.max_distance_km)
        fresh_from = availability.stale_cutoff(self.today) if criteria.available_only else None
        return (
            ("musts", criteria.musts),
            ("age", criteria.age),
            ("available_only", criteria.available_only, fresh_from),
            ("within", within),
            ("text", criteria.text),
            ("vendor", connection.vendor),
        )

    def _text_filtered(self, queryset: QuerySet, criteria: Criteria) -> QuerySet:
        # Text without a single word in it ("?!") filters nothing, on either database.
        match = fts5_query(criteria.text)
        if not match:
            return queryset
        if connection.vendor == "postgresql":
            return queryset.filter(
                RawSQL(
                    f"{column('search_vector')} @@ {POSTGRES_QUERY}",
                    [criteria.text],
                    output_field=BooleanField(),
                )
            )
        return queryset.extra(
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = {column('page_id')}", f"{FTS_TABLE} MATCH %s"],
            params=[match],
        )

    # Scoring ----------------------------------------------------------------------------

    def relevance_sql(self) -> tuple[str, list]:
        """Text relevance normalised to 0..1 (r / (1 + r)); 0 without text."""
        criteria = self.criteria
        if not fts5_query(criteria.text):
            return "%s", [0.0]
        if connection.vendor == "postgresql":
            raw, params = f"ts_rank({column('search_vector')}, {POSTGRES_QUERY})", [criteria.text]
        else:
            raw, params = f"(-bm25({FTS_TABLE}))", []
        return f"({raw} / (%s + {raw}))", [*params, 1.0, *params]

    def score_sql(self) -> tuple[str, list]:
        criteria = self.criteria
        terms, params = ["%s"], [ranking.BASE_SCORE]
        for wish in criteria.wishes:
            terms.append(f"CASE WHEN {has_code_sql(wish.list_name, wish.code)} THEN %s ELSE %s END")
            params += [ranking.wish_points(wish), 0.0]
        if criteria.has_location:
            sql, distance_params = self.distance_points_sql()
            terms.append(sql)
            params += distance_params
        sql, status_params = self.availability_points_sql()
        terms.append(sql)
        params += status_params
        if criteria.text:
            sql, relevance_params = self.relevance_sql()
            terms.append(f"%s * {sql}")
            params += [ranking.TEXT_WEIGHT, *relevance_params]
        total = "(" + " + ".join(terms) + ")"
        if connection.vendor == "postgresql":
            # Literal parameters are numeric there; results are floats on both databases.
            total = f"CAST({total} AS double precision)"
        return total, params

    def distance_points_sql(self) -> tuple[str, list]:
        distance, params = distance_sql(self.criteria)
        decay = f"%s * POWER(%s, POWER({distance} / %s, 2))"
        decay_params = [
            ranking.DISTANCE_WEIGHT,
            ranking.DISTANCE_DECAY,
            *params,
            ranking.DISTANCE_SCALE_KM,
        ]
        return (
            f"CASE WHEN {column('latitude')} IS NULL OR {column('longitude')} IS NULL"
            f" THEN %s ELSE {decay} END",
            [0.0, *decay_params],
        )

    def availability_points_sql(self) -> tuple[str, list]:
        urgency = self.criteria.urgency
        return self._by_status(
            {status: ranking.availability_points(status, urgency) for status in ranking.Status}
        )

    def availability_rank_sql(self) -> tuple[str, list]:
        order = {status: index for index, status in enumerate(ranking.AVAILABILITY_ORDER)}
        return self._by_status(order)

    def _by_status(self, values: dict) -> tuple[str, list]:
        """The SQL of `availability.availability_status`: a CASE in the same order of rules,
        the stale cutoff as a parameter, `values[status]` as each branch's result."""
        status = ranking.Status
        waiting = column("waiting_weeks")
        sql = (
            f"CASE WHEN {stale_sql()} THEN %s"
            f" WHEN {free_now_sql()} THEN %s"
            f" WHEN {waiting} IS NULL THEN %s"
            f" WHEN {waiting} <= {int(availability.SHORT_WAIT_MAX_WEEKS)} THEN %s"
            " ELSE %s END"
        )
        params = [
            sql_date(availability.stale_cutoff(self.today)),
            values[status.UNKNOWN],
            values[status.FREE],
            values[status.UNKNOWN],
            values[status.SHORT_WAIT],
            values[status.LONG_WAIT],
        ]
        return sql, params

    # Results ----------------------------------------------------------------------------

    def scored(self) -> QuerySet:
        """Filtered rows with `score`, `relevance` (and `distance`, `availability_rank`)."""
        queryset = self.ranked().annotate(relevance=RawSQL(*self.relevance_sql(), FLOAT))
        if self.criteria.has_location and self.criteria.sort != Sort.DISTANCE:
            queryset = queryset.annotate(distance=self._nullable_distance())
        return queryset

    def ranked(self) -> QuerySet:
        """Filtered rows in result order, annotated with what the order needs and no more."""
        queryset = self.filtered().annotate(score=RawSQL(*self.score_sql(), FLOAT))
        if self.criteria.sort == Sort.DISTANCE and self.criteria.has_location:
            queryset = queryset.annotate(distance=self._nullable_distance())
        if self.criteria.sort == Sort.AVAILABILITY:
            queryset = queryset.annotate(
                availability_rank=RawSQL(*self.availability_rank_sql(), IntegerField())
            )
        return queryset.order_by(*self.ordering())

    def _nullable_distance(self) -> RawSQL:
        distance, params = distance_sql(self.criteria)
        sql = (
            f"CASE WHEN {column('latitude')} IS NULL OR {column('longitude')} IS NULL"
            f" THEN NULL ELSE {distance} END"
        )
        return RawSQL(sql, params, FLOAT)

    def ordering(self) -> list:
        if self.criteria.sort == Sort.DISTANCE and self.criteria.has_location:
            return [F("distance").asc(nulls_last=True), F("score").desc(), "pk"]
        if self.criteria.sort == Sort.AVAILABILITY:
            return ["availability_rank", F("score").desc(), "pk"]
        return [F("score").desc(), "pk"]


# Building blocks ------------------------------------------------------------------------

POSTGRES_QUERY = "websearch_to_tsquery('dutch'::regconfig, %s)"


def column(name: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(TABLE)}.{quote(name)}"


def sql_date(value: date):
    """A date as the database's driver wants it (SQLite stores ISO text)."""
    return connection.ops.adapt_datefield_value(value)


def stale_sql() -> str:
    """`availability.is_stale` as SQL: never confirmed, or before the cutoff (one parameter)."""
    confirmed = column("availability_confirmed_on")
    return f"({confirmed} IS NULL OR {confirmed} < %s)"


def free_now_sql() -> str:
    """A fresh residence with this is FREE (`availability_status`'s `if free_places`)."""
    return f"({column('free_places')} > 0)"


def has_code_sql(list_name: str, code: str) -> str:
    return f"({column(mask_field_name(list_name))} & {int(code_bit(list_name, code))}) <> 0"


def must_sql(list_name: str, codes, *, qualified: bool = True) -> str:
    """A must condition over the mask column (integers from our own taxonomy only).

    The SQL of `ranking.meets_must`: every code for `MUST_ALL_LISTS`, any one code otherwise.
    `qualified=False` names the bare column, for queries over a subquery of SearchEntry rows.
    """
    name = mask_field_name(list_name)
    mask = column(name) if qualified else connection.ops.quote_name(name)
    selection = int(codes_mask(list_name, codes))
    if list_name in MUST_ALL_LISTS:
        return f"(({mask} & {selection}) = {selection})"
    return f"(({mask} & {selection}) <> 0)"


def distance_sql(criteria: Criteria) -> tuple[str, list]:
    """Haversine distance from the criteria's point, in km, as SQL and its parameters."""
    latitude = math.radians(criteria.latitude)
    longitude = math.radians(criteria.longitude)
    lat, lon = column("latitude"), column("longitude")
    sql = (
        f"(%s * ASIN(SQRT(POWER(SIN((RADIANS({lat}) - %s) / %s), 2)"
        f" + %s * COS(RADIANS({lat})) * POWER(SIN((RADIANS({lon}) - %s) / %s), 2))))"
    )
    params = [2.0 * geo.EARTH_RADIUS_KM, latitude, 2.0, math.cos(latitude), longitude, 2.0]
    return sql, params


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
