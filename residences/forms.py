from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from residences import taxonomy
from residences.numbers import WholeNumberField


class AvailabilityForm(forms.Form):
    """One residence's row on the 'update availability' screen."""

    residence = WholeNumberField(widget=forms.HiddenInput)
    free_places = WholeNumberField(
        label=_("Vrije plaatsen nu"),
        min_value=0,
        max_value=32767,
        error_messages={"required": _("Vul het aantal vrije plaatsen in (0 mag).")},
    )
    waiting_weeks = WholeNumberField(
        label=_("Wachttijd in weken"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=_("Leeg laten als u het niet weet."),
    )
    confirmed = forms.BooleanField(label=_("Nog steeds juist"), required=False)

    def __init__(self, *args, residence=None, **kwargs):
        self.residence_page = residence
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        page = self.residence_page
        free_places = cleaned.get("free_places")
        if page is not None and free_places is not None and page.places:
            if free_places > page.places:
                self.add_error(
                    "free_places",
                    _("Er kunnen niet meer plaatsen vrij zijn dan er zijn (%(places)s).")
                    % {"places": page.places},
                )
        return cleaned

    @property
    def wants_update(self) -> bool:
        """Save when the editor changed a number or ticked 'still right'."""
        changed = {"free_places", "waiting_weeks"} & set(self.changed_data)
        return bool(changed) or bool(self.cleaned_data.get("confirmed"))


class BaseAvailabilityFormSet(forms.BaseFormSet):
    def __init__(self, *args, residences=(), **kwargs):
        self.residences = list(residences)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.residences):
            kwargs["residence"] = self.residences[index]
        return kwargs


AvailabilityFormSet = forms.formset_factory(
    AvailabilityForm, formset=BaseAvailabilityFormSet, extra=0, max_num=500, validate_max=True
)


class OnboardProviderForm(forms.Form):
    name = forms.CharField(label=_("Naam van de zorgaanbieder"), max_length=255)
    region = forms.ChoiceField(
        label=_("Regio"), choices=taxonomy.Region.choices, initial=taxonomy.Region.ROTTERDAM
    )
    editors = forms.CharField(
        label=_("E-mailadressen van redacteuren"),
        help_text=_(
            "Eén adres per regel. Elke nieuwe redacteur krijgt een uitnodiging per e-mail met een "
            "link om zelf een wachtwoord te kiezen."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    external_id = forms.CharField(label=_("Extern kenmerk"), max_length=64, required=False)
    publish = forms.BooleanField(
        label=_("Aanbiederspagina meteen publiceren"),
        required=False,
        help_text=_("Anders blijft de pagina een concept tot de regiocoördinator hem publiceert."),
    )

    def clean_editors(self):
        emails = []
        for line in self.cleaned_data["editors"].splitlines():
            email = line.strip()
            if not email:
                continue
            try:
                validate_email(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("'%(email)s' is geen geldig e-mailadres.") % {"email": email}
                ) from error
            emails.append(email.lower())
        return emails
