"""The one object that carries a search from the questionnaire or the filter form to a backend.

A `Criteria` converts to a query string and back without loss, so every result list has a
shareable URL. Parsing never raises: values that make no sense are dropped and reported as
notices the results page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

from pages.query import clean_value
from residences import geo, numbers, taxonomy

# Every code list that can hold a must condition or a wish, with its name in the URL.
URL_NAMES: dict[str, str] = {
    "target_groups": "doelgroep",
    "care_profiles": "zorgprofiel",
    "financing": "financiering",
    "housing_types": "woonvorm",
    "support": "begeleiding",
    "facilities": "voorziening",
    "environment": "omgeving",
    "life_outlooks": "levensovertuiging",
    "languages": "taal",
}
LIST_NAMES_BY_URL_NAME = {url_name: name for name, url_name in URL_NAMES.items()}
# Code lists in taxonomy order, built once: `TextChoices.values` makes a new list per call.
CODE_ORDER: dict[str, tuple[str, ...]] = {
    name: tuple(code_list.values) for name, code_list in taxonomy.RESIDENCE_CODE_LISTS.items()
}
KNOWN_CODES: dict[str, frozenset[str]] = {name: frozenset(CODE_ORDER[name]) for name in URL_NAMES}
# (list, code) -> its place among all codes: lists in taxonomy order, codes within each list.
_CODE_RANK: dict[tuple[str, str], int] = {
    (name, code): rank
    for rank, (name, code) in enumerate(
        (name, code) for name, codes in CODE_ORDER.items() for code in codes
    )
}
URGENCY_VALUES = frozenset(taxonomy.Urgency.values)

# A residence meets a must on these lists only when it has every code asked for (a visitor who
# must have a garden and a lift needs both). On the other lists, any one code is enough (a
# visitor open to a group home or small-scale living is happy with either).
MUST_ALL_LISTS = frozenset({"support", "facilities", "environment"})

DISTANCE_CHOICES_KM = (2, 5, 10, 15, 25, 50, 100)
# The home page's "Direct zoeken" offers the everyday part of them, so the lists cannot drift.
QUICK_DISTANCE_CHOICES_KM = tuple(km for km in DISTANCE_CHOICES_KM if 5 <= km <= 50)
QUICK_DEFAULT_DISTANCE_KM = 15
MAX_TEXT_LENGTH = 200
MAX_PAGE = 500
MAX_AGE = 120


class Importance:
    """How much a wish matters to the visitor; ranking.py turns this into points."""

    NICE = 1
    IMPORTANT = 2
    VERY_IMPORTANT = 3
    CHOICES = (
        (NICE, _("fijn")),
        (IMPORTANT, _("belangrijk")),
        (VERY_IMPORTANT, _("heel belangrijk")),
    )
    VALUES = (NICE, IMPORTANT, VERY_IMPORTANT)


class Sort:
    MATCH = "match"
    DISTANCE = "afstand"
    AVAILABILITY = "beschikbaarheid"
    CHOICES = (
        (MATCH, _("Beste match")),
        (DISTANCE, _("Afstand")),
        (AVAILABILITY, _("Beschikbaarheid")),
    )
    VALUES = (MATCH, DISTANCE, AVAILABILITY)


@dataclass(frozen=True, order=True)
class Wish:
    list_name: str
    code: str
    importance: int = Importance.NICE

    @property
    def label(self) -> str:
        return str(taxonomy.RESIDENCE_CODE_LISTS[self.list_name](self.code).label)


@dataclass(frozen=True)
class Criteria:
    text: str = ""
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None
    max_distance_km: int | None = None
    musts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    wishes: tuple[Wish, ...] = ()
    age: int | None = None
    available_only: bool = False
    urgency: str = ""
    sort: str = Sort.MATCH
    page: int = 1
    place_label: str = field(default="", compare=False)

    # Construction -----------------------------------------------------------------------

    @classmethod
    def build(cls, *, musts: dict[str, list[str]] | None = None, wishes=(), **values) -> Criteria:
        """Build a normalised Criteria: codes deduplicated and in taxonomy order."""
        return cls(musts=_normalise_musts(musts or {}), wishes=_normalise_wishes(wishes), **values)

    @classmethod
    def from_query(cls, query) -> tuple[Criteria, list[str]]:
        """Parse a QueryDict (or a dict of lists); returns the Criteria and Dutch notices."""
        return _QueryParser(query).parse()

    # Reading ----------------------------------------------------------------------------

    def must(self, list_name: str) -> tuple[str, ...]:
        return dict(self.musts).get(list_name, ())

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_empty(self) -> bool:
        return not (
            self.text
            or self.place
            or self.musts
            or self.wishes
            or self.age is not None
            or self.available_only
        )

    def must_conditions(self) -> list[tuple[str, str]]:
        """Every (list_name, code) pair that filters, in a stable order."""
        return [(name, code) for name, codes in self.musts for code in codes]

    # Changing ---------------------------------------------------------------------------

    def with_changes(self, **changes) -> Criteria:
        if "musts" in changes and isinstance(changes["musts"], dict):
            changes["musts"] = _normalise_musts(changes["musts"])
        if "wishes" in changes:
            changes["wishes"] = _normalise_wishes(changes["wishes"])
        changes.setdefault("page", 1)
        return replace(self, **changes)

    def without_must(self, list_name: str) -> Criteria:
        return self.with_changes(musts={n: c for n, c in self.musts if n != list_name})

    # Writing ----------------------------------------------------------------------------

    def to_pairs(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        if self.text:
            pairs.append(("q", self.text))
        if self.place:
            pairs.append(("plaats", self.place))
        if self.max_distance_km is not None:
            pairs.append(("afstand", str(self.max_distance_km)))
        for list_name, codes in self.musts:
            pairs.extend((URL_NAMES[list_name], code) for code in codes)
        pairs.extend(
            ("wens", f"{URL_NAMES[wish.list_name]}:{wish.code}:{wish.importance}")
            for wish in self.wishes
        )
        if self.age is not None:
            pairs.append(("leeftijd", str(self.age)))
        if self.available_only:
            pairs.append(("vrij", "1"))
        if self.urgency:
            pairs.append(("urgentie", self.urgency))
        if self.sort != Sort.MATCH:
            pairs.append(("sorteer", self.sort))
        if self.page != 1:
            pairs.append(("pagina", str(self.page)))
        return pairs

    def to_query(self) -> str:
        return urlencode(self.to_pairs())


def _normalise_musts(musts: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    result = []
    for list_name, all_codes in CODE_ORDER.items():
        wanted = musts.get(list_name)
        if not wanted:
            continue
        wanted = set(wanted)
        codes = tuple(code for code in all_codes if code in wanted)
        if codes:
            result.append((list_name, codes))
    return tuple(result)


def _normalise_wishes(wishes) -> tuple[Wish, ...]:
    strongest: dict[tuple[str, str], int] = {}
    for wish in wishes:
        key = (wish.list_name, wish.code)
        strongest[key] = max(strongest.get(key, 0), wish.importance)
    return tuple(
        Wish(name, code, importance)
        for (name, code), importance in sorted(
            strongest.items(), key=lambda item: _CODE_RANK[item[0]]
        )
    )


# Control characters (NUL above all: PostgreSQL refuses it in text) never mean anything in a search.
class _QueryParser:
    def __init__(self, query):
        self.query = query
        self.notices: list[str] = []

    def values(self, key: str) -> list[str]:
        if hasattr(self.query, "getlist"):
            raw = self.query.getlist(key)
        else:
            raw = self.query.get(key, [])
            raw = [raw] if isinstance(raw, str) else list(raw)
        cleaned = (clean_value(value) for value in raw if isinstance(value, str))
        return [value for value in cleaned if value]

    def first(self, key: str) -> str:
        values = self.values(key)
        return values[0] if values else ""

    def notice(self, message) -> None:
        text = str(message)
        if text not in self.notices:
            self.notices.append(text)

    def parse(self) -> tuple[Criteria, list[str]]:
        location = self.location()
        criteria = Criteria.build(
            text=self.first("q")[:MAX_TEXT_LENGTH],
            place=location["place"],
            latitude=location["latitude"],
            longitude=location["longitude"],
            place_label=location["label"],
            max_distance_km=self.distance() if location["place"] else None,
            musts=self.musts(),
            wishes=self.wishes(),
            age=self.number("leeftijd", 0, MAX_AGE, _("De leeftijd klopt niet.")),
            available_only=self.first("vrij") in {"1", "ja", "on", "true"},
            urgency=self.choice("urgentie", URGENCY_VALUES, ""),
            sort=self.choice("sorteer", Sort.VALUES, Sort.MATCH),
            page=self.number("pagina", 1, MAX_PAGE, _("Die pagina bestaat niet.")) or 1,
        )
        return criteria, self.notices

    def location(self) -> dict:
        place = self.first("plaats")[:100]
        empty = {"place": "", "latitude": None, "longitude": None, "label": ""}
        if not place:
            return empty
        try:
            found = geo.geocode(place)
        except geo.GeocodingError as error:
            self.notice(error.message)
            return empty
        return {
            "place": place,
            "latitude": found.latitude,
            "longitude": found.longitude,
            "label": found.label,
        }

    def distance(self) -> int | None:
        value = self.first("afstand")
        if not value:
            return None
        km = numbers.parse_whole_number(value)
        if km in DISTANCE_CHOICES_KM:
            return km
        self.notice(_("Kies een afstand uit de lijst. We zoeken nu zonder grens."))
        return None

    def number(self, key: str, low: int, high: int, message) -> int | None:
        value = self.first(key)
        if not value:
            return None
        number = numbers.parse_whole_number(value, minimum=low, maximum=high)
        if number is not None:
            return number
        self.notice(message)
        return None

    def choice(self, key: str, allowed, default: str) -> str:
        value = self.first(key)
        if not value:
            return default
        if value in allowed:
            return value
        self.notice(_("Een keuze in het adres klopte niet en is weggelaten."))
        return default

    def musts(self) -> dict[str, list[str]]:
        musts: dict[str, list[str]] = {}
        for list_name, url_name in URL_NAMES.items():
            allowed = KNOWN_CODES[list_name]
            for code in self.values(url_name):
                if code in allowed:
                    musts.setdefault(list_name, []).append(code)
                else:
                    self.notice(_("Een onbekende keuze is weggelaten."))
        return musts

    def wishes(self) -> list[Wish]:
        wishes = []
        for value in self.values("wens"):
            wish = _parse_wish(value)
            if wish is None:
                self.notice(_("Een onbekende wens is weggelaten."))
            else:
                wishes.append(wish)
        return wishes


def parse_wishes(values) -> list[Wish]:
    """The wishes in "list:code:importance" values, as the query parser reads them: unknown ones
    dropped, the strongest importance of each code kept, in taxonomy order."""
    cleaned = (clean_value(value) for value in values if isinstance(value, str))
    parsed = (_parse_wish(value) for value in cleaned if value)
    return list(_normalise_wishes(wish for wish in parsed if wish is not None))


def _parse_wish(value: str) -> Wish | None:
    parts = value.split(":")
    if len(parts) == 2:
        parts.append(str(Importance.NICE))
    if len(parts) != 3:
        return None
    url_name, code, importance = parts
    list_name = LIST_NAMES_BY_URL_NAME.get(url_name)
    if list_name is None or code not in KNOWN_CODES[list_name]:
        return None
    weight = numbers.parse_whole_number(importance)
    if weight not in Importance.VALUES:
        return None
    return Wish(list_name, code, weight)
