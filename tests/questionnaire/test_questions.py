"""Each question's mapping to Criteria, and the branching, through the pure functions."""

import pytest

from questionnaire import flow
from questionnaire.kinds import FieldError
from questionnaire.places import clean_place
from questionnaire.questions import (
    BY_SLUG,
    QUESTIONS,
    answers_to_criteria,
    asked_questions,
)
from residences import taxonomy
from search.criteria import Criteria, Importance, Wish

ROTTERDAM_CENTRE = {
    "query": "3011",
    "label": "3011 (Rotterdam Centrum)",
    "municipality": "Rotterdam",
    "latitude": 51.9185,
    "longitude": 4.477,
}


def slugs(answers):
    return [question.slug for question in asked_questions(answers)]


# Mapping ----------------------------------------------------------------------------------


def test_no_answers_give_empty_criteria():
    assert answers_to_criteria({}) == Criteria()


def test_for_whom_adds_nothing_to_the_search():
    assert answers_to_criteria({"voor-wie": "zelf"}) == Criteria()


def test_age_becomes_the_age_filter():
    assert answers_to_criteria({"leeftijd": 81}).age == 81
    assert answers_to_criteria({"leeftijd": None}).age is None


def test_target_groups_are_musts_and_dont_know_is_no_filter():
    criteria = answers_to_criteria({"doelgroep": ["vg", "ass"]})
    assert criteria.must("target_groups") == ("vg", "ass")
    assert answers_to_criteria({"doelgroep": ["weet-niet"]}).musts == ()


def test_care_profile_is_a_must_when_asked():
    answers = {"doelgroep": ["vg"], "indicatie": "ja", "zorgprofiel": "VG03"}
    assert answers_to_criteria(answers).must("care_profiles") == ("VG03",)
    answers["zorgprofiel"] = "weet-niet"
    assert answers_to_criteria(answers).must("care_profiles") == ()


def test_housing_types_are_musts_on_any():
    criteria = answers_to_criteria({"woonvorm": ["groepswoning", "logeren"]})
    assert criteria.must("housing_types") == ("groepswoning", "logeren")
    assert criteria.must("financing") == ()


def test_only_staying_at_home_requires_vpt_or_mpt():
    criteria = answers_to_criteria({"woonvorm": ["thuis"]})
    assert criteria.must("housing_types") == ()
    assert criteria.must("financing") == ("vpt", "mpt")


def test_staying_at_home_or_a_residence_makes_vpt_and_mpt_a_wish():
    criteria = answers_to_criteria({"woonvorm": ["kleinschalig", "thuis"]})
    assert criteria.must("housing_types") == ("kleinschalig",)
    assert criteria.must("financing") == ()
    assert set(criteria.wishes) == {Wish("financing", "vpt"), Wish("financing", "mpt")}


def test_financing_is_a_must():
    answers = {"indicatie": "ja", "financiering": "pgb"}
    assert answers_to_criteria(answers).must("financing") == ("pgb",)


def test_place_and_distance_set_the_location_with_only_the_coarse_place():
    answers = {"waar": "familie", "plaats": ROTTERDAM_CENTRE, "afstand": "15"}
    criteria = answers_to_criteria(answers)
    assert criteria.place == "3011"
    assert (criteria.latitude, criteria.longitude) == (51.9185, 4.477)
    assert criteria.max_distance_km == 15
    answers["afstand"] = "maakt-niet-uit"
    assert answers_to_criteria(answers).max_distance_km is None


def test_support_choices_become_musts_or_wishes_by_rating():
    answers = {
        "begeleiding-dag": ["aanwezig-24u", "gedrag"],
        "begeleiding-nacht": "nacht-oproep",
        "belang-begeleiding": {
            "support-aanwezig-24u": "moet",
            "support-gedrag": "3",
            "support-nacht-oproep": "1",
        },
    }
    criteria = answers_to_criteria(answers)
    assert criteria.must("support") == ("aanwezig-24u",)
    assert set(criteria.wishes) == {
        Wish("support", "gedrag", Importance.VERY_IMPORTANT),
        Wish("support", "nacht-oproep", Importance.NICE),
    }


@pytest.mark.parametrize(
    ("source", "value", "list_name", "code"),
    [
        ("voorzieningen", ["lift"], "facilities", "lift"),
        ("omgeving", ["dorp"], "environment", "dorp"),
        ("levensovertuiging", ["islamitisch"], "life_outlooks", "islamitisch"),
        ("taal", ["pap"], "languages", "pap"),
    ],
)
def test_wish_questions_map_to_their_code_list(source, value, list_name, code):
    rating = f"belang-{source}"
    must = answers_to_criteria({source: value, rating: {f"{list_name}-{code}": "moet"}})
    assert must.must(list_name) == (code,) and must.wishes == ()
    nice = answers_to_criteria({source: value, rating: {f"{list_name}-{code}": "2"}})
    assert nice.musts == () and nice.wishes == (Wish(list_name, code, Importance.IMPORTANT),)


def test_day_activities_yes_is_the_day_activities_facility():
    answers = {
        "voorzieningen": [],
        "dagbesteding": "ja",
        "belang-voorzieningen": {"facilities-dagbesteding": "moet"},
    }
    assert answers_to_criteria(answers).must("facilities") == ("dagbesteding",)


def test_unrated_choices_count_as_nice_wishes_not_filters():
    criteria = answers_to_criteria({"voorzieningen": ["tuin"]})
    assert criteria.musts == ()
    assert criteria.wishes == (Wish("facilities", "tuin", Importance.NICE),)


def test_urgency_is_passed_on():
    assert answers_to_criteria({"wanneer": "nu"}).urgency == taxonomy.Urgency.NOW


def test_full_answers_round_trip_through_the_query_string(full_answers, db):
    from tests.questionnaire.conftest import Visitor  # noqa: F401  (answers are form values)

    answers = dict(full_answers, leeftijd=81, plaats=ROTTERDAM_CENTRE)
    criteria = answers_to_criteria(answers)
    parsed, notices = Criteria.from_query(_querydict(criteria.to_query()))
    assert notices == []
    assert parsed == criteria


def _querydict(query):
    from django.http import QueryDict

    return QueryDict(query)


# Branching --------------------------------------------------------------------------------


def test_care_profile_only_with_an_indication_and_a_known_target_group():
    assert "zorgprofiel" in slugs({"doelgroep": ["vg"], "indicatie": "ja"})
    assert "zorgprofiel" not in slugs({"doelgroep": ["vg"], "indicatie": "aangevraagd"})
    assert "zorgprofiel" not in slugs({"doelgroep": ["weet-niet"], "indicatie": "ja"})


def test_care_profile_options_follow_the_target_groups():
    options = BY_SLUG["zorgprofiel"].choices({"doelgroep": ["ggz"], "indicatie": "ja"})
    codes = [option.code for option in options]
    assert codes == ["GGZ-B", "GGZ-W", "weet-niet"]


def test_no_financing_question_while_the_indication_is_unknown_or_awaited():
    for answer in ("ja", "nee"):
        assert "financiering" in slugs({"indicatie": answer})
    for answer in ("aangevraagd", "weet-niet"):
        assert "financiering" not in slugs({"indicatie": answer})


def test_without_a_wlz_indication_the_municipal_financing_is_offered():
    options = BY_SLUG["financiering"].choices({"indicatie": "nee"})
    labels = {option.code: str(option.label) for option in options}
    assert list(labels) == ["jeugdwet", "wmo", "pgb", "weet-niet"]
    assert labels["jeugdwet"] == "Jeugdwet: jeugdhulp via de gemeente"
    assert labels["wmo"] == "Wmo: beschermd wonen via de gemeente"


def test_jeugdwet_and_wmo_answers_become_the_financing_must():
    for code in ("jeugdwet", "wmo"):
        answers = {"indicatie": "nee", "financiering": code}
        assert answers_to_criteria(answers).must("financing") == (code,)


def test_financing_options_for_staying_at_home_leave_out_residential_care():
    options = BY_SLUG["financiering"].choices({"indicatie": "ja", "woonvorm": ["thuis"]})
    assert "zin" not in [option.code for option in options]


def test_place_and_distance_only_when_the_place_matters():
    assert "plaats" not in slugs({"waar": "maakt-niet-uit"})
    assert "plaats" in slugs({"waar": "huidig"})
    assert "afstand" not in slugs({"waar": "huidig"})
    assert "afstand" in slugs({"waar": "huidig", "plaats": ROTTERDAM_CENTRE})


def test_rating_pages_only_for_chosen_wishes():
    assert "belang-omgeving" not in slugs({"omgeving": []})
    assert "belang-omgeving" in slugs({"omgeving": ["rustig"]})
    assert "belang-begeleiding" not in slugs(
        {"begeleiding-dag": ["geen"], "begeleiding-nacht": "geen"}
    )


def test_a_closed_branch_no_longer_counts():
    answers = {"indicatie": "ja", "financiering": "pgb"}
    answers["indicatie"] = "aangevraagd"
    assert answers_to_criteria(answers).must("financing") == ()
    answers = {"indicatie": "ja", "financiering": "zin"}
    answers["indicatie"] = "nee"
    assert answers_to_criteria(answers).must("financing") == ()
    answers = {"waar": "huidig", "plaats": ROTTERDAM_CENTRE, "afstand": "5"}
    answers["waar"] = "maakt-niet-uit"
    assert "afstand" not in slugs(answers)
    assert answers_to_criteria(answers).place == ""


def test_progress_counts_the_questions_this_visitor_gets():
    # On the indication page its own follow-ups may still come; the place's are settled.
    short = {"indicatie": "aangevraagd", "waar": "maakt-niet-uit"}
    long = {"indicatie": "ja", "doelgroep": ["vg"], "waar": "huidig", "plaats": ROTTERDAM_CENTRE}
    question = BY_SLUG["indicatie"]
    assert flow.progress(question, long).total - flow.progress(question, short).total == 2
    # On the next page the indication is settled too: "aangevraagd" asks neither follow-up.
    question = BY_SLUG["woonvorm"]
    assert flow.progress(question, long).total - flow.progress(question, short).total == 4


def test_wording_for_someone_else():
    question = BY_SLUG["leeftijd"]
    assert question.heading({"voor-wie": "zelf"}) == "Hoe oud bent u?"
    assert question.heading({"voor-wie": "naaste"}) == "Hoe oud is uw naaste?"
    assert question.heading({"voor-wie": "client"}) == "Hoe oud is uw cliënt?"


def test_every_question_has_a_dont_know_or_is_optional_where_a_visitor_may_not_know():
    may_not_know = {"doelgroep", "indicatie", "zorgprofiel", "woonvorm", "financiering"}
    for question in QUESTIONS:
        if question.slug in may_not_know:
            answers = {"doelgroep": ["vg"], "indicatie": "ja"}
            codes = [option.code for option in question.choices(answers)]
            assert "weet-niet" in codes, question.slug


# Validation -------------------------------------------------------------------------------


def test_place_keeps_only_the_four_digits_of_a_postcode():
    value, errors = clean_place({"plaats": "3011 AB"}, {})
    assert errors == []
    assert value["query"] == "3011"
    assert "AB" not in value["label"]
    assert value["municipality"] == "Rotterdam"


def test_place_error_is_the_geocoders_dutch_message():
    value, errors = clean_place({"plaats": "Rotterdm"}, {})
    assert value is None
    assert errors[0].field_id == "plaats"
    assert "Bedoelt u: Rotterdam" in errors[0].message


def test_age_out_of_range_is_an_error():
    question = BY_SLUG["leeftijd"]
    assert question.clean({"leeftijd": "121"}, {})[1] == [
        FieldError("leeftijd", "Vul een getal in van 0 tot en met 120.")
    ]
    assert question.clean({"leeftijd": ""}, {}) == (None, [])


def test_unknown_option_code_is_refused():
    value, errors = BY_SLUG["voorzieningen"].clean({"voorzieningen": ["zwembad"]}, {})
    assert value is None and errors
