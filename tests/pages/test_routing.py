"""The home page finds a residence by its address in one query (pages/models.py HomePage.route),
and finds exactly what Wagtail's walk down the tree finds."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from pages import models as page_models
from pages.models import ContentPage
from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page

pytestmark = pytest.mark.django_db


def walk(home, components):
    """Wagtail's own routing, one level at a time."""
    try:
        return Page.route(home, RequestFactory().get("/"), components)
    except Http404:
        return None


def fast(home, components):
    try:
        return home.route(RequestFactory().get("/"), components)
    except Http404:
        return None


def found(result):
    return None if result is None else (type(result.page), result.page.pk, result.args)


@pytest.fixture
def tree(home_page):
    provider = ProviderPageFactory(title="Zorggroep Maas")
    draft_provider = ProviderPageFactory(title="Nog niet open", publish=False)
    pages = {
        "live": ResidencePageFactory(parent=provider, title="Huize Linde"),
        "draft": ResidencePageFactory(parent=provider, title="Huize Concept", publish=False),
        "under draft provider": ResidencePageFactory(parent=draft_provider, title="Huize Eik"),
        # The same slug under another provider: the address tells them apart.
        "same slug": ResidencePageFactory(parent=draft_provider, title="Huize Linde"),
    }
    section = ContentPage(title="Over wonen")
    home_page.add_child(instance=section)
    publish_page(section)
    child = ContentPage(title="Betalen")
    section.add_child(instance=child)
    publish_page(child)
    pages["content child"] = child
    return home_page.specific, pages


def test_every_address_routes_as_wagtails_walk_does(tree):
    home, pages = tree
    addresses = [page.url_path[len(home.url_path) :] for page in pages.values()]
    addresses += [
        "zorggroep-maas/bestaat-niet/",
        "bestaat-niet/huize-linde/",
        "zorggroep-maas/huize-linde/extra/",
        "zorggroep-maas/",
        "over-wonen/betalen/",
    ]
    for address in addresses:
        components = [part for part in address.split("/") if part]
        assert found(fast(home, components)) == found(walk(home, components)), address
    assert found(fast(home, ["zorggroep-maas", "huize-linde"]))[1] == pages["live"].pk
    assert fast(home, ["zorggroep-maas", "huize-concept"]) is None  # not live: 404


def test_moved_renamed_and_aliased_pages_route_as_the_walk_does(tree):
    home, pages = tree
    residence = pages["live"]
    other = ProviderPageFactory(title="Zorggroep Rijn")
    residence.slug = "huize-linde-nieuw"
    publish_page(residence)
    residence.refresh_from_db()
    residence.move(other, pos="last-child")
    content = pages["content child"]
    alias = content.create_alias(parent=content.get_parent(), update_slug="betalen-kopie")

    for address in [
        "zorggroep-rijn/huize-linde-nieuw/",
        "zorggroep-maas/huize-linde/",
        "zorggroep-maas/huize-linde-nieuw/",
        "over-wonen/betalen-kopie/",
    ]:
        components = [part for part in address.split("/") if part]
        assert found(fast(home, components)) == found(walk(home, components)), address
    assert found(fast(home, ["zorggroep-rijn", "huize-linde-nieuw"]))[1] == residence.pk
    assert found(fast(home, ["over-wonen", "betalen-kopie"]))[1] == alias.pk


def test_a_residence_is_found_in_one_query(tree):
    home, pages = tree
    components = ["zorggroep-maas", "huize-linde"]

    with CaptureQueriesContext(connection) as fast_queries:
        fast(home, components)
    with CaptureQueriesContext(connection) as walk_queries:
        walk(home, components)

    assert len(fast_queries) == 2  # the page, then its specific fields
    assert len(walk_queries) == 4


def test_a_page_type_with_its_own_routing_gets_wagtails_walk(tree, monkeypatch):
    home, pages = tree
    page_models._only_default_routing.cache_clear()
    monkeypatch.setattr(ContentPage, "route", lambda self, request, components: None)
    try:
        assert page_models._only_default_routing() is False
        with CaptureQueriesContext(connection) as queries:
            fast(home, ["zorggroep-maas", "huize-linde"])
        assert len(queries) == 4
    finally:
        monkeypatch.undo()
        page_models._only_default_routing.cache_clear()


def test_the_residence_page_serves_through_the_fast_route(client, tree):
    _home, pages = tree
    html = client.get(pages["live"].url).content.decode()
    assert "<h1>Huize Linde</h1>" in html
    assert "Zorggroep Maas" in html  # its provider, found by path
