"""The Criteria -> request body compiler, checked on its output (no server needed).

The numbers in the expected bodies come from search.ranking, so these tests say "this clause
carries that ranking rule" rather than pinning weights a second time.
"""

from datetime import date

import pytest

from residences import availability, taxonomy
from search import ranking
from search.backends.elasticsearch import documents, queries
from search.criteria import Criteria, Importance, Sort, Wish
from tests.search.conftest import OTHER_AVAILABILITY_POINTS

TODAY = date(2025, 3, 1)
CUTOFF = "2024-12-31"  # 60 days before TODAY
ROTTERDAM = {"lat": 51.9225, "lon": 4.47917}
Status = ranking.Status


def located(**values) -> Criteria:
    return Criteria.build(
        place="Rotterdam", latitude=ROTTERDAM["lat"], longitude=ROTTERDAM["lon"], **values
    )


def function_score(body: dict) -> dict:
    return body["query"]["function_score"]


def query_filters(body: dict) -> list:
    return function_score(body)["query"]["bool"].get("filter", [])


def functions_with_filter(body: dict) -> list[dict]:
    return [function for function in function_score(body)["functions"] if "filter" in function]


# Score -----------------------------------------------------------------------------------


def test_scores_are_summed_functions_replacing_the_filter_only_query_score():
    body = queries.search_body(Criteria.build(), today=TODAY)

    assert function_score(body)["score_mode"] == "sum"
    assert function_score(body)["boost_mode"] == "replace"
    assert function_score(body)["functions"][0] == {"weight": ranking.BASE_SCORE}


def test_each_wish_adds_its_importance_points_as_a_term_filter_weight():
    criteria = Criteria.build(
        wishes=[
            Wish("facilities", taxonomy.Facility.GARDEN, Importance.VERY_IMPORTANT),
            Wish("environment", taxonomy.Environment.QUIET, Importance.NICE),
        ]
    )

    functions = functions_with_filter(queries.search_body(criteria, today=TODAY))

    assert {"filter": {"term": {"facilities": "tuin"}}, "weight": 4.0} in functions
    assert {"filter": {"term": {"environment": "rustig"}}, "weight": 1.0} in functions
    assert ranking.WISH_POINTS[Importance.VERY_IMPORTANT] == 4.0


def test_a_location_adds_a_gauss_decay_with_the_ranking_scale_and_decay():
    body = queries.search_body(located(), today=TODAY)

    gauss = [f for f in function_score(body)["functions"] if "gauss" in f]
    assert gauss == [
        {
            # A decay function would give documents without coordinates full points.
            "filter": {"exists": {"field": "location"}},
            "gauss": {
                "location": {
                    "origin": ROTTERDAM,
                    "scale": f"{ranking.DISTANCE_SCALE_KM:g}km",
                    "decay": ranking.DISTANCE_DECAY,
                }
            },
            "weight": ranking.DISTANCE_WEIGHT,
        }
    ]


def test_without_a_location_there_is_no_distance_term():
    body = queries.search_body(Criteria.build(), today=TODAY)

    assert not [f for f in function_score(body)["functions"] if "gauss" in f]


def test_availability_functions_use_the_cutoff_from_python_and_the_urgency_factor():
    criteria = Criteria.build(urgency=taxonomy.Urgency.NOW)

    functions = functions_with_filter(queries.search_body(criteria, today=TODAY))

    fresh = {"range": {"availability_confirmed_on": {"gte": CUTOFF}}}
    has_free = {"range": {"free_places": {"gte": 1}}}
    factor = ranking.URGENCY_FACTOR[taxonomy.Urgency.NOW]
    assert functions == [
        {
            "filter": {"bool": {"filter": [fresh, has_free]}},
            "weight": ranking.AVAILABILITY_POINTS[Status.FREE] * factor,
        },
        {
            "filter": {
                "bool": {
                    "filter": [fresh, {"range": {"waiting_weeks": {"lte": 12}}}],
                    "must_not": [has_free],
                }
            },
            "weight": ranking.AVAILABILITY_POINTS[Status.SHORT_WAIT] * factor,
        },
        {
            "filter": {
                "bool": {
                    "filter": [fresh, {"range": {"waiting_weeks": {"gt": 12}}}],
                    "must_not": [has_free],
                }
            },
            "weight": ranking.AVAILABILITY_POINTS[Status.LONG_WAIT] * factor,
        },
        {
            "filter": {
                "bool": {
                    "should": [
                        {"bool": {"must_not": [fresh]}},
                        {
                            "bool": {
                                "filter": [fresh],
                                "must_not": [has_free, {"exists": {"field": "waiting_weeks"}}],
                            }
                        },
                    ],
                    "minimum_should_match": 1,
                }
            },
            "weight": ranking.AVAILABILITY_POINTS[Status.UNKNOWN] * factor,
        },
    ]
    assert availability.SHORT_WAIT_MAX_WEEKS == 12


def test_the_cutoff_moves_with_the_day_the_search_is_made():
    later = queries.search_body(Criteria.build(), today=date(2025, 6, 1))

    assert "2025-04-02" in str(functions_with_filter(later)[0])


def test_every_status_gets_a_function_even_when_it_is_worth_no_points():
    # UNKNOWN is worth 0 today; its function is there anyway, so giving it points in
    # ranking.py reaches Elasticsearch without anyone remembering to add a clause.
    assert ranking.AVAILABILITY_POINTS[Status.UNKNOWN] == 0

    functions = functions_with_filter(queries.search_body(Criteria.build(), today=TODAY))

    assert len(functions) == len(Status)
    assert functions[-1]["weight"] == 0


def test_text_must_match_every_word_and_adds_normalised_relevance():
    body = queries.search_body(Criteria.build(text="tuin Rotterdam"), today=TODAY)

    assert function_score(body)["query"]["bool"]["must"] == [
        {
            "simple_query_string": {
                "query": "tuin Rotterdam",
                "fields": list(documents.TEXT_FIELDS),
                "default_operator": "and",
            }
        }
    ]
    relevance = function_score(body)["functions"][-1]["script_score"]["script"]
    assert relevance["source"] == "params.weight * _score / (1.0 + _score)"
    assert relevance["params"] == {"weight": ranking.TEXT_WEIGHT}
    assert function_score(body)["boost_mode"] == "replace"


# Filters ---------------------------------------------------------------------------------


def test_an_any_list_must_is_one_terms_filter():
    criteria = Criteria.build(musts={"target_groups": ["vg", "lvb"]})

    body = queries.search_body(criteria, today=TODAY)

    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"target_groups": ["vg", "lvb"]}}]}
    }


def test_an_all_list_must_needs_one_term_per_code():
    criteria = Criteria.build(musts={"facilities": ["tuin", "lift"]})

    body = queries.search_body(criteria, today=TODAY)

    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {
                    "bool": {
                        "filter": [
                            {"term": {"facilities": "tuin"}},
                            {"term": {"facilities": "lift"}},
                        ]
                    }
                }
            ]
        }
    }


def test_without_facets_the_musts_filter_in_the_query_itself():
    criteria = Criteria.build(musts={"target_groups": ["vg"]})

    body = queries.search_body(criteria, today=TODAY, facets=False)

    assert "post_filter" not in body and "aggs" not in body
    assert {"terms": {"target_groups": ["vg"]}} in query_filters(body)


def test_age_must_fit_between_the_bounds_and_a_missing_bound_is_open():
    body = queries.search_body(Criteria.build(age=67), today=TODAY)

    assert query_filters(body) == [
        {
            "bool": {
                "should": [
                    {"range": {"min_age": {"lte": 67}}},
                    {"bool": {"must_not": [{"exists": {"field": "min_age"}}]}},
                ],
                "minimum_should_match": 1,
            }
        },
        {
            "bool": {
                "should": [
                    {"range": {"max_age": {"gte": 67}}},
                    {"bool": {"must_not": [{"exists": {"field": "max_age"}}]}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]


def test_a_maximum_distance_filters_by_arc_distance_from_the_place():
    body = queries.search_body(located(max_distance_km=25), today=TODAY)

    assert query_filters(body) == [
        {"geo_distance": {"distance": "25km", "distance_type": "arc", "location": ROTTERDAM}}
    ]


def test_a_maximum_distance_without_a_resolved_place_does_not_filter():
    body = queries.search_body(Criteria.build(max_distance_km=25), today=TODAY)

    assert query_filters(body) == []


def test_available_only_keeps_fresh_free_places():
    body = queries.search_body(Criteria.build(available_only=True), today=TODAY)

    assert query_filters(body) == [
        {
            "bool": {
                "filter": [
                    {"range": {"availability_confirmed_on": {"gte": CUTOFF}}},
                    {"range": {"free_places": {"gte": 1}}},
                ]
            }
        }
    ]


# Facets ----------------------------------------------------------------------------------


def test_every_code_list_has_a_facet_counting_all_its_codes():
    body = queries.search_body(Criteria.build(), today=TODAY)

    assert set(body["aggs"]) == {f"_filter_{name}" for name in taxonomy.RESIDENCE_CODE_LISTS}
    facilities = body["aggs"]["_filter_facilities"]
    assert facilities["filter"] == {"match_all": {}}
    assert facilities["aggs"]["facilities"]["terms"] == {
        "field": "facilities",
        "size": len(taxonomy.Facility.values),
        "include": list(taxonomy.Facility.values),
    }


def test_facets_count_only_known_codes_so_legacy_codes_never_take_their_buckets():
    # A terms aggregation returns the `size` most frequent values; without `include`, codes no
    # longer in the taxonomy (left in old documents) could push known codes out of the answer.
    aggs = queries.search_body(Criteria.build(), today=TODAY)["aggs"]

    for list_name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items():
        terms = aggs[f"_filter_{list_name}"]["aggs"][list_name]["terms"]
        assert terms["include"] == list(code_list.values)
        assert terms["size"] >= len(terms["include"])


def test_each_facet_ignores_its_own_selection_but_applies_the_others():
    criteria = Criteria.build(musts={"target_groups": ["vg"], "financing": ["pgb"]})

    aggs = queries.search_body(criteria, today=TODAY)["aggs"]

    assert aggs["_filter_target_groups"]["filter"] == {
        "bool": {"filter": [{"terms": {"financing": ["pgb"]}}]}
    }
    assert aggs["_filter_financing"]["filter"] == {
        "bool": {"filter": [{"terms": {"target_groups": ["vg"]}}]}
    }
    assert aggs["_filter_languages"]["filter"] == {
        "bool": {
            "filter": [{"terms": {"target_groups": ["vg"]}}, {"terms": {"financing": ["pgb"]}}]
        }
    }


def test_facets_count_within_the_query_filters():
    # Age, distance and availability live in the query, so facet counts respect them.
    body = queries.search_body(located(max_distance_km=10, age=30), today=TODAY)

    assert len(query_filters(body)) == 3
    assert "post_filter" not in body


# Sorting ---------------------------------------------------------------------------------


SCORE_THEN_ID = [{"_score": {"order": "desc"}}, {"id": {"order": "asc"}}]


def test_best_match_sorts_by_score_then_page_id():
    body = queries.search_body(Criteria.build(), today=TODAY)

    assert body["sort"] == SCORE_THEN_ID
    assert "track_scores" not in body


def test_distance_sorts_by_arc_distance_then_score_then_id():
    body = queries.search_body(located(sort=Sort.DISTANCE), today=TODAY)

    assert body["sort"] == [
        {
            "_geo_distance": {
                "location": ROTTERDAM,
                "order": "asc",
                "unit": "km",
                "distance_type": "arc",
            }
        },
        *SCORE_THEN_ID,
    ]
    assert body["track_scores"] is True


def test_distance_sort_without_a_place_behaves_as_best_match():
    body = queries.search_body(Criteria.build(sort=Sort.DISTANCE), today=TODAY)

    assert body["sort"] == SCORE_THEN_ID


def test_availability_sort_ranks_statuses_in_ranking_order_with_todays_cutoff():
    body = queries.search_body(Criteria.build(sort=Sort.AVAILABILITY), today=TODAY)

    script_sort, *rest = body["sort"]
    assert rest == SCORE_THEN_ID
    script = script_sort["_script"]["script"]
    assert script_sort["_script"]["type"] == "number"
    assert script_sort["_script"]["order"] == "asc"
    assert script["params"] == {
        "cutoff": 1735603200000,  # 2024-12-31T00:00:00Z in epoch milliseconds
        "short_max_weeks": availability.SHORT_WAIT_MAX_WEEKS,
        "free": ranking.AVAILABILITY_ORDER.index(Status.FREE),
        "short_wait": ranking.AVAILABILITY_ORDER.index(Status.SHORT_WAIT),
        "long_wait": ranking.AVAILABILITY_ORDER.index(Status.LONG_WAIT),
        "unknown": ranking.AVAILABILITY_ORDER.index(Status.UNKNOWN),
    }


def test_the_availability_script_is_the_same_every_day_so_it_compiles_once():
    monday = queries.availability_sort(date(2025, 3, 3))
    tuesday = queries.availability_sort(date(2025, 3, 4))

    assert monday["_script"]["script"]["source"] == tuesday["_script"]["script"]["source"]
    assert monday["_script"]["script"]["params"] != tuesday["_script"]["script"]["params"]


# Paging ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "page_size", "window"),
    [
        (1, 20, (0, 20)),
        (3, 20, (40, 20)),
        (500, 20, (9980, 20)),
        (500, 25, (10000, 0)),
        (400, 25, (9975, 25)),
        (401, 25, (10000, 0)),
        (100_000, 20, (10000, 0)),
    ],
)
def test_paging_never_reaches_past_the_result_window(page, page_size, window):
    assert queries.page_window(page, page_size) == window
    start, size = window
    assert start + size <= queries.MAX_RESULT_WINDOW


def test_a_search_body_asks_for_the_page_and_an_exact_total():
    body = queries.search_body(Criteria.build(page=2), today=TODAY, page_size=10)

    assert (body["from"], body["size"], body["track_total_hits"]) == (10, 10, True)


# Count -----------------------------------------------------------------------------------


def test_a_count_applies_every_filter_and_nothing_that_scores():
    criteria = located(
        text="tuin",
        max_distance_km=10,
        musts={"target_groups": ["vg"]},
        wishes=[Wish("facilities", "lift", 2)],
    )

    body = queries.count_body(criteria, today=TODAY)

    assert set(body) == {"query"}
    assert body["query"]["bool"]["filter"] == [
        {"geo_distance": {"distance": "10km", "distance_type": "arc", "location": ROTTERDAM}},
        {"terms": {"target_groups": ["vg"]}},
    ]
    assert body["query"]["bool"]["must"][0]["simple_query_string"]["query"] == "tuin"


# Fields the bodies name exist in the mapping, with a type that supports the clause -------


def _mapping_types() -> dict[str, str]:
    return {
        name: field["type"]
        for name, field in documents.index_body()["mappings"]["properties"].items()
    }


def _fields_used(node, found: set[tuple[str, str]]) -> set[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"term", "terms", "range", "gauss", "geo_distance"}:
                found.update((key, name) for name in value if name not in _CLAUSE_OPTIONS)
            if key == "exists":
                found.add((key, value["field"]))
            _fields_used(value, found)
    elif isinstance(node, list):
        for item in node:
            _fields_used(item, found)
    return found


_CLAUSE_OPTIONS = {"distance", "distance_type", "field", "size", "boost", "include"}
_TYPES_FOR_CLAUSE = {
    "term": {"keyword"},
    "terms": {"keyword"},
    "range": {"integer", "date"},
    "exists": {"integer", "date", "geo_point", "keyword"},
    "gauss": {"geo_point"},
    "geo_distance": {"geo_point"},
}


def test_every_field_a_body_filters_on_is_mapped_with_a_fitting_type():
    criteria = located(
        text="tuin",
        max_distance_km=10,
        musts={"target_groups": ["vg"], "facilities": ["tuin", "lift"]},
        wishes=[
            Wish(name, codes.values[0]) for name, codes in taxonomy.RESIDENCE_CODE_LISTS.items()
        ],
        age=40,
        available_only=True,
        sort=Sort.AVAILABILITY,
    )
    body = queries.search_body(criteria, today=TODAY)
    types = _mapping_types()

    used = _fields_used(body, set())

    assert {name for _, name in used} >= {"location", "min_age", "free_places", "facilities"}
    for clause, name in used:
        assert types.get(name) in _TYPES_FOR_CLAUSE[clause], (clause, name)
    for sort in body["sort"]:
        for name in sort:
            assert name.startswith("_") or types[name] == "integer"


def test_every_weight_in_ranking_and_availability_reaches_the_compiled_query(
    monkeypatch, other_weights
):
    """Change every number the score is made of; the compiled query must follow each one."""
    new_points = OTHER_AVAILABILITY_POINTS
    monkeypatch.setattr(ranking, "AVAILABILITY_ORDER", tuple(reversed(ranking.AVAILABILITY_ORDER)))
    wishes = [
        Wish("facilities", taxonomy.Facility.GARDEN, Importance.VERY_IMPORTANT),
        Wish("environment", taxonomy.Environment.QUIET, Importance.NICE),
        Wish("support", taxonomy.Support.PRESENCE_24H, Importance.IMPORTANT),
    ]
    criteria = located(text="tuin", wishes=wishes, urgency=taxonomy.Urgency.NOW)

    body = queries.search_body(criteria, today=TODAY)

    functions = function_score(body)["functions"]
    assert functions[0] == {"weight": 1.5}
    wish_weights = {
        next(iter(f["filter"]["term"])): f["weight"]
        for f in functions
        if "term" in f.get("filter", {})
    }
    assert wish_weights == {"facilities": 6.5, "environment": 1.25, "support": 2.75}
    status_weights = [f["weight"] for f in functions_with_filter(body)][len(wishes) + 1 :]
    assert status_weights == [points * 3.0 for points in new_points.values()]
    (gauss,) = [f for f in functions if "gauss" in f]
    assert gauss["weight"] == 7.0
    assert gauss["gauss"]["location"]["scale"] == "25km"
    assert gauss["gauss"]["location"]["decay"] == 0.3
    assert functions[-1]["script_score"]["script"]["params"]["weight"] == 2.5
    thirty_days_before = "2025-01-30"
    assert f"'gte': '{thirty_days_before}'" in str(functions)
    assert "'lte': 8" in str(functions) and "'gt': 8" in str(functions)
    sort = queries.availability_sort(TODAY)["_script"]["script"]["params"]
    assert (sort["free"], sort["unknown"], sort["short_max_weeks"]) == (3, 0, 8)
