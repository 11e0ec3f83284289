"""Form fields and widgets for the search forms.

A search is a URL (search/criteria.py), so these read the query string the way `Criteria.from_query`
does: the first value of a repeated key, surrounding spaces ignored, and unknown codes in a list
dropped instead of failing the whole list. Then the form and the parser never disagree about what
a URL means.
"""

from __future__ import annotations

import copy

import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from residences import numbers
from search.criteria import clean_value, parse_wishes


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


def _copied(obj):
    """`copy.copy(obj)` for a field or widget: a new instance with the same attributes.

    What copy's generic path (`__reduce_ex__`, `copyreg.__newobj__`, state update) does for an
    object whose state is its `__dict__`, without the detour; a class with its own `__copy__`
    keeps it.
    """
    cls = type(obj)
    if hasattr(cls, "__copy__"):
        return copy.copy(obj)
    new = cls.__new__(cls)
    new.__dict__.update(obj.__dict__)
    return new


class SharedChoicesMixin:
    """Every form made from these fields shares their choices instead of deep-copying them.

    A form deep-copies its fields; a choice field also deep-copies its choices, which for the
    filter sidebar's code lists (a hundred lazily translated labels) was most of the cost of
    building the form on every results page. The choices here are (value, label) pairs of
    strings and lazy strings fixed by the code lists, and nothing changes them in place, so the
    copy keeps the rest of Django's copy (widget, its attributes, error messages, validators)
    and shares the choices. A form that wants other choices assigns new ones, as it must anyway.
    Fields without choices use the same copy: it is Django's, made without copy's generic
    machinery (`_copied`), which was most of what building the form cost after the choices.
    """

    def __deepcopy__(self, memo):
        # Field.__deepcopy__ and Widget.__deepcopy__, without copying the choices (a choice
        # widget would also normalise its copy again, which cost as much as the copy).
        result = _copied(self)
        memo[id(self)] = result
        if isinstance(self.widget, forms.MultiWidget):  # its subwidgets need their own copies
            result.widget = copy.deepcopy(self.widget, memo)
        else:
            result.widget = _copied(self.widget)
            result.widget.attrs = self.widget.attrs.copy()
            memo[id(self.widget)] = result.widget
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


class FieldCopies(dict):
    """A form class's `base_fields` whose deep copy (one per form) copies each field directly.

    `copy.deepcopy` of a dict goes through its memo machinery for every key and field; this
    gives the same dict of `field.__deepcopy__(memo)` copies (names are strings).
    """

    def __deepcopy__(self, memo):
        copies = {}
        memo[id(self)] = copies
        for name, field in self.items():
            copies[name] = (
                copy.deepcopy(field, memo) if id(field) in memo else field.__deepcopy__(memo)
            )
        return copies


class TextField(SharedChoicesMixin, forms.CharField):
    """A text field, copied per form as the others."""


class FlagField(SharedChoicesMixin, forms.BooleanField):
    """A checkbox field, copied per form as the others."""


class SelectField(SharedChoicesMixin, django_filters.fields.ChoiceField):
    """django-filter's choice field (with its empty choice), sharing its choices per form."""


class LenientMultipleChoiceField(SharedChoicesMixin, forms.MultipleChoiceField):
    """Keeps the known codes of a list and drops the rest, as the parser does."""

    widget = CheckboxList

    def to_python(self, value):
        values = super().to_python(value)
        return [value for value in values if self.valid_value(value)]


class WholeNumberField(SharedChoicesMixin, numbers.WholeNumberField):
    """Only plain digits, like the parser: "67" is an age, "67.0" or "+67" is not."""

    widget = NumberInput


class WishField(SharedChoicesMixin, forms.MultipleChoiceField):
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
