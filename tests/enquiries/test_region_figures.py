"""The region's anonymous figures: only groups of at least ten requests, no contents, for
coordinators and providers' editors alike; and the editors also see the opted-in demand
signal."""

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


@pytest.mark.django_db
def test_providers_editors_see_both_regional_reports_in_their_menu_anonymous_only(
    client, requests_in_region, provider_a, provider_b
):
    """What the questionnaire's opt-in promises: providers see which places are too few. The
    editor of provider A sees the region's figures, B's requests counted in only where a group
    holds ten or more, and the opted-in demand signal, never one request or one search."""
    from questionnaire.models import DemandSignal

    def searches(count, municipality):
        DemandSignal.objects.bulk_create(
            DemandSignal(
                year_week="2026-W48", municipality=municipality, musts=["facilities:tuin"],
                wishes=[], match_count=1,
            )
            for _number in range(count)
        )

    searches(10, "Vlaardingen")
    searches(9, "Maassluis")
    figures_url = reverse("enquiries_region_report")
    demand_url = reverse("questionnaire_demand_report")
    for url in (figures_url, demand_url):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]

    for editor in (provider_a.editor, provider_b.editor):
        client.force_login(editor)
        menu = client.get(reverse("wagtailadmin_home")).content.decode()
        assert figures_url in menu and demand_url in menu

        page = client.get(figures_url).content.decode()
        # Provider B's three requests in Schiedam are too few to show on their own.
        assert "Rotterdam" in page and "Schiedam" not in page
        assert SECRET_NAME not in page and "De Waterlelie" not in page

        response = client.get(demand_url)
        assert response.status_code == 200
        page = response.content.decode()
        cells = r"<td>Vlaardingen</td>\s*<td>[^<]+</td>\s*<td>[^<]+</td>\s*<td>(\d+)</td>"
        row = re.search(cells, page)
        assert row and row.group(1) == "10", page
        assert "Maassluis" not in page  # nine searches: a group too small to show


@pytest.mark.django_db
def test_an_editor_sees_the_figures_of_their_own_providers_region(
    client, provider_a, provider_b, coordinator
):
    """Provider B works in Haaglanden: its editor sees Haaglanden's requests, A's editor
    Rotterdam-Rijnmond's, the coordinator both."""
    from residences.models import ProviderPage
    from residences.taxonomy import Region

    ProviderPage.objects.filter(pk=provider_b.page.pk).update(region=Region.HAAGLANDEN)
    the_hague = ResidencePageFactory(
        parent=provider_b.page, title="Duinzicht", municipality="Den Haag"
    )
    for residence in (provider_a.residence, the_hague):
        for _number in range(10):
            store_enquiry(residence)
    url = reverse("enquiries_region_report")

    def shown(user):
        client.force_login(user)
        page = client.get(url).content.decode()
        return {name for name in ("Rotterdam", "Den Haag") if f"<th scope=\"row\">{name}" in page}

    assert shown(coordinator) == {"Rotterdam", "Den Haag"}
    assert shown(provider_a.editor) == {"Rotterdam"}
    assert shown(provider_b.editor) == {"Den Haag"}
    client.force_login(provider_b.editor)
    assert "Regio: <strong>Haaglanden</strong>" in client.get(url).content.decode()
    assert figures.report(regions={Region.HAAGLANDEN})["municipality"][0].label == "Den Haag"
