"""The menus are cached (a query per linked page otherwise) and follow every change at once."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from pages.models import ContentPage, NavigationSettings
from tests.factories import publish_page

pytestmark = pytest.mark.django_db


def content_page(home, title, **fields):
    page = ContentPage(title=title, **fields)
    home.add_child(instance=page)
    return publish_page(page)


def navigation_queries(client, url="/") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "pages_navigationsettings" in q["sql"]]


def test_a_second_page_view_builds_no_menu(client, demo_pages):
    assert navigation_queries(client)

    assert navigation_queries(client, demo_pages["wat-is-de-wlz"].url) == []


def test_current_page_is_marked_per_request_not_cached(client, demo_pages):
    page = demo_pages["wat-is-de-wlz"]
    client.get("/")

    html = client.get(page.url).content.decode()

    assert f'href="{page.url}" aria-current="page">Wat is de Wlz?</a>' in html


def test_a_newly_published_menu_page_shows_at_once(client, home_page):
    client.get("/")  # fills the cache

    page = content_page(home_page, "Over ons", show_in_menus=True)

    assert f'href="{page.url}">Over ons</a>' in client.get("/").content.decode()


def test_an_unpublished_or_deleted_page_leaves_the_menu_at_once(client, home_page):
    first = content_page(home_page, "Eerste", show_in_menus=True)
    second = content_page(home_page, "Tweede", show_in_menus=True)
    assert ">Eerste</a>" in client.get("/").content.decode()

    first.unpublish()
    second.delete()

    html = client.get("/").content.decode()
    assert ">Eerste</a>" not in html
    assert ">Tweede</a>" not in html


def main_menu(html: str) -> str:
    return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


def test_saving_the_navigation_settings_changes_the_menu_at_once(client, demo_pages):
    assert ">Bewaarlijst</a>" in main_menu(client.get("/").content.decode())

    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_links = json.dumps(
        [{"type": "link", "value": {"text": "Nieuw", "link_page": None, "link_url": "/nieuw/"}}]
    )
    navigation.save()

    menu = main_menu(client.get("/").content.decode())
    assert 'href="/nieuw/">Nieuw</a>' in menu
    assert ">Bewaarlijst</a>" not in menu


def test_each_language_has_its_own_menu(client, home_page):
    assert ">Stap voor stap kiezen</a>" in client.get("/").content.decode()

    html = client.get("/en/").content.decode()

    assert ">Stap voor stap kiezen</a>" not in html
    assert ">Choose step by step</a>" in html


def test_the_editors_menu_links_to_the_english_addresses_in_english(client, demo_pages):
    dutch_url = demo_pages["wat-is-de-wlz"].url
    menu = main_menu(client.get("/en/").content.decode())

    assert 'href="/en/vragenlijst/">Choose step by step</a>' in menu
    assert f'href="/en{dutch_url}"' in menu
    assert 'href="/vragenlijst/"' not in menu


def test_site_settings_follow_an_editors_change(client, home_page):
    from pages.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    support = SiteSettings.for_site(site)
    client.get("/vragenlijst/vraag/voor-wie/")

    support.support_name = "Cliëntondersteuning Oost"
    support.footer_text = "Een dienst van de regio"
    support.save()

    html = client.get("/vragenlijst/vraag/voor-wie/").content.decode()
    assert "Neem contact op met Cliëntondersteuning Oost" in html
    assert "Een dienst van de regio" in html


def test_pages_outside_the_page_tree_find_no_site_once_their_shell_is_cached(client, home_page):
    """Menus and footer are kept per host name: the results and the questionnaire, which
    Wagtail does not route, need no query for the Site on every view."""
    for url in ("/zoeken/?plaats=Rotterdam", "/vragenlijst/"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q for q in queries if "wagtailcore_site" in q["sql"]], url
