"""Requests are health data: the name, the contact details and the message appear only to the
provider's editor on the request's own page. Not in logs, mails, URLs, sessions or columns."""

import logging
import re
from urllib.parse import unquote

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from enquiries.models import Enquiry, Status
from tests.enquiries.conftest import SECRET_EMAIL, SECRET_MESSAGE, SECRET_NAME, SECRET_PHONE
from tests.enquiries.helpers import DETAILS, fill_in, step_url
from tests.questionnaire.conftest import Visitor

SECRETS = (SECRET_NAME, SECRET_MESSAGE, SECRET_PHONE, "Zonnebloem", "insuline")


class RecordingClient(Client):
    """A test client that keeps every address it asked for or was sent to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.addresses = []

    def request(self, **request):
        self.addresses.append(request.get("PATH_INFO", "") + "?" + request.get("QUERY_STRING", ""))
        response = super().request(**request)
        self.addresses.append(response.get("Location", ""))
        return response


def assert_secret_free(text: str, where: str):
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} found in {where}"
        assert secret not in unquote(text), f"{secret!r} found (URL-encoded) in {where}"


@pytest.fixture
def whole_loop(provider_a, provider_b, caplog, django_capture_on_commit_callbacks):
    """A visitor sends a request with wishes to A and B; A's editor opens it and plans a visit."""
    caplog.set_level(logging.DEBUG)
    mail.outbox.clear()
    visitor = RecordingClient()
    Visitor(visitor).complete()
    fill_in(visitor, [provider_a.residence.pk, provider_b.residence.pk], consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(reverse("enquiries:check"), follow=True)
    editor = RecordingClient()
    editor.force_login(provider_a.editor)
    enquiry = Enquiry.objects.get(residence=provider_a.residence)
    editor.get(reverse("enquiries_inbox"))
    editor.get(reverse("enquiries_detail", args=[enquiry.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            reverse("enquiries_detail", args=[enquiry.pk]), {"status": Status.VISIT_PLANNED}
        )
    return {"visitor": visitor, "editor": editor, "caplog": caplog}


@pytest.mark.django_db
def test_nothing_personal_in_the_logs(whole_loop):
    caplog = whole_loop["caplog"]
    records = caplog.get_records("setup")  # the loop ran in the fixture
    assert any(record.name.startswith("enquiries") for record in records)
    for record in records:
        assert_secret_free(record.getMessage(), f"log record of {record.name}")


@pytest.mark.django_db
def test_mails_carry_only_a_link(whole_loop, provider_a, provider_b):
    assert len(mail.outbox) == 2
    assert all(message.to == [SECRET_EMAIL] for message in mail.outbox)
    for message in mail.outbox:
        html = message.alternatives[0][0]
        for text in (message.subject, message.body, html):
            assert_secret_free(text, "a mail")
            # Not even which residence, provider or status: whoever reads the mail learns nothing.
            for title in ("Huis A", "Huis B", "Zorggroep", "Kennismaking gepland"):
                assert title not in text
        assert re.search(r"http://testserver/aanvraag/status/[^\s]+/", message.body)


@pytest.mark.django_db
def test_no_address_carries_personal_data(whole_loop):
    for client in (whole_loop["visitor"], whole_loop["editor"]):
        assert client.addresses
        for address in client.addresses:
            assert_secret_free(address, f"the address {address}")
    for message in mail.outbox:
        for link in re.findall(r"https?://\S+", message.body):
            assert_secret_free(link, "a link in a mail")


@pytest.mark.django_db
def test_no_column_or_session_holds_plain_text(whole_loop):
    with connection.cursor() as cursor:
        for table in ("enquiries_enquiry", "enquiries_statuschange", "enquiries_accesslog"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            for row in cursor.fetchall():
                assert_secret_free(" ".join(map(str, row)), table)
    for session in Session.objects.all():
        assert_secret_free(session.session_data, "a session row")
        assert_secret_free(repr(session.get_decoded()), "a decoded session")


@pytest.mark.django_db
def test_the_draft_in_the_session_is_sealed(provider_a):
    visitor = Client()
    visitor.get(f"{reverse('enquiries:start')}?residences={provider_a.residence.pk}")
    visitor.post(step_url("wie"), DETAILS["wie"])
    visitor.post(step_url("gegevens"), DETAILS["gegevens"])
    visitor.post(step_url("contact"), DETAILS["contact"])
    visitor.post(step_url("bericht"), DETAILS["bericht"])
    session = Session.objects.get()
    assert_secret_free(repr(session.get_decoded()), "the session while filling in")


@pytest.mark.django_db
def test_the_status_page_shows_no_personal_data(client, provider_a):
    from tests.enquiries.helpers import send

    mail.outbox.clear()
    sent = send(client, [provider_a.residence.pk])
    link = re.search(r'href="http://testserver(/aanvraag/status/[^"]+)"', sent.content.decode())
    status_url = link.group(1)
    page = Client().get(status_url).content.decode()
    assert "Huis A" in page and "Nieuw" in page
    assert_secret_free(page, "the status page")
