"""The page shell (header, footer, the questionnaire's help box) is rendered once and shared
(pages/navigation.py `shell_part`), yet every page marks its own current link, every visitor
gets their own language switch, and every change to content or settings shows at once."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from pages import navigation
from pages.models import ContentPage, NavigationSettings, SiteSettings
from pages.page_cache import content_changed
from search.fragments import marker
from tests.factories import publish_page

pytestmark = pytest.mark.django_db

STEP = "/vragenlijst/vraag/voor-wie/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEXT = re.compile(r'name="next" value="([^"]*)"')
CURRENT = re.compile(r'href="([^"]+)" aria-current="page"')


@pytest.fixture(autouse=True)
def _dutch_after_each_test():
    yield
    translation.activate("nl")


def content_page(home, title, **fields):
    page = ContentPage(title=title, **fields)
    home.add_child(instance=page)
    return publish_page(page)


def part(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def main_menu(html: str) -> str:
    return part(html, '<nav class="site-nav"', "</nav>")


def footer(html: str) -> str:
    return part(html, '<footer class="site-footer">', "</footer>")


def test_the_shared_header_marks_the_current_link_of_each_page(client, home_page):
    pages = [STEP, "/zoeken/bewaarlijst/", "/vragenlijst/", "/", STEP]
    current = [CURRENT.findall(main_menu(client.get(path).content.decode())) for path in pages]

    assert current == [["/vragenlijst/"], ["/zoeken/"], ["/vragenlijst/"], ["/"], ["/vragenlijst/"]]


def test_the_shared_footer_marks_its_current_link(client, demo_pages):
    privacy = demo_pages["privacy"].url

    on_privacy = footer(client.get(privacy).content.decode())
    on_step = footer(client.get(STEP).content.decode())

    assert CURRENT.findall(on_privacy) == [privacy]
    assert f'href="{privacy}"' in on_step
    assert CURRENT.findall(on_step) == []


def test_a_page_published_into_the_menu_shows_at_once_on_questionnaire_pages(client, home_page):
    client.get(STEP)
    client.get(STEP)  # the header is shared by now

    page = content_page(home_page, "Over ons", show_in_menus=True)
    assert f'href="{page.url}">Over ons</a>' in main_menu(client.get(STEP).content.decode())

    page.unpublish()
    assert ">Over ons</a>" not in client.get(STEP).content.decode()


def test_site_settings_show_at_once_in_the_shared_footer_and_help_box(client, home_page):
    site = Site.objects.get(is_default_site=True)
    # Settings are created on first use, which starts a new content version.
    settings = SiteSettings.for_site(site)
    NavigationSettings.for_site(site)
    client.get(STEP)
    with CaptureQueriesContext(connection) as queries:
        client.get(STEP)
    assert not [query for query in queries if "pages_sitesettings" in query["sql"]]

    settings.contact_email = "vragen@woonvinder.example"
    settings.support_name = "Het Steunpunt"
    settings.save()

    html = client.get(STEP).content.decode()
    assert 'href="mailto:vragen@woonvinder.example"' in footer(html)
    assert "Neem contact op met Het Steunpunt" in html


def test_two_visitors_get_their_own_token_and_address_in_the_shared_header(home_page):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = first.get(STEP).content.decode()
    second_html = second.get("/vragenlijst/?bron=menu&stap=1").content.decode()

    assert NEXT.findall(first_html) == [STEP]
    assert NEXT.findall(second_html) == ["/vragenlijst/?bron=menu&amp;stap=1"]
    first_token, second_token = TOKEN.search(first_html)[1], TOKEN.search(second_html)[1]
    assert first_token != second_token
    for visitor, token in ((first, first_token), (second, second_token)):
        response = visitor.post(
            "/i18n/setlang/", {"language": "en", "next": STEP, "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
        assert "Choose step by step" in visitor.get(STEP).content.decode()


def test_the_address_in_the_language_switch_is_escaped(client, home_page):
    html = client.get('/vragenlijst/?q="><script>x</script>').content.decode()

    assert NEXT.findall(html) == ["/vragenlijst/?q=%22%3E%3Cscript%3Ex%3C/script%3E"]
    assert "<script>x" not in html

    html = client.get("/vragenlijst/", {"q": "a&b"}).content.decode()
    assert NEXT.findall(html) == ["/vragenlijst/?q=a%26b"]


def test_each_language_has_its_own_shared_shell(home_page):
    dutch, english = Client(), Client()
    english.cookies["django_language"] = "en"

    for _ in range(2):
        dutch_html = dutch.get(STEP).content.decode()
        english_html = english.get(STEP).content.decode()
        assert ">Stap voor stap kiezen</a>" in dutch_html
        assert 'lang="en">' in dutch_html and ">English</button>" in dutch_html
        assert ">Choose step by step</a>" in english_html
        assert ">Nederlands</button>" in english_html
        assert "Hulp nodig bij het kiezen?" in dutch_html
        assert "Need help choosing?" in english_html


def test_a_menu_title_holding_a_marker_is_shown_as_written(client, home_page):
    content_page(home_page, f"Over {marker('part0')} ons", show_in_menus=True)

    for _ in range(2):
        html = client.get(STEP).content.decode()
        assert f"Over {marker('part0')} ons</a>" in main_menu(html)
        assert len(TOKEN.findall(html)) == 2  # the language switch and the answer form


def test_a_page_cached_under_an_older_content_version_is_rendered_again(client, home_page):
    page = content_page(home_page, "Over betalen")
    # Site and navigation settings are created on first use, which starts a new content version.
    client.get(page.url)
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(page.url)
    assert not queries

    content_changed()

    with CaptureQueriesContext(connection) as queries:
        assert "Over betalen" in client.get(page.url).content.decode()
    assert any("wagtailcore_page" in query["sql"] for query in queries)


@pytest.fixture
def probe_templates(settings, tmp_path):
    """Shell parts that do what a shell part must not: read the session or a CSRF token."""
    (tmp_path / "probe_session.html").write_text("{{ request.session.kleur }}")
    (tmp_path / "probe_token.html").write_text("{% csrf_token %}")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]


def visitor_request(colour: str):
    request = RequestFactory().get("/vragenlijst/")
    request.session = SessionStore()
    request.session["kleur"] = colour
    return request


def test_a_shell_part_that_reads_the_session_is_never_shared(home_page, probe_templates):
    for colour in ("rood", "blauw", "rood"):
        assert navigation.shell_part(visitor_request(colour), "probe_session.html") == colour


def test_a_shell_part_that_asks_for_a_csrf_token_is_never_shared(home_page, probe_templates):
    tokens = {
        TOKEN.search(navigation.shell_part(visitor_request("rood"), "probe_token.html"))[1]
        for _ in range(3)
    }

    assert len(tokens) == 3
