"""The anonymous demand signal: coded searches that visitors chose to let count.

A row holds no free text, no place the visitor typed (only the municipality it lies in), no
session, user or address, and no time finer than the ISO week. The primary key is random, so
not even the order of rows tells when within the week a search was made.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemandSignal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    year_week = models.CharField(_("jaar en week"), max_length=8, db_index=True)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    # "list_name:code" strings, e.g. "facilities:tuin".
    musts = models.JSONField(_("moet"), default=list, blank=True)
    wishes = models.JSONField(_("fijn"), default=list, blank=True)
    match_count = models.PositiveIntegerField(_("aantal woonlocaties"))

    class Meta:
        verbose_name = _("zoekvraag (anoniem)")
        verbose_name_plural = _("zoekvragen (anoniem)")

    def __str__(self):
        return f"{self.year_week} {self.municipality}"
