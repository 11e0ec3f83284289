"""Where a visitor goes next: forward, back, progress and the return to "check your answers".

Everything follows from the answers and the branching in questions.py. The progress count says
how many questions are left at most ("Vraag 3 · nog hoogstens 12 vragen"): a follow-up whose
deciding answers are still open counts as one that may come, so the count only goes down as the
visitor goes forward, and the whole never passes MOST_QUESTIONS.
"""

from __future__ import annotations

from dataclasses import dataclass

from questionnaire.kinds import Question
from questionnaire.questions import (
    BY_SLUG,
    ESSENTIALS,
    QUESTIONS,
    asked_questions,
    effective_answers,
)


@dataclass(frozen=True)
class Progress:
    number: int
    # Questions after this one: those sure to come, and those that may still come as well.
    at_least: int
    at_most: int

    @property
    def total(self) -> int:
        """The most questions this visitor can still get in all, this one included."""
        return self.number + self.at_most

    @property
    def exact(self) -> bool:
        return self.at_least == self.at_most


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
    sure, maybe = _still_to_come(current, answers)
    return Progress(number=number, at_least=sure, at_most=sure + maybe)


def _still_to_come(current: Question, answers: dict) -> tuple[int, int]:
    """How many later questions will come for sure, and how many more may come.

    The current question's answer is open (the visitor is giving it now), and so is every later
    question that is not answered yet. A follow-up none of whose deciding questions is open is
    settled by the answers; one with an open deciding question may still come.
    """
    effective = effective_answers(answers)
    open_slugs = {current.slug}
    sure = maybe = 0
    for question in QUESTIONS[QUESTIONS.index(current) + 1 :]:
        undecided = any(slug in open_slugs for slug in question.follows)
        if question.asked_when(effective) and not undecided:
            sure += 1
        elif undecided:
            maybe += 1
        else:
            continue
        if not question.is_complete(effective):
            open_slugs.add(question.slug)
    return sure, maybe


def essentials_answered(answers: dict) -> bool:
    """Whether every essential question this visitor gets has its answer (see ESSENTIALS)."""
    effective = effective_answers(answers)
    return all(
        question.is_complete(effective)
        for question in asked_questions(answers)
        if question.slug in ESSENTIALS
    )


def question(slug: str) -> Question | None:
    return BY_SLUG.get(slug)
