"""Requests a professional sends on a client's behalf: chosen from the client's shortlist, sent
through the requests app's own forms and service with the professional as sender, seen by each
provider in its inbox, and followed on the client's page."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from enquiries.models import Enquiry, Role, Status
from tests.workspace.conftest import make_professional, sign_in
from workspace.models import Client, ClientRequest, Professional, ShortlistItem

SENDER = {
    "name": "Sam de Vries, MEE Rotterdam Rijnmond",
    "phone": "010 123 45 67",
    "email": "ondersteuner@example.nl",
    "website": "",
    "contact_way": "email",
    "contact_time": "ochtend",
    "message": "Ik zoek voor mijn cliënt een plek dicht bij haar dochter.",
    # Sent from the check page ("Aanvragen versturen"); without it the check page is shown.
    "versturen": "1",
}


@pytest.fixture
def kept(professional, provider_a, provider_b):
    """A client with both providers' published homes on the shortlist."""
    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="JdV-12"
    )
    for residence in (provider_a.residence, provider_b.residence):
        ShortlistItem.objects.create(client=client, residence_id=residence.pk)
    return client


def request_url(client) -> str:
    return reverse("workspace:send_request", args=[client.pk])


def client_url(client) -> str:
    return reverse("workspace:client", args=[client.pk])


def requests_part(page: str) -> str:
    return page.split('<h2 id="aanvragen">', 1)[1].split("<h2>Notities</h2>", 1)[0]


def test_the_form_is_prefilled_with_the_professional_as_sender(signed_in, kept, provider_a):
    page = signed_in.get(client_url(kept)).content.decode()
    assert f'href="{request_url(kept)}"' in page
    form = signed_in.get(request_url(kept)).content.decode()
    assert "Vraag een kennismaking aan" in form
    assert 'value="Sam de Vries' in form and "MEE Rotterdam Rijnmond" in form
    assert 'value="ondersteuner@example.nl"' in form
    assert "Huis A" in form and "Huis B" in form
    # The role is not asked: the professional is the sender.
    assert "Voor wie vraagt u een kennismaking aan?" not in form
    # Without wishes stored with the client there is no consent to give.
    assert "toestemming" not in form
    chosen = signed_in.get(f"{request_url(kept)}?residences={provider_a.residence.pk}")
    assert f'value="{provider_a.residence.pk}" checked' in chosen.content.decode()


def test_requests_to_two_residences_reach_each_provider_and_show_their_status(
    signed_in, kept, provider_a, provider_b, django_capture_on_commit_callbacks
):
    mail.outbox.clear()  # onboarding mailed the editors
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            request_url(kept),
            {"residences": [provider_a.residence.pk, provider_b.residence.pk], **SENDER},
        )
    assert response.status_code == 302
    assert response["Location"] == client_url(kept) + "#aanvragen"
    sent = Enquiry.objects.order_by("residence__title")
    assert [enquiry.residence.title for enquiry in sent] == ["Huis A", "Huis B"]
    assert {enquiry.role for enquiry in sent} == {Role.PROFESSIONAL}
    assert {enquiry.email for enquiry in sent} == {"ondersteuner@example.nl"}
    assert {enquiry.wishes for enquiry in sent} == {None}
    assert set(kept.requests.values_list("enquiry", flat=True)) == {e.pk for e in sent}
    # The professional gets the requests app's mail with the private status link.
    assert [message.to for message in mail.outbox] == [["ondersteuner@example.nl"]]
    assert "JdV-12" not in mail.outbox[0].body

    page = signed_in.get(client_url(kept)).content.decode()
    assert page.count("De 2 aanvragen zijn verstuurd.") == 1  # once, not in two layouts
    part = requests_part(page)
    assert "Huis A" in part and "Huis B" in part
    assert part.count("<td>Nieuw</td>") == 2

    editor_a = Browser()
    editor_a.force_login(provider_a.editor)
    inbox = editor_a.get(reverse("enquiries_inbox")).content.decode()
    assert "Huis A" in inbox and "Huis B" not in inbox
    own = sent.get(residence=provider_a.residence)
    detail = editor_a.get(reverse("enquiries_detail", args=[own.pk])).content.decode()
    assert "MEE Rotterdam Rijnmond" in detail
    assert "JdV-12" not in detail
    with django_capture_on_commit_callbacks(execute=True):
        editor_a.post(reverse("enquiries_detail", args=[own.pk]), {"status": Status.VISIT_PLANNED})
        editor_b = Browser()
        editor_b.force_login(provider_b.editor)
        other = sent.get(residence=provider_b.residence)
        editor_b.post(
            reverse("enquiries_detail", args=[other.pk]),
            {"status": Status.CLOSED, "closed_reason": "geen-plek"},
        )
    part = requests_part(signed_in.get(client_url(kept)).content.decode())
    assert "Kennismaking gepland" in part.split("Huis A", 1)[1].split("</tr>", 1)[0]
    assert "Afgesloten: geen plek" in part.split("Huis B", 1)[1].split("</tr>", 1)[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"residences": []}, "Kies minstens één woonlocatie."),
        ({"residences": ["999999"]}, "Kies woonlocaties van de bewaarlijst."),
        ({"residences": ["abc"]}, "Kies woonlocaties van de bewaarlijst."),
        ({"name": "   "}, "Vul uw naam in."),
        ({"phone": "", "email": ""}, "Vul een telefoonnummer of een e-mailadres in, of allebei."),
        ({"email": "geen-adres"}, "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ({"contact_way": "duif"}, "Kies hoe u het liefst contact wilt."),
        ({"message": ""}, "Schrijf een kort bericht aan de zorgaanbieder."),
        ({"message": "x" * 2001}, "Uw bericht mag niet langer zijn dan 2000 tekens."),
        ({"website": "http://spam.example"}, "Laat dit veld leeg."),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_sent(
    signed_in, kept, provider_a, change, message
):
    data = {"residences": [provider_a.residence.pk], **SENDER, **change}
    response = signed_in.post(request_url(kept), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is een probleem" in page and message in page
    assert page.count("Fout:") >= 2  # the title and the field
    assert not Enquiry.objects.exists() and not ClientRequest.objects.exists()


def test_more_than_three_residences_are_refused(
    signed_in, kept, django_capture_on_commit_callbacks
):
    from tests.factories import ResidencePageFactory

    with django_capture_on_commit_callbacks(execute=True):
        extra = [ResidencePageFactory(title=f"Extra {n}") for n in range(2)]
    for residence in extra:
        ShortlistItem.objects.create(client=kept, residence_id=residence.pk)
    ids = list(kept.shortlist.values_list("residence_id", flat=True))
    response = signed_in.post(request_url(kept), {"residences": ids, **SENDER})
    assert response.status_code == 400
    assert "Kies hooguit 3 woonlocaties." in response.content.decode()
    assert not Enquiry.objects.exists()


def test_a_professional_is_limited_per_account_not_by_the_offices_address(
    signed_in, kept, provider_a, provider_b, colleague, settings
):
    settings.ENQUIRY_LIMIT_PER_ADDRESS = (1, 3600)  # a visitor's limit: not the professional's
    settings.ENQUIRY_LIMIT_PER_PROFESSIONAL = (2, 3600)
    data = {"residences": [provider_a.residence.pk], **SENDER}
    assert signed_in.post(request_url(kept), data).status_code == 302
    assert signed_in.post(request_url(kept), data).status_code == 302
    refused = signed_in.post(request_url(kept), data)
    assert refused.status_code == 429
    assert "Er zijn in korte tijd veel aanvragen verstuurd." in refused.content.decode()
    assert Enquiry.objects.count() == 2

    # A colleague at the same office address has a count of their own.
    other = Browser()
    sign_in(other, colleague)
    theirs = Client.objects.create(
        professional=Professional.objects.get(user=colleague), label="AB-3"
    )
    ShortlistItem.objects.create(client=theirs, residence_id=provider_b.residence.pk)
    sent = other.post(request_url(theirs), {**data, "residences": [provider_b.residence.pk]})
    assert sent.status_code == 302
    assert Enquiry.objects.count() == 3


def test_the_requests_apps_per_residence_limit_holds_on_behalf_too(
    signed_in, kept, provider_a, settings
):
    settings.ENQUIRY_LIMIT_PER_RESIDENCE = (1, 3600)
    data = {"residences": [provider_a.residence.pk], **SENDER}
    assert signed_in.post(request_url(kept), data).status_code == 302
    assert signed_in.post(request_url(kept), data).status_code == 429
    assert Enquiry.objects.count() == 1


def test_only_the_professional_and_shared_colleagues_see_the_requests(
    client, professional, colleague, kept, provider_a, wijkteam
):
    sign_in(client, professional)
    client.post(request_url(kept), {"residences": [provider_a.residence.pk], **SENDER})
    client.logout()

    stranger = make_professional("vreemde", wijkteam)
    sign_in(client, stranger)
    assert client.get(request_url(kept)).status_code == 404
    response = client.post(request_url(kept), {"residences": [provider_a.residence.pk], **SENDER})
    assert response.status_code == 404
    client.logout()

    sign_in(client, colleague)
    assert client.get(client_url(kept)).status_code == 404
    kept.colleagues.add(Professional.objects.get(user=colleague))
    part = requests_part(client.get(client_url(kept)).content.decode())
    assert "Huis A" in part
    client.logout()
    assert client.get(request_url(kept)).status_code == 302  # to the login page
    assert Enquiry.objects.count() == 1


def test_deleting_the_client_removes_the_link_and_the_provider_keeps_the_request(
    signed_in, kept, provider_a
):
    signed_in.post(request_url(kept), {"residences": [provider_a.residence.pk], **SENDER})
    enquiry = Enquiry.objects.get()
    signed_in.post(reverse("workspace:delete", args=[kept.pk]))
    assert not Client.objects.exists() and not ClientRequest.objects.exists()
    enquiry.refresh_from_db()
    assert enquiry.status == Status.NEW  # still in the provider's inbox


def test_retention_removes_the_link_with_the_client(signed_in, kept, provider_a):
    signed_in.post(request_url(kept), {"residences": [provider_a.residence.pk], **SENDER})
    Client.objects.filter(pk=kept.pk).update(
        last_activity_at=timezone.now() - timedelta(days=731)
    )
    call_command("workspace_retention")
    assert not ClientRequest.objects.exists()
    assert Enquiry.objects.count() == 1


def test_a_request_the_provider_side_deletes_leaves_the_client_page(
    signed_in, kept, provider_a
):
    from enquiries import services as enquiry_services

    signed_in.post(request_url(kept), {"residences": [provider_a.residence.pk], **SENDER})
    enquiry_services.delete(enquiry=Enquiry.objects.get())
    part = requests_part(signed_in.get(client_url(kept)).content.decode())
    assert "Huis A" not in part and "Nog geen aanvragen verstuurd." in part


def test_the_json_export_lists_the_requests_and_their_status(signed_in, kept, provider_a):
    signed_in.post(request_url(kept), {"residences": [provider_a.residence.pk], **SENDER})
    data = json.loads(signed_in.get(reverse("workspace:export", args=[kept.pk])).content)
    assert [(item["residence"], item["status"]) for item in data["requests"]] == [
        ("Huis A", "Nieuw")
    ]


def test_the_clients_wishes_go_along_only_with_the_clients_consent(
    signed_in, kept, provider_a, provider_b
):
    from questionnaire.kinds import FOR_CLIENT
    from tests.questionnaire.conftest import FULL_ANSWERS

    # As stored after answering: the place as the geocoder found it.
    place = {
        "query": "3011 AB",
        "latitude": 51.92,
        "longitude": 4.48,
        "label": "Rotterdam",
        "municipality": "Rotterdam",
    }
    kept.answers = {**FULL_ANSWERS, "voor-wie": FOR_CLIENT, "plaats": place}
    kept.save()
    form = signed_in.get(request_url(kept)).content.decode()
    # Shown in full before sending, with the consent worded for the client, unticked.
    assert "Dit zijn de wensen van de cliënt." in form and "Eigen kamer" in form
    assert "De cliënt geeft toestemming om zijn of haar wensen" in form
    assert 'name="consent" value="ja" checked' not in form

    signed_in.post(request_url(kept), {"residences": [provider_a.residence.pk], **SENDER})
    signed_in.post(
        request_url(kept), {"residences": [provider_b.residence.pk], "consent": "ja", **SENDER}
    )
    without = Enquiry.objects.get(residence=provider_a.residence)
    with_consent = Enquiry.objects.get(residence=provider_b.residence)
    assert without.wishes is None
    assert "Eigen kamer" in json.dumps(with_consent.wishes, ensure_ascii=False)


def test_the_answers_are_checked_on_their_own_page_before_anything_is_sent(
    signed_in, kept, provider_a, provider_b
):
    from html.parser import HTMLParser

    answers = {key: value for key, value in SENDER.items() if key != "versturen"}
    chosen = [provider_a.residence.pk, provider_b.residence.pk]
    check = signed_in.post(request_url(kept), {"residences": chosen, **answers})
    assert check.status_code == 200
    page = check.content.decode()
    assert "Kloppen de gegevens?" in page
    assert "Uw aanvraag gaat naar deze 2 woonlocaties:" in page
    assert "Huis A" in page and "Huis B" in page
    for shown in ("Sam de Vries, MEE Rotterdam Rijnmond", "010 123 45 67",
                  "ondersteuner@example.nl", "E-mail", "Ochtend",
                  "Ik zoek voor mijn cliënt een plek dicht bij haar dochter."):
        assert shown in page, shown
    assert not Enquiry.objects.exists()

    class HiddenFields(HTMLParser):
        def __init__(self):
            super().__init__()
            self.pairs = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and attrs.get("type") == "hidden":
                self.pairs.append((attrs["name"], attrs.get("value") or ""))

    parser = HiddenFields()
    parser.feed(page)
    carried = {}
    for name, value in parser.pairs:
        if name != "csrfmiddlewaretoken":
            carried.setdefault(name, []).append(value)

    # "Gegevens wijzigen": back to the form, filled in as it was, nothing sent.
    change = signed_in.post(request_url(kept), {**carried, "wijzigen": "1"})
    assert change.status_code == 200
    form = change.content.decode()
    assert "Controleer de aanvraag" in form and "Er is een probleem" not in form
    assert 'value="010 123 45 67"' in form
    assert f'value="{provider_b.residence.pk}" checked' in form
    assert not Enquiry.objects.exists()

    # "Aanvragen versturen": what the check page showed goes out.
    sent = signed_in.post(request_url(kept), {**carried, "versturen": "1"})
    assert sent.status_code == 302
    assert sorted(Enquiry.objects.values_list("residence_id", flat=True)) == sorted(chosen)
    assert {enquiry.phone for enquiry in Enquiry.objects.all()} == {"010 123 45 67"}


def test_the_form_and_its_check_page_never_answer_with_a_500_under_a_unicode_fuzz(
    signed_in, kept, provider_a, settings
):
    """Every field of the request on a client's behalf, through all three buttons (check, send,
    change), with all of Unicode: a Dutch error or a page, never a server error."""
    import random

    from tests.workspace.test_forms import random_text

    settings.ENQUIRY_LIMIT_PER_PROFESSIONAL = (1000, 3600)
    generator = random.Random(17)
    fields = ("residences", "name", "phone", "email", "contact_way", "contact_time", "message")
    for _round in range(25):
        text = random_text(generator).encode("utf-8", "surrogatepass")
        for field in fields:
            for button in ({}, {"versturen": "1"}, {"wijzigen": "1"}):
                answers = {key: value for key, value in SENDER.items() if key != "versturen"}
                data = {"residences": [provider_a.residence.pk], **answers, **button, field: text}
                response = signed_in.post(request_url(kept), data)
                assert response.status_code < 500, (field, button, text)
    assert signed_in.get(client_url(kept)).status_code == 200
