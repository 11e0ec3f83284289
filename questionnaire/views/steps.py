"""The start page, one page per question, and "check your answers"."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from questionnaire import flow, presenters, storage
from questionnaire.glossary import explanations_for
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


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug):
    question = flow.question(slug)
    if question is None:
        raise Http404
    state = load_state(request)
    answers = state.answers
    if not flow.is_reachable(question, answers):
        return redirect(continue_url(answers))
    returning = request.GET.get(RETURN_PARAMETER) == RETURN_TO_CHECK
    effective = effective_answers(answers)
    errors = []
    if request.method == "POST":
        value, errors = question.clean(request.POST, effective)
        if not errors:
            answers[slug] = value
            state.counted = False
            storage.save(request, state)
            following = flow.next_question(question, answers, returning)
            if following is None:
                return redirect("questionnaire:check")
            return redirect(step_url(following, returning))
    context = presenters.field_context(
        question,
        effective,
        answers.get(slug),
        data=request.POST if errors else None,
        errors=errors,
    )
    previous = flow.previous_question(question, answers)
    context.update(
        {
            "progress": flow.progress(question, answers),
            "returning": returning,
            "back_url": _back_url(previous, returning),
            "error_list": presenters.error_list(errors),
            "form_action": step_url(question, returning),
            "save_url": reverse("questionnaire:save"),
            "early_results_url": (
                results_url(answers) if flow.essentials_answered(answers) else ""
            ),
        }
    )
    return render(request, "questionnaire/step.html", context)


def _back_url(previous, returning: bool) -> str:
    if returning:
        return reverse("questionnaire:check")
    if previous is None:
        return reverse("questionnaire:start")
    return step_url(previous)


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


def answer_rows(answers: dict) -> list[dict]:
    effective = effective_answers(answers)
    return [
        {
            "heading": question.heading(effective),
            "lines": presenters.answer_lines(question, effective[question.slug], effective),
            "change_url": step_url(question, returning=True),
        }
        for question in asked_questions(answers)
        if question.slug in effective
    ]
