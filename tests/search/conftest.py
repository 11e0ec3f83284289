"""Fixtures for the search tests: a database index backend and generated catalogues."""

from datetime import date

import pytest

from residences import availability, taxonomy
from search import ranking, synthetic
from search.backends import reset_backends
from search.backends.database import DatabaseBackend
from search.criteria import Importance

# A fixed day keeps availability (fresh or stale) the same in every run.
TODAY = date(2025, 6, 2)


@pytest.fixture(autouse=True)
def _fresh_backends():
    # Cached backend instances carry circuit-breaker state; no test inherits another's.
    reset_backends()
    yield
    reset_backends()


@pytest.fixture
def database_backend(db):
    return DatabaseBackend()


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def index_documents(database_backend):
    """Write documents straight into the database index; returns them as given."""

    def write(documents):
        database_backend.upsert(list(documents))
        return list(documents)

    return write


@pytest.fixture
def catalogue(index_documents):
    """150 generated residences in the database index (seeded: the same every run)."""
    return index_documents(synthetic.documents(150, seed=11, today=TODAY))


def make_document(page_id: int, **values) -> dict:
    """A plain residence document: everything empty unless given."""
    from residences import taxonomy

    document = {
        "id": page_id,
        "title": f"Woonlocatie {page_id}",
        "url": f"/aanbieder/woonlocatie-{page_id}/",
        "intro": "",
        "provider_id": 1,
        "provider_name": "Zorggroep",
        "provider_url": "/aanbieder/",
        "street_address": "",
        "postcode": "",
        "place": "Rotterdam",
        "municipality": "Rotterdam",
        "district": "",
        "latitude": 51.9225,
        "longitude": 4.4792,
        "min_age": None,
        "max_age": None,
        "places": 10,
        "group_size": None,
        "free_places": 0,
        "waiting_weeks": None,
        "availability_confirmed_on": None,
        "photo_url": "",
        "photo_alt": "",
        "text": f"Woonlocatie {page_id}",
        "last_published_at": "2025-05-01T10:00:00+00:00",
    }
    document.update({name: [] for name in taxonomy.RESIDENCE_CODE_LISTS})
    document.update(values)
    return document


def random_location(rng, distance_choices) -> dict:
    """For random-search tests: three times in four a point at a synthetic place (half of them
    moved a little) with a limit drawn from `distance_choices()`, else no location."""
    if rng.random() >= 0.75:
        return {}
    _, latitude, longitude = rng.choice(synthetic.PLACES)
    if rng.random() < 0.5:
        latitude += rng.uniform(-0.1, 0.1)
        longitude += rng.uniform(-0.15, 0.15)
    distance = rng.choice(distance_choices())
    return {"latitude": latitude, "longitude": longitude, "max_distance_km": distance}


OTHER_AVAILABILITY_POINTS = {
    ranking.Status.FREE: 5.0,
    ranking.Status.SHORT_WAIT: 3.0,
    ranking.Status.LONG_WAIT: 1.5,
    ranking.Status.UNKNOWN: 0.75,
}


@pytest.fixture
def other_weights(monkeypatch):
    """Every number the score is made of, changed: each engine must follow on its own."""
    monkeypatch.setattr(ranking, "BASE_SCORE", 1.5)
    for importance, points in {
        Importance.NICE: 1.25,
        Importance.IMPORTANT: 2.75,
        Importance.VERY_IMPORTANT: 6.5,
    }.items():
        monkeypatch.setitem(ranking.WISH_POINTS, importance, points)
    monkeypatch.setattr(ranking, "DISTANCE_WEIGHT", 7.0)
    monkeypatch.setattr(ranking, "DISTANCE_SCALE_KM", 25.0)
    monkeypatch.setattr(ranking, "DISTANCE_DECAY", 0.3)
    for status, value in OTHER_AVAILABILITY_POINTS.items():
        monkeypatch.setitem(ranking.AVAILABILITY_POINTS, status, value)
    monkeypatch.setitem(ranking.URGENCY_FACTOR, taxonomy.Urgency.NOW, 3.0)
    monkeypatch.setattr(availability, "SHORT_WAIT_MAX_WEEKS", 8)
    monkeypatch.setattr(availability, "STALE_AFTER_DAYS", 30)
    monkeypatch.setattr(ranking, "TEXT_WEIGHT", 2.5)
