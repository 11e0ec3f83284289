"""Save for a client from the public pages: a professional signed in to the workspace saves the
results' search, or puts a residence on a client's shortlist, without leaving the page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enquiries.forms import error_list
from workspace import services
from workspace.forms_for_client import ResidenceForClientForm, SearchForClientForm
from workspace.views import client_of, professional_required

NEXT_FIELD = "next"


def back_to(request, fallback: str) -> str:
    """The page the professional came from, when it is one of ours."""
    target = request.POST.get(NEXT_FIELD, "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def refused(request, form, kind: str):
    """The form again, on a page of its own, with its error summary (works without JS)."""
    return render(
        request,
        "workspace/for_client.html",
        {
            "form": form,
            "error_list": error_list(form),
            "kind": kind,
            "next": back_to(request, ""),
        },
        status=400,
    )


@require_POST
@professional_required
def save_search(request, professional):
    form = SearchForClientForm(request.POST, professional=professional)
    if not form.is_valid():
        return refused(request, form, "search")
    client = client_of(professional, form.cleaned_data["client"])
    services.save_search(
        client=client,
        name=form.cleaned_data["name"],
        criteria=services.criteria_from_text(form.cleaned_data["address"]),
    )
    messages.success(request, _("De zoekopdracht is bewaard bij uw cliënt."))
    # Not redirect(): it would look up a view named like the posted text.
    return HttpResponseRedirect(back_to(request, client_page(client)))


@require_POST
@professional_required
def shortlist_add(request, professional):
    form = ResidenceForClientForm(request.POST, professional=professional)
    if not form.is_valid():
        return refused(request, form, "residence")
    client = client_of(professional, form.cleaned_data["client"])
    if services.add_to_shortlist(client=client, residence_id=form.cleaned_data["residence"]):
        messages.success(request, _("De woonlocatie staat op de bewaarlijst van uw cliënt."))
    else:
        messages.error(request, _("Deze woonlocatie kon niet op de bewaarlijst."))
    # Not redirect(): it would look up a view named like the posted text.
    return HttpResponseRedirect(back_to(request, client_page(client)))


def client_page(client) -> str:
    return reverse("workspace:client", args=[client.pk])
