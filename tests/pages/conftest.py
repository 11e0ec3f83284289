"""Fixtures for the site shell tests: the demo content pages on the migrated home page."""

import pytest
from django.utils import translation

from pages.demo import create_demo_content


@pytest.fixture
def demo_pages(home_page):
    """The six Dutch information pages, live, with navigation and footer filled in."""
    return {page.slug: page for page in create_demo_content(home_page)}


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    """A request under /en/ leaves English active in the test's thread: start the next in Dutch."""
    yield
    translation.activate("nl")
