"""What every questionnaire view shares: loading the state, the results URL, no caching."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from questionnaire import demand, flow, storage
from questionnaire.kinds import DONT_KNOW
from questionnaire.questions import answers_to_criteria

logger = logging.getLogger(__name__)

RETURN_PARAMETER = "terug"
RETURN_TO_CHECK = "controle"
QUESTIONNAIRE_SOURCE = "bron=vragenlijst"
# The results page then explains what an indication is and who helps (search/views/presentation).
INDICATION_HELP = "uitleg=indicatie"


def load_state(request) -> storage.State:
    state, expired = storage.load(request)
    if expired:
        messages.info(
            request,
            _(
                "Uw antwoorden zijn na 24 uur gewist, om uw gegevens te beschermen. "
                "U kunt opnieuw beginnen."
            ),
        )
    return state


def step_url(question, returning: bool = False) -> str:
    url = reverse("questionnaire:step", args=[question.slug])
    return f"{url}?{RETURN_PARAMETER}={RETURN_TO_CHECK}" if returning else url


def continue_url(answers: dict) -> str:
    """Where a visitor with these answers carries on: the first open question, or the check."""
    gap = flow.first_incomplete(answers)
    return step_url(gap) if gap else reverse("questionnaire:check")


def results_url(answers: dict) -> str:
    """The results page for these answers: codes only, never the visitor's own words."""
    query = answers_to_criteria(answers).to_query()
    extra = QUESTIONNAIRE_SOURCE
    if DONT_KNOW in (answers.get("indicatie"), answers.get("financiering")):
        extra = f"{extra}&{INDICATION_HELP}"
    base = reverse("search:results")
    return f"{base}?{query}&{extra}" if query else f"{base}?{extra}"


def count_anonymously(request, state: storage.State) -> None:
    """Record the opted-in demand signal once per set of answers; never break the visit."""
    if state.counted or not flow.is_finished(state.answers):
        return
    place = state.answers.get("plaats") or {}
    try:
        demand.record(
            criteria=answers_to_criteria(state.answers),
            municipality=place.get("municipality", "") if isinstance(place, dict) else "",
        )
    except Exception:  # the search engine may be down; the visitor still gets their results
        logger.warning("Demand signal not recorded: the search backend failed to count.")
        return
    state.counted = True
    storage.save(request, state)
