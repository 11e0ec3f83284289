"""Keeping availability fresh: which residences an editor may update, which are stale, and the
one service that writes a new availability.

Why availability is published straight away and not moderated: free places and waiting times
go stale within weeks, and a vacancy register with stale data misleads the people it serves.
The update touches exactly three fields (free places, waiting weeks, the date it was confirmed)
which carry no editorial risk, so an editor's confirmation goes live at once, as a new revision
in the page history. Everything else on the page still goes through the regional workflow.

When a page has pending work (a draft, or a revision waiting for the coordinator) we must not
publish that pending work with it, and must not cancel the moderation (Wagtail cancels a
running workflow on publish). So then the three fields are written into the live version and
into the pending revision alike, and the publish signal is sent for the live version, so the
search index follows.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.signals import page_published

from residences.models import ProviderPage, ResidencePage
from residences.taxonomy import AvailabilityStatus

AVAILABILITY_FIELDS = ("free_places", "waiting_weeks", "availability_confirmed_on")

# The catalogue's rules for availability: every page, both search engines and the ranking use
# these (each engine says them in its own language; tests hold the engines to this Python).
STALE_AFTER_DAYS = 60
SHORT_WAIT_MAX_WEEKS = 12


def stale_cutoff(today: date) -> date:
    """Availability confirmed before this date is stale: it no longer counts."""
    return today - timedelta(days=STALE_AFTER_DAYS)


def as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def is_stale(confirmed_on: date | str | None, today: date) -> bool:
    """Stale means only: never confirmed, or confirmed more than STALE_AFTER_DAYS ago."""
    confirmed = as_date(confirmed_on)
    return confirmed is None or confirmed < stale_cutoff(today)


def availability_status(
    free_places: int | None,
    waiting_weeks: int | None,
    confirmed_on: date | str | None,
    today: date,
) -> AvailabilityStatus:
    if is_stale(confirmed_on, today):
        return AvailabilityStatus.UNKNOWN
    if free_places:
        return AvailabilityStatus.FREE
    if waiting_weeks is None:
        return AvailabilityStatus.UNKNOWN
    if waiting_weeks <= SHORT_WAIT_MAX_WEEKS:
        return AvailabilityStatus.SHORT_WAIT
    return AvailabilityStatus.LONG_WAIT


def editable_residences(user) -> QuerySet[ResidencePage]:
    """The residences this user may change, by Wagtail's own page permission policy."""
    if not user.is_authenticated or not user.is_active:
        return ResidencePage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    if user.is_superuser:
        return ResidencePage.objects.all()
    return ResidencePage.objects.filter(pk__in=pages.values("pk"))


def stale_q(today: date) -> Q:
    return Q(availability_confirmed_on__isnull=True) | Q(
        availability_confirmed_on__lt=stale_cutoff(today)
    )


def stale_residences(queryset: QuerySet[ResidencePage], today: date) -> QuerySet[ResidencePage]:
    return queryset.filter(stale_q(today)).order_by("availability_confirmed_on", "title")


def providers_of(queryset: QuerySet[ResidencePage]) -> QuerySet[ProviderPage]:
    """The providers whose residences are in the queryset (via the materialised path)."""
    prefixes = {path[: Page.steplen * 3] for path in queryset.values_list("path", flat=True)}
    return ProviderPage.objects.filter(path__in=prefixes).order_by("title")


@dataclass(frozen=True)
class Availability:
    free_places: int
    waiting_weeks: int | None
    confirmed_on: date


def validate_availability(page: ResidencePage, availability: Availability) -> None:
    errors = {}
    if availability.free_places < 0:
        errors["free_places"] = _("Vul 0 of meer in.")
    elif page.places and availability.free_places > page.places:
        errors["free_places"] = _(
            "Er kunnen niet meer plaatsen vrij zijn dan er zijn (%(places)s)."
        ) % {"places": page.places}
    if availability.waiting_weeks is not None and availability.waiting_weeks < 0:
        errors["waiting_weeks"] = _("Vul 0 of meer in, of laat het leeg.")
    if errors:
        raise ValidationError(errors)


def apply(target, availability: Availability) -> None:
    target.free_places = availability.free_places
    target.waiting_weeks = availability.waiting_weeks
    target.availability_confirmed_on = availability.confirmed_on


@transaction.atomic
def update_availability(*, page: ResidencePage, user, availability: Availability) -> None:
    """Write a new availability; the caller has checked the user may change this page."""
    page = ResidencePage.objects.select_for_update().get(pk=page.pk)
    validate_availability(page, availability)
    if page.live and not page.has_unpublished_changes:
        apply(page, availability)
        revision = page.save_revision(user=user, log_action=True, clean=False)
        revision.publish(user=user, skip_permission_checks=True)
        return
    patch_pending_revision(page, availability)
    if page.live:
        patch_live_version(page, availability)
    else:
        apply(page, availability)
        page.save(update_fields=list(AVAILABILITY_FIELDS), clean=False)


def patch_pending_revision(page: ResidencePage, availability: Availability) -> None:
    if page.latest_revision is not None:
        patch_revision(page.latest_revision, availability)


def patch_live_version(page: ResidencePage, availability: Availability) -> None:
    apply(page, availability)
    page.save(update_fields=list(AVAILABILITY_FIELDS), clean=False)
    live_revision = page.live_revision
    if live_revision is not None and live_revision.pk != page.latest_revision_id:
        patch_revision(live_revision, availability)
    page_published.send(sender=ResidencePage, instance=page, revision=live_revision)


def patch_revision(revision, availability: Availability) -> None:
    content = dict(revision.content)
    content.update(
        free_places=availability.free_places,
        waiting_weeks=availability.waiting_weeks,
        availability_confirmed_on=availability.confirmed_on.isoformat(),
    )
    revision.content = content
    revision.save(update_fields=["content"])


def confirm_today(page: ResidencePage, user, *, today: date | None = None) -> None:
    """Confirm the current availability is still right."""
    update_availability(
        page=page,
        user=user,
        availability=Availability(
            free_places=page.free_places,
            waiting_weeks=page.waiting_weeks,
            confirmed_on=today or timezone.localdate(),
        ),
    )


def provider_editors(provider: ProviderPage):
    """Active users with an e-mail address who edit this provider (not the coordinators)."""
    from django.contrib.auth import get_user_model
    from wagtail.models import GroupPagePermission

    from residences.roles import COORDINATOR_GROUP_NAME

    groups = (
        GroupPagePermission.objects.filter(page=provider, permission__codename="change_page")
        .exclude(group__name=COORDINATOR_GROUP_NAME)
        .values("group")
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .exclude(email="")
        .distinct()
        .order_by("email")
    )
