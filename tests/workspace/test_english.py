"""The workspace pages of the questionnaire together, "save for a client" and the comparison read
in English under /en/: no Dutch chrome (the English site's check, tests/pages/test_english_site)."""

import pytest
from bs4 import BeautifulSoup

from tests.pages.test_english_site import DUTCH, dutch_words
from tests.workspace.conftest import sign_in
from tests.workspace.test_questionnaire_together import TOGETHER_ANSWERS
from workspace import links
from workspace.models import Client, Professional, ShareLink


@pytest.fixture
def english_client(client, professional, dementia_homes):
    sign_in(client, professional)
    kept = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="EN-1"
    )
    for home in dementia_homes[:2]:
        kept.shortlist.create(residence_id=home.pk)
    return kept


def walk_in_english(browser, kept) -> list[str]:
    """Answer every question under /en/; returns the pages seen."""
    response = browser.get(f"/en/werkruimte/client/{kept.pk}/vragenlijst/")
    url = response["Location"]
    assert url.startswith(f"/en/werkruimte/client/{kept.pk}/vragenlijst/")
    pages = []
    while "/vragenlijst/" in url:
        slug = url.rstrip("/").split("/")[-1]
        page = browser.get(url)
        assert page.status_code == 200
        pages.append(page.content.decode())
        value = TOGETHER_ANSWERS[slug]
        url = browser.post(url, value if isinstance(value, dict) else {slug: value})["Location"]
    assert url == f"/en/werkruimte/client/{kept.pk}/#onze-wensen"
    return pages


def test_the_questionnaire_together_reads_in_english(client, english_client):
    pages = walk_in_english(client, english_client)
    assert "What age do we fill in?" in pages[0]
    for page in pages:
        assert dutch_words(page) == []
    page = client.get(f"/en/werkruimte/client/{english_client.pk}/").content.decode()
    assert "Our wishes" in page
    assert "Where are we looking for a home?" in page
    assert f"/en/werkruimte/client/{english_client.pk}/vergelijken/" in page
    compare = client.get(f"/en/werkruimte/client/{english_client.pk}/vergelijken/")
    assert "2 residences side by side" in compare.content.decode()
    assert dutch_words(page) == []
    assert dutch_words(compare.content.decode()) == []


def test_the_shared_comparison_reads_in_english(client, english_client):
    walk_in_english(client, english_client)
    token = links.token_for(ShareLink.objects.create(client=english_client))
    client.logout()
    shared = client.get(f"/en/werkruimte/gedeeld/{token}/").content.decode()
    assert "Our wishes" in shared
    compare = client.get(f"/en/werkruimte/gedeeld/{token}/vergelijken/").content.decode()
    assert "Compare" in compare
    for page in (shared, compare):
        assert dutch_words(page) == []


def test_save_for_a_client_reads_in_english(client, english_client, dementia_homes):
    results = client.get("/en/zoeken/?doelgroep=vv-pg").content.decode()
    assert "Save for a client" in results
    url = dementia_homes[0].url
    residence = client.get(url if url.startswith("/en/") else "/en" + url).content.decode()
    assert "Put on this client's shortlist" in residence
    refused = client.post("/en/werkruimte/voor-client/zoekopdracht/", {"address": "?x=1"})
    assert refused.status_code == 400
    assert "Choose a client." in refused.content.decode()
    assert dutch_words(refused.content.decode()) == []
    # On the public pages, the part added for professionals (their provider texts are Dutch and
    # the English site's own tests cover the rest).
    for html in (results, residence):
        offer = BeautifulSoup(html, "html.parser").select_one("details.save-for-client")
        assert DUTCH.findall(offer.get_text(" ")) == []
