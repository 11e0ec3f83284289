"""The professional's day over HTTP: invitation mail → password → login → TOTP set-up →
client → saved search → shortlist → requests to two residences on the client's behalf → the
provider sees theirs in the inbox and plans a visit → the client's page shows it → share link →
the client opens it → a new home shows as new."""

import re
import time

from django.core import mail
from django.test import Client as Browser
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from enquiries.models import Enquiry, Status
from residences.onboarding import create_provider
from tests.factories import ResidencePageFactory, UserFactory
from tests.workspace.conftest import DEMENTIA, current_code, dementia_address
from workspace.models import Client, SavedSearch

PASSWORD = "Zonnige-Dinsdag-2026!"


def invite_by_coordinator(client, organisation):
    from django.contrib.auth.models import Group

    from residences.roles import COORDINATOR_GROUP_NAME

    coordinator = UserFactory(
        username="coordinator", groups=[Group.objects.get_or_create(name=COORDINATOR_GROUP_NAME)[0]]
    )
    client.force_login(coordinator)
    form = client.get("/werkruimte/uitnodigen/")
    assert "Een professional uitnodigen" in form.content.decode()
    response = client.post(
        "/werkruimte/uitnodigen/",
        {"email": "j.jansen@mee.example.nl", "organisation": organisation.pk},
        follow=True,
    )
    assert "De uitnodiging is verstuurd." in response.content.decode()
    client.logout()


def test_the_professionals_day(client, mee, dementia_homes, django_capture_on_commit_callbacks):
    invite_by_coordinator(client, mee)

    # The invitation mail carries a one-time link to the workspace's own password page.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["j.jansen@mee.example.nl"]
    link = re.search(r"http://testserver(/werkruimte/wachtwoord/\S+/)", mail.outbox[0].body)[1]
    page = client.get(link, follow=True)
    assert "Kies een wachtwoord" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
        follow=True,
    )
    assert "Uw wachtwoord is ingesteld" in response.content.decode()
    assert "Deze link werkt niet" in client.get(link, follow=True).content.decode()

    # Log in: the password alone opens nothing; first the app is set up.
    response = client.post(
        "/werkruimte/inloggen/", {"username": "j.jansen@mee.example.nl", "password": PASSWORD}
    )
    assert response["Location"] == "/werkruimte/"
    response = client.get("/werkruimte/", follow=True)
    assert response.redirect_chain[-1][0] == "/werkruimte/inloggen/instellen/"
    page = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user__email="j.jansen@mee.example.nl")
    assert "Deze code klopt niet" in client.post(
        "/werkruimte/inloggen/instellen/", {"token": "000000"}
    ).content.decode()
    # django-otp makes the next try wait a second after a wrong code.
    assert "Te veel onjuiste codes" in client.post(
        "/werkruimte/inloggen/instellen/", {"token": current_code(device)}
    ).content.decode()
    time.sleep(1.1)
    codes_page = client.post(
        "/werkruimte/inloggen/instellen/", {"token": current_code(device)}
    ).content.decode()
    assert "Uw herstelcodes" in codes_page
    recovery = StaticToken.objects.filter(device__user=device.user)
    assert recovery.count() == 10
    assert all(token.token in codes_page for token in recovery)

    # Add a client under a code, save a search.
    response = client.post("/werkruimte/", {"label": "JdV-12"})
    client_page_url = response["Location"]
    response = client.post(
        client_page_url + "zoekopdracht/",
        {"name": "Dementie Rotterdam", "address": dementia_address()},
        follow=True,
    )
    page = response.content.decode()
    assert "Dementie Rotterdam" in page
    assert "3 woonlocaties passen nu" in page
    assert "Nieuw sinds u laatst keek" not in page

    # Shortlist the three homes.
    for home in dementia_homes:
        client.post(client_page_url + "bewaarlijst/toevoegen/", {"residence": home.pk})
    saved_client = Client.objects.get()
    assert sorted(saved_client.shortlist.values_list("residence_id", flat=True)) == sorted(
        home.pk for home in dementia_homes
    )

    # Ask two of them for an introduction on the client's behalf: the professional is the sender.
    form = client.get(client_page_url + "aanvraag/").content.decode()
    assert 'value="j.jansen@mee.example.nl"' in form and "MEE Rotterdam Rijnmond" in form
    asked, not_asked = dementia_homes[:2], dementia_homes[2]
    answers = {
        "residences": [home.pk for home in asked],
        "name": "Jan Jansen, MEE Rotterdam Rijnmond",
        "phone": "",
        "email": "j.jansen@mee.example.nl",
        "contact_way": "email",
        "contact_time": "maakt-niet-uit",
        "message": "Mijn cliënt wil graag komen kijken, het liefst met haar dochter.",
    }
    check = client.post(client_page_url + "aanvraag/", answers).content.decode()
    assert "Kloppen de gegevens?" in check and "het liefst met haar dochter" in check
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            client_page_url + "aanvraag/", {**answers, "versturen": "1"}, follow=True
        )
    page = response.content.decode()
    assert "De 2 aanvragen zijn verstuurd." in page
    sent_part = page.split('<h2 id="aanvragen">', 1)[1].split("<h2>Notities</h2>", 1)[0]
    assert all(home.title in sent_part for home in asked) and not_asked.title not in sent_part
    assert sent_part.count("<td>Nieuw</td>") == 2

    # The first home's provider gets an intake officer; they see the request in their inbox and
    # plan a visit; the client's page shows it.
    provider = asked[0].get_parent().specific
    intake = create_provider(
        name=provider.title, external_id=provider.external_id, editors_emails=["intake@a.example"]
    ).editors[0]
    assert intake.email == "intake@a.example"
    officer = Browser()
    officer.force_login(intake)
    inbox = officer.get(reverse("enquiries_inbox")).content.decode()
    assert asked[0].title in inbox and asked[1].title not in inbox
    request_for_first = Enquiry.objects.get(residence=asked[0])
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(
            reverse("enquiries_detail", args=[request_for_first.pk]),
            {"status": Status.VISIT_PLANNED},
        )
    page = client.get(client_page_url).content.decode()
    sent_part = page.split('<h2 id="aanvragen">', 1)[1].split("<h2>Notities</h2>", 1)[0]
    assert "Kennismaking gepland" in sent_part.split(asked[0].title, 1)[1].split("</tr>", 1)[0]
    assert "Nieuw" in sent_part.split(asked[1].title, 1)[1].split("</tr>", 1)[0]

    # Share: the link opens the shortlist and searches without an account.
    page = client.post(client_page_url + "delen/", follow=True).content.decode()
    share_url = re.search(r"http://testserver(/werkruimte/gedeeld/[^<\s]+/)", page)[1]
    client.logout()
    shared = client.get(share_url).content.decode()
    for home in dementia_homes:
        assert home.title in shared
    assert "Dementie Rotterdam" in shared
    assert "JdV-12" not in shared

    # A new home that fits is published; the professional sees it as new.
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = ResidencePageFactory(title="Huize Nieuwkomer", target_groups=[DEMENTIA])
    client.post(
        "/werkruimte/inloggen/", {"username": "j.jansen@mee.example.nl", "password": PASSWORD}
    )
    code_page = client.get("/werkruimte/", follow=True)
    assert code_page.redirect_chain[-1][0] == "/werkruimte/inloggen/code/"
    # A recovery code works once.
    client.post("/werkruimte/inloggen/code/", {"token": recovery.first().token})
    page = client.get(client_page_url).content.decode()
    assert "4 woonlocaties passen nu" in page
    new_part = page.split("Nieuw sinds u laatst keek", 1)[1].split("Resultaten bekijken", 1)[0]
    assert newcomer.title in new_part
    assert dementia_homes[0].title not in new_part

    # Looking at the results makes it seen.
    search = SavedSearch.objects.get()
    response = client.post(f"{client_page_url}zoekopdracht/{search.pk}/bekijken/")
    assert response["Location"].startswith("/zoeken/?")
    assert "Nieuw sinds u laatst keek" not in client.get(client_page_url).content.decode()


def test_a_home_that_gets_a_free_place_shows_as_new(
    signed_in, dementia_homes, django_capture_on_commit_callbacks
):
    from tests.factories import publish_page

    full = dementia_homes[1]
    with django_capture_on_commit_callbacks(execute=True):
        full.free_places = 0
        publish_page(full)
    response = signed_in.post("/werkruimte/", {"label": "AB"})
    url = response["Location"]
    signed_in.post(url + "zoekopdracht/", {"name": "Plek", "address": dementia_address()})
    assert "Nieuw sinds u laatst keek" not in signed_in.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        full.free_places = 2
        publish_page(full)
    page = signed_in.get(url).content.decode()
    new_part = page.split("Nieuw sinds u laatst keek", 1)[1].split("Resultaten bekijken", 1)[0]
    assert full.title in new_part
    assert dementia_homes[0].title not in new_part


def test_the_shortlist_made_while_searching_goes_to_the_client(signed_in, dementia_homes):
    for home in dementia_homes[:2]:
        signed_in.post("/zoeken/bewaarlijst/toevoegen/", {"residence": home.pk})
    url = signed_in.post("/werkruimte/", {"label": "OV-1"})["Location"]
    response = signed_in.post(url + "bewaarlijst/overnemen/", follow=True)
    page = response.content.decode()
    assert "2 woonlocaties van uw bewaarlijst overgenomen." in page
    shortlist = page.split("<h2>Bewaarlijst</h2>", 1)[1].split("<h2>Notities</h2>", 1)[0]
    assert dementia_homes[0].title in shortlist and dementia_homes[1].title in shortlist
    assert dementia_homes[2].title not in shortlist
    again = signed_in.post(url + "bewaarlijst/overnemen/", follow=True).content.decode()
    assert "0 woonlocaties van uw bewaarlijst overgenomen." in again
