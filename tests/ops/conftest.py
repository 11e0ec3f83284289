"""Fixtures for the operations tests."""

import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture
def empty_cache():
    # Rate-limit counters and axes' caches live in the cache: every test starts from zero.
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(username="beheerder", superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
