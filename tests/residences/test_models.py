import pytest
from django.core.exceptions import ValidationError

from tests.factories import ResidencePageFactory

pytestmark = pytest.mark.django_db


def errors_of(page) -> dict:
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize("postcode", ["301 AB", "0123 AB", "3011 ABC", "Rotterdam"])
def test_postcode_must_be_dutch(postcode):
    page = ResidencePageFactory(publish=False)
    page.postcode = postcode

    assert "Vul een Nederlandse postcode in, zoals 3011 AB." in errors_of(page)["postcode"]


def test_coordinates_must_lie_in_the_netherlands():
    page = ResidencePageFactory(publish=False)
    page.latitude, page.longitude = 48.8566, 2.3522  # Paris

    assert errors_of(page)["latitude"] == ["Deze coördinaten liggen niet in Nederland."]


def test_both_coordinates_or_neither():
    page = ResidencePageFactory(publish=False)
    page.longitude = None

    assert errors_of(page)["longitude"] == ["Vul beide coördinaten in, of laat beide leeg."]


def test_minimum_age_may_not_exceed_maximum_age():
    page = ResidencePageFactory(publish=False)
    page.min_age, page.max_age = 65, 18

    assert "minimumleeftijd" in errors_of(page)["max_age"][0]


@pytest.mark.parametrize("field", ["places", "free_places", "group_size"])
def test_counts_may_not_be_negative(field):
    page = ResidencePageFactory(publish=False)
    setattr(page, field, -1)

    assert field in errors_of(page)


def test_more_free_places_than_places_is_refused():
    page = ResidencePageFactory(publish=False)
    page.places, page.free_places = 4, 5

    assert errors_of(page)["free_places"] == ["Er kunnen niet meer plaatsen vrij zijn dan er zijn."]


def test_unknown_code_is_refused():
    page = ResidencePageFactory(publish=False)
    page.care_profiles = ["VV99"]

    assert "VV99" in errors_of(page)["care_profiles"][0]


def test_geocoding_fills_coordinates_municipality_and_district_from_the_postcode():
    page = ResidencePageFactory(
        latitude=None, longitude=None, municipality="", place="", district="", postcode="3111ab"
    )

    assert page.postcode == "3111 AB"
    assert page.municipality == "Schiedam"
    assert 51.9 < page.latitude < 51.95 and 4.36 < page.longitude < 4.42


def test_geocoding_keeps_coordinates_an_editor_corrected():
    page = ResidencePageFactory(latitude=51.9000, longitude=4.5000, municipality="")

    assert (page.latitude, page.longitude) == (51.9000, 4.5000)
    assert page.municipality == "Rotterdam"


def test_unknown_postcode_without_coordinates_is_a_dutch_error_with_suggestions():
    page = ResidencePageFactory(publish=False)
    page.latitude = page.longitude = None
    page.municipality = ""
    page.postcode = "1000 AA"

    message = errors_of(page)["postcode"][0]
    assert "kennen we niet" in message and "1011" in message


def test_copying_a_residence_does_not_copy_its_import_key():
    page = ResidencePageFactory(external_id="bron-1")

    copy = page.copy(update_attrs={"slug": "kopie", "title": "Kopie"})

    assert copy.external_id is None
