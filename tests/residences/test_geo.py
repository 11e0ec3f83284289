"""Offline geocoding: postcodes, places, municipalities, Rotterdam districts."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from residences import geo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    # Whatever the environment says, these tests never reach PDOK unless a
    # test switches the refinement on itself (with a fake HTTP call).
    monkeypatch.setattr(geo, "_online_enabled", lambda: False)


# --- postcodes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3011", "3011"),
        ("3011ab", "3011 AB"),
        ("3011 AB", "3011 AB"),
        ("  3011  ab ", "3011 AB"),
        ("9999ZZ", "9999 ZZ"),
        ("1000", "1000"),
        ("0123", None),  # first digit may not be 0
        ("301", None),
        ("30111", None),
        ("3011 A", None),
        ("3011 SA", None),  # SA, SD and SS are never issued
        ("3011sd", None),
        ("3011 SS", None),
        ("3011-AB", None),
        ("", None),
        ("Rotterdam", None),
    ],
)
def test_normalise_and_validate_postcode(raw, expected):
    assert geo.normalise_postcode(raw) == expected
    assert geo.is_valid_postcode(raw) is (expected is not None)


def test_normalise_postcode_rejects_non_strings():
    assert geo.normalise_postcode(None) is None
    assert geo.is_valid_postcode(3011) is False


def test_rotterdam_pc4_resolves_to_its_district():
    location = geo.geocode("3011")
    assert (location.municipality, location.place, location.district) == (
        "Rotterdam",
        "Rotterdam",
        "Centrum",
    )
    assert location.precision == "district"
    assert location.postcode == "3011"
    assert location.label == "3011 (Rotterdam Centrum)"


def test_pc6_falls_back_to_pc4_data_and_says_so():
    location = geo.geocode("3011ab")
    assert location.postcode == "3011 AB"
    assert location.district == "Centrum"
    assert location.precision == "district"  # not "pc6": we only know the PC4 area
    assert location.label == "3011 AB (Rotterdam Centrum)"


def test_postcode_followed_by_place_name():
    assert geo.geocode("3062 PA Rotterdam").district == "Kralingen-Crooswijk"


@pytest.mark.parametrize(
    ("postcode", "municipality"),
    [
        ("2905", "Capelle aan den IJssel"),
        ("3112", "Schiedam"),
        ("3131", "Vlaardingen"),
        ("3161", "Albrandswaard"),
        ("3201", "Nissewaard"),
        ("3221", "Voorne aan Zee"),
        ("2651", "Lansingerland"),
    ],
)
def test_region_postcodes(postcode, municipality):
    location = geo.geocode(postcode)
    assert location.municipality == municipality
    assert location.precision == "place"
    assert location.district == ""
    assert geo.is_in_netherlands(location.latitude, location.longitude)


def test_districts_do_not_collapse_onto_one_point():
    points = {
        (loc.latitude, loc.longitude)
        for loc in (geo.geocode(pc) for pc in ("3011", "3024", "3062", "3068", "3074", "3083"))
    }
    assert len(points) == 6


def test_every_rotterdam_postcode_has_a_district():
    for pc4 in geo.municipality_postcodes("Rotterdam"):
        assert geo.geocode(pc4).district, pc4


def test_all_shipped_coordinates_are_in_the_netherlands():
    postcodes = geo._gazetteer().postcodes
    assert len(postcodes) > 4000
    for pc4, location in postcodes.items():
        assert geo.is_in_netherlands(location.latitude, location.longitude), pc4


# --- names -------------------------------------------------------------------


def test_place_name():
    location = geo.geocode("Vlaardingen")
    assert (location.municipality, location.place, location.precision) == (
        "Vlaardingen",
        "Vlaardingen",
        "place",
    )
    assert location.label == "Vlaardingen"
    assert location.postcode == ""


@pytest.mark.parametrize(
    "query", ["den haag", "Den Haag", "'s-Gravenhage", "S GRAVENHAGE", "The Hague"]
)
def test_the_hague_spellings(query):
    assert geo.geocode(query).place == "'s-Gravenhage"


@pytest.mark.parametrize(
    "query",
    [
        "Capelle aan den IJssel",
        "capelle aan de ijssel",
        "Capelle a/d IJssel",
        "  CAPELLE  A/D  YSSEL ",
    ],
)
def test_capelle_spellings(query):
    assert geo.geocode(query).municipality == "Capelle aan den IJssel"


@pytest.mark.parametrize(
    ("query", "district"),
    [
        ("Kralingen", "Kralingen-Crooswijk"),
        ("kralingen-crooswijk", "Kralingen-Crooswijk"),
        ("Delfshaven", "Delfshaven"),
        ("Hillegersberg", "Hillegersberg-Schiebroek"),
        ("Rotterdam Centrum", "Centrum"),
        ("IJsselmonde", "IJsselmonde"),
        ("Prins Alexander", "Prins Alexander"),
    ],
)
def test_district_names(query, district):
    location = geo.geocode(query)
    assert location.district == district
    assert location.municipality == "Rotterdam"
    assert location.precision == "district"


def test_district_label():
    assert geo.geocode("Kralingen").label == "Kralingen-Crooswijk (Rotterdam)"


def test_village_in_a_larger_municipality():
    location = geo.geocode("Rhoon")
    assert location.municipality == "Albrandswaard"
    assert location.label == "Rhoon (gemeente Albrandswaard)"


def test_homonyms_prefer_the_rotterdam_region():
    # Rozenburg also exists in Haarlemmermeer; Zevenhuizen also in Groningen.
    assert geo.geocode("Rozenburg").municipality == "Rotterdam"
    assert geo.geocode("Rozenburg").district == "Rozenburg"
    assert geo.geocode("Zevenhuizen").municipality == "Zuidplas"


def test_former_and_merged_municipality_names():
    assert geo.geocode("Hellevoetsluis").municipality == "Voorne aan Zee"
    assert geo.geocode("Westvoorne").municipality == "Voorne aan Zee"
    assert geo.geocode("Bernisse").municipality == "Nissewaard"


@pytest.mark.parametrize("municipality", geo.RIJNMOND_MUNICIPALITIES)
def test_every_rijnmond_municipality_has_postcodes_and_geocodes(municipality):
    codes = geo.municipality_postcodes(municipality)
    assert codes and codes == sorted(codes)
    assert all(geo.is_valid_postcode(code) and len(code) == 4 for code in codes)
    location = geo.geocode(municipality)
    assert location.municipality == municipality
    assert geo.is_in_netherlands(location.latitude, location.longitude)
    # The region is compact: everything lies within 60 km of Rotterdam.
    assert geo.distance_km(location.latitude, location.longitude, 51.92, 4.48) < 60


def test_municipality_postcodes_lookup_is_forgiving():
    assert geo.municipality_postcodes("capelle a/d ijssel") == [f"290{i}" for i in range(1, 10)]
    assert geo.municipality_postcodes("Den Haag") == geo.municipality_postcodes("'s-Gravenhage")
    assert geo.municipality_postcodes("Atlantis") == []
    assert "3011" in geo.municipality_postcodes("Rotterdam")
    assert "3151" in geo.municipality_postcodes("Rotterdam")  # Hoek van Holland


# --- errors ------------------------------------------------------------------


def test_misspelling_gets_a_dutch_message_and_suggestion():
    with pytest.raises(geo.GeocodingError) as caught:
        geo.geocode("Capele")
    error = caught.value
    assert error.suggestions[0] == "Capelle aan den IJssel"
    assert error.message.startswith('We kennen "Capele" niet. Bedoelt u: Capelle aan den IJssel')
    assert str(error) == error.message
    assert isinstance(error, ValueError)


def test_gibberish_has_no_suggestions():
    with pytest.raises(geo.GeocodingError) as caught:
        geo.geocode("qqqxxzz")
    assert caught.value.suggestions == []
    assert "Controleer de spelling" in caught.value.message


@pytest.mark.parametrize("query", ["", "   ", None])
def test_empty_input(query):
    with pytest.raises(geo.GeocodingError, match="Vul een postcode of plaatsnaam in"):
        geo.geocode(query)


def test_unknown_postcode():
    with pytest.raises(geo.GeocodingError) as caught:
        geo.geocode("1000")  # valid format, but a PO-box range with no area
    assert "Postcode 1000 kennen we niet" in caught.value.message
    assert caught.value.suggestions and all(
        geo.is_valid_postcode(s) for s in caught.value.suggestions
    )


# "٣٠١١" is 3011 in Arabic-Indic digits: a Dutch postcode is written in ASCII digits only.
@pytest.mark.parametrize("query", ["0123", "3011 SS", "30111", "٣٠١١", "٣٠١١ AB"])
def test_invalid_postcode(query):
    with pytest.raises(geo.GeocodingError, match="geen geldige postcode"):
        geo.geocode(query)


# --- autocomplete and distances ----------------------------------------------


def test_suggest():
    assert geo.suggest("Capel")[0] == "Capelle aan den IJssel"
    assert "Kralingen-Crooswijk" in geo.suggest("kral")
    assert "Rotterdam" in geo.suggest("rot", limit=3)
    assert len(geo.suggest("a", limit=5)) == 5
    assert geo.suggest("") == []
    assert geo.suggest("zzzzqq") == []


def test_suggestions_geocode():
    for name in geo.suggest("ho", limit=8):
        geo.geocode(name)


def test_distance_km():
    assert geo.distance_km(51.9225, 4.47917, 52.37403, 4.88969) == pytest.approx(57.4, abs=1.0)
    assert geo.distance_km(52.0, 4.0, 52.0, 4.0) == 0
    assert geo.distance_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)


def test_is_in_netherlands():
    assert geo.is_in_netherlands(51.9225, 4.47917)  # Rotterdam
    assert geo.is_in_netherlands(53.45, 6.83)  # Eemshaven
    assert geo.is_in_netherlands(50.76, 5.69)  # Maastricht area
    assert not geo.is_in_netherlands(51.51, -0.13)  # London
    assert not geo.is_in_netherlands(53.55, 9.99)  # Hamburg
    assert not geo.is_in_netherlands(48.86, 2.35)  # Paris
    assert not geo.is_in_netherlands(12.1, -68.9)  # Curaçao: not European NL


def test_import_needs_no_django_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "from residences import geo; print(geo.geocode('3011').label, geo._online_enabled())"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "3011 (Rotterdam Centrum) False"


# --- optional PDOK refinement ------------------------------------------------


class _FakeCache(dict):
    def get(self, key, default=None):
        return super().get(key, default)

    def set(self, key, value, timeout=None):
        self[key] = value


PDOK_PAYLOAD = {
    "response": {
        "numFound": 1,
        "docs": [
            {
                "type": "postcode",
                "postcode": "3011AB",
                "woonplaatsnaam": "Rotterdam",
                "gemeentenaam": "Rotterdam",
                "centroide_ll": "POINT(4.48467 51.91788)",
            }
        ],
    }
}


@pytest.fixture
def online(monkeypatch):
    monkeypatch.setattr(geo, "_online_enabled", lambda: True)
    cache = _FakeCache()
    monkeypatch.setattr(geo, "_cache", lambda: cache)
    return cache


def test_pdok_timeout_falls_back_to_offline_data(online, monkeypatch, caplog):
    def timeout(query):
        raise TimeoutError("timed out")

    monkeypatch.setattr(geo, "_pdok_fetch", timeout)
    with caplog.at_level(logging.WARNING, logger="residences.geo"):
        location = geo.geocode("3011 AB")
    assert location.precision == "district"
    assert location.district == "Centrum"
    assert "PDOK" in caplog.text
    assert "3011" not in caplog.text  # the query may be personal data
    assert online == {}  # failures are not cached


def test_pdok_result_is_used_and_cached(online, monkeypatch):
    calls = []

    def fetch(query):
        calls.append(query)
        return PDOK_PAYLOAD

    monkeypatch.setattr(geo, "_pdok_fetch", fetch)
    first = geo.geocode("3011AB")
    second = geo.geocode("3011 ab")
    assert first == second
    assert len(calls) == 1
    assert first.precision == "pc6"
    assert first.postcode == "3011 AB"
    assert first.district == "Centrum"
    assert (first.latitude, first.longitude) == (51.91788, 4.48467)
    assert all("3011" not in key for key in online)  # keys are hashed


def test_pdok_is_not_asked_for_pc4_only(online, monkeypatch):
    monkeypatch.setattr(geo, "_pdok_fetch", lambda query: pytest.fail("PDOK called"))
    assert geo.geocode("3011").precision == "district"


def test_pdok_empty_answer_falls_back(online, monkeypatch):
    monkeypatch.setattr(geo, "_pdok_fetch", lambda query: {"response": {"docs": []}})
    assert geo.geocode("Vlaardingen").municipality == "Vlaardingen"


def test_online_flag_follows_django_setting(settings, monkeypatch):
    monkeypatch.undo()  # drop the autouse stub to test the real function
    settings.GEOCODER_PDOK_ENABLED = False
    assert geo._online_enabled() is False
    settings.GEOCODER_PDOK_ENABLED = True
    assert geo._online_enabled() is True
