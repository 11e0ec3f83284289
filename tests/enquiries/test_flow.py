"""The question pages: Dutch errors with a summary, the rules of each field, abuse guards,
and what the person can do from the status page."""

import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from enquiries.models import ClosedReason, Enquiry, Status
from tests.enquiries.helpers import DETAILS, fill_in, send, status_link_in_last_mail, step_url


def start(client, *ids):
    return client.get(f"{reverse('enquiries:start')}?residences={','.join(map(str, ids))}")


def errors_of(response) -> list[str]:
    page = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert summary, page[:3000]
    return re.findall(r'<a href="#[^"]+">([^<]+)</a>', summary.group(0))


@pytest.mark.django_db
def test_an_empty_page_gives_dutch_errors_linked_to_their_fields(client, provider_a):
    start(client, provider_a.residence.pk)
    response = client.post(step_url("wie"), {})
    assert response.status_code == 200
    assert errors_of(response) == ["Kies voor wie u de kennismaking aanvraagt."]
    assert 'href="#id_role_0"' in response.content.decode()
    assert 'id="id_role_0"' in response.content.decode()
    assert response.content.decode().count("<title>Fout:") == 1

    client.post(step_url("wie"), DETAILS["wie"])
    response = client.post(step_url("gegevens"), {"name": "", "phone": "", "email": ""})
    assert errors_of(response) == ["Vul uw naam in."]
    response = client.post(step_url("gegevens"), {"name": "Ans", "phone": "", "email": ""})
    assert errors_of(response) == ["Vul een telefoonnummer of een e-mailadres in, of allebei."]
    response = client.post(
        step_url("gegevens"), {"name": "Ans", "phone": "bel me", "email": "ans@"}
    )
    assert errors_of(response) == [
        "Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678.",
        "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
    ]


@pytest.mark.django_db
def test_every_field_has_a_label(client, provider_a):
    start(client, provider_a.residence.pk)
    client.post(step_url("wie"), DETAILS["wie"])
    for slug in ("wie", "gegevens", "contact", "bericht"):
        page = client.get(step_url(slug)).content.decode()
        form = page[page.index("<form") :]
        ids = re.findall(r'<(?:input|textarea)[^>]* id="([^"]+)"', form)
        assert ids, slug
        for field_id in ids:
            assert f'<label for="{field_id}"' in form or f'for="{field_id}"' in form, field_id


@pytest.mark.django_db
def test_calling_needs_a_phone_number(client, provider_a):
    start(client, provider_a.residence.pk)
    client.post(step_url("wie"), DETAILS["wie"])
    client.post(step_url("gegevens"), {"name": "Ans", "email": "ans@example.org"})
    response = client.post(
        step_url("contact"), {"contact_way": "telefoon", "contact_time": "avond"}
    )
    assert errors_of(response) == [
        "U gaf geen telefoonnummer. Kies e-mail, of ga terug en vul uw nummer in."
    ]


@pytest.mark.django_db
def test_the_check_page_sends_a_changed_answer_back_to_the_check(client, provider_a):
    fill_in(client, [provider_a.residence.pk])
    response = client.post(
        step_url("bericht") + "?terug=controle", {"message": "Toch liever in het voorjaar."}
    )
    assert response["Location"] == reverse("enquiries:check")
    assert "Toch liever in het voorjaar." in client.get(reverse("enquiries:check")).content.decode()


@pytest.mark.django_db
def test_the_honeypot_stops_robots(client, provider_a):
    start(client, provider_a.residence.pk)
    client.post(step_url("wie"), DETAILS["wie"])
    robot = {**DETAILS["gegevens"], "website": "http://spam.example"}
    response = client.post(step_url("gegevens"), robot)
    assert response.status_code == 200
    assert "Laat dit veld leeg." in errors_of(response)


@pytest.mark.django_db
def test_no_request_to_an_unpublished_or_unknown_residence(client, provider_a):
    response = start(client, provider_a.draft.pk)
    assert response.status_code == 404
    assert "Kies eerst een woonlocatie" in response.content.decode()
    assert start(client, "abc", "²", "99999").status_code == 404
    # A residence unpublished while the visitor fills in is not sent to.
    fill_in(client, [provider_a.residence.pk])
    provider_a.residence.unpublish()
    response = client.post(reverse("enquiries:check"))
    assert response.status_code == 404
    assert not Enquiry.objects.exists()


@pytest.mark.django_db
def test_at_most_three_residences_at_once(client, provider_a):
    from tests.factories import ResidencePageFactory

    extra = [ResidencePageFactory(parent=provider_a.page, title=f"Extra {n}") for n in range(3)]
    check = fill_in(client, [provider_a.residence.pk, *(page.pk for page in extra)])
    page = check.content.decode()
    assert "Uw aanvraag gaat naar deze 3 woonlocaties:" in page
    assert "Extra 2" not in page
    client.post(reverse("enquiries:check"))
    assert Enquiry.objects.count() == 3


@pytest.mark.django_db
def test_posting_without_a_csrf_token_is_refused(provider_a):
    careful = Client(enforce_csrf_checks=True)
    start(careful, provider_a.residence.pk)
    assert careful.post(step_url("wie"), DETAILS["wie"]).status_code == 403


@pytest.mark.django_db
def test_rate_limit_per_address(client, provider_a, settings):
    settings.ENQUIRY_LIMIT_PER_ADDRESS = (2, 3600)
    send(client, [provider_a.residence.pk])
    send(client, [provider_a.residence.pk])
    fill_in(client, [provider_a.residence.pk])
    response = client.post(reverse("enquiries:check"))
    assert response.status_code == 429
    assert "Even wachten" in response.content.decode()
    assert Enquiry.objects.count() == 2
    # Another address may still send.
    other = Client(REMOTE_ADDR="192.0.2.7")
    send(other, [provider_a.residence.pk])
    assert Enquiry.objects.count() == 3


@pytest.mark.django_db
def test_rate_limit_per_residence(provider_a, provider_b, settings):
    settings.ENQUIRY_LIMIT_PER_RESIDENCE = (1, 3600)
    send(Client(REMOTE_ADDR="192.0.2.1"), [provider_a.residence.pk])
    visitor = Client(REMOTE_ADDR="192.0.2.2")
    fill_in(visitor, [provider_a.residence.pk])
    assert visitor.post(reverse("enquiries:check")).status_code == 429
    send(Client(REMOTE_ADDR="192.0.2.3"), [provider_b.residence.pk])
    assert Enquiry.objects.count() == 2


@pytest.mark.django_db
def test_withdraw_and_delete_from_the_status_page(
    client, provider_a, provider_b, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send(client, [provider_a.residence.pk, provider_b.residence.pk])
    status_path = status_link_in_last_mail()
    own_a = Enquiry.objects.get(residence=provider_a.residence)
    own_b = Enquiry.objects.get(residence=provider_b.residence)
    stranger = Client()
    response = stranger.post(
        reverse("enquiries:status_action", args=[status_path.split("/")[-2]]),
        {"aanvraag": str(own_a.pk), "actie": "intrekken"},
        follow=True,
    )
    assert "Uw aanvraag is ingetrokken." in response.content.decode()
    own_a.refresh_from_db()
    assert (own_a.status, own_a.closed_reason) == (Status.CLOSED, ClosedReason.CLIENT_WITHDREW)
    assert escape("Cliënt ziet ervan af") in response.content.decode()

    response = stranger.post(
        reverse("enquiries:status_action", args=[status_path.split("/")[-2]]),
        {"aanvraag": str(own_b.pk), "actie": "verwijderen"},
        follow=True,
    )
    assert "Uw aanvraag is verwijderd." in response.content.decode()
    assert list(Enquiry.objects.values_list("pk", flat=True)) == [own_a.pk]


@pytest.mark.django_db
def test_a_status_link_cannot_reach_another_batch(client, provider_a, provider_b):
    send(client, [provider_a.residence.pk])
    first = Enquiry.objects.get()
    send(Client(), [provider_b.residence.pk])
    second = Enquiry.objects.exclude(pk=first.pk).get()
    from enquiries.links import status_token

    token = status_token(first.batch)
    response = client.post(
        reverse("enquiries:status_action", args=[token]),
        {"aanvraag": str(second.pk), "actie": "verwijderen"},
    )
    assert response.status_code == 404
    assert Enquiry.objects.count() == 2


@pytest.mark.django_db
def test_a_changed_or_expired_status_link_does_not_work(client, provider_a, settings):
    send(client, [provider_a.residence.pk])
    from enquiries.links import status_token

    token = status_token(Enquiry.objects.get().batch)
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert client.get(reverse("enquiries:status", args=[tampered])).status_code == 404
    settings.ENQUIRY_STATUS_LINK_DAYS = 0
    with pytest.raises(signing.SignatureExpired):
        signing.TimestampSigner(salt="woonvinder.enquiries.status").unsign(token, max_age=-1)
    response = client.get(reverse("enquiries:status", args=[token]))
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


@pytest.mark.django_db
def test_a_person_who_asked_in_english_gets_english_mails(
    client, provider_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    english = "/en" + reverse("enquiries:start")
    response = client.get(f"{english}?residences={provider_a.residence.pk}")
    assert response.status_code == 302 and response["Location"].startswith("/en/aanvraag/")
    url = response["Location"]
    while "/controle/" not in url:
        slug = url.rstrip("/").split("/")[-1]
        response = client.post(url, DETAILS[slug])
        assert response.status_code == 302, response.content.decode()[:2000]
        url = response["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert mail.outbox[-1].subject == "Your request on Woonvinder has been sent"
    assert "/en/aanvraag/status/" in mail.outbox[-1].body
