"""Save and resume without an account, and forgetting the answers."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from questionnaire import crypto, storage
from questionnaire.views.common import continue_url, load_state

CODE_PARAMETER = "code"


@never_cache
@require_http_methods(["GET", "POST"])
def save(request):
    state = load_state(request)
    if not state.answers:
        return redirect("questionnaire:start")
    context = {"continue_url": continue_url(state.answers)}
    if request.method == "POST":
        token = storage.resume_token(state)
        resume = request.build_absolute_uri(reverse("questionnaire:resume"))
        context["link"] = f"{resume}?{CODE_PARAMETER}={token}"
        context["valid_until"] = _moment(storage.resume_expires_at())
    return render(request, "questionnaire/save.html", context)


@never_cache
def resume(request):
    code = _token_from(request.GET.get(CODE_PARAMETER, ""))
    if not code:
        return render(request, "questionnaire/resume.html", {})
    try:
        state = storage.restore(code)
    except crypto.TokenExpired:
        error = _(
            "Deze link is ouder dan 30 dagen en werkt daarom niet meer. "
            "Uw antwoorden zijn niet meer te openen. U kunt opnieuw beginnen."
        )
        return resume_refused(request, error, status=410)
    except crypto.TokenInvalid:
        error = _(
            "Deze link klopt niet. Misschien is hij niet helemaal gekopieerd. "
            "Kopieer de hele link, of begin opnieuw."
        )
        return resume_refused(request, error, status=400)
    storage.save(request, state)
    messages.success(request, _("Uw antwoorden zijn terug. U kunt verder gaan."))
    return redirect(continue_url(state.answers))


def _token_from(value: str) -> str:
    """Accept the bare code or the whole link pasted into the form."""
    value = value.strip()
    if "?" in value or "://" in value:
        codes = parse_qs(urlsplit(value).query).get(CODE_PARAMETER, [""])
        value = codes[0].strip()
    return value[:4000]


@never_cache
@require_http_methods(["GET", "POST"])
def forget(request):
    if request.method == "POST":
        storage.clear(request)
        # A new session key too: nothing links the next visit to this one.
        request.session.cycle_key()
        messages.success(request, _("Uw antwoorden zijn gewist."))
        return redirect("questionnaire:start")
    return render(request, "questionnaire/forget.html", {})


def _moment(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.get_current_timezone())


def resume_refused(request, error, *, status):
    context = {"error": error, "error_list": [{"href": "#code", "message": error}]}
    return render(request, "questionnaire/resume.html", context, status=status)
