"""Parts of the results page rendered in Python (search/views/results_html.py, search/cards.py):
the same HTML as their templates, and the templates themselves as soon as they are edited."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation

from search.backends import get_backend
from search.cards import explanation_html
from search.criteria import Criteria, Importance, Wish
from search.filters import ResidenceFilterSet
from search.ranking import Explanation
from search.templatetags.search_tags import facet_groups
from search.views import presentation
from search.views.presentation import PageLink
from search.views.results_html import facet_group, pagination, sort_form
from tests.search.conftest import TODAY

TRANSCRIPTIONS = [facet_group, explanation_html, pagination, sort_form]

# The facet groups of search/includes/filters.html before they became a tag (a copy), with
# the options loop of the former `facet_options` tag written out.
PLAIN_FACET_GROUPS = (
    "{% load i18n %}"
    "  {% for group in facet_groups %}\n"
    '  <details class="facet"{% if group.selected_count %} open{% endif %}>\n'
    "    <summary>{{ group.title }}{% if group.selected_count %}"
    ' <span class="facet__count">({% blocktranslate count count=group.selected_count %}'
    "{{ count }} gekozen{% plural %}{{ count }} gekozen{% endblocktranslate %})</span>"
    "{% endif %}</summary>\n"
    '    <fieldset class="facet__fieldset">\n'
    '      <legend class="visually-hidden">{{ group.title }}</legend>\n'
    '      {% if group.rule %}<p class="hint">'
    '{% translate "Woonlocaties hebben alles wat u aanvinkt." %}</p>{% else %}<p class="hint">'
    '{% translate "Woonlocaties hebben minstens één van wat u aanvinkt." %}</p>{% endif %}\n'
    '      <ul class="checkbox-list">\n'
    "        {% for option in group.options %}\n"
    '        <li class="choice">\n'
    '          <input type="checkbox" name="{{ group.url_name }}" value="{{ option.code }}" '
    'id="{{ option.id }}"{% if option.checked %} checked{% endif %}>\n'
    '          <label for="{{ option.id }}">{{ option.label }}{% if option.count is not None %} '
    '<span class="facet__count">({{ option.count }}<span class="visually-hidden"> '
    '{% translate "woonlocaties" %}</span>)</span>{% endif %}</label>\n'
    "        </li>\n"
    "        {% endfor %}\n"
    "      </ul>\n"
    "    </fieldset>\n"
    "  </details>\n"
    "  {% endfor %}"
)
FACET_QUERIES = [
    "",
    "voorziening=tuin&voorziening=lift&doelgroep=vv-pg&taal=en",
    "begeleiding=verpleging&omgeving=rustig&omgeving=winkels&financiering=zin",
    "q=zzzzgeenresultaat&woonvorm=groepswoning",
]


def test_every_transcription_is_its_template():
    # Fails when a template changes without its Python version: the template renders meanwhile.
    for transcription in TRANSCRIPTIONS:
        assert transcription.is_usable(), transcription.template_name


def facet_groups_for(query: str) -> list[dict]:
    data = QueryDict(query)
    criteria, _notices = Criteria.from_query(data)
    result = get_backend().search(criteria)
    return presentation.facet_groups(ResidenceFilterSet.bound_form(data), result)


@pytest.mark.django_db
@pytest.mark.parametrize("query", FACET_QUERIES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_facet_groups_are_their_template_and_the_former_loop(language, query, catalogue):
    with translation.override(language):
        groups = facet_groups_for(query)
        template = get_template(facet_group.template_name)
        for group in groups:
            assert facet_group.build(group=group) == template.render({"group": group})
        former = Template(PLAIN_FACET_GROUPS).render(Context({"facet_groups": groups}))
        assert "  " + facet_groups(groups) == former
    if query:
        assert any(option["checked"] for group in groups for option in group["options"])
    counted = [option["count"] for group in groups for option in group["options"]]
    assert any(counted) == ("zzzz" not in query)


def test_facet_groups_escape_what_they_show():
    group = {
        "list_name": "facilities",
        "url_name": 'x"y',
        "title": "Tuin & <kas>",
        "options": [
            {"id": "id_<1>", "code": '"a"', "label": "B & <c>", "count": 3, "checked": True},
            {"id": "id_2", "code": "d", "label": "E", "count": None, "checked": False},
        ],
        "selected_count": 1,
        "rule": True,
    }
    for language in ("nl", "en"):
        with translation.override(language):
            expected = get_template(facet_group.template_name).render({"group": group})
            assert facet_group.build(group=group) == expected
    assert "Tuin &amp; &lt;kas&gt;" in expected and 'value="&quot;a&quot;"' in expected


def test_an_edited_template_renders_as_it_is(settings):
    # Another template under the same name: the Python version steps aside.
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {facet_group.template_name: "<h3>{{ group.title }}</h3>"},
                    )
                ]
            },
        }
    ]
    assert not facet_group.is_usable()
    assert facet_group.render(group={"title": "Tuin & kas"}) == "<h3>Tuin &amp; kas</h3>"


def explanation(met=(), missed=()) -> Explanation:
    return Explanation(
        met=tuple(met),
        missed=tuple(missed),
        distance_km=None,
        availability="vrij",
        confirmed_on=TODAY,
        free_places=1,
        waiting_weeks=None,
    )


GARDEN = Wish("facilities", "tuin", Importance.VERY_IMPORTANT)
QUIET = Wish("environment", "rustig", Importance.NICE)
SHOPS = Wish("environment", "winkels", Importance.IMPORTANT)


@pytest.mark.parametrize(
    "value",
    [
        explanation(),
        explanation(met=[GARDEN]),
        explanation(missed=[QUIET]),
        explanation(met=[GARDEN, SHOPS], missed=[QUIET]),
    ],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_explanations_are_their_template(value, language):
    with translation.override(language):
        expected = get_template(explanation_html.template_name).render({"explanation": value})
        assert explanation_html.build(explanation=value) == expected
        assert explanation_html.render(explanation=value) == expected


def rendered_both_ways(transcription, **context) -> str:
    expected = get_template(transcription.template_name).render(context)
    assert transcription.build(**context) == expected
    return expected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pagination_is_its_template(language):
    links = [
        PageLink(1, "/zoeken/?q=a&b", False),
        PageLink(None, "", False),
        PageLink(4, '/zoeken/?q="x"&pagina=4', True),
        PageLink(5, "/zoeken/?pagina=5", False),
    ]
    with translation.override(language):
        for previous_url, next_url in [("", ""), ("/zoeken/?pagina=3&q=<a>", "/zoeken/?p=5")]:
            html = rendered_both_ways(
                pagination, page_links=links, previous_url=previous_url, next_url=next_url
            )
    assert 'href="/zoeken/?q=&quot;x&quot;&amp;pagina=4" aria-current="page"' in html
    assert '<li><span aria-hidden="true">…</span></li>' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sort_form_is_its_template(language):
    from search.criteria import Sort

    with translation.override(language):
        for selected in (*Sort.VALUES, "onbekend"):
            for hidden in ([], [("q", 'tuin & "kas"'), ("wens", "voorziening:tuin:3")]):
                html = rendered_both_ways(
                    sort_form,
                    action="/zoeken/",
                    hidden_pairs=hidden,
                    choices=Sort.CHOICES,
                    selected=selected,
                )
    assert '<input type="hidden" name="q" value="tuin &amp; &quot;kas&quot;">' in html


@pytest.mark.django_db
def test_results_page_shows_the_facet_groups(client, catalogue):
    html = client.get("/zoeken/?voorziening=tuin&voorziening=lift&taal=en").content.decode()
    assert '<details class="facet" open>' in html
    assert '<legend class="visually-hidden">Voorzieningen</legend>' in html
    assert '<input type="checkbox" name="voorziening" value="tuin" id="id_voorziening_' in html
    assert '<span class="facet__count">(2 gekozen)</span>' in html
    assert '<p class="hint">Woonlocaties hebben alles wat u aanvinkt.</p>' in html
    assert '<p class="hint">Woonlocaties hebben minstens één van wat u aanvinkt.</p>' in html
    assert html.count('<details class="facet"') == len(presentation.URL_NAMES)


@pytest.mark.django_db
def test_english_results_page_offers_distances_in_english(client):
    client.cookies["django_language"] = "en"
    html = client.get("/zoeken/?plaats=3011AD&afstand=5").content.decode()
    assert '<option value="5" selected>Up to 5 km</option>' in html
    client.cookies["django_language"] = "nl"
    html = client.get("/zoeken/?plaats=3011AD&afstand=5").content.decode()
    assert '<option value="5" selected>Tot 5 km</option>' in html


@pytest.mark.django_db
def test_results_page_shows_pagination_and_sort_form(client, catalogue):
    query = "pagina=3&sorteer=beschikbaarheid&wens=voorziening:tuin:3"
    html = client.get(f"/zoeken/?{query}").content.decode()
    assert '<nav class="pagination" aria-label="Paginering">' in html
    assert 'rel="prev">Vorige<span class="visually-hidden"> pagina</span></a></li>' in html
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>3</a></li>' in html
    assert '<form class="sort-form" method="get" action="/zoeken/">' in html
    assert '<option value="beschikbaarheid" selected>Beschikbaarheid</option>' in html
    assert '<input type="hidden" name="wens" value="voorziening:tuin:3">' in html


def test_map_points_are_what_json_script_renders():
    from datetime import date
    from decimal import Decimal

    from django.utils.html import json_script

    from search.templatetags.search_tags import json_data

    points = [
        {
            "title": 'Huis "<De Linde>" & co </script>',
            "place": "’s-Hertogenbosch \u2028 ü",
            "url": "/a/?q=x&y=<z>",
            "lat": 51.9225,
            "lon": Decimal("4.4792"),
            "position": 1,
            "since": date(2025, 6, 2),
        },
        {"title": "", "place": None, "url": "", "lat": 0, "lon": -1.5, "position": 2},
    ]
    for value, element_id in [(points, "results-map-points"), ([], 'x"<y>')]:
        assert json_data(value, element_id) == json_script(value, element_id)


@pytest.mark.django_db
def test_a_page_past_the_last_links_back_to_the_last(client, catalogue):
    response = client.get("/zoeken/?q=zzzzgeenresultaat&pagina=2")
    assert response.status_code == 200
    assert "Die pagina bestaat niet." in response.content.decode()
    assert response.context["previous_url"] == "/zoeken/?q=zzzzgeenresultaat"
    assert response.context["next_url"] == "" and response.context["page_links"] == []
