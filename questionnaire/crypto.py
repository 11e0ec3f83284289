"""Sealing questionnaire answers: encrypted and signed with Fernet, never readable in plain text.

Each use has its own key, derived from SECRET_KEY with HKDF and a purpose salt, so a token made
for the session cannot be replayed as a resume link and the other way round. SECRET_KEY_FALLBACKS
are tried too, so rotating the secret key does not break links people already saved.
Fernet tokens carry the time they were issued; `unseal` checks their age against `clock.now()`.
"""

from __future__ import annotations

import base64
import json
import zlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from questionnaire import clock

SESSION_PURPOSE = b"woonvinder.questionnaire.session.v1"
RESUME_PURPOSE = b"woonvinder.questionnaire.resume.v1"


class TokenInvalid(ValueError):
    """Changed, cut off or made with another key."""


class TokenExpired(ValueError):
    """Genuine, but older than its time to live."""


def _key(secret: str, purpose: bytes) -> bytes:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=purpose, info=b"woonvinder questionnaire"
    ).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


def _fernet(purpose: bytes) -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_key(secret, purpose)) for secret in secrets])


def seal(payload: dict, purpose: bytes) -> str:
    # Compressed first: resume links stay short enough to copy and to fit in any URL.
    data = zlib.compress(json.dumps(payload, separators=(",", ":")).encode())
    return _fernet(purpose).encrypt_at_time(data, int(clock.now())).decode("ascii")


def unseal(token: str, purpose: bytes, ttl_seconds: int) -> dict:
    fernet = _fernet(purpose)
    try:
        raw = token.encode("ascii")
        issued_at = fernet.extract_timestamp(raw)  # verifies the signature
    except (InvalidToken, UnicodeEncodeError, ValueError) as error:
        raise TokenInvalid from error
    current = int(clock.now())
    if current - issued_at > ttl_seconds:
        raise TokenExpired
    try:
        data = fernet.decrypt_at_time(raw, ttl_seconds, current)
        payload = json.loads(zlib.decompress(data))
    except (InvalidToken, zlib.error, ValueError) as error:
        raise TokenInvalid from error
    if not isinstance(payload, dict):
        raise TokenInvalid
    return payload
