"""The anonymous demand signal: counting, the k-anonymity threshold and who sees the report."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from questionnaire import clock, demand
from questionnaire.models import DemandSignal
from residences.roles import COORDINATOR_GROUP_NAME
from tests.factories import UserFactory


def signals(count: int, *, municipality="Schiedam", musts=("facilities:tuin",), matches=0):
    DemandSignal.objects.bulk_create(
        DemandSignal(
            year_week="2025-W10",
            municipality=municipality,
            musts=list(musts),
            wishes=[],
            match_count=matches,
        )
        for _ in range(count)
    )


def test_groups_of_nine_are_not_shown(db):
    signals(demand.MIN_GROUP_SIZE - 1)
    assert demand.MIN_GROUP_SIZE == 10
    assert demand.report() == []


def test_groups_of_ten_are_shown_with_few_and_no_matches(db):
    signals(6, matches=0)
    signals(2, matches=3)
    signals(2, matches=12)
    [row] = demand.report()
    assert (row.municipality, row.kind, row.item) == ("Schiedam", "must", "facilities:tuin")
    assert (row.searches, row.few, row.none) == (10, 8, 6)
    assert row.label == "Tuin"
    assert row.few_percent == 80


def test_threshold_applies_per_municipality_and_item(db):
    signals(10, municipality="Schiedam")
    signals(9, municipality="Vlaardingen")
    assert [row.municipality for row in demand.report()] == ["Schiedam"]


def test_rows_that_most_often_find_few_come_first(db):
    signals(10, musts=("facilities:lift",), matches=20)
    signals(10, musts=("languages:tr",), matches=1)
    assert [row.item for row in demand.report()] == ["languages:tr", "facilities:lift"]


def test_week_is_the_iso_week(monkeypatch):
    moment = datetime(2025, 1, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam")).timestamp()
    assert demand.year_week(moment) == "2025-W01"
    moment = datetime(2024, 12, 30, 9, tzinfo=ZoneInfo("Europe/Amsterdam")).timestamp()
    assert demand.year_week(moment) == "2025-W01"


def test_recording_counts_matches_with_the_search_backend(visitor, client, monkeypatch):
    from search import backends

    backends.reset_backends()
    monkeypatch.setattr(clock, "now", lambda: datetime(2025, 3, 5, 12).timestamp())
    visitor.complete()
    client.post(reverse("questionnaire:check"), {"meetellen": "ja"})
    signal = DemandSignal.objects.get()
    assert signal.match_count == 0  # an empty catalogue
    assert signal.year_week == "2025-W10"


def test_a_search_is_counted_once_until_the_answers_change(visitor, client):
    visitor.complete()
    client.post(reverse("questionnaire:check"), {"meetellen": "ja"})
    client.post(reverse("questionnaire:demand_opt_in"))
    assert DemandSignal.objects.count() == 1
    visitor.answer("wanneer", "nu", returning=True)
    client.post(reverse("questionnaire:demand_opt_in"))
    assert DemandSignal.objects.count() == 2


def test_opt_in_endpoint_only_redirects_to_our_own_site(visitor, client):
    visitor.complete()
    response = client.post(reverse("questionnaire:demand_opt_in"), {"next": "https://example.com/"})
    assert response["Location"].startswith(reverse("search:results"))


@pytest.fixture
def coordinator(db):
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP_NAME)
    group.permissions.add(_admin_access())
    user = UserFactory()
    user.groups.add(group)
    return user


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")


@pytest.fixture
def editor(db):
    group, _ = Group.objects.get_or_create(name="Zorgaanbieder-redacteuren-test")
    group.permissions.add(_admin_access())
    user = UserFactory()
    user.groups.add(group)
    return user


def test_coordinators_see_the_report(client, coordinator):
    signals(10)
    client.force_login(coordinator)
    response = client.get(reverse("questionnaire_demand_report"))
    assert response.status_code == 200
    assert "Schiedam" in response.content.decode()
    assert "Tuin" in response.content.decode()


def test_superusers_see_the_report(client, db):
    client.force_login(UserFactory(superuser=True))
    assert client.get(reverse("questionnaire_demand_report")).status_code == 200


def test_admin_users_who_edit_no_provider_may_not_see_the_report(client, editor):
    client.force_login(editor)
    response = client.get(reverse("questionnaire_demand_report"))
    assert response.status_code in (302, 403)
    assert not demand.may_view_report(editor)


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(reverse("questionnaire_demand_report"))
    assert response.status_code == 302
    assert "login" in response["Location"]
