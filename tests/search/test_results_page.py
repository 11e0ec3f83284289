"""The results page's main column, filter sidebar and map in Python (search/views/results_page.py):
the same HTML as their templates, for whole pages and piece by piece, and the templates
themselves as soon as they are edited."""

import re

import pytest
from django.http import QueryDict
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from search.filters import ResidenceFilterSet
from search.form_html import Transcription
from search.views import results_page
from search.views.results_page import filters, map_widget, results_main

TRANSCRIPTIONS = [results_main, filters, map_widget]

# Searches that reach every branch of the templates: notices, summary (with and without the
# questionnaire's link), sort form, "sort by distance needs a place", relaxations, no results,
# cards, map, pagination, form errors and hidden wishes, and text that needs escaping.
QUERIES = [
    "",
    "plaats=3011AD&afstand=10&wens=voorziening:tuin:3&wens=omgeving:rustig:1",
    "doelgroep=vv-pg&voorziening=tuin&voorziening=lift&taal=en&sorteer=beschikbaarheid",
    "sorteer=afstand&pagina=2",
    "pagina=3&wens=voorziening:tuin:2",
    "bron=vragenlijst&doelgroep=vv-pg&wens=voorziening:tuin:3",
    "afstand=abc&leeftijd=oud&urgentie=zzz&sorteer=xx&pagina=-1",
    "leeftijd=67&vrij=1&urgentie=binnen-een-maand",
    "q=zzzzgeenresultaat&pagina=2",
    "q=%3Cb%3E%22tuin%22%20%26%20kas&plaats=%3Cscript%3E",
    "voorziening=tuin&voorziening=lift&voorziening=huisdieren&begeleiding=verpleging&vrij=ja",
    "wens=onzin&wens=voorziening:tuin:9&wens=%3Cx%3E",
    "pagina=99999",
]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def page(client, query: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(f"/zoeken/?{query}")
    assert response.status_code == 200
    # The token is masked anew for every response.
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', response.content.decode())


def test_every_transcription_is_its_template():
    # Fails when a template changes without its Python version: the template renders meanwhile.
    for transcription in TRANSCRIPTIONS:
        assert transcription.is_usable(), transcription.template_name


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_whole_pages_are_what_the_templates_render(client, catalogue, monkeypatch, language):
    python = {query: page(client, query, language) for query in QUERIES}
    # Every Python version of a template off (these and those of results_html.py and cards.py).
    monkeypatch.setattr(Transcription, "_usable", lambda self, engine_template: False)
    for query, html in python.items():
        assert html == page(client, query, language), query
    shown = "".join(python.values())
    for part in (
        'class="error-summary"',
        'class="notice notice--info relaxations"',
        'class="result-card"',
        'id="results-map"',
        'class="pagination"',
        'class="sort-form"',
        'class="muted"',
        '<input type="hidden" name="bron" value="vragenlijst">',
        '<input type="hidden" name="wens" value="voorziening:tuin:3"',
        "&lt;script&gt;",
    ):
        assert part in shown, part


def filters_context(query: str, **values) -> Context:
    data = QueryDict(query)
    return Context(
        {
            "paths": {"results": values.pop("results_path", "/zoeken/")},
            "filter_form": ResidenceFilterSet.bound_form(data),
            "extra_pairs": values.pop("extra_pairs", []),
            "facet_groups": values.pop("facet_groups", []),
        }
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "query",
    [
        "",
        "afstand=5&plaats=Schiedam&leeftijd=67&vrij=1&wens=taal:nl:2&wens=voorziening:tuin:3",
        "afstand=abc&leeftijd=oud&urgentie=zzz&sorteer=xx&pagina=-1&q=a%22b%3Cc",
        "plaats=%3Cscript%3E&wens=%22%3E",
    ],
)
def test_filters_are_their_template(language, query):
    template = get_template(filters.template_name).template
    with translation.override(language):
        for extra in ([], [("bron", "vragenlijst"), ('x"<', "&y")]):
            context = filters_context(query, extra_pairs=extra, results_path="/a&b/")
            expected = template.render(context)
            assert filters.build(context) == expected
            assert filters.render_in(context) == expected
    if "abc" in query:
        assert 'class="error-summary"' in expected and 'href="#id_pagina"' in expected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_map_widget_is_its_template(language):
    values = {
        "map_id": "results-map",
        "classes": "results-map-wrap map-widget no-print",
        "label": "Kaart & <meer>",
        "points": [{"title": 'Huis "<De Linde>" & co </script>', "lat": 51.9, "lon": 4.4}],
        "tile_url": "https://tiles.example/{z}/{x}/{y}.png?a=1&b=2",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/">OSM</a>',
    }
    with translation.override(language):
        expected = get_template(map_widget.template_name).render(values)
        assert map_widget.build(**values) == expected
    assert 'aria-label="Kaart &amp; &lt;meer&gt;"' in expected
    assert 'data-attribution="&amp;copy; &lt;a href=' in expected


def test_a_context_without_what_the_page_puts_in_it_renders_the_template():
    context = filters_context("afstand=5")
    del context.dicts[-1]["facet_groups"]
    expected = get_template(filters.template_name).template.render(context)
    assert filters.render_in(context) == expected
    with pytest.raises(results_page.NotTranscribed):
        filters.build(context)


@pytest.mark.django_db
def test_an_edited_template_renders_as_it_is(client, catalogue, settings):
    # Another main template under the same name: the page renders it, not the Python version.
    from django.conf import settings as django_settings

    engine = dict(django_settings.TEMPLATES[0])
    options = dict(engine.get("OPTIONS", {}))
    options.pop("loaders", None)
    edited = '<p class="edited">{{ count_text }}</p>'
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", {results_main.template_name: edited}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    engine["OPTIONS"] = options
    engine["APP_DIRS"] = False
    settings.TEMPLATES = [engine]
    assert not results_main.is_usable()
    html = page(client, "voorziening=tuin", "nl")
    assert re.search(r'<p class="edited">\d+ woonlocaties? gevonden</p>', html)
    assert 'id="filters"' not in html


def test_fixed_words_follow_the_language():
    with translation.override("en"):
        english = results_page.words()
        assert english == {
            key: translation.gettext(text) for key, text in results_page.WORDS.items()
        }
    with translation.override("nl"):
        assert results_page.words() == results_page.WORDS
    assert english["heading"] != results_page.WORDS["heading"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_summary_labels_are_remembered_per_language(language):
    from residences import taxonomy
    from search import fragments
    from search.criteria import Criteria, Importance, Wish
    from search.views import presentation

    criteria = Criteria.build(
        musts={"target_groups": ["vv-pg"], "facilities": ["tuin", "lift"]},
        wishes=[Wish("environment", "rustig", Importance.VERY_IMPORTANT)],
    )
    with translation.override(language):
        for _ in range(2):  # made, then remembered
            rows = {row.label: row.value for row in presentation.summary_rows(criteria)}
            garden = str(taxonomy.RESIDENCE_CODE_LISTS["facilities"]("tuin").label)
            quiet = Wish("environment", "rustig").label
            very = str(dict(Importance.CHOICES)[Importance.VERY_IMPORTANT])
            assert any(garden in value for value in rows.values())
            assert f"{quiet} ({very})" in rows[translation.gettext("Wensen")]
            assert fragments.translated("Vorige") == translation.gettext("Vorige")


def test_remembered_words_are_forgotten_when_settings_change(settings):
    from search import fragments
    from search.views import presentation

    with translation.override("en"):
        results_page.words()
        fragments.translated("Vorige")
        presentation.code_label("facilities", "tuin")
    assert results_page._words and fragments._translations and presentation._labels
    settings.LANGUAGE_CODE = "nl"  # any setting_changed
    assert not results_page._words and not fragments._translations and not presentation._labels


def test_each_form_gets_its_own_copies_of_the_fields():
    # search/forms.py copies fields without copy's generic machinery: still Django's copies.
    import copy

    form_class = type(ResidenceFilterSet.bound_form(QueryDict()))
    fields = copy.deepcopy(form_class.base_fields)
    assert type(fields) is dict and list(fields) == list(form_class.base_fields)
    own = ("widget", "error_messages", "validators")
    for name, base in form_class.base_fields.items():
        field = fields[name]
        assert type(field) is type(base) and field is not base, name
        for attribute in own:
            assert getattr(field, attribute) is not getattr(base, attribute), (name, attribute)
        assert field.error_messages == base.error_messages
        assert field.validators == base.validators
        assert type(field.widget) is type(base.widget)
        assert {key: value for key, value in vars(field).items() if key not in own} == {
            key: value for key, value in vars(base).items() if key not in own
        }
        assert vars(field.widget).keys() == vars(base.widget).keys()
        assert field.widget.attrs == base.widget.attrs
        assert field.widget.attrs is not base.widget.attrs
