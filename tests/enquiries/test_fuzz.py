"""A small fuzz of every field of the request flow: odd Unicode, control characters, very long
input and markup. The answer is a page with a Dutch error or the next step, never a 500."""

import random

import pytest
from django.urls import reverse

from enquiries.models import MESSAGE_MAX_LENGTH, Enquiry
from tests.enquiries.helpers import DETAILS, fill_in, step_url

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[31mrood",
    "\u202eevil",
    "e\u0301\u0301\u0301",
    "\u200d\u200b\ufeff",
    "😀" * 40,
    "𝔊𝔢𝔢𝔯𝔱𝔯𝔲𝔦𝔡𝔞",
    "١٢٣٤٥٦٧٨",
    "０６１２３４５６７８",
    "²³",
    "<script>alert(1)</script>",
    "'; DROP TABLE enquiries_enquiry; --",
    "%(name)s {{ name }} {% csrf_token %}",
    "\r\n" * 50,
    "ß" * (MESSAGE_MAX_LENGTH + 1),
    "x" * 10_000,
    "naam@voorbeeld.nl\nBcc: iedereen@example.org",
    "ÅÄÖ ñ ł ğ ø ŋ ǂ 漢字 한국어 עברית",
]

FIELDS = {
    "wie": ["role"],
    "gegevens": ["name", "phone", "email", "website"],
    "contact": ["contact_way", "contact_time"],
    "bericht": ["message"],
    "wensen": ["consent"],
}


@pytest.mark.django_db
def test_no_field_value_gives_a_server_error(client, provider_a):
    client.raise_request_exception = True
    fill_in(client, [provider_a.residence.pk])
    generator = random.Random(17)
    for slug, names in FIELDS.items():
        for name in names:
            for value in NASTY:
                data = {**DETAILS.get(slug, {}), name: value}
                response = client.post(step_url(slug) + "?terug=controle", data)
                assert response.status_code in (200, 302), (slug, name, value[:20])
                if response.status_code == 200 and slug != "wensen":
                    page = response.content.decode()
                    assert "Er is een probleem" in page, (slug, name, value[:20])
        # And a few random mixtures of every field at once.
        for _round in range(5):
            data = {name: generator.choice(NASTY) for name in names}
            assert client.post(step_url(slug), data).status_code in (200, 302)
    assert client.get(reverse("enquiries:check")).status_code in (200, 302)


@pytest.mark.django_db
def test_odd_but_real_details_are_accepted_and_sent_intact(client, provider_a):
    details = {
        **DETAILS,
        "gegevens": {"name": "Zoë O’Brien-Çelik", "phone": "+31 (0)6-12 34 56 78", "email": ""},
        "contact": {"contact_way": "telefoon", "contact_time": "maakt-niet-uit"},
        "bericht": {"message": "Kamer met 😀 uitzicht?\n<b>Graag</b> snel & rustig."},
    }
    fill_in(client, [provider_a.residence.pk], details=details)
    client.post(reverse("enquiries:check"))
    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Zoë O’Brien-Çelik"
    assert enquiry.message == "Kamer met 😀 uitzicht?\n<b>Graag</b> snel & rustig."


@pytest.mark.django_db
def test_odd_residence_lists_and_status_links_give_no_server_error(client, provider_a):
    client.raise_request_exception = True
    for raw in ("", ",,,", "-1", "1e9", "9" * 40, "²", "٣", "1,1,1,1", "%00", "<b>"):
        assert client.get(reverse("enquiries:start"), {"residences": raw}).status_code == 404
    for token in ("x", "a:b:c", "😀", "0" * 500):
        assert client.get(reverse("enquiries:status", args=[token])).status_code == 404
        response = client.post(
            reverse("enquiries:status_action", args=[token]), {"aanvraag": "1", "actie": "x"}
        )
        assert response.status_code == 404
