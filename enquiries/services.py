"""Every write to requests: sending, changing status, withdrawing, deleting, logging access,
purging. Keyword-only, so views only parse input and call these."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from enquiries import links, mail
from enquiries.models import (
    COORDINATORS_NOTE_MAX_LENGTH,
    STATUS_ORDER,
    AccessLog,
    ClosedReason,
    Enquiry,
    Status,
    StatusChange,
)
from residences.models import ResidencePage

logger = logging.getLogger(__name__)

MAX_RESIDENCES = 3


class NotAllowed(ValueError):
    """A change the request's current status does not allow; the message is for the editor."""


@dataclass(frozen=True)
class Details:
    """What the person told us, as the form cleaned it."""

    role: str
    name: str
    phone: str
    email: str
    message: str
    contact_way: str
    contact_time: str


def askable_residences(ids) -> list[ResidencePage]:
    """The published, public residences among these ids, in the order given."""
    pages = ResidencePage.objects.live().public().filter(pk__in=list(ids)[:MAX_RESIDENCES])
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in ids if pk in by_id]


@transaction.atomic
def send_enquiries(
    *, request, residences: list[ResidencePage], details: Details, wishes: dict | None
) -> uuid.UUID:
    """One request per residence, each for that residence's provider only; one status link."""
    batch = uuid.uuid4()
    language = translation_language()
    for residence in residences:
        enquiry = Enquiry.objects.create(
            batch=batch,
            residence=residence,
            provider=residence.provider,
            role=details.role,
            name=details.name,
            phone=details.phone,
            email=details.email,
            message=details.message,
            contact_way=details.contact_way,
            contact_time=details.contact_time,
            wishes=wishes,
            language=language,
        )
        StatusChange.objects.create(enquiry=enquiry, status=Status.NEW)
    logger.info("Requests sent: batch %s to %d residence(s).", batch, len(residences))
    link = links.status_url(request, batch, language)
    transaction.on_commit(
        lambda: mail.send_notice(
            kind=mail.SENT, to=details.email, status_link=link, language=language
        )
    )
    return batch


def translation_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def allowed_statuses(enquiry: Enquiry) -> list[str]:
    """The statuses an intake officer may move this request to: forward, or closed."""
    if enquiry.is_final:
        return []
    position = STATUS_ORDER.index(Status(enquiry.status))
    return [*STATUS_ORDER[position + 1 :], Status.CLOSED]


@transaction.atomic
def change_status(*, request, enquiry: Enquiry, status: str, reason: str = "", user) -> None:
    if status not in allowed_statuses(enquiry):
        raise NotAllowed(_("Deze aanvraag kan niet meer naar die status."))
    if status == Status.CLOSED and reason not in ClosedReason.values:
        raise NotAllowed(_("Kies waarom de aanvraag wordt afgesloten."))
    _move(enquiry, status=status, reason=reason if status == Status.CLOSED else "", user=user)
    AccessLog.objects.create(enquiry=enquiry, user=user, action=AccessLog.Action.CHANGED)
    to, language = enquiry.email, enquiry.language
    link = links.status_url(request, enquiry.batch, language)
    transaction.on_commit(
        lambda: mail.send_notice(kind=mail.CHANGED, to=to, status_link=link, language=language)
    )


def _move(enquiry: Enquiry, *, status: str, reason: str, user=None, by_requester=False) -> None:
    now = timezone.now()
    if enquiry.status == Status.NEW and enquiry.picked_up_at is None and not by_requester:
        enquiry.picked_up_at = now
    enquiry.status = status
    enquiry.closed_reason = reason
    if status in (Status.PLACED, Status.CLOSED):
        enquiry.closed_at = now
    enquiry.save(
        update_fields=["status", "closed_reason", "picked_up_at", "closed_at", "updated_at"]
    )
    StatusChange.objects.create(
        enquiry=enquiry,
        status=status,
        closed_reason=reason,
        changed_by=user,
        by_requester=by_requester,
    )


@transaction.atomic
def withdraw(*, enquiry: Enquiry) -> None:
    """The person stops the request from the status page; the provider sees it closed."""
    if enquiry.is_final:
        return
    _move(enquiry, status=Status.CLOSED, reason=ClosedReason.CLIENT_WITHDREW, by_requester=True)


def delete(*, enquiry: Enquiry) -> None:
    """The person has the request deleted: the row, its history and its access log go."""
    enquiry.delete()


ENCRYPTED_FIELDS = ("name", "phone", "email", "message", "wishes", "coordinators_note")


def rotate_keys() -> int:
    """Re-encrypt every request with the newest key. Returns how many rows were rewritten."""
    count = 0
    for enquiry in Enquiry.objects.iterator(chunk_size=200):
        values = {field: getattr(enquiry, field) for field in ENCRYPTED_FIELDS}
        # update() leaves updated_at alone: a key rotation does not count as touching a request.
        Enquiry.objects.filter(pk=enquiry.pk).update(**values)
        count += 1
    return count


def record_access(*, enquiry: Enquiry, user) -> None:
    AccessLog.objects.create(enquiry=enquiry, user=user, action=AccessLog.Action.OPENED)


@transaction.atomic
def invite_coordinators(*, enquiry: Enquiry, user, note: str = "") -> None:
    """The provider asks the regional coordinators to read along with this one request, until
    it withdraws that. Asking again replaces the note."""
    note = note.strip()
    if len(note) > COORDINATORS_NOTE_MAX_LENGTH:
        raise NotAllowed(
            _("Schrijf een toelichting van hoogstens %(limit_value)d tekens.")
            % {"limit_value": COORDINATORS_NOTE_MAX_LENGTH}
        )
    enquiry.coordinators_invited_at = timezone.now()
    enquiry.coordinators_invited_by = user
    enquiry.coordinators_note = note
    enquiry.save(
        update_fields=[
            "coordinators_invited_at", "coordinators_invited_by", "coordinators_note",
            "updated_at",
        ]
    )
    AccessLog.objects.create(enquiry=enquiry, user=user, action=AccessLog.Action.INVITED)


@transaction.atomic
def withdraw_coordinators(*, enquiry: Enquiry, user) -> None:
    """From now on the coordinators see this request's counts only, as before."""
    if not enquiry.coordinators_invited:
        return
    enquiry.coordinators_invited_at = None
    enquiry.coordinators_invited_by = None
    enquiry.coordinators_note = ""
    enquiry.save(
        update_fields=[
            "coordinators_invited_at", "coordinators_invited_by", "coordinators_note",
            "updated_at",
        ]
    )
    AccessLog.objects.create(enquiry=enquiry, user=user, action=AccessLog.Action.WITHDRAWN)


def purge(*, now=None) -> int:
    """Delete requests closed more than REQUEST_RETENTION_DAYS ago and requests nobody touched
    for REQUEST_UNTOUCHED_DAYS. Returns how many went."""
    now = now or timezone.now()
    closed = Enquiry.objects.filter(
        status__in=[Status.PLACED, Status.CLOSED],
        closed_at__lt=now - timedelta(days=settings.REQUEST_RETENTION_DAYS),
    )
    untouched = Enquiry.objects.filter(
        updated_at__lt=now - timedelta(days=settings.REQUEST_UNTOUCHED_DAYS)
    )
    ids = set(closed.values_list("pk", flat=True)) | set(untouched.values_list("pk", flat=True))
    Enquiry.objects.filter(pk__in=ids).delete()
    return len(ids)
