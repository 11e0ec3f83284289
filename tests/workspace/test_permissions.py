"""Who sees which client, over HTTP: only the professional who keeps them. A colleague in the
same organisation does not until the client is explicitly shared (test_colleagues.py); provider
editors, coordinators, superusers and a session without a verified second factor never do."""

import pytest
from django.contrib.auth.models import Group

from residences.roles import COORDINATOR_GROUP_NAME
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.residences.conftest import make_provider
from tests.workspace.conftest import make_professional, sign_in
from workspace.models import Client, Note, Professional, SavedSearch, ShareLink

SECRET_LABEL = "QX-777"
SECRET_NOTE = "Woont nu bij haar zoon in Delfshaven."


@pytest.fixture
def kept_client(professional, dementia_homes):
    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label=SECRET_LABEL
    )
    Note.objects.create(client=client, text=SECRET_NOTE)
    search = SavedSearch.objects.create(
        client=client, name="Zoek", query="", seen_ids=[], seen_free_ids=[]
    )
    client.shortlist.create(residence_id=dementia_homes[0].pk)
    link = ShareLink.objects.create(client=client)
    return client, search, link


def addresses(kept):
    client, search, link = kept
    base = f"/werkruimte/client/{client.pk}/"
    return [
        ("get", base),
        ("get", base + "export/"),
        ("get", base + "verwijderen/"),
        ("post", base + "verwijderen/"),
        ("post", base + "zoekopdracht/"),
        ("post", base + f"zoekopdracht/{search.pk}/bekijken/"),
        ("post", base + f"zoekopdracht/{search.pk}/verwijderen/"),
        ("post", base + "bewaarlijst/toevoegen/"),
        ("post", base + "bewaarlijst/verwijderen/"),
        ("post", base + "notitie/"),
        ("post", base + "delen/"),
        ("post", base + f"delen/{link.pk}/intrekken/"),
    ]


def call(client, method, url):
    return getattr(client, method)(url, {"residence": 1, "text": "x", "name": "x", "address": "x"})


def assert_nothing_shown_or_changed(client, kept, expected_statuses):
    for method, url in addresses(kept):
        response = call(client, method, url)
        assert response.status_code in expected_statuses, (method, url, response.status_code)
        assert SECRET_LABEL not in response.content.decode()
        assert SECRET_NOTE not in response.content.decode()
    client_row, search, link = kept
    client_row.refresh_from_db()
    assert client_row.notes.count() == 1
    assert SavedSearch.objects.filter(pk=search.pk).exists()
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None


def test_the_professional_sees_their_own_client(signed_in, kept_client):
    client_row, _search, _link = kept_client
    page = signed_in.get(f"/werkruimte/client/{client_row.pk}/").content.decode()
    assert SECRET_LABEL in page and SECRET_NOTE in page
    assert SECRET_LABEL in signed_in.get("/werkruimte/").content.decode()


def test_a_colleague_of_the_same_organisation_does_not_see_an_unshared_client(
    client, kept_client, colleague
):
    sign_in(client, colleague)
    assert SECRET_LABEL not in client.get("/werkruimte/").content.decode()
    assert_nothing_shown_or_changed(client, kept_client, {404})


def test_a_professional_of_another_organisation_never_sees_them(client, kept_client, wijkteam):
    sign_in(client, make_professional("wijkteamer", wijkteam))
    assert_nothing_shown_or_changed(client, kept_client, {404})


def test_provider_editors_and_coordinators_never_see_clients(client, kept_client):
    provider = make_provider("A")
    coordinator = UserFactory(
        username="coordinator", groups=[Group.objects.get(name=COORDINATOR_GROUP_NAME)]
    )
    superuser = UserFactory(username="beheer", superuser=True)
    for user in (provider.editor, coordinator, superuser):
        client.force_login(user)
        assert client.get("/werkruimte/").status_code == 403
        assert_nothing_shown_or_changed(client, kept_client, {403})
        client.logout()
        # Nor can they use the workspace's login.
        response = client.post(
            "/werkruimte/inloggen/", {"username": user.username, "password": DEFAULT_PASSWORD}
        )
        assert "hoort niet bij de werkruimte" in response.content.decode()


def test_without_the_second_factor_the_professional_sees_nothing(
    client, professional, kept_client
):
    client.post(
        "/werkruimte/inloggen/", {"username": professional.username, "password": DEFAULT_PASSWORD}
    )
    for method, url in addresses(kept_client):
        response = call(client, method, url)
        assert response.status_code == 302
        assert response["Location"] == "/werkruimte/inloggen/code/"
    assert_nothing_shown_or_changed(client, kept_client, {302})


def test_anonymous_visitors_are_sent_to_the_login(client, kept_client):
    for method, url in addresses(kept_client):
        response = call(client, method, url)
        assert response.status_code == 302
        assert response["Location"].startswith("/werkruimte/inloggen/?next=")


def test_only_coordinators_invite(client, professional, mee):
    client.force_login(professional)
    assert client.get("/werkruimte/uitnodigen/").status_code == 403
    provider = make_provider("B")
    client.force_login(provider.editor)
    assert client.post(
        "/werkruimte/uitnodigen/", {"email": "x@example.nl", "organisation": mee.pk}
    ).status_code == 403


def test_a_coordinator_cannot_turn_an_existing_account_into_a_professional(client, mee):
    provider = make_provider("C")
    coordinator = UserFactory(
        username="coordinator", groups=[Group.objects.get(name=COORDINATOR_GROUP_NAME)]
    )
    client.force_login(coordinator)
    response = client.post(
        "/werkruimte/uitnodigen/", {"email": provider.editor.email, "organisation": mee.pk}
    )
    assert "Er bestaat al een account met dit e-mailadres" in response.content.decode()
    assert not Professional.objects.filter(user=provider.editor).exists()


def test_wrong_passwords_lock_the_workspace_login(client, professional, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _attempt in range(3):
        client.post("/werkruimte/inloggen/", {"username": professional.username, "password": "x"})
    response = client.post(
        "/werkruimte/inloggen/", {"username": professional.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429
