"""Coordinators see anonymous totals per organisation and month, groups of 10 or more only."""

from django.contrib.auth.models import Group

from residences.invitations import COORDINATOR_GROUP_NAME
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
