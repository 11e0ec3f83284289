"""The English site (issue 16.1): every page type read under /en/ is English, except text that
exists only in Dutch (a provider's own texts), which is marked lang="nl"."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.factories import ProviderPageFactory, ResidencePageFactory

pytestmark = pytest.mark.django_db

# Everyday Dutch words that do not occur in English text.
DUTCH_WORDS = (
    "het", "een", "uw", "voor", "niet", "zoeken", "woonlocatie", "woonplek", "woonplekken",
    "wij", "bij", "naar", "ook", "van", "en", "met", "zijn", "deze", "welke", "wat",
)  # fmt: skip
DUTCH = re.compile(r"\b(" + "|".join(DUTCH_WORDS) + r")\b")
READ_ALOUD = ("aria-label", "alt", "placeholder", "title")
ADDRESS = re.compile(r"\S*[/@]\S*")  # addresses and e-mail addresses are not prose


def english_text(html: str) -> str:
    """What a visitor reads or hears on the page, without the parts marked as Dutch."""
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    for element in soup.select('script, style, template, [lang="nl"]'):
        element.decompose()
    spoken = [
        element[attribute]
        for attribute in READ_ALOUD
        for element in soup.body.select(f"[{attribute}]")
    ]
    text = " ".join([soup.title.get_text(), soup.body.get_text(" "), *spoken])
    return ADDRESS.sub(" ", text)


def dutch_words(html: str) -> list[str]:
    text = english_text(html)
    return [
        text[max(match.start() - 40, 0) : match.end() + 40].replace("\n", " ")
        for match in DUTCH.finditer(text)
    ]


@pytest.fixture
def residence(home_page, demo_pages):
    provider = ProviderPageFactory(
        parent=home_page,
        title="Zorggroep De Linde",
        intro="Wonen met zorg in Rotterdam en omgeving.",
        description="<p>Wij zijn een zorgaanbieder voor ouderen in de regio.</p>",
    )
    return ResidencePageFactory(
        parent=provider,
        title="Huize Rozenhof",
        description="<p>Een warm huis met een eigen kamer voor iedereen.</p>",
        day_in_the_life="<p>We eten samen en wandelen in de tuin.</p>",
    )


def english_pages(residence) -> dict[str, str]:
    ids = f"id={residence.pk}"
    return {
        "home": "/en/",
        "content page": "/en/wat-is-de-wlz/",
        "about": "/en/over-woonvinder/",
        "provider": residence.get_parent().specific.url,
        "residence": residence.url,
        "results": "/en/zoeken/?plaats=Rotterdam",
        "compare": f"/en/zoeken/vergelijken/?{ids}",
        "shortlist": "/en/zoeken/bewaarlijst/",
        "questionnaire start": "/en/vragenlijst/",
        "how we rank": "/en/zoeken/zo-rangschikken-wij/",
        "site search": "/en/zoeken-op-site/?q=care",
    }


def test_every_page_type_in_english_has_no_dutch_outside_lang_nl(client, residence):
    from django.utils import translation

    with translation.override("en"):
        pages = english_pages(residence)
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        words = dutch_words(response.content.decode())
        if words:
            found[name] = words
    assert found == {}, "\n".join(f"{name}: {words}" for name, words in found.items())


def test_a_dutch_only_residence_is_served_in_english_with_its_own_text_marked_dutch(
    client, residence
):
    from django.utils import translation

    with translation.override("en"):
        url = residence.url
    assert url.startswith("/en/")

    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")

    dutch = [element.get_text(" ", strip=True) for element in soup.select('main [lang="nl"]')]
    assert "Huize Rozenhof" in dutch
    assert "Een warm huis met een eigen kamer voor iedereen." in dutch
    assert "We eten samen en wandelen in de tuin." in dutch
    assert soup.find("h2", string="About this residence") is not None


def test_the_dutch_residence_page_carries_no_language_marks(client, residence):
    html = client.get(residence.url).content.decode()

    assert residence.url.startswith("/") and not residence.url.startswith("/en/")
    assert 'lang="nl"' in html  # the <html> element only
    assert html.count('lang="nl"') == 1


def test_english_menu_and_footer_link_to_the_english_pages(client, demo_pages):
    soup = BeautifulSoup(client.get("/en/").content.decode(), "html.parser")

    menu = {a.get_text(strip=True): a["href"] for a in soup.select(".site-nav a")}
    footer = {a.get_text(strip=True): a["href"] for a in soup.select(".site-footer nav a")}

    assert menu["What is the Wlz?"] == "/en/wat-is-de-wlz/"
    assert menu["Independent client support"] == "/en/onafhankelijke-clientondersteuning/"
    assert footer["About Woonvinder"] == "/en/over-woonvinder/"
    assert footer["Accessibility statement"] == "/en/toegankelijkheidsverklaring/"
    assert footer["Privacy"] == "/en/privacy/"


def test_the_english_home_page_reads_in_english(client, demo_pages):
    soup = BeautifulSoup(client.get("/en/").content.decode(), "html.parser")

    assert soup.select_one(".lead").get_text().startswith("Woonvinder helps you find a place")
    assert "Answer a few questions" in soup.select_one("#how-it-works").parent.get_text()
    support = soup.select_one(".support-block").get_text(" ")
    assert "An independent client support worker helps you" in support


def test_a_dutch_only_content_page_in_english_is_marked_dutch(client, demo_pages):
    html = client.get("/en/indicatie-en-zorgprofiel/").content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert soup.html["lang"] == "en"
    assert soup.select_one("main article")["lang"] == "nl"
    assert soup.select_one(".breadcrumbs li:last-child")["lang"] == "nl"


def test_site_search_in_english_finds_the_english_pages(client, demo_pages):
    response = client.get("/en/zoeken-op-site/?q=cookies")
    soup = BeautifulSoup(response.content.decode(), "html.parser")

    titles = [link.get_text(strip=True) for link in soup.select(".search-results h3 a")]
    assert titles == ["Privacy"]
    assert soup.select_one(".search-results h3 a")["href"] == "/en/privacy/"
