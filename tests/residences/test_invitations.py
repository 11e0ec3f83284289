"""A new provider editor gets in: invitation mail, one-time link, own password, login, work.

Everything happens over HTTP as the people involved do it: the superuser onboards in the admin,
the editor reads the mail, follows the link, chooses a password, logs in, edits one of the
provider's residences and submits it for the coordinators' review.
"""

import re
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from residences.models import ProviderPage, ResidencePage
from residences.onboarding import WORKFLOW_NAME
from tests.factories import ResidencePageFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "zonnige-dijk-42-Rotterdam"
LINK = re.compile(r"http://testserver(/admin/password_reset/confirm/\S+/)")


def the_link(message) -> str:
    links = set(LINK.findall(message.body))
    assert len(links) == 1, message.body
    return links.pop()


def onboard_in_admin(client, superuser, email="jan@example.nl"):
    client.force_login(superuser)
    response = client.post(
        reverse("residences_onboard_provider"),
        {"name": "Zorggroep Maas", "region": "rotterdam", "editors": email, "publish": "on"},
    )
    assert response.status_code == 302
    client.logout()
    return ProviderPage.objects.get(title="Zorggroep Maas")


def choose_password(client, link, password=NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    assert "Kies je wachtwoord" in form_page.content.decode()
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )


def test_a_new_editor_is_invited_sets_a_password_logs_in_and_submits_a_residence(
    client, superuser
):
    provider = onboard_in_admin(client, superuser)
    residence = ResidencePageFactory(parent=provider, title="Huize Maaszicht")

    [message] = mail.outbox
    assert message.to == ["jan@example.nl"]
    assert message.subject == "Uitnodiging voor Woonvinder / Invitation to Woonvinder"
    assert message.body.index("Beste redacteur") < message.body.index("Dear editor")
    assert "Zorggroep Maas" in message.body
    assert "De link werkt één keer en is 3 dagen geldig." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = the_link(message)
    assert f'href="http://testserver{link}"' in html

    editor = Client()
    form_page = editor.get(link, follow=True)
    page = form_page.content.decode()
    assert "Kies je wachtwoord" in page
    assert "Je gebruikersnaam is jan@example.nl." in page

    mismatch = editor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    )
    assert mismatch.status_code == 200
    assert "De twee wachtwoordvelden komen niet overeen." in mismatch.content.decode()

    done = editor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("wagtailadmin_password_reset_complete")

    login = editor.post(
        reverse("wagtailadmin_login"), {"username": "jan@example.nl", "password": NEW_PASSWORD}
    )
    assert (login.status_code, login["Location"]) == (302, reverse("wagtailadmin_home"))

    edit_url = reverse("wagtailadmin_pages:edit", args=[residence.pk])
    data = querydict_from_html(editor.get(edit_url).content.decode(), form_id="page-edit-form")
    data = data.copy()
    data["title"] = "Huize Maaszicht aan de rivier"
    data["action-submit"] = "action-submit"
    submitted = editor.post(edit_url, data)
    assert submitted.status_code == 302

    residence = ResidencePage.objects.get(pk=residence.pk)
    state = residence.current_workflow_state
    assert state.status == "in_progress"
    assert state.workflow.name == WORKFLOW_NAME
    assert state.requested_by.email == "jan@example.nl"
    assert residence.get_latest_revision_as_object().title == "Huize Maaszicht aan de rivier"

    # The link has done its work: a second use is refused, in Dutch.
    again = Client().get(link, follow=True).content.decode()
    assert "Deze link werkt niet meer" in again
    assert "De link is verlopen of al gebruikt" in again
    assert "Kies je wachtwoord" not in again


def test_an_expired_invitation_link_is_refused_in_dutch(client, superuser, settings):
    onboard_in_admin(client, superuser)
    link = the_link(mail.outbox[0])
    # A link issued this second is past a timeout of -1 s, as a three-day timeout is past for a
    # link issued three days and a second ago: the token check is the same subtraction.
    settings.PASSWORD_RESET_TIMEOUT = -1

    page = Client().get(link, follow=True).content.decode()

    assert "Deze link werkt niet meer" in page
    assert "De link is verlopen of al gebruikt" in page
    assert "Vraag de regiocoördinator om een nieuwe uitnodiging." in page
    assert not get_user_model().objects.get(email="jan@example.nl").has_usable_password()


def test_the_command_invites_new_editors_once(capsys):
    call_command("onboard_provider", "Zorggroep Maas", "--editor", "jan@example.nl")
    call_command("onboard_provider", "Zorggroep Maas", "--editor", "jan@example.nl")

    assert [message.to for message in mail.outbox] == [["jan@example.nl"]]
    assert "Redacteur: jan@example.nl (uitnodiging verstuurd)" in capsys.readouterr().out


def test_an_existing_account_added_to_a_provider_gets_no_invitation(provider_a):
    mail.outbox.clear()
    call_command(
        "onboard_provider", "Zorggroep Maas", "--editor", provider_a.editor.email
    )

    assert mail.outbox == []


# Resending ------------------------------------------------------------------------------------

INVITATIONS_URL = "/admin/aanbieders/uitnodigingen/"


@pytest.fixture
def pending(provider_a):
    """A second editor of provider A who has not chosen a password yet."""
    from residences.onboarding import onboard_provider

    mail.outbox.clear()
    result = onboard_provider(name="Zorggroep A", editors_emails=["nieuw@example.nl"])
    [user] = result.invited
    return user


def test_a_coordinator_resends_an_invitation_and_only_the_new_link_works(
    client, coordinator, pending
):
    old_link = the_link(mail.outbox[0])
    client.force_login(coordinator)

    listing = client.get(INVITATIONS_URL).content.decode()
    assert "nieuw@example.nl" in listing
    assert "Zorggroep A" in listing
    # Editors who have a password are not waiting for an invitation.
    assert "redacteur-a@example.nl" not in listing

    response = client.post(INVITATIONS_URL, {"user": pending.pk}, follow=True)
    page = response.content.decode()
    assert "Nieuwe uitnodiging verstuurd naar nieuw@example.nl." in page
    assert len(mail.outbox) == 2
    new_link = the_link(mail.outbox[1])
    assert new_link != old_link

    assert "Deze link werkt niet meer" in Client().get(old_link, follow=True).content.decode()
    done = choose_password(Client(), new_link)
    assert done.status_code == 302
    assert Client().login(username="nieuw@example.nl", password=NEW_PASSWORD)


def test_a_superuser_may_resend_too(client, superuser, pending):
    client.force_login(superuser)

    client.post(INVITATIONS_URL, {"user": pending.pk})

    assert len(mail.outbox) == 2


def test_editors_may_not_see_or_resend_invitations(client, provider_a, provider_b, pending):
    client.force_login(provider_b.editor)

    listing = client.get(INVITATIONS_URL)
    resend = client.post(INVITATIONS_URL, {"user": pending.pk})

    for response in (listing, resend):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert len(mail.outbox) == 1
    assert "Uitnodigingen" not in client.get("/admin/").content.decode()


def test_an_editor_with_a_password_is_pointed_to_password_reset(client, coordinator, provider_a):
    mail.outbox.clear()
    client.force_login(coordinator)

    page = client.post(
        INVITATIONS_URL, {"user": provider_a.editor.pk}, follow=True
    ).content.decode()

    assert "heeft al een wachtwoord" in page
    assert "Wachtwoord vergeten" in page
    assert mail.outbox == []
    provider_a.editor.refresh_from_db()
    assert provider_a.editor.check_password("correct-horse-battery-staple")


def test_invitations_go_only_to_provider_editors(client, coordinator, superuser):
    mail.outbox.clear()
    superuser.set_unusable_password()
    superuser.save()
    client.force_login(coordinator)

    page = client.post(INVITATIONS_URL, {"user": superuser.pk}, follow=True).content.decode()

    assert "Dit account is geen redacteur van een zorgaanbieder." in page
    assert mail.outbox == []


def test_a_resend_for_an_unknown_account_says_so(client, coordinator):
    client.force_login(coordinator)

    page = client.post(INVITATIONS_URL, {"user": "²"}, follow=True)

    assert page.status_code == 200
    assert "Kies een redacteur uit de lijst." in page.content.decode()


def test_the_admin_says_who_was_invited(client, superuser):
    client.force_login(superuser)

    response = client.post(
        reverse("residences_onboard_provider"),
        {"name": "Zorggroep Maas", "region": "rotterdam", "editors": "jan@example.nl"},
        follow=True,
    )

    assert "Uitnodiging verstuurd naar: jan@example.nl." in response.content.decode()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_that_refuses_leaves_the_editor_for_a_resend(
    settings, capsys, client, coordinator
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()

    call_command("onboard_provider", "Zorggroep Maas", "--editor", "jan@example.nl")

    assert "de uitnodiging kon niet worden verstuurd" in capsys.readouterr().err
    editor = get_user_model().objects.get(email="jan@example.nl")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    client.force_login(coordinator)
    assert "jan@example.nl" in client.get(INVITATIONS_URL).content.decode()
    client.post(INVITATIONS_URL, {"user": editor.pk})
    assert [message.to for message in mail.outbox] == [["jan@example.nl"]]
