"""Whole pages come from the cache (pages/page_cache.py) but never another visitor's parts."""

import re

import pytest
from django.db import connection
from django.template import TemplateDoesNotExist
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from pages.models import ContentPage
from tests.factories import ProviderPageFactory, ResidencePageFactory, publish_page

pytestmark = pytest.mark.django_db

ADD = "/zoeken/bewaarlijst/toevoegen/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def content_page(home, title="Over betalen", **fields):
    page = ContentPage(title=title, **fields)
    home.add_child(instance=page)
    return publish_page(page)


@pytest.fixture
def residence(db):
    return ResidencePageFactory(parent=ProviderPageFactory(), title="Huize Linde")


def test_a_page_seen_before_is_served_without_a_query(client, home_page):
    page = content_page(home_page)
    # Site and navigation settings are created on first use, which starts a new content version.
    client.get(page.url)
    first = client.get(page.url).content.decode()

    with CaptureQueriesContext(connection) as queries:
        again = Client().get(page.url)

    assert again.status_code == 200
    assert len(queries) == 0
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first)


def test_a_published_change_shows_at_once(client, home_page):
    page = content_page(home_page, title="Oude titel")
    assert "Oude titel" in client.get(page.url).content.decode()

    page.title = "Nieuwe titel"
    publish_page(page)

    html = client.get(page.url).content.decode()
    assert "Nieuwe titel" in html and "Oude titel" not in html


def test_an_unpublished_page_is_gone_at_once(client, home_page):
    page = content_page(home_page)
    url = page.url
    assert client.get(url).status_code == 200

    page.unpublish()

    assert client.get(url).status_code == 404


def test_each_visitor_gets_a_language_switch_with_their_own_working_token(home_page):
    page = content_page(home_page)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = TOKEN.search(first.get(page.url).content.decode()).group(1)
    second_html = second.get(page.url).content.decode()  # from the cache
    second_token = TOKEN.search(second_html).group(1)

    assert second_token != first_token
    response = second.post(
        "/i18n/setlang/", {"language": "en", "next": page.url, "csrfmiddlewaretoken": second_token}
    )
    assert response.status_code == 302
    assert "Over betalen" in second.get(page.url).content.decode()
    assert second.get(page.url).content.decode().count('lang="en"') >= 1


def test_shortlist_button_and_message_belong_to_the_visitor(client, residence):
    url = residence.url
    other = Client()
    assert "Bewaren" in other.get(url).content.decode()  # stores the page

    followed = client.post(ADD, {"residence": residence.id, "next": url}, follow=True)
    mine = followed.content.decode()

    assert "Huize Linde staat nu op uw bewaarlijst." in mine
    assert "Van bewaarlijst halen" in mine
    theirs = other.get(url).content.decode()
    assert "staat nu op uw bewaarlijst" not in theirs
    assert "Van bewaarlijst halen" not in theirs
    # The message was shown once; the cached page does not bring it back.
    assert "staat nu op uw bewaarlijst" not in client.get(url).content.decode()


def test_why_it_fits_follows_the_search_in_the_address(client, residence):
    plain = client.get(residence.url).content.decode()
    searched = client.get(f"{residence.url}?plaats=Rotterdam&afstand=10").content.decode()

    assert "Waarom dit bij uw zoekopdracht past" not in plain
    assert "Waarom dit bij uw zoekopdracht past" in searched
    assert "Terug naar de zoekresultaten" in searched


def test_one_stored_residence_page_serves_every_search_with_its_own_fit(client, residence):
    from residences import taxonomy
    from search.criteria import Criteria

    group = residence.target_groups[0]
    missing = next(code for code in taxonomy.TargetGroup if code not in residence.target_groups)
    met = Criteria.build(musts={"target_groups": [group]}).to_query()
    missed = Criteria.build(musts={"target_groups": [missing]}, age=30).to_query()
    # Site and navigation settings are created on first use, which starts a new content version.
    client.get(residence.url)
    first = client.get(f"{residence.url}?{met}").content.decode()  # stores the page
    assert "<span class=\"visually-hidden\">wel:</span> Doelgroepen" in first

    with CaptureQueriesContext(connection) as queries:
        second = Client().get(f"{residence.url}?{missed}").content.decode()

    assert len(queries) == 0
    assert "<span class=\"visually-hidden\">niet:</span> Doelgroepen" in second
    assert "wel:</span> Doelgroepen" not in second
    assert "Leeftijd: 30 jaar" in second
    assert f'href="/zoeken/?{missed.replace("&", "&amp;")}"' in second
    assert f"/zoeken/?{met.replace('&', '&amp;')}" not in second


def test_a_residence_page_from_the_cache_equals_one_rendered_for_that_search(
    client, residence, settings
):
    """The page outside its per-visitor parts does not depend on the search in the address:
    the page stored for one search, filled for another, is the page rendered for the other."""
    from search.criteria import Criteria, Importance, Wish

    searches = [
        "",
        "plaats=Rotterdam&afstand=10",
        Criteria.build(
            musts={"target_groups": [residence.target_groups[0]]},
            wishes=[Wish("facilities", residence.facilities[0], Importance.VERY_IMPORTANT)],
            age=80,
        ).to_query(),
        "leeftijd=%C2%B2&wens=x:y:z",
    ]
    client.get(residence.url)  # creates the site's settings: a new content version
    client.get(f"{residence.url}?{searches[1]}")  # stores the page

    for search in searches:
        cached = Client().get(f"{residence.url}?{search}").content.decode()
        settings.PAGE_CACHE_SECONDS = 0
        fresh = Client().get(f"{residence.url}?{search}").content.decode()
        settings.PAGE_CACHE_SECONDS = 300
        assert TOKEN.sub("", cached) == TOKEN.sub("", fresh), search


def test_other_pages_are_still_kept_per_query_string(client, home_page):
    page = content_page(home_page)
    client.get(page.url)  # creates the site's settings: a new content version
    client.get(f"{page.url}?a=1")

    with CaptureQueriesContext(connection) as queries:
        assert Client().get(f"{page.url}?a=2").status_code == 200
    assert any("wagtailcore_page" in query["sql"] for query in queries)

    with CaptureQueriesContext(connection) as queries:
        assert Client().get(f"{page.url}?a=1").status_code == 200
    assert len(queries) == 0


def test_a_change_starts_a_new_version_at_once_and_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    from pages.page_cache import content_changed, content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        content_changed()
        # Until the change commits, others still read the old content and may store it.
        during = content_version()
    after = content_version()

    assert len(callbacks) == 1
    assert len({before, during, after}) == 3


def test_a_restriction_added_after_pages_were_stored_keeps_its_page_out(client, home_page):
    """Pages are stored without looking at restrictions while the site has none (remembered per
    content version); the first restriction starts a new version, and reading the visitor's pass
    from the session keeps the page out of the cache as well."""
    open_page = content_page(home_page, title="Voor iedereen")
    closed = content_page(home_page, title="Alleen voor leden")
    client.get(open_page.url)
    client.get(open_page.url)  # stored while the site has no restrictions

    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    restriction = closed.get_view_restrictions().get()
    client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{closed.id}/",
        {"password": "geheim", "return_url": closed.url},
    )
    assert "Alleen voor leden" in client.get(closed.url).content.decode()

    assert 'name="password"' in Client().get(closed.url).content.decode()
    assert "Voor iedereen" in Client().get(open_page.url).content.decode()


def test_whether_the_site_has_restrictions_is_asked_again_per_version_and_in_time(
    home_page, rf, monkeypatch, settings
):
    from pages import page_cache

    page = content_page(home_page)
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    assert page_cache._any_view_restrictions(rf.get("/")) is False

    # Saved in another worker of a site without a shared cache: this one keeps its version.
    version = page_cache.content_version()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    page_cache.cache.set(page_cache.VERSION_KEY, version, None)
    assert page_cache._any_view_restrictions(rf.get("/")) is False  # remembered for a while
    clock[0] += settings.PAGE_CACHE_SECONDS + 1
    assert page_cache._any_view_restrictions(rf.get("/")) is True


def test_a_new_version_asks_whether_the_site_has_restrictions(home_page, rf):
    from pages import page_cache

    page = content_page(home_page)
    assert page_cache._any_view_restrictions(rf.get("/")) is False
    PageViewRestriction.objects.create(  # starts a new content version
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert page_cache._any_view_restrictions(rf.get("/")) is True


def test_a_password_protected_page_is_never_stored(client, home_page):
    page = content_page(home_page, title="Alleen voor leden")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    restriction = page.get_view_restrictions().get()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{page.id}/",
        {"password": "geheim", "return_url": page.url},
    )
    assert response.status_code == 302
    assert "Alleen voor leden" in client.get(page.url).content.decode()

    stranger = Client().get(page.url).content.decode()

    assert 'name="password"' in stranger


def test_restricting_a_page_seen_before_takes_it_out_of_the_cache(client, home_page):
    page = content_page(home_page, title="Straks besloten")
    assert client.get(page.url).status_code == 200

    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    assert 'name="password"' in Client().get(page.url).content.decode()


def test_switching_it_off_serves_every_page_fresh(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page = content_page(home_page)
    client.get(page.url)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200

    assert len(queries) > 0


def reads_the_user(get_response):
    """A middleware that looks at the visitor before the view, as many sites have one."""

    def middleware(request):
        request.user.is_authenticated  # noqa: B018 (reads the session)
        return get_response(request)

    return middleware


def test_a_page_whose_rendering_reads_the_session_is_never_stored(
    client, home_page, monkeypatch, settings
):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.reads_the_user"]
    page = content_page(home_page)
    original = ContentPage.get_context

    def get_context(self, request, *args, **kwargs):
        request.session.get("anything")  # as a page showing visitor-specific data would
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ContentPage, "get_context", get_context)
    client.post(ADD, {"residence": 0})  # this visitor has a session
    for _ in range(2):
        assert client.get(page.url).status_code == 200

    with CaptureQueriesContext(connection) as queries:
        assert Client().get(page.url).status_code == 200

    assert any("wagtailcore_page" in query["sql"] for query in queries)


def test_a_page_whose_text_holds_a_marker_is_served_fresh(client, home_page):
    from search.fragments import marker

    page = content_page(home_page, title=f"Titel {marker('part0')} met teken")

    for _ in range(2):
        html = client.get(page.url).content.decode()
        assert marker("part0") in html  # the editor's text, untouched
        assert TOKEN.search(html)  # the language switch, rendered for this visitor

    with CaptureQueriesContext(connection) as queries:
        assert Client().get(page.url).status_code == 200
    assert queries  # never stored


def test_a_query_only_part_is_not_rendered_without_a_query_string(rf):
    from pages.page_cache import render_part

    # Not a template at all: rendering it would raise.
    assert render_part(rf.get("/woonlocatie/"), "geen/sjabloon.html", {"query_only": True}) == ""
    with pytest.raises(TemplateDoesNotExist):
        render_part(
            rf.get("/woonlocatie/?plaats=Rotterdam"), "geen/sjabloon.html", {"query_only": True}
        )
