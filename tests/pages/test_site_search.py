import json

import pytest
from django.urls import reverse

from pages.models import ContentPage
from pages.views import MAX_QUERY_LENGTH, RESULTS_PER_PAGE
from tests.factories import publish_page

pytestmark = pytest.mark.django_db


def search(client, **params):
    return client.get(reverse("pages:site_search"), params)


def test_site_search_lives_at_a_dutch_address():
    assert reverse("pages:site_search") == "/zoeken-op-site/"


def test_site_search_finds_content_pages_by_their_text(client, demo_pages):
    response = search(client, q="zorgprofiel")

    assert response.status_code == 200
    titles = [page.title for page in response.context["results"]]
    assert "Indicatie en zorgprofiel" in titles
    assert "Privacy" not in titles


def test_site_search_without_a_query_shows_only_the_form(client, demo_pages):
    response = search(client)

    assert response.status_code == 200
    assert response.context["results"] is None
    assert 'name="q"' in response.content.decode()


def test_site_search_says_so_in_dutch_when_nothing_matches(client, demo_pages):
    html = search(client, q="xylofoonorkest").content.decode()

    assert "0 resultaten voor ‘xylofoonorkest’" in html
    assert "We hebben niets gevonden" in html


def test_site_search_leaves_out_unpublished_pages(client, demo_pages):
    demo_pages["privacy"].unpublish()

    titles = [page.title for page in search(client, q="cookies").context["results"]]

    assert "Privacy" not in titles


def test_site_search_paginates_and_keeps_the_query(client, home_page):
    for number in range(RESULTS_PER_PAGE + 2):
        page = ContentPage(
            title=f"Logeren {number}",
            body=json.dumps([{"type": "paragraph", "value": "<p>Logeren in het weekend.</p>"}]),
        )
        home_page.add_child(instance=page)
        publish_page(page)

    first = search(client, q="logeren")
    second = search(client, q="logeren", page=2)

    assert len(first.context["results"]) == RESULTS_PER_PAGE
    assert len(second.context["results"]) == 2
    assert 'href="?q=logeren&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "999", "-1"])
def test_site_search_survives_a_bad_page_number(client, demo_pages, page_number):
    response = search(client, q="wlz", page=page_number)

    assert response.status_code == 200


def test_site_search_shortens_a_very_long_query_and_says_so(client, demo_pages):
    response = search(client, q="wlz " * 100)

    assert response.status_code == 200
    assert len(response.context["query"]) == MAX_QUERY_LENGTH
    assert "Uw zoekopdracht was erg lang" in response.content.decode()
