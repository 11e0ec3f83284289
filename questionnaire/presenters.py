"""Turning a question and its answer into what a template shows, so templates stay simple."""

from __future__ import annotations

from django.utils.translation import gettext as _

from questionnaire.glossary import explanations_for
from questionnaire.kinds import (
    IMPORTANCE,
    MULTIPLE,
    MUST,
    NUMBER,
    PLACE,
    SINGLE,
    FieldError,
    Question,
)
from search.criteria import Importance

RATING_CHOICES = (
    (MUST, lambda: _("Moet")),
    (str(Importance.VERY_IMPORTANT), lambda: _("Fijn, heel belangrijk")),
    (str(Importance.IMPORTANT), lambda: _("Fijn, belangrijk")),
    (str(Importance.NICE), lambda: _("Fijn")),
)


def rating_label(value: str) -> str:
    return next((label() for code, label in RATING_CHOICES if code == value), "")


def _submitted(question: Question, data, stored):
    """What the fields show: what was just submitted (after an error), else the stored answer."""
    if data is None:
        return stored
    if question.kind == MULTIPLE:
        return data.getlist(question.slug)
    if question.kind == IMPORTANCE:
        return {key: data.get(key) for key in data if key != "csrfmiddlewaretoken"}
    return data.get(question.slug, "")


def field_context(
    question: Question, answers: dict, stored, data=None, errors=(), together: bool = False
) -> dict:
    """Everything step.html needs to render one question; `together` asks in the "we" form."""
    errors_by_id = {error.field_id: error.message for error in errors}
    shown = _submitted(question, data, stored)
    context = {
        "question": question,
        "kind": question.kind,
        "slug": question.slug,
        "heading": question.heading(answers, together),
        "hint": question.hint(answers, together),
        "field_id": question.field_id(answers),
        "errors": list(errors),
        "error": errors_by_id.get(question.field_id(answers), ""),
    }
    shown_texts = [context["heading"], context["hint"]]
    if question.kind in (SINGLE, MULTIPLE):
        selected = set(shown if isinstance(shown, list) else [shown] if shown else [])
        context["options"] = [
            {
                "id": f"{question.slug}-{option.code}",
                "code": option.code,
                "label": option.label,
                "icon": option.icon,
                "exclusive": option.exclusive,
                "checked": option.code in selected,
            }
            for option in question.choices(answers)
        ]
        shown_texts += [option["label"] for option in context["options"]]
    elif question.kind == IMPORTANCE:
        rated = shown or {}
        context["items"] = [
            {
                "name": item.field_name,
                "label": item.label,
                "error": errors_by_id.get(f"{item.field_name}-{MUST}", ""),
                "choices": [
                    {
                        "id": f"{item.field_name}-{code}",
                        "value": code,
                        "label": label(),
                        "checked": rated.get(item.field_name) == code,
                    }
                    for code, label in RATING_CHOICES
                ],
            }
            for item in question.item_list(answers)
        ]
    elif question.kind == PLACE:
        context["value"] = shown if isinstance(shown, str) else (shown or {}).get("query", "")
    elif question.kind == NUMBER:
        context["value"] = "" if shown is None else shown
    context["explanations"] = explanations_for(*shown_texts)
    return context


def answer_lines(question: Question, value, answers: dict) -> list[str]:
    """The answer in the words the visitor saw, one line per chosen thing."""
    if question.kind == SINGLE:
        labels = {option.code: str(option.label) for option in question.choices(answers)}
        return [labels.get(value, "")]
    if question.kind == MULTIPLE:
        labels = {option.code: str(option.label) for option in question.choices(answers)}
        return [labels[code] for code in value or () if code in labels] or [_("Niets gekozen")]
    if question.kind == NUMBER:
        if value is None:
            return [_("Niet ingevuld")]
        return [f"{value} {question.suffix}".strip()]
    if question.kind == PLACE:
        return [(value or {}).get("label", "")]
    return [
        f"{item.label}: {rating_label((value or {}).get(item.field_name, '')).lower()}"
        for item in question.item_list(answers)
    ]


def error_list(errors: list[FieldError]) -> list[dict]:
    return [{"href": f"#{error.field_id}", "message": error.message} for error in errors]
