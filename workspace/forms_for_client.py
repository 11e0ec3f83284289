"""Saving for a client from the public pages: the client chosen from the professional's own list,
then the workspace's own forms for a saved search or a residence (same validation)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workspace import services
from workspace.forms import ResidenceForm, SavedSearchForm


class ClientChoiceForm(forms.Form):
    client = forms.TypedChoiceField(
        label=_("Cliënt"),
        coerce=int,
        error_messages={
            "required": _("Kies een cliënt."),
            "invalid_choice": _("Kies een cliënt uit uw lijst."),
        },
    )

    def __init__(self, *args, professional, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels are encrypted, so sorted here (services.sorted_clients), not by the database.
        self.fields["client"].choices = [
            ("", _("Kies een cliënt")),
            *((client.pk, client.label) for client in services.sorted_clients(professional)),
        ]


class SearchForClientForm(ClientChoiceForm, SavedSearchForm):
    pass


class ResidenceForClientForm(ClientChoiceForm, ResidenceForm):
    pass
