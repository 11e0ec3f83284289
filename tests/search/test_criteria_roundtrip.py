"""Criteria survive the trip through a query string, and no query string makes parsing fail."""

from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.criteria import URL_NAMES, Criteria
from tests.search.strategies import criteria

QUERY_KEYS = ["q", "plaats", "afstand", "wens", "leeftijd", "vrij", "urgentie", "sorteer", "pagina"]
QUERY_KEYS += list(URL_NAMES.values())

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(criteria())
def test_criteria_round_trip_through_the_query_string_is_lossless(original):
    parsed, notices = Criteria.from_query(QueryDict(original.to_query()))
    assert notices == []
    assert parsed == original
    assert parsed.to_query() == original.to_query()


@FAST
@given(
    st.dictionaries(
        st.sampled_from(QUERY_KEYS) | st.text(max_size=8),
        st.lists(st.text(max_size=40), max_size=4),
        max_size=8,
    )
)
def test_any_mix_of_known_and_unknown_parameters_parses_without_raising(query):
    parsed, notices = Criteria.from_query(query)
    assert isinstance(parsed, Criteria)
    assert all(isinstance(notice, str) for notice in notices)
    # Whatever survived parsing is itself a clean query that parses without notices.
    assert Criteria.from_query(QueryDict(parsed.to_query())) == (parsed, [])


@FAST
@given(st.text(max_size=200))
def test_a_malformed_raw_query_string_parses_without_raising(raw):
    parsed, notices = Criteria.from_query(QueryDict(raw))
    assert isinstance(parsed, Criteria)
    assert isinstance(notices, list)
