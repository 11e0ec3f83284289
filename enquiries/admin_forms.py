"""The intake officer's forms in the admin inbox: the status, and asking the coordinators in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from enquiries.models import COORDINATORS_NOTE_MAX_LENGTH, ClosedReason, Status


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Nieuwe status"),
        error_messages={
            "required": _("Kies een nieuwe status."),
            "invalid_choice": _("Deze aanvraag kan niet naar die status."),
        },
    )
    closed_reason = forms.ChoiceField(
        label=_("Reden van afsluiten"),
        help_text=_("Alleen bij ‘Afgesloten’."),
        choices=[("", "—"), *ClosedReason.choices],
        required=False,
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in Status.choices if value in allowed
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.CLOSED and not cleaned.get("closed_reason"):
            self.add_error("closed_reason", _("Kies waarom de aanvraag wordt afgesloten."))
        return cleaned


class CoordinatorsForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting voor de coördinator (niet verplicht)"),
        help_text=_(
            "Waarom u wilt dat de coördinator meekijkt, bijvoorbeeld: "
            "‘We vinden geen plek die past.’"
        ),
        max_length=COORDINATORS_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Schrijf een toelichting van hoogstens %(limit_value)d tekens."),
        },
    )
