"""The professional's workspace: organisations, professionals and their pseudonymous clients.

Everything a professional writes about a client (the label, saved searches, what was seen,
notes) is stored as Fernet tokens with the requests' keys (enquiries/fields.py), so a database
dump shows no client data. Residence ids on a shortlist are public page ids and stay plain.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enquiries.fields import EncryptedJSONField, EncryptedTextField


class OrganisationKind(models.TextChoices):
    MEE = "mee", _("MEE (cliëntondersteuning)")
    ZORGBELANG = "zorgbelang", _("Zorgbelang")
    CARE_OFFICE = "zorgkantoor", _("Zorgkantoor")
    DISTRICT_TEAM = "wijkteam", _("Wijkteam van een gemeente")
    OTHER = "anders", _("Andere organisatie")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Professional(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.user.email


class Client(models.Model):
    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    label = EncryptedTextField(_("label"))
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # The questionnaire filled in together ({question slug: value}, questionnaire/questions.py).
    answers = EncryptedJSONField()
    # Colleagues of the same organisation the professional explicitly shared this client with.
    colleagues = models.ManyToManyField(Professional, related_name="+", blank=True)

    def __str__(self) -> str:
        return self.label

    def touch(self) -> None:
        self.last_activity_at = timezone.now()
        self.archived_at = None
        self.save(update_fields=["last_activity_at", "archived_at"])


class SavedSearch(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="searches")
    name = EncryptedTextField(_("naam"))
    query = EncryptedTextField(_("zoekopdracht"))
    # What the professional saw at their last look: matching ids and those with a free place.
    seen_ids = EncryptedJSONField()
    seen_free_ids = EncryptedJSONField()
    created_at = models.DateTimeField(default=timezone.now)
    last_looked_at = models.DateTimeField(default=timezone.now)
    # The search made from the client's questionnaire answers: kept in step with them.
    from_answers = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class ShortlistItem(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="shortlist")
    residence_id = models.PositiveIntegerField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "residence_id"], name="workspace_shortlist_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.residence_id)


class Note(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(_("notitie"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.created_at.isoformat()


class ShareLink(models.Model):
    """A link the client opens without an account; the row lets the professional revoke it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="share_links")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.WORKSPACE_SHARE_LINK_DAYS)

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ClientRequest(models.Model):
    """A request (enquiries.Enquiry) the professional sent on the client's behalf.

    The link lives here, so the requests app knows nothing of the workspace. The request is the
    provider's: deleting the client (by hand or by retention) removes only this link, and the
    provider keeps the request until its own retention (REQUEST_RETENTION_DAYS) ends it. When the
    provider's side deletes the request, the link goes with it.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="requests")
    enquiry = models.OneToOneField(
        "enquiries.Enquiry", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "id"]

    def __str__(self) -> str:
        return str(self.enquiry_id)
