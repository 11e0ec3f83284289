"""The search index holds nothing the database does not: deleting it and rebuilding restores it.

This is the data-safety promise of the README's backup section: restoring the database alone
(pg_dump) and running `search_index rebuild` gives visitors the very same results.
"""

import pytest
from django.core.management import call_command

from residences.demo.seed import seed_demo
from residences.taxonomy import Facility, TargetGroup
from search.backends import get_backend, get_backend_by_name
from search.criteria import Criteria, Importance, Sort, Wish
from search.models import SearchEntry
from tests.search.conftest import TODAY

pytestmark = pytest.mark.django_db


def searches() -> list[Criteria]:
    rotterdam, _ = Criteria.from_query({"plaats": ["Rotterdam"], "afstand": ["25"]})
    return [
        Criteria.build(),
        rotterdam,
        rotterdam.with_changes(
            wishes=[Wish("facilities", Facility.GARDEN, Importance.VERY_IMPORTANT)],
            sort=Sort.DISTANCE,
        ),
        Criteria.build(musts={"target_groups": [TargetGroup.ELDERLY_DEMENTIA]}),
        Criteria.build(text="tuin", sort=Sort.AVAILABILITY),
    ]


def snapshot() -> list:
    backend = get_backend()
    pages = []
    for criteria in searches():
        result = backend.search(criteria, today=TODAY, page_size=50)
        pages.append(
            (
                result.total,
                [(match.document["id"], round(match.score, 9)) for match in result.matches],
                {
                    name: [(v.code, v.count) for v in values]
                    for name, values in result.facets.items()
                },
            )
        )
    return pages


def test_deleting_the_index_and_rebuilding_finds_the_same_results():
    seed_demo(residences=60, providers=6)
    call_command("search_index", "rebuild")
    before = snapshot()
    assert before[0][0] == 60

    database_index = get_backend_by_name("database")
    database_index.delete(list(SearchEntry.objects.values_list("pk", flat=True)))
    assert not SearchEntry.objects.exists()
    assert get_backend().search(Criteria.build(), today=TODAY).total == 0

    call_command("search_index", "rebuild")
    assert snapshot() == before
