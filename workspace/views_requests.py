"""Requests sent on a client's behalf: the professional chooses residences from the client's
shortlist and fills in the requests flow's questions on one page, prefilled from the account,
then checks the answers on the next page and sends (or goes back to change them). The requests
app's forms check the answers, again when sending, and its service sends (workspace/on_behalf.py).

The check page carries what was posted in hidden fields: nothing is kept on the server until the
professional sends.
"""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from enquiries import limits
from enquiries import services as enquiry_services
from enquiries.forms import HONEYPOT_FIELD, error_list
from enquiries.views import answer_rows, parse_ids
from workspace import on_behalf, services
from workspace.forms_requests import ClientConsentForm, ResidencesForm
from workspace.views import client_of, professional_required

SEND = "versturen"  # the check page's "send" button
CHANGE = "wijzigen"  # the check page's "change" button: back to the form, filled in


def summary_of(forms) -> list[dict]:
    entries = [entry for form in forms for entry in error_list(form)]
    for entry in entries:
        # The residences are checkboxes: the summary leads to the first one.
        if entry["href"] == "#id_residences":
            entry["href"] = "#id_residences_0"
    return entries


@never_cache
@require_http_methods(["GET", "POST"])
@professional_required
def send(request, professional, client_id):
    client = client_of(professional, client_id)
    shortlist = services.shortlist_of(client)
    wishes = on_behalf.client_wishes(request, client)
    status = 200
    if request.method == "POST":
        choose = ResidencesForm(request.POST, shortlist=shortlist)
        questions = on_behalf.step_forms(
            request.POST, has_wishes=wishes is not None, wishes_form_class=ClientConsentForm
        )
        forms = [choose, *questions]
        if all(form.is_valid() for form in forms) and CHANGE not in request.POST:
            residences = enquiry_services.askable_residences(choose.cleaned_data["residences"])
            details = on_behalf.details_from(questions)
            consent = any(form.cleaned_data.get("consent") for form in questions)
            attached = wishes if consent else None
            if SEND not in request.POST:
                return check(request, client, residences, details, wishes, attached)
            wait = limits.wait_seconds(
                request, [residence.pk for residence in residences], professional_id=professional.pk
            )
            if not wait:
                on_behalf.send_for_client(
                    request=request,
                    client=client,
                    residences=residences,
                    details=details,
                    wishes=attached,
                )
                messages.success(
                    request,
                    ngettext(
                        "De aanvraag is verstuurd. Hieronder ziet u hoe het ermee staat.",
                        "De %(count)d aanvragen zijn verstuurd. Hieronder ziet u hoe het "
                        "ermee staat.",
                        len(residences),
                    )
                    % {"count": len(residences)},
                )
                return redirect(reverse("workspace:client", args=[client.pk]) + "#aanvragen")
            minutes = max(1, -(-wait // 60))
            choose.add_error(
                None,
                ngettext(
                    "Er zijn in korte tijd veel aanvragen verstuurd. Probeer het over %(minutes)d "
                    "minuut opnieuw.",
                    "Er zijn in korte tijd veel aanvragen verstuurd. Probeer het over %(minutes)d "
                    "minuten opnieuw.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            status = 429
        elif CHANGE not in request.POST:
            status = 400
    else:
        chosen = parse_ids(request.GET.get("residences", "")[:200])
        choose = ResidencesForm(
            initial={"residences": chosen[: on_behalf.MAX_RESIDENCES]}, shortlist=shortlist
        )
        questions = on_behalf.step_forms(
            initial=on_behalf.sender_initial(professional),
            has_wishes=wishes is not None,
            wishes_form_class=ClientConsentForm,
        )
        forms = [choose, *questions]
    return render(
        request,
        "workspace/request.html",
        {
            "client": client,
            "shortlist": shortlist,
            "choose": choose,
            "questions": questions,
            "wishes": wishes,
            "honeypot": HONEYPOT_FIELD,
            "error_list": summary_of(forms) if request.method == "POST" else [],
        },
        status=status,
    )


def check(request, client, residences, details, wishes, attached):
    """Check your answers: what goes to which residences, and the wishes if the client agreed
    (`attached`; `wishes` is None when the client has none to share)."""
    draft = dataclasses.asdict(details)
    return render(
        request,
        "workspace/request_check.html",
        {
            "client": client,
            "residences": residences,
            "rows": answer_rows(
                draft, None if wishes is None else attached is not None, change_links=False
            ),
            "wishes": attached,
            "posted": [
                (name, value)
                for name, values in request.POST.lists()
                if name not in {"csrfmiddlewaretoken", SEND, CHANGE}
                for value in values
            ],
            "send": SEND,
            "change": CHANGE,
        },
    )
