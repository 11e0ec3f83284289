"""Texts editors write outside pages (the site settings, the menu's own labels) have an English
version in the admin. Where an editor left it empty, the English site shows the Dutch text marked
lang="nl" (WCAG 3.1.2), never unmarked Dutch under lang="en"."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Site

from pages.models import NavigationSettings, SiteSettings
from tests.pages.test_english_site import dutch_words

pytestmark = pytest.mark.django_db

FOOTER_NL = "Een dienst van de gemeenten in de regio Rijnmond."
FOOTER_EN = "A service of the municipalities in the Rijnmond region."
SUPPORT_NL = "Bel ons gerust, wij denken met u mee over wonen en zorg."
SUPPORT_EN = "Do call us: we think along with you about housing and care."


def save_settings_in_the_admin(client, **changes):
    """As a coordinator does: open the site settings in Wagtail's admin, change, save."""
    site = Site.objects.get(is_default_site=True)
    address = f"/admin/settings/pages/sitesettings/{site.pk}/"
    form = client.get(address)
    assert form.status_code == 200
    current = SiteSettings.for_site(site)
    data = {
        field: getattr(current, field) or ""
        for field in (
            "support_name", "support_phone", "support_url", "support_text", "support_text_en",
            "contact_email", "footer_text", "footer_text_en",
        )
    }  # fmt: skip
    response = client.post(address, {**data, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def coordinator(client, home_page):
    user = get_user_model().objects.create_superuser("coordinator", "c@example.nl", "x")
    client.force_login(user)
    return user


def footer_and_support(html: str):
    soup = BeautifulSoup(html, "html.parser")
    footer = soup.select_one(".site-footer p")
    support = soup.select_one(".support-block p")
    return footer, support


def test_texts_left_untranslated_are_marked_dutch_on_the_english_site(client, coordinator):
    save_settings_in_the_admin(client, footer_text=FOOTER_NL, support_text=SUPPORT_NL)

    html = client.get("/en/").content.decode()
    footer, support = footer_and_support(html)
    assert footer.select_one('[lang="nl"]').get_text() == FOOTER_NL
    assert support["lang"] == "nl" and support.get_text() == SUPPORT_NL
    assert not [words for words in dutch_words(html) if "Rijnmond" in words or "wonen" in words]


def test_the_editors_english_texts_are_shown_on_the_english_site_only(client, coordinator):
    save_settings_in_the_admin(
        client,
        footer_text=FOOTER_NL,
        footer_text_en=FOOTER_EN,
        support_text=SUPPORT_NL,
        support_text_en=SUPPORT_EN,
    )

    footer, support = footer_and_support(client.get("/en/").content.decode())
    assert FOOTER_EN in footer.get_text() and FOOTER_NL not in footer.get_text()
    assert support.get_text() == SUPPORT_EN and not support.has_attr("lang")
    # The questionnaire's help block reads the same setting.
    start = client.get("/en/vragenlijst/").content.decode()
    assert SUPPORT_EN in start and SUPPORT_NL not in start

    footer, support = footer_and_support(client.get("/").content.decode())
    assert FOOTER_NL in footer.get_text() and FOOTER_EN not in footer.get_text()
    assert support.get_text() == SUPPORT_NL and not support.has_attr("lang")


def test_the_shipped_default_texts_need_no_english_field(client, home_page):
    html = client.get("/en/").content.decode()
    support = BeautifulSoup(html, "html.parser").select_one(".support-block p")
    assert support.get_text().startswith("An independent client support worker")
    assert not support.has_attr("lang")


def set_menu(links):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_links = json.dumps(
        [{"type": "link", "value": {"link_page": None, **link}} for link in links]
    )
    navigation.save()


def menu(client, path: str) -> dict[str, dict]:
    soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
    return {a.get_text(strip=True): a.attrs for a in soup.select(".site-nav a")}


def test_a_menu_label_has_its_english_text_or_is_marked_dutch(client, home_page):
    set_menu(
        [
            {"text": "Over ons", "text_en": "About us", "link_url": "/over-ons/"},
            {"text": "Nieuws uit de regio", "text_en": "", "link_url": "/nieuws/"},
        ]
    )

    english = menu(client, "/en/")
    assert english["About us"]["href"] == "/en/over-ons/" and "lang" not in english["About us"]
    assert english["Nieuws uit de regio"]["lang"] == "nl"
    assert "Over ons" not in english

    dutch = menu(client, "/")
    assert set(dutch) == {"Over ons", "Nieuws uit de regio"}
    assert not any("lang" in attributes for attributes in dutch.values())
