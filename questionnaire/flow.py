"""Where a visitor goes next: forward, back, progress and the return to "check your answers".

Everything follows from the answers and the branching in questions.py, so the progress count
("Vraag 3 van 12") and the back link change as soon as an answer opens or closes a branch.
"""

from __future__ import annotations

from dataclasses import dataclass

from questionnaire.kinds import Question
from questionnaire.questions import BY_SLUG, asked_questions, effective_answers


@dataclass(frozen=True)
class Progress:
    number: int
    total: int


def first_incomplete(answers: dict) -> Question | None:
    effective = effective_answers(answers)
    for question in asked_questions(answers):
        if not question.is_complete(effective):
            return question
    return None


def is_finished(answers: dict) -> bool:
    return first_incomplete(answers) is None


def is_reachable(question: Question, answers: dict) -> bool:
    """Asked, and not past the first unanswered question: no skipping ahead by URL."""
    asked = asked_questions(answers)
    if question not in asked:
        return False
    gap = first_incomplete(answers)
    return gap is None or asked.index(question) <= asked.index(gap)


def next_question(current: Question, answers: dict, returning: bool) -> Question | None:
    """The next page after `current`; None means the check-your-answers page.

    Coming from the check page, the visitor goes back there at once, unless the changed answer
    opened a question that has no answer yet: that one comes first.
    """
    if returning:
        return first_incomplete(answers)
    asked = asked_questions(answers)
    if current not in asked:
        return first_incomplete(answers)
    later = asked[asked.index(current) + 1 :]
    return later[0] if later else None


def previous_question(current: Question, answers: dict) -> Question | None:
    asked = asked_questions(answers)
    if current not in asked or asked.index(current) == 0:
        return None
    return asked[asked.index(current) - 1]


def progress(current: Question, answers: dict) -> Progress:
    asked = asked_questions(answers)
    number = asked.index(current) + 1 if current in asked else 1
    return Progress(number=number, total=len(asked))


def question(slug: str) -> Question | None:
    return BY_SLUG.get(slug)
