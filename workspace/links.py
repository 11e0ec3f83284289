"""Share links: a ShareLink's id, signed with a timestamp so it expires, and the row so the
professional can revoke it. The link carries no personal data, only a random id."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core import signing

from workspace.models import ShareLink

SALT = "woonvinder.workspace.share"


def signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def token_for(link: ShareLink) -> str:
    return signer().sign(str(link.id))


def link_from_token(token: str) -> ShareLink | None:
    """The active link the token was made for; None when changed, expired or revoked."""
    max_age = settings.WORKSPACE_SHARE_LINK_DAYS * 24 * 60 * 60
    try:
        link_id = uuid.UUID(signer().unsign(token, max_age=max_age))
    except (signing.BadSignature, ValueError):
        return None
    return (
        ShareLink.objects.filter(id=link_id, revoked_at__isnull=True)
        .select_related("client")
        .first()
    )
