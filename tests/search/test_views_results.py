"""The results page over HTTP, on the real database index (rebuilt from real pages)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from residences import availability, taxonomy
from search.criteria import Criteria, Importance, Wish
from search.indexing import rebuild_index
from tests.factories import ProviderPageFactory, ResidencePageFactory, today

Facility = taxonomy.Facility
RESULTS = "/zoeken/"


@pytest.fixture
def provider(db):
    return ProviderPageFactory(title="Zorggroep Maas")


@pytest.fixture
def garden_home(provider):
    return ResidencePageFactory(
        parent=provider,
        title="De Tuinkamer",
        facilities=[Facility.OWN_ROOM, Facility.GARDEN, Facility.PETS],
    )


@pytest.fixture
def city_flat(provider):
    return ResidencePageFactory(
        parent=provider,
        title="Stadshuis Noord",
        facilities=[Facility.OWN_ROOM, Facility.OWN_KITCHEN],
        free_places=0,
        waiting_weeks=30,
        availability_confirmed_on=today() - timedelta(days=availability.STALE_AFTER_DAYS + 5),
        latitude=51.95,
        longitude=4.55,
    )


@pytest.fixture
def indexed(garden_home, city_flat):
    rebuild_index()
    return [garden_home, city_flat]


def wishes_query(*wishes: Wish) -> str:
    return Criteria.build(wishes=wishes).to_query()


def test_results_page_lists_ranked_cards_with_count_and_links(client, indexed):
    garden_home, city_flat = indexed
    query = wishes_query(Wish("facilities", Facility.GARDEN, Importance.VERY_IMPORTANT))
    response = client.get(f"{RESULTS}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 woonlocaties gevonden" in html
    assert html.index("De Tuinkamer") < html.index("Stadshuis Noord")
    assert f'href="{garden_home.url}?{query}"' in html
    assert "Zorggroep Maas" in html


def test_card_explains_met_and_missed_wishes_in_words_not_colour(client, indexed):
    query = wishes_query(
        Wish("facilities", Facility.GARDEN, Importance.IMPORTANT),
        Wish("facilities", Facility.PETS, Importance.NICE),
        Wish("facilities", Facility.OWN_KITCHEN, Importance.NICE),
    )
    html = client.get(f"{RESULTS}?{query}").content.decode()
    assert "Past bij 2 van uw 3 wensen" in html
    assert '<span class="visually-hidden">wel:</span> Tuin' in html
    assert '<span class="visually-hidden">niet:</span> Eigen keuken' in html
    assert "✓" in html and "✗" in html


def test_card_shows_availability_date_and_stale_tag(client, indexed):
    garden_home, city_flat = indexed
    html = client.get(RESULTS).content.decode()
    assert "1 plaats vrij" in html
    assert "niet recent bevestigd" in html
    assert "Bevestigd op" in html


def test_distance_is_shown_in_km_when_a_place_is_given(client, indexed):
    html = client.get(f"{RESULTS}?plaats=3011AD").content.decode()
    assert " km van " in html


def test_sort_by_availability_puts_free_place_first(client, indexed):
    query = wishes_query(Wish("facilities", Facility.OWN_KITCHEN, Importance.VERY_IMPORTANT))
    by_match = client.get(f"{RESULTS}?{query}").content.decode()
    assert by_match.index("Stadshuis Noord") < by_match.index("De Tuinkamer")
    by_availability = client.get(f"{RESULTS}?{query}&sorteer=beschikbaarheid").content.decode()
    assert by_availability.index("De Tuinkamer") < by_availability.index("Stadshuis Noord")
    assert '<option value="beschikbaarheid" selected>' in by_availability


def test_pagination_links_keep_the_criteria(client, provider):
    for number in range(23):
        ResidencePageFactory(parent=provider, title=f"Huis {number:02d}")
    rebuild_index()
    response = client.get(f"{RESULTS}?doelgroep=vv-pg")
    html = response.content.decode()
    assert "23 woonlocaties gevonden" in html
    assert 'href="/zoeken/?doelgroep=vv-pg&amp;pagina=2"' in html
    second = client.get(f"{RESULTS}?doelgroep=vv-pg&pagina=2").content.decode()
    assert second.count('class="result-card"') == 3
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2' in second


def test_summary_shows_what_was_searched_with_a_link_to_change_it(client, indexed):
    query = Criteria.build(
        musts={"financing": [taxonomy.Financing.ZIN]},
        wishes=[Wish("facilities", Facility.GARDEN, Importance.VERY_IMPORTANT)],
        age=70,
    ).to_query()
    html = client.get(f"{RESULTS}?{query}").content.decode()
    assert "Wat u zocht" in html
    assert str(taxonomy.Financing.ZIN.label) in html
    assert "Tuin (heel belangrijk)" in html
    assert "70 jaar" in html
    assert 'href="#filters"' in html


def test_bad_values_become_polite_notices(client, indexed):
    response = client.get(f"{RESULTS}?leeftijd=oud&doelgroep=onzin&afstand=7&plaats=3011AD")
    html = response.content.decode()
    assert response.status_code == 200
    assert "De leeftijd klopt niet." in html
    assert "Een onbekende keuze is weggelaten." in html
    assert 'class="search-notices" role="status"' in html


def test_map_data_is_json_not_script(client, indexed):
    html = client.get(RESULTS).content.decode()
    assert '<script id="results-map-points" type="application/json">' in html
    assert 'id="results-map" class="results-map" hidden' in html
    assert "search/vendor/leaflet/leaflet.js" in html


def test_results_link_to_how_we_rank(client, indexed):
    html = client.get(RESULTS).content.decode()
    assert reverse("search:how_we_rank") in html


def test_results_page_refuses_post(client, db):
    assert client.post(RESULTS).status_code == 405


def test_control_characters_in_the_query_string_are_ignored(client, indexed):
    # PostgreSQL refuses NUL in text parameters; the parser drops control characters first.
    response = client.get(f"{RESULTS}?q=%00&plaats=30%0011AD&leeftijd=7%000")
    assert response.status_code == 200
    assert "2 woonlocaties gevonden" in response.content.decode()


def test_facets_show_counts_per_code(client, indexed):
    html = client.get(RESULTS).content.decode()
    hidden = '<span class="visually-hidden"> woonlocaties</span>'
    assert f'Eigen kamer <span class="facet__count">(2{hidden})' in html
    assert f'Tuin <span class="facet__count">(1{hidden})' in html
    assert f'Eigen keuken <span class="facet__count">(1{hidden})' in html


def test_few_results_offer_relaxations_as_links(client, indexed):
    html = client.get(f"{RESULTS}?voorziening=eigen-keuken").content.decode()
    assert "1 woonlocatie gevonden" in html
    assert "Meer woonlocaties vinden?" in html
    assert "2 woonlocaties zonder de eis" in html
    assert '<a href="/zoeken/?">' in html or '<a href="/zoeken/">' in html


def test_no_results_page_explains_what_to_do(client, indexed):
    html = client.get(f"{RESULTS}?q=zwembadparadijs").content.decode()
    assert "Geen woonlocaties gevonden" in html


QUERY_KEYS = [
    "q", "plaats", "afstand", "doelgroep", "zorgprofiel", "financiering", "woonvorm",
    "begeleiding", "voorziening", "omgeving", "levensovertuiging", "taal", "wens",
    "leeftijd", "vrij", "urgentie", "sorteer", "pagina", "bron", "id",
]  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=st.lists(
        st.tuples(
            st.one_of(st.sampled_from(QUERY_KEYS), st.text(max_size=8)),
            st.one_of(
                st.text(max_size=30),
                st.sampled_from(["3011AD", "vv-pg", "tuin", "voorziening:tuin:3", "25", "²", "-1"]),
            ),
        ),
        max_size=8,
    )
)
def test_fuzzed_query_strings_never_give_a_server_error(client, indexed, pairs):
    from urllib.parse import urlencode

    for url in (RESULTS, "/zoeken/vergelijken/", garden_url(indexed)):
        response = client.get(f"{url}?{urlencode(pairs)}")
        assert response.status_code == 200, (url, pairs)


def garden_url(indexed) -> str:
    return indexed[0].url
