"""The printable "Mijn wensen" page and its JSON download, and the demand opt-in."""

from __future__ import annotations

import json

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from questionnaire import flow
from questionnaire import summary as wishes_summary
from questionnaire.glossary import explanations_for
from questionnaire.views.common import continue_url, count_anonymously, load_state, results_url

JSON_FILENAME = "mijn-wensen.json"


def _data(request, answers: dict, created_on) -> dict:
    return wishes_summary.build(
        answers,
        created_on=created_on,
        search_url=request.build_absolute_uri(results_url(answers)),
    )


@never_cache
def summary(request):
    state = load_state(request)
    if not state.answers or not flow.is_finished(state.answers):
        return redirect(continue_url(state.answers))
    today = timezone.localdate()
    wishes = _data(request, state.answers, today)
    shown = [text for answer in wishes["answers"] for text in (answer["text"], *answer["answer"])]
    return render(
        request,
        "questionnaire/summary.html",
        {
            "wishes": wishes,
            "explanations": explanations_for(*shown),
            "created_on": today,
            "results_url": results_url(state.answers),
        },
    )


@never_cache
def summary_json(request):
    state = load_state(request)
    if not state.answers or not flow.is_finished(state.answers):
        return redirect(continue_url(state.answers))
    data = _data(request, state.answers, timezone.localdate())
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{JSON_FILENAME}"'
    return response


@never_cache
@require_POST
def demand_opt_in(request):
    """Let a finished search count anonymously, from any page that offers the checkbox."""
    state = load_state(request)
    if not state.answers or not flow.is_finished(state.answers):
        return redirect(continue_url(state.answers))
    count_anonymously(request, state)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = results_url(state.answers)
    # Not redirect(): it would look up a view named like the posted text.
    return HttpResponseRedirect(target)
