"""The region's anonymous figures on requests: per month, municipality and care-profile group,
how many requests, how many ended in a placement, and how soon providers responded.

A group is shown only when it holds at least MIN_GROUP_SIZE requests, the rule of the demand
signal (questionnaire/demand.py), so no row points to one family. Nothing encrypted is read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enquiries.models import Enquiry, Status
from questionnaire.demand import MIN_GROUP_SIZE

UNKNOWN = _("Onbekend")
SERIES = re.compile(r"[A-Za-z]+")


@dataclass
class Row:
    label: str
    requests: int
    placed: int
    closed: int
    placed_percent: int
    median_response_days: float | None


def care_profile_groups(codes) -> set[str]:
    """VV05 and VV07 are both "VV": the series of the care profiles a residence offers."""
    groups = {match.group(0) for code in codes or [] if (match := SERIES.match(str(code)))}
    return groups or {str(UNKNOWN)}


def _row(label: str, items: list[tuple]) -> Row:
    placed = sum(1 for status, _wait in items if status == Status.PLACED)
    closed = sum(1 for status, _wait in items if status == Status.CLOSED)
    waits = [wait for _status, wait in items if wait is not None]
    return Row(
        label=label,
        requests=len(items),
        placed=placed,
        closed=closed,
        placed_percent=round(100 * placed / len(items)),
        median_response_days=round(median(waits), 1) if waits else None,
    )


def report(minimum: int = MIN_GROUP_SIZE, regions=None) -> dict[str, list[Row]]:
    """The figures of the requests to residences of providers in `regions` (all when None)."""
    groups: dict[str, dict[str, list]] = {
        "month": defaultdict(list),
        "municipality": defaultdict(list),
        "care_profile": defaultdict(list),
    }
    enquiries = Enquiry.objects.all()
    if regions is not None:
        enquiries = enquiries.filter(provider__region__in=regions)
    rows = enquiries.values_list(
        "created_at", "picked_up_at", "status", "residence__municipality",
        "residence__care_profiles",
    )
    for created_at, picked_up_at, status, municipality, care_profiles in rows.iterator():
        wait = None
        if picked_up_at is not None:
            wait = (picked_up_at - created_at).total_seconds() / 86400
        item = (status, wait)
        groups["month"][timezone.localtime(created_at).strftime("%Y-%m")].append(item)
        groups["municipality"][municipality or str(UNKNOWN)].append(item)
        for group in care_profile_groups(care_profiles):
            groups["care_profile"][group].append(item)
    return {
        kind: [
            _row(label, items)
            for label, items in sorted(by_label.items())
            if len(items) >= minimum
        ]
        for kind, by_label in groups.items()
    }
