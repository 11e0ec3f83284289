"""Free text relevance on the database backend: SQLite FTS5 (bm25) or PostgreSQL (ts_rank).

What text matches is in the backend contract (test_backend_contract.py); here, how the
database's relevance enters the score.
"""

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
