"""A request being filled in lives in the visitor's session, sealed like the questionnaire's
answers (questionnaire/crypto.py, with a purpose of its own): the session row holds only
ciphertext, and the draft is gone after a day."""

from __future__ import annotations

from questionnaire import crypto

SESSION_KEY = "enquiry_draft"
SENT_KEY = "enquiry_sent"
PURPOSE = b"woonvinder.enquiries.draft.v1"
TTL_SECONDS = 24 * 60 * 60


def load(request) -> dict | None:
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    try:
        return crypto.unseal(token, PURPOSE, TTL_SECONDS)
    except (crypto.TokenInvalid, crypto.TokenExpired):
        clear(request)
        return None


def save(request, draft: dict) -> None:
    request.session[SESSION_KEY] = crypto.seal(draft, PURPOSE)


def clear(request) -> None:
    request.session.pop(SESSION_KEY, None)
