"""The language switch is a link to the same page in the other language: Dutch at the addresses
it always had, English under /en/, with the query string kept (no form, no cookie)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page

pytestmark = pytest.mark.django_db

SWITCH = re.compile(r'<a class="language-switch__button" href="([^"]*)" hreflang="(\w+)"')


def switch(html: str) -> list[tuple[str, str]]:
    return SWITCH.findall(html)


def test_a_dutch_page_links_to_the_same_address_under_en(client, demo_pages):
    html = client.get("/zoeken-op-site/?q=wlz&page=1").content.decode()

    assert switch(html) == [("/en/zoeken-op-site/?q=wlz&amp;page=1", "en")]
    assert "<form" not in html.split('class="language-switch"', 1)[1].split("</div>", 1)[0]


def test_the_english_page_links_back_to_the_dutch_address(client, demo_pages):
    response = client.get("/en/zoeken-op-site/?q=wlz&page=1")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Search this website" in html
    assert switch(html) == [("/zoeken-op-site/?q=wlz&amp;page=1", "nl")]


@pytest.mark.parametrize(
    "dutch",
    ["/", "/vragenlijst/", "/vragenlijst/vraag/voor-wie/", "/zoeken/", "/zoeken/bewaarlijst/"],
)
def test_app_views_answer_in_both_languages_and_switch_between_them(client, home_page, dutch):
    english = "/en" + dutch
    dutch_response, english_response = client.get(dutch), client.get(english)

    assert dutch_response.status_code == english_response.status_code == 200
    assert dutch_response.headers["Content-Language"] == "nl"
    assert english_response.headers["Content-Language"] == "en"
    assert switch(dutch_response.content.decode()) == [(english, "en")]
    assert switch(english_response.content.decode()) == [(dutch, "nl")]


def test_a_wagtail_page_switches_to_the_same_page_and_links_stay_in_english(client, demo_pages):
    url = demo_pages["wat-is-de-wlz"].url
    dutch = client.get(url).content.decode()
    assert switch(dutch) == [(f"/en{url}", "en")]

    english = client.get(f"/en{url}").content.decode()
    assert switch(english) == [(url, "nl")]
    # The demo ships the page's English translation, at the same slug under /en/.
    assert "What is the Wlz?" in english
    assert "Wat is de Wlz?" not in english
    assert "Skip to content" in english
    assert 'href="/en/">Home</a>' in english


def test_a_residence_page_keeps_the_search_in_its_address_across_languages(client, home_page):
    provider = ProviderPageFactory(parent=home_page)
    url = publish_page(ResidencePageFactory(parent=provider, title="Huize Eik")).url

    html = client.get(f"/en{url}?plaats=Rotterdam&afstand=15").content.decode()

    assert "Huize Eik" in html
    assert switch(html) == [(f"{url}?plaats=Rotterdam&amp;afstand=15", "nl")]


def test_dutch_addresses_are_unchanged(client, home_page):
    assert reverse("search:results") == "/zoeken/"
    assert reverse("questionnaire:start") == "/vragenlijst/"
    assert reverse("pages:site_search") == "/zoeken-op-site/"
    with translation.override("en"):
        assert reverse("search:results") == "/en/zoeken/"
        assert reverse("questionnaire:start") == "/en/vragenlijst/"
    assert client.get("/nl/").status_code == 404


def test_djangos_language_form_still_sends_visitors_to_the_chosen_address(client, home_page):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/zoeken-op-site/?q=wlz"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/zoeken-op-site/?q=wlz"


def test_djangos_language_form_refuses_to_send_visitors_to_another_site(client, home_page):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_taxonomy_labels_are_translated_to_english():
    from residences.taxonomy import CareProfile, Facility, Financing, TargetGroup

    with translation.override("en"):
        assert str(TargetGroup.ELDERLY_DEMENTIA.label) == "Older people with dementia"
        assert str(Financing.PGB.label) == "Personal budget (pgb)"
        assert str(Facility.WHEELCHAIR.label) == "Wheelchair accessible"
        assert str(CareProfile.VV05.label) == "VV05 Protected living with intensive dementia care"
    with translation.override("nl"):
        assert str(TargetGroup.ELDERLY_DEMENTIA.label) == "Ouderen met dementie"
