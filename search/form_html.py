"""Form widgets of the search forms, rendered in Python instead of one template per widget.

Django renders every widget through templates: input.html and attrs.html for a text field,
select.html plus select_option.html and attrs.html for every option of a select. On the results
page that was a fifth of the filter sidebar's time. `FastWidgetRenderer` builds the same HTML
in Python for the few stock widget templates these forms use, and hands every other template to
Django's own renderer.

The Python is a transcription of those templates, so it is only used while they are exactly the
templates transcribed: on first use the renderer compares the source of each template it would
load with the text below, and renders any template that differs (another Django version, or a
project override) the ordinary way. tests/search/test_form_html.py holds both renderers to the
same output.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template.defaultfilters import stringformat
from django.template.loader import get_template
from django.utils.html import strip_spaces_between_tags
from django.utils.safestring import SafeData, SafeString, mark_safe

from search.fragments import shown, shown_label

WIDGETS = "django/forms/widgets/"
INPUT = WIDGETS + "input.html"
ATTRS = WIDGETS + "attrs.html"

# The templates as Django 5.2 ships them; a difference turns the Python version of that one off.
ATTRS_SOURCE = (
    "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}"
    "{% endfor %}"
)
INPUT_SOURCE = (
    '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
    "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
    '{% include "django/forms/widgets/attrs.html" %}>\n'
)
SELECT_SOURCE = (
    '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>'
    "{% for group_name, group_choices, group_index in widget.optgroups %}{% if group_name %}\n"
    '  <optgroup label="{{ group_name }}">{% endif %}{% for option in group_choices %}\n'
    "  {% include option.template_name with widget=option %}{% endfor %}{% if group_name %}\n"
    "  </optgroup>{% endif %}{% endfor %}\n"
    "</select>\n"
)
OPTION_SOURCE = (
    "<option value=\"{{ widget.value|stringformat:'s' }}\""
    '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>\n'
)
MULTIWIDGET_SOURCE = (
    "{% spaceless %}{% for widget in widget.subwidgets %}{% include widget.template_name %}"
    "{% endfor %}{% endspaceless %}\n"
)
INPUT_WRAPPER_SOURCE = '{% include "django/forms/widgets/input.html" %}\n'
MULTIPLE_HIDDEN_SOURCE = '{% include "django/forms/widgets/multiwidget.html" %}\n'

# The <input> widgets whose template only includes input.html.
INPUT_WRAPPERS = ("text", "number", "hidden", "checkbox", "email", "url", "password", "search")


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: the filter keeps safe text safe, then it is shown."""
    text = stringformat(value, "s")
    if isinstance(value, SafeData):
        text = mark_safe(text)
    return shown(text)


def _attrs(attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {shown(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _input(renderer, widget) -> str:
    value = widget["value"]
    shown_value = f' value="{_formatted(value)}"' if value is not None else ""
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"'
        f"{shown_value}{_attrs(widget['attrs'])}>\n"
    )


def _input_wrapper(renderer, widget) -> str:
    return renderer.render_widget(INPUT, widget) + "\n"


def _select(renderer, widget) -> str:
    parts = [f'<select name="{shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _group_index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in group_choices:
            parts.append("\n  ")
            parts.append(renderer.render_widget(option["template_name"], option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _option(renderer, widget) -> str:
    return (
        f'<option value="{_formatted(widget["value"])}"{_attrs(widget["attrs"])}>'
        f"{shown_label(widget['label'])}</option>\n"
    )


def _multiwidget(renderer, widget) -> str:
    inner = "".join(
        renderer.render_widget(subwidget["template_name"], subwidget)
        for subwidget in widget["subwidgets"]
    )
    return strip_spaces_between_tags(inner.strip()) + "\n"


def _multiple_hidden(renderer, widget) -> str:
    return renderer.render_widget(WIDGETS + "multiwidget.html", widget) + "\n"


BUILDERS = {
    ATTRS: (ATTRS_SOURCE, None),  # only checked: the others include it
    INPUT: (INPUT_SOURCE, _input),
    WIDGETS + "select.html": (SELECT_SOURCE, _select),
    WIDGETS + "select_option.html": (OPTION_SOURCE, _option),
    WIDGETS + "multiwidget.html": (MULTIWIDGET_SOURCE, _multiwidget),
    WIDGETS + "multiple_hidden.html": (MULTIPLE_HIDDEN_SOURCE, _multiple_hidden),
    **{f"{WIDGETS}{name}.html": (INPUT_WRAPPER_SOURCE, _input_wrapper) for name in INPUT_WRAPPERS},
}
# What each builder relies on besides its own template.
NEEDS = {
    INPUT: (ATTRS,),
    WIDGETS + "select.html": (ATTRS,),
    WIDGETS + "select_option.html": (ATTRS,),
    WIDGETS + "multiple_hidden.html": (WIDGETS + "multiwidget.html",),
    **{f"{WIDGETS}{name}.html": (INPUT,) for name in INPUT_WRAPPERS},
}


class _NotTranscribed(Exception):
    pass


class FastWidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the stock widget templates above done in Python."""

    def __init__(self):
        super().__init__()
        self._usable: dict[str, bool] = {}  # computed once per name; the same every time

    def render(self, template_name, context, request=None):
        builder = self._builder(template_name)
        if builder is not None and set(context) == {"widget"}:
            try:
                # Like the template renderer: the outer template's output is stripped.
                return mark_safe(builder(self, context["widget"]).strip())
            except _NotTranscribed:
                pass
        return super().render(template_name, context, request)

    def render_widget(self, template_name, widget) -> str:
        """What `{% include template_name %}` adds with `widget` in the context (no strip)."""
        builder = self._builder(template_name)
        if builder is None:  # e.g. a custom option template: the outer one uses the engine too
            raise _NotTranscribed(template_name)
        return builder(self, widget)

    def _builder(self, template_name):
        entry = BUILDERS.get(template_name)
        if entry is None or entry[1] is None or not self._is_usable(template_name):
            return None
        return entry[1]

    def _is_usable(self, template_name: str) -> bool:
        usable = self._usable.get(template_name)
        if usable is None:
            usable = self._same_source(template_name) and all(
                self._is_usable(needed) if BUILDERS[needed][1] else self._same_source(needed)
                for needed in NEEDS.get(template_name, ())
            )
            self._usable[template_name] = usable
        return usable

    def _same_source(self, template_name: str) -> bool:
        try:
            source = self.get_template(template_name).template.source
        except Exception:  # not loadable here: leave it to the template engine
            return False
        return source == BUILDERS[template_name][0]


# Our own templates ------------------------------------------------------------------------


class Transcription:
    """One of our templates with a Python version of it, under the same guard as the widgets.

    `build(**context)` returns what the template renders for `context`; it is used only while
    the template's source is exactly `source` (checked once per loaded template, so again after
    templates reload). An edited template renders the ordinary way, slower but right, until the
    Python follows; the tests of each transcription fail meanwhile.
    """

    def __init__(self, template_name: str, source: str, build):
        self.template_name = template_name
        self.source = source
        self.build = build
        self._checked: tuple[object, bool] = (None, False)  # (loaded template, usable)

    def render(self, **context) -> SafeString:
        template = get_template(self.template_name)
        if self._usable(template.template):
            return mark_safe(self.build(**context))
        return template.render(context)

    def is_usable(self) -> bool:
        return self._usable(get_template(self.template_name).template)

    def _usable(self, engine_template) -> bool:
        checked, usable = self._checked
        if checked is not engine_template:
            usable = engine_template.source == self.source
            self._checked = (engine_template, usable)
        return usable


class NotTranscribed(Exception):
    """Raised by a build that cannot render what it was given: the template renders instead."""


class PageTranscription(Transcription):
    """A Transcription of a template rendered with the page's own context (like an include
    without `with`): `build(context)` reads the template Context it is given.

    `render_in(context)` returns the Python version while the template is the transcribed text
    and the build can render the context (else it raises NotTranscribed), and otherwise renders
    the template with that same context, as `{% include %}` would.
    """

    def render_in(self, context) -> SafeString:
        template = get_template(self.template_name)
        if self._usable(template.template):
            try:
                return mark_safe(self.build(context))
            except NotTranscribed:
                pass
        return template.template.render(context)
