"""Compile a `Criteria` to Elasticsearch request bodies: pure functions, no connection.

Every number comes from `search.ranking`; this module only translates. The score is a
`function_score` whose functions add up (score_mode "sum") to exactly the sum `ranking.score()`
computes in Python, so the database and Elasticsearch rank alike:

- one filterless function worth BASE_SCORE (also keeps "no function matched" out of play);
- one filter+weight function per wish;
- one `gauss` decay on `location` when the visitor gave a place;
- one filter+weight function per availability status, UNKNOWN included while it is worth 0 (so
  a new weight in ranking.py reaches this engine without a code change), with the stale cutoff
  computed here from `availability.stale_cutoff(today)` rather than `now-60d`, so a test can pin
  the date and both engines agree on the same day.

The query itself only filters (and, with text, requires every word), and boost_mode "replace"
keeps just the functions' sum. With text, one more function adds TEXT_WEIGHT * r / (1 + r) of
the Dutch full-text relevance r: base.py's rule, so TEXT_WEIGHT means the same on both engines
(a plain boost_mode "sum" would add raw BM25, unbounded and on another scale).

Must conditions on code lists go to `post_filter`, and each facet aggregation filters by every
other list's musts (the FacetedSearch pattern), so each list's counts ignore its own selection.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from elasticsearch.dsl import SF, Q, Search
from elasticsearch.dsl.query import Query

from residences import availability, taxonomy
from search import ranking
from search.backends.elasticsearch.documents import TEXT_FIELDS
from search.criteria import MUST_ALL_LISTS, Criteria, Sort

# Elasticsearch's index.max_result_window: from + size beyond it is refused.
MAX_RESULT_WINDOW = 10_000
# An export walks a point in time with search_after in pages of this size; the point in time
# is kept alive this long between two pages.
EXPORT_PAGE_SIZE = 1000
EXPORT_KEEP_ALIVE = "1m"

Status = ranking.Status

# Sorting by availability needs the status on the query's day, which depends on today's stale
# cutoff and therefore cannot be stored at index time. A Painless script computes the rank from
# four doc values; its source never changes (only params do), so Elasticsearch compiles and
# caches it once. Ranks and thresholds come in as params from ranking.py.
AVAILABILITY_RANK_SCRIPT = """
def confirmed = doc['availability_confirmed_on'];
if (confirmed.size() == 0 || confirmed.value.toInstant().toEpochMilli() < params.cutoff) {
  return params.unknown;
}
def free = doc['free_places'];
if (free.size() != 0 && free.value >= 1) {
  return params.free;
}
def waiting = doc['waiting_weeks'];
if (waiting.size() == 0) {
  return params.unknown;
}
return waiting.value <= params.short_max_weeks ? params.short_wait : params.long_wait;
""".strip()


# Filters --------------------------------------------------------------------------------


def list_filter(list_name: str, codes: tuple[str, ...]) -> Query:
    """A must on one code list: ALL codes on MUST_ALL_LISTS, ANY code on the others."""
    if list_name in MUST_ALL_LISTS:
        return Q("bool", filter=[Q("term", **{list_name: code}) for code in codes])
    return Q("terms", **{list_name: list(codes)})


def list_filters(criteria: Criteria) -> dict[str, Query]:
    return {list_name: list_filter(list_name, codes) for list_name, codes in criteria.musts}


def age_filters(age: int) -> list[Query]:
    """min_age <= age <= max_age, where a missing bound is open."""
    return [
        _range_or_missing("min_age", lte=age),
        _range_or_missing("max_age", gte=age),
    ]


def _range_or_missing(field: str, **bounds: int) -> Query:
    return Q(
        "bool",
        should=[
            Q("range", **{field: bounds}),
            Q("bool", must_not=[Q("exists", field=field)]),
        ],
        minimum_should_match=1,
    )


def distance_filter(criteria: Criteria) -> Query:
    return Q(
        "geo_distance",
        distance=f"{criteria.max_distance_km:g}km",
        distance_type="arc",
        location=_origin(criteria),
    )


def availability_filters(today: date) -> dict[Status, Query]:
    """One filter per status, mirroring `availability.availability_status()`.

    Every residence matches exactly one: UNKNOWN is stale (or never confirmed), or fresh with
    no free place and no waiting time.
    """
    fresh = Q("range", availability_confirmed_on={"gte": stale_cutoff_iso(today)})
    has_free = Q("range", free_places={"gte": 1})
    short_max = availability.SHORT_WAIT_MAX_WEEKS
    return {
        Status.FREE: Q("bool", filter=[fresh, has_free]),
        Status.SHORT_WAIT: Q(
            "bool",
            filter=[fresh, Q("range", waiting_weeks={"lte": short_max})],
            must_not=[has_free],
        ),
        Status.LONG_WAIT: Q(
            "bool",
            filter=[fresh, Q("range", waiting_weeks={"gt": short_max})],
            must_not=[has_free],
        ),
        Status.UNKNOWN: Q(
            "bool",
            should=[
                Q("bool", must_not=[fresh]),
                Q(
                    "bool",
                    filter=[fresh],
                    must_not=[has_free, Q("exists", field="waiting_weeks")],
                ),
            ],
            minimum_should_match=1,
        ),
    }


def query_filters(criteria: Criteria, today: date) -> list[Query]:
    """Every filter that is not a code-list must (those go to post_filter for the facets)."""
    filters = []
    if criteria.age is not None:
        filters.extend(age_filters(criteria.age))
    if criteria.max_distance_km is not None and criteria.has_location:
        filters.append(distance_filter(criteria))
    if criteria.available_only:
        filters.append(availability_filters(today)[Status.FREE])
    return filters


def stale_cutoff_iso(today: date) -> str:
    return availability.stale_cutoff(today).isoformat()


def _origin(criteria: Criteria) -> dict:
    return {"lat": criteria.latitude, "lon": criteria.longitude}


# Score ----------------------------------------------------------------------------------


def scoring_functions(criteria: Criteria, today: date) -> list:
    functions = [SF({"weight": ranking.BASE_SCORE})]
    functions.extend(wish_function(wish) for wish in criteria.wishes)
    if criteria.has_location:
        functions.append(distance_function(criteria))
    for status, status_filter in availability_filters(today).items():
        weight = ranking.availability_points(status, criteria.urgency)
        functions.append(SF({"filter": status_filter, "weight": weight}))
    return functions


def wish_function(wish):
    return SF(
        {"filter": Q("term", **{wish.list_name: wish.code}), "weight": ranking.wish_points(wish)}
    )


def distance_function(criteria: Criteria):
    # A decay function scores a document without the field as 1 (full points); ranking.py gives
    # a residence without coordinates no distance points, so only located documents get it.
    return SF(
        "gauss",
        filter=Q("exists", field="location"),
        weight=ranking.DISTANCE_WEIGHT,
        location={
            "origin": _origin(criteria),
            "scale": f"{ranking.DISTANCE_SCALE_KM:g}km",
            "decay": ranking.DISTANCE_DECAY,
        },
    )


def scored_query(criteria: Criteria, today: date, *, musts_in_query: bool) -> Query:
    filters = query_filters(criteria, today)
    if musts_in_query:
        filters.extend(list_filters(criteria).values())
    functions = scoring_functions(criteria, today)
    must = []
    if criteria.text:
        must.append(text_query(criteria.text))
        functions.append(text_relevance_function())
    return Q(
        "function_score",
        query=Q("bool", must=must, filter=filters),
        functions=functions,
        score_mode="sum",
        boost_mode="replace",
    )


def text_query(text: str) -> Query:
    # simple_query_string never fails on stray quotes or operators a visitor may type; "and"
    # because base.py's contract says text filters: every word must be there.
    return Q("simple_query_string", query=text, fields=list(TEXT_FIELDS), default_operator="and")


TEXT_RELEVANCE_SCRIPT = "params.weight * _score / (1.0 + _score)"


def text_relevance_function():
    # Inside function_score, _score is the query's own score: the full-text relevance.
    return SF(
        "script_score",
        script={
            "lang": "painless",
            "source": TEXT_RELEVANCE_SCRIPT,
            "params": {"weight": ranking.TEXT_WEIGHT},
        },
    )


# Sort -----------------------------------------------------------------------------------


SCORE_THEN_ID = [{"_score": {"order": "desc"}}, {"id": {"order": "asc"}}]


def sort_clauses(criteria: Criteria, today: date) -> list[dict]:
    if criteria.sort == Sort.DISTANCE and criteria.has_location:
        return [_distance_sort(criteria), *SCORE_THEN_ID]
    if criteria.sort == Sort.AVAILABILITY:
        return [availability_sort(today), *SCORE_THEN_ID]
    return list(SCORE_THEN_ID)


def _distance_sort(criteria: Criteria) -> dict:
    return {
        "_geo_distance": {
            "location": _origin(criteria),
            "order": "asc",
            "unit": "km",
            "distance_type": "arc",
        }
    }


def availability_sort(today: date) -> dict:
    cutoff = availability.stale_cutoff(today)
    rank = {status: index for index, status in enumerate(ranking.AVAILABILITY_ORDER)}
    return {
        "_script": {
            "type": "number",
            "order": "asc",
            "script": {
                "lang": "painless",
                "source": AVAILABILITY_RANK_SCRIPT,
                "params": {
                    "cutoff": _epoch_millis(cutoff),
                    "short_max_weeks": availability.SHORT_WAIT_MAX_WEEKS,
                    "free": rank[Status.FREE],
                    "short_wait": rank[Status.SHORT_WAIT],
                    "long_wait": rank[Status.LONG_WAIT],
                    "unknown": rank[Status.UNKNOWN],
                },
            },
        }
    }


def _epoch_millis(day: date) -> int:
    # A strict_date is stored as midnight UTC of that day.
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


# Facets ---------------------------------------------------------------------------------


def facet_aggregation_name(list_name: str) -> str:
    return f"_filter_{list_name}"


def add_facet_aggregations(search: Search, criteria: Criteria) -> Search:
    """Counts for exactly the taxonomy's codes: `include` lists them, so a legacy code left in
    some documents can never take the bucket of a known one."""
    musts = list_filters(criteria)
    for list_name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items():
        others = [query for name, query in musts.items() if name != list_name]
        scope = Q("bool", filter=others) if others else Q("match_all")
        codes = list(code_list.values)
        search.aggs.bucket(facet_aggregation_name(list_name), "filter", filter=scope).bucket(
            list_name, "terms", field=list_name, size=len(codes), include=codes
        )
    return search


# Paging ---------------------------------------------------------------------------------


def page_window(page: int, page_size: int) -> tuple[int, int]:
    """(from, size) for a page, never reaching past MAX_RESULT_WINDOW."""
    start = min(max(page - 1, 0) * page_size, MAX_RESULT_WINDOW)
    return start, max(0, min(page_size, MAX_RESULT_WINDOW - start))


# Request bodies -------------------------------------------------------------------------


def search_body(
    criteria: Criteria, *, today: date, page_size: int = 20, facets: bool = True
) -> dict:
    """The body of a search request for one results page."""
    start, size = page_window(criteria.page, page_size)
    search = Search().query(scored_query(criteria, today, musts_in_query=not facets))
    musts = list(list_filters(criteria).values())
    if facets:
        if musts:
            search = search.post_filter(Q("bool", filter=musts))
        search = add_facet_aggregations(search, criteria)
    search = search.sort(*sort_clauses(criteria, today))
    search = search.extra(from_=start, size=size, track_total_hits=True)
    if criteria.sort != Sort.MATCH:
        # Sorting on anything but _score first still needs the score for display and ties.
        search = search.extra(track_scores=True)
    return search.to_dict()


def count_body(criteria: Criteria, *, today: date) -> dict:
    """The body of a count request: every filter in the query, nothing else."""
    filters = query_filters(criteria, today) + list(list_filters(criteria).values())
    must = [text_query(criteria.text)] if criteria.text else []
    return {"query": Q("bool", must=must, filter=filters).to_dict()}


def export_body(
    criteria: Criteria,
    *,
    today: date,
    pit_id: str,
    after: list | None = None,
    size: int = EXPORT_PAGE_SIZE,
) -> dict:
    """One page of an export in ranking order (score, then id), walked with search_after over
    a point in time: no from + size, so no max_result_window."""
    search = Search().query(scored_query(criteria, today, musts_in_query=True))
    search = search.sort(*SCORE_THEN_ID).source(["id"])
    body = search.extra(size=min(size, EXPORT_PAGE_SIZE), track_total_hits=False).to_dict()
    body["pit"] = {"id": pit_id, "keep_alive": EXPORT_KEEP_ALIVE}
    if after is not None:
        body["search_after"] = after
    return body
