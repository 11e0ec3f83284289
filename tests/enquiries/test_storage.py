"""Personal fields are stored encrypted, and a key can be rotated without losing a request."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from enquiries import crypto
from enquiries.models import Enquiry
from tests.enquiries.conftest import SECRET_EMAIL, SECRET_MESSAGE, SECRET_NAME, store_enquiry

WISHES = {"musts": [{"label": "Verpleeghuiszorg met dementie"}], "note": "Tuin is belangrijk"}
# The provider's note when it asks the coordinators in can say as much about the person.
NOTE = "Plaatsing loopt vast: dwaalt 's nachts"


def raw_row(enquiry) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, phone, email, message, wishes, coordinators_note FROM enquiries_enquiry"
            " WHERE id = %s",
            [enquiry.pk.hex if connection.vendor == "sqlite" else enquiry.pk],
        )
        row = cursor.fetchone()
    assert row is not None
    return " ".join(str(value) for value in row)


@pytest.mark.django_db
def test_columns_hold_only_ciphertext(provider_a):
    enquiry = store_enquiry(provider_a.residence, wishes=WISHES, coordinators_note=NOTE)
    stored = raw_row(enquiry)
    secrets = (SECRET_NAME, SECRET_MESSAGE, SECRET_EMAIL, "insuline", "Tuin", "dementie", "dwaalt")
    for secret in secrets:
        assert secret not in stored
    again = Enquiry.objects.get(pk=enquiry.pk)
    assert again.name == SECRET_NAME
    assert again.message == SECRET_MESSAGE
    assert again.wishes == WISHES
    assert again.coordinators_note == NOTE


@pytest.mark.django_db
def test_empty_phone_stays_empty_and_readable(provider_a):
    enquiry = store_enquiry(provider_a.residence, phone="")
    assert Enquiry.objects.get(pk=enquiry.pk).phone == ""


@pytest.mark.django_db
def test_rotating_to_a_new_key_keeps_requests_readable_without_the_old_key(
    provider_a, settings
):
    old_key = settings.ENQUIRY_ENCRYPTION_KEYS[0]
    enquiry = store_enquiry(provider_a.residence, wishes=WISHES, coordinators_note=NOTE)
    before = raw_row(enquiry)
    new_key = Fernet.generate_key().decode()
    settings.ENQUIRY_ENCRYPTION_KEYS = [new_key, old_key]
    output = io.StringIO()
    call_command("rotate_enquiry_keys", stdout=output)
    assert "Re-encrypted 1 request(s)." in output.getvalue()
    assert raw_row(enquiry) != before
    settings.ENQUIRY_ENCRYPTION_KEYS = [new_key]
    again = Enquiry.objects.get(pk=enquiry.pk)
    assert (again.name, again.message, again.wishes, again.coordinators_note) == (
        SECRET_NAME, SECRET_MESSAGE, WISHES, NOTE
    )


@pytest.mark.django_db
def test_a_removed_key_cannot_read_old_requests(provider_a, settings):
    enquiry = store_enquiry(provider_a.residence)
    settings.ENQUIRY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.DecryptionFailed):
        Enquiry.objects.get(pk=enquiry.pk)


def test_no_keys_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ENQUIRY_ENCRYPTION_KEYS = []
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
