from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from residences import geo


def validate_postcode(value: str) -> None:
    if value and not geo.is_valid_postcode(value):
        raise ValidationError(
            _("Vul een Nederlandse postcode in, zoals 3011 AB."), code="invalid_postcode"
        )
