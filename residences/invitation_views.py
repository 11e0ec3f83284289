"""The coordinators' admin screen: editors who have not chosen a password, and a button to
send their invitation again. Thin: residences/roles.py decides who may, residences/invitations.py
what happens."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from residences import invitations, roles
from residences.admin_pages import AdminPageMixin


class ResendInvitationForm(forms.Form):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.all())


class InvitationsView(AdminPageMixin, FormView):
    template_name = "residences/admin/invitations.html"
    form_class = ResendInvitationForm
    page_title = gettext_lazy("Uitnodigingen voor redacteuren")
    header_icon = "mail"

    may_view = staticmethod(roles.coordinates)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = [
            {"user": user, "providers": invitations.providers_of(user)}
            for user in invitations.pending_editors()
        ]
        context["valid_days"] = invitations.valid_days()
        return context

    def form_valid(self, form):
        user = form.cleaned_data["user"]
        try:
            sent = invitations.resend_invitation(user)
        except invitations.InvitationRefused as refusal:
            messages.error(self.request, str(refusal))
        else:
            if sent:
                messages.success(
                    self.request,
                    _(
                        "Nieuwe uitnodiging verstuurd naar %(email)s. "
                        "Eerdere links werken niet meer."
                    )
                    % {"email": user.email},
                )
            else:
                messages.error(
                    self.request,
                    _(
                        "De uitnodiging voor %(email)s kon niet worden verstuurd. "
                        "Probeer het later opnieuw."
                    )
                    % {"email": user.email},
                )
        return redirect("residences_invitations")

    def form_invalid(self, form):
        messages.error(self.request, _("Kies een redacteur uit de lijst."))
        return redirect("residences_invitations")
