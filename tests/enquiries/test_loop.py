"""The whole loop over HTTP: a relative who filled in the questionnaire asks two residences of
different providers for a first visit, with their wishes; each provider's editor sees only
their own request; one plans a visit; the status page shows it; the other editor is refused."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from enquiries.models import Enquiry, Status
from tests.enquiries.conftest import SECRET_MESSAGE, SECRET_NAME, SECRET_PHONE
from tests.enquiries.helpers import fill_in, send, status_link_in_last_mail
from tests.questionnaire.conftest import Visitor


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_request_with_wishes_to_two_providers_end_to_end(
    client, provider_a, provider_b, django_capture_on_commit_callbacks
):
    from django.test import Client

    mail.outbox.clear()  # onboarding invited the editors
    Visitor(client).complete()
    check = fill_in(client, [provider_a.residence.pk, provider_b.residence.pk], consent=True)
    page = check.content.decode()
    assert "Huis A" in page and "Huis B" in page
    assert SECRET_NAME in page and escape(SECRET_MESSAGE) in page
    assert "Mijn wensen" in page and "Eigen kamer" in page  # the wishes, shown in full

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("enquiries:check"), follow=True)
    assert "Uw aanvraag is verstuurd" in sent.content.decode()
    assert Enquiry.objects.count() == 2
    assert len(mail.outbox) == 1, [(m.subject, m.to, m.body) for m in mail.outbox]
    status_path = status_link_in_last_mail()
    assert status_path in sent.content.decode()

    editor_a = logged_in(Client(), provider_a.editor)
    inbox_a = editor_a.get(reverse("enquiries_inbox")).content.decode()
    assert "Huis A" in inbox_a and "Huis B" not in inbox_a
    own = Enquiry.objects.get(residence=provider_a.residence)
    other = Enquiry.objects.get(residence=provider_b.residence)
    detail = editor_a.get(reverse("enquiries_detail", args=[own.pk])).content.decode()
    assert SECRET_NAME in detail and SECRET_PHONE in detail
    assert escape(SECRET_MESSAGE) in detail
    assert "Eigen kamer" in detail  # the attached wishes, readable

    with django_capture_on_commit_callbacks(execute=True):
        changed = editor_a.post(
            reverse("enquiries_detail", args=[own.pk]), {"status": Status.VISIT_PLANNED}
        )
    assert changed.status_code == 302
    assert len(mail.outbox) == 2
    # A fresh link (a new timestamp) to the same requests.
    assert status_link_in_last_mail().split(":")[0] == status_path.split(":")[0]

    status_page = client.get(status_path).content.decode()
    assert "Kennismaking gepland" in status_page
    assert "Huis B" in status_page and "Nieuw" in status_page

    editor_b = logged_in(Client(), provider_b.editor)
    assert editor_b.get(reverse("enquiries_detail", args=[own.pk])).status_code == 404
    refused = editor_b.post(
        reverse("enquiries_detail", args=[own.pk]), {"status": Status.CLOSED,
                                                      "closed_reason": "geen-plek"}
    )
    assert refused.status_code == 404
    own.refresh_from_db()
    assert own.status == Status.VISIT_PLANNED
    inbox_b = editor_b.get(reverse("enquiries_inbox")).content.decode()
    assert "Huis B" in inbox_b and "Huis A" not in inbox_b
    assert editor_b.get(reverse("enquiries_detail", args=[other.pk])).status_code == 200


@pytest.mark.django_db
def test_without_a_finished_questionnaire_no_wishes_are_asked_or_sent(client, provider_a):
    send(client, [provider_a.residence.pk])
    enquiry = Enquiry.objects.get()
    assert enquiry.wishes is None
    assert enquiry.status == Status.NEW
    assert enquiry.provider.pk == provider_a.page.pk


@pytest.mark.django_db
def test_wishes_are_only_sent_with_the_ticked_consent(client, provider_a):
    Visitor(client).complete()
    wishes_page = None
    response = client.get(f"{reverse('enquiries:start')}?residences={provider_a.residence.pk}")
    for slug, data in [
        ("wie", {"role": "client"}),
        ("gegevens", {"name": "Ans", "email": "ans@example.org"}),
        ("contact", {"contact_way": "email", "contact_time": "middag"}),
        ("bericht", {"message": "Mag ik komen kijken?"}),
    ]:
        response = client.post(reverse("enquiries:step", args=[slug]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    wishes_page = client.get(response["Location"]).content.decode()
    assert "Ik geef toestemming om mijn wensen met deze zorgaanbieder(s) te delen" in wishes_page
    consent_box = re.search(r'<input type="checkbox"[^>]*name="consent"[^>]*>', wishes_page)
    assert consent_box and "checked" not in consent_box.group(0)
    assert "Eigen kamer" in wishes_page  # shown in full before anything is sent
    client.post(reverse("enquiries:step", args=["wensen"]), {})
    client.post(reverse("enquiries:check"))
    assert Enquiry.objects.get().wishes is None


@pytest.mark.parametrize(
    ("for_whom", "role"), [("zelf", "client"), ("naaste", "naaste"), ("client", "professional")]
)
def test_who_asks_is_chosen_already_from_the_questionnaires_for_whom(
    client, provider_a, for_whom, role
):
    """Told once: the questionnaire asked whom the search is for; the request's first page has
    that answer chosen, and the visitor can still change it."""
    from tests.questionnaire.conftest import FULL_ANSWERS

    Visitor(client).complete({**FULL_ANSWERS, "voor-wie": for_whom})
    start = client.get(f"{reverse('enquiries:start')}?residences={provider_a.residence.pk}")
    page = client.get(start["Location"]).content.decode()
    checked = re.findall(r'<input[^>]*name="role"[^>]*>', page)
    assert [tag for tag in checked if "checked" in tag] == [
        tag for tag in checked if f'value="{role}"' in tag
    ]
    assert len([tag for tag in checked if "checked" in tag]) == 1


def test_without_a_questionnaire_nothing_is_chosen_for_the_visitor(client, provider_a):
    start = client.get(f"{reverse('enquiries:start')}?residences={provider_a.residence.pk}")
    page = client.get(start["Location"]).content.decode()
    radios = re.findall(r'<input[^>]*name="role"[^>]*>', page)
    assert radios and not [tag for tag in radios if "checked" in tag]
