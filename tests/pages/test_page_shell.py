"""The page shell (header, footer, the questionnaire's help box): every page marks its own current
link, each language has its own shell, and every change to content or settings shows at once."""

import re

import pytest
from wagtail.models import Site

from pages.models import ContentPage, SiteSettings
from tests.factories import publish_page

pytestmark = pytest.mark.django_db

STEP = "/vragenlijst/vraag/voor-wie/"
CURRENT = re.compile(r'href="([^"]+)" aria-current="page"')


def content_page(home, title, **fields):
    page = ContentPage(title=title, **fields)
    home.add_child(instance=page)
    return publish_page(page)


def part(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def main_menu(html: str) -> str:
    return part(html, '<nav class="site-nav"', "</nav>")


def footer(html: str) -> str:
    return part(html, '<footer class="site-footer">', "</footer>")


def test_the_header_marks_the_current_link_of_each_page(client, home_page):
    pages = [STEP, "/zoeken/", "/zoeken/bewaarlijst/", "/vragenlijst/", "/", STEP]
    current = [CURRENT.findall(main_menu(client.get(path).content.decode())) for path in pages]

    # The shortlist sits below the search's address, but it is not the search.
    assert current == [
        ["/vragenlijst/"],
        ["/zoeken/"],
        [],
        ["/vragenlijst/"],
        ["/"],
        ["/vragenlijst/"],
    ]


def test_the_english_header_marks_the_english_links(client, home_page):
    pages = ["/en/vragenlijst/", "/en/", "/en/zoeken/"]
    current = [CURRENT.findall(main_menu(client.get(path).content.decode())) for path in pages]

    assert current == [["/en/vragenlijst/"], ["/en/"], ["/en/zoeken/"]]


def test_the_footer_marks_its_current_link(client, demo_pages):
    privacy = demo_pages["privacy"].url

    on_privacy = footer(client.get(privacy).content.decode())
    on_step = footer(client.get(STEP).content.decode())

    assert CURRENT.findall(on_privacy) == [privacy]
    assert f'href="{privacy}"' in on_step
    assert CURRENT.findall(on_step) == []


def test_a_page_published_into_the_menu_shows_at_once_on_questionnaire_pages(client, home_page):
    client.get(STEP)
    client.get(STEP)

    page = content_page(home_page, "Over ons", show_in_menus=True)
    assert f'href="{page.url}">Over ons</a>' in main_menu(client.get(STEP).content.decode())

    page.unpublish()
    assert ">Over ons</a>" not in client.get(STEP).content.decode()


def test_site_settings_show_at_once_in_the_footer_and_help_box(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    client.get(STEP)

    settings.contact_email = "vragen@woonvinder.example"
    settings.support_name = "Het Steunpunt"
    settings.save()

    html = client.get(STEP).content.decode()
    assert 'href="mailto:vragen@woonvinder.example"' in footer(html)
    assert "Neem contact op met Het Steunpunt" in html


def test_each_language_has_its_own_shell(client, home_page):
    for _ in range(2):
        dutch_html = client.get(STEP).content.decode()
        english_html = client.get("/en" + STEP).content.decode()
        assert ">Stap voor stap kiezen</a>" in dutch_html
        assert ">Choose step by step</a>" in english_html
        assert "Hulp nodig bij het kiezen?" in dutch_html
        assert "Need help choosing?" in english_html
