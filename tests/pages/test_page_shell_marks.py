"""Small marks of the page shell (issue 16.8 and 16.10): one current menu item, one labelled
search landmark, a meta description on every page, and "Over Woonvinder" in the footer."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup_of(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def current_in_menu(soup) -> list[str]:
    return [link.get_text(strip=True) for link in soup.select('.site-nav [aria-current="page"]')]


def test_the_shortlist_marks_only_its_own_menu_item(client, demo_pages):
    assert current_in_menu(soup_of(client, "/zoeken/bewaarlijst/")) == ["Bewaarlijst"]
    assert current_in_menu(soup_of(client, "/en/zoeken/bewaarlijst/")) == ["Saved list"]


@pytest.mark.parametrize("url", ["/zoeken/vergelijken/", "/zoeken/zo-rangschikken-wij/"])
def test_direct_search_is_not_current_on_the_search_s_other_pages(client, demo_pages, url):
    assert current_in_menu(soup_of(client, url)) == []


def test_direct_search_is_current_on_the_results(client, demo_pages):
    assert current_in_menu(soup_of(client, "/zoeken/?plaats=Rotterdam")) == ["Direct zoeken"]


def test_the_site_search_has_one_search_landmark_with_a_name(client, demo_pages):
    landmarks = soup_of(client, "/zoeken-op-site/?q=wlz").select('[role="search"]')

    assert [landmark["aria-label"] for landmark in landmarks] == ["Zoeken op de website"]


def test_the_footer_search_is_a_named_landmark_elsewhere(client, demo_pages):
    landmarks = soup_of(client, "/privacy/").select('[role="search"]')

    assert [landmark.get("aria-label") for landmark in landmarks] == ["Zoeken op de website"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/zoeken/?plaats=Rotterdam",
        "/zoeken/bewaarlijst/",
        "/zoeken/vergelijken/",
        "/zoeken/zo-rangschikken-wij/",
        "/vragenlijst/",
        "/zoeken-op-site/",
        "/en/zoeken-op-site/",
    ],
)
def test_every_page_has_a_meta_description(client, demo_pages, url):
    descriptions = soup_of(client, url).select('meta[name="description"]')

    assert len(descriptions) == 1
    assert len(descriptions[0]["content"]) > 40


def test_a_content_page_describes_itself_with_its_search_description(client, demo_pages):
    for url, page in [("/privacy/", demo_pages["privacy"]), ("/en/privacy/", None)]:
        content = soup_of(client, url).select_one('meta[name="description"]')["content"]
        if page is not None:
            assert content == page.search_description
        else:
            assert content.startswith("Which data Woonvinder uses")


def test_over_woonvinder_is_linked_from_the_footer_and_says_who_runs_it(client, demo_pages):
    home = soup_of(client, "/")
    footer = {a.get_text(strip=True): a["href"] for a in home.select(".site-footer nav a")}
    assert footer["Over Woonvinder"] == "/over-woonvinder/"

    about = soup_of(client, "/over-woonvinder/").select_one("main").get_text(" ")
    assert "zorgkantoor Rotterdam Rijnmond" in about
    assert "Elke zorgaanbieder met een contract" in about
    assert "Zorgaanbieders kunnen niet betalen om hoger te staan" in about

    english = soup_of(client, "/en/over-woonvinder/").select_one("main").get_text(" ")
    assert "Care providers cannot pay to be shown higher" in english
