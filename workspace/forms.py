"""The workspace's forms. Every error is Dutch (English through the catalogue)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workspace import bsn
from workspace.models import Organisation

LABEL_MAX = 30
NOTE_MAX = 1000
NAME_MAX = 80


def printable(value: str) -> str:
    """Strip characters no one types (control characters, lone surrogates)."""
    return "".join(
        character
        for character in value
        if character.isprintable() or character in "\n\t"
        if not 0xD800 <= ord(character) <= 0xDFFF
    )


NO_BSN = _("Dit lijkt op een BSN. Noem nooit een BSN.")


def free_text(value: str, *, empty, looks_like_bsn=NO_BSN) -> str:
    """What a professional typed, printable and trimmed; refused when nothing is left or when it
    holds a citizen service number."""
    text = printable(value).strip()
    if not text:
        raise forms.ValidationError(empty)
    if bsn.contains_bsn(text):
        raise forms.ValidationError(looks_like_bsn)
    return text


class ClientForm(forms.Form):
    label = forms.CharField(
        label=_("Label voor deze cliënt"),
        help_text=_(
            "Gebruik initialen of een eigen code, bijvoorbeeld 'JdV-12'. Vul geen volledige naam "
            "en geen BSN in."
        ),
        max_length=LABEL_MAX,
        error_messages={
            "required": _("Vul een label in, bijvoorbeeld initialen of een code."),
            "max_length": _("Een label is hoogstens %(limit_value)d tekens."),
        },
    )

    def clean_label(self):
        return free_text(
            self.cleaned_data["label"],
            empty=_("Vul een label in, bijvoorbeeld initialen of een code."),
            looks_like_bsn=_(
                "Dit lijkt op een BSN. Gebruik initialen of een eigen code, nooit een BSN."
            ),
        )


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de zoekopdracht"),
        max_length=NAME_MAX,
        error_messages={
            "required": _("Geef de zoekopdracht een naam."),
            "max_length": _("Een naam is hoogstens %(limit_value)d tekens."),
        },
    )
    address = forms.CharField(
        label=_("Adres van de zoekresultaten"),
        help_text=_("Kopieer het adres van de resultatenpagina en plak het hier."),
        max_length=2000,
        error_messages={
            "required": _("Plak het adres van de zoekresultaten."),
            "max_length": _("Dit adres is te lang."),
        },
    )

    def clean_name(self):
        return free_text(self.cleaned_data["name"], empty=_("Geef de zoekopdracht een naam."))

    def clean_address(self):
        return printable(self.cleaned_data["address"]).strip()


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notitie"),
        help_text=_("Kort en zakelijk. Geen BSN, geen medische details die u niet nodig heeft."),
        max_length=NOTE_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": _("Schrijf eerst een notitie."),
            "max_length": _("Een notitie is hoogstens %(limit_value)d tekens."),
        },
    )

    def clean_text(self):
        return free_text(self.cleaned_data["text"], empty=_("Schrijf eerst een notitie."))


class ResidenceForm(forms.Form):
    residence = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        error_messages={"required": _("Vul de code in.")},
    )

    def clean_token(self):
        return printable(self.cleaned_data["token"]).replace(" ", "")


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl."),
        },
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.all(),
        error_messages={
            "required": _("Kies de organisatie."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )


class ColleagueForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=None,
        error_messages={
            "required": _("Kies een collega."),
            "invalid_choice": _("Kies een collega van uw eigen organisatie uit de lijst."),
        },
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues
        self.fields["colleague"].label_from_instance = lambda professional: professional.user.email

