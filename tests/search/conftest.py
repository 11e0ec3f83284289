"""Fixtures for the search tests: a database index backend and generated catalogues."""

from datetime import date

import pytest

from search import synthetic
from search.backends import reset_backends
from search.backends.database import DatabaseBackend

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
