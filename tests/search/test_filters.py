"""The filter FilterSet, called with plain dicts (no HTTP), as django-filter's own tests do."""

import pytest
from django.http import QueryDict
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from residences import taxonomy
from search.criteria import (
    DISTANCE_CHOICES_KM,
    LIST_NAMES_BY_URL_NAME,
    URL_NAMES,
    Criteria,
    Importance,
    Sort,
    Wish,
)
from search.filters import ResidenceFilterSet
from search.forms import parse_wishes


def criteria_of(data) -> Criteria:
    return ResidenceFilterSet(data).criteria


def test_every_code_list_is_a_checkbox_facet_named_as_in_the_url():
    form = ResidenceFilterSet({}).form
    for list_name, url_name in URL_NAMES.items():
        field = form.fields[url_name]
        assert [code for code, _label in field.choices] == list(
            taxonomy.RESIDENCE_CODE_LISTS[list_name].values
        )
        assert field.widget.input_type == "checkbox"


def test_valid_data_becomes_criteria():
    data = {
        "doelgroep": ["vv-pg"],
        "voorziening": ["tuin", "lift"],
        "leeftijd": "80",
        "vrij": "1",
        "urgentie": "nu",
        "sorteer": "beschikbaarheid",
        "q": "muziek",
    }
    filterset = ResidenceFilterSet(data)
    assert filterset.form.is_valid()
    criteria = filterset.criteria
    assert criteria.must("target_groups") == ("vv-pg",)
    assert criteria.must("facilities") == ("tuin", "lift")
    assert (criteria.age, criteria.available_only, criteria.urgency) == (80, True, "nu")
    assert criteria.sort == Sort.AVAILABILITY
    assert criteria.text == "muziek"


def test_invalid_values_are_form_errors_and_left_out_of_the_criteria():
    filterset = ResidenceFilterSet({"leeftijd": "oud", "afstand": "7", "sorteer": "prijs"})
    assert not filterset.form.is_valid()
    assert set(filterset.form.errors) == {"leeftijd", "afstand", "sorteer"}
    criteria = filterset.criteria
    assert criteria.age is None and criteria.max_distance_km is None
    assert criteria.sort == Sort.MATCH


def test_unknown_codes_are_dropped_and_known_ones_kept():
    filterset = ResidenceFilterSet({"voorziening": ["tuin", "zwembad"]})
    assert filterset.form.is_valid()
    assert filterset.criteria.must("facilities") == ("tuin",)


def test_distance_needs_a_place():
    assert criteria_of({"afstand": "10"}).max_distance_km is None
    criteria = criteria_of({"afstand": "10", "plaats": "3011 AD"})
    assert criteria.max_distance_km == 10 and criteria.has_location


def test_wishes_pass_through_as_hidden_values():
    criteria = criteria_of({"wens": ["voorziening:tuin:3", "onzin"]})
    assert [(wish.code, wish.importance) for wish in criteria.wishes] == [("tuin", 3)]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "doelgroep=vv-pg&doelgroep=ggz&financiering=zin",
        "plaats=Schiedam&afstand=15&leeftijd=67&vrij=1",
        "q=tuin&q=tweede&sorteer=afstand&pagina=3",
        "voorziening=tuin&voorziening=onbekend&wens=voorziening:lift:2&urgentie=nu",
        "leeftijd=200&afstand=7&vrij=0&pagina=0&sorteer=x",
        "leeftijd=%C2%B2&plaats=Nergenshuizen",
        "q=a%00b&urgentie=%00nu",
        "q=" + "lang" * 60,
    ],
)
def test_filterset_and_from_query_agree(query):
    data = QueryDict(query)
    assert ResidenceFilterSet(data).criteria == Criteria.from_query(data)[0]


KEYS = [
    "q",
    "afstand",
    "leeftijd",
    "vrij",
    "urgentie",
    "sorteer",
    "pagina",
    "wens",
    *URL_NAMES.values(),
]
VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from([str(km) for km in DISTANCE_CHOICES_KM]),
    st.sampled_from(["1", "0", "ja", " 42 ", "67.0", "+5", "vv-pg", "tuin", "nu", "afstand"]),
    st.sampled_from(["voorziening:tuin:2", "omgeving:rustig", "taal:nl:9"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=10))
def test_filterset_and_from_query_agree_on_generated_query_strings(pairs):
    data = QueryDict(mutable=True)
    for key, value in pairs:
        data.appendlist(key, value)
    assert ResidenceFilterSet(data).criteria == Criteria.from_query(data)[0]


# The wishes the site writes, spelled other ways, and nonsense.
WISH_VALUES = st.one_of(
    st.builds(
        lambda url_name, code, importance: f"{url_name}:{code}:{importance}",
        st.sampled_from(list(URL_NAMES.values())),
        st.sampled_from(["tuin", "lift", "rustig", "winkels", "nl", "vv-pg", "zin", "onzin"]),
        st.sampled_from(["1", "2", "3", "03", "0", "4", "", "x", "٣"]),
    ),
    st.sampled_from(["voorziening:tuin", "omgeving:ov:", "taal:nl:2:1", "::", ":tuin:2"]),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WISH_VALUES, max_size=8))
def test_wish_field_reads_wishes_as_the_parser_does(values):
    form = ResidenceFilterSet(QueryDict(mutable=True)).form
    expected = list(Criteria.from_query({"wens": values})[0].wishes)
    cleaned = [value.strip() for value in values if value.strip()]
    assert form.fields["wens"].to_python(cleaned) == expected


def test_every_written_wish_is_read_back():
    for url_name in URL_NAMES.values():
        list_name = LIST_NAMES_BY_URL_NAME[url_name]
        for code in taxonomy.RESIDENCE_CODE_LISTS[list_name].values:
            for importance in Importance.VALUES:
                wish = Wish(list_name, code, importance)
                value = f"{url_name}:{code}:{importance}"
                assert parse_wishes([value]) == [wish]


def test_distance_labels_follow_the_language():
    form = ResidenceFilterSet(QueryDict("afstand=5")).form
    labels = dict(form.fields["afstand"].choices)
    with translation.override("en"):
        assert str(labels["5"]) == "Up to 5 km"
    with translation.override("nl"):
        assert str(labels["5"]) == "Tot 5 km"
