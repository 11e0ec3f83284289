"""Model fields of the catalogue.

CodeListField is a multi-valued code field: a JSON list of taxonomy codes, edited as checkboxes.
A JSON list keeps page revisions and drafts simple on SQLite and PostgreSQL alike. Fast
filtering does not happen here but on the flattened search index (search/indexing.py).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.rich_text import RichTextMaxLengthValidator

from residences.validators import sanitise_rich_text, validate_rich_text_size


class CodeListFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class CodeListField(models.JSONField):
    def __init__(self, *args, code_list=None, **kwargs):
        self.code_list = code_list
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The code list is taxonomy, not schema: changing it needs no migration.
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if self.code_list is None or value in (None, ""):
            return
        if not isinstance(value, list):
            raise ValidationError(_("Kies een of meer waarden uit de lijst."), code="invalid")
        unknown = [code for code in value if code not in self.code_list.values]
        if unknown:
            raise ValidationError(
                _("Onbekende code(s): %(codes)s."),
                code="invalid_choice",
                params={"codes": ", ".join(map(str, unknown))},
            )

    def formfield(self, **kwargs):
        if self.code_list is None:
            return super().formfield(**kwargs)
        defaults = {
            "form_class": CodeListFormField,
            "choices": self.code_list.choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("encoder", "decoder", "max_length"):
            defaults.pop(key, None)
        return form_class(**defaults)


class BoundedRichTextField(RichTextField):
    """Rich text with a text length limit, reduced to its editor features on every clean.

    The editor's form, the import and `save_revision` all clean the model's fields, so this is
    the one place where stored rich text is checked: first its raw size (before any parsing),
    then the feature whitelist, then the text length the editor's character count shows.
    """

    def __init__(self, *args, max_length: int, **kwargs):
        kwargs["max_length"] = max_length
        kwargs.setdefault("validators", [RichTextMaxLengthValidator(max_length)])
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        value = self.to_python(value) or ""
        validate_rich_text_size(value, self.max_length)
        return super().clean(sanitise_rich_text(value, self.features), model_instance)
