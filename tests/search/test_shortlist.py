"""The shortlist: ids in a signed cookie for 30 days, added and removed by POST, without
JavaScript."""

import pytest
from django.core import signing
from django.test import Client, RequestFactory
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


def saved_ids(client) -> list[int]:
    """The ids the browser's cookie holds, read the way every page reads them."""
    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return shortlist.ids(request)


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
    assert saved_ids(client) == [residences[0].id]


def test_removing_takes_it_off_the_list(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    response = client.post(REMOVE, {"residence": residences[0].id}, follow=True)
    assert "Huis 0 is van uw bewaarlijst gehaald." in response.content.decode()
    assert saved_ids(client) == []


def test_adding_twice_keeps_one_entry(client, residences):
    client.post(ADD, {"residence": residences[1].id})
    response = client.post(ADD, {"residence": residences[1].id}, follow=True)
    assert "staat al op uw bewaarlijst" in response.content.decode()
    assert saved_ids(client) == [residences[1].id]


def test_list_is_limited_to_twenty(client, db):
    provider = ProviderPageFactory()
    pages = [ResidencePageFactory(parent=provider) for _ in range(shortlist.MAX_ITEMS + 1)]
    for page in pages[: shortlist.MAX_ITEMS]:
        client.post(ADD, {"residence": page.id})
    response = client.post(ADD, {"residence": pages[-1].id}, follow=True)
    assert "Uw bewaarlijst is vol" in response.content.decode()
    assert len(saved_ids(client)) == shortlist.MAX_ITEMS


def test_unknown_or_unpublished_residences_are_refused(client, residences):
    residences[2].unpublish()
    response = client.post(ADD, {"residence": residences[2].id}, follow=True)
    assert "bestaat niet" in response.content.decode()
    client.post(ADD, {"residence": "abc"})
    assert saved_ids(client) == []


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


def test_the_cookie_holds_ids_only(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    client.post(ADD, {"residence": residences[1].id})
    value = client.cookies[shortlist.COOKIE_NAME].value
    assert value.split(":", 1)[0] == f"{residences[0].id},{residences[1].id}"


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
    assert shortlist.COOKIE_NAME not in other_device.cookies  # nothing copied


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


# Kept for 30 days in a functional cookie -------------------------------------------------------


def test_the_list_is_still_there_after_the_browser_was_closed(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    client.post(ADD, {"residence": residences[2].id})

    # A new browser session: no session cookie, only the shortlist cookie survives.
    reopened = Client()
    reopened.cookies[shortlist.COOKIE_NAME] = client.cookies[shortlist.COOKIE_NAME].value
    html = reopened.get(PAGE).content.decode()
    assert "U heeft 2 woonlocaties bewaard." in html
    assert "Huis 0" in html and "Huis 2" in html and "Huis 1" not in html
    assert "We onthouden deze lijst 30 dagen" in html


def test_the_cookie_lasts_30_days_and_is_functional_only(client, residences):
    response = client.post(ADD, {"residence": residences[0].id})
    cookie = response.cookies[shortlist.COOKIE_NAME]
    assert cookie["max-age"] == 30 * 24 * 3600
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["secure"]  # no HTTPS in tests; see the next test


def test_the_cookie_is_secure_where_the_session_cookie_is(client, residences, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = client.post(ADD, {"residence": residences[0].id}, HTTP_ACCEPT="application/json")
    assert response.cookies[shortlist.COOKIE_NAME]["secure"] is True


def test_looking_does_not_rewrite_the_cookie(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    assert shortlist.COOKIE_NAME not in client.get(PAGE).cookies


def test_taking_the_last_one_off_removes_the_cookie(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    response = client.post(REMOVE, {"residence": residences[0].id})
    assert response.cookies[shortlist.COOKIE_NAME]["max-age"] == 0
    assert saved_ids(client) == []


@pytest.mark.parametrize(
    "value",
    [
        "tampered",
        "1,2,3",  # unsigned
        "1,2:abc:def",  # a made-up signature
        signing.get_cookie_signer(salt=shortlist.COOKIE_NAME + "another salt").sign("1"),
        signing.get_cookie_signer(salt=shortlist.COOKIE_NAME + shortlist.COOKIE_SALT).sign(
            "1,x,<script>"
        ),  # signed by us but not ids
        "é" * 5000,
    ],
    # Signed values carry a timestamp: fixed ids keep the collection the same in every
    # pytest-xdist worker.
    ids=["tampered", "unsigned", "made-up-signature", "other-salt", "not-ids", "long"],
)
def test_a_changed_or_strange_cookie_counts_as_an_empty_list(client, residences, value):
    client.cookies[shortlist.COOKIE_NAME] = value
    for path in (PAGE, "/zoeken/", "/zoeken/vergelijken/", residences[0].url):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Uw bewaarlijst is nog leeg." in client.get(PAGE).content.decode()
    # Saving still works and replaces the broken cookie.
    client.post(ADD, {"residence": residences[1].id})
    assert saved_ids(client) == [residences[1].id]


def test_a_tampered_copy_of_a_real_cookie_is_ignored(client, residences):
    client.post(ADD, {"residence": residences[0].id})
    real = client.cookies[shortlist.COOKIE_NAME].value
    client.cookies[shortlist.COOKIE_NAME] = real.replace(
        str(residences[0].id), str(residences[1].id), 1
    )
    html = client.get(PAGE).content.decode()
    assert "Uw bewaarlijst is nog leeg." in html and "Huis 1" not in html


def test_a_cookie_older_than_30_days_counts_as_empty(client, residences, monkeypatch):
    client.post(ADD, {"residence": residences[0].id})
    monkeypatch.setattr(shortlist, "COOKIE_MAX_AGE_DAYS", -1)
    assert "Uw bewaarlijst is nog leeg." in client.get(PAGE).content.decode()


def test_each_visitor_sees_their_own_buttons_on_cached_pages(client, residences):
    from search.indexing import rebuild_index

    rebuild_index()
    client.post(ADD, {"residence": residences[0].id})
    stranger = Client()
    for path in ("/zoeken/", f"/zoeken/vergelijken/?id={residences[0].id}", residences[0].url):
        mine, theirs = client.get(path).content.decode(), stranger.get(path).content.decode()
        assert "Van bewaarlijst halen: Huis 0" in mine, path
        assert "Van bewaarlijst halen" not in theirs, path
        assert "Bewaren: Huis 0" in theirs, path
