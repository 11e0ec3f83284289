"""Comparing residences on a client's shortlist: in the workspace (up to four, the public compare
table) and read-only through the client's share link, which also shows "Onze wensen"."""

import pytest
from django.utils import timezone

from tests.factories import ResidencePageFactory
from tests.workspace.conftest import make_professional, sign_in
from tests.workspace.test_questionnaire_together import answer_all
from workspace import links
from workspace.models import Client, Professional, ShareLink


@pytest.fixture
def five_homes(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return [ResidencePageFactory(title=f"Huis Vergelijk {n}") for n in range(1, 6)]


@pytest.fixture
def kept(professional, five_homes):
    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="VG-4"
    )
    for home in five_homes:
        client.shortlist.create(residence_id=home.pk)
    return client


def columns_in(page: str, homes) -> list[str]:
    """The residences that are columns of the table, in their order."""
    table = page[page.index('<table class="table compare-table">') : page.index("</table>")]
    heads = table[: table.index("</thead>")]
    return [
        home.title
        for home in sorted(homes, key=lambda home: heads.find(f">{home.title}<"))
        if f">{home.title}<" in heads
    ]


def test_the_professional_compares_up_to_four_from_the_clients_shortlist(
    signed_in, kept, five_homes
):
    url = f"/werkruimte/client/{kept.pk}/vergelijken/"
    assert url in signed_in.get(f"/werkruimte/client/{kept.pk}/").content.decode()
    page = signed_in.get(url).content.decode()
    assert "Woonlocaties vergelijken" in page
    assert "4 woonlocaties naast elkaar" in page
    assert "tegelijk vergelijken" not in page
    # Five on the shortlist: a choice of which four.
    assert "Kies tot 4 woonlocaties om te vergelijken" in page
    assert columns_in(page, five_homes) == [home.title for home in five_homes[:4]]
    # The browser's own shortlist buttons are not the client's: not shown here.
    assert "Bewaar" not in page[page.index("<table") : page.index("</table>")]
    # Choose others; a residence not on the shortlist is never shown.
    outsider = ResidencePageFactory(title="Huis Niet Op De Lijst")
    chosen = f"{url}?id={five_homes[4].pk}&id={five_homes[0].pk}&id={outsider.pk}&id=x"
    page = signed_in.get(chosen).content.decode()
    assert "2 woonlocaties naast elkaar" in page
    # In the order asked, as on the public compare page.
    assert columns_in(page, five_homes) == [five_homes[4].title, five_homes[0].title]
    assert "Huis Niet Op De Lijst" not in page
    # More than four chosen: the first four, and why.
    too_many = url + "?" + "&".join(f"id={home.pk}" for home in five_homes)
    page = signed_in.get(too_many).content.decode()
    assert "U kunt 4 woonlocaties tegelijk vergelijken. U ziet de eerste 4." in page
    assert columns_in(page, five_homes) == [home.title for home in five_homes[:4]]
    page = signed_in.get(chosen).content.decode()
    # "Niet vergelijken" stays in the workspace.
    assert f'href="{url}?id={five_homes[0].pk}"' in page


def test_the_clients_wishes_explain_the_fit(signed_in, kept, five_homes):
    answer_all(signed_in, kept)
    page = signed_in.get(f"/werkruimte/client/{kept.pk}/vergelijken/").content.decode()
    assert "Past bij uw zoekopdracht" in page
    assert "gaat over de zoekopdracht ‘Onze wensen’" in page


def test_the_share_link_shows_the_comparison_and_our_wishes_read_only(
    client, signed_in, kept, five_homes
):
    answer_all(signed_in, kept)
    link = ShareLink.objects.create(client=kept)
    shared = f"/werkruimte/gedeeld/{links.token_for(link)}/"
    client.logout()
    page = client.get(shared).content.decode()
    assert f'href="{shared}vergelijken/"' in page
    assert "Onze wensen" in page
    assert "Waar zoeken we een woonplek?" in page
    assert "Wijzigen" not in page
    page = client.get(shared + "vergelijken/").content.decode()
    assert "4 woonlocaties naast elkaar" in page
    assert "Niet vergelijken" not in page
    assert "Uw ondersteuner heeft deze pagina met u gedeeld" in page
    assert "/werkruimte/client/" not in page
    assert "VG-4" not in page

    link.revoked_at = timezone.now()
    link.save()
    response = client.get(shared + "vergelijken/")
    assert response.status_code == 404
    assert "Huis Vergelijk 1" not in response.content.decode()
    tampered = f"/werkruimte/gedeeld/{links.token_for(link)}x/vergelijken/"
    assert client.get(tampered).status_code == 404


def test_another_professional_gets_no_comparison(client, kept, wijkteam, colleague):
    url = f"/werkruimte/client/{kept.pk}/vergelijken/"
    assert client.get(url)["Location"].startswith("/werkruimte/inloggen/")
    sign_in(client, make_professional("buiten", wijkteam))
    assert client.get(url).status_code == 404
    client.logout()
    sign_in(client, colleague)
    assert client.get(url).status_code == 404
    kept.colleagues.add(Professional.objects.get(user=colleague))
    assert client.get(url).status_code == 200
