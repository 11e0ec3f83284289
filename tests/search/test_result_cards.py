"""Result cards as a visitor reads them: the residence as it is now, in their language, with
nothing of another request (distance, explanation, shortlist state, CSRF token, return URL),
though a card's intro and availability come from Django's cache. And what a card, the residence
page and the compare page say is true: every ✓ names a code the residence has, every ✗ one it
lacks, and availability is stale only when never or too long ago confirmed."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from residences import taxonomy
from search.backends.base import make_match
from search.criteria import Criteria, Importance, Wish
from search.views import presentation
from tests.factories import ProviderPageFactory, ResidencePageFactory, today
from tests.search import strategies
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


def test_second_render_is_the_same(client, home):
    first = client.get(RESULTS).content.decode()
    second = client.get(RESULTS).content.decode()
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
    english = card_html(client.get("/en" + RESULTS).content.decode(), home.id)
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


def render(documents, criteria=None, shortlisted=(), path="/zoeken/", day=None):
    """The result cards of `documents` as the results page renders them."""
    criteria = criteria or Criteria()
    request = RequestFactory().get(path)
    template = get_template("search/includes/result_card.html")
    html = []
    for number, document in enumerate(documents, start=1):
        match = make_match(criteria, document, 1.0, day or today())
        card = presentation.Card(
            match, presentation.detail_url(document, criteria), match.id in shortlisted, number
        )
        context = {
            "card": card,
            "criteria": criteria,
            "csrf_token": "TOKEN",
            "current_url": path,
            "fragment_seconds": 60,
            "distance_from": criteria.place_label or criteria.place,
            "LANGUAGE_CODE": translation.get_language(),
        }
        html.append(template.render(context, request))
    return "".join(html)


@pytest.mark.django_db
def test_a_changed_document_is_rendered_anew():
    # Elasticsearch documents can change without the database's index generation changing.
    first = render([make_document(7, title="Huis Oud", intro="Oud", place="Delft")])
    second = render([make_document(7, title="Huis Nieuw", intro="Nieuw", place="Delft")])
    assert "Huis Oud" in first and "<p>Oud</p>" in first and "Nieuw" not in first
    assert "Huis Nieuw" in second and "<p>Nieuw</p>" in second and "Oud" not in second


@pytest.mark.django_db
def test_stale_availability_follows_the_day():
    confirmed = today() - timedelta(days=400)
    document = make_document(8, free_places=2, availability_confirmed_on=confirmed.isoformat())
    assert "niet recent bevestigd" in render([document])
    fresh = render([{**document, "availability_confirmed_on": today().isoformat()}])
    assert "niet recent bevestigd" not in fresh and "2 plaatsen vrij" in fresh
    assert "niet recent bevestigd" in render([document], day=today() + timedelta(days=400))


@pytest.mark.django_db
def test_cards_escape_what_a_residence_says():
    html = render([make_document(11, title="Huis <b>&", intro="<script>x</script>")])
    assert "Huis &lt;b&gt;&amp;" in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_cards_show_met_musts_next_to_the_wishes():
    document = make_document(
        12,
        facilities=[Facility.GARDEN, "huisdieren"],
        environment=["rustig"],
        target_groups=["ass"],
    )
    criteria = Criteria.build(
        musts={
            "facilities": ["huisdieren"],
            "environment": ["rustig"],
            "target_groups": ["vg", "ass"],
        },
        wishes=[Wish("facilities", Facility.GARDEN, Importance.NICE)],
    )
    text = visible_text(render([document], criteria))
    assert "✓ Mensen met autisme · ✓ Huisdieren toegestaan · ✓ Rustige omgeving" in text
    assert "Past bij 1 van uw 1 wens:" in text
    assert "verstandelijke beperking" not in text  # asked for, but not this residence's


# What a card and the residence page say is true (issue 13.1) -----------------------------


class Marks(HTMLParser):
    """The ✓ and ✗ items of an explanation: (mark, the text a person reads after it)."""

    def __init__(self):
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self._depth = 0  # inside a match item
        self._hidden = 0  # inside a visually-hidden or note span
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += tag != "br"
            if self._hidden or {"visually-hidden", "match__note"} & set(classes):
                self._hidden += 1
        elif "match__item" in classes:
            self._depth, self._text = 1, []

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if self._hidden:
            self._hidden -= 1
        self._depth -= 1
        if not self._depth:
            text = " ".join("".join(self._text).split())
            self.items.append((text[:1], text[1:].strip()))

    def handle_data(self, data):
        if self._depth and not self._hidden:
            self._text.append(data)


def marks(html: str) -> list[tuple[str, str]]:
    parser = Marks()
    parser.feed(html)
    return parser.items


def visible_text(html: str) -> str:
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" · ", " · ")


LABELS = {
    str(choice.label): (list_name, choice.value)
    for list_name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items()
    for choice in code_list
}


def check_marks(html: str, document: dict) -> int:
    """Every ✓ names a code the residence has, every ✗ one it lacks; returns how many."""
    found = marks(html)
    for mark, text in found:
        assert mark in "✓✗", text
        label = text.split(": ", 1)[1] if ": " in text else text
        if text.startswith("Leeftijd:"):
            continue
        assert label in LABELS, text
        list_name, code = LABELS[label]
        has = code in (document.get(list_name) or ())
        assert has == (mark == "✓"), f"{mark} {text}"
    return len(found)


@st.composite
def residences(draw):
    codes = {
        list_name: draw(st.lists(strategies.codes(list_name), max_size=4, unique=True))
        for list_name in taxonomy.RESIDENCE_CODE_LISTS
    }
    return make_document(
        5,
        min_age=draw(st.none() | st.integers(0, 60)),
        max_age=draw(st.none() | st.integers(60, 120)),
        **codes,
    )


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=residences(), criteria=strategies.criteria(with_text=False))
def test_every_check_mark_on_a_card_or_the_residence_page_is_true(document, criteria):
    check_marks(render([document], criteria), document)
    request = RequestFactory().get("/woonlocatie/", data=criteria.to_pairs())
    page_part = get_template("residences/includes/search_fit.html").render(
        {"document": document}, request
    )
    shown = check_marks(page_part, document)
    asked = sum(len(codes) for _list_name, codes in criteria.musts) + len(criteria.wishes)
    if not criteria.is_empty:
        assert shown == asked + (criteria.age is not None)


@pytest.mark.django_db
def test_an_any_of_must_names_the_code_that_matched(client):
    document = make_document(6, target_groups=["ass"])
    criteria = Criteria.build(musts={"target_groups": ["vg", "ass"]})
    request = RequestFactory().get("/woonlocatie/", data=criteria.to_pairs())
    html = get_template("residences/includes/search_fit.html").render(
        {"document": document}, request
    )
    text = visible_text(html)
    assert "✓ Doelgroepen: Mensen met autisme (hiermee past de woonlocatie bij uw keuze)" in text
    assert "✗ Doelgroepen: Mensen met een verstandelijke beperking" in text
    assert "✓ Doelgroepen: Mensen met een verstandelijke beperking" not in text
