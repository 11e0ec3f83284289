import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from pages.models import HomePage, SiteSettings
from search.criteria import (
    DISTANCE_CHOICES_KM,
    QUICK_DEFAULT_DISTANCE_KM,
    QUICK_DISTANCE_CHOICES_KM,
)

pytestmark = pytest.mark.django_db


def test_home_page_offers_the_questionnaire_and_a_direct_search(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Help mij stap voor stap kiezen" in html
    assert "Direct zoeken" in html
    assert 'name="plaats"' in html
    assert '<select id="home-afstand" name="afstand"' in html


def test_direct_search_offers_distances_as_a_select_with_a_default(client, home_page):
    response = client.get("/")

    html = response.content.decode()
    select = html.split('<select id="home-afstand"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'value="(\d+)"', select) == [str(km) for km in QUICK_DISTANCE_CHOICES_KM]
    assert set(QUICK_DISTANCE_CHOICES_KM) <= set(DISTANCE_CHOICES_KM)  # the search accepts them
    assert f'value="{QUICK_DEFAULT_DISTANCE_KM}" selected' in select


def test_home_page_links_the_ways_in_by_their_url_names_once_registered(client, home_page):
    from pages.navigation import questionnaire_url, search_url

    html = client.get("/").content.decode()

    assert f'href="{questionnaire_url()}"' in html
    assert f'action="{search_url()}"' in html


def test_home_page_shows_the_independent_client_support_from_site_settings(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.support_name = "Cliëntondersteuning Zuid"
    settings.support_phone = "010 111 22 33"
    settings.save()

    html = client.get("/").content.decode()

    assert "Cliëntondersteuning Zuid" in html
    assert 'href="tel:0101112233"' in html


def test_home_page_renders_editor_texts_and_stream_blocks(client, demo_pages, home_page):
    home = HomePage.default_home()
    home.body = [("heading", {"text": "Nieuws uit de regio", "level": "h2"})]
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert "Zo werkt Woonvinder" in html
    assert home.intro in html
    assert "<h2>Nieuws uit de regio</h2>" in html


def test_every_page_has_a_skip_link_to_main_and_one_h1(client, demo_pages):
    for url in ["/", demo_pages["wat-is-de-wlz"].url, reverse("pages:site_search")]:
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#inhoud">' in html
        assert '<main id="inhoud"' in html
        assert html.count("<h1") == 1, url
