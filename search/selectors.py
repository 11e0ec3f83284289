"""Read-side helpers for the results page: how many results relaxing a condition would give."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from residences import taxonomy
from search.criteria import DISTANCE_CHOICES_KM, Criteria

# Relaxing the distance looks at most this many larger choices (10 km -> 15, 25 km).
DISTANCE_STEPS = 2


@dataclass(frozen=True)
class Relaxation:
    label: str
    criteria: Criteria
    count: int

    @property
    def url(self) -> str:
        query = self.criteria.to_query()
        return f"?{query}" if query else "?"


def relaxations(criteria: Criteria, backend, *, today=None) -> list[Relaxation]:
    """Each single relaxation that gives more results than now, most results first.

    One count per must list and per larger distance choice, so a handful of cheap queries.
    """
    current = backend.count(criteria, today=today)
    found = []
    for candidate_criteria, label_for in _candidates(criteria):
        count = backend.count(candidate_criteria, today=today)
        if count > current:
            found.append(Relaxation(label_for(count), candidate_criteria, count))
    return sorted(found, key=lambda relaxation: -relaxation.count)


def _candidates(criteria: Criteria):
    if criteria.has_location and criteria.max_distance_km is not None:
        larger = [km for km in DISTANCE_CHOICES_KM if km > criteria.max_distance_km]
        for km in larger[:DISTANCE_STEPS]:
            yield criteria.with_changes(max_distance_km=km), _distance_label(criteria, km)
    for list_name, codes in criteria.musts:
        yield criteria.without_must(list_name), _must_label(list_name, codes)
    if criteria.age is not None:
        yield criteria.with_changes(age=None), _simple_label(_("zonder de leeftijd"))
    if criteria.available_only:
        yield (
            criteria.with_changes(available_only=False),
            _simple_label(_("als u ook kijkt naar woonlocaties met een wachtlijst")),
        )


def _residences(count: int) -> str:
    return ngettext("%(count)s woonlocatie", "%(count)s woonlocaties", count) % {"count": count}


def _distance_label(criteria: Criteria, km: int):
    def label(count: int) -> str:
        return _("%(residences)s als u ook verder dan %(now)s km zoekt (tot %(km)s km)") % {
            "residences": _residences(count),
            "now": criteria.max_distance_km,
            "km": km,
        }

    return label


def _must_label(list_name: str, codes):
    code_list = taxonomy.RESIDENCE_CODE_LISTS[list_name]
    names = ", ".join(f"'{code_list(code).label}'" for code in codes)

    def label(count: int) -> str:
        if len(codes) == 1:
            return _("%(residences)s zonder de eis %(names)s") % {
                "residences": _residences(count),
                "names": names,
            }
        return _("%(residences)s zonder de eisen %(names)s") % {
            "residences": _residences(count),
            "names": names,
        }

    return label


def _simple_label(suffix: str):
    def label(count: int) -> str:
        return f"{_residences(count)} {suffix}"

    return label
