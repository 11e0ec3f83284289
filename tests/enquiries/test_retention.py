"""`purge_enquiries` (daily from cron) deletes closed requests after REQUEST_RETENTION_DAYS and
untouched ones after REQUEST_UNTOUCHED_DAYS, with their history and access log."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from enquiries.models import AccessLog, ClosedReason, Enquiry, Status, StatusChange
from tests.enquiries.conftest import store_enquiry


def age(enquiry, *, updated_days=0, closed_days=None):
    now = timezone.now()
    Enquiry.objects.filter(pk=enquiry.pk).update(
        updated_at=now - timedelta(days=updated_days),
        closed_at=None if closed_days is None else now - timedelta(days=closed_days),
    )


def purge() -> str:
    output = io.StringIO()
    call_command("purge_enquiries", stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_closed_requests_go_after_the_retention_period(provider_a, settings):
    settings.REQUEST_RETENTION_DAYS = 90
    old = store_enquiry(
        provider_a.residence, status=Status.CLOSED, closed_reason=ClosedReason.NO_PLACE
    )
    recent = store_enquiry(
        provider_a.residence, status=Status.CLOSED, closed_reason=ClosedReason.NO_PLACE
    )
    placed = store_enquiry(provider_a.residence, status=Status.PLACED)
    age(old, updated_days=91, closed_days=91)
    age(recent, updated_days=89, closed_days=89)
    age(placed, updated_days=100, closed_days=100)
    AccessLog.objects.create(enquiry=old, user=provider_a.editor, action=AccessLog.Action.OPENED)

    assert "Deleted 2 request(s)." in purge()

    assert list(Enquiry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not StatusChange.objects.filter(enquiry_id=old.pk).exists()
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_open_requests_go_only_when_untouched_for_half_a_year(provider_a, settings):
    settings.REQUEST_UNTOUCHED_DAYS = 180
    forgotten = store_enquiry(provider_a.residence)
    in_progress = store_enquiry(provider_a.residence, status=Status.IN_PROGRESS)
    age(forgotten, updated_days=181)
    age(in_progress, updated_days=179)

    assert "Deleted 1 request(s)." in purge()

    assert list(Enquiry.objects.values_list("pk", flat=True)) == [in_progress.pk]


@pytest.mark.django_db
def test_the_retention_period_follows_the_setting(provider_a, settings):
    settings.REQUEST_RETENTION_DAYS = 30
    closed = store_enquiry(
        provider_a.residence, status=Status.CLOSED, closed_reason=ClosedReason.NO_RESPONSE
    )
    age(closed, updated_days=31, closed_days=31)
    purge()
    assert not Enquiry.objects.exists()
