"""Free text on the database backend: SQLite FTS5 (prefix words) or PostgreSQL (Dutch stems)."""

import pytest

from search import ranking
from search.criteria import Criteria
from tests.search.conftest import TODAY, make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def texts(index_documents):
    return index_documents(
        [
            make_document(1, text="De Linde: kleinschalig wonen met een grote tuin aan het water"),
            make_document(2, text="Rozenhof, midden in de stad, met twee tuinen en een huiskamer"),
            make_document(3, text="Het Anker, appartementen met 24-uurszorg bij het station"),
            make_document(4, text="Zonnehuis: rustig wonen, tuin, tuin en nog eens een tuin"),
        ]
    )


def found(database_backend, text):
    return {m.document["id"] for m in database_backend.search(Criteria.build(text=text)).matches}


def test_text_finds_residences_with_the_word_and_its_plural(database_backend, texts):
    assert found(database_backend, "tuin") == {1, 2, 4}


def test_every_word_must_occur(database_backend, texts):
    assert found(database_backend, "tuin water") == {1}
    assert found(database_backend, "station tuin") == set()


def test_text_ignores_case_and_accents(database_backend, index_documents):
    index_documents([make_document(5, text="Café Zuidplein, een plek voor ontmoeting")])
    assert found(database_backend, "CAFE") == {5}


def test_text_relevance_is_between_zero_and_one_and_adds_to_the_score(database_backend, texts):
    criteria = Criteria.build(text="tuin")
    rows = list(
        database_backend.scored(criteria, today=TODAY).values("document", "relevance", "score")
    )
    assert rows
    for row in rows:
        assert 0 < row["relevance"] < 1
        expected = ranking.score(criteria, row["document"], TODAY, row["relevance"])
        assert row["score"] == pytest.approx(expected, abs=1e-6)


def test_text_with_no_words_in_it_does_not_filter(database_backend, texts):
    assert found(database_backend, "?!") == {1, 2, 3, 4}


def test_text_combines_with_must_conditions_and_facets(database_backend, index_documents):
    index_documents(
        [
            make_document(1, text="tuin", facilities=["tuin"]),
            make_document(2, text="tuin", facilities=["lift"]),
            make_document(3, text="station", facilities=["tuin"]),
        ]
    )
    result = database_backend.search(
        Criteria.build(text="tuin", musts={"facilities": ["tuin"]}), today=TODAY
    )
    assert [m.document["id"] for m in result.matches] == [1]
    counts = {value.code: value.count for value in result.facets["facilities"]}
    assert counts["tuin"] == 1 and counts["lift"] == 1
    assert result.total == 1
