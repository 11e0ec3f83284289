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
