"""The filter sidebar's fields in Python (search/form_html.py, search_tags.filter_field): the
same HTML as Django's widget templates and the former include template. The facet groups are
in test_results_html.py."""

import re
from pathlib import Path

import pytest
from django.forms.renderers import get_default_renderer
from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.filters import FAST_WIDGETS, ResidenceFilterSet
from search.form_html import BUILDERS
from search.templatetags.search_tags import described_widget, filter_field

QUERIES = [
    "",
    "q=tuin&plaats=Schiedam&afstand=15&leeftijd=67&vrij=1&urgentie=nu&sorteer=afstand",
    "leeftijd=oud&afstand=7&sorteer=prijs&urgentie=zzz",
    "plaats=%3Cb%3E%22x%27%26&q=%22tuin%22+%26+lift&vrij=ja&leeftijd=-1",
    "wens=voorziening:tuin:3&wens=voorziening:lift:2&wens=onzin&pagina=2",
    "doelgroep=vv-pg&voorziening=tuin&voorziening=zwembad&pagina=0",
]
FIELDS = ["q", "plaats", "afstand", "leeftijd", "vrij", "urgentie", "sorteer", "wens", "pagina"]

# search/includes/filter_field.html as it was before it became a tag (a copy).
PLAIN_FIELD = (Path(__file__).parent / "plain_filter_field.html").read_text()


def forms_for(query: str):
    """The filter form twice: with the Python widgets, and with Django's template renderer."""
    fast = ResidenceFilterSet(QueryDict(query)).form
    plain = ResidenceFilterSet(QueryDict(query)).form
    plain.renderer = get_default_renderer()
    assert fast.renderer is FAST_WIDGETS
    return fast, plain


def test_every_transcribed_template_is_the_one_django_ships():
    # Fails when Django changes one of them: the renderer then uses the template for that one.
    for name in BUILDERS:
        assert FAST_WIDGETS._same_source(name), name
        assert FAST_WIDGETS._is_usable(name), name


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_widgets_are_what_the_django_templates_render(query, language):
    with translation.override(language):
        fast, plain = forms_for(query)
        for name in FIELDS:
            assert str(fast[name]) == str(plain[name]), name
            for hint, short in [(None, False), ("Een hint", True)]:
                assert described_widget(fast[name], hint, short) == described_widget(
                    plain[name], hint, short
                ), name
        # Widgets without a Python version still render through their templates.
        assert str(fast["voorziening"]) == str(plain["voorziening"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(FIELDS),
        st.lists(st.text(max_size=12), min_size=1, max_size=3),
        max_size=5,
    )
)
def test_widgets_match_for_any_submitted_values(data):
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    fast = ResidenceFilterSet(query).form
    plain = ResidenceFilterSet(query).form
    plain.renderer = get_default_renderer()
    for name in FIELDS:
        assert described_widget(fast[name], "h", True) == described_widget(plain[name], "h", True)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_filter_field_is_the_former_include(query, language):
    with translation.override(language):
        fast, plain = forms_for(query)
        template = Template(PLAIN_FIELD)
        for name, hint, short in [
            ("q", None, False),
            ("plaats", "Bijvoorbeeld 3011 AD of <Schiedam>.", True),
            ("afstand", None, False),
            ("leeftijd", None, True),
            ("urgentie", None, False),
            ("sorteer", None, False),
        ]:
            context = Context({"field": plain[name], "hint": hint, "short": short})
            assert filter_field(fast[name], hint, short) == template.render(context), name


def test_a_bound_form_shows_its_values_and_errors(client, db):
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


def test_common_fields_are_rendered_once_and_typed_values_never_kept(client, db):
    from search.templatetags import search_tags

    search_tags._common_fields.clear()
    html = client.get("/zoeken/?q=geheim&plaats=Delft&leeftijd=77&afstand=5").content.decode()
    again = client.get("/zoeken/?q=geheim&plaats=Delft&leeftijd=77&afstand=5").content.decode()
    assert '<option value="5" selected>Tot 5 km</option>' in html
    assert '<input type="search" name="q" value="geheim" id="id_q">' in html
    # Object addresses (0x7f...77...) in the repr are not what a visitor typed.
    kept = re.sub(r"0x[0-9a-f]+", "0x", repr(list(search_tags._common_fields.items())))
    assert "afstand" in kept and "urgentie" in kept
    # Every choice is kept, not only the ones asked for.
    assert 'value="100" selected' in kept and 'value="2" selected' in kept
    for typed in ("geheim", "Delft", "77"):
        assert typed not in kept
    without_tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    assert without_tokens.sub("", html) == without_tokens.sub("", again)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_common_fields_follow_the_language_and_the_form(language):
    with translation.override(language):
        fast, plain = forms_for("afstand=5&sorteer=afstand")
        for name in ("afstand", "sorteer", "urgentie", "q"):
            assert filter_field(fast[name]) == filter_field(plain[name])
            assert filter_field(fast[name]) == Template(PLAIN_FIELD).render(
                Context({"field": plain[name], "hint": None, "short": False})
            )
        changed = ResidenceFilterSet.bound_form(QueryDict("afstand=5"))
        changed.fields["afstand"].label = "Hoe ver?"
        assert '<label class="label" for="id_afstand">Hoe ver?</label>' in filter_field(
            changed["afstand"]
        )
