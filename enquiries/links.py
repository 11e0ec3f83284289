"""The private status link: the batch id, signed with a timestamp, so it expires without an
account or anything stored for it. It carries no personal data: only a random id."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "woonvinder.enquiries.status"


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def status_token(batch: uuid.UUID) -> str:
    return signer().sign(str(batch))


def batch_from_token(token: str) -> uuid.UUID | None:
    """The batch the token was made for, or None when it is changed, foreign or expired."""
    max_age = settings.ENQUIRY_STATUS_LINK_DAYS * 24 * 60 * 60
    try:
        return uuid.UUID(signer().unsign(token, max_age=max_age))
    except (signing.BadSignature, ValueError):
        return None


def status_path(batch: uuid.UUID) -> str:
    return reverse("enquiries:status", args=[status_token(batch)])


def status_url(request, batch: uuid.UUID, language: str | None = None) -> str:
    """An absolute link on the address the request came in on, in the person's language."""
    with translation.override(language or translation.get_language()):
        return request.build_absolute_uri(status_path(batch))
