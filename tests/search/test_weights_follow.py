"""Every number the score is made of lives in search/ranking.py and residences/availability.py.

Change them all, and each engine must follow without a code change of its own: the compiled
Elasticsearch query is checked in test_elasticsearch_queries.py; here the database computes,
over generated residences, exactly the score `ranking.score()` computes in Python.
"""

import pytest

from residences import taxonomy
from search import ranking, synthetic
from search.criteria import Criteria, Importance, Wish
from tests.search.conftest import TODAY

Status = ranking.Status


def test_the_database_follows_every_weight(other_weights, database_backend):
    documents = synthetic.documents(120, seed=11, today=TODAY)
    database_backend.rebuild(documents)
    criteria = Criteria.build(
        place="Rotterdam",
        latitude=51.9225,
        longitude=4.4792,
        urgency=taxonomy.Urgency.NOW,
        wishes=[
            Wish("facilities", taxonomy.Facility.GARDEN, Importance.VERY_IMPORTANT),
            Wish("environment", taxonomy.Environment.QUIET, Importance.NICE),
            Wish("support", taxonomy.Support.PRESENCE_24H, Importance.IMPORTANT),
        ],
    )

    result = database_backend.search(criteria, page_size=200, today=TODAY)

    assert result.total == len(documents)
    statuses = {ranking.document_availability(m.document, TODAY) for m in result.matches}
    assert statuses == set(Status)  # every availability weight takes part
    for match in result.matches:
        assert match.score == pytest.approx(ranking.score(criteria, match.document, TODAY))
