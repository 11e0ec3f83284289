"""The results page as a visitor reads it: the filter form with what they typed, the facet
groups with counts, pagination and sorting, and help for someone who does not know their
indication."""

import pytest

from search.criteria import URL_NAMES

pytestmark = pytest.mark.django_db


def test_the_filter_form_shows_what_was_typed_and_what_is_wrong(client):
    html = client.get(
        "/zoeken/?leeftijd=oud&afstand=7&plaats=%3Cb%3E&q=tuin&urgentie=nu&vrij=1"
    ).content.decode()
    assert (
        '<input type="number" name="leeftijd" value="oud" min="0" max="120" '
        'aria-describedby="id_leeftijd-error" aria-invalid="true" class="input--short" '
        'id="id_leeftijd">' in html
    )
    assert '<p class="field-error" id="id_leeftijd-error">' in html
    assert '<div class="form-group form-group--error">' in html
    assert '<select name="afstand" aria-describedby="id_afstand-error" aria-invalid="true"' in html
    assert 'name="plaats" value="&lt;b&gt;" autocomplete="postal-code"' in html
    assert '<input type="search" name="q" value="tuin" id="id_q">' in html
    assert '<option value="nu" selected>' in html
    assert '<input type="checkbox" name="vrij" value="1" id="id_vrij" checked>' in html


def test_what_one_visitor_typed_is_not_shown_to_the_next(client):
    client.get("/zoeken/?q=geheim&plaats=Schiedam")
    html = client.get("/zoeken/").content.decode()
    assert "geheim" not in html
    assert 'value="Schiedam"' not in html


def test_facet_groups_show_choices_counts_and_the_rule(client, catalogue):
    html = client.get("/zoeken/?voorziening=tuin&voorziening=lift&taal=en").content.decode()
    assert '<details class="facet" open>' in html
    assert '<legend class="visually-hidden">Voorzieningen</legend>' in html
    assert '<input type="checkbox" name="voorziening" value="tuin" id="id_voorziening_' in html
    assert '<span class="facet__count">(2 gekozen)</span>' in html
    assert '<p class="hint">Woonlocaties hebben alles wat u aanvinkt.</p>' in html
    assert '<p class="hint">Woonlocaties hebben minstens één van wat u aanvinkt.</p>' in html
    assert html.count('<details class="facet"') == len(URL_NAMES)


def test_facet_counts_follow_the_search_even_when_cached(client, catalogue):
    everything = client.get("/zoeken/").content.decode()
    narrower = client.get("/zoeken/?voorziening=tuin").content.decode()
    again = client.get("/zoeken/").content.decode()
    facets = lambda html: html.split('<details class="facet"', 1)[1].split("</form>")[0]  # noqa: E731
    assert facets(everything) != facets(narrower)
    assert facets(again) == facets(everything)
    assert 'value="tuin" id="id_voorziening_' in facets(narrower)
    assert 'value="tuin" id="id_voorziening_1" checked>' not in facets(again)


def test_english_results_page_offers_distances_in_english(client):
    html = client.get("/en/zoeken/?plaats=3011AD&afstand=5").content.decode()
    assert '<option value="5" selected>Up to 5 km</option>' in html
    html = client.get("/zoeken/?plaats=3011AD&afstand=5").content.decode()
    assert '<option value="5" selected>Tot 5 km</option>' in html


def test_results_page_shows_pagination_and_sort_form(client, catalogue):
    query = "pagina=3&sorteer=beschikbaarheid&wens=voorziening:tuin:3"
    html = client.get(f"/zoeken/?{query}").content.decode()
    assert '<nav class="pagination" aria-label="Paginering">' in html
    assert 'rel="prev">Vorige<span class="visually-hidden"> pagina</span></a></li>' in html
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>3</a></li>' in html
    assert '<form class="sort-form" method="get" action="/zoeken/">' in html
    assert '<option value="beschikbaarheid" selected>Beschikbaarheid</option>' in html
    assert '<input type="hidden" name="wens" value="voorziening:tuin:3">' in html


def test_a_page_past_the_last_links_back_to_the_last(client, catalogue):
    response = client.get("/zoeken/?q=zzzzgeenresultaat&pagina=2")
    assert response.status_code == 200
    assert "Die pagina bestaat niet." in response.content.decode()
    assert response.context["previous_url"] == "/zoeken/?q=zzzzgeenresultaat"
    assert response.context["next_url"] == "" and response.context["page_links"] == []


def test_map_points_are_a_json_data_block(client, catalogue):
    html = client.get("/zoeken/").content.decode()
    assert '<script id="results-map-points" type="application/json">[{"title": ' in html


# "Ik weet het niet": what an indication is, and who helps --------------------------------


def test_not_knowing_the_indication_brings_an_explanation_and_support(client, catalogue):
    html = client.get("/zoeken/?bron=vragenlijst&uitleg=indicatie").content.decode()
    help_block = html.split('id="indicatie-uitleg"')[1].split("</section>")[0]
    assert "Het CIZ beslist" in help_block
    assert "cliëntondersteuner helpt u gratis" in help_block
    assert "zorgkantoor" in help_block
    assert "Neem contact op met" in help_block  # the support organisation of the site settings
    assert html.index('id="indicatie-uitleg"') < html.index('id="resultaten"')


def test_the_explanation_stays_when_the_visitor_pages_or_filters(client, catalogue):
    response = client.get("/zoeken/?uitleg=indicatie&pagina=1")
    html = response.content.decode()
    assert '<input type="hidden" name="uitleg" value="indicatie">' in html
    links = [link for link in response.context["page_links"] if link.number]
    assert links and all("uitleg=indicatie" in link.url for link in links)


def test_no_explanation_for_someone_who_knows(client, catalogue):
    html = client.get("/zoeken/?bron=vragenlijst").content.decode()
    assert 'id="indicatie-uitleg"' not in html


def test_the_questionnaire_sends_someone_who_does_not_know_to_the_explanation(client, catalogue):
    from questionnaire.kinds import DONT_KNOW
    from questionnaire.views.common import results_url

    for answers in ({"indicatie": DONT_KNOW}, {"indicatie": "ja", "financiering": DONT_KNOW}):
        url = results_url(answers)
        assert "uitleg=indicatie" in url
        assert 'id="indicatie-uitleg"' in client.get(url).content.decode()
    assert "uitleg=indicatie" not in results_url({"indicatie": "ja", "financiering": "zin"})


def test_the_map_button_says_who_serves_the_map_before_it_is_opened(client, catalogue, settings):
    html = client.get("/zoeken/?plaats=Rotterdam&afstand=50").content.decode()
    assert "De kaart wordt geladen van OpenStreetMap; die ziet dan uw internetadres." in html
    assert 'aria-describedby="results-map-source"' in html

    settings.MAP_TILE_SOURCE = "de kaartserver van de regio"
    html = client.get("/zoeken/?plaats=Rotterdam&afstand=50").content.decode()
    assert "De kaart wordt geladen van de kaartserver van de regio;" in html


def test_the_page_order_is_the_screen_order_with_skip_links_to_results_and_filters(
    client, catalogue
):
    html = client.get("/zoeken/?plaats=Rotterdam&afstand=50").content.decode()
    assert '<a class="skip-link" href="#filters">Naar de filters</a>' in html
    assert '<a class="skip-link" href="#resultaten">Naar de resultaten</a>' in html
    filters, map_button, first_card = (
        html.index('id="filters"'),
        html.index("data-map-toggle"),
        html.index('class="result-card"'),
    )
    # Filters are left of the results on a wide screen and the map button above the list:
    # keyboard users reach them before the 40 controls of the result cards.
    assert filters < map_button < first_card


@pytest.mark.parametrize(
    "query, summary",
    [
        ("", "Filters"),
        ("?plaats=Rotterdam&afstand=50", "Filters (1 actief)"),
        (
            "?plaats=Rotterdam&afstand=50&vrij=1&voorziening=tuin&voorziening=lift",
            "Filters (4 actief)",
        ),
    ],
)
def test_the_filters_fold_behind_a_summary_that_counts_what_is_set(
    client, catalogue, query, summary
):
    html = client.get(f"/zoeken/{query}").content.decode()
    # Rendered open: without JavaScript the filters stay in reach (woonvinder.js folds them on
    # phones), and the form the skip link leads to is inside.
    details = html.index('<details class="filters-toggle" open data-filters-toggle>')
    assert html.index(f'<summary class="filters-toggle__summary">{summary}</summary>') > details
    assert html.index('id="filters"') > details


def test_the_filter_summary_is_english_on_the_english_site(client, catalogue):
    html = client.get("/en/zoeken/?plaats=Rotterdam&afstand=50&vrij=1").content.decode()
    assert '<summary class="filters-toggle__summary">Filters (2 active)</summary>' in html


def test_what_providers_wrote_is_marked_dutch_on_the_english_results_page(client, index_documents):
    from tests.search.conftest import make_document

    index_documents(
        [make_document(1, title="De Linde", intro="Een rustig huis met een grote tuin.")]
    )
    english = client.get("/en/zoeken/?plaats=Rotterdam").content.decode()
    assert '<a href="/aanbieder/woonlocatie-1/?plaats=Rotterdam" lang="nl">De Linde</a>' in english
    assert '<p lang="nl">Een rustig huis met een grote tuin.</p>' in english
    dutch = client.get("/zoeken/?plaats=Rotterdam").content.decode()
    assert '<p>Een rustig huis met een grote tuin.</p>' in dutch
    assert 'lang="nl">De Linde' not in dutch
