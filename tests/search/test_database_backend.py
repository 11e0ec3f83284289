"""The database backend against the Python reference in search.ranking, over a generated catalogue.

Each property runs many generated Criteria over the same 150 generated residences: filtering
never lets a non-matching residence through (and never drops a matching one), the SQL score
equals ranking.score() row by row, the order is the contract's, and facet counts are the real
counts.
"""

import pytest
from hypothesis import HealthCheck, given, settings

from residences import taxonomy
from search import ranking
from search.backends.base import reference_sort_key
from tests.search.conftest import TODAY
from tests.search.strategies import criteria

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def reference_matches(search_criteria, documents):
    """Residences the contract says match, in Python (musts, age, distance, available_only)."""
    found = []
    for document in documents:
        if not ranking.meets_musts(search_criteria, document):
            continue
        status = ranking.document_availability(document, TODAY)
        if search_criteria.available_only and status != ranking.Status.FREE:
            continue
        found.append(document)
    return found


def scored_rows(backend, search_criteria):
    return list(backend.scored(search_criteria, today=TODAY).values("document", "score"))


@pytest.mark.django_db
@PROPERTY
@given(search_criteria=criteria(with_text=False, with_page=False))
def test_must_conditions_never_let_a_non_matching_residence_through(
    database_backend, catalogue, search_criteria
):
    found = {row["document"]["id"] for row in scored_rows(database_backend, search_criteria)}
    expected = {document["id"] for document in reference_matches(search_criteria, catalogue)}
    assert found == expected
    assert database_backend.count(search_criteria, today=TODAY) == len(expected)


@pytest.mark.django_db
@PROPERTY
@given(search_criteria=criteria(with_text=False, with_page=False))
def test_database_score_equals_the_python_reference_for_every_row(
    database_backend, catalogue, search_criteria
):
    for row in scored_rows(database_backend, search_criteria):
        expected = ranking.score(search_criteria, row["document"], TODAY)
        assert row["score"] == pytest.approx(expected, abs=1e-6)


@pytest.mark.django_db
@PROPERTY
@given(search_criteria=criteria(with_text=False, with_page=False))
def test_results_come_in_the_contract_order(database_backend, catalogue, search_criteria):
    rows = scored_rows(database_backend, search_criteria)
    found = [row["document"]["id"] for row in rows]

    def key(document):
        # Rounded so float noise between SQL and Python cannot reorder equal scores.
        score = round(ranking.score(search_criteria, document, TODAY), 9)
        return reference_sort_key(search_criteria, document, score, TODAY)

    expected = [d["id"] for d in sorted((row["document"] for row in rows), key=key)]
    assert found == expected


@pytest.mark.django_db
@PROPERTY
@given(search_criteria=criteria(with_text=False, with_page=False))
def test_facet_counts_equal_the_real_counts_ignoring_each_lists_own_selection(
    database_backend, catalogue, search_criteria
):
    result = database_backend.search(search_criteria, today=TODAY)
    assert result.total == len(reference_matches(search_criteria, catalogue))
    for list_name in taxonomy.RESIDENCE_CODE_LISTS:
        widened = search_criteria.without_must(list_name)
        pool = reference_matches(widened, catalogue)
        expected = {
            code: sum(1 for document in pool if code in document[list_name])
            for code in taxonomy.RESIDENCE_CODE_LISTS[list_name].values
        }
        counted = {value.code: value.count for value in result.facets[list_name]}
        assert counted == expected, list_name
        selected = {value.code for value in result.facets[list_name] if value.selected}
        assert selected == set(search_criteria.must(list_name))


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(search_criteria=criteria(with_text=False, with_page=False))
def test_every_match_carries_the_explanation_from_ranking(
    database_backend, catalogue, search_criteria
):
    result = database_backend.search(search_criteria, today=TODAY)
    for match in result.matches:
        assert match.explanation == ranking.explain(search_criteria, match.document, TODAY)
        assert match.score == pytest.approx(
            ranking.score(search_criteria, match.document, TODAY), abs=1e-6
        )
