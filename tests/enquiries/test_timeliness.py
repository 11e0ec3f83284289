"""A request still new after five working days is flagged for its provider and counted for the
coordinators; weekends do not count."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries.models import Enquiry, Status
from enquiries.selectors import is_overdue
from enquiries.workdays import working_days_between
from tests.enquiries.conftest import store_enquiry


def test_weekends_do_not_count():
    friday = date(2026, 12, 4)
    assert working_days_between(friday, friday + timedelta(days=3)) == 1  # to Monday
    assert working_days_between(friday, friday + timedelta(days=7)) == 5  # to next Friday
    assert working_days_between(friday, friday) == 0


def sent_on(enquiry, day: date):
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    Enquiry.objects.filter(pk=enquiry.pk).update(created_at=moment)
    enquiry.refresh_from_db()


@pytest.mark.django_db
def test_a_new_request_is_overdue_after_five_working_days(provider_a):
    enquiry = store_enquiry(provider_a.residence)
    sent_on(enquiry, date(2026, 11, 27))  # a Friday
    assert not is_overdue(enquiry, date(2026, 12, 3))  # four working days later
    assert is_overdue(enquiry, date(2026, 12, 4))
    enquiry.status = Status.IN_PROGRESS
    assert not is_overdue(enquiry, date(2026, 12, 31))


@pytest.mark.django_db
def test_the_inbox_flags_and_the_overview_counts_overdue_requests(
    client, provider_a, provider_b, coordinator
):
    late = store_enquiry(provider_a.residence)
    sent_on(late, timezone.localdate() - timedelta(days=14))
    store_enquiry(provider_a.residence)
    store_enquiry(provider_b.residence, status=Status.VISIT_PLANNED)

    client.force_login(provider_a.editor)
    inbox = client.get(reverse("enquiries_inbox")).content.decode()
    assert inbox.count("Niet opgepakt in 5 werkdagen") == 1
    detail = client.get(reverse("enquiries_detail", args=[late.pk])).content.decode()
    assert "Deze aanvraag is na 5 werkdagen nog niet opgepakt." in detail

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Er zijn 2 nieuwe aanvragen voor uw woonlocaties." in dashboard
    assert "1 daarvan wacht al langer dan 5 werkdagen." in dashboard
    client.force_login(provider_b.editor)
    assert "nieuwe aanvra" not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(coordinator)
    overview = client.get(reverse("enquiries_overview")).content.decode()
    row_a = overview[overview.index("Zorggroep A") :].split("</tr>")[0]
    cells_a = [cell.strip() for cell in row_a.split("<td>")[1:]]
    # Nieuw, In behandeling, Kennismaking gepland, Geplaatst, Afgesloten, Totaal, te laat
    assert [cell.split("<")[0] for cell in cells_a] == ["2", "0", "0", "0", "0", "2", "1"]
    row_b = overview[overview.index("Zorggroep B") :].split("</tr>")[0]
    assert [cell.split("<")[0].strip() for cell in row_b.split("<td>")[1:]] == [
        "0", "0", "1", "0", "0", "1", "0"
    ]


@pytest.mark.django_db
def test_a_status_change_marks_the_request_picked_up_and_closing_needs_a_reason(
    client, provider_a
):
    enquiry = store_enquiry(provider_a.residence)
    client.force_login(provider_a.editor)
    url = reverse("enquiries_detail", args=[enquiry.pk])
    response = client.post(url, {"status": Status.CLOSED})
    assert "Kies waarom de aanvraag wordt afgesloten." in response.content.decode()
    client.post(url, {"status": Status.IN_PROGRESS})
    enquiry.refresh_from_db()
    assert enquiry.status == Status.IN_PROGRESS and enquiry.picked_up_at is not None
    # Back to "new" is not offered, and not accepted.
    response = client.post(url, {"status": Status.NEW})
    enquiry.refresh_from_db()
    assert enquiry.status == Status.IN_PROGRESS
    client.post(url, {"status": Status.CLOSED, "closed_reason": "geen-plek"})
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.closed_reason) == (Status.CLOSED, "geen-plek")
    assert enquiry.closed_at is not None
    assert list(enquiry.history.values_list("status", flat=True)) == [
        Status.NEW, Status.IN_PROGRESS, Status.CLOSED
    ]
    assert "Wijzig de status" not in client.get(url).content.decode()
