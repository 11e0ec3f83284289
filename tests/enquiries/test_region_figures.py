"""The region's anonymous figures: only groups of at least ten requests, no contents, for
coordinators and providers' editors alike."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries import figures
from enquiries.models import Enquiry, Status
from tests.enquiries.conftest import SECRET_NAME, store_enquiry
from tests.factories import ResidencePageFactory


@pytest.fixture
def requests_in_region(provider_a, provider_b):
    now = timezone.now()
    for number in range(10):
        enquiry = store_enquiry(provider_a.residence)
        if number < 4:
            Enquiry.objects.filter(pk=enquiry.pk).update(
                status=Status.PLACED, picked_up_at=now + timedelta(days=2)
            )
    schiedam = ResidencePageFactory(
        parent=provider_b.page, title="De Waterlelie", municipality="Schiedam",
        care_profiles=["VG03"],
    )
    for _number in range(3):
        store_enquiry(schiedam)
    Enquiry.objects.update(created_at=now)


@pytest.mark.django_db
def test_only_groups_of_ten_or_more_are_shown(requests_in_region):
    report = figures.report()
    assert [(row.label, row.requests) for row in report["municipality"]] == [("Rotterdam", 10)]
    assert [row.label for row in report["care_profile"]] == ["VV"]
    (rotterdam,) = report["municipality"]
    assert (rotterdam.placed, rotterdam.placed_percent) == (4, 40)
    assert rotterdam.median_response_days == 2.0
    (month,) = report["month"]
    assert month.requests == 13


@pytest.mark.django_db
def test_coordinators_and_editors_see_the_figures_anonymous_visitors_do_not(
    client, requests_in_region, provider_a, provider_b, coordinator
):
    url = reverse("enquiries_region_report")
    assert client.get(url).status_code == 302  # to the login
    for user in (coordinator, provider_a.editor, provider_b.editor):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Rotterdam" in page and "Schiedam" not in page
        assert re.search(r"<td>10</td>\s*<td>4</td>", page)
        assert SECRET_NAME not in page
