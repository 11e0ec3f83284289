"""Dutch comes first: the browser's language does not switch the site, the visitor's choice does."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_dutch(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    assert '<html lang="nl"' in response.content.decode()


def test_the_language_switch_gives_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-NL")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()
