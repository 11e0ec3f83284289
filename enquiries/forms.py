"""The question pages of a request, as Django forms with Dutch labels and errors.

Each form is one page of the flow (views.py). Lengths are limited here and in the templates
(maxlength), so nothing longer than the models allow ever reaches the database.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from enquiries.models import (
    EMAIL_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    ContactTime,
    ContactWay,
    Role,
)

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{5,}$")
# A honeypot: hidden from people (and from screen readers), filled in by form-filling robots.
HONEYPOT_FIELD = "website"


def plain_text(value: str) -> str:
    """Text without control characters (other than line breaks), trimmed."""
    return "".join(
        character
        for character in value
        if character in "\n\t" or (ord(character) >= 32 and ord(character) != 127)
    ).strip()


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Voor wie vraagt u een kennismaking aan?"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies voor wie u de kennismaking aanvraagt."),
            "invalid_choice": _("Kies voor wie u de kennismaking aanvraagt."),
        },
    )


class ContactDetailsForm(forms.Form):
    name = forms.CharField(
        label=_("Uw naam"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam mag niet langer zijn dan %(limit_value)d tekens."),
        },
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        help_text=_("Bijvoorbeeld 06 12345678 of 010 123 45 67."),
        max_length=PHONE_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Een telefoonnummer mag niet langer zijn dan %(limit_value)d tekens."),
        },
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Hierop krijgt u de link om te zien hoe het met uw aanvraag gaat."),
        max_length=EMAIL_MAX_LENGTH,
        required=False,
        error_messages={
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
            "max_length": _("Een e-mailadres mag niet langer zijn dan %(limit_value)d tekens."),
        },
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False, max_length=200)

    def clean_name(self):
        name = plain_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Vul uw naam in."), code="required")
        # Names come in every script and shape; one letter is all we ask for.
        if not any(character.isalpha() for character in name):
            raise forms.ValidationError(_("Vul uw naam in met letters."), code="invalid")
        return name

    def clean_phone(self):
        phone = plain_text(self.cleaned_data["phone"])
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, zoals 06 12345678."),
                code="invalid",
            )
        return phone

    def clean_website(self):
        if self.cleaned_data[HONEYPOT_FIELD]:
            raise forms.ValidationError(_("Laat dit veld leeg."), code="honeypot")
        return ""

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error(
                "phone", _("Vul een telefoonnummer of een e-mailadres in, of allebei.")
            )
        return cleaned


class PreferenceForm(forms.Form):
    contact_way = forms.ChoiceField(
        label=_("Hoe wilt u het liefst contact?"),
        choices=ContactWay.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe u het liefst contact wilt."),
            "invalid_choice": _("Kies hoe u het liefst contact wilt."),
        },
    )
    contact_time = forms.ChoiceField(
        label=_("Wanneer komt het u het best uit?"),
        choices=ContactTime.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wanneer het u het best uitkomt."),
            "invalid_choice": _("Kies wanneer het u het best uitkomt."),
        },
    )

    def __init__(self, *args, phone: str = "", email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.phone, self.email = phone, email

    def clean_contact_way(self):
        way = self.cleaned_data["contact_way"]
        if way == ContactWay.PHONE and not self.phone:
            raise forms.ValidationError(
                _("U gaf geen telefoonnummer. Kies e-mail, of ga terug en vul uw nummer in."),
                code="no_phone",
            )
        if way == ContactWay.EMAIL and not self.email:
            raise forms.ValidationError(
                _("U gaf geen e-mailadres. Kies bellen, of ga terug en vul uw e-mailadres in."),
                code="no_email",
            )
        return way


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Wat wilt u de zorgaanbieder vertellen of vragen?"),
        help_text=_(
            "Bijvoorbeeld voor wie de plek is, wat belangrijk is en wanneer u wilt komen kijken. "
            "Schrijf geen medische gegevens die niet nodig zijn. Hooguit 2000 tekens."
        ),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Schrijf een kort bericht aan de zorgaanbieder."),
            "max_length": _("Uw bericht mag niet langer zijn dan %(limit_value)d tekens."),
        },
    )

    def clean_message(self):
        message = plain_text(self.cleaned_data["message"])
        if not message:
            raise forms.ValidationError(
                _("Schrijf een kort bericht aan de zorgaanbieder."), code="required"
            )
        return message


class WishesForm(forms.Form):
    consent = forms.BooleanField(
        label=_("Ik geef toestemming om mijn wensen met deze zorgaanbieder(s) te delen"),
        help_text=_("Niet verplicht. Zonder vinkje sturen we alleen uw bericht."),
        required=False,
    )


def error_list(form: forms.Form) -> list[dict]:
    """The error summary: each message with a link to its field."""
    entries = []
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            href = "#inhoud"
        else:
            bound = form[name]
            radio = bound.widget_type == "radioselect"
            href = f"#{bound.auto_id}_0" if radio else f"#{bound.auto_id}"
        entries.extend({"href": href, "message": message} for message in errors)
    return entries
