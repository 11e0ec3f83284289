"""The ranking: the one place that says what a result's score is and why.

Both backends compile these numbers to their engine; neither defines a weight of its own. The
"How we rank" page is generated from this module, so what visitors read cannot drift from what
the code does.

score = BASE_SCORE
      + sum of WISH_POINTS[importance] for every wish the residence meets
      + DISTANCE_WEIGHT * decay ** ((distance_km / DISTANCE_SCALE_KM) ** 2)   (Gaussian decay)
      + AVAILABILITY_POINTS[status] * URGENCY_FACTOR[urgency]
      + TEXT_WEIGHT * text relevance (only when the visitor typed words)

Must conditions filter and never score. Providers cannot pay for a higher place: nothing in the
score comes from who the provider is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import ngettext

from residences import geo, taxonomy
from residences.availability import (
    SHORT_WAIT_MAX_WEEKS,
    STALE_AFTER_DAYS,
    as_date,
    availability_status,
    is_stale,
)
from search.criteria import MUST_ALL_LISTS, Criteria, Importance, Wish

# Every residence that passes the must conditions starts here. Elasticsearch's function_score
# treats "no function matched" specially; one filterless base weight keeps both engines equal.
BASE_SCORE = 1.0

WISH_POINTS = {
    Importance.NICE: 1.0,
    Importance.IMPORTANT: 2.0,
    Importance.VERY_IMPORTANT: 4.0,
}

DISTANCE_WEIGHT = 3.0
DISTANCE_SCALE_KM = 10.0
DISTANCE_DECAY = 0.5  # at DISTANCE_SCALE_KM the distance term is worth half of DISTANCE_WEIGHT

Status = taxonomy.AvailabilityStatus
AVAILABILITY_POINTS = {
    Status.FREE: 2.0,
    Status.SHORT_WAIT: 1.0,
    Status.LONG_WAIT: 0.25,
    Status.UNKNOWN: 0.0,
}
# Order of statuses when sorting by availability: best first.
AVAILABILITY_ORDER = (Status.FREE, Status.SHORT_WAIT, Status.LONG_WAIT, Status.UNKNOWN)

URGENCY_FACTOR = {
    taxonomy.Urgency.NOW: 2.0,
    taxonomy.Urgency.THREE_MONTHS: 1.5,
    taxonomy.Urgency.YEAR: 1.0,
    taxonomy.Urgency.ORIENTING: 0.5,
    "": 1.0,
}

TEXT_WEIGHT = 1.0


# Availability ---------------------------------------------------------------------------


def availability_points(status: Status, urgency: str) -> float:
    return AVAILABILITY_POINTS[status] * URGENCY_FACTOR.get(urgency, 1.0)


# Distance -------------------------------------------------------------------------------


def distance_points(distance_km: float) -> float:
    return DISTANCE_WEIGHT * DISTANCE_DECAY ** ((distance_km / DISTANCE_SCALE_KM) ** 2)


def document_distance_km(criteria: Criteria, document: dict) -> float | None:
    if not criteria.has_location or document.get("latitude") is None:
        return None
    return geo.distance_km(
        criteria.latitude, criteria.longitude, document["latitude"], document["longitude"]
    )


# Wishes ---------------------------------------------------------------------------------


def wish_points(wish: Wish) -> float:
    return WISH_POINTS[wish.importance]


def meets_wish(document: dict, wish: Wish) -> bool:
    return wish.code in (document.get(wish.list_name) or ())


# The whole score, in Python -------------------------------------------------------------
# The engines compute the same sum in the database or in Elasticsearch; this version is the
# reference that tests and the naive benchmark baseline hold them to.


def score(criteria: Criteria, document: dict, today: date, text_relevance: float = 0.0) -> float:
    total = BASE_SCORE
    total += sum(wish_points(wish) for wish in criteria.wishes if meets_wish(document, wish))
    distance = document_distance_km(criteria, document)
    if distance is not None:
        total += distance_points(distance)
    status = document_availability(document, today)
    total += availability_points(status, criteria.urgency)
    if criteria.text:
        total += TEXT_WEIGHT * text_relevance
    return total


def document_availability(document: dict, today: date) -> Status:
    return availability_status(
        document.get("free_places"),
        document.get("waiting_weeks"),
        document.get("availability_confirmed_on"),
        today,
    )


def meets_must(document: dict, list_name: str, codes) -> bool:
    """Whether the document has the codes of one must: all of them for `MUST_ALL_LISTS`, at
    least one otherwise."""
    present, wanted = set(document.get(list_name) or ()), set(codes)
    return wanted <= present if list_name in MUST_ALL_LISTS else bool(wanted & present)


def fits_age(document: dict, age: int) -> bool:
    low, high = document.get("min_age"), document.get("max_age")
    return (low is None or low <= age) and (high is None or age <= high)


def meets_musts(criteria: Criteria, document: dict) -> bool:
    """The must conditions in Python, for tests and the benchmark baseline."""
    for list_name, codes in criteria.musts:
        if not meets_must(document, list_name, codes):
            return False
    if criteria.age is not None and not fits_age(document, criteria.age):
        return False
    if criteria.max_distance_km is not None and criteria.has_location:
        distance = document_distance_km(criteria, document)
        if distance is None or distance > criteria.max_distance_km:
            return False
    return True


# Explanations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MustCheck:
    """One must condition against one residence: which of the codes asked for it has.

    For a must on a list in `MUST_ALL_LISTS` every code has to be there; on the other lists one
    is enough, and `matched` says which one(s) it was. An explanation names only these codes as
    met, never a code the residence lacks.
    """

    list_name: str
    matched: tuple[str, ...]
    lacking: tuple[str, ...]
    met: bool

    @property
    def needs_all(self) -> bool:
        return self.list_name in MUST_ALL_LISTS

    @property
    def title(self) -> str:
        from residences.models import ResidencePage

        label = str(ResidencePage._meta.get_field(self.list_name).verbose_name)
        return label[:1].upper() + label[1:]

    @property
    def matched_labels(self) -> list[str]:
        return [_code_label(self.list_name, code) for code in self.matched]

    @property
    def lacking_labels(self) -> list[str]:
        return [_code_label(self.list_name, code) for code in self.lacking]


def _code_label(list_name: str, code: str) -> str:
    return str(taxonomy.RESIDENCE_CODE_LISTS[list_name](code).label)


def must_checks(criteria: Criteria, document: dict) -> tuple[MustCheck, ...]:
    checks = []
    for list_name, codes in criteria.musts:
        present = set(document.get(list_name) or ())
        checks.append(
            MustCheck(
                list_name=list_name,
                matched=tuple(code for code in codes if code in present),
                lacking=tuple(code for code in codes if code not in present),
                met=meets_must(document, list_name, codes),
            )
        )
    return tuple(checks)


@dataclass(frozen=True)
class Explanation:
    met: tuple[Wish, ...]
    missed: tuple[Wish, ...]
    distance_km: float | None
    availability: Status
    confirmed_on: date | None
    free_places: int | None
    waiting_weeks: int | None
    is_stale: bool = False
    musts: tuple[MustCheck, ...] = ()
    age: int | None = None
    fits_age: bool = True

    @property
    def wish_count(self) -> int:
        return len(self.met) + len(self.missed)

    @property
    def summary(self) -> str:
        if not self.wish_count:
            return ""
        return ngettext(
            "Past bij %(met)s van uw %(total)s wens",
            "Past bij %(met)s van uw %(total)s wensen",
            self.wish_count,
        ) % {"met": len(self.met), "total": self.wish_count}

    @property
    def met_must_labels(self) -> list[str]:
        """The codes asked for as musts that the residence has: only these are shown as met."""
        return [label for check in self.musts for label in check.matched_labels]

    @property
    def has_details(self) -> bool:
        return bool(self.wish_count or self.met_must_labels)


def explain(criteria: Criteria, document: dict, today: date) -> Explanation:
    met = tuple(wish for wish in criteria.wishes if meets_wish(document, wish))
    missed = tuple(wish for wish in criteria.wishes if not meets_wish(document, wish))
    distance = document_distance_km(criteria, document)
    confirmed_on = as_date(document.get("availability_confirmed_on"))
    return Explanation(
        met=met,
        missed=missed,
        distance_km=round(distance, 1) if distance is not None else None,
        availability=document_availability(document, today),
        confirmed_on=confirmed_on,
        free_places=document.get("free_places"),
        waiting_weeks=document.get("waiting_weeks"),
        is_stale=is_stale(confirmed_on, today),
        musts=must_checks(criteria, document),
        age=criteria.age,
        fits_age=criteria.age is None or fits_age(document, criteria.age),
    )


# The "How we rank" page -----------------------------------------------------------------


def describe() -> dict:
    """The numbers above, in a shape the public "Zo rangschikken wij" page renders."""
    return {
        "base": BASE_SCORE,
        "wishes": [(label, WISH_POINTS[value]) for value, label in Importance.CHOICES],
        "distance_weight": DISTANCE_WEIGHT,
        "distance_scale_km": DISTANCE_SCALE_KM,
        "distance_decay_percent": round(DISTANCE_DECAY * 100),
        "distance_examples": [(km, round(distance_points(km), 2)) for km in (0, 5, 10, 20, 30)],
        "availability": [
            (status.label, AVAILABILITY_POINTS[status]) for status in AVAILABILITY_ORDER
        ],
        "urgency": [
            (taxonomy.Urgency(value).label, factor)
            for value, factor in URGENCY_FACTOR.items()
            if value
        ],
        "stale_after_days": STALE_AFTER_DAYS,
        "short_wait_max_weeks": SHORT_WAIT_MAX_WEEKS,
        "text_weight": TEXT_WEIGHT,
    }
