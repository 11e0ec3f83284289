"""The "Mijn wensen" summary: one structure for the printable page and the JSON download.

The JSON follows questionnaire/schema/mijn-wensen.schema.json (versioned: SCHEMA_VERSION). Every
coded value carries its code (for a provider's intake system) and the Dutch label the visitor saw.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from questionnaire import presenters
from questionnaire.questions import (
    BY_SLUG,
    DAY_SUPPORT,
    NIGHT_SUPPORT,
    answers_to_criteria,
    asked_questions,
    effective_answers,
)
from residences import taxonomy
from search.criteria import Criteria, Importance

SCHEMA_ID = "https://woonvinder.nl/schema/mijn-wensen/1.0.json"
SCHEMA_VERSION = "1.0"

# The support codes in the words the visitor chose them by.
SUPPORT_WORDS = {code: label for code, label, _icon in (*DAY_SUPPORT, *NIGHT_SUPPORT)}


def item_label(list_name: str, code: str) -> str:
    if list_name == "support" and code in SUPPORT_WORDS:
        return str(SUPPORT_WORDS[code])
    return str(taxonomy.RESIDENCE_CODE_LISTS[list_name](code).label)


def _coded(question_slug: str, answers: dict) -> dict | None:
    value = answers.get(question_slug)
    question = BY_SLUG[question_slug]
    if value is None or question not in asked_questions(answers):
        return None
    labels = {option.code: str(option.label) for option in question.choices(answers)}
    return {"code": value, "label": labels.get(value, value)}


def musts(criteria: Criteria) -> list[dict]:
    return [
        {"list": name, "code": code, "label": item_label(name, code)}
        for name, code in criteria.must_conditions()
    ]


def wishes(criteria: Criteria) -> list[dict]:
    importance = {value: str(label) for value, label in Importance.CHOICES}
    return [
        {
            "list": wish.list_name,
            "code": wish.code,
            "label": item_label(wish.list_name, wish.code),
            "importance": wish.importance,
            "importance_label": importance[wish.importance],
        }
        for wish in sorted(criteria.wishes, key=lambda wish: -wish.importance)
    ]


def location(criteria: Criteria, answers: dict) -> dict | None:
    near = _coded("waar", answers)
    if near is None:
        return None
    place = answers.get("plaats") if criteria.place else None
    return {
        "near": near,
        "place": criteria.place or None,
        "label": place["label"] if place else None,
        "municipality": place["municipality"] if place else None,
        "max_distance_km": criteria.max_distance_km,
    }


def answer_list(answers: dict, together: bool = False) -> list[dict]:
    effective = effective_answers(answers)
    return [
        {
            "question": question.slug,
            "text": question.heading(effective, together),
            "answer": presenters.answer_lines(question, effective[question.slug], effective),
        }
        for question in asked_questions(answers)
        if question.slug in effective
    ]


def build(answers: dict, *, created_on, search_url: str) -> dict:
    effective = effective_answers(answers)
    criteria = answers_to_criteria(answers)
    return {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "created_on": created_on.isoformat(),
        "for_whom": _coded("voor-wie", effective),
        "age": criteria.age,
        "wlz_indication": _coded("indicatie", effective),
        "musts": musts(criteria),
        "wishes": wishes(criteria),
        "location": location(criteria, effective),
        "urgency": _coded("wanneer", effective),
        "answers": answer_list(answers),
        "search_url": search_url,
        "note": _(
            "Dit zijn de wensen zoals ingevuld op Woonvinder. Bespreek ze samen voordat u beslist."
        ),
    }
