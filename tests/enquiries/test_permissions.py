"""Who may do what with requests in the admin, over HTTP: roles × actions × provider A or B.

Contents are for the residence's own provider only. Coordinators and superusers see the
regional overview (counts, timeliness, the access log) and never a request's contents. Any
cell not listed in EXPECTED must be refused: a 404 (the request "does not exist" for this
user), a 403, or Wagtail's redirect to the login or to the dashboard.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from enquiries.models import AccessLog, Enquiry, Status
from tests.enquiries.conftest import SECRET_MESSAGE, SECRET_NAME, store_enquiry
from tests.factories import UserFactory
from tests.residences.conftest import is_refusal

ACTIONS = ("list", "filter", "open", "change")
EXPECTED = {
    "anonymous": {"A": set(), "B": set(), "overview": False},
    "editor_a": {"A": set(ACTIONS), "B": set(), "overview": False},
    "editor_b": {"A": set(), "B": set(ACTIONS), "overview": False},
    "coordinator": {"A": set(), "B": set(), "overview": True},
    "superuser": {"A": set(), "B": set(), "overview": True},
}


@pytest.fixture
def world(client, provider_a, provider_b, coordinator):
    return {
        "providers": {"A": provider_a, "B": provider_b},
        "enquiries": {
            "A": store_enquiry(provider_a.residence),
            "B": store_enquiry(provider_b.residence),
        },
        "users": {
            "anonymous": None,
            "editor_a": provider_a.editor,
            "editor_b": provider_b.editor,
            "coordinator": coordinator,
            "superuser": UserFactory(username="beheerder", superuser=True),
        },
    }


def perform(client, action, enquiry, provider) -> bool:
    """Whether the action succeeded for this request; asserts a clean refusal otherwise."""
    if action in ("list", "filter"):
        query = f"?woonlocatie={provider.residence.pk}" if action == "filter" else ""
        response = client.get(reverse("enquiries_inbox") + query)
        if response.status_code != 200:
            assert is_refusal(response), response.status_code
            return False
        return str(enquiry.pk) in response.content.decode()
    url = reverse("enquiries_detail", args=[enquiry.pk])
    if action == "open":
        response = client.get(url)
        if response.status_code == 200:
            return SECRET_NAME in response.content.decode()
        assert is_refusal(response), response.status_code
        return False
    response = client.post(url, {"status": Status.IN_PROGRESS})
    changed = Enquiry.objects.get(pk=enquiry.pk).status == Status.IN_PROGRESS
    if not changed:
        assert is_refusal(response), response.status_code
    Enquiry.objects.filter(pk=enquiry.pk).update(status=Status.NEW, picked_up_at=None)
    return changed


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    for letter in ("A", "B"):
        enquiry = world["enquiries"][letter]
        provider = world["providers"][letter]
        for action in ACTIONS:
            allowed = perform(client, action, enquiry, provider)
            assert allowed == (action in EXPECTED[role][letter]), (role, letter, action)
    overview = client.get(reverse("enquiries_overview"))
    assert (overview.status_code == 200) == EXPECTED[role]["overview"], role
    if overview.status_code == 200:
        page = overview.content.decode()
        assert "Zorggroep A" in page and "Zorggroep B" in page
        assert SECRET_NAME not in page and escape(SECRET_MESSAGE) not in page


@pytest.mark.django_db
def test_another_providers_residence_as_filter_lists_nothing(client, world):
    client.force_login(world["users"]["editor_a"])
    other_residence = world["providers"]["B"].residence.pk
    page = client.get(f"{reverse('enquiries_inbox')}?woonlocatie={other_residence}").content
    assert str(world["enquiries"]["B"].pk) not in page.decode()
    assert str(world["enquiries"]["A"].pk) not in page.decode()
    for status in Status.values:
        listed = client.get(f"{reverse('enquiries_inbox')}?status={status}").content.decode()
        assert str(world["enquiries"]["B"].pk) not in listed


@pytest.mark.django_db
def test_a_coordinator_who_also_edits_a_provider_reads_only_that_providers_requests(
    client, world
):
    coordinator = world["users"]["coordinator"]
    coordinator.groups.add(world["providers"]["A"].group)
    client.force_login(coordinator)
    own, other = world["enquiries"]["A"], world["enquiries"]["B"]
    assert client.get(reverse("enquiries_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("enquiries_detail", args=[other.pk])).status_code == 404


@pytest.mark.django_db
def test_opening_and_changing_are_logged_and_shown_to_coordinators(client, world):
    editor = world["users"]["editor_a"]
    enquiry = world["enquiries"]["A"]
    client.force_login(editor)
    client.get(reverse("enquiries_detail", args=[enquiry.pk]))
    client.post(reverse("enquiries_detail", args=[enquiry.pk]), {"status": Status.IN_PROGRESS})
    assert list(
        AccessLog.objects.filter(enquiry=enquiry).values_list("user__username", "action")
    ) == [(editor.username, "gewijzigd"), (editor.username, "geopend")]
    client.force_login(world["users"]["coordinator"])
    page = client.get(reverse("enquiries_overview")).content.decode()
    assert editor.get_full_name() in page and "Geopend" in page and "Status gewijzigd" in page
    # Listing the inbox is not opening a request.
    client.force_login(editor)
    client.get(reverse("enquiries_inbox"))
    assert AccessLog.objects.filter(enquiry=enquiry).count() == 2


# Asking the coordinators in, per request: who may read it in each state of the invitation.
# "shared" is the coordinator's read-only page; the editors keep their own page as before.
INVITATION_STATES = ("not_invited", "invited", "withdrawn")
MAY_READ_SHARED = {
    "anonymous": set(),
    "editor_a": set(),
    "editor_b": set(),
    "coordinator": {"invited"},
    "superuser": set(),
}


def bring_into_state(client, world, state):
    """Provider A's editor invites (and withdraws) over HTTP, as in the inbox."""
    enquiry = world["enquiries"]["A"]
    if state == "not_invited":
        return enquiry
    client.force_login(world["users"]["editor_a"])
    response = client.post(
        reverse("enquiries_invite_coordinators", args=[enquiry.pk]),
        {"note": "We vinden geen plek die past; denk mee."},
    )
    assert response.status_code == 302
    if state == "withdrawn":
        response = client.post(reverse("enquiries_withdraw_coordinators", args=[enquiry.pk]))
        assert response.status_code == 302
    client.logout()
    return enquiry


@pytest.mark.django_db
@pytest.mark.parametrize("state", INVITATION_STATES)
@pytest.mark.parametrize("role", list(MAY_READ_SHARED))
def test_coordinators_read_a_request_only_while_its_provider_asks_them_in(
    client, world, role, state
):
    enquiry = bring_into_state(client, world, state)
    other = world["enquiries"]["B"]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("enquiries_shared_detail", args=[enquiry.pk]))
    may_read = state in MAY_READ_SHARED[role]
    if may_read:
        assert response.status_code == 200
        page = response.content.decode()
        assert SECRET_NAME in page and escape(SECRET_MESSAGE) in page
        assert "denk mee" in page
        # Read-only: no status form, no invitation controls, and a post changes nothing.
        assert "Wijzig de status" not in page and "Trek het meekijken in" not in page
        client.post(
            reverse("enquiries_shared_detail", args=[enquiry.pk]), {"status": Status.PLACED}
        )
        assert Enquiry.objects.get(pk=enquiry.pk).status == Status.NEW
    else:
        assert is_refusal(response), (role, state, response.status_code)
    # The editors' own page stays theirs: an invitation does not open it to the coordinator.
    own_page = client.get(reverse("enquiries_detail", args=[enquiry.pk]))
    assert (own_page.status_code == 200) == (role == "editor_a"), (role, state)
    # Never the other provider's request, which nobody asked the coordinators to read.
    assert is_refusal(client.get(reverse("enquiries_shared_detail", args=[other.pk])))
    if role in ("coordinator", "superuser"):
        overview = client.get(reverse("enquiries_overview")).content.decode()
        link = reverse("enquiries_shared_detail", args=[enquiry.pk])
        assert (link in overview) == may_read, (role, state)
        assert SECRET_NAME not in overview


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "editor_b", "coordinator", "superuser"])
def test_only_the_providers_own_editors_can_ask_in_or_withdraw(client, world, role):
    enquiry = world["enquiries"]["A"]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    invite = client.post(
        reverse("enquiries_invite_coordinators", args=[enquiry.pk]), {"note": ""}
    )
    assert is_refusal(invite), (role, invite.status_code)
    assert not Enquiry.objects.get(pk=enquiry.pk).coordinators_invited
    # Provider A asks in; nobody else can withdraw it.
    bring_into_state(client, world, "invited")
    if user is not None:
        client.force_login(user)
    withdraw = client.post(reverse("enquiries_withdraw_coordinators", args=[enquiry.pk]))
    assert is_refusal(withdraw), (role, withdraw.status_code)
    assert Enquiry.objects.get(pk=enquiry.pk).coordinators_invited


@pytest.mark.django_db
def test_asking_in_and_withdrawing_are_shown_and_logged_and_each_reading_is_logged(
    client, world
):
    editor, coordinator = world["users"]["editor_a"], world["users"]["coordinator"]
    enquiry = world["enquiries"]["A"]
    client.force_login(editor)
    detail = reverse("enquiries_detail", args=[enquiry.pk])
    page = client.get(detail).content.decode()
    assert "Vraag de coördinator mee te kijken" in page
    response = client.post(
        reverse("enquiries_invite_coordinators", args=[enquiry.pk]),
        {"note": "Plaatsing loopt vast."},
        follow=True,
    )
    page = response.content.decode()
    assert "De coördinator kan deze aanvraag nu lezen" in page
    assert "Plaatsing loopt vast." in page and "Trek het meekijken in" in page
    assert "Coördinator kijkt mee" in client.get(reverse("enquiries_inbox")).content.decode()

    client.force_login(coordinator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Een zorgaanbieder vraagt u mee te kijken met 1 aanvraag." in dashboard
    shared = reverse("enquiries_shared_detail", args=[enquiry.pk])
    client.get(shared)
    client.get(shared)
    overview = client.get(reverse("enquiries_overview")).content.decode()
    assert "Coördinator gevraagd mee te kijken" in overview

    client.force_login(editor)
    response = client.post(
        reverse("enquiries_withdraw_coordinators", args=[enquiry.pk]), follow=True
    )
    assert "De coördinator kan deze aanvraag niet meer lezen." in response.content.decode()
    client.force_login(coordinator)
    assert client.get(shared).status_code == 404
    assert "mee te kijken met" not in client.get(reverse("wagtailadmin_home")).content.decode()
    log = list(
        AccessLog.objects.filter(enquiry=enquiry)
        .order_by("at", "id")
        .values_list("user__username", "action")
    )
    # The editor's openings include the page shown again after each button.
    assert log == [
        (editor.username, "geopend"),
        (editor.username, "meekijken-gevraagd"),
        (editor.username, "geopend"),
        (coordinator.username, "geopend"),
        (coordinator.username, "geopend"),
        (editor.username, "meekijken-ingetrokken"),
        (editor.username, "geopend"),
    ]
    stored = Enquiry.objects.get(pk=enquiry.pk)
    assert stored.coordinators_note == "" and stored.coordinators_invited_by is None


@pytest.mark.django_db
def test_a_too_long_note_gets_a_dutch_message_and_nothing_is_shared(client, world):
    enquiry = world["enquiries"]["A"]
    client.force_login(world["users"]["editor_a"])
    response = client.post(
        reverse("enquiries_invite_coordinators", args=[enquiry.pk]), {"note": "x" * 501}
    )
    assert response.status_code == 200
    assert "Schrijf een toelichting van hoogstens 500 tekens." in response.content.decode()
    assert not Enquiry.objects.get(pk=enquiry.pk).coordinators_invited
