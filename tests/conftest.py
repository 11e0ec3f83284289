"""Shared fixtures. Factories live in tests/factories.py."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Each test writes uploads and generated photos to its own folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home_page(db):
    from pages.models import HomePage

    return HomePage.default_home()


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test's database starts from scratch; so must the cache that holds what came from it
    # (menus, facet counts, rendered fragments).
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request under /en/ leaves English active in the test's thread (LocaleMiddleware
    activates the address's language): start the next test in Dutch."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


# Two onboarded providers and the coordinator who moderates both: the residences' permission
# matrix and the enquiries' inbox both test against this one world.
@pytest.fixture
def provider_a(db):
    from tests.residences.conftest import make_provider

    return make_provider("A")


@pytest.fixture
def provider_b(db):
    from tests.residences.conftest import make_provider

    return make_provider("B")


@pytest.fixture
def coordinator(provider_a, provider_b):
    from django.contrib.auth.models import Group

    from residences.roles import COORDINATOR_GROUP_NAME
    from tests.factories import UserFactory

    return UserFactory(
        username="coordinator", groups=[Group.objects.get(name=COORDINATOR_GROUP_NAME)]
    )
