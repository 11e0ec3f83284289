"""Who may read which requests. Every admin view starts from `readable_enquiries(user)`.

A request's contents are for the intake officers of the residence's own provider: the editors
whose page permissions cover the residence (the same policy as the availability screen,
residences/availability.editable_residences). Regional coordinators also hold page permissions
on every provider, to moderate publishing; those do not open requests. Coordinators and
superusers see counts and timeliness (`overview`), never contents, with one exception: a
request whose provider asked the coordinators to look along (`shared_enquiries`), read-only and
only while that invitation stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail.models import GroupPagePermission

from enquiries.models import Enquiry, Status
from enquiries.workdays import PICKUP_WORKING_DAYS, working_days_between
from residences.availability import editable_residences
from residences.models import ResidencePage
from residences.roles import COORDINATOR_GROUP_NAME, is_coordinator


def readable_residences(user) -> QuerySet[ResidencePage]:
    """The residences whose requests this user may open."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return ResidencePage.objects.none()
    editable = editable_residences(user)
    if not is_coordinator(user):
        return editable
    # A coordinator who is also a provider's editor reads that provider's requests only.
    roots = GroupPagePermission.objects.filter(
        group__in=user.groups.exclude(name=COORDINATOR_GROUP_NAME),
        permission__codename="change_page",
    ).values_list("page__path", flat=True)
    subtree = Q(pk__in=[])
    for path in roots:
        subtree |= Q(path__startswith=path)
    return editable.filter(subtree)


def readable_enquiries(user) -> QuerySet[Enquiry]:
    return (
        Enquiry.objects.filter(residence__in=readable_residences(user))
        .select_related("residence", "provider")
        .order_by("-created_at")
    )


def shared_enquiries(user) -> QuerySet[Enquiry]:
    """The requests a coordinator may read because their provider asked them in."""
    if not (user.is_authenticated and user.is_active and is_coordinator(user)):
        return Enquiry.objects.none()
    return (
        Enquiry.objects.filter(coordinators_invited_at__isnull=False)
        .select_related("residence", "provider")
        .order_by("-coordinators_invited_at")
    )


def may_use_inbox(user) -> bool:
    return readable_residences(user).exists()


def waited_too_long(created_at, today: date) -> bool:
    sent_on = timezone.localtime(created_at).date()
    return working_days_between(sent_on, today) >= PICKUP_WORKING_DAYS


def is_overdue(enquiry: Enquiry, today: date | None = None) -> bool:
    """Still new after PICKUP_WORKING_DAYS working days."""
    if enquiry.status != Status.NEW:
        return False
    return waited_too_long(enquiry.created_at, today or timezone.localdate())


def waiting_figures(user, today: date | None = None) -> dict:
    """How many of the user's requests are new, and how many of those waited too long."""
    today = today or timezone.localdate()
    new = readable_enquiries(user).filter(status=Status.NEW)
    dates = list(new.values_list("created_at", flat=True))
    return {
        "new_count": len(dates),
        "overdue_count": sum(waited_too_long(created_at, today) for created_at in dates),
    }


@dataclass
class ProviderFigures:
    provider: str
    counts: dict
    total: int
    overdue: int


def overview(today: date | None = None) -> list[ProviderFigures]:
    """Per provider: how many requests in each status, and how many are overdue. No contents."""
    today = today or timezone.localdate()
    rows: dict[str, ProviderFigures] = {}
    grouped = (
        Enquiry.objects.values("provider__title", "status")
        .annotate(number=Count("id"))
        .order_by("provider__title")
    )
    for row in grouped:
        figures = rows.setdefault(
            row["provider__title"],
            ProviderFigures(row["provider__title"], dict.fromkeys(Status.values, 0), 0, 0),
        )
        figures.counts[row["status"]] = row["number"]
        figures.total += row["number"]
    waiting = Enquiry.objects.filter(status=Status.NEW).values_list("provider__title", "created_at")
    for provider, created_at in waiting:
        if waited_too_long(created_at, today):
            rows[provider].overdue += 1
    return list(rows.values())
