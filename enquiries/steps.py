"""The question pages of a request, in order. A draft is complete when every page's form
accepts what the draft holds; the check page and sending both hold the draft to that."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from enquiries import forms

WISHES = "wensen"


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form_class: type


STEPS = [
    Step("wie", _("Voor wie"), forms.RoleForm),
    Step("gegevens", _("Uw gegevens"), forms.ContactDetailsForm),
    Step("contact", _("Contact"), forms.PreferenceForm),
    Step("bericht", _("Uw bericht"), forms.MessageForm),
    Step(WISHES, _("Mijn wensen meesturen"), forms.WishesForm),
]
BY_SLUG = {step.slug: step for step in STEPS}


def form_for(step: Step, draft: dict, data=None):
    kwargs = {}
    if step.form_class is forms.PreferenceForm:
        kwargs = {"phone": draft.get("phone", ""), "email": draft.get("email", "")}
    if data is None:
        return step.form_class(initial=draft, **kwargs)
    return step.form_class(data, **kwargs)


def active_steps(has_wishes: bool) -> list[Step]:
    return [step for step in STEPS if has_wishes or step.slug != WISHES]


def next_step(step: Step, has_wishes: bool) -> Step | None:
    steps = active_steps(has_wishes)
    position = steps.index(step)
    return steps[position + 1] if position + 1 < len(steps) else None


def previous_step(step: Step, has_wishes: bool) -> Step | None:
    steps = active_steps(has_wishes)
    position = steps.index(step)
    return steps[position - 1] if position > 0 else None


def first_incomplete(draft: dict, has_wishes: bool) -> Step | None:
    """The first page whose form does not accept the draft as it is."""
    for step in active_steps(has_wishes):
        data = {key: value for key, value in draft.items() if value not in (None, False)}
        if not form_for(step, draft, data=data).is_valid():
            return step
    return None
