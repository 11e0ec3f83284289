"""The shortlist: ids in the session, added and removed by POST, without JavaScript."""

import pytest
from django.urls import reverse

from search import shortlist
from tests.factories import ProviderPageFactory, ResidencePageFactory

ADD = "/zoeken/bewaarlijst/toevoegen/"
REMOVE = "/zoeken/bewaarlijst/verwijderen/"
PAGE = "/zoeken/bewaarlijst/"


@pytest.fixture
def residences(db):
    provider = ProviderPageFactory()
    return [ResidencePageFactory(parent=provider, title=f"Huis {n}") for n in range(3)]


def test_urls_have_the_agreed_names():
    assert reverse("search:shortlist") == PAGE
    assert reverse("search:shortlist_add") == ADD
    assert reverse("search:shortlist_remove") == REMOVE


def test_adding_redirects_back_with_a_message_and_lists_the_residence(client, residences):
    response = client.post(
        ADD, {"residence": residences[0].id, "next": "/zoeken/?q=x"}, follow=True
    )
    # Back to the saved card, not the top of a long results page.
    assert response.redirect_chain == [(f"/zoeken/?q=x#woonlocatie-{residences[0].id}", 302)]
    assert "Huis 0 staat nu op uw bewaarlijst." in response.content.decode()
    page = client.get(PAGE).content.decode()
    assert "Huis 0" in page and "Huis 1" not in page
    assert client.session[shortlist.SESSION_KEY] == [residences[0].id]


def test_removing_takes_it_off_the_list(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    response = client.post(REMOVE, {"residence": residences[0].id}, follow=True)
    assert "Huis 0 is van uw bewaarlijst gehaald." in response.content.decode()
    assert client.session[shortlist.SESSION_KEY] == []


def test_adding_twice_keeps_one_entry(client, residences):
    client.post(ADD, {"residence": residences[1].id})
    response = client.post(ADD, {"residence": residences[1].id}, follow=True)
    assert "staat al op uw bewaarlijst" in response.content.decode()
    assert client.session[shortlist.SESSION_KEY] == [residences[1].id]


def test_list_is_limited_to_twenty(client, db):
    provider = ProviderPageFactory()
    pages = [ResidencePageFactory(parent=provider) for _ in range(shortlist.MAX_ITEMS + 1)]
    for page in pages[: shortlist.MAX_ITEMS]:
        client.post(ADD, {"residence": page.id})
    response = client.post(ADD, {"residence": pages[-1].id}, follow=True)
    assert "Uw bewaarlijst is vol" in response.content.decode()
    assert len(client.session[shortlist.SESSION_KEY]) == shortlist.MAX_ITEMS


def test_unknown_or_unpublished_residences_are_refused(client, residences):
    residences[2].unpublish()
    response = client.post(ADD, {"residence": residences[2].id}, follow=True)
    assert "bestaat niet" in response.content.decode()
    client.post(ADD, {"residence": "abc"})
    assert client.session.get(shortlist.SESSION_KEY, []) == []


def test_next_to_another_site_is_ignored(client, residences):
    response = client.post(ADD, {"residence": residences[0].id, "next": "https://evil.example/"})
    assert response.url == f"{PAGE}#woonlocatie-{residences[0].id}"


def test_get_is_not_allowed_on_add(client, residences):
    assert client.get(ADD).status_code == 405


def test_json_answer_for_script_enhancement(client, residences):
    response = client.post(ADD, {"residence": residences[0].id}, HTTP_ACCEPT="application/json")
    assert response.json() == {
        "changed": True,
        "message": "Huis 0 staat nu op uw bewaarlijst.",
        "count": 1,
    }


def test_shortlist_page_offers_print_compare_and_a_share_link(client, residences):
    for page in residences:
        client.post(ADD, {"residence": page.id})
    html = client.get(PAGE).content.decode()
    ids = "&amp;".join(f"id={page.id}" for page in residences)
    assert f"/zoeken/vergelijken/?{ids}" in html
    assert "/zoeken/bewaarlijst/gedeeld/" in html
    assert "data-print hidden" in html


def test_unpublished_residence_drops_out_of_the_list(client, residences):
    client.post(ADD, {"residence": residences[0].id}, follow=True)
    residences[0].unpublish()
    assert "Huis 0" not in client.get(PAGE).content.decode()


def test_session_holds_ids_only(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    assert all(isinstance(value, int) for value in client.session[shortlist.SESSION_KEY])


def test_result_cards_have_working_add_buttons(client, residences):
    from search.indexing import rebuild_index

    rebuild_index()
    html = client.get("/zoeken/").content.decode()
    assert f'action="{ADD}"' in html
    assert f'name="residence" value="{residences[0].id}"' in html


def share_link(client) -> str:
    html = client.get(PAGE).content.decode()
    start = html.index('id="deel-link"')
    value = html[start:].split('value="', 1)[1].split('"', 1)[0]
    return value.replace("http://testserver", "")


def test_the_whole_list_can_be_shared_and_opens_read_only_on_another_device(client, residences):
    from django.test import Client

    for page in residences:
        client.post(ADD, {"residence": page.id})
    link = share_link(client)
    assert link.startswith("/zoeken/bewaarlijst/gedeeld/")

    other_device = Client()
    html = other_device.get(link).content.decode()
    assert "Iemand heeft deze 3 woonlocaties met u gedeeld." in html
    assert all(f"Huis {n}" in html for n in range(3))  # the whole list, not the first four
    assert "Bewaren" not in html and "Van bewaarlijst halen" not in html  # read-only
    assert other_device.session.get(shortlist.SESSION_KEY) is None  # nothing copied


def test_a_changed_or_old_share_link_says_so_in_dutch(client, residences, monkeypatch):
    client.post(ADD, {"residence": residences[0].id})
    link = share_link(client)

    tampered = client.get(link.replace("/gedeeld/", "/gedeeld/x"))
    assert tampered.status_code == 404
    assert "Deze link werkt niet (meer)." in tampered.content.decode()

    monkeypatch.setattr(shortlist, "SHARE_MAX_AGE_DAYS", -1)
    expired = client.get(link)
    assert expired.status_code == 404
    assert "ouder dan 90 dagen" in expired.content.decode()
