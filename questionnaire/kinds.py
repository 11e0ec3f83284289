"""The building blocks questions are declared with, and how each kind reads a submitted form.

A question never touches a request: `Question.clean(data, answers)` takes a plain mapping of form
values and returns the answer to store or Dutch error messages, each tied to the id of the field
it is about (the error summary links to that id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from residences import numbers
from search.criteria import Criteria, Importance, Wish

DONT_KNOW = "weet-niet"
MUST = "moet"

SINGLE = "single"
MULTIPLE = "multiple"
NUMBER = "number"
PLACE = "place"
IMPORTANCE = "importance"

FOR_SELF = "zelf"
FOR_RELATIVE = "naaste"
FOR_CLIENT = "client"


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    icon: str = ""
    hint: str = ""
    # "Ik weet het niet" or "Geen" in a checkbox list: cannot be combined with other choices.
    exclusive: bool = False


@dataclass(frozen=True)
class Item:
    """One thing on a must-or-nice page: a code from one of the residence code lists."""

    list_name: str
    code: str
    label: str

    @property
    def field_name(self) -> str:
        return f"{self.list_name}-{self.code}"


@dataclass(frozen=True)
class Wording:
    """A text in the "u" form, in the form about someone else (with %(naaste)s), and in the "we"
    form a professional and their client answer in together (the workspace's questionnaire)."""

    own: str
    other: str = ""
    together: str = ""

    def render(self, answers: dict, together: bool = False) -> str:
        if together and self.together:
            return str(self.together)
        for_whom = answers.get("voor-wie", FOR_SELF)
        if for_whom == FOR_SELF or not self.other:
            return str(self.own)
        person = _("uw cliënt") if for_whom == FOR_CLIENT else _("uw naaste")
        person = str(person)
        return str(self.other) % {"naaste": person, "Naaste": person[:1].upper() + person[1:]}


@dataclass
class Contribution:
    """What one answer adds to the Criteria."""

    musts: dict[str, list[str]] = field(default_factory=dict)
    wishes: list[Wish] = field(default_factory=list)
    values: dict = field(default_factory=dict)

    def add_must(self, list_name: str, *codes: str) -> Contribution:
        self.musts.setdefault(list_name, []).extend(codes)
        return self

    def merge(self, other: Contribution) -> None:
        for list_name, codes in other.musts.items():
            self.add_must(list_name, *codes)
        self.wishes.extend(other.wishes)
        self.values.update(other.values)

    def to_criteria(self) -> Criteria:
        return Criteria.build(musts=self.musts, wishes=self.wishes, **self.values)


@dataclass(frozen=True)
class FieldError:
    field_id: str
    message: str


def always_asked(answers: dict) -> bool:
    return True


def _nothing(answer, answers: dict) -> Contribution:
    return Contribution()


@dataclass(frozen=True)
class Question:
    slug: str
    kind: str
    text: Wording | Callable[[dict, bool], str]  # (answers, together)
    help: Wording | None = None
    options: tuple[Option, ...] | Callable[[dict], list[Option]] = ()
    items: Callable[[dict], list[Item]] | None = None  # importance pages only
    optional: bool = False
    asked_when: Callable[[dict], bool] = always_asked
    # A follow-up names the earlier questions whose answers decide whether it is asked: until
    # those are answered, the progress count keeps it as a question that may still come.
    follows: tuple[str, ...] = ()
    to_criteria: Callable[[object, dict], Contribution] = _nothing
    required_message: str = _("Kies een antwoord.")
    minimum: int = 0
    maximum: int = 120
    suffix: str = ""
    icon: str = ""
    # Kinds that need more than the form (the place question geocodes) bring their own cleaner.
    cleaner: Callable[[object, dict], tuple[object, list[FieldError]]] | None = None

    def __post_init__(self):
        if self.asked_when is not always_asked and not self.follows:
            raise ValueError(f"Question {self.slug!r} is asked on a condition: declare `follows`.")

    @property
    def is_follow_up(self) -> bool:
        return bool(self.follows)

    # Presentation ---------------------------------------------------------------------------

    def heading(self, answers: dict, together: bool = False) -> str:
        if isinstance(self.text, Wording):
            return self.text.render(answers, together)
        return str(self.text(answers, together))

    def hint(self, answers: dict, together: bool = False) -> str:
        return self.help.render(answers, together) if self.help else ""

    def choices(self, answers: dict) -> list[Option]:
        return list(self.options(answers) if callable(self.options) else self.options)

    def item_list(self, answers: dict) -> list[Item]:
        return self.items(answers) if self.items else []

    def field_id(self, answers: dict) -> str:
        """The id the error summary links to: the first input of the question."""
        if self.kind in (SINGLE, MULTIPLE):
            choices = self.choices(answers)
            return f"{self.slug}-{choices[0].code}" if choices else self.slug
        if self.kind == IMPORTANCE:
            items = self.item_list(answers)
            return f"{items[0].field_name}-{MUST}" if items else self.slug
        return self.slug

    # Answers --------------------------------------------------------------------------------

    def still_fits(self, answer, answers: dict) -> bool:
        """Whether a stored answer is still one of the choices, given the answers before it.

        Options follow earlier answers (financing follows the indication, care profiles the
        target groups): a choice made on another branch no longer counts and is asked again.
        """
        if self.kind == SINGLE:
            return answer in {option.code for option in self.choices(answers)}
        if self.kind == MULTIPLE:
            codes = {option.code for option in self.choices(answers)}
            return isinstance(answer, list) and all(value in codes for value in answer)
        return True

    def is_complete(self, answers: dict) -> bool:
        if self.slug not in answers:
            return False
        if self.kind == IMPORTANCE:
            rated = answers[self.slug] or {}
            return all(item.field_name in rated for item in self.item_list(answers))
        return True

    def clean(self, data, answers: dict) -> tuple[object, list[FieldError]]:
        if self.cleaner is not None:
            return self.cleaner(data, answers)
        cleaner = {
            SINGLE: self._clean_single,
            MULTIPLE: self._clean_multiple,
            NUMBER: self._clean_number,
            IMPORTANCE: self._clean_importance,
        }[self.kind]
        return cleaner(data, answers)

    def _clean_single(self, data, answers):
        value = _first(data, self.slug)
        if value in {option.code for option in self.choices(answers)}:
            return value, []
        return None, [FieldError(self.field_id(answers), str(self.required_message))]

    def _clean_multiple(self, data, answers):
        options = {option.code: option for option in self.choices(answers)}
        values = _all(data, self.slug)
        if any(value not in options for value in values):
            return None, [FieldError(self.field_id(answers), str(_("Kies uit de lijst.")))]
        if not values and not self.optional:
            return None, [FieldError(self.field_id(answers), str(self.required_message))]
        exclusive = [options[value] for value in values if options[value].exclusive]
        if exclusive and len(values) > 1:
            message = _("U kunt ‘%(label)s’ niet samen met andere antwoorden kiezen.") % {
                "label": exclusive[0].label
            }
            return None, [FieldError(self.field_id(answers), str(message))]
        order = list(options)
        return sorted(values, key=order.index), []

    def _clean_number(self, data, answers):
        value = _first(data, self.slug).replace(" ", "")
        if not value:
            if self.optional:
                return None, []
            return None, [FieldError(self.slug, str(self.required_message))]
        try:
            number = numbers.whole_number(value, minimum=self.minimum, maximum=self.maximum)
        except ValidationError as error:
            return None, [FieldError(self.slug, message) for message in error.messages]
        return number, []

    def _clean_importance(self, data, answers):
        allowed = {MUST, *(str(value) for value in Importance.VALUES)}
        rated, errors = {}, []
        for item in self.item_list(answers):
            value = _first(data, item.field_name)
            if value in allowed:
                rated[item.field_name] = value
            else:
                message = _("Kies bij ‘%(label)s’ of het moet of fijn is.") % {"label": item.label}
                errors.append(FieldError(f"{item.field_name}-{MUST}", str(message)))
        return (None, errors) if errors else (rated, [])


def _all(data, key: str) -> list[str]:
    values = data.getlist(key) if hasattr(data, "getlist") else data.get(key, [])
    if isinstance(values, str):
        values = [values]
    return [value.strip() for value in values if isinstance(value, str) and value.strip()]


def _first(data, key: str) -> str:
    values = _all(data, key)
    return values[0] if values else ""
