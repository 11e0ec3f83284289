import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.models import Site

from pages.blocks import CallToActionBlock, LinkBlock, validate_link_url
from pages.models import ContentPage, NavigationSettings
from tests.factories import ImageFactory, publish_page

pytestmark = pytest.mark.django_db


def content_page(home, **fields):
    page = ContentPage(title=fields.pop("title", "Over betalen"), **fields)
    home.add_child(instance=page)
    return publish_page(page)


def test_content_page_renders_every_block_type(client, home_page):
    image = ImageFactory(title="woonkamer.jpg", description="Woonkamer met grote ramen")
    body = [
        {"type": "heading", "value": {"text": "Een tussenkop", "level": "h3"}},
        {"type": "paragraph", "value": "<p>Gewone <b>tekst</b>.</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Zonnige woonkamer", "decorative": False},
                "caption": "De woonkamer van Huize Rozenhof",
            },
        },
        {"type": "quote", "value": {"text": "Hier voel ik mij thuis.", "attribution": "Bewoner"}},
        {
            "type": "faq",
            "value": {
                "title": "Vragen",
                "items": [{"question": "Mag mijn kat mee?", "answer": "<p>Soms wel.</p>"}],
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "Zoek een plek",
                "text": "",
                "link_page": None,
                "link_url": "/zoeken/",
                "link_text": "Direct zoeken",
            },
        },
    ]
    page = content_page(home_page, intro="Alles over betalen.", body=json.dumps(body))

    html = client.get(page.url).content.decode()

    assert "<h1>Over betalen</h1>" in html
    assert "<h3>Een tussenkop</h3>" in html
    assert "<b>tekst</b>" in html
    assert 'alt="Zonnige woonkamer"' in html
    assert "<figcaption>De woonkamer van Huize Rozenhof</figcaption>" in html
    assert "<blockquote><p>Hier voel ik mij thuis.</p></blockquote>" in html
    assert "<summary>Mag mijn kat mee?</summary>" in html
    assert '<a class="button" href="/zoeken/">Direct zoeken</a>' in html


def test_content_page_has_breadcrumbs_from_home_to_itself(client, home_page):
    parent = content_page(home_page, title="Betalen")
    child = ContentPage(title="Eigen bijdrage")
    parent.add_child(instance=child)
    publish_page(child)

    html = client.get(child.url).content.decode()

    assert 'aria-label="Kruimelpad"' in html
    assert '<a href="/">Home</a>' in html
    assert f'<a href="{parent.url}">Betalen</a>' in html
    assert '<span aria-current="page">Eigen bijdrage</span>' in html


def test_home_page_has_no_breadcrumbs(client, home_page):
    assert 'aria-label="Kruimelpad"' not in client.get("/").content.decode()


def test_demo_pages_are_live_and_readable(client, demo_pages):
    assert set(demo_pages) == {
        "wat-is-de-wlz",
        "indicatie-en-zorgprofiel",
        "zorg-in-natura-vpt-mpt-en-pgb",
        "onafhankelijke-clientondersteuning",
        "toegankelijkheidsverklaring",
        "privacy",
        "over-woonvinder",
    }
    for page in demo_pages.values():
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_demo_content_can_run_twice_without_duplicates(home_page, demo_pages):
    from pages.demo import create_demo_content

    again = create_demo_content(home_page)

    assert [page.pk for page in again] == [page.pk for page in demo_pages.values()]
    assert ContentPage.objects.filter(locale__language_code="nl").count() == 7
    assert ContentPage.objects.filter(locale__language_code="en").count() == 5


def test_main_menu_and_footer_come_from_the_navigation_settings(client, demo_pages):
    html = client.get("/").content.decode()

    assert 'aria-label="Hoofdmenu"' in html
    assert f'href="{demo_pages["wat-is-de-wlz"].url}">Wat is de Wlz?</a>' in html
    statement = demo_pages["toegankelijkheidsverklaring"]
    assert f'href="{statement.url}">Toegankelijkheidsverklaring</a>' in html
    assert '>Zo rangschikken wij</a>' in html
    assert '>Bewaarlijst</a>' in html


def test_empty_menu_falls_back_to_the_ways_in_and_pages_shown_in_menus(client, home_page):
    page = content_page(home_page, title="Over ons", show_in_menus=True)

    html = client.get(page.url).content.decode()

    assert '>Stap voor stap kiezen</a>' in html
    assert '>Direct zoeken</a>' in html
    assert f'href="{page.url}" aria-current="page">Over ons</a>' in html


def test_menu_links_to_unpublished_pages_are_left_out(client, home_page):
    hidden = content_page(home_page, title="Concept")
    hidden.unpublish()
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_links = json.dumps(
        [
            {"type": "link", "value": {"text": "Concept", "link_page": hidden.pk, "link_url": ""}},
            {"type": "link", "value": {"text": "Zoeken", "link_page": None, "link_url": "/z/"}},
        ]
    )
    navigation.save()

    html = client.get("/").content.decode()

    assert ">Concept</a>" not in html
    assert 'href="/z/">Zoeken</a>' in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example"])
def test_links_refuse_script_and_foreign_protocol_relative_addresses(url):
    with pytest.raises(ValidationError):
        validate_link_url(url)


@pytest.mark.parametrize("url", ["/vragenlijst/", "https://www.ciz.nl", "mailto:a@b.nl"])
def test_links_accept_site_paths_and_ordinary_links(url):
    validate_link_url(url)


@pytest.mark.parametrize("block", [LinkBlock(), CallToActionBlock()])
def test_a_link_needs_a_page_or_an_address(block):
    value = block.to_python(
        {"text": "Zoeken", "title": "Zoeken", "link_text": "Ga", "link_page": None, "link_url": ""}
    )
    with pytest.raises((StructBlockValidationError, StreamBlockValidationError)):
        block.clean(value)
