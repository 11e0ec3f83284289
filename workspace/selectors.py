"""Anonymous figures for coordinators: how many clients and saved searches per organisation and
month. A group under MINIMUM_GROUP is shown as "fewer than", as in the requests' region figures,
so no single client can be picked out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from workspace.models import Client, SavedSearch

MINIMUM_GROUP = 10


@dataclass(frozen=True)
class FigureRow:
    organisation: str
    month: date
    clients: int | None  # None: fewer than MINIMUM_GROUP
    searches: int | None


def shown(count: int) -> int | None:
    return count if count >= MINIMUM_GROUP else None


def monthly_figures() -> list[FigureRow]:
    clients = (
        Client.objects.annotate(month=TruncMonth("created_at"))
        .values("professional__organisation__name", "month")
        .annotate(count=Count("id"))
    )
    searches = (
        SavedSearch.objects.annotate(month=TruncMonth("created_at"))
        .values("client__professional__organisation__name", "month")
        .annotate(count=Count("id"))
    )
    totals: dict[tuple[str, date], list[int]] = {}
    for row in clients:
        key = (row["professional__organisation__name"], row["month"].date())
        totals.setdefault(key, [0, 0])[0] = row["count"]
    for row in searches:
        key = (row["client__professional__organisation__name"], row["month"].date())
        totals.setdefault(key, [0, 0])[1] = row["count"]
    return [
        FigureRow(organisation, month, shown(counts[0]), shown(counts[1]))
        for (organisation, month), counts in sorted(
            totals.items(), key=lambda item: (-item[0][1].toordinal(), item[0][0])
        )
    ]
