"""Sharing a client with a colleague of the same organisation, explicitly, and only that."""

import pytest

from tests.workspace.conftest import make_professional, sign_in
from workspace.models import Client, Note, Professional, ShareLink


@pytest.fixture
def kept(professional):
    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="KL-5"
    )
    Note.objects.create(client=client, text="Alleen voor ons team.")
    return client


def test_a_colleague_sees_the_client_only_once_it_is_shared(client, professional, colleague, kept):
    url = f"/werkruimte/client/{kept.pk}/"
    sign_in(client, colleague)
    assert client.get(url).status_code == 404
    client.logout()

    sign_in(client, professional)
    colleague_profile = Professional.objects.get(user=colleague)
    response = client.post(url + "collega/", {"colleague": colleague_profile.pk}, follow=True)
    assert "Uw collega kan deze cliënt nu ook zien." in response.content.decode()
    client.logout()

    sign_in(client, colleague)
    assert "KL-5" in client.get("/werkruimte/").content.decode()
    page = client.get(url).content.decode()
    assert "Alleen voor ons team." in page
    assert "heeft deze cliënt met u gedeeld" in page
    client.post(url + "notitie/", {"text": "Collega was hier."})
    assert kept.notes.count() == 2
    # Deleting and sharing stay with the professional who keeps the client.
    assert client.post(url + "verwijderen/").status_code == 404
    assert client.post(url + "delen/").status_code == 404
    assert client.post(url + "collega/", {"colleague": colleague_profile.pk}).status_code == 404
    assert Client.objects.filter(pk=kept.pk).exists()
    assert not ShareLink.objects.exists()
    client.logout()

    sign_in(client, professional)
    client.post(url + f"collega/{colleague_profile.pk}/stoppen/")
    client.logout()
    sign_in(client, colleague)
    assert client.get(url).status_code == 404


def test_a_professional_of_another_organisation_cannot_be_chosen(
    client, professional, kept, wijkteam
):
    outsider = Professional.objects.get(user=make_professional("buiten", wijkteam))
    sign_in(client, professional)
    page = client.get(f"/werkruimte/client/{kept.pk}/").content.decode()
    assert "buiten@example.nl" not in page
    response = client.post(f"/werkruimte/client/{kept.pk}/collega/", {"colleague": outsider.pk})
    assert response.status_code == 400
    assert "Kies een collega van uw eigen organisatie" in response.content.decode()
    assert not kept.colleagues.exists()
