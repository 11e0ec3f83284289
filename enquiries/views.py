"""The visitor's side: the question pages, check your answers, sending, the confirmation and
the private status page. Views parse input; services.py writes."""

from __future__ import annotations

import dataclasses
import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from enquiries import draft as drafts
from enquiries import limits, links, services, steps
from enquiries.forms import HONEYPOT_FIELD, error_list
from enquiries.models import ContactTime, ContactWay, Enquiry, Role
from questionnaire import flow, storage
from questionnaire import summary as wishes_summary
from questionnaire.kinds import FOR_CLIENT, FOR_RELATIVE, FOR_SELF
from questionnaire.views.common import results_url
from residences import numbers

RETURN_PARAMETER = "terug"
RETURN_TO_CHECK = "controle"


def parse_ids(raw: str) -> list[int]:
    ids = []
    for part in raw.split(","):
        number = numbers.parse_whole_number(part)
        if number is not None and number not in ids:
            ids.append(number)
    return ids


# Told once: whom the questionnaire was for says who asks (questionnaire/kinds.py's codes).
ROLE_FOR_WHOM = {FOR_SELF: Role.CLIENT, FOR_RELATIVE: Role.RELATIVE, FOR_CLIENT: Role.PROFESSIONAL}


def role_from_questionnaire(request) -> str | None:
    """Who asks, as the visitor's questionnaire already says (kept in their session only)."""
    state, _expired = storage.load(request)
    return ROLE_FOR_WHOM.get((state.answers or {}).get("voor-wie"))


def current_wishes(request) -> dict | None:
    """The visitor's finished questionnaire as "Mijn wensen", or None."""
    state, _expired = storage.load(request)
    if not state.answers or not flow.is_finished(state.answers):
        return None
    return wishes_summary.build(
        state.answers,
        created_on=timezone.localdate(),
        search_url=request.build_absolute_uri(results_url(state.answers)),
    )


def step_url(step: steps.Step, returning: bool = False) -> str:
    url = reverse("enquiries:step", args=[step.slug])
    return f"{url}?{RETURN_PARAMETER}={RETURN_TO_CHECK}" if returning else url


def no_draft(request):
    return render(request, "enquiries/no_draft.html", status=404)


@never_cache
def start(request):
    """?residences=1,2,3 from a residence page, the shortlist or the compare page."""
    raw = request.GET.get("residences", "")[:200]
    residences = services.askable_residences(parse_ids(raw))
    if not residences:
        return no_draft(request)
    draft = {"residences": [residence.pk for residence in residences]}
    role = role_from_questionnaire(request)
    if role:
        draft["role"] = role  # chosen already on the first page, and still changeable there
    drafts.save(request, draft)
    return redirect(step_url(steps.STEPS[0]))


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug):
    current = steps.BY_SLUG.get(slug)
    if current is None:
        raise Http404
    draft = drafts.load(request)
    if draft is None:
        return no_draft(request)
    wishes = current_wishes(request)
    if current.slug == steps.WISHES and wishes is None:
        return redirect("enquiries:check")
    returning = request.GET.get(RETURN_PARAMETER) == RETURN_TO_CHECK
    if request.method == "POST":
        form = steps.form_for(current, draft, data=request.POST)
        if form.is_valid():
            draft.update(
                {key: value for key, value in form.cleaned_data.items() if key != HONEYPOT_FIELD}
            )
            drafts.save(request, draft)
            following = steps.next_step(current, wishes is not None)
            if returning or following is None:
                return redirect("enquiries:check")
            return redirect(step_url(following))
    else:
        form = steps.form_for(current, draft)
    previous = steps.previous_step(current, wishes is not None)
    return render(
        request,
        "enquiries/step.html",
        {
            "form": form,
            "step": current,
            "error_list": error_list(form) if form.is_bound else [],
            "form_action": step_url(current, returning),
            "back_url": reverse("enquiries:check")
            if returning
            else (step_url(previous) if previous else ""),
            "residences": services.askable_residences(draft["residences"]),
            "wishes": wishes if current.slug == steps.WISHES else None,
            "honeypot": HONEYPOT_FIELD,
        },
    )


def answer_rows(draft: dict, wishes_attached: bool, *, change_links: bool = True) -> list[dict]:
    """The check-your-answers rows; each links to its question page unless change_links is off
    (the workspace asks every question on one page and changes them there)."""

    def label(choices, value):
        return str(dict(choices).get(value, ""))

    rows = [
        ("wie", _("Voor wie"), [label(Role.choices, draft.get("role"))]),
        ("gegevens", _("Naam"), [draft.get("name", "")]),
        ("gegevens", _("Telefoonnummer"), [draft.get("phone") or _("Niet ingevuld")]),
        ("gegevens", _("E-mailadres"), [draft.get("email") or _("Niet ingevuld")]),
        ("contact", _("Liefst contact via"), [label(ContactWay.choices, draft.get("contact_way"))]),
        ("contact", _("Het best op"), [label(ContactTime.choices, draft.get("contact_time"))]),
        ("bericht", _("Uw bericht"), draft.get("message", "").splitlines()),
    ]
    if wishes_attached is not None:
        rows.append(
            (
                steps.WISHES,
                _("Mijn wensen meesturen"),
                [_("Ja, hieronder staat wat we meesturen") if wishes_attached else _("Nee")],
            )
        )
    return [
        {
            "heading": heading,
            "lines": lines,
            "change_url": step_url(steps.BY_SLUG[slug], True) if change_links else "",
        }
        for slug, heading, lines in rows
    ]


@never_cache
@require_http_methods(["GET", "POST"])
def check(request):
    draft = drafts.load(request)
    if draft is None:
        return no_draft(request)
    wishes = current_wishes(request)
    gap = steps.first_incomplete(draft, wishes is not None)
    if gap is not None:
        return redirect(step_url(gap))
    residences = services.askable_residences(draft["residences"])
    if not residences:
        drafts.clear(request)
        return no_draft(request)
    attached = wishes if draft.get("consent") else None
    if request.method == "POST":
        wait = limits.wait_seconds(request, [residence.pk for residence in residences])
        if wait:
            minutes = max(1, -(-wait // 60))
            response = render(request, "enquiries/limited.html", {"minutes": minutes}, status=429)
            response["Retry-After"] = str(wait)
            return response
        batch = services.send_enquiries(
            request=request,
            residences=residences,
            details=services.Details(
                **{
                    field.name: draft.get(field.name, "")
                    for field in dataclasses.fields(services.Details)
                }
            ),
            wishes=attached,
        )
        drafts.clear(request)
        request.session[drafts.SENT_KEY] = {"batch": str(batch), "mailed": bool(draft.get("email"))}
        return redirect("enquiries:sent")
    return render(
        request,
        "enquiries/check.html",
        {
            "rows": answer_rows(draft, None if wishes is None else bool(attached)),
            "residences": residences,
            "wishes": attached,
        },
    )


@never_cache
def sent(request):
    done = request.session.get(drafts.SENT_KEY)
    if not done:
        return redirect("/")
    status_url = links.status_url(request, uuid.UUID(done["batch"]))
    return render(request, "enquiries/sent.html", {"status_url": status_url, **done})


def batch_or_none(token: str):
    batch = links.batch_from_token(token)
    if batch is None:
        return None, []
    enquiries = list(
        Enquiry.objects.filter(batch=batch)
        .select_related("residence")
        .prefetch_related("history")
        .order_by("created_at")
    )
    return batch, enquiries


@never_cache
def status(request, token):
    batch, enquiries = batch_or_none(token)
    if batch is None:
        return render(request, "enquiries/link_expired.html", status=404)
    return render(request, "enquiries/status.html", {"enquiries": enquiries, "token": token})


@never_cache
@require_POST
def status_action(request, token):
    batch, enquiries = batch_or_none(token)
    if batch is None:
        return render(request, "enquiries/link_expired.html", status=404)
    chosen = next(
        (enquiry for enquiry in enquiries if str(enquiry.pk) == request.POST.get("aanvraag")),
        None,
    )
    action = request.POST.get("actie")
    if chosen is None or action not in ("intrekken", "verwijderen"):
        raise Http404
    if action == "intrekken":
        services.withdraw(enquiry=chosen)
        messages.success(request, _("Uw aanvraag is ingetrokken. De zorgaanbieder ziet dat."))
    else:
        services.delete(enquiry=chosen)
        messages.success(request, _("Uw aanvraag is verwijderd. Er is niets meer van bewaard."))
    return redirect("enquiries:status", token=token)
