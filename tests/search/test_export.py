"""FilterSet.qs: the plain set of residences a filtered list holds, for an export.

Both engines give at most base.EXPORT_LIMIT ids through `matching_ids`; Elasticsearch walks a
point in time for it (its from + size stops at 10,000, see test_elasticsearch_faults.py).
"""

import pytest

from residences import taxonomy
from residences.models import ResidencePage
from search.filters import ResidenceFilterSet
from search.indexing import rebuild_index
from tests.factories import ResidencePageFactory
from tests.search.fake_elasticsearch import FakeElasticsearch


@pytest.fixture
def residences(db):
    pages = {
        "vg": ResidencePageFactory(target_groups=["vg"]),
        "vg and lvb": ResidencePageFactory(target_groups=["vg", "lvb"]),
        "ggz": ResidencePageFactory(target_groups=["ggz"]),
    }
    rebuild_index()
    return pages


def test_the_filtersets_set_is_every_residence_passing_the_musts(residences):
    filterset = ResidenceFilterSet({"doelgroep": ["vg"]}, queryset=ResidencePage.objects.all())

    assert set(filterset.qs) == {residences["vg"], residences["vg and lvb"]}


def test_without_matches_the_set_is_empty(residences):
    nobody = taxonomy.TargetGroup.ELDERLY_DEMENTIA.value
    filterset = ResidenceFilterSet({"doelgroep": [nobody]}, queryset=ResidencePage.objects.all())

    assert not filterset.qs.exists()


def test_with_elasticsearch_the_set_comes_from_a_point_in_time(residences, settings):
    server = FakeElasticsearch()
    url = server.serve()
    wanted = residences["ggz"].pk
    server.on("POST", "/woonvinder-residences/_pit", lambda request: (200, {"id": "pit-1"}))
    server.on(
        "POST",
        "/_search",
        lambda request: (200, {"hits": {"hits": [{"_source": {"id": wanted}, "sort": [1, 1]}]}}),
    )
    server.on("DELETE", "/_pit", lambda request: (200, {"succeeded": True}))
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX = "woonvinder-residences"
    try:
        filterset = ResidenceFilterSet({}, queryset=ResidencePage.objects.all())
        found = list(filterset.qs)
    finally:
        server.close()

    assert found == [residences["ggz"]]
    assert server.paths() == ["/woonvinder-residences/_pit", "/_search", "/_pit"]
