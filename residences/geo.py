"""Offline geocoding of Dutch postcodes, woonplaatsen, gemeenten and Rotterdam districts.

All data ships in ``residences/data/geo`` (see SOURCES.md there) and is loaded
lazily on first use, so importing this module is cheap and needs no Django
settings. Lookups are dictionary hits on normalised keys.

Precision is reported honestly: the open data has no per-postcode coordinates,
so a PC4 or PC6 query resolves to its Rotterdam district centroid
(``"district"``) or to its woonplaats (``"place"``). Only the optional PDOK
refinement (setting ``GEOCODER_PDOK_ENABLED``) yields ``"pc6"``.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import json
import logging
import math
import re
import unicodedata
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data" / "geo"

NL_BOUNDS = (50.70, 3.30, 53.60, 7.25)  # min_lat, min_lon, max_lat, max_lon
EARTH_RADIUS_KM = 6371.0088

# Current municipalities of the Rotterdam region (Voorne aan Zee replaced
# Brielle, Hellevoetsluis and Westvoorne on 1 January 2023).
RIJNMOND_MUNICIPALITIES: tuple[str, ...] = (
    "Rotterdam",
    "Schiedam",
    "Vlaardingen",
    "Maassluis",
    "Capelle aan den IJssel",
    "Krimpen aan den IJssel",
    "Lansingerland",
    "Barendrecht",
    "Ridderkerk",
    "Albrandswaard",
    "Nissewaard",
    "Voorne aan Zee",
    "Goeree-Overflakkee",
    "Hoeksche Waard",
    "Zuidplas",
)

PDOK_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
PDOK_TIMEOUT_S = 2.0
PDOK_CACHE_SECONDS = 30 * 24 * 3600

_POSTCODE_RE = re.compile(r"([1-9][0-9]{3})\s*([A-Z]{2})?")
_FORBIDDEN_LETTERS = {"SA", "SD", "SS"}  # never issued by PostNL
# A query that starts with a postcode, optionally followed by a place name.
_LEADING_POSTCODE_RE = re.compile(r"([0-9]{4})\s*([A-Za-z]{2})?(?:\s+\D.*)?")
_POSTCODE_LIKE_RE = re.compile(r"[\d\s]+[A-Za-z]{0,2}")
_PDOK_POINT_RE = re.compile(r"POINT\(([-\d.]+) ([-\d.]+)\)")

# Ranking tiers: an exact woonplaats beats a gemeente name beats a district.
_TIER_PLACE, _TIER_MUNICIPALITY, _TIER_DISTRICT = 0, 1, 2
_REGION_BONUS = 10_000_000


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    municipality: str
    place: str
    district: str = ""
    postcode: str = ""
    precision: str = "place"  # "pc6" | "pc4" | "district" | "place"

    @property
    def label(self) -> str:
        """Human-readable Dutch label, e.g. "3011 (Rotterdam Centrum)"."""
        if self.postcode:
            area = f"{self.place} {self.district}" if self._shows_district else self.place
            return f"{self.postcode} ({area})"
        if self._shows_district:
            return f"{self.district} ({self.municipality})"
        if self.municipality and self.municipality != self.place:
            return f"{self.place} (gemeente {self.municipality})"
        return self.place

    @property
    def _shows_district(self) -> bool:
        return bool(self.district) and self.district != self.place


def _(message: str, **params) -> str:
    """Translate a Dutch message when Django is set up (named `_` so makemessages finds it).

    This module also runs without Django settings (the data regeneration script), so the
    translation machinery is only touched when it is configured.
    """
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils.translation import gettext

            message = gettext(message)
    except ImportError:
        pass
    return message % params if params else message


class GeocodingError(ValueError):
    """Input we cannot place; ``message`` is Dutch and safe to show to users."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions or [])


# --------------------------------------------------------------------------
# Postcodes and distances


def normalise_postcode(value: str) -> str | None:
    """Return "3011 AB" / "3011" for a valid Dutch postcode, else None."""
    if not isinstance(value, str):
        return None
    match = _POSTCODE_RE.fullmatch(value.strip().upper())
    if not match:
        return None
    digits, letters = match.groups()
    if letters in _FORBIDDEN_LETTERS:
        return None
    return f"{digits} {letters}" if letters else digits


def is_valid_postcode(value: str) -> bool:
    return normalise_postcode(value) is not None


def is_in_netherlands(latitude: float, longitude: float) -> bool:
    """Cheap bounding-box check for the European Netherlands.

    A generous box: it also admits border strips of Belgium and Germany, which
    is fine for catching swapped or foreign coordinates.
    """
    min_lat, min_lon, max_lat, max_lon = NL_BOUNDS
    return min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


# --------------------------------------------------------------------------
# Name normalisation


def _name_key(value: str) -> str:
    """Case-, accent-, punctuation- and spelling-variant-insensitive key.

    "'s-Gravenhage" == "s Gravenhage", "Capelle a/d IJssel" ==
    "Capelle aan den IJssel", "St. Willebrord" == "Sint Willebrord".
    """
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\ba\s*[/.]\s*d\b\.?", " aan de ", text)
    tokens = re.findall(r"[a-z0-9]+", text)
    if tokens and tokens[0] == "gemeente" and len(tokens) > 1:
        tokens = tokens[1:]
    canonical = []
    for i, token in enumerate(tokens):
        if token == "den" and i and tokens[i - 1] == "aan":
            token = "de"  # users mix up "aan de" and "aan den"
        elif token == "st":
            token = "sint"
        canonical.append(token)
    # "Y" is a common typing of the Dutch "IJ" digraph.
    return "".join(canonical).replace("y", "ij")


# --------------------------------------------------------------------------
# Data loading


@dataclass(frozen=True)
class _Entry:
    location: Location
    display: str
    rank: tuple[int, int]  # (tier, -weight): lower sorts first


@dataclass(frozen=True)
class _Gazetteer:
    postcodes: dict[str, Location]  # "3011" -> Location
    names: dict[str, list[_Entry]]  # name key -> entries, best first
    municipality_postcodes: dict[str, list[str]]  # municipality key -> PC4s
    autocomplete: list[tuple[str, str]]  # (key, display), best first


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    region = set(RIJNMOND_MUNICIPALITIES)
    postcodes, by_place, by_municipality = _load_postcodes()
    names: dict[str, list[_Entry]] = defaultdict(list)
    _add_places(names, by_place, region)
    _add_municipalities(names, region)
    _add_districts(names, postcodes)
    _add_aliases(names)
    for entries in names.values():
        entries.sort(key=lambda entry: entry.rank)
    return _Gazetteer(
        postcodes=postcodes,
        names=dict(names),
        municipality_postcodes={
            _name_key(m): sorted(codes) for m, codes in by_municipality.items()
        },
        autocomplete=_autocomplete_index(names),
    )


def _load_postcodes():
    postcodes: dict[str, Location] = {}
    by_place: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_municipality: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv("postcodes.csv"):
        district = row["district"]
        postcodes[row["pc4"]] = Location(
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            municipality=row["municipality"],
            place=row["place"],
            district=district,
            postcode=row["pc4"],
            precision="district" if district else "place",
        )
        by_place[(row["place"], row["municipality"])].add(district)
        by_municipality[row["municipality"]].append(row["pc4"])
    return postcodes, by_place, by_municipality


def _add_places(names, by_place, region) -> None:
    for row in _read_csv("places.csv"):
        districts = by_place.get((row["place"], row["municipality"]), set())
        # A woonplaats gets a district only when it lies entirely within one
        # (e.g. Hoogvliet), not for the city of Rotterdam itself.
        district = next(iter(districts)) if len(districts) == 1 else ""
        location = Location(
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            municipality=row["municipality"],
            place=row["place"],
            district=district,
        )
        weight = int(row["weight"]) + (_REGION_BONUS if row["municipality"] in region else 0)
        entry = _Entry(location, row["place"], (_TIER_PLACE, -weight))
        for name in {row["place"], row["official"]} - {""}:
            names[_name_key(name)].append(entry)


def _add_municipalities(names, region) -> None:
    """Let gemeente names resolve to their largest woonplaats."""
    best: dict[str, _Entry] = {}
    for entries in names.values():
        for entry in entries:
            municipality = entry.location.municipality
            if municipality not in best or entry.rank < best[municipality].rank:
                best[municipality] = entry
    for municipality, entry in best.items():
        key = _name_key(municipality)
        if any(e.location.municipality == municipality for e in names.get(key, [])):
            continue  # the gemeente shares its name with a woonplaats
        weight = -entry.rank[1]
        names[key].append(_Entry(entry.location, municipality, (_TIER_MUNICIPALITY, -weight)))


def _add_districts(names, postcodes) -> None:
    for row in _read_csv("rotterdam_districts.csv"):
        district = row["district"]
        first_pc4 = row["postcodes"].split()[0].split("-")[0]
        location = Location(
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            municipality="Rotterdam",
            place=postcodes[first_pc4].place,
            district=district,
            precision="district",
        )
        entry = _Entry(location, district, (_TIER_DISTRICT, 0))
        aliases = [a for a in row["aliases"].split("|") if a]
        for name in [district, f"Rotterdam {district}", *aliases]:
            names[_name_key(name)].append(entry)


def _add_aliases(names) -> None:
    for row in _read_csv("aliases.csv"):
        target = names.get(_name_key(row["target"]))
        if target:
            names[_name_key(row["alias"])].extend(target)


def _autocomplete_index(names) -> list[tuple[str, str]]:
    """Canonical names (no aliases) ordered best first, for suggest()."""
    best: dict[str, _Entry] = {}
    for entries in names.values():
        for entry in entries:
            current = best.get(entry.display)
            if current is None or entry.rank < current.rank:
                best[entry.display] = entry
    ordered = sorted(
        best.values(), key=lambda e: (e.rank[0] == _TIER_DISTRICT, e.rank[1], e.display)
    )
    return [(_name_key(e.display), e.display) for e in ordered]


# --------------------------------------------------------------------------
# Public lookups


def geocode(query: str) -> Location:
    """Resolve a postcode, woonplaats, gemeente or Rotterdam district."""
    text = (query or "").strip()
    if not text:
        raise GeocodingError(_("Vul een postcode of plaatsnaam in."))
    postcode_match = _LEADING_POSTCODE_RE.fullmatch(text)
    wants_online = not postcode_match or bool(postcode_match.group(2))
    if wants_online and _online_enabled():
        # PC4-only queries stay offline: PDOK would answer with an arbitrary PC6.
        location = _geocode_online(text)
        if location is not None:
            return location
    if postcode_match:
        return _geocode_postcode(postcode_match.group(1), postcode_match.group(2), text)
    if _POSTCODE_LIKE_RE.fullmatch(text) and any(ch.isdigit() for ch in text):
        raise _invalid_postcode(text)
    return _geocode_name(text)


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """Place, gemeente and district names for autocomplete, best first."""
    key = _name_key(prefix or "")
    if not key or limit <= 0:
        return []
    index = _gazetteer().autocomplete
    starts = [display for k, display in index if k.startswith(key)]
    if len(starts) < limit:
        # Also match later words: "ijssel" -> "Capelle aan den IJssel".
        words = [
            display
            for k, display in index
            if display not in starts
            and any(_name_key(w).startswith(key) for w in _words(display)[1:])
        ]
        starts.extend(words)
    return starts[:limit]


def municipality_postcodes(municipality: str) -> list[str]:
    """Sorted PC4 codes of a gemeente ([] when the gemeente is unknown)."""
    gazetteer = _gazetteer()
    key = _name_key(municipality or "")
    if key in gazetteer.municipality_postcodes:
        return list(gazetteer.municipality_postcodes[key])
    for entry in gazetteer.names.get(key, []):  # aliases such as "Den Haag"
        codes = gazetteer.municipality_postcodes.get(_name_key(entry.location.municipality))
        if codes and entry.rank[0] != _TIER_DISTRICT:
            return list(codes)
    return []


# --------------------------------------------------------------------------
# Offline resolution


def _geocode_postcode(digits: str, letters: str | None, original: str) -> Location:
    postcode = normalise_postcode(f"{digits} {letters or ''}")
    if postcode is None:
        raise _invalid_postcode(original)
    known = _gazetteer().postcodes.get(digits)
    if known is None:
        raise _unknown_postcode(digits)
    # A PC6 keeps the user's full postcode, but the coordinates (and so the
    # reported precision) are those of its PC4 district or woonplaats.
    return Location(**{**asdict(known), "postcode": postcode})


def _geocode_name(text: str) -> Location:
    names = _gazetteer().names
    for candidate in (text, text.split(",")[0]):
        entries = names.get(_name_key(candidate))
        if entries:
            return entries[0].location
    raise _unknown_name(text)


def _invalid_postcode(text: str) -> GeocodingError:
    return GeocodingError(
        _(
            '"%(text)s" is geen geldige postcode. Een postcode bestaat uit vier cijfers '
            "en eventueel twee letters, bijvoorbeeld 3011 AB.",
            text=text,
        )
    )


def _unknown_postcode(digits: str) -> GeocodingError:
    def numeric_gap(code: str) -> tuple[int, str]:
        return abs(int(code) - int(digits)), code

    codes = sorted(_gazetteer().postcodes, key=numeric_gap)[:3]
    return GeocodingError(
        _(
            "Postcode %(postcode)s kennen we niet. Controleer de postcode of zoek op "
            "plaatsnaam. Bestaande postcodes in de buurt: %(nearby)s.",
            postcode=digits,
            nearby=", ".join(sorted(codes)),
        ),
        sorted(codes),
    )


def _unknown_name(text: str) -> GeocodingError:
    suggestions = _close_names(text)
    if suggestions:
        options = (
            suggestions[0]
            if len(suggestions) == 1
            else _("%(first)s of %(last)s", first=", ".join(suggestions[:-1]), last=suggestions[-1])
        )
        return GeocodingError(
            _('We kennen "%(text)s" niet. Bedoelt u: %(options)s?', text=text, options=options),
            suggestions,
        )
    return GeocodingError(
        _('We kennen "%(text)s" niet. Controleer de spelling of zoek op postcode.', text=text)
    )


MAX_PLACE_NAME_LENGTH = 40


def _close_names(text: str, limit: int = 3) -> list[str]:
    """Spelling suggestions; prefix-aware so "Capele" finds the long name."""
    key = _name_key(text)
    # No Dutch place name is longer than this; comparing a longer text with every name would
    # cost about a second of CPU per request.
    if not key or len(key) > MAX_PLACE_NAME_LENGTH:
        return []
    scored = []
    for rank, (candidate, display) in enumerate(_gazetteer().autocomplete):
        score = difflib.SequenceMatcher(None, key, candidate).ratio()
        if len(key) >= 4:
            prefix = candidate[: len(key)]
            score = max(score, 0.95 * difflib.SequenceMatcher(None, key, prefix).ratio())
        if score >= 0.75:
            scored.append((-round(score, 2), rank, display))
    return [display for _, _, display in sorted(scored)[:limit]]


def _words(display: str) -> list[str]:
    return re.split(r"[\s\-/]+", display)


# --------------------------------------------------------------------------
# Optional online refinement via the PDOK Locatieserver


def _online_enabled() -> bool:
    """True when Django is configured with GEOCODER_PDOK_ENABLED = True."""
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
    except ImportError:
        return False
    try:
        return bool(getattr(settings, "GEOCODER_PDOK_ENABLED", False))
    except ImproperlyConfigured:
        return False


def _pdok_fetch(query: str) -> dict:
    """One HTTP call to PDOK; kept separate so tests can replace it."""
    params = urllib.parse.urlencode({"q": query, "rows": 1, "fq": "type:(postcode OR woonplaats)"})
    request = urllib.request.Request(f"{PDOK_URL}?{params}", headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=PDOK_TIMEOUT_S) as response:  # noqa: S310 (fixed https URL)
        return json.load(response)


def _cache():
    try:
        from django.core.cache import cache
    except ImportError:
        return None
    return cache


def _cache_key(query: str) -> str:
    # Hashed: the query may be personal data and must not appear in cache keys.
    digest = hashlib.sha256(_name_key(query).encode()).hexdigest()
    return f"residences.geo.pdok.{digest[:40]}"


def _geocode_online(query: str) -> Location | None:
    cache, key = _cache(), _cache_key(query)
    cached = _cache_get(cache, key)
    if cached is not None:
        return Location(**cached) if cached else None
    try:
        payload = _pdok_fetch(query)
    except Exception as exc:  # any network/parse failure: fall back to offline data
        # Never log the query itself: it may be (part of) someone's address.
        logger.warning(
            "PDOK Locatieserver unavailable (%s); using offline data", type(exc).__name__
        )
        return None
    location = _location_from_pdok(payload)
    _cache_set(cache, key, asdict(location) if location else {})
    return location


def _cache_get(cache, key: str):
    if cache is None:
        return None
    try:
        return cache.get(key)
    except Exception as exc:  # a broken cache must not break geocoding
        logger.warning("Geocoder cache unavailable (%s)", type(exc).__name__)
        return None


def _cache_set(cache, key: str, value: dict) -> None:
    if cache is None:
        return
    try:
        cache.set(key, value, PDOK_CACHE_SECONDS)
    except Exception as exc:  # a broken cache must not break geocoding
        logger.warning("Geocoder cache unavailable (%s)", type(exc).__name__)


def _location_from_pdok(payload: dict) -> Location | None:
    docs = (payload or {}).get("response", {}).get("docs", [])
    if not docs:
        return None
    doc = docs[0]
    point = _PDOK_POINT_RE.match(doc.get("centroide_ll", ""))
    if not point:
        return None
    longitude, latitude = float(point.group(1)), float(point.group(2))
    if not is_in_netherlands(latitude, longitude):
        return None
    postcode = (
        normalise_postcode(doc.get("postcode", "")) if doc.get("type") == "postcode" else None
    )
    offline = _gazetteer().postcodes.get(postcode[:4]) if postcode else None
    return Location(
        latitude=latitude,
        longitude=longitude,
        municipality=doc.get("gemeentenaam", ""),
        place=doc.get("woonplaatsnaam", ""),
        district=offline.district if offline else _district_of_place(doc),
        postcode=postcode or "",
        precision="pc6" if postcode and " " in postcode else "place",
    )


def _district_of_place(doc: dict) -> str:
    entries = _gazetteer().names.get(_name_key(doc.get("woonplaatsnaam", "")), [])
    for entry in entries:
        if entry.location.municipality == doc.get("gemeentenaam"):
            return entry.location.district
    return ""
