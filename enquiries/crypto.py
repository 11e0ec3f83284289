"""Field-level encryption for requests: Fernet keys from the environment, rotated with MultiFernet.

Requests hold health data (who asks for a place, their story, their wishes). The database only
ever sees Fernet tokens for those fields. The keys come from settings.ENQUIRY_ENCRYPTION_KEYS,
newest first: MultiFernet encrypts with the first and decrypts with any, so a new key goes in
front, `manage.py rotate_enquiry_keys` re-encrypts every row with it, and then the old key can go.

Unlike questionnaire/crypto.py (keys derived from SECRET_KEY for short-lived session and link
tokens), these keys are separate from SECRET_KEY: stored data must survive a secret-key rotation,
and a leaked SECRET_KEY must not open the stored requests.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionFailed(ValueError):
    """The value was made with a key that is no longer configured, or was changed."""


def fernet() -> MultiFernet:
    keys = list(getattr(settings, "ENQUIRY_ENCRYPTION_KEYS", []) or [])
    if not keys:
        raise ImproperlyConfigured(
            "ENQUIRY_ENCRYPTION_KEYS must hold at least one Fernet key "
            "(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key())')."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "ENQUIRY_ENCRYPTION_KEYS holds a value that is not a Fernet key."
        ) from error


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as error:
        raise DecryptionFailed from error


def rotate(token: str) -> str:
    """The same value, encrypted with the newest key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as error:
        raise DecryptionFailed from error
