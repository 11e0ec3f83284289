"""Coordinators see anonymous totals per organisation and month, groups of 10 or more only."""

from django.contrib.auth.models import Group

from residences.roles import COORDINATOR_GROUP_NAME
from tests.factories import UserFactory
from tests.workspace.conftest import make_professional
from workspace.models import Client, Professional, SavedSearch


def test_coordinators_see_totals_of_ten_or_more_only(client, professional, wijkteam):
    keeper = Professional.objects.get(user=professional)
    for number in range(11):
        kept = Client.objects.create(professional=keeper, label=f"MEE-{number}")
        SavedSearch.objects.create(client=kept, name="z", query="", seen_ids=[], seen_free_ids=[])
    other = Professional.objects.get(user=make_professional("wijk", wijkteam))
    for number in range(3):
        Client.objects.create(professional=other, label=f"WIJK-{number}")
    coordinator = UserFactory(
        username="coordinator",
        groups=[Group.objects.get_or_create(name=COORDINATOR_GROUP_NAME)[0]],
    )
    client.force_login(coordinator)
    page = client.get("/werkruimte/cijfers/").content.decode()
    rows = {
        row.split("</td>", 1)[0]: row
        for row in page.split("<tr><td>")[1:]
    }
    assert "<td>11</td>" in rows["MEE Rotterdam Rijnmond"]
    assert "<td>3</td>" not in rows["Wijkteam Feijenoord"]
    assert "minder dan 10" in rows["Wijkteam Feijenoord"]
    assert "MEE-1" not in page and "WIJK-1" not in page


def test_professionals_and_visitors_do_not_see_the_figures(signed_in, client):
    assert signed_in.get("/werkruimte/cijfers/").status_code == 403
    signed_in.logout()
    assert client.get("/werkruimte/cijfers/").status_code == 302


def figure_rows(page: str) -> dict[str, list[str]]:
    """Each table row's cells by organisation (the first cell)."""
    import re

    rows = {}
    for row in re.findall(r"<tr><td>(.*?)</tr>", page, flags=re.S):
        cells = [cell.strip() for cell in re.findall(r"(?:^|<td>)(.*?)</td>", row, flags=re.S)]
        rows[cells[0]] = cells
    return rows


def test_requests_on_behalf_and_placements_count_per_organisation_and_month(
    client, professional, wijkteam, provider_a, settings, django_capture_on_commit_callbacks
):
    from django.test import Client as Browser
    from django.urls import reverse

    from enquiries.models import Enquiry, Status
    from tests.workspace.conftest import sign_in
    from tests.workspace.test_requests_on_behalf import SENDER
    from workspace.models import ShortlistItem

    settings.ENQUIRY_LIMIT_PER_ADDRESS = (100, 3600)
    other = make_professional("wijk", wijkteam)
    kept = {professional: [], other: []}
    for user, count in ((professional, 11), (other, 3)):
        for number in range(count):
            label = f"{user.username}-{number}"
            kept_client = Client.objects.create(
                professional=Professional.objects.get(user=user), label=label
            )
            ShortlistItem.objects.create(client=kept_client, residence_id=provider_a.residence.pk)
            kept[user].append(kept_client)
    # Each client's request goes out over HTTP, as the professional sends it.
    for user in (professional, other):
        sign_in(client, user)
        for kept_client in kept[user]:
            response = client.post(
                reverse("workspace:send_request", args=[kept_client.pk]),
                {"residences": [provider_a.residence.pk], **SENDER},
            )
            assert response.status_code == 302
        client.logout()
    # The provider places ten of MEE's clients and two of the district team's.
    editor = Browser()
    editor.force_login(provider_a.editor)
    placed = [
        kept_client.requests.get().enquiry
        for user, count in ((professional, 10), (other, 2))
        for kept_client in kept[user][:count]
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for enquiry in placed:
            response = editor.post(
                reverse("enquiries_detail", args=[enquiry.pk]), {"status": Status.PLACED}
            )
            assert response.status_code == 302
    assert Enquiry.objects.filter(status=Status.PLACED).count() == 12

    coordinator = UserFactory(
        username="coordinator",
        groups=[Group.objects.get_or_create(name=COORDINATOR_GROUP_NAME)[0]],
    )
    client.force_login(coordinator)
    page = client.get("/werkruimte/cijfers/").content.decode()
    assert "Aanvragen namens cliënten" in page and "Plaatsingen" in page
    rows = figure_rows(page)
    # Organisation, month, clients, searches, requests, placements.
    assert rows["MEE Rotterdam Rijnmond"][2:] == ["11", "minder dan 10", "11", "10"]
    assert rows["Wijkteam Feijenoord"][2:] == ["minder dan 10"] * 4
    assert "Huis A" not in page and "ondersteuner-1" not in page
