"""The link a client opens without an account: read-only, expiring, revocable, rate-limited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from workspace import links
from workspace.models import Client, Professional, ShareLink


@pytest.fixture
def shared_client(professional, dementia_homes):
    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="ZZ-9"
    )
    for home in dementia_homes[:2]:
        client.shortlist.create(residence_id=home.pk)
    return client


def url_for(link):
    return f"/werkruimte/gedeeld/{links.token_for(link)}/"


def test_the_link_shows_the_shortlist_read_only(client, shared_client, dementia_homes):
    link = ShareLink.objects.create(client=shared_client)
    page = client.get(url_for(link)).content.decode()
    assert dementia_homes[0].title in page and dementia_homes[1].title in page
    assert dementia_homes[2].title not in page
    assert "ZZ-9" not in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_tampered_link_gives_a_dutch_message(client, shared_client):
    link = ShareLink.objects.create(client=shared_client)
    token = links.token_for(link)
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    response = client.get(f"/werkruimte/gedeeld/{tampered}/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    assert "ZZ-9" not in response.content.decode()


def test_an_expired_link_gives_a_dutch_message(client, shared_client, settings):
    link = ShareLink.objects.create(
        client=shared_client, created_at=timezone.now() - timedelta(days=31)
    )
    response = client.get(url_for(link))
    assert response.status_code == 404
    assert "De link is verlopen, ingetrokken" in response.content.decode()


def test_a_revoked_link_stops_working(signed_in, shared_client, dementia_homes):
    signed_in.post(f"/werkruimte/client/{shared_client.pk}/delen/")
    link = ShareLink.objects.get()
    url = url_for(link)
    assert dementia_homes[0].title in signed_in.get(url).content.decode()
    signed_in.post(f"/werkruimte/client/{shared_client.pk}/delen/{link.pk}/intrekken/")
    response = signed_in.get(url)
    assert response.status_code == 404
    assert dementia_homes[0].title not in response.content.decode()


def test_guessing_links_is_rate_limited(client, settings, db):
    settings.RATE_LIMITS = {"/werkruimte/gedeeld/": (5, 60)}
    statuses = [client.get(f"/werkruimte/gedeeld/gok{n}/").status_code for n in range(7)]
    assert statuses[:5] == [404] * 5
    assert statuses[5:] == [429, 429]
