"""The place question: geocoded at once, and kept only as coarse as the search needs.

The visitor may type a full postcode (3011 AB). We keep only what the geocoder resolved: the four
digits of a postcode, or the canonical place or district name. The letters would point to a few
streets and add nothing to the search: offline, a PC6 resolves to its PC4 area anyway.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from questionnaire.kinds import FieldError
from residences import geo

FIELD = "plaats"
MAX_LENGTH = 100


def canonical_query(location: geo.Location) -> str:
    """A query that geocodes to the same point, without the visitor's own words."""
    if location.postcode:
        return location.postcode[:4]
    if location.district and location.district != location.place:
        return location.district
    return location.place


def coarse_label(location: geo.Location) -> str:
    return geo.geocode(canonical_query(location)).label


def clean_place(data, answers: dict):
    raw = data.get(FIELD, "") if hasattr(data, "get") else ""
    text = (raw if isinstance(raw, str) else "").strip()[:MAX_LENGTH]
    if not text:
        return None, [FieldError(FIELD, _("Vul een postcode of plaatsnaam in."))]
    try:
        location = geo.geocode(text)
    except geo.GeocodingError as error:
        return None, [FieldError(FIELD, error.message)]
    query = canonical_query(location)
    coarse = geo.geocode(query)
    return {
        "query": query,
        "label": coarse.label,
        "municipality": coarse.municipality,
        "latitude": coarse.latitude,
        "longitude": coarse.longitude,
    }, []


def place_heading(answers: dict, together: bool = False) -> str:
    near = answers.get("waar")
    if near == "familie":
        return _("Wat is de postcode of woonplaats van de familie?")
    if near == "huidig":
        return _("Wat is de postcode of woonplaats van de huidige woning?")
    if together:
        return _("In welke plaats zoeken we?")
    return _("In welke plaats wilt u zoeken?")
