"""Form fields and widgets for the search forms.

A search is a URL (search/criteria.py), so these read the query string the way `Criteria.from_query`
does: the first value of a repeated key, surrounding spaces ignored, and unknown codes in a list
dropped instead of failing the whole list. Then the form and the parser never disagree about what
a URL means.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from pages.query import clean_value
from residences import numbers
from search.criteria import parse_wishes


class FilterForm(forms.Form):
    """The base of the filter sidebar's form (ResidenceFilterSet.Meta.form). Its widgets render
    with Django's Jinja2 form renderer: the markup of Django's own widget templates, in about a
    third of the time, on every results page (benchmarks/RESULTS.md, 2026-12-05)."""

    default_renderer = Jinja2()  # one instance: it keeps its compiled templates


def first_value(data, name: str):
    """The first non-blank value for `name`, as Criteria.from_query reads it."""
    values = all_values(data, name)
    return values[0] if values else None


def all_values(data, name: str) -> list[str]:
    if hasattr(data, "getlist"):
        raw = data.getlist(name)
    else:
        raw = data.get(name, [])
        raw = [raw] if isinstance(raw, str) else list(raw)
    cleaned = (clean_value(value) for value in raw if isinstance(value, str))
    return [value for value in cleaned if value]


class FirstValueMixin:
    def value_from_datadict(self, data, files, name):
        return first_value(data, name)


class TextInput(FirstValueMixin, forms.TextInput):
    pass


class SearchInput(FirstValueMixin, forms.TextInput):
    input_type = "search"


class Select(FirstValueMixin, forms.Select):
    pass


class NumberInput(FirstValueMixin, forms.NumberInput):
    pass


class HiddenInput(FirstValueMixin, forms.HiddenInput):
    pass


class CheckboxList(forms.CheckboxSelectMultiple):
    def value_from_datadict(self, data, files, name):
        return all_values(data, name)


class MultipleHiddenInput(forms.MultipleHiddenInput):
    def value_from_datadict(self, data, files, name):
        return all_values(data, name)


class FlagCheckbox(forms.CheckboxInput):
    """A checkbox whose URL value is "1"; the same words as the parser count as ticked."""

    TRUE_VALUES = frozenset({"1", "ja", "on", "true"})

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=lambda value: value is True)

    def format_value(self, value):
        return "1"

    def value_from_datadict(self, data, files, name):
        return first_value(data, name) in self.TRUE_VALUES


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known codes of a list and drops the rest, as the parser does."""

    widget = CheckboxList

    def to_python(self, value):
        values = super().to_python(value)
        return [value for value in values if self.valid_value(value)]


class WholeNumberField(numbers.WholeNumberField):
    """Only plain digits, like the parser: "67" is an age, "67.0" or "+67" is not."""

    widget = NumberInput


class WishField(forms.MultipleChoiceField):
    """Wishes travel as hidden "list:code:importance" values; unknown ones are dropped."""

    widget = MultipleHiddenInput

    def to_python(self, value):
        return parse_wishes(super().to_python(value))

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class ShortlistForm(forms.Form):
    """The add and remove buttons: a page id and where to go back to."""

    residence = numbers.WholeNumberField(min_value=1, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    error_messages = {"residence": _("Kies een woonlocatie.")}
