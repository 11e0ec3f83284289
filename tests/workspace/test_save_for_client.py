"""'Bewaar voor een cliënt' on the public results and residence pages: a signed-in professional
saves the search they look at for a client, or puts a residence on a client's shortlist. Nothing
for anonymous visitors, nor for someone signed in elsewhere, nor in the pages' cache fragments."""

import re

import pytest
from django.core.cache import cache

from search.criteria import Criteria
from tests.workspace.conftest import DEMENTIA, make_professional, sign_in
from workspace.models import Client, Professional, SavedSearch
from workspace.services import criteria_of

OFFER = "Bewaar voor een cliënt"


@pytest.fixture
def clients_of_professional(professional):
    keeper = Professional.objects.get(user=professional)
    return [Client.objects.create(professional=keeper, label=label) for label in ("ZB-2", "AA-1")]


def results_address() -> str:
    criteria = Criteria.build(musts={"target_groups": [DEMENTIA]}, sort="afstand")
    return "/zoeken/?" + criteria.to_query()


def test_anonymous_visitors_get_no_offer_and_the_cached_parts_hold_none(
    client, dementia_homes, signed_in_elsewhere
):
    cache.clear()
    assert OFFER not in client.get(results_address()).content.decode()
    assert OFFER not in client.get(dementia_homes[0].url).content.decode()
    # A professional fills the page fragments' cache; an anonymous visitor after them sees none
    # of the professional's clients.
    signed_in_elsewhere.get(results_address())
    signed_in_elsewhere.get(dementia_homes[0].url)
    for url in (results_address(), dementia_homes[0].url):
        page = client.get(url).content.decode()
        assert OFFER not in page
        assert "ZB-2" not in page


@pytest.fixture
def signed_in_elsewhere(professional, clients_of_professional):
    from django.test import Client as Browser

    browser = Browser()
    sign_in(browser, professional)
    return browser


def test_a_professional_saves_the_results_search_for_a_client(
    signed_in, clients_of_professional, dementia_homes
):
    page = signed_in.get(results_address()).content.decode()
    assert OFFER in page
    # Their clients, sorted by label; the search of the page, as an address.
    assert page.index(">AA-1<") < page.index(">ZB-2<")
    address = re.search(r'name="address" value="([^"]+)"', page)[1].replace("&amp;", "&")
    keeper = clients_of_professional[0]
    response = signed_in.post(
        "/werkruimte/voor-client/zoekopdracht/",
        {
            "client": keeper.pk,
            "name": "Dementie dichtbij",
            "address": address,
            "next": results_address(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == results_address()
    search = SavedSearch.objects.get(client=keeper)
    assert search.name == "Dementie dichtbij"
    assert criteria_of(search).must_conditions() == [("target_groups", DEMENTIA)]
    after = signed_in.get(response["Location"]).content.decode()
    assert "De zoekopdracht is bewaard bij uw cliënt." in after
    assert "Dementie dichtbij" in signed_in.get(f"/werkruimte/client/{keeper.pk}/").content.decode()


def test_a_professional_puts_a_residence_on_a_clients_shortlist(
    signed_in, clients_of_professional, dementia_homes
):
    home = dementia_homes[1]
    page = signed_in.get(home.url).content.decode()
    assert OFFER in page
    assert f'name="residence" value="{home.pk}"' in page
    keeper = clients_of_professional[1]
    response = signed_in.post(
        "/werkruimte/voor-client/bewaarlijst/",
        {"client": keeper.pk, "residence": home.pk, "next": home.url},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == home.url
    assert "staat op de bewaarlijst van uw cliënt" in response.content.decode()
    assert list(keeper.shortlist.values_list("residence_id", flat=True)) == [home.pk]


def test_bad_input_gets_dutch_messages_and_no_500(
    signed_in, clients_of_professional, dementia_homes
):
    response = signed_in.post(
        "/werkruimte/voor-client/zoekopdracht/",
        {
            "client": "",
            "name": "",
            "address": "?doelgroep=vv-pg",
            "next": "https://elders.example/",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een cliënt." in page
    assert "Geef de zoekopdracht een naam." in page
    assert "https://elders.example/" not in page
    response = signed_in.post(
        "/werkruimte/voor-client/bewaarlijst/",
        {"client": "999999", "residence": dementia_homes[0].pk},
    )
    assert response.status_code == 400
    assert "Kies een cliënt uit uw lijst." in response.content.decode()
    # A link elsewhere is not followed: the client's page instead.
    keeper = clients_of_professional[0]
    response = signed_in.post(
        "/werkruimte/voor-client/bewaarlijst/",
        {"client": keeper.pk, "residence": dementia_homes[0].pk, "next": "https://elders.example/"},
    )
    assert response["Location"] == f"/werkruimte/client/{keeper.pk}/"
    assert not SavedSearch.objects.exists()


def test_another_professionals_client_cannot_be_chosen(
    client, clients_of_professional, wijkteam, dementia_homes
):
    sign_in(client, make_professional("buiten", wijkteam))
    page = client.get(results_address()).content.decode()
    assert OFFER in page
    assert "ZB-2" not in page and "AA-1" not in page
    target = clients_of_professional[0]
    response = client.post(
        "/werkruimte/voor-client/bewaarlijst/",
        {"client": target.pk, "residence": dementia_homes[0].pk},
    )
    assert response.status_code == 400
    response = client.post(
        "/werkruimte/voor-client/zoekopdracht/",
        {"client": target.pk, "name": "X", "address": "?doelgroep=vv-pg"},
    )
    assert response.status_code == 400
    assert not target.shortlist.exists() and not target.searches.exists()
    client.logout()
    # Not signed in: the workspace's login, nothing saved.
    response = client.post(
        "/werkruimte/voor-client/bewaarlijst/",
        {"client": target.pk, "residence": dementia_homes[0].pk},
    )
    assert response["Location"].startswith("/werkruimte/inloggen/")
    assert not target.shortlist.exists()


def test_no_500_under_a_unicode_fuzz_of_the_questionnaire_saving_and_comparing(
    signed_in, clients_of_professional, dementia_homes
):
    """Every form added for the questionnaire together, saving for a client and comparing."""
    import random

    from tests.workspace.test_forms import random_text

    keeper = clients_of_professional[0]
    keeper.answers = {"voor-wie": "client", "leeftijd": 81, "doelgroep": ["vv-pg"]}
    keeper.save()
    base = f"/werkruimte/client/{keeper.pk}/"
    generator = random.Random(1818)
    for _round in range(40):
        text = random_text(generator).encode("utf-8", "surrogatepass")
        for url, data in (
            (base + "vragenlijst/leeftijd/", {"leeftijd": text}),
            (base + "vragenlijst/doelgroep/", {"doelgroep": [text, "vv-pg"]}),
            (base + "vragenlijst/indicatie/", {"indicatie": text}),
            ("/werkruimte/voor-client/zoekopdracht/", {"client": text, "name": text}),
            (
                "/werkruimte/voor-client/zoekopdracht/",
                {"client": keeper.pk, "name": "Z", "address": text, "next": text},
            ),
            (
                "/werkruimte/voor-client/bewaarlijst/",
                {"client": keeper.pk, "residence": text, "next": text},
            ),
        ):
            response = signed_in.post(url, data)
            assert response.status_code < 500, (url, data)
        assert signed_in.get(base + "vergelijken/", {"id": text}).status_code == 200
    keeper.refresh_from_db()
    # Whatever was accepted is an answer the questionnaire allows (digits of any script count).
    assert isinstance(keeper.answers["leeftijd"], int | None)
    assert 0 <= (keeper.answers["leeftijd"] or 0) <= 120
    assert keeper.answers["doelgroep"] == ["vv-pg"]
    assert signed_in.get(base).status_code == 200
