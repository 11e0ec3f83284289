"""Two onboarded providers (each with an editor, a published and a draft residence), a
coordinator, and a helper that stores a request directly."""

import pytest

from enquiries.models import ContactTime, ContactWay, Enquiry, Role, Status, StatusChange

# Values a test can look for anywhere (columns, logs, mails, URLs): they must only ever be seen
# by the provider's editor on the request's own page.
SECRET_NAME = "Geertruida Zonnebloem-Ağaoğlu"
SECRET_MESSAGE = "Mijn moeder valt 's nachts vaak en vergeet haar insuline."
SECRET_PHONE = "06 98765432"
SECRET_EMAIL = "dochter.zonnebloem@example.org"


@pytest.fixture(autouse=True)
def _dutch_first():
    # A request under /en/ leaves English active in the test's thread, and reverse() in the
    # next test would follow it. Every test here starts in Dutch, as a visitor does.
    from django.utils import translation

    with translation.override("nl"):
        yield


def store_enquiry(residence, **overrides) -> Enquiry:
    import uuid

    values = {
        "batch": uuid.uuid4(),
        "residence": residence,
        "provider": residence.provider,
        "role": Role.RELATIVE,
        "name": SECRET_NAME,
        "phone": SECRET_PHONE,
        "email": SECRET_EMAIL,
        "message": SECRET_MESSAGE,
        "contact_way": ContactWay.PHONE,
        "contact_time": ContactTime.MORNING,
        "wishes": None,
    }
    values.update(overrides)
    enquiry = Enquiry.objects.create(**values)
    StatusChange.objects.create(enquiry=enquiry, status=Status.NEW)
    return enquiry
