import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    yield
    translation.activate("nl")


def test_every_page_offers_a_language_switch_that_returns_to_the_same_address(client, demo_pages):
    html = client.get("/zoeken-op-site/?q=wlz&page=1").content.decode()

    assert f'action="{reverse("set_language")}" method="post"' in html
    assert 'name="next" value="/zoeken-op-site/?q=wlz&amp;page=1"' in html
    assert 'name="language" value="en" lang="en"' in html


def test_switching_to_english_keeps_the_visitors_place_and_query(client, demo_pages):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/zoeken-op-site/?q=wlz&page=1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/zoeken-op-site/?q=wlz&page=1"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Search this website" in html
    assert 'value="nl" lang="nl"' in html


def test_english_keeps_editorial_content_dutch(client, demo_pages):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = client.get(demo_pages["wat-is-de-wlz"].url).content.decode()

    assert "Wat is de Wlz?" in html
    assert "Skip to content" in html


def test_language_switch_refuses_to_send_visitors_to_another_site(client, home_page):
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
