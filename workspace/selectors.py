"""Anonymous figures for coordinators: how many clients, saved searches, requests sent on a
client's behalf and placements (requests that ended in "geplaatst") per organisation and month.
A group under MINIMUM_GROUP is shown as "fewer than", as in the requests' region figures, so no
single client can be picked out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from enquiries.models import Status
from workspace.models import Client, ClientRequest, SavedSearch

MINIMUM_GROUP = 10


@dataclass(frozen=True)
class FigureRow:
    organisation: str
    month: date
    # None: fewer than MINIMUM_GROUP
    clients: int | None
    searches: int | None
    requests: int | None
    placements: int | None


def shown(count: int) -> int | None:
    return count if count >= MINIMUM_GROUP else None


def counted(queryset, organisation: str, moment: str):
    """Rows of (organisation, month, count) for the queryset, by the given date field."""
    return (
        queryset.annotate(month=TruncMonth(moment))
        .values(organisation, "month")
        .annotate(count=Count("id"))
        .values_list(organisation, "month", "count")
    )


def monthly_figures() -> list[FigureRow]:
    # Requests count in the month they were sent, placements in the month they were placed.
    of_client = "client__professional__organisation__name"
    columns = [
        counted(Client.objects.all(), "professional__organisation__name", "created_at"),
        counted(SavedSearch.objects.all(), of_client, "created_at"),
        counted(ClientRequest.objects.all(), of_client, "sent_at"),
        counted(
            ClientRequest.objects.filter(enquiry__status=Status.PLACED),
            of_client,
            "enquiry__closed_at",
        ),
    ]
    totals: dict[tuple[str, date], list[int]] = {}
    for position, rows in enumerate(columns):
        for organisation, month, count in rows:
            if month is None:
                continue
            key = (organisation, month.date())
            totals.setdefault(key, [0] * len(columns))[position] = count
    return [
        FigureRow(organisation, month, *(shown(count) for count in counts))
        for (organisation, month), counts in sorted(
            totals.items(), key=lambda item: (-item[0][1].toordinal(), item[0][0])
        )
    ]
