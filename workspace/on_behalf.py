"""Requests a professional sends on a client's behalf ("Vraag een kennismaking aan").

Nothing of the requests flow is copied: the same forms check what the professional fills in
(enquiries/steps.py, each page's form), the same service sends (enquiries.services.send_enquiries,
with its mail and status link to the professional), the same rate limits apply. What the
workspace adds is the sender (the professional, prefilled from the account) and the link from
each request to the client (workspace.models.ClientRequest).
"""

from __future__ import annotations

import dataclasses

from django.db import transaction
from django.utils import timezone

from enquiries import services as enquiry_services
from enquiries import steps
from enquiries.forms import HONEYPOT_FIELD
from enquiries.models import Enquiry, Role
from questionnaire import flow
from questionnaire import summary as wishes_summary
from questionnaire.views.common import results_url
from workspace.models import Client, ClientRequest, Professional

MAX_RESIDENCES = enquiry_services.MAX_RESIDENCES


def sender_initial(professional: Professional) -> dict:
    """The professional as sender: name and organisation, the account's e-mail address."""
    user = professional.user
    return {
        "role": Role.PROFESSIONAL,
        "name": ", ".join(
            part for part in (user.get_full_name(), professional.organisation.name) if part
        ),
        "email": user.email,
    }


def client_wishes(request, client: Client) -> dict | None:
    """The client's "Mijn wensen" to attach: the questionnaire filled in together, once it is
    finished, in the same shape a visitor's wishes have (questionnaire/summary.py)."""
    if not client.answers or not flow.is_finished(client.answers):
        return None
    return wishes_summary.build(
        client.answers,
        created_on=timezone.localdate(),
        search_url=request.build_absolute_uri(results_url(client.answers)),
    )


def step_forms(data=None, *, initial=None, has_wishes: bool, wishes_form_class) -> list:
    """Every question page's form of the requests flow, for one page: bound to what was posted,
    or unbound with the initial values. The role is always "professional"; the consent is the
    client's (wishes_form_class)."""
    draft: dict = dict(initial or {})
    if data is not None:
        data = data.copy()
        data["role"] = Role.PROFESSIONAL
        draft = {}
    forms = []
    for step in steps.active_steps(has_wishes):
        if step.slug == steps.WISHES:
            form = wishes_form_class() if data is None else wishes_form_class(data)
        else:
            form = steps.form_for(step, draft, data=data)
        if data is not None and form.is_valid():
            draft.update(form.cleaned_data)
        forms.append(form)
    return forms


def details_from(forms) -> enquiry_services.Details:
    cleaned: dict = {}
    for form in forms:
        cleaned.update(
            {key: value for key, value in form.cleaned_data.items() if key != HONEYPOT_FIELD}
        )
    return enquiry_services.Details(
        **{
            field.name: cleaned.get(field.name, "")
            for field in dataclasses.fields(enquiry_services.Details)
        }
    )


@transaction.atomic
def send_for_client(
    *, request, client: Client, residences, details: enquiry_services.Details, wishes
) -> list[ClientRequest]:
    """Send one request per residence through the requests app and link each to the client."""
    batch = enquiry_services.send_enquiries(
        request=request, residences=residences, details=details, wishes=wishes
    )
    links = [
        ClientRequest.objects.create(client=client, enquiry=enquiry)
        for enquiry in Enquiry.objects.filter(batch=batch)
    ]
    client.touch()
    return links


def requests_of(client: Client) -> list[ClientRequest]:
    return list(
        client.requests.select_related("enquiry", "enquiry__residence").order_by(
            "-sent_at", "id"
        )
    )


def export_requests(client: Client) -> list[dict]:
    """The requests sent for the client and where each stands, for the JSON and PDF export."""
    return [
        {
            "residence": link.enquiry.residence.title,
            "sent_at": link.sent_at.isoformat(),
            "status": str(link.enquiry.get_status_display()),
            "closed_reason": str(link.enquiry.get_closed_reason_display()),
        }
        for link in requests_of(client)
    ]
