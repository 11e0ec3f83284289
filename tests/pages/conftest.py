"""Fixtures for the site shell tests: the demo content pages on the migrated home page."""

import pytest

from pages.demo import create_demo_content


@pytest.fixture
def demo_pages(home_page):
    """The six Dutch information pages, live, with navigation and footer filled in."""
    return {page.slug: page for page in create_demo_content(home_page)}
