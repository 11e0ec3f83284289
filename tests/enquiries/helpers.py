"""A visitor who sends a request the way a browser does: page by page, over HTTP."""

from __future__ import annotations

import re

from django.core import mail
from django.urls import reverse

from tests.enquiries.conftest import SECRET_EMAIL, SECRET_MESSAGE, SECRET_NAME, SECRET_PHONE

DETAILS = {
    "wie": {"role": "naaste"},
    "gegevens": {"name": SECRET_NAME, "phone": SECRET_PHONE, "email": SECRET_EMAIL, "website": ""},
    "contact": {"contact_way": "telefoon", "contact_time": "ochtend"},
    "bericht": {"message": SECRET_MESSAGE},
}
STATUS_LINK = re.compile(r"https?://testserver(/[^\s\"<]*/aanvraag/status/[^\s\"<]+/|/aanvraag/status/[^\s\"<]+/)")


def step_url(slug: str) -> str:
    return reverse("enquiries:step", args=[slug])


def fill_in(client, residence_ids, *, consent: bool | None = None, details=None):
    """Walk from the residence's link to the check page; returns the check page response."""
    details = details or DETAILS
    ids = ",".join(str(pk) for pk in residence_ids)
    response = client.get(f"{reverse('enquiries:start')}?residences={ids}")
    assert response.status_code == 302, response.content[:500]
    url = response["Location"]
    while url != reverse("enquiries:check"):
        slug = url.rstrip("/").split("/")[-1]
        if slug == "wensen":
            data = {"consent": "ja"} if consent else {}
        else:
            data = details[slug]
        response = client.post(url, data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
        url = response["Location"]
    return client.get(url)


def send(client, residence_ids, **kwargs):
    check = fill_in(client, residence_ids, **kwargs)
    assert check.status_code == 200
    response = client.post(reverse("enquiries:check"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("enquiries:sent")
    return client.get(response["Location"])


def status_link_in_last_mail() -> str:
    body = mail.outbox[-1].body
    match = STATUS_LINK.search(body)
    assert match, body
    return match.group(0).replace("http://testserver", "")
