"""Requests to residences ("aanvragen"): one row per residence asked, its status history and
who opened it.

Everything that says who the person is or what they need is encrypted (fields.py). What stays
readable is what the inbox sorts and counts by: the residence, its provider, the status, the
role of the person asking, the preferred way and time of contact, and the dates.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enquiries.fields import EncryptedJSONField, EncryptedTextField

NAME_MAX_LENGTH = 120
PHONE_MAX_LENGTH = 32
EMAIL_MAX_LENGTH = 254
MESSAGE_MAX_LENGTH = 2000
COORDINATORS_NOTE_MAX_LENGTH = 500


class Role(models.TextChoices):
    CLIENT = "client", _("Ik zoek zelf een woonplek")
    RELATIVE = "naaste", _("Ik zoek voor een naaste")
    PROFESSIONAL = "professional", _("Ik zoek als professional voor een cliënt")


class ContactWay(models.TextChoices):
    PHONE = "telefoon", _("Bellen")
    EMAIL = "email", _("E-mail")


class ContactTime(models.TextChoices):
    ANY = "maakt-niet-uit", _("Maakt niet uit")
    MORNING = "ochtend", _("Ochtend")
    AFTERNOON = "middag", _("Middag")
    EVENING = "avond", _("Begin van de avond")


class Status(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    IN_PROGRESS = "in-behandeling", _("In behandeling")
    VISIT_PLANNED = "kennismaking-gepland", _("Kennismaking gepland")
    PLACED = "geplaatst", _("Geplaatst")
    CLOSED = "afgesloten", _("Afgesloten")


# The order a request moves through; PLACED and CLOSED end it.
STATUS_ORDER = [Status.NEW, Status.IN_PROGRESS, Status.VISIT_PLANNED, Status.PLACED]
FINAL_STATUSES = frozenset({Status.PLACED, Status.CLOSED})


class ClosedReason(models.TextChoices):
    NO_PLACE = "geen-plek", _("Geen plek")
    PROFILE_MISMATCH = "past-niet", _("Past niet bij het zorgprofiel")
    CLIENT_WITHDREW = "client-ziet-af", _("Cliënt ziet ervan af")
    NO_RESPONSE = "geen-reactie", _("Geen reactie")


class Enquiry(models.Model):
    # Requests sent together share a batch and so one status link; the id in admin URLs is
    # a random UUID, so ids say nothing about how many requests a provider gets.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    batch = models.UUIDField(_("verzonden samen als"), db_index=True, editable=False)
    residence = models.ForeignKey(
        "residences.ResidencePage",
        verbose_name=_("woonlocatie"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    provider = models.ForeignKey(
        "residences.ProviderPage",
        verbose_name=_("zorgaanbieder"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.NEW, db_index=True
    )
    closed_reason = models.CharField(
        _("reden van afsluiten"), max_length=24, choices=ClosedReason.choices, blank=True
    )
    role = models.CharField(_("wie vraagt"), max_length=16, choices=Role.choices)
    name = EncryptedTextField(_("naam"))
    phone = EncryptedTextField(_("telefoon"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    message = EncryptedTextField(_("bericht"))
    contact_way = models.CharField(
        _("liefst contact via"), max_length=16, choices=ContactWay.choices
    )
    contact_time = models.CharField(
        _("liefst contact op"), max_length=16, choices=ContactTime.choices
    )
    wishes = EncryptedJSONField(_("Mijn wensen"))
    language = models.CharField(_("taal"), max_length=8, default="nl")
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    picked_up_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    # The provider may ask the regional coordinators to look along with one request (say, a
    # placement that gets stuck). Only while this is set may a coordinator read it; the note is
    # the provider's reason, and may itself say something about the person, so it is encrypted.
    coordinators_invited_at = models.DateTimeField(
        _("coördinator gevraagd mee te kijken op"), null=True, blank=True
    )
    coordinators_invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coördinator gevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    coordinators_note = EncryptedTextField(_("toelichting voor de coördinator"), blank=True)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-created_at"]

    def __str__(self):
        # Never the person's name: this string can end up in logs and admin messages.
        return f"{self.residence_id}/{self.id}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def coordinators_invited(self) -> bool:
        return self.coordinators_invited_at is not None


class StatusChange(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    closed_reason = models.CharField(
        _("reden van afsluiten"), max_length=24, choices=ClosedReason.choices, blank=True
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # True when the person who asked did it themselves (withdrew) from the status page.
    by_requester = models.BooleanField(default=False)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.enquiry_id}: {self.status}"


class AccessLog(models.Model):
    """Who opened or changed which request, and when. Goes when the request goes."""

    class Action(models.TextChoices):
        OPENED = "geopend", _("Geopend")
        CHANGED = "gewijzigd", _("Status gewijzigd")
        INVITED = "meekijken-gevraagd", _("Coördinator gevraagd mee te kijken")
        WITHDRAWN = "meekijken-ingetrokken", _("Meekijken ingetrokken")

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=24, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.enquiry_id}: {self.action} by {self.user_id}"
