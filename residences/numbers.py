"""The one parser for whole numbers that arrive in a request (query string, form, URL).

Python's own tests are too kind for request data: `"²".isdigit()` is true while `int("²")`
raises, and `int()` accepts Arabic-Indic digits, underscores, signs and surrounding spaces.
Only plain ASCII digits, and only a few of them, are a number here; anything else is "not a
number", which the caller reports to the visitor.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Nine digits fit every id, age, page and count we take from a request, and every integer column.
MAX_DIGITS = 9
LARGEST = 10**MAX_DIGITS - 1
_WHOLE_NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")


def parse_whole_number(value, *, minimum: int | None = None, maximum: int | None = None):
    """The number written in `value` as ASCII digits, or None when it is anything else.

    Surrounding spaces are allowed; signs, decimals, other scripts' digits and more than
    MAX_DIGITS digits are not. A number outside minimum..maximum is None too.
    """
    if not isinstance(value, str):
        return None
    text = value.strip(" \t")
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def whole_number(value, *, minimum: int = 0, maximum: int = LARGEST) -> int:
    """As parse_whole_number, for forms: raises a Dutch ValidationError instead of None."""
    number = parse_whole_number(value)
    if number is None:
        raise ValidationError(_("Vul een getal in, bijvoorbeeld 45."), code="invalid")
    if not minimum <= number <= maximum:
        raise ValidationError(
            _("Vul een getal in van %(minimum)s tot en met %(maximum)s."),
            code="out_of_range",
            params={"minimum": minimum, "maximum": maximum},
        )
    return number


class WholeNumberField(forms.IntegerField):
    """Django's IntegerField, reading the request with the parser above.

    IntegerField itself accepts digits of every script ("٤٥" is 45) and a trailing ".0".
    """

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return whole_number(str(value))
        except ValidationError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
