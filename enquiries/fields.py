"""Model fields whose values are stored as Fernet tokens (enquiries/crypto.py).

Python code sees plain values; the database column holds only ciphertext. An empty value is
stored as an empty string, so "was a phone number given" needs no decryption. Encrypted values
cannot be filtered or sorted on in SQL, which is the point.
"""

from __future__ import annotations

import json

from django.db import models

from enquiries import crypto


class EncryptedTextField(models.TextField):
    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(value)


class EncryptedJSONField(models.TextField):
    """A JSON document (the attached "Mijn wensen"), encrypted as one token; None when absent."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return None
        return json.loads(crypto.decrypt(value))

    def to_python(self, value):
        if value is None or isinstance(value, dict | list):
            return value
        return json.loads(value)

    def get_prep_value(self, value):
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)
