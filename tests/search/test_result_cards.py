"""Result cards: the part that depends only on the residence comes from a cache (search/cards.py).

These hold the cache to what the visitor must get: the current residence in the current language,
and nothing of another request (distance, explanation, shortlist state, CSRF token, return URL).
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from residences import taxonomy
from search import cards, shortlist
from search.backends.base import make_match
from search.criteria import Criteria, Importance, Wish
from search.fragments import MARK
from search.views import presentation
from tests.factories import ProviderPageFactory, ResidencePageFactory, today
from tests.search.conftest import make_document

Facility = taxonomy.Facility
RESULTS = "/zoeken/"
ADD = "/zoeken/bewaarlijst/toevoegen/"


@pytest.fixture
def home(db, django_capture_on_commit_callbacks):
    # Indexed by the publish hooks, as a real commit would run them.
    with django_capture_on_commit_callbacks(execute=True):
        provider = ProviderPageFactory(title="Zorggroep Maas")
        page = ResidencePageFactory(
            parent=provider,
            title="De Tuinkamer",
            facilities=[Facility.OWN_ROOM, Facility.GARDEN],
            free_places=1,
            availability_confirmed_on=today(),
        )
    return page


def card_html(html: str, page_id: int) -> str:
    pattern = rf'<li class="result-card" id="woonlocatie-{page_id}">.*?</article>\s*</li>'
    match = re.search(pattern, html, re.S)
    assert match, "no card for the residence"
    return match.group(0)


def csrf_tokens(html: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)


def test_second_render_comes_from_the_cache_and_is_the_same(client, home):
    first = client.get(RESULTS).content.decode()
    key_count = len(cards.card_cache()._cache)
    second = client.get(RESULTS).content.decode()
    assert key_count >= 1  # the first render stored the card
    without_tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert without_tokens.sub("", card_html(first, home.id)) == without_tokens.sub(
        "", card_html(second, home.id)
    )


def test_a_republished_residence_is_shown_as_it_is_now(
    client, home, django_capture_on_commit_callbacks
):
    before = card_html(client.get(RESULTS).content.decode(), home.id)
    assert "De Tuinkamer" in before and "1 plaats vrij" in before

    home.title = "De Nieuwe Tuinkamer"
    home.free_places = 3
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()  # the signal re-indexes the page after the commit

    after = card_html(client.get(RESULTS).content.decode(), home.id)
    assert "De Nieuwe Tuinkamer" in after and "3 plaatsen vrij" in after
    assert ">De Tuinkamer<" not in after and "1 plaats vrij" not in after


def test_the_cached_part_follows_the_language(client, home):
    dutch = card_html(client.get(RESULTS).content.decode(), home.id)
    client.cookies["django_language"] = "en"
    english = card_html(client.get(RESULTS).content.decode(), home.id)
    client.cookies["django_language"] = "nl"
    dutch_again = card_html(client.get(RESULTS).content.decode(), home.id)
    assert "1 plaats vrij" in dutch and "Bevestigd op" in dutch
    assert "1 place available" in english and "plaats vrij" not in english
    assert "Zorggroep Maas" in english  # content stays as the editor wrote it
    assert "1 plaats vrij" in dutch_again


def test_search_dependent_parts_are_of_each_request(client, home):
    near = Criteria.build(
        place="3011 AD",
        wishes=[Wish("facilities", Facility.GARDEN, Importance.VERY_IMPORTANT)],
    ).to_query()
    other = Criteria.build(
        wishes=[Wish("facilities", Facility.OWN_KITCHEN, Importance.NICE)],
    ).to_query()

    first = card_html(client.get(f"{RESULTS}?{near}").content.decode(), home.id)
    second = card_html(client.get(f"{RESULTS}?{other}").content.decode(), home.id)

    assert " km van 3011 AD" in first and " km van " not in second
    assert '<span class="visually-hidden">wel:</span> Tuin' in first
    assert '<span class="visually-hidden">niet:</span> Eigen keuken' in second
    assert "Tuin</li>" not in second
    # The detail link and the way back carry each request's own search.
    assert f'href="{home.url}?' in first and "3011" in first.split('href="')[1].split('"')[0]
    assert "3011" not in second
    assert re.search(r'name="next" value="/zoeken/\?[^"]*3011', first)
    assert not re.search(r'name="next" value="[^"]*3011', second)


def test_shortlist_state_and_csrf_token_are_each_visitors_own(home):
    alice = Client(enforce_csrf_checks=True)
    bob = Client(enforce_csrf_checks=True)

    alice_page = alice.get(RESULTS).content.decode()
    alice_token = csrf_tokens(card_html(alice_page, home.id))[0]
    response = alice.post(ADD, {"csrfmiddlewaretoken": alice_token, "residence": home.id})
    assert response.status_code == 302

    alice_card = card_html(alice.get(RESULTS).content.decode(), home.id)
    bob_card = card_html(bob.get(RESULTS).content.decode(), home.id)
    assert "Van bewaarlijst halen" in alice_card and "Bewaren" not in alice_card
    assert "Bewaren" in bob_card and "Van bewaarlijst halen" not in bob_card

    # Bob's card carries a token for Bob: it works for him, and Alice's does not.
    bob_token = csrf_tokens(bob_card)[0]
    assert (
        bob.post(ADD, {"csrfmiddlewaretoken": alice_token, "residence": home.id}).status_code == 403
    )
    assert (
        bob.post(ADD, {"csrfmiddlewaretoken": bob_token, "residence": home.id}).status_code == 302
    )


# Rendering cards straight from documents, as either engine hands them over -------------------

# search/includes/result_card.html as it was before the cache (a copy): what cards must still be.
PLAIN_CARD = (Path(__file__).parent / "plain_result_card.html").read_text()


def page_context(documents, criteria, shortlisted, path):
    request = RequestFactory().get(path)
    request.session = {shortlist.SESSION_KEY: list(shortlisted)}
    matches = [make_match(criteria, document, 1.0, today()) for document in documents]
    page_cards = [
        presentation.Card(
            match, presentation.detail_url(match.document, criteria), match.id in shortlisted, n
        )
        for n, match in enumerate(matches, start=1)
    ]
    return {
        "cards": page_cards,
        "request": request,
        "criteria": criteria,
        "csrf_token": "TOKEN",
        "current_url": path,
    }


def render(documents, criteria=None, shortlisted=(), path="/zoeken/"):
    context = page_context(documents, criteria or Criteria(), shortlisted, path)
    return cards.render_cards(context["cards"], context)


def plain(documents, criteria=None, shortlisted=(), path="/zoeken/"):
    context = page_context(documents, criteria or Criteria(), shortlisted, path)
    template = Template(
        "{% for card in cards %}{% include card_template %}{% endfor %}".replace(
            "{% include card_template %}", PLAIN_CARD
        )
    )
    return template.render(Context(context))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_cards_are_what_the_plain_template_renders(language):
    documents = [
        make_document(
            9,
            title='Huis "De <Linde>" & co',
            intro="Met tuin & kas",
            photo_url="/media/linde.jpg",
            photo_alt="Tuin <met> kas",
            free_places=2,
            availability_confirmed_on=today().isoformat(),
        ),
        make_document(10, free_places=0, waiting_weeks=12, district="Noord"),
        make_document(
            12,
            free_places=None,
            availability_confirmed_on=(today() - timedelta(days=400)).isoformat(),
            provider_name="",
        ),
    ]
    criteria = Criteria.build(
        place="3011 AD",
        wishes=[
            Wish("facilities", Facility.GARDEN, Importance.IMPORTANT),
            Wish("facilities", Facility.LIFT, Importance.NICE),
        ],
    )
    path = "/zoeken/?plaats=3011+AD&b=<2>"
    with translation.override(language):
        expected = plain(documents, criteria, shortlisted=[10], path=path)
        rendered = render(documents, criteria, shortlisted=[10], path=path)  # stores
        cached = render(documents, criteria, shortlisted=[10], path=path)  # reads
    assert rendered == expected
    assert cached == expected


@pytest.mark.django_db
def test_a_changed_document_is_rendered_anew_without_an_index_generation_change():
    # Elasticsearch documents can change without the database's index generation changing.
    first = render([make_document(7, title="Huis Oud", place="Delft")])
    second = render([make_document(7, title="Huis Nieuw", place="Delft")])
    assert "Huis Oud" in first and "Huis Nieuw" not in first
    assert "Huis Nieuw" in second and "Huis Oud" not in second


@pytest.mark.django_db
def test_stale_availability_follows_the_status_of_the_day():
    confirmed = today() - timedelta(days=400)
    document = make_document(8, free_places=2, availability_confirmed_on=confirmed.isoformat())
    assert "niet recent bevestigd" in render([document])
    fresh = render([{**document, "availability_confirmed_on": today().isoformat()}])
    assert "niet recent bevestigd" not in fresh


@pytest.mark.django_db
def test_a_marker_character_in_a_text_is_rendered_live_and_escaped():
    document = make_document(11, title=f"Huis {MARK}detail_url{MARK} <b>")
    assert render([document]) == plain([document])
    assert f"Huis {MARK}detail_url{MARK} &lt;b&gt;" in render([document])


@pytest.mark.django_db
@pytest.mark.parametrize("on_list", [False, True])
def test_the_fast_shortlist_button_is_the_template_tag(on_list):
    request = RequestFactory().get("/")
    request.session = {shortlist.SESSION_KEY: [5] if on_list else []}
    tag = Template("{% load search_tags %}{% shortlist_button 5 title %}").render(
        Context(
            {
                "request": request,
                "title": 'Huis "A" & <B>',
                "csrf_token": "TOKEN",
                "current_url": "/zoeken/?q=a&b=<c>",
            }
        )
    )
    fast = cards.shortlist_button_html(
        residence_id=5,
        title='Huis "A" & <B>',
        on_list=on_list,
        next_url="/zoeken/?q=a&b=<c>",
        csrf_token="TOKEN",
    )
    assert fast == tag


def test_cards_this_process_used_last_are_read_from_memory(client, home):
    cards._recent.clear()
    first = card_html(client.get(RESULTS).content.decode(), home.id)
    assert len(cards._recent) >= 1
    cards.card_cache().clear()  # the shared cache forgets: the process still has the card
    second = card_html(client.get(RESULTS).content.decode(), home.id)
    without_tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert without_tokens.sub("", first) == without_tokens.sub("", second)
    assert len(cards.card_cache()._cache) == 0  # nothing had to be rendered again


def test_recent_entries_keep_the_last_used():
    recent = cards.RecentEntries(2)
    recent.set_many({"a": ("A",), "b": ("B",)})
    assert recent.get_many(["a"]) == {"a": ("A",)}  # "a" is now the last used
    recent.set_many({"c": ("C",)})
    assert recent.get_many(["a", "b", "c"]) == {"a": ("A",), "c": ("C",)}
