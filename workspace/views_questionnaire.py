"""The questionnaire filled in together with a client, in the workspace.

The same questions, validation and branching as the public questionnaire (its take_step and
Route), asked in the "we" form; the answers are kept with the client instead of in the session.
Only the professional who keeps the client, and a colleague it is shared with, get here.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from questionnaire import flow
from questionnaire.views.steps import take_step
from workspace import wishes
from workspace.views import client_of, professional_required


@never_cache
@professional_required
def start(request, professional, client_id):
    """Carry on where the questionnaire stopped; once complete, go through it all again."""
    client = client_of(professional, client_id)
    route = wishes.route_for(client)
    if wishes.is_finished(client):
        return redirect(route.step(wishes.FIRST_QUESTION, False))
    return redirect(route.continue_url(wishes.answers_of(client)))


@never_cache
@require_http_methods(["GET", "POST"])
@professional_required
def step(request, professional, client_id, slug):
    client = client_of(professional, client_id)
    question = flow.question(slug)
    if question is None:
        raise Http404
    route = wishes.route_for(client)
    answers = wishes.answers_of(client)
    outcome = take_step(
        request,
        question,
        answers,
        route,
        lambda answers: wishes.keep(client=client, answers=answers),
    )
    if isinstance(outcome, str):
        if request.method == "POST" and outcome == route.check:
            messages.success(
                request, _("Onze wensen zijn bewaard. De zoekopdracht ‘Onze wensen’ is bijgewerkt.")
            )
        return redirect(outcome)
    outcome["client"] = client
    return render(request, "workspace/questionnaire_step.html", outcome)
