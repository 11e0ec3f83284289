"""Forms of a request sent on a client's behalf that the requests flow does not have: which of
the client's shortlisted residences, and the client's consent to share their wishes. Everything
else is the requests flow's own forms (enquiries/forms.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from enquiries.forms import WishesForm
from workspace.on_behalf import MAX_RESIDENCES


class ResidencesForm(forms.Form):
    residences = forms.TypedMultipleChoiceField(
        label=_("Naar welke woonlocaties gaat de aanvraag?"),
        help_text=_("Kies er hooguit drie van de bewaarlijst van de cliënt."),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één woonlocatie."),
            "invalid_choice": _("Kies woonlocaties van de bewaarlijst."),
        },
    )

    def __init__(self, *args, shortlist, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residences"].choices = [
            (residence.pk, residence.title) for residence in shortlist
        ]

    def clean_residences(self):
        chosen = self.cleaned_data["residences"]
        if len(chosen) > MAX_RESIDENCES:
            raise forms.ValidationError(
                _("Kies hooguit %(count)d woonlocaties.") % {"count": MAX_RESIDENCES},
                code="too_many",
            )
        return chosen


class ClientConsentForm(WishesForm):
    """The requests flow's consent, worded for the client on whose behalf the professional asks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "De cliënt geeft toestemming om zijn of haar wensen met deze zorgaanbieder(s) te "
            "delen"
        )
        self.fields["consent"].help_text = _(
            "Niet verplicht. Vraag het de cliënt eerst. Zonder vinkje sturen we alleen uw bericht."
        )
