"""Relaxation suggestions: what dropping one condition or searching further would give."""

import pytest

from search.backends.database import DatabaseBackend
from search.criteria import Criteria
from search.selectors import relaxations
from tests.search.conftest import TODAY, make_document

pytestmark = pytest.mark.django_db

ROTTERDAM = {"place": "Rotterdam", "latitude": 51.9225, "longitude": 4.4792}


@pytest.fixture
def spread(index_documents):
    return index_documents(
        [
            make_document(1, latitude=51.9250, longitude=4.4800, facilities=["tuin"]),
            make_document(2, latitude=51.8450, longitude=4.3290),  # ~13 km
            make_document(3, latitude=51.8450, longitude=4.3300, facilities=["tuin"]),
            make_document(4, latitude=52.0800, longitude=4.3100, facilities=["tuin"]),  # ~20 km
            make_document(5, latitude=52.2000, longitude=4.6000),  # ~32 km
            make_document(6, latitude=51.9200, longitude=4.4700),
        ]
    )


def test_relaxations_count_what_a_larger_distance_or_dropping_a_must_gives(spread):
    criteria = Criteria.build(max_distance_km=10, musts={"facilities": ["tuin"]}, **ROTTERDAM)
    found = relaxations(criteria, DatabaseBackend(), today=TODAY)
    assert [(r.label, r.count) for r in found] == [
        ("3 woonlocaties als u ook verder dan 10 km zoekt (tot 25 km)", 3),
        ("2 woonlocaties als u ook verder dan 10 km zoekt (tot 15 km)", 2),
        ("2 woonlocaties zonder de eis 'Tuin'", 2),
    ]
    assert found[0].criteria.max_distance_km == 25
    assert "afstand=25" in found[0].url
    assert found[2].criteria.must("facilities") == ()


def test_no_suggestion_when_relaxing_gives_nothing_more(spread):
    criteria = Criteria.build(max_distance_km=100, **ROTTERDAM)
    assert relaxations(criteria, DatabaseBackend(), today=TODAY) == []


def test_age_and_availability_can_be_relaxed_too(index_documents):
    fresh = TODAY.isoformat()
    index_documents(
        [
            make_document(1, min_age=65, free_places=1, availability_confirmed_on=fresh),
            make_document(2, free_places=1, availability_confirmed_on=fresh),
            make_document(3),
        ]
    )
    criteria = Criteria.build(age=30, available_only=True)
    labels = [r.label for r in relaxations(criteria, DatabaseBackend(), today=TODAY)]
    assert labels == [
        "2 woonlocaties zonder de leeftijd",
        "2 woonlocaties als u ook kijkt naar woonlocaties met een wachtlijst",
    ]
