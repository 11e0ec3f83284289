"""The start page, one page per question, and "check your answers"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from questionnaire import flow, presenters, storage
from questionnaire.glossary import explanations_for
from questionnaire.kinds import Question
from questionnaire.questions import (
    FEWEST_QUESTIONS,
    MOST_QUESTIONS,
    QUESTIONS,
    asked_questions,
    effective_answers,
    minutes_for,
)
from questionnaire.views.common import (
    RETURN_PARAMETER,
    RETURN_TO_CHECK,
    continue_url,
    count_anonymously,
    load_state,
    results_url,
    step_url,
)

OPT_IN_FIELD = "meetellen"


@never_cache
def start(request):
    state = load_state(request)
    return render(
        request,
        "questionnaire/start.html",
        {
            "has_answers": bool(state.answers),
            "fewest_questions": FEWEST_QUESTIONS,
            "most_questions": MOST_QUESTIONS,
            "fewest_minutes": minutes_for(FEWEST_QUESTIONS),
            "most_minutes": minutes_for(MOST_QUESTIONS),
            "continue_url": continue_url(state.answers) if state.answers else "",
            "first_url": step_url(QUESTIONS[0]),
            "forget_url": reverse("questionnaire:forget"),
            "resume_url": reverse("questionnaire:resume"),
        },
    )


@dataclass(frozen=True)
class Route:
    """Where one questionnaire's pages are, and how it asks: the public questionnaire (answers in
    the session, "u" wording) or a client's in the workspace (answers with the client, "we")."""

    step: Callable[[Question, bool], str]  # (question, returning to the check) -> URL
    check: str
    start: str
    together: bool = False

    def continue_url(self, answers: dict) -> str:
        gap = flow.first_incomplete(answers)
        return self.step(gap, False) if gap else self.check

    def back_url(self, previous: Question | None, returning: bool) -> str:
        if returning:
            return self.check
        if previous is None:
            return self.start
        return self.step(previous, False)


def public_route() -> Route:
    return Route(
        step=step_url,
        check=reverse("questionnaire:check"),
        start=reverse("questionnaire:start"),
    )


def take_step(request, question, answers: dict, route: Route, save) -> str | dict:
    """One question page: the URL to go to next, or the context to show the question with.

    The one home of answering a question: reachability, validation (Question.clean), branching
    and progress. `save(answers)` keeps a valid answer wherever this questionnaire keeps them.
    """
    if not flow.is_reachable(question, answers):
        return route.continue_url(answers)
    returning = request.GET.get(RETURN_PARAMETER) == RETURN_TO_CHECK
    effective = effective_answers(answers)
    errors = []
    if request.method == "POST":
        value, errors = question.clean(request.POST, effective)
        if not errors:
            answers[question.slug] = value
            save(answers)
            following = flow.next_question(question, answers, returning)
            return route.check if following is None else route.step(following, returning)
    context = presenters.field_context(
        question,
        effective,
        answers.get(question.slug),
        data=request.POST if errors else None,
        errors=errors,
        together=route.together,
    )
    context.update(
        {
            "progress": flow.progress(question, answers),
            "returning": returning,
            "back_url": route.back_url(flow.previous_question(question, answers), returning),
            "error_list": presenters.error_list(errors),
            "form_action": route.step(question, returning),
        }
    )
    return context


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug):
    question = flow.question(slug)
    if question is None:
        raise Http404
    state = load_state(request)

    def save(answers):
        state.counted = False
        storage.save(request, state)

    outcome = take_step(request, question, state.answers, public_route(), save)
    if isinstance(outcome, str):
        return redirect(outcome)
    outcome.update(
        {
            "save_url": reverse("questionnaire:save"),
            "early_results_url": (
                results_url(state.answers) if flow.essentials_answered(state.answers) else ""
            ),
        }
    )
    return render(request, "questionnaire/step.html", outcome)


@never_cache
@require_http_methods(["GET", "POST"])
def check(request):
    state = load_state(request)
    if not state.answers or not flow.is_finished(state.answers):
        return redirect(continue_url(state.answers))
    if request.method == "POST":
        if request.POST.get(OPT_IN_FIELD) == "ja":
            count_anonymously(request, state)
        return redirect(results_url(state.answers))
    rows = answer_rows(state.answers)
    shown = [text for row in rows for text in (row["heading"], *row["lines"])]
    return render(
        request,
        "questionnaire/check.html",
        {"rows": rows, "opt_in_field": OPT_IN_FIELD, "explanations": explanations_for(*shown)},
    )


def answer_rows(answers: dict, route: Route | None = None) -> list[dict]:
    route = route or public_route()
    effective = effective_answers(answers)
    return [
        {
            "heading": question.heading(effective, route.together),
            "lines": presenters.answer_lines(question, effective[question.slug], effective),
            "change_url": route.step(question, True),
        }
        for question in asked_questions(answers)
        if question.slug in effective
    ]
