"""Dutch comes first: the address decides the language (English under /en/), not the browser's
Accept-Language header nor an old language cookie."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_dutch(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


def test_a_language_cookie_does_not_change_a_dutch_address(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "nl"


def test_the_english_address_gives_english(client):
    response = client.get("/en/", HTTP_ACCEPT_LANGUAGE="nl-NL")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()
