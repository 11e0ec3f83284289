"""Pages keep their costly parts in the cache ({% cache %} per page version and language), yet a
published change shows on the next view, and what belongs to one visitor (the shortlist button,
the CSRF token, messages) is never served to another."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import ContentPage
from residences.availability import Availability, update_availability
from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def residence(home_page):
    provider = publish_page(ProviderPageFactory(parent=home_page, title="Zorggroep De Linde"))
    page = ResidencePageFactory(parent=provider, title="Huize Eik", free_places=2, places=10)
    return publish_page(page)


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_change_to_a_content_page_shows_on_the_next_view(client, home_page):
    page = ContentPage(title="Over betalen", intro="De eigen bijdrage.")
    home_page.add_child(instance=page)
    publish_page(page)
    assert "De eigen bijdrage." in text(client, page.url)

    page.intro = "Wat u zelf betaalt."
    publish_page(page)

    html = text(client, page.url)
    assert "Wat u zelf betaalt." in html
    assert "De eigen bijdrage." not in html


def test_a_published_change_to_the_home_page_shows_on_the_next_view(client, home_page):
    text(client, "/")

    home_page.intro = "Een nieuwe introductie."
    publish_page(home_page)

    assert "Een nieuwe introductie." in text(client, "/")


def test_a_published_change_to_a_residence_shows_on_the_next_view(client, residence):
    assert "Huize Eik" in text(client, residence.url)

    residence.title = "Huize Eikenhof"
    residence.intro = "Kleinschalig wonen aan het park."
    publish_page(residence)

    html = text(client, residence.url)
    assert "<h1>Huize Eikenhof</h1>" in html
    assert "Kleinschalig wonen aan het park." in html


def test_new_availability_shows_on_the_next_view_even_without_a_publish(
    client, residence, admin_user
):
    assert "2 plaatsen vrij" in text(client, residence.url)
    # A draft waiting for moderation: the availability is written into the live version
    # without publishing the draft.
    residence.intro = "Nog niet goedgekeurd."
    residence.save_revision()

    update_availability(
        page=residence,
        user=admin_user,
        availability=Availability(
            free_places=5, waiting_weeks=None, confirmed_on=timezone.localdate()
        ),
    )

    html = text(client, residence.url)
    assert "5 plaatsen vrij" in html
    assert "Nog niet goedgekeurd." not in html


def test_a_renamed_provider_shows_on_its_residences_next_view(client, residence):
    assert "Zorggroep De Linde" in text(client, residence.url)

    provider = residence.get_parent().specific
    provider.title = "Zorggroep De Eik"
    publish_page(provider)

    html = text(client, residence.url)
    assert "Zorggroep De Eik" in html
    assert "Zorggroep De Linde" not in html


def test_a_provider_page_lists_a_newly_published_residence(client, residence):
    provider = residence.get_parent().specific
    assert "Huize Eik" in text(client, provider.url)

    publish_page(ResidencePageFactory(parent=provider, title="Huize Beuk"))

    assert "Huize Beuk" in text(client, provider.url)


def test_each_language_gets_its_own_fragments(client, residence):
    assert "Is er plaats?" in text(client, residence.url)

    html = text(client, f"/en{residence.url}")

    assert "Is er plaats?" not in html
    assert '<html lang="en">' in html


def test_a_second_view_of_a_residence_renders_from_the_cache(client, residence):
    text(client, residence.url)

    with CaptureQueriesContext(connection) as queries:
        assert "Huize Eik" in text(client, residence.url)

    assert not [q for q in queries if "residences_residencegalleryimage" in q["sql"]]


def test_the_shortlist_button_and_token_stay_each_visitors_own(residence):
    first, second = Client(), Client()
    text(first, residence.url)
    text(second, residence.url)  # the page's fragments are cached by now

    first.post("/zoeken/bewaarlijst/toevoegen/", {"residence": residence.pk, "next": residence.url})
    first_html, second_html = text(first, residence.url), text(second, residence.url)

    assert "Van bewaarlijst halen" in first_html
    assert "Van bewaarlijst halen" not in second_html
    assert ">Bewaren</button>" in second_html
    assert TOKEN.search(first_html)[1] != TOKEN.search(second_html)[1]


def test_a_message_is_shown_only_to_its_visitor(residence):
    first, second = Client(), Client()
    text(second, residence.url)

    response = first.post(
        "/zoeken/bewaarlijst/toevoegen/",
        {"residence": residence.pk, "next": residence.url},
        follow=True,
    )
    first_html = response.content.decode()

    assert 'class="messages"' in first_html
    assert 'class="messages"' not in text(second, residence.url)
